#!/usr/bin/env python3
"""The wings of libenface and what each may use (docs/architecture.md),
checked two ways:

1. includes: a file of wing W that includes the public header of a wing it
   may not use fails to compile, and one it may use compiles (the ENF_WING
   guards of include/enface/*.h);
2. calls: in the built wing libraries, every symbol a wing's objects use
   from another wing comes from a wing it may use (nm), so there is no
   circle and no arrow back up.  And libenface.so exports only enf_ names.

usage: layering.py BUILD_DIR SOURCE_ROOT CC
"""
import os
import shutil
import subprocess
import sys
import tempfile

# the picture of docs/architecture.md: wing -> the wings it may use
USES = {
    "model": set(),
    "read": {"model"},
    "terms": {"model", "read"},
    "align": {"model", "terms"},
    "check": {"model", "read", "terms", "align"},
    "write": {"model", "terms", "align"},
    "report": {"model", "terms"},
}
WINGS = list(USES)

fail = 0


def ok(msg):
    print("ok   " + msg)


def bad(msg):
    global fail
    fail = 1
    print("FAIL " + msg)


def compiles(cc, root, wing, header, tmp):
    src = os.path.join(tmp, "t.c")
    with open(src, "w") as f:
        f.write('#include "enface/%s.h"\nint main(void) { return 0; }\n' % header)
    p = subprocess.run([cc, "-fsyntax-only", "-I", os.path.join(root, "include"),
                        "-DENF_WING=ENF_WING_" + wing.upper(), src],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode == 0, p.stdout


def symbols(lib):
    """(defined, undefined) global symbols of a static library."""
    out = subprocess.run(["nm", "-g", lib], stdout=subprocess.PIPE, text=True, check=True).stdout
    d, u = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TDBRC":
            d.add(parts[2])
        elif len(parts) == 2 and parts[0] == "U":
            u.add(parts[1])
    return d, u


def main():
    build, root, cc = sys.argv[1:4]
    if not shutil.which("nm"):
        print("skip: nm missing (Debian package binutils; tools/setup --test)")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        for w in WINGS:
            for h in WINGS:
                want = h == w or h in USES[w]
                got, msg = compiles(cc, root, w, h, tmp)
                if got != want:
                    bad("%s including enface/%s.h: %s (want %s)%s" % (
                        w, h, "compiles" if got else "fails", "compiles" if want else "fails",
                        "" if got else ": " + msg.strip().splitlines()[0]))
        ok("includes: every wing compiles with the headers it may use and fails on the others")
        got, _ = compiles(cc, root, "cli", "report", tmp)
        got2, _ = compiles(cc, root, "model", "../enface", tmp)
        if got and not got2:
            ok("includes: the CLI may use every wing; a library wing may not include enface.h")
        else:
            bad("includes: the CLI or the umbrella header is guarded wrongly")

    defs, undefs = {}, {}
    for w in WINGS:
        lib = os.path.join(build, "src", w, "libenf_%s.a" % w)
        if not os.path.exists(lib):
            bad("no %s" % lib)
            continue
        defs[w], undefs[w] = symbols(lib)
    owner = {}
    for w, ds in defs.items():
        for s in ds:
            owner[s] = w
    arrows = {}
    for w, us in undefs.items():
        for s in us:
            v = owner.get(s)
            if v and v != w:
                arrows.setdefault((w, v), []).append(s)
    for (w, v), syms in sorted(arrows.items()):
        if v not in USES[w]:
            bad("calls: %s uses %s, which it may not: %s" % (w, v, ", ".join(sorted(syms)[:6])))
    print("     the arrows: " + "; ".join("%s->%s (%d)" % (w, v, len(s)) for (w, v), s in sorted(arrows.items())))
    if not fail:
        ok("calls: %d arrows between wings, none back up" % len(arrows))

    so = os.path.join(build, "libenface.so")
    out = subprocess.run(["nm", "-D", "--defined-only", so], stdout=subprocess.PIPE, text=True).stdout
    names = [l.split()[-1] for l in out.splitlines() if len(l.split()) == 3]
    others = [n for n in names if not n.startswith("enf_") and not n.startswith("_")]
    private = [n for n in names if n.startswith("enf__")]
    if not names:
        bad("libenface.so exports nothing")
    elif others or private:
        bad("libenface.so exports %s" % ", ".join((others + private)[:10]))
    else:
        ok("libenface.so exports %d symbols, all enf_ (no enf__)" % len(names))
    return fail


if __name__ == "__main__":
    sys.exit(main())
