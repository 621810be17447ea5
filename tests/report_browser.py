#!/usr/bin/env python3
"""The report as a person sees it: pages rendered in headless Chromium.

usage: report_browser.py ENFACE REPORT_FIXTURE ROOT

1. A corpus/ pair with findings (made by tests/report_fixture.c): a
   screenshot (to a temporary folder), then the DOM after the page's script
   ran: one row per bead of `enface align`, every finding in the list and in
   its row, the plot with one mark per bead, the script allowed by the CSP.
2. XSS: inputs full of payloads; no payload runs (title unchanged, no
   injected element or attribute, no unsafe href), the payload text is on
   the page as text, and a script injected into the page afterwards is
   blocked by the page's Content-Security-Policy.
3. Dark colour scheme: the background turns dark under prefers-color-scheme.
4. Keyboard and filters, driven through chromedriver (tests/webdriver.py):
   j/n and k/p move between findings, a rule or severity filter hides its
   findings and the keys skip them, the row view hides rows; the print
   style (emulated) drops the controls and prints every row.

Standard library only.  Exit 77 (skip) when Chromium is not installed.
"""
import html.parser
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webdriver  # noqa: E402

# meson's timeout (and a developer's kill) is SIGTERM: exit through the
# finally blocks, which stop every browser process this test started
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
signal.signal(signal.SIGHUP, lambda *_: sys.exit(129))

ENFACE, FIXTURE, ROOT = sys.argv[1:4]
CHROME = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome"))
               if p), None)
if not CHROME:
    print("skip: chromium missing (Debian package chromium; tools/setup --test)")
    sys.exit(77)

TMP = tempfile.mkdtemp(prefix="enface-report-test-")
failures = 0


def check(cond, what):
    global failures
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures += 1


def chrome(url, *args):
    profile = tempfile.mkdtemp(dir=TMP)
    cmd = [CHROME, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
           *args, url]
    p = webdriver.start_group(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=dict(os.environ, HOME=profile))
    try:
        return p.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        check(False, "chromium finished within 180 s: " + " ".join(args))
        return "", ""
    finally:
        webdriver.kill_group(p)   # the browser's helpers too, on every path


class Dom(html.parser.HTMLParser):
    """Elements (tag, attrs, ancestors) and text of a serialized DOM."""
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements, self.stack, self.texts, self.title = [], [], [], ""
        self.marked = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a, list(self.stack)))
        if tag not in self.VOID:
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        self.texts.append(data)
        # text inside finding highlights, per block (div.part id)
        if any(t == "mark" and "f" in (a.get("class") or "").split() for t, a in self.stack):
            part = next((a.get("id") for t, a in reversed(self.stack)
                         if t == "div" and "part" in (a.get("class") or "").split()), None)
            self.marked[part] = self.marked.get(part, "") + data
        if self.stack and self.stack[-1][0] == "title":
            self.title += data

    def text(self):
        return "".join(self.texts)

    def find(self, pred):
        return [e for e in self.elements if pred(*e)]


def classes(a):
    return (a.get("class") or "").split()


def inside(anc, tag, **attrs):
    return any(t == tag and all(a.get(k) == v for k, v in attrs.items()) for t, a in anc)


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def png_pixel(path, x, y):
    """RGB of one pixel of an 8-bit RGB/RGBA PNG (what Chromium writes)."""
    data = open(path, "rb").read()
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            bpp = {2: 3, 6: 4}[ctype]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, prev = zlib.decompress(idat), w * bpp, bytearray(w * bpp)
    for row in range(y + 1):
        f, line = raw[row * (stride + 1)], bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
    return tuple(prev[x * bpp:x * bpp + 3])


# ---------------------------------------------------------------- 1. corpus pair
en, zh = (os.path.join(ROOT, "corpus", "issue-101", f) for f in ("en.md", "zh.md"))
page = os.path.join(TMP, "issue-101.html")
messages = run(FIXTURE, en, zh, page).splitlines()
n_beads = len(run(ENFACE, "align", en, zh).splitlines())
shot = os.path.join(TMP, "issue-101.png")
chrome("file://" + page, "--window-size=1400,2000", "--screenshot=" + shot)
check(os.path.exists(shot) and os.path.getsize(shot) > 20000, "screenshot written to " + shot)
out, err = chrome("file://" + page, "--dump-dom")
dom = Dom(out)
rows = dom.find(lambda t, a, anc: t == "div" and "row" in classes(a) and inside(anc, "main", id="rows"))
check(len(rows) == n_beads, f"rows {len(rows)} == beads {n_beads}")
check(dom.find(lambda t, a, anc: t == "html" and a.get("data-js") == "ready") != [],
      "the page's own script ran (its hash is in the CSP)")
text = dom.text()
check(all(m in text for m in messages) and len(messages) > 3,
      f"every finding's message is on the page ({len(messages)})")
listed = dom.find(lambda t, a, anc: t == "li" and inside(anc, "section", id="findings"))
check(len(listed) == len(messages), f"findings list has {len(listed)} of {len(messages)}")
in_rows = dom.find(lambda t, a, anc: t == "li" and "fn" in classes(a) and inside(anc, "main", id="rows"))
check(len(in_rows) == len(messages) - 1, "every placed finding has a note in its row")
marks = dom.find(lambda t, a, anc: t == "mark" and "f" in classes(a))
check(len(marks) >= len(messages) - 1, "findings highlighted in the text")
ids = {a.get("id") for t, a, anc in dom.elements}
links = [a["href"] for t, a, anc in dom.find(
    lambda t, a, anc: t == "a" and inside(anc, "section", id="findings"))]
check(links and all(h[1:] in ids for h in links), "findings list links to places that exist")
circles = dom.find(lambda t, a, anc: t == "circle" and inside(anc, "svg"))
check(len(circles) == n_beads, f"plot has one mark per bead ({len(circles)})")
plot_links = dom.find(lambda t, a, anc: t == "a" and inside(anc, "svg") and a.get("href", "").startswith("#r"))
check(all(a["href"][1:] in ids for t, a, anc in plot_links) and len(plot_links) == n_beads,
      "plot marks link to rows")
check("Content Security Policy" not in err, "no CSP violation on the corpus page")

# the same pair with the real checks: every finding of `enface check` is on
# the page, and the evidence it found is what is highlighted
import json  # noqa: E402
gloss = os.path.join(ROOT, "glossary", "ml.tsv")
cpage = os.path.join(TMP, "issue-101-check.html")
run(ENFACE, "report", "--no-config", "-g", gloss, "-o", cpage, en, zh)
found = json.loads(subprocess.run([ENFACE, "check", "--no-config", "-f", "json", "-g", gloss, en, zh],
                                  capture_output=True, text=True).stdout)["findings"]  # exit 1: findings
out, err = chrome("file://" + cpage, "--dump-dom")
dom = Dom(out)
text = dom.text()
check(found and all(f["message"] in text for f in found),
      f"every finding of enface check is on the page ({len(found)})")
# block texts, in order, to cut each finding's span out of
zh_text = [ln.split("\t", 2)[2].encode() for ln in run(ENFACE, "blocks", "-w", "0", zh).splitlines()]
spans = [f["zh"] for f in found if f.get("zh") and f["zh"]["text_len"]]
check(spans and all(zh_text[z["block"]][z["text_off"]:z["text_off"] + z["text_len"]].decode()
                    in dom.marked.get("z%d" % (z["block"] + 1), "") for z in spans),
      f"each finding's span is highlighted at its place ({len(spans)} findings)")
terms = dom.find(lambda t, a, anc: t == "mark" and "g" in classes(a))
check(len(terms) > 20, f"glossary terms highlighted ({len(terms)})")

# ---------------------------------------------------------------- 2. XSS
PAYLOADS = [
    "<script>document.title='PWNED'</script>",
    "\"><img src=x onerror=\"document.title='PWNED'\">",
    "'><svg onload=document.body.appendChild(document.createElement('pwned'))>",
    "</textarea><script>document.title='PWNED'</script>",
    "</title><script>document.title='PWNED'</script>",
    "&lt;script&gt;document.title='PWNED'&lt;/script&gt; &amp &#x3C;b &#0; &#xD800;",
    "\u202Egnp.exe \u2066isolate\u2069",
]
md_en = "# Heading \\" + PAYLOADS[0].replace("<", "\\<") + "\n\n"
md_zh = "# 标题 \\" + PAYLOADS[0].replace("<", "\\<") + "\n\n"
for i, p in enumerate(PAYLOADS):
    md_en += f"Para {i} `{p}` and [link](javascript:document.title='PWNED') " \
             f"[x](JAVASCRIPT:alert(1)) [y](java\tscript:alert(1)) {p}\n\n"
    md_zh += f"段落 {i} `{p}` 和 [链接](data:text/html,<script>alert(1)</script>) {p}\n\n"
md_en += "<div onmouseover=\"document.title='PWNED'\"><a href=\"javascript:document.title='PWNED'\">x</a></div>\n\n"
md_zh += "<iframe srcdoc=\"<script>parent.document.title='PWNED'</script>\"></iframe>\n\n"
xen, xzh = os.path.join(TMP, "x-en.md"), os.path.join(TMP, "x-zh.md")
open(xen, "w").write(md_en)
open(xzh, "w").write(md_zh)
xpage = os.path.join(TMP, "xss.html")
run(FIXTURE, xen, xzh, xpage, "--payload", PAYLOADS[0] + " " + PAYLOADS[1] + " " + PAYLOADS[3])
out, err = chrome("file://" + xpage, "--dump-dom")
dom = Dom(out)
check(dom.title.startswith("enface report: ") and "PWNED" not in dom.title,
      "title unchanged: " + dom.title.strip()[:80])
check(dom.find(lambda t, a, anc: t == "html" and a.get("data-js") == "ready") != [],
      "the page's own script ran")
check(not dom.find(lambda t, a, anc: t in ("pwned", "img", "iframe", "object", "embed", "textarea")),
      "no injected element")
check(len(dom.find(lambda t, a, anc: t == "script")) == 1, "one script: the page's own")
check(len(dom.find(lambda t, a, anc: t == "svg")) == 1, "one svg: the plot")
check(not [a for t, a, anc in dom.elements for k in a if k.startswith("on") or k == "srcdoc"],
      "no event-handler attribute")
hrefs = [a.get("href", "") for t, a, anc in dom.find(lambda t, a, anc: t == "a" and "href" in a)]
bad = [h for h in hrefs if ":" in h.split("/")[0].split("?")[0].split("#")[0]
       and not h.lower().startswith(("http:", "https:", "mailto:"))]
check(not bad, "no href with an unsafe scheme " + repr(bad[:3]))
text = dom.text()
for p in PAYLOADS[:5]:
    check(p in text, "payload visible as text: " + p[:40])
check("javascript:document.title='PWNED'" in text, "javascript: link target shown as text")
check("U+202E" in text and "\u202E" not in text, "right-to-left override shown, not obeyed")
check("Content Security Policy" not in err, "no payload even tried to run (no CSP report)")

# a script slipped into the page afterwards: the CSP must stop it
tampered = os.path.join(TMP, "tampered.html")
src = open(xpage, encoding="utf-8").read()
src = src.replace("</body>", "<script>document.documentElement.setAttribute('data-pwned','1')</script>"
                  "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','2')\"></body>")
open(tampered, "w", encoding="utf-8").write(src)
out, err = chrome("file://" + tampered, "--dump-dom")
dom = Dom(out)
check(not dom.find(lambda t, a, anc: t == "html" and "data-pwned" in a), "CSP blocks an injected script")
check("Content Security Policy" in err, "Chromium reports the CSP violation")

# ---------------------------------------------------------------- 3. dark scheme
dark = os.path.join(TMP, "dark.png")
light = os.path.join(TMP, "light.png")
chrome("file://" + page, "--window-size=800,600", "--screenshot=" + light)
chrome("file://" + page, "--window-size=800,600", "--force-dark-mode", "--screenshot=" + dark)
try:
    lp, dp = png_pixel(light, 700, 590), png_pixel(dark, 700, 590)
    check(sum(lp) > 600 and sum(dp) < 150, f"light background {lp}, dark background {dp}")
except (KeyError, OSError, zlib.error, struct.error) as e:
    check(False, f"read screenshots: {e}")

# ---------------------------------------------------------------- 4. keyboard, filters
driver_bin = webdriver.find_chromedriver()
if not driver_bin:
    print("note: chromedriver missing (Debian package chromium-driver; tools/setup --test): keyboard and filter checks not run")
else:
    try:
        wd = webdriver.WebDriver(driver_bin, CHROME)
    except RuntimeError as e:
        wd = None
        check(False, f"chromedriver session: {e}")
if driver_bin and wd:
    try:
        wd.get("file://" + page)
        active = "return document.activeElement && document.activeElement.id"
        wd.key("j")
        check(wd.js(active) == "f1", "j goes to the first finding")
        wd.key("n")
        check(wd.js(active) == "f2", "n goes to the next finding")
        wd.key("k")
        check(wd.js(active) == "f1", "k goes back")
        wd.key("p")
        last = wd.js("var l = document.querySelectorAll('#rows .fn'); return l[l.length-1].id")
        check(wd.js(active) == last, "p from the first wraps to the last")
        check(wd.js("var r = document.activeElement.getBoundingClientRect();"
                    "return r.top >= 0 && r.bottom <= innerHeight"), "the finding is scrolled into view")
        # filter out rule 1 (fixture.b): its findings are hidden and skipped
        wd.js("var c = document.querySelector('input[data-r=\"1\"]'); c.click();")
        hidden = wd.js("return Array.prototype.every.call(document.querySelectorAll('[data-fr=\"1\"]'),"
                       "function (e) { return e.classList.contains('off'); })")
        check(hidden, "unchecking a rule hides its findings")
        seen = set()
        for _ in range(len(messages)):
            wd.key("j")
            seen.add(wd.js("return document.activeElement.getAttribute('data-fr')"))
        check(seen and "1" not in seen, "j skips filtered findings " + repr(sorted(seen)))
        # the counters count what the filters let through
        n_all = wd.js("return document.querySelectorAll('#findings li').length")
        n_on = wd.js("return document.querySelectorAll('#findings li:not(.off)').length")
        n_r1 = wd.js("return document.querySelectorAll('#findings li[data-fr=\"1\"]').length")
        said = wd.js("return document.getElementById('nshown').textContent")
        check(n_r1 > 0 and n_on == n_all - n_r1 and said == f"{n_on} of {n_all} findings shown",
              f"the findings counter says '{said}' ({n_r1} of {n_all} filtered out)")
        n_rows_on = wd.js("return document.querySelectorAll('#rows .fn:not(.off)').length")
        check(wd.js("return document.getElementById('pos').textContent").endswith(f" of {n_rows_on}"),
              "the position counts the findings shown: "
              + wd.js("return document.getElementById('pos').textContent"))
        # '?' shows the keys, Escape hides them
        check(wd.js("return document.getElementById('keys').getClientRects().length") == 0,
              "the keys are hidden at first")
        wd.key("?")
        check(wd.js("return document.getElementById('keys').getClientRects().length") > 0
              and "next finding" in wd.js("return document.getElementById('keys').textContent"),
              "? shows the keys")
        wd.key("\ue00c")   # Escape
        check(wd.js("return document.getElementById('keys').getClientRects().length") == 0,
              "Escape hides the keys")
        wd.js("document.querySelector('input[data-r=\"1\"]').click();"
              "document.querySelector('input[data-s=\"3\"]').click();")
        check(wd.js("return document.querySelectorAll('#rows .fn.off').length ==="
                    "document.querySelectorAll('#rows .fn[data-fs=\"3\"]').length"),
              "a severity filter hides exactly that severity")
        n_hf = wd.js("return document.querySelectorAll('.row.hf').length")
        wd.js("var v = document.getElementById('view'); v.value = 'f';"
              "v.dispatchEvent(new Event('change'));")
        shown = wd.js("return Array.prototype.filter.call(document.querySelectorAll('.row'),"
                      "function (r) { return r.getClientRects().length > 0; }).length")
        check(shown == n_hf and n_hf > 0, f"row view 'with findings' shows {shown} of {n_hf} rows")
        # print: no toolbar or filters, every row printed in full, plain links
        wd.js("var v = document.getElementById('view'); v.value = '';"
              "v.dispatchEvent(new Event('change'));")
        wd.cdp("Emulation.setEmulatedMedia", {"media": "print"})
        st = wd.js("var cs = function (s) { return getComputedStyle(document.querySelector(s)); };"
                   "return [cs('nav.tools').display, cs('.row').contentVisibility,"
                   "cs('#findings ol').maxHeight, cs('svg.plot').display,"
                   "Array.prototype.filter.call(document.querySelectorAll('.row'),"
                   "function (r) { return r.getClientRects().length > 0; }).length];")
        check(st[:4] == ["none", "visible", "none", "none"] and st[4] == n_beads,
              f"print style: {st}")
    finally:
        wd.quit()

print(f"screenshots and pages in {TMP}")
if failures == 0:
    shutil.rmtree(TMP, ignore_errors=True)
sys.exit(1 if failures else 0)
