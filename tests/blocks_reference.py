#!/usr/bin/env python3
"""Every .md file under ../shared/corpus, read as plain CommonMark (--units
commonmark: the docs-site dialects of read_md.c off), is read into exactly the units
../shared/tools/list_blocks.py defines: same start lines, same kinds, in order.
usage: blocks_reference.py ENFACE"""
import os, shutil, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
shared = os.path.join(os.path.dirname(os.path.dirname(here)), "shared")
sys.path.insert(0, os.path.join(shared, "tools"))
if not os.path.isdir(os.path.join(shared, "corpus")):
    print("skip: ../shared/corpus not found")
    sys.exit(77)
import list_blocks  # noqa: E402
if not shutil.which("cmark"):   # list_blocks.py runs it
    print("skip: cmark missing (Debian package cmark; tools/setup)")
    sys.exit(77)

enface = sys.argv[1]
files = []
for d, _, names in os.walk(os.path.join(shared, "corpus")):
    files += [os.path.join(d, n) for n in names if n.endswith(".md") and n != "SOURCE.md"]
bad = 0
for path in sorted(files):
    want = [(s, k) for s, k, _ in list_blocks.blocks(path)]
    out = subprocess.run([enface, "blocks", "--units", "commonmark", path], capture_output=True, text=True)
    if out.returncode != 0:
        print("FAIL %s: enface exited %d: %s" % (path, out.returncode, out.stderr.strip()))
        bad += 1
        continue
    got = [(int(l.split("\t")[0]), l.split("\t")[1]) for l in out.stdout.splitlines()]
    if got != want:
        diff = next((i for i, (g, w) in enumerate(zip(got, want)) if g != w), min(len(got), len(want)))
        print("FAIL %s: %d units vs %d; first difference at unit %d: enface %s, reference %s"
              % (path, len(got), len(want), diff, got[diff:diff + 1], want[diff:diff + 1]))
        bad += 1
print("%d files, %d differ" % (len(files), bad))
sys.exit(1 if bad or not files else 0)
