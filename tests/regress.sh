#!/bin/sh
# Every input the fuzzer ever crashed on (tests/data/regress/TARGET/, see
# tools/fuzz) run through the CLI: a result (exit 0) or exit 2 with a
# one-line error, within 60 s; what it prints is valid UTF-8.  The library-level replay of the same files
# through the fuzz targets themselves is the test 'regress-TARGET'.
# Inputs of targets without a CLI reader (read_beads) are replayed there only.
# usage: regress.sh ENFACE ROOT
set -u
E=$1 R=$2/tests/data/regress
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0 n=0
check() {
  desc=$1; shift
  n=$((n + 1))
  timeout 60 "$@" >"$T/out" 2>"$T/err"
  rc=$?
  if ! iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null 2>&1; then
    printf 'FAIL %s: output is not valid UTF-8\n' "$desc"; fail=1
  elif [ $rc -eq 0 ] || { [ $rc -eq 2 ] && [ "$(wc -l < "$T/err")" -eq 1 ]; }; then
    printf 'ok   %s (exit %d)\n' "$desc" $rc
  else
    printf 'FAIL %s: exit %d: %s\n' "$desc" $rc "$(head -c 300 "$T/err")"; fail=1
  fi
}
for t in read_md:markdown read_html:html read_lines:lines; do
  dir=$R/${t%%:*} units=${t#*:}
  for f in "$dir"/*; do
    [ -f "$f" ] && check "blocks -u $units $(basename "$f")" "$E" blocks --anchors -w 0 -u "$units" "$f"
  done
done
# align inputs: byte 0 = units (0 markdown, 1 html, 2 lines), bytes 1-2 =
# length of the English part (little endian, modulo the rest), as in
# fuzz/fuzz_align.c
for f in "$R"/align/*; do
  [ -f "$f" ] || continue
  size=$(wc -c < "$f")
  [ "$size" -ge 3 ] || continue
  set -- $(od -An -tu1 -N3 "$f")
  rest=$((size - 3))
  split=$((($2 + 256 * $3) % (rest + 1)))
  case $(($1 % 3)) in 0) u=markdown ;; 1) u=html ;; *) u=lines ;; esac
  tail -c +4 "$f" | head -c "$split" > "$T/en"
  tail -c +$((4 + split)) "$f" > "$T/zh"
  check "align -u $u $(basename "$f")" "$E" align -f jsonl -u "$u" "$T/en" "$T/zh"
done
echo "$n inputs"
exit $fail
