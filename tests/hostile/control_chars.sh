#!/bin/sh
# Characters that are valid UTF-8 but not XML (U+0001, U+001B, U+FFFE) or
# that drive a terminal (ANSI escapes), in documents, glossaries and file
# names (issue 17, items 7 and 9): TMX, PO and the report stay well-formed, a
# glossary holding one is refused naming file:line, and text and GitHub
# findings never copy a control character or split across lines.
# usage: control_chars.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$(dirname "$0")/../lib.sh"
GL=$ROOT/glossary/ml.tsv
mkdir -p "$T/p/a"
printf '# Title\n\nA cat \001 sat \033[31m red \357\277\276 here, in a transformer.\n' > "$T/p/a/en.md"
printf '# 标题\n\n一只猫\001坐着\033[31m红\357\277\276这里，在变压器里。\n' > "$T/p/a/zh.md"
NL="$T/z
h.md"
cp "$T/p/a/zh.md" "$NL"

expect 0 "corpus -f tmx: exit 0" "$E" corpus -f tmx "$T/p"
if command -v xmllint >/dev/null; then
  xmllint --noout "$T/out" 2>"$T/xerr" && ok "TMX well-formed (xmllint)" || bad "TMX not well-formed: $(head -3 "$T/xerr")"
else
  echo "skip the TMX check: xmllint missing (Debian package libxml2-utils; tools/setup --test)"
fi
grep -q 'seg>A cat  sat \[31m red  here' "$T/out" && ok "TMX: the forbidden characters dropped, the text kept" || bad "TMX text: $(grep seg "$T/out" | head -2)"
# PO: the same text, and a document whose name holds a newline, a quote and
# ESC, so that its repeated msgids get that name as msgctxt
cp -r "$T/p/a" "$T/p/b
\"q$(printf '\033')"
expect 0 "corpus -f po: exit 0" "$E" corpus -f po "$T/p"
if command -v msgfmt >/dev/null; then
  msgfmt --check -o /dev/null "$T/out" 2>"$T/merr" && ok "PO accepted by msgfmt --check" || bad "PO: $(head -3 "$T/merr")"
else
  echo "skip the PO check: msgfmt missing (Debian package gettext; tools/setup --test)"
fi
grep -q '^msgctxt "b \\"q :3"$' "$T/out" && ok "PO: the name on one line in msgctxt, quote escaped" || bad "PO msgctxt: $(grep -A1 msgctxt "$T/out" | cat -v)"
if LC_ALL=C grep -q "$(printf '[\001\033]')" "$T/out"; then bad "PO holds control characters"; else ok "PO: no control character"; fi
rm -r "$T/p/b"*

expect 0 "report: exit 0" "$E" report --no-config -g "$GL" -o "$T/r.html" "$T/p/a/en.md" "$T/p/a/zh.md"
if python3 -c 'import re,sys; s=open(sys.argv[1],encoding="utf-8").read(); sys.exit(1 if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", s) else 0)' "$T/r.html"; then
  ok "report: no character XML forbids"; else bad "report holds a character XML forbids"; fi

printf 'en\tzh\ncat\t猫\001\n' > "$T/g1.tsv"
printf 'en\tzh\tnote\ncat\t猫\tan \033[31m note\n' > "$T/g2.tsv"
for g in g1 g2; do
  expect 2 "glossary with a control character ($g): exit 2" "$E" glossary -f tbx "$T/$g.tsv"
  err_is "$T/$g.tsv:2: a control character" "glossary $g: names file:line"
done

expect 1 "check text, ESC in ZH: exit 1 (findings)" "$E" check --no-config -g "$GL" "$T/p/a/en.md" "$T/p/a/zh.md"
if tr -d '\n' < "$T/out" | LC_ALL=C grep -q "$(printf '[\001-\010\013-\037]')"; then bad "text output holds control characters: $(cat -v "$T/out")"; else ok "text output: no control character"; fi
expect 1 "check, a newline in the file name: exit 1" "$E" check --no-config -g "$GL" "$NL"
n=$(grep -c 'glossary.forbidden' "$T/out"); lines=$(wc -l < "$T/out")
[ "$n" -ge 1 ] && [ "$lines" -eq "$n" ] && grep -q 'z\\nh.md:3:' "$T/out" && ok "newline in a file name: one line per finding, shown as \\n" || bad "newline in a name: $(cat -v "$T/out")"
expect 1 "check -f github, newline name and ESC: exit 1" "$E" check --no-config -f github -g "$GL" "$T/p/a/en.md" "$NL"
if LC_ALL=C grep -q "$(printf '\033')" "$T/out"; then bad "github output holds ESC"; else ok "github output: no ESC"; fi
grep -q 'file=.*z%0Ah.md' "$T/out" && ok "github: the newline in the name escaped" || bad "github name: $(cat -v "$T/out")"
exit $fail
