#!/bin/sh
# Swapped or identical files are refused (issue 11): on every real pair of
# ../shared/corpus (hfblog, vue-docs, hello-algo), `align ZH EN`, `check ZH EN`
# and `report ZH EN` exit 2 with one line naming both files, `check EN EN`
# says they are identical; a repository whose patterns are the wrong way
# round gets the same line and no SARIF file.  What must keep working:
# Chinese-only checks, bilingual files (an original quoting its
# translation, a translation keeping its original), --units lines in either
# order.  (That every real pair in the right order is accepted by check,
# align and report is tests/outputs_valid.py.)
# usage: cli_pair_refused.sh ENFACE ROOT
set -u
E=$1 ROOT=$(cd "$2" && pwd)
SHARED=$ROOT/../shared
if [ ! -d "$SHARED/corpus/hfblog" ] || [ ! -d "$SHARED/corpus/vue-docs" ] || [ ! -d "$SHARED/corpus/hello-algo" ]; then
  echo "skip: $SHARED/corpus (hfblog, vue-docs, hello-algo) is absent"
  exit 77
fi
case $E in /*) ;; *) E=$(pwd)/$E ;; esac
. "$(dirname "$0")/lib.sh"

# every real pair, both refusals
n=0 nbad=0
for d in $(cd "$SHARED/corpus" && find hfblog vue-docs hello-algo -name en.md | sed 's|/en\.md$||' | sort); do
  en=$SHARED/corpus/$d/en.md zh=$SHARED/corpus/$d/zh.md
  [ -f "$zh" ] || continue
  n=$((n + 1))
  "$E" align "$zh" "$en" >"$T/out" 2>"$T/err"; rc=$?
  if [ $rc -ne 2 ] || ! grep -qxF "enface: $zh looks Chinese and $en English: swapped? (the English original comes first)" "$T/err" || [ -s "$T/out" ]; then
    nbad=$((nbad + 1)); [ $nbad -le 5 ] && bad "$d: align ZH EN: exit $rc: $(head -c 200 "$T/err")"
  fi
  "$E" check --no-config "$en" "$en" >"$T/out" 2>"$T/err"; rc=$?
  if [ $rc -ne 2 ] || ! grep -qxF "enface: $en and $en are identical: give the original and its translation" "$T/err"; then
    nbad=$((nbad + 1)); [ $nbad -le 5 ] && bad "$d: check EN EN: exit $rc: $(head -c 200 "$T/err")"
  fi
done
[ $n -gt 200 ] && [ $nbad -eq 0 ] && ok "$n real pairs: swapped and identical refused" || bad "$nbad of $n real pairs not refused"

P=$SHARED/corpus/hfblog/gemma-july-update
cp "$P/en.md" "$T/en.md" && cp "$P/zh.md" "$T/zh.md"
cd "$T"
for cmd in check report; do
  expect 2 "$cmd ZH EN" "$E" $cmd --no-config zh.md en.md -o "$T/o"
  err_is "zh.md looks Chinese and en.md English: swapped?" "$cmd ZH EN: one line naming both"
  [ ! -e "$T/o" ] && ok "$cmd ZH EN: no output file" || bad "$cmd ZH EN left an output file"
done
expect 2 "align EN EN" "$E" align en.md en.md
err_is "en.md and en.md are identical" "align EN EN: message"
cp zh.md copy.md
expect 2 "check ZH copy-of-ZH" "$E" check --no-config zh.md copy.md
err_is "zh.md and copy.md are identical" "identical content under two names"

# what keeps working
expect 0 "Chinese-only" "$E" check --no-config --fail-on never zh.md
cat en.md zh.md > bilingual-en.md
expect 0 "an original that quotes its translation" "$E" check --no-config --fail-on never bilingual-en.md zh.md
cat zh.md en.md > bilingual-zh.md
expect 0 "a translation that keeps its original" "$E" check --no-config --fail-on never en.md bilingual-zh.md
printf 'The cat sleeps.\nThe dog runs.\n' > l.en
printf '猫在睡觉。\n狗在跑。\n' > l.zh
expect 0 "--units lines: Chinese first" "$E" align -u lines l.zh l.en
expect 2 "--units lines: identical" "$E" align -u lines l.en l.en
err_is "are identical" "--units lines: identical message"

# a repository with the patterns the wrong way round, or a pair copied over
mkdir -p repo/zh && cp en.md repo/a.md && cp zh.md repo/zh/a.md && cp en.md repo/b.md && cp zh.md repo/zh/b.md
cd repo
expect 2 "repository: swapped patterns" "$E" check --no-config --pairs 'zh/{name}.md={name}.md' -f sarif -o "$T/r.sarif"
err_is "zh/a.md looks Chinese and a.md English: swapped?" "repository: swapped: one line naming both"
cp b.md zh/b.md
expect 2 "repository: one pair identical" "$E" check --no-config --pairs '{name}.md=zh/{name}.md' -f sarif -o "$T/r.sarif"
err_is "b.md and zh/b.md are identical" "repository: identical: one line naming both"
[ ! -e "$T/r.sarif" ] && ok "repository: no partial SARIF" || bad "repository: a SARIF file was left"
expect 2 "repository: identical, SARIF on stdout" "$E" check --no-config --pairs '{name}.md=zh/{name}.md' -f sarif
[ ! -s "$T/out" ] && ok "repository: nothing on stdout" || bad "repository: partial SARIF on stdout"
exit $fail
