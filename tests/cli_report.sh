#!/bin/sh
# CLI behaviour of `enface report`: help, exit codes, one-line errors,
# atomic output, the --old revision view, the --en-old drift marks.
# usage: cli_report.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$(dirname "$0")/lib.sh"

printf '# Title\n\nHello [x](https://x.org) 2024.\n\nSecond paragraph.\n' > "$T/en.md"
printf '# 标题\n\n你好 [x](https://x.org) 2024。\n\n第二段。\n' > "$T/zh.md"
printf '# 标题\n\n你好 [x](https://x.org) 2023。\n\n第二段。\n' > "$T/zh-old.md"

expect 0 "report --help" "$E" report --help
grep -q "usage: enface report" "$T/out" && ok "help text" || bad "help text"
"$E" --help | grep -q "report" && ok "listed in enface --help" || bad "listed in enface --help"
expect 2 "no file" "$E" report -o "$T/none.html"
err_is "report: need a file" "message for no file"
expect 2 "three files" "$E" report -o "$T/none.html" "$T/en.md" "$T/zh.md" "$T/zh.md"
err_is "report: too many files" "message for three files"
expect 2 "unknown option" "$E" report --bogus "$T/en.md" "$T/zh.md"
err_is "unknown option '--bogus'" "message for unknown option"
expect 2 "missing file" "$E" report "$T/en.md" "$T/nope.md"
err_is "$T/nope.md" "missing file message names it"
expect 2 "missing old file" "$E" report --old "$T/nope-old.md" "$T/en.md" "$T/zh.md"
err_is "$T/nope-old.md" "missing old file message names it"
expect 2 "missing glossary" "$E" report --glossary "$T/nope.tsv" "$T/en.md" "$T/zh.md"
[ "$(wc -l < "$T/err")" -eq 1 ] && ok "missing glossary: one line" || bad "missing glossary: $(cat "$T/err")"

expect 0 "report to stdout" "$E" report "$T/en.md" "$T/zh.md"
head -1 "$T/out" | grep -q '^<!DOCTYPE html>' && ok "stdout is the page" || bad "stdout is the page"
grep -q 'Content-Security-Policy' "$T/out" && ok "page has a CSP" || bad "page has a CSP"
[ "$(grep -c 'class="row ' "$T/out")" -eq 3 ] && ok "three rows" || bad "three rows: $(grep -c 'class="row ' "$T/out")"

expect 0 "report -o" "$E" report -o "$T/page.html" --title 'My <review>' "$T/en.md" "$T/zh.md"
[ ! -s "$T/out" ] && ok "-o writes nothing to stdout" || bad "-o writes nothing to stdout"
grep -q '<title>enface report: My &lt;review&gt;</title>' "$T/page.html" && ok "--title escaped" || bad "--title escaped"

# a failed run leaves an existing output untouched
echo keep > "$T/keep.html"
printf '\377\376bad' > "$T/bad.md"
expect 2 "bad input" "$E" report -o "$T/keep.html" "$T/en.md" "$T/bad.md"
[ "$(cat "$T/keep.html")" = keep ] && ok "output untouched on error" || bad "output untouched on error"
[ "$(ls "$T" | grep -c keep)" -eq 1 ] && ok "no temporary file left" || bad "no temporary file left: $(ls "$T")"

# revision view: the changed number shows as a deletion and an insertion
expect 0 "report --old" "$E" report --old "$T/zh-old.md" -o "$T/rev.html" "$T/en.md" "$T/zh.md"
grep -q '<del>2023</del><ins>2024</ins>' "$T/rev.html" && ok "revision diff" || bad "revision diff: $(grep -o 'class="rev".\{0,200\}' "$T/rev.html")"
grep -q '1 rows changed' "$T/rev.html" && ok "revision count" || bad "revision count"

# the corpus pair: one row per bead of `enface align`
C="$ROOT/corpus/issue-101"
expect 0 "corpus report" "$E" report -o "$T/c.html" "$C/en.md" "$C/zh.md"
nb=$("$E" align "$C/en.md" "$C/zh.md" | wc -l)
nr=$(grep -c 'class="row ' "$T/c.html")
[ "$nb" -eq "$nr" ] && ok "rows == beads ($nr)" || bad "rows $nr != beads $nb"

# with enface check: its findings and the glossary's terms are on the page
expect 0 "report with glossary" "$E" report -g "$ROOT/glossary/ml.tsv" -o "$T/g.html" "$C/en.md" "$C/zh.md"
nf=$("$E" check --no-config -g "$ROOT/glossary/ml.tsv" "$C/en.md" "$C/zh.md" 2>/dev/null | grep -c ': \(error\|warning\|note\):')
nl=$(grep -c '<li class="s[0-9]"' "$T/g.html")
[ "$nf" -gt 0 ] && [ "$nl" -eq "$nf" ] && ok "the page lists check's findings ($nl of $nf)" || bad "findings: page $nl, check $nf"
grep -q 'glossary.forbidden' "$T/g.html" && ok "glossary findings" || bad "glossary findings"
grep -q 'class="g t' "$T/g.html" && ok "glossary terms highlighted" || bad "glossary terms highlighted"
expect 0 "report --no-check" "$E" report --no-check -o "$T/n.html" "$C/en.md" "$C/zh.md"
grep -q 'checks were not run' "$T/n.html" && ok "--no-check says so" || bad "--no-check says so"

# the settings of enface check: .enface.ini beside ZH (its glossary, its rules)
mkdir "$T/cfg"
cp "$C/en.md" "$C/zh.md" "$T/cfg/"
printf '[check]\nglossary = ../../glossary-link.tsv\n[rules]\nglossary.forbidden = off\n' > "$T/cfg/.enface.ini"
cp "$ROOT/glossary/ml.tsv" "$T/glossary-link.tsv"
sed -i 's|../../glossary-link.tsv|../glossary-link.tsv|' "$T/cfg/.enface.ini"
expect 0 "report reads .enface.ini" "$E" report -o "$T/cfg.html" "$T/cfg/en.md" "$T/cfg/zh.md"
grep -q 'class="g t' "$T/cfg.html" && ok "config glossary highlighted" || bad "config glossary highlighted"
grep -q 'markup.damaged' "$T/cfg.html" && ok "rules the config leaves on still run" || bad "rules the config leaves on still run"
! grep -q 'glossary.forbidden' "$T/cfg.html" && ok "config turns a rule off" || bad "config turns a rule off"
expect 0 "--no-config" "$E" report --no-config -o "$T/nocfg.html" "$T/cfg/en.md" "$T/cfg/zh.md"
! grep -q 'class="g t' "$T/nocfg.html" && ok "--no-config ignores it" || bad "--no-config ignores it"
printf '[bogus]\nx = 1\n' > "$T/bad.ini"
expect 2 "bad --config" "$E" report --config "$T/bad.ini" "$T/en.md" "$T/zh.md"
err_is "bad.ini" "bad config message names it"

# a stored alignment: one row per bead of the file
printf '[1]:[1]\n[3,5]:[3]\n[]:[5]\n' > "$T/b.beads"
expect 0 "report --beads" "$E" report --beads "$T/b.beads" -o "$T/b.html" "$T/en.md" "$T/zh.md"
[ "$(grep -c 'class="row ' "$T/b.html")" -eq 3 ] && ok "rows from --beads" || bad "rows from --beads"
grep -q 'class="row bnm' "$T/b.html" && grep -q 'class="row b01' "$T/b.html" && ok "2-1 and 0-1 rows marked" || bad "2-1 and 0-1 rows marked"
# 2 parts in row 1, 2+1 in the 2-1 row, 1 in the 0-1 row
[ "$(grep -c 'class="part' "$T/b.html")" -eq 6 ] && ok "n-m bead shows its parts" || bad "parts: $(grep -c 'class="part' "$T/b.html")"
expect 2 "missing --beads file" "$E" report --beads "$T/nope.beads" "$T/en.md" "$T/zh.md"
err_is "nope.beads: cannot open" "missing beads message"

# --en-old: zh.md translates en-old.md; en.md changed its number (a stale
# row, with the change) and gained a paragraph (not translated yet)
printf '# Title\n\nHello [x](https://x.org) 2023.\n\nSecond paragraph.\n' > "$T/en-old.md"
printf '# Title\n\nHello [x](https://x.org) 2024.\n\nSecond paragraph.\n\nA third paragraph, new in the original.\n' > "$T/en3.md"
expect 0 "report --en-old" "$E" report --en-old "$T/en-old.md" -o "$T/d.html" "$T/en3.md" "$T/zh-old.md"
grep -q 'class="row b11[^"]* st"' "$T/d.html" && ok "--en-old: a row marked stale" || bad "no stale row"
grep -q 'class="row b10[^"]* ut"' "$T/d.html" && ok "--en-old: the new paragraph's row marked not translated" \
  || bad "no untranslated row: $(grep -o 'class="row [^"]*"' "$T/d.html")"
[ "$(grep -c 'class="row [^"]* st' "$T/d.html")" -eq 1 ] && ok "--en-old: only the changed row is stale" \
  || bad "stale rows: $(grep -o 'class="row [^"]*"' "$T/d.html")"
grep -q '\[drift.stale\] </span>the original changed (number 2023 -&gt; 2024)' "$T/d.html" \
  && ok "--en-old: the English change inline" || bad "no change shown"
expect 0 "report without --en-old" "$E" report -o "$T/n.html" "$T/en3.md" "$T/zh-old.md"
grep -q 'class="notes drift"' "$T/n.html" && bad "drift marks without --en-old" || ok "no drift marks without --en-old"
expect 2 "missing --en-old file" "$E" report --en-old "$T/nope-en.md" "$T/en.md" "$T/zh.md"
err_is "$T/nope-en.md" "missing --en-old file message names it"
# Chinese-only: one column, the findings `enface check ZH` has on ZH alone
C="$ROOT/corpus/issue-101"
G="$ROOT/glossary/ml.tsv"
expect 0 "report ZH (Chinese only)" "$E" report --no-config -g "$G" -o "$T/zo.html" "$C/zh.md"
python3 - "$T/zo.html" "$C/zh.md" "$E" "$G" > "$T/zo.log" 2>&1 <<'PY'
import html.parser, re, subprocess, sys
page, zh, enface, g = sys.argv[1:5]
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.rows = 0; self.cells = {"en": 0, "zh": 0}; self.items = 0
        self.main = None; self.plot = 0; self.keys = None
    def handle_starttag(self, t, a):
        a = dict(a); cls = (a.get("class") or "").split()
        if t == "main": self.main = cls
        if "row" in cls: self.rows += 1
        if "cell" in cls: self.cells["en" if "en" in cls else "zh"] += 1
        if t == "li" and re.fullmatch(r"s[0-9]", a.get("class") or ""): self.items += 1
        if t == "svg": self.plot += 1
        if a.get("id") == "keys": self.keys = a
p = P(); p.feed(open(page, encoding="utf-8").read())
blocks = sum(1 for _ in subprocess.run([enface, "blocks", zh], capture_output=True, text=True).stdout.splitlines())
found = subprocess.run([enface, "check", "--no-config", "-g", g, zh], capture_output=True, text=True).stdout
n = len(re.findall(r": (error|warning|note): ", found))
bad = []
if p.main != ["rows", "zh-only"]: bad.append(f"main class {p.main}")
if p.rows != blocks: bad.append(f"{p.rows} rows for {blocks} blocks")
if p.cells["en"] or p.cells["zh"] != blocks: bad.append(f"cells {p.cells}")
if n == 0 or p.items != n: bad.append(f"{p.items} findings listed, check has {n}")
if p.plot: bad.append("an alignment plot")
if not p.keys or "hidden" not in p.keys: bad.append(f"keys box {p.keys}")
print("; ".join(bad) or f"{p.rows} rows, one column, {n} findings")
sys.exit(1 if bad else 0)
PY
[ $? -eq 0 ] && ok "Chinese-only page: $(cat "$T/zo.log")" || bad "Chinese-only page: $(cat "$T/zo.log")"
grep -q '<title>enface report: '"$C/zh.md"'</title>' "$T/zo.html" && ok "Chinese-only title: the file" \
  || bad "Chinese-only title: $(grep -o '<title>.*</title>' "$T/zo.html")"
expect 2 "report --old ZH (no original)" "$E" report --old "$T/zh-old.md" -o "$T/x.html" "$T/zh.md"
err_is "report: --old needs the original" "--old without EN: named"
expect 2 "report --beads ZH (no original)" "$E" report --beads "$T/zh.md" -o "$T/x.html" "$T/zh.md"
err_is "report: --beads needs the original" "--beads without EN: named"

# no HTML on a terminal: without -o (or with -o -) it says why, exit 2
for o in "" "-o -"; do
  script -qec "$E report $o $T/en.md $T/zh.md; echo rc=\$?" /dev/null > "$T/tty" 2>&1
  tr -d '\r' < "$T/tty" > "$T/tty2"
  grep -qx 'rc=2' "$T/tty2" && grep -q "will not write HTML to a terminal; give -o FILE" "$T/tty2" \
    && ! grep -q '<html' "$T/tty2" && ok "report ${o:-(no -o)} on a terminal: refused, says why" \
    || bad "report ${o:-(no -o)} on a terminal: $(head -c 300 "$T/tty2")"
done
script -qec "$E report -o $T/tty.html $T/en.md $T/zh.md; echo rc=\$?" /dev/null > "$T/tty" 2>&1
tr -d '\r' < "$T/tty" | grep -qx 'rc=0' && [ -s "$T/tty.html" ] && ok "report -o FILE from a terminal" \
  || bad "report -o FILE from a terminal: $(cat "$T/tty")"

# the page's script: '?' shows the keys, the counters count what the
# filters let through (run in a browser by report-browser; here the page
# carries the pieces it needs)
grep -q 'id="nshown" data-n="5"' "$T/zo.html" && ok "the findings counter: data-n" \
  || bad "no findings counter: $(grep -o '<p id="nshown"[^>]*>[^<]*' "$T/zo.html")"
grep -q 'e.key === "?"' "$T/zo.html" && grep -q 'function shownNotes' "$T/zo.html" \
  && ok "the script has '?' and counts the shown findings" || bad "the script lacks '?' or the counter"

exit $fail
