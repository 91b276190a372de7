"""Real Arena processes for the end-to-end tests: a throwaway database on the shared PostgreSQL,
`arena serve` and `arena judge` started from the built binary, the CLI, and a small JSON client.
Everything here talks to 127.0.0.1 only."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from http.client import HTTPException
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
ADMIN_URL = os.environ.get("ARENA_E2E_DATABASE_URL", "postgres://arena:arena@127.0.0.1:5432/arena")


def free_port():
    """A free TCP port on the loopback address (never 8080)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port != 8080:
            return port


def loopback_only(url):
    host = urllib.parse.urlsplit(url).hostname
    assert host == "127.0.0.1", f"e2e tests talk to 127.0.0.1 only, not {host}"


def psql(url, sql, tries=20):
    """Runs SQL with psql and returns the rows as lists of strings (tab-separated output). A
    failure to connect (the shared server is busy: "too many clients") is tried again."""
    loopback_only(url)
    for attempt in range(tries):
        done = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qAtX", "-F", "\t", "-c", sql],
                              capture_output=True, text=True, timeout=60)
        if done.returncode == 0:
            return [line.split("\t") for line in done.stdout.splitlines() if line]
        if done.returncode != 2 or attempt == tries - 1:  # 2: no connection (1 and 3: the SQL failed)
            raise AssertionError(f"psql {sql!r} exited {done.returncode}: {done.stderr.strip()}")
        time.sleep(0.5)


class Database:
    """A database of its own on the shared PostgreSQL, dropped afterwards."""

    counter = 0

    def __init__(self):
        Database.counter += 1
        self.name = f"arena_e2e_{os.getpid()}_{Database.counter}"
        self.url = ADMIN_URL.rsplit("/", 1)[0] + "/" + self.name
        psql(ADMIN_URL, f"CREATE DATABASE {self.name}")

    def query(self, sql):
        return psql(self.url, sql)

    def scalar(self, sql):
        rows = self.query(sql)
        return rows[0][0] if rows else None

    def drop(self):
        psql(ADMIN_URL, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


class HTTPResult:
    def __init__(self, status, body, headers):
        self.status, self.body, self.headers = status, body, headers

    def json(self):
        return json.loads(self.body)


def http(method, url, body=None, token=None, timeout=15):
    """One request; answers every status (no exception for 4xx/5xx). No answer (refused, reset, cut
    off) raises OSError."""
    loopback_only(url)
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return HTTPResult(response.status, response.read().decode(), response.headers)
    except urllib.error.HTTPError as error:
        return HTTPResult(error.code, error.read().decode(), error.headers)
    except HTTPException as error:  # the answer was cut off (a killed server): no answer
        raise ConnectionError(f"{method} {url}: {error!r}") from error


def wait_until(what, condition, timeout, interval=0.2):
    """Polls `condition` until it returns a truthy value (returned) or `timeout` seconds pass
    (AssertionError naming `what` and the last value)."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = condition()
        if last:
            return last
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}; last value: {last!r}")
        time.sleep(interval)


class Process:
    """A process started in its own session, so that teardown can end it and its children."""

    def __init__(self, args, env, log_path, cwd=REPO):
        self.args, self.log_path = args, Path(log_path)
        self.log = open(self.log_path, "ab")
        self.popen = subprocess.Popen(args, env=env, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, start_new_session=True)

    @property
    def pid(self):
        return self.popen.pid

    def alive(self):
        return self.popen.poll() is None

    def kill(self, sig=signal.SIGKILL):
        """Sends `sig` to the process itself (not its group), as a crash or an operator would."""
        if self.alive():
            os.kill(self.popen.pid, sig)
        if sig == signal.SIGKILL:
            self.popen.wait(timeout=30)

    def terminate(self):
        if self.alive():
            self.popen.send_signal(signal.SIGTERM)

    def stop(self):
        """Ends the process (SIGTERM, then SIGKILL after 15 s) and whatever is left of its group."""
        if self.alive():
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=15)
        try:
            os.killpg(self.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.log.close()

    def tail(self, lines=40):
        self.log.flush()
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])


class Site:
    """One Arena installation for one test: its database, data folder and processes."""

    def __init__(self, binary, folder):
        self.binary, self.folder = binary, Path(folder)
        self.folder.chmod(0o755)  # the sandbox user must reach the judges' build folders below it
        self.db = Database()
        self.data = self.folder / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.processes = []

    def env(self, extra=None):
        env = dict(os.environ)
        env.update({"ARENA_DATABASE_URL": self.db.url, "ARENA_DATA_DIR": str(self.data), "ARENA_RESOURCES": str(REPO),
                    "ARENA_HOST": "127.0.0.1", "LOG_LEVEL": env.get("LOG_LEVEL", "info")})
        env.pop("ARENA_PORT", None)
        env.update(extra or {})
        return env

    def cli(self, *args, stdin=None):
        """Runs `arena ARGS…` to completion and returns its standard output."""
        done = subprocess.run([str(self.binary), *args], env=self.env(), cwd=REPO, input=stdin, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, f"arena {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def import_examples(self):
        self.cli("problems", "import", str(EXAMPLES))
        self.cli("contest", "import", str(EXAMPLES / "contest"), "--start-now")

    def create_user(self, name, password, role):
        self.cli("user", "create", name, "--role", role, "--password-stdin", stdin=password + "\n")

    def serve(self, judges=1, env=None, log="server.log"):
        """Starts `arena serve` on this site's port and waits until it is ready."""
        process = Process([str(self.binary), "serve", "--port", str(self.port), "--judges", str(judges)],
                          self.env(env), self.folder / log)
        self.processes.append(process)
        self.wait_ready(process)
        return process

    def wait_ready(self, process, timeout=90):
        def ready():
            assert process.alive(), f"arena serve exited with {process.popen.returncode}:\n{process.tail()}"
            try:
                return http("GET", self.url + "/readyz", timeout=5).status == 200
            except OSError:
                return False
        wait_until("the server to answer /readyz", ready, timeout)

    def judge(self, name, token, log):
        """Starts an `arena judge` worker process against this site."""
        cache = self.folder / ("cache-" + name)
        process = Process([str(self.binary), "judge", "--server", self.url, "--token", token, "--name", name,
                           "--cache-dir", str(cache)], self.env(), self.folder / log)
        self.processes.append(process)
        return process

    def token(self, username, password):
        """An access token for a user (JSON API)."""
        answer = http("POST", self.url + "/api/v1/auth/token", {"username": username, "password": password})
        assert answer.status == 200, f"login of {username}: {answer.status} {answer.body}"
        return answer.json()["access_token"]

    def contestant(self, username, password="e2e-password-1", contest="demo"):
        """Registers a contestant through the API, registers them for `contest`, returns a token."""
        answer = http("POST", self.url + "/api/v1/auth/register", {"username": username, "password": password})
        assert answer.status == 201, f"register {username}: {answer.status} {answer.body}"
        token = self.token(username, password)
        answer = http("POST", self.url + f"/api/v1/contests/{contest}/register", token=token)
        assert answer.status in (200, 201, 204), f"contest registration of {username}: {answer.status} {answer.body}"
        return token

    def close(self):
        # SIGTERM to all at once, then wait: servers drain long-polls for up to 10 s each.
        for process in self.processes:
            process.terminate()
        for process in reversed(self.processes):
            process.stop()
        self.db.drop()
