#!/usr/bin/env python3
"""Every output is valid, on every real pair: `enface check` in each format
(text, json, sarif, github, rdjson), `enface align -f jsonl` and `enface report`
over every pair of ../shared/corpus (hfblog, vue-docs, hello-algo) and
corpus/, Chinese-only checks over akira-zh, and the corpus writers over
hfblog.  Asserts: valid UTF-8 always; JSON and JSONL parse; every JSON
finding and SARIF result has a non-empty message; SARIF validates against
../shared/schemas/sarif-2.1.0.json (python3-jsonschema); TMX is well-formed
XML (xmllint) and the report holds no character XML 1.0 forbids.  A property test over real
data, not one fixture.  Exit 77 when ../shared is absent.

usage: outputs_valid.py ENFACE ROOT
"""
import concurrent.futures
import json
import os
import shutil
import re
import subprocess
import sys

E, ROOT = sys.argv[1], sys.argv[2]
SHARED = os.path.join(ROOT, "..", "shared")
GLOSS = os.path.join(ROOT, "glossary", "ml.tsv")


def pairs():
    out = []
    for top in [os.path.join(SHARED, "corpus", c) for c in ("hfblog", "vue-docs", "hello-algo")] + \
            [os.path.join(ROOT, "corpus")]:
        for d, _, files in os.walk(top):
            if "en.md" in files and "zh.md" in files:
                out.append(d)
    return sorted(out)


def run(argv):
    p = subprocess.run([E] + argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=dict(os.environ, NO_COLOR="1"))
    return p.returncode, p.stdout, p.stderr


def utf8(b):
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_ok(data, html):
    """TMX: well-formed for xmllint.  The report (HTML5, which libxml2's
    HTML4 parser cannot judge): no character XML 1.0 forbids."""
    if html:
        return not BAD_XML_CHARS.search(data.decode())
    p = subprocess.run(["xmllint", "--noout", "--nonet", "-"], input=data,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode == 0


SEVERITY = {"error": "ERROR", "warning": "WARNING", "note": "INFO"}


def rdjson_problems(name, doc, js, files):
    """rdjson against the JSON findings of the same run (one diagnostic per
    finding, in order): message, rule, severity, path, line, byte column."""
    lines = {}

    def byte_col(path, line, col):
        if path not in lines:
            lines[path] = open(files[os.path.basename(path)], encoding="utf-8-sig").read().split("\n")
        return len(lines[path][line - 1][:col - 1].encode()) + 1

    ds = doc.get("diagnostics")
    if doc.get("source", {}).get("name") != "enface" or not isinstance(ds, list):
        return ["%s check rdjson: not a DiagnosticResult" % name]
    if js is None or len(ds) != len(js["findings"]):
        return ["%s check rdjson: %d diagnostics for %s findings"
                % (name, len(ds), len(js["findings"]) if js else "?")]
    for d, f in zip(ds, js["findings"]):
        place = f["zh"] or f["en"]
        start = d["location"]["range"]["start"]
        want = (f["message"], f["rule"], SEVERITY[f["severity"]], place["file"], place["line"],
                byte_col(place["file"], place["line"], place["col"]))
        got = (d.get("message"), d["code"]["value"], d.get("severity"), d["location"]["path"],
               start["line"], start.get("column"))
        if got != want:
            return ["%s check rdjson: %r, want %r" % (name, got, want)]
        rel = d.get("related_locations")
        if f["zh"] and f["en"] and (not rel or rel[0]["location"]["path"] != f["en"]["file"]):
            return ["%s check rdjson: no related location for the original" % name]
    return []


def one(d):
    """Problems found for the pair in folder d."""
    en, zh = os.path.join(d, "en.md"), os.path.join(d, "zh.md")
    name = os.path.relpath(d, SHARED) if d.startswith(SHARED) else os.path.relpath(d, ROOT)
    bad, sarifs, js = [], [], None
    for fmt in ("text", "json", "sarif", "github", "rdjson"):
        rc, out, err = run(["check", "--no-config", "-g", GLOSS, "-f", fmt, en, zh])
        if rc not in (0, 1):
            bad.append("%s check %s: exit %d: %s" % (name, fmt, rc, err[:200]))
            continue
        if not utf8(out):
            bad.append("%s check %s: invalid UTF-8" % (name, fmt))
            continue
        if fmt == "json":
            doc = js = json.loads(out)
            if any(not f.get("message") for f in doc["findings"]):
                bad.append("%s check json: a finding without a message" % name)
        elif fmt == "rdjson":
            bad += rdjson_problems(name, json.loads(out), js, {"en.md": en, "zh.md": zh})
        elif fmt == "sarif":
            doc = json.loads(out)
            sarifs.append((name, doc))
            for r in doc["runs"][0]["results"]:
                if not r.get("message", {}).get("text"):
                    bad.append("%s check sarif: a result without message text" % name)
                    break
    rc, out, err = run(["align", "-f", "jsonl", "--explain", en, zh])
    if rc != 0 or not utf8(out):
        bad.append("%s align jsonl: exit %d or invalid UTF-8" % (name, rc))
    else:
        for line in out.decode().splitlines():
            json.loads(line)
    rc, out, err = run(["report", "--no-config", "-g", GLOSS, en, zh])
    if rc != 0 or not utf8(out):
        bad.append("%s report: exit %d or invalid UTF-8" % (name, rc))
    elif not xml_ok(out, True):
        bad.append("%s report: a character XML 1.0 forbids" % name)
    return bad, sarifs


def main():
    if not shutil.which("xmllint"):
        print("skip: xmllint missing (Debian package libxml2-utils; tools/setup --test)")
        return 77
    if not os.path.isdir(os.path.join(SHARED, "corpus")):
        print("skip: ../shared/corpus not found")
        return 77
    try:
        import jsonschema
        schema = json.load(open(os.path.join(SHARED, "schemas", "sarif-2.1.0.json")))
        validator = jsonschema.Draft7Validator(schema)
    except ImportError:
        print("note: python3-jsonschema missing (tools/setup --test): SARIF not schema-checked")
        validator = None
    ps = pairs()
    bad, nsarif = [], 0
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        for b, sarifs in ex.map(one, ps):
            bad += b
            for name, doc in sarifs:
                nsarif += 1
                if validator:
                    errs = list(validator.iter_errors(doc))
                    if errs:
                        bad.append("%s check sarif: schema: %s" % (name, errs[0].message[:200]))
    for top in sorted(os.listdir(os.path.join(SHARED, "corpus", "akira-zh"))):
        zh = os.path.join(SHARED, "corpus", "akira-zh", top, "zh.md")
        if os.path.exists(zh):
            for fmt in ("text", "json", "github"):
                rc, out, err = run(["check", "--no-config", "-g", GLOSS, "-f", fmt, zh])
                if rc not in (0, 1) or not utf8(out):
                    bad.append("akira-zh/%s check %s: exit %d or invalid UTF-8" % (top, fmt, rc))
                elif fmt == "json":
                    json.loads(out)
    # the same files as a repository without originals, one command
    ak = os.path.join(SHARED, "corpus", "akira-zh")
    nak = sum(os.path.exists(os.path.join(ak, t, "zh.md")) for t in os.listdir(ak))
    for fmt in ("sarif", "json"):
        rc, out, err = run(["check", "--no-config", "-g", GLOSS, "--pairs", "={name}/zh.md",
                            "--root", ak, "-f", fmt])
        if rc not in (0, 1) or not utf8(out):
            bad.append("akira-zh repository check %s: exit %d or invalid UTF-8" % (fmt, rc))
            continue
        doc = json.loads(out)
        if fmt == "json" and len(doc["files"]) != nak:
            bad.append("akira-zh repository check json: %d files, not %d" % (len(doc["files"]), nak))
        if fmt == "sarif":
            nsarif += 1
            if len(doc["runs"]) != 1:
                bad.append("akira-zh repository check sarif: %d runs" % len(doc["runs"]))
            if validator:
                errs = list(validator.iter_errors(doc))
                if errs:
                    bad.append("akira-zh repository check sarif: schema: %s" % errs[0].message[:200])
    hf = os.path.join(SHARED, "corpus", "hfblog")
    for fmt in ("jsonl", "tsv", "tmx", "po"):
        rc, out, err = run(["corpus", "-f", fmt, "--skipped", "/dev/null", hf])
        if rc != 0 or not utf8(out):
            bad.append("corpus hfblog %s: exit %d or invalid UTF-8" % (fmt, rc))
        elif fmt == "jsonl":
            for line in out.decode().splitlines():
                t = json.loads(line)["translation"]
                if not (isinstance(t.get("en"), str) and isinstance(t.get("zh"), str)):
                    bad.append("corpus hfblog jsonl: a line without translation.en/zh")
                    break
        elif fmt == "tmx" and not xml_ok(out, False):
            bad.append("corpus hfblog tmx: not well-formed XML")
        elif fmt == "po" and shutil.which("msgfmt"):
            m = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", "-"], input=out,
                               capture_output=True)
            if m.returncode != 0:
                bad.append("corpus hfblog po: msgfmt --check: %s" % m.stderr.decode()[:300])
    for b in bad:
        print("FAIL " + b)
    print("%s %d pairs in 5 formats + align + report, %d SARIF files%s, akira-zh, corpus: %d problems"
          % ("ok  " if not bad else "FAIL", len(ps), nsarif,
             " schema-checked" if validator else "", len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
