"""Headless Chromium (Debian's `chromium` with `/usr/bin/chromedriver`) for the browser tests,
and explicit waits on what the page shows."""

import os
import shutil

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = os.environ.get("ARENA_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("ARENA_E2E_CHROMEDRIVER", "/usr/bin/chromedriver")

# Page waits; judging waits are longer because judges share the machine's run slots.
PAGE = 30
JUDGING = 180

# Runs before every document: a load id (a reload makes a new one) and a log of what the
# status box and the standings table showed, recorded by a MutationObserver, so a test can
# tell "changed in place" from "reloaded" and see the first state even if it changed fast.
RECORDER = r"""
(function () {
  window.__e2eLoad = Math.random().toString(36).slice(2);
  var statuses = window.__e2eStatuses = [];
  function record() {
    var box = document.getElementById("status");
    if (!box) return;
    var line = box.querySelector(".verdict-line");
    var text = (box.getAttribute("data-done") || "") + "|" + (line ? line.textContent.replace(/\s+/g, " ").trim() : "");
    if (statuses[statuses.length - 1] !== text) statuses.push(text);
  }
  new MutationObserver(record).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  document.addEventListener("DOMContentLoaded", record);
})();
"""


def open_chromium(profile):
    """A headless Chromium session with its own profile, quiet on the network (loopback pages only)."""
    for path in (CHROMIUM, CHROMEDRIVER):
        assert shutil.which(path), f"{path} is missing: ./scripts/setup installs Debian's chromium and chromium-driver"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
                 f"--user-data-dir={profile}", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
                 "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--no-pings",
                 "--metrics-recording-only", "--password-store=basic", "--disable-features=Translate,OptimizationHints,MediaRouter"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
    return driver


def wait(driver, timeout=PAGE):
    return WebDriverWait(driver, timeout, poll_frequency=0.1)


def visible(driver, css, timeout=PAGE):
    """Waits for an element matching `css` to be visible and returns it."""
    return wait(driver, timeout).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)),
                                       f"no visible {css!r} on {driver.current_url} after {timeout} s")


def text_in(driver, css, text, timeout=PAGE):
    """Waits until an element matching `css` contains `text`."""
    wait(driver, timeout).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text),
                                f"{css!r} never contained {text!r} on {driver.current_url} within {timeout} s")


def at_path(driver, pattern, timeout=PAGE):
    """Waits until the page's path matches the regular expression `pattern`; returns the match."""
    import re
    from urllib.parse import urlsplit

    def matches(d):
        return re.fullmatch(pattern, urlsplit(d.current_url).path)
    return wait(driver, timeout).until(matches, f"never reached a path like {pattern!r} (at {driver.current_url})")


def fill(driver, name, value, form="main form"):
    """Types `value` into the named field of a form, as a user does."""
    field = driver.find_element(By.CSS_SELECTOR, f'{form} [name="{name}"]')
    field.clear()
    field.send_keys(value)


def load_id(driver):
    return driver.execute_script("return window.__e2eLoad")
