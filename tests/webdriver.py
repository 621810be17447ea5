"""webdriver.py — the few W3C WebDriver calls the report tests and
tools/bench-report need, over chromedriver, with the standard library only
(http.client + json).

Chromium talks to chromedriver over --remote-debugging-pipe, not a port:
with a port, chromedriver opens its DevTools WebSocket to "localhost", and
where that name does not resolve (a debootstrap chroot has no /etc/hosts)
the session fails with "session not created from disconnected: unable to
connect to renderer", although Chromium itself runs (tools/fresh-test).

chromedriver runs in a process group of its own with Chromium under it;
quit() (also called when the session cannot be created) kills the whole
group, and chromedriver gets SIGKILL when the test process dies, so nothing
outlives a test however it ends."""
import ctypes
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--remote-debugging-pipe"]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent():
    """In the child, before exec: SIGKILL when the parent dies (PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def start_group(cmd, **kw):
    """Popen CMD as the leader of a new process group that kill_group ends,
    and that gets SIGKILL if this process dies first."""
    return subprocess.Popen(cmd, start_new_session=True, preexec_fn=_die_with_parent, **kw)


def kill_group(proc):
    """SIGTERM, then SIGKILL, to the group PROC leads (start_group), until no
    member is left (Chromium's helpers included); PROC itself is reaped."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        deadline = time.time() + 5
        while time.time() < deadline:
            proc.poll()   # reap the leader, so that only live members count
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)


class WebDriver:
    def __init__(self, chromedriver, chrome, extra_args=(), size=(1400, 1000)):
        self.port = _free_port()
        self.profile = tempfile.mkdtemp(prefix="enface-wd-")
        self.sid = None
        self.proc = start_group([chromedriver, "--port=%d" % self.port],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + 30
            while True:
                try:
                    if self._req("GET", "/status", timeout=5)["value"].get("ready"):
                        break
                except OSError:
                    pass
                if time.time() > deadline:
                    raise RuntimeError("chromedriver did not start")
                time.sleep(0.1)
            args = CHROME_ARGS + ["--user-data-dir=" + self.profile,
                                  "--window-size=%d,%d" % size] + list(extra_args)
            caps = {"capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {"binary": chrome, "args": args}}}}
            r = self._req("POST", "/session", caps)
            self.sid = r["value"]["sessionId"]
        except BaseException:
            self.quit()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.quit()

    def _req(self, method, path, body=None, timeout=300):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        data = json.dumps(body).encode() if body is not None else None
        c.request(method, path, body=data, headers={"Content-Type": "application/json"})
        r = json.loads(c.getresponse().read() or b"{}")
        c.close()
        if isinstance(r.get("value"), dict) and r["value"].get("error"):
            raise RuntimeError("webdriver: %s: %s" % (r["value"]["error"], r["value"].get("message", "")[:300]))
        return r

    def get(self, url):
        self._req("POST", "/session/%s/url" % self.sid, {"url": url})

    def js(self, script, *args):
        return self._req("POST", "/session/%s/execute/sync" % self.sid,
                         {"script": script, "args": list(args)})["value"]

    def key(self, k):
        self._req("POST", "/session/%s/actions" % self.sid, {"actions": [{
            "type": "key", "id": "keyboard",
            "actions": [{"type": "keyDown", "value": k}, {"type": "keyUp", "value": k}]}]})

    def cdp(self, cmd, params=None):
        """A Chrome DevTools command (chromedriver's extension endpoint)."""
        return self._req("POST", "/session/%s/goog/cdp/execute" % self.sid,
                         {"cmd": cmd, "params": params or {}})["value"]

    def quit(self):
        """End the session, then chromedriver's whole process group; idempotent."""
        try:
            if self.sid and self.proc.poll() is None:
                self._req("DELETE", "/session/%s" % self.sid, timeout=10)
        except (OSError, RuntimeError, ValueError):
            pass
        self.sid = None
        kill_group(self.proc)
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        shutil.rmtree(self.profile, ignore_errors=True)


def find_chromedriver():
    for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"):
        if os.access(p, os.X_OK):
            return p
    return None
