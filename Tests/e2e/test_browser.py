"""A contestant, a spectator and the jury use a real `arena serve` through headless Chromium.

The jury first moves the demo contest into its frozen last hour (the admin form), so that the
spectator's public standings hide the contestant's result ("?1") until the jury unfreezes."""

from datetime import datetime, timedelta, timezone

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from arena import EXAMPLES, http
from browser import JUDGING, at_path, fill, load_id, text_in, visible, wait

pytestmark = pytest.mark.browser

DEMO_PROBLEMS = "A sumtwo\nB lifeguard\nC roundtable\nD parade\nE summits\nF heavycoin"


def log_in(driver, base, username, password):
    driver.get(base + "/login")
    fill(driver, "username", username, form='form[action="/login"]')
    fill(driver, "password", password, form='form[action="/login"]')
    driver.find_element(By.CSS_SELECTOR, 'form[action="/login"] button[type="submit"]').click()
    visible(driver, ".who .me")


def standings_cell(driver, username, label_index=0):
    """(text, classes) of the contestant's cell for the problem at `label_index`, or None. Read
    in one script: the socket replaces rows at any moment, which would stale element handles."""
    return driver.execute_script("""
        var rows = document.querySelectorAll("#standings tbody tr");
        for (var i = 0; i < rows.length; i++) {
          var cells = rows[i].cells;
          if (cells.length > 4 + arguments[1] && cells[1].textContent.trim() === arguments[0]) {
            var cell = cells[4 + arguments[1]], small = cell.querySelector("small");
            var text = cell.textContent.slice(0, cell.textContent.length - (small ? small.textContent.length : 0)).trim();
            return [text, cell.className.split(/\\s+/)];
          }
        }
        return null;""", username, label_index)


def wait_cell(driver, username, text, css, timeout=JUDGING):
    def shows(d):
        cell = standings_cell(d, username)
        return cell is not None and cell[0] == text and css in cell[1]
    wait(driver, timeout).until(shows, f"{username}'s cell A never showed {text!r} ({css}) on {driver.current_url}; "
                                       f"last: {standings_cell(driver, username)}")


def move_demo_into_its_freeze(jury, base):
    """The jury re-saves the demo contest with a start 4.5 hours ago: 30 minutes left, frozen."""
    jury.get(base + "/admin/contests")
    form = 'form[action="/admin/contests"]'
    start = (datetime.now(timezone.utc) - timedelta(hours=4, minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    for name, value in (("id", "demo"), ("name", "Arena Demo Contest"), ("start", start), ("duration", "5:00:00"),
                        ("freeze", "1:00:00"), ("penalty", "20"), ("problems", DEMO_PROBLEMS)):
        fill(jury, name, value, form=form)
    Select(jury.find_element(By.CSS_SELECTOR, f'{form} select[name="scoring"]')).select_by_value("icpc")
    save = jury.find_element(By.CSS_SELECTOR, f'{form} button[type="submit"]')
    save.click()
    wait(jury).until(EC.staleness_of(save), "saving the contest did not load a new page")
    at_path(jury, "/admin/contests")
    assert not jury.find_elements(By.CSS_SELECTOR, "p.error"), jury.find_element(By.CSS_SELECTOR, "p.error").text
    text_in(jury, 'form[action="/admin/contests/demo/unfreeze"] button', "on — unfreeze")
    return start


def test_contestant_spectator_and_jury(site, browsers):
    site.serve(judges=1)
    base = site.url
    username, display, password = "ada", "Ada L.", "ada-password-1"

    jury = browsers("jury")
    log_in(jury, base, *site.admin)
    start = move_demo_into_its_freeze(jury, base)
    saved = http("GET", base + "/api/v1/contests/demo").json()["start_time"]
    assert saved.replace(".000", "") == start, f"the contest starts at {saved}, not at {start}"

    # A spectator (not logged in) follows the standings over the WebSocket.
    spectator = browsers("spectator")
    spectator.get(base + "/contests/demo/standings")
    text_in(spectator, "#standings-live", "Live: updates as results arrive.")
    spectator_load = load_id(spectator)
    assert standings_cell(spectator, username) is None

    # The contestant registers (which logs them in), logs out, and logs in again.
    me = browsers("contestant")
    me.get(base + "/")
    me.find_element(By.CSS_SELECTOR, '.who a[href="/register"]').click()
    at_path(me, "/register")
    for name, value in (("username", username), ("display_name", display), ("password", password), ("password2", password)):
        fill(me, name, value, form='form[action="/register"]')
    me.find_element(By.CSS_SELECTOR, 'form[action="/register"] button[type="submit"]').click()
    text_in(me, ".who .me", display)
    me.find_element(By.CSS_SELECTOR, 'form[action="/logout"] button').click()
    visible(me, '.who a[href="/login"]').click()
    at_path(me, "/login")
    fill(me, "username", username, form='form[action="/login"]')
    fill(me, "password", password, form='form[action="/login"]')
    me.find_element(By.CSS_SELECTOR, 'form[action="/login"] button[type="submit"]').click()
    text_in(me, ".who .me", display)

    # …registers for the demo contest, and opens problem A: KaTeX has rendered its math.
    me.find_element(By.CSS_SELECTOR, 'header nav a[href="/contests"]').click()
    visible(me, 'a[href="/contests/demo"]').click()
    at_path(me, "/contests/demo")
    me.find_element(By.CSS_SELECTOR, 'form[action="/contests/demo/register"] button').click()
    text_in(me, ".ok-note", "You are registered.")
    me.find_element(By.CSS_SELECTOR, 'table.problems a[href="/contests/demo/problems/A"]').click()
    at_path(me, "/contests/demo/problems/A")
    visible(me, ".statement .katex .katex-html")
    statement = me.find_element(By.CSS_SELECTOR, ".statement")
    assert len(statement.find_elements(By.CSS_SELECTOR, ".katex")) >= 3, "the statement's inline math was not all rendered"
    assert "\\(" not in statement.text, "raw math delimiters are left in the statement"

    # …submits a correct C++ solution from the form and watches the verdict arrive in place.
    Select(me.find_element(By.CSS_SELECTOR, 'select[name="language"]')).select_by_value("cpp")
    me.find_element(By.CSS_SELECTOR, 'textarea[name="source"]').send_keys(
        (EXAMPLES / "sumtwo/submissions/accepted/sum.cpp").read_text())
    me.find_element(By.CSS_SELECTOR, 'form[enctype="multipart/form-data"] button[type="submit"]').click()
    submission = at_path(me, r"/submissions/(\d+)").group(1)
    submission_load = load_id(me)
    visible(me, '#status[data-done="true"] .verdict.verdict-AC', timeout=JUDGING)
    statuses = me.execute_script("return window.__e2eStatuses")
    assert load_id(me) == submission_load, "the submission page reloaded instead of updating in place"
    assert statuses[0].startswith("false|"), f"the page was not loaded while judging, so nothing was live: {statuses}"
    assert statuses[-1].startswith("true|Accepted"), statuses

    # The spectator's table moved without a reload; the freeze hides the result from the public.
    wait_cell(spectator, username, "?1", "pending")
    assert load_id(spectator) == spectator_load, "the spectator's standings page reloaded"
    # The contestant's own row stays live.
    me.get(base + "/contests/demo/standings")
    wait_cell(me, username, "+", "first", timeout=30)

    # The jury rejudges every submission of problem A from the jury's submission list.
    jury.get(base + "/contests/demo/submissions")
    fill(jury, "problem", "sumtwo", form="form.filters")
    jury.find_element(By.CSS_SELECTOR, "form.filters button").click()
    rejudge = visible(jury, 'form[action="/contests/demo/submissions/rejudge"] button')
    assert "sumtwo" in rejudge.text
    rejudge.click()
    text_in(jury, ".notice", "Rejudging 1 submission of sumtwo.")
    jury.find_element(By.CSS_SELECTOR, f'a[href="/submissions/{submission}"]').click()
    at_path(jury, f"/submissions/{submission}")
    visible(jury, '#status[data-done="true"] .verdict.verdict-AC', timeout=JUDGING)
    jury.refresh()
    history = [[td.text for td in row.find_elements(By.TAG_NAME, "td")]
               for row in jury.find_elements(By.XPATH, "//h2[.='Judgement history']/following-sibling::div[1]//tbody/tr")]
    assert sorted((row[1], row[3]) for row in history) == [("rejudge", "AC"), ("submitted", "AC")], history

    # The jury lifts the freeze; the spectator's table shows the solve, still without a reload.
    jury.get(base + "/admin/contests")
    jury.find_element(By.CSS_SELECTOR, 'form[action="/admin/contests/demo/unfreeze"] button').click()
    text_in(jury, 'form[action="/admin/contests/demo/unfreeze"] button', "lifted — freeze again")
    wait_cell(spectator, username, "+", "first", timeout=60)
    assert load_id(spectator) == spectator_load, "the spectator's standings page reloaded"
