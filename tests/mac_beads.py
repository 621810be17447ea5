#!/usr/bin/env python3
"""The sentence aligner on MAC-Dev (../shared/bench/mac-dev): for every
document, `enface align --units lines` (with CC-CEDICT when present) must
write beads that cover every line of both files exactly once, in order,
with shapes the aligner knows (up to 1-4/4-1, 2-3/3-2, and 1-5, 1-6 as
(Chinese, English)), and the output
must not depend on which file is given first (up to the sides' order).
Accuracy is measured by tools/eval-mac, not here.  Exit 77 when absent."""
import os, subprocess, sys

enface = sys.argv[1]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
mac = os.path.join(os.path.dirname(root), "shared", "bench", "mac-dev")
cedict = os.path.join(os.path.dirname(root), "shared", "dict", "cedict_ts.u8")
if not os.path.isdir(mac):
    print("skip: %s not found" % mac)
    sys.exit(77)
SHAPES = {(1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (4, 1),
          (2, 3), (3, 2), (1, 5), (1, 6)}


def run(a, b):
    cmd = [enface, "align", "--units", "lines"]
    if os.path.exists(cedict):
        cmd += ["--dict", cedict]
    r = subprocess.run(cmd + [a, b], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("FAIL enface: " + r.stderr)
    beads = []
    for line in r.stdout.splitlines():
        l, rr = line.split(":")
        beads.append(([int(x) for x in l[1:-1].split(",") if x], [int(x) for x in rr[1:-1].split(",") if x]))
    return beads


fail = 0
for doc in sorted(os.listdir(os.path.join(mac, "gold"))):
    zh, en = os.path.join(mac, "zh", doc), os.path.join(mac, "en", doc)
    nz, ne = sum(1 for _ in open(zh)), sum(1 for _ in open(en))
    beads = run(zh, en)
    left = [i for b in beads for i in b[0]]
    right = [i for b in beads for i in b[1]]
    shapes = {(len(b[0]), len(b[1])) for b in beads}
    ok = left == list(range(nz)) and right == list(range(ne)) and shapes <= SHAPES
    swapped = [(b[1], b[0]) for b in run(en, zh)]
    same = swapped == beads
    print("%s %s: %d beads, partition %s, shapes %s, either order %s"
          % ("ok  " if ok and same else "FAIL", doc, len(beads), left == list(range(nz)) and right == list(range(ne)),
             shapes <= SHAPES, same))
    fail |= not (ok and same)
sys.exit(1 if fail else 0)
