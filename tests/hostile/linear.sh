#!/bin/sh
# Every stage is linear (SECURITY.md; issue 17, item 3): one long paragraph
# of sentences with numbers and links, 4x longer, must cost at most 5x the
# instructions -- counted with valgrind's callgrind (the same count on a
# loaded machine), not timed.  Skipped when valgrind is missing or the
# build is instrumented (ASan and valgrind do not mix).
# usage: linear.sh ENFACE ROOT
set -u
E=$(realpath "$1") ROOT=$(realpath "$2")
. "$(dirname "$0")/../lib.sh"
command -v valgrind >/dev/null || { echo "skip: valgrind missing (Debian package valgrind; tools/setup --test)"; exit 77; }
if nm -D "$E" 2>/dev/null | grep -q __asan_init || ldd "$E" | grep -q libasan; then
  echo "skip: a sanitizer build (callgrind cannot run it)"; exit 77
fi
python3 - "$T" <<'PY'
import sys
t = sys.argv[1]
for name, kb in (("s", 128), ("l", 512)):
    en, zh, n, i = [], [], 0, 0
    while n < kb * 1024:
        a = "The model reached %d.5 accuracy on [set %d](https://ex.com/d%d) in 2021. " % (i % 997, i, i % 50)
        en.append(a)
        n += len(a)
        zh.append("该模型在 2021 年于[数据集 %d](https://ex.com/d%d)上达到 %d.5 的准确率。" % (i, i % 50, i % 997))
        i += 1
    open("%s/%sen.md" % (t, name), "w").write("# T\n\n" + "".join(en) + "\n")
    open("%s/%szh.md" % (t, name), "w").write("# T\n\n" + "".join(zh) + "\n")
    open("%s/%s.tsv" % (t, name), "w").write("%sen.md\t%szh.md\n" % (name, name))
PY
# instructions of one run: ir STAGE SIZE ARGS...
ir() {
  stage=$1 size=$2; shift 2
  ( cd "$T" && valgrind --tool=callgrind --callgrind-out-file=/dev/null "$E" "$@" ) >/dev/null 2>"$T/vg.$stage.$size"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$T/vg.$stage.$size"
}
# growth STAGE ARGS-WITH-@: @ becomes s (1x) and l (4x)
growth() {
  stage=$1; shift
  a=$(ir "$stage" s $(printf '%s\n' "$@" | sed 's/@/s/g'))
  b=$(ir "$stage" l $(printf '%s\n' "$@" | sed 's/@/l/g'))
  if [ -z "$a" ] || [ -z "$b" ]; then bad "$stage: no instruction count: $(tail -3 "$T/vg.$stage.s")"; return; fi
  r=$(python3 -c "print('%.2f' % ($b / $a))")
  if python3 -c "import sys; sys.exit(0 if $b <= 5 * $a else 1)"; then
    ok "$stage: 4x input, ${r}x instructions"
  else
    bad "$stage: 4x input, ${r}x instructions (more than 5x: not linear)"
  fi
}
growth "blocks" blocks @zh.md
growth "align" align @en.md @zh.md
growth "check numbers" check --no-config --disable all --enable number.mismatch @en.md @zh.md
growth "check links" check --no-config --disable all --enable link @en.md @zh.md
growth "check all rules" check --no-config -g "$ROOT/glossary/ml.tsv" @en.md @zh.md
growth "report" report --no-config -o /dev/null @en.md @zh.md
growth "corpus (sentences)" corpus --manifest @.tsv -o /dev/null
exit $fail
