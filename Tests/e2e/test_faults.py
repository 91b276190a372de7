"""Faults through real processes: a judge SIGKILLed in the middle of a job, and the server
SIGKILLed in the middle of a submission load and started again. (PostgreSQL is shared by
everyone on the machine and is never stopped here.)"""

import hashlib
import random
import threading
import time
from collections import defaultdict

from arena import EXAMPLES, http, wait_until

# Correct for problem A (sumtwo), but about a quarter of a second per test (wall-clock busy
# wait, well under the 1 s CPU limit): its 13 tests keep a judge busy for several seconds.
SLOW_SUM = r"""
#include <chrono>
#include <iostream>
int main() {
    long long a, b;
    std::cin >> a >> b;
    auto start = std::chrono::steady_clock::now();
    volatile unsigned long spins = 0;
    while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(250)) spins = spins + 1;
    std::cout << a + b << '\n';
}
"""

# Short leases, so that a dead judge's job is claimed again within seconds.
FAST_LEASE = {"ARENA_JUDGE_LEASE": "3"}


def submission(site, token, ident):
    answer = http("GET", f"{site.url}/api/v1/submissions/{ident}", token=token)
    assert answer.status == 200, f"GET submission {ident}: {answer.status} {answer.body}"
    return answer.json()


def cell_of(standings, username, problem):
    for row in standings["rows"]:
        if row["user"] == username:
            return next(c for c in row["cells"] if c["problem"] == problem)
    return None


def test_judge_killed_mid_job_is_judged_again_once(site):
    site.serve(judges=0, env=FAST_LEASE)
    # One token per worker: a judgement records the name of the token that judged it.
    tokens = {name: site.cli("token", "create", "--role", "judge", "--name", name).strip() for name in ("judge-1", "judge-2")}
    token = site.contestant("kim")
    answer = http("POST", site.url + "/api/v1/submissions",
                  {"problem_id": "sumtwo", "contest_id": "demo", "language": "cpp", "source": SLOW_SUM}, token=token)
    assert answer.status == 202, answer.body
    ident = int(answer.json()["id"])

    first = site.judge("judge-1", tokens["judge-1"], "judge-1.log")
    running = wait_until("judge-1 to be running the tests",
                         lambda: (s := submission(site, token, ident))["status"] == "running" and s, timeout=180, interval=0.05)
    first.kill()  # SIGKILL, mid-job
    after_kill = submission(site, token, ident)
    assert after_kill["status"] != "judged", f"the job ended before the kill, so nothing was tested: {after_kill}"
    claimed = site.db.query(f"SELECT state, attempts FROM submissions.judge_jobs WHERE submission_id = {ident}")
    assert claimed == [["claimed", "1"]], f"the job should still be judge-1's claim: {claimed} (status then: {running['progress']})"

    site.judge("judge-2", tokens["judge-2"], "judge-2.log")
    final = wait_until("the submission to be judged again", lambda: (s := submission(site, token, ident))["status"] == "judged" and s,
                       timeout=240)
    assert final["verdict"] == "AC", final

    judgements = site.db.query(f"SELECT verdict, judge FROM submissions.judgements WHERE submission_id = {ident} AND verdict IS NOT NULL")
    assert judgements == [["AC", "judge-2"]], f"exactly one final verdict, from judge-2: {judgements}"
    jobs = site.db.query(f"SELECT state, attempts FROM submissions.judge_jobs WHERE submission_id = {ident}")
    assert len(jobs) == 1 and jobs[0][0] == "done" and int(jobs[0][1]) >= 2, f"one job, claimed again: {jobs}"
    runs = site.db.scalar("SELECT count(*) FROM submissions.test_runs r JOIN submissions.judgements j ON j.id = r.judgement_id "
                          f"WHERE j.submission_id = {ident}")
    assert runs == "13", f"every test recorded once: {runs} runs"

    jury = site.token(*site.admin)
    cell = wait_until("the standings to count the solve",
                      lambda: (c := cell_of(http("GET", site.url + "/api/v1/contests/demo/standings", token=jury).json(), "kim", "sumtwo"))
                      and c["solved"] and c, timeout=60)
    assert cell["attempts"] == 1 and cell["pending"] == 0, cell


class Load:
    """Contestants submitting as fast as the server takes it, each in a thread, until stopped.
    A 202 is an acknowledged submission; a request without an answer (connection refused or
    cut while the server is down) is uncertain: it may or may not be stored."""

    SOURCES = {"AC": (EXAMPLES / "sumtwo/submissions/accepted/sum.cpp").read_text(),
               "WA": (EXAMPLES / "sumtwo/submissions/wrong_answer/int32.cpp").read_text()}

    def __init__(self, site, tokens, limit):
        self.site, self.tokens, self.limit = site, tokens, limit
        self.acknowledged = {}  # id -> (user, source kind)
        self.uncertain = defaultdict(int)  # user -> requests without an answer
        self.refused = []  # other answers while the server was up: failures
        self.restarting = threading.Event()  # while set, an answer other than 202 is uncertain too
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(user, i), daemon=True) for i, user in enumerate(tokens)]

    def run(self, user, seed):
        # Half of the contestants never solve it, so every one of their tries shows in their
        # cell; the others solve it now and then (and later tries no longer count).
        rng, solves = random.Random(seed), seed % 2 == 1
        while not self.stop.is_set():
            with self.lock:
                if len(self.acknowledged) >= self.limit:
                    return
            kind = "AC" if solves and rng.random() < 0.15 else "WA"
            body = {"problem_id": "sumtwo", "contest_id": "demo", "language": "cpp", "source": self.SOURCES[kind]}
            try:
                answer = http("POST", self.site.url + "/api/v1/submissions", body, token=self.tokens[user], timeout=10)
            except OSError:
                with self.lock:
                    self.uncertain[user] += 1
                time.sleep(0.1)  # the server is down: try again shortly
                continue
            except Exception as error:  # a broken harness must fail the test, not end a thread quietly
                with self.lock:
                    self.refused.append((user, "exception", repr(error)))
                return
            with self.lock:
                if answer.status == 202:
                    self.acknowledged[int(answer.json()["id"])] = (user, kind)
                elif self.restarting.is_set():
                    self.uncertain[user] += 1
                else:
                    self.refused.append((user, answer.status, answer.body))

    def count(self):
        with self.lock:
            return len(self.acknowledged)


def expected_cells(rows):
    """ICPC cells from (user, submission id, verdict) rows: tries in submission order up to the
    first AC; WA counts as a rejected try."""
    tries = defaultdict(list)
    for user, ident, verdict in rows:
        tries[user].append((int(ident), verdict))
    cells = {}
    for user, mine in tries.items():
        rejected, solved = 0, False
        for _, verdict in sorted(mine):
            if verdict == "AC":
                solved = True
                break
            rejected += 1
        cells[user] = {"solved": solved, "attempts": rejected + 1 if solved else rejected}
    return cells


def test_server_killed_mid_load_keeps_every_acknowledged_submission(site):
    env = {**FAST_LEASE, "ARENA_SUBMISSION_GAP": "0"}
    server = site.serve(judges=1, env=env)
    users = [f"load{i}" for i in range(6)]
    load = Load(site, {user: site.contestant(user) for user in users}, limit=60)
    for thread in load.threads:
        thread.start()
    wait_until("25 acknowledged submissions", lambda: load.count() >= 25, timeout=120, interval=0.01)
    load.restarting.set()
    server.kill()  # SIGKILL, with requests in flight
    killed_at = load.count()
    server = site.serve(judges=1, env=env, log="server-restarted.log")
    load.restarting.clear()
    for thread in load.threads:
        thread.join(timeout=180)
    load.stop.set()
    assert load.count() >= 60 and killed_at < load.count(), f"the load went on after the restart: {killed_at} then {load.count()}"
    assert not load.refused, f"answers other than 202 while the server was up: {load.refused[:5]}"
    assert sum(load.uncertain.values()) > 0, "no request went unanswered: the kill did not hit the load"

    # Every 202 is stored, as what was sent; nothing is stored twice.
    stored = {int(r[0]): r[1:] for r in site.db.query(
        "SELECT id, username, problem_id, md5(source) FROM submissions.submissions WHERE contest_id = 'demo'")}
    for ident, (user, kind) in load.acknowledged.items():
        assert ident in stored, f"submission {ident} got 202 but is not stored"
        sent = [user, "sumtwo", hashlib.md5(Load.SOURCES[kind].encode()).hexdigest()]
        assert stored[ident] == sent, f"submission {ident} is stored as {stored[ident]}, sent as {sent}"
    for user in users:
        mine = sum(1 for row in stored.values() if row[0] == user)
        sent = sum(1 for u, _ in load.acknowledged.values() if u == user)
        assert sent <= mine <= sent + load.uncertain[user], f"{user}: {mine} stored, {sent} acknowledged, {load.uncertain[user]} uncertain"

    # Everything is judged once, and the standings say what the verdicts say.
    wait_until("every submission to be judged",
               lambda: site.db.scalar("SELECT count(*) FROM submissions.submissions WHERE status <> 'judged'") == "0",
               timeout=300, interval=1)
    doubled = site.db.query("SELECT submission_id FROM submissions.judgements GROUP BY submission_id HAVING count(*) <> 1")
    assert not doubled, f"submissions with more than one judgement: {doubled}"
    verdicts = site.db.query("SELECT s.username, s.id, j.verdict FROM submissions.submissions s "
                             "JOIN submissions.judgements j ON j.submission_id = s.id WHERE s.contest_id = 'demo'")
    assert {v for _, _, v in verdicts} <= {"AC", "WA"}, f"unexpected verdicts: {sorted({v for _, _, v in verdicts})}"
    expected = expected_cells(verdicts)
    jury = site.token(*site.admin)

    def standings_now():
        answer = http("GET", site.url + "/api/v1/contests/demo/standings", token=jury).json()
        seen = {}
        for row in answer["rows"]:
            cell = cell_of(answer, row["user"], "sumtwo")
            if cell["attempts"] or cell["pending"]:
                seen[row["user"]] = {"solved": cell["solved"], "attempts": cell["attempts"], "pending": cell["pending"],
                                     "row solved": row["solved"]}
        return seen

    want = {user: {**cell, "pending": 0, "row solved": int(cell["solved"])} for user, cell in expected.items()}
    try:
        wait_until("the standings to equal the verdicts", lambda: standings_now() == want, timeout=60, interval=0.5)
    except AssertionError:
        raise AssertionError(f"the standings differ from the verdicts:\nexpected {want}\nshown    {standings_now()}") from None
