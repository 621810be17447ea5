#!/usr/bin/env python3
"""The seed issue (../shared/corpus/akira-zh/issue-34, Chinese only):
`enface check --glossary glossary/ml.tsv zh.md` reports each of 变压器,
变形金刚 and 转换器 for transformer, 报纸 for papers and the `****` markup,
and exits 1.  Skipped (77) when ../shared is absent.

usage: check_seed.py ENFACE ROOT
"""
import json
import os
import subprocess
import sys


def main():
    exe, root = sys.argv[1], sys.argv[2]
    zh = os.path.join(root, "..", "shared", "corpus", "akira-zh", "issue-34", "zh.md")
    if not os.path.exists(zh):
        print("../shared/corpus/akira-zh/issue-34 is absent: skipped")
        return 77
    gl = os.path.join(root, "glossary", "ml.tsv")
    p = subprocess.run([exe, "check", "--no-config", "--glossary", gl, zh], capture_output=True, text=True)
    bad = 0
    if p.returncode != 1:
        print("FAIL exit %d, want 1: %s" % (p.returncode, p.stderr.strip()))
        bad += 1
    if not p.stdout.startswith(zh + ":"):
        print("FAIL text output does not start with the file name: %r" % p.stdout[:100])
        bad += 1
    p = subprocess.run([exe, "check", "--no-config", "--glossary", gl, "--format", "json", zh],
                       capture_output=True, text=True)
    fs = json.loads(p.stdout)["findings"]
    forb = [f for f in fs if f["rule"] == "glossary.forbidden"]
    for word, term in (("变压器", "transformer"), ("变形金刚", "transformer"), ("转换器", "transformer"),
                       ("报纸", "paper")):
        hits = [f for f in forb if word in f["found"] and term in f["term"].lower()]
        if hits:
            print("ok   %s for %s at %d:%d" % (word, term, hits[0]["zh"]["line"], hits[0]["zh"]["col"]))
        else:
            print("FAIL %s for %s not reported" % (word, term))
            bad += 1
    # 报纸 is the "Papers" heading of the table of contents (line 16, column 5)
    if not any(f["found"] == "报纸" and f["zh"]["line"] == 16 and f["zh"]["col"] == 5 for f in forb):
        print("FAIL 报纸 not at 16:5")
        bad += 1
    quads = [f for f in fs if f["rule"] == "markup.damaged" and "****" in f["message"]]
    if quads and quads[0]["zh"]["line"] == 30:
        print("ok   **** reported %d times, first at %d:%d" % (len(quads), quads[0]["zh"]["line"], quads[0]["zh"]["col"]))
    else:
        print("FAIL **** not reported first at line 30: %r" % quads[:1])
        bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
