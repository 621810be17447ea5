#!/bin/sh
# The bundled corpus/ pairs align exactly as their hand-made expected.beads.
# usage: corpus_beads.sh ENFACE ROOT
set -u
enface=$1 root=$2 fail=0 n=0
for dir in "$root"/corpus/*/; do
  [ -f "$dir/expected.beads" ] || continue
  n=$((n + 1))
  if ! "$enface" align "$dir/en.md" "$dir/zh.md" | diff -u "$dir/expected.beads" - ; then
    echo "FAIL: $dir"
    fail=1
  fi
done
[ "$n" -gt 0 ] || { echo "FAIL: no corpus pairs with expected.beads"; exit 1; }
echo "$n pairs checked"
exit $fail
