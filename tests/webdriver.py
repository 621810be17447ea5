"""webdriver.py — the few W3C WebDriver calls the report tests and
tools/bench-report need, over chromedriver, with the standard library only
(http.client + json)."""
import http.client
import json
import os
import socket
import subprocess
import tempfile
import time

CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriver:
    def __init__(self, chromedriver, chrome, extra_args=(), size=(1400, 1000)):
        self.port = _free_port()
        self.profile = tempfile.mkdtemp(prefix="enface-wd-")
        self.proc = subprocess.Popen([chromedriver, "--port=%d" % self.port],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.sid = None
        deadline = time.time() + 30
        while True:
            try:
                if self._req("GET", "/status")["value"].get("ready"):
                    break
            except OSError:
                pass
            if time.time() > deadline:
                self.quit()
                raise RuntimeError("chromedriver did not start")
            time.sleep(0.1)
        args = CHROME_ARGS + ["--user-data-dir=" + self.profile,
                              "--window-size=%d,%d" % size] + list(extra_args)
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chrome, "args": args}}}}
        r = self._req("POST", "/session", caps)
        self.sid = r["value"]["sessionId"]

    def _req(self, method, path, body=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
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
        try:
            if self.sid:
                self._req("DELETE", "/session/%s" % self.sid)
        except (OSError, RuntimeError):
            pass
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        subprocess.run(["rm", "-rf", self.profile])


def find_chromedriver():
    for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"):
        if os.access(p, os.X_OK):
            return p
    return None
