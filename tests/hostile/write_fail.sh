#!/bin/sh
# A write that fails -- a full device, a file size limit -- is one line on
# stderr naming the output file, exit 2, for every writer (beads, findings
# in each format, the report, TMX/TSV/JSONL corpora, TSV/TBX glossaries);
# no library noise, no temporary file, the old file untouched (issue 17,
# item 9).
# usage: write_fail.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$(dirname "$0")/../lib.sh"
[ -w /dev/full ] || { echo "skip: no /dev/full"; exit 77; }
EN=$ROOT/corpus/issue-101/en.md ZH=$ROOT/corpus/issue-101/zh.md
full() {  # full DESC ARGS... (-o /dev/full is appended)
  desc=$1; shift
  expect 2 "$desc to /dev/full: exit 2" "$E" "$@" -o /dev/full
  err_is "/dev/full:" "$desc: one line naming the file"
}
full "align beads" align "$EN" "$ZH"
full "align jsonl" align -f jsonl "$EN" "$ZH"
for f in text json sarif github; do full "check $f" check --no-config -f $f -g "$ROOT/glossary/ml.tsv" "$EN" "$ZH"; done
full "report" report --no-config "$EN" "$ZH"
for f in jsonl tsv tmx po; do full "corpus $f" corpus -f $f "$ROOT/corpus"; done
for f in tsv tbx; do full "glossary $f" glossary -f $f "$ROOT/glossary/ml.tsv"; done
# a file size limit: the atomic path (temporary file, then rename)
mkdir "$T/o"
printf 'precious\n' > "$T/o/c.tmx"
( ulimit -f 8; exec "$E" corpus -f tmx -o "$T/o/c.tmx" "$ROOT/corpus" ) >"$T/out" 2>"$T/err"
[ $? -eq 2 ] && ok "corpus tmx over a size limit: exit 2" || bad "corpus tmx over a size limit: not exit 2"
err_is "$T/o/c.tmx:" "size limit: one line naming the file"
[ "$(cat "$T/o/c.tmx")" = precious ] && ok "size limit: old file untouched" || bad "size limit: old file changed"
ls -a "$T/o" | grep -q tmp- && bad "size limit: temporary file left" || ok "size limit: no temporary file"
exit $fail
