"""Fixtures of the end-to-end tests: a real Arena site per test and headless Chromium sessions.
On failure, each test's server and judge logs and a screenshot and the HTML of every browser
session are kept in .e2e-artifacts/<test>/ at the top of the checkout."""

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from arena import REPO, Site

ARTIFACTS = REPO / ".e2e-artifacts"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives headless Chromium")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    # These tests are CI's: a skip is a failure, with its reason.
    if report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped, which the e2e run does not allow: {call.excinfo.value if call.excinfo else report.longrepr}"
    setattr(item, "report_" + report.when, report)


def failed(node):
    return any(getattr(node, "report_" + when, None) is not None and getattr(node, "report_" + when).failed
               for when in ("setup", "call"))


def artifacts_for(node):
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", node.nodeid)
    shutil.rmtree(folder, ignore_errors=True)
    return folder


@pytest.fixture(scope="session")
def arena_binary():
    path = os.environ.get("ARENA_BIN")
    if not path or not Path(path).is_file():
        pytest.fail(f"ARENA_BIN must name the built arena binary (got {path!r}); scripts/e2e sets it")
    return Path(path)


@pytest.fixture
def site(request, arena_binary):
    """A fresh Arena site: its own database and data folder, the examples imported, an admin."""
    keep = artifacts_for(request.node)
    folder = Path(tempfile.mkdtemp(prefix="arena-e2e-"))
    made = Site(arena_binary, folder)
    try:
        made.import_examples()
        made.admin = ("jury", "jury-password-1")
        made.create_user(*made.admin, role="admin")
        yield made
    finally:
        try:
            made.close()
        finally:
            if failed(request.node):
                keep.mkdir(parents=True, exist_ok=True)
                for log in folder.glob("*.log"):
                    shutil.copy(log, keep / log.name)
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def browsers(request):
    """Opens named headless Chromium sessions (each with its own profile: its own cookies)."""
    from browser import open_chromium

    keep = artifacts_for(request.node)
    sessions = {}
    profiles = []

    def open_session(name):
        profile = tempfile.mkdtemp(prefix=f"arena-e2e-chromium-{name}-")
        profiles.append(profile)
        sessions[name] = open_chromium(profile)
        return sessions[name]

    yield open_session
    failing = failed(request.node)
    for name, driver in sessions.items():
        try:
            if failing:
                keep.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(keep / f"{name}.png"))
                (keep / f"{name}.html").write_text(f"<!-- {driver.current_url} -->\n" + driver.page_source)
        finally:
            driver.quit()
    for profile in profiles:
        shutil.rmtree(profile, ignore_errors=True)
