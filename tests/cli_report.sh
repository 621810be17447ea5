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
expect 2 "one file" "$E" report "$T/en.md"
err_is "need two files" "message for one file"
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
exit $fail
