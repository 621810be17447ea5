#!/bin/sh
# The multi-machine recipe, on one machine: ../shared/corpus/hfblog through
# GNU parallel as 4 shards (--shard I/4), and as a JSONL stdin->stdout filter
# (parallel --pipe -k), must give exactly the pairs of a single run.
# usage: corpus_shards.sh ENFACE ROOT          (exit 77 = skipped)
set -u
E=$1 ROOT=$2
HF="$ROOT/../shared/corpus/hfblog"
[ -d "$HF" ] || { echo "skip: $HF not found"; exit 77; }
command -v parallel >/dev/null || { echo "skip: GNU parallel missing (Debian package parallel; tools/setup --test)"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
"$E" corpus "$HF" -j 2 --skipped "$T/skipped1" > "$T/single.jsonl" || { echo "FAIL single run"; exit 1; }
[ -s "$T/single.jsonl" ] || { echo "FAIL single run wrote nothing"; exit 1; }
parallel --will-cite -j 2 "'$E' corpus '$HF' --shard {}/4 --skipped '$T/skipped.{}'" ::: 0 1 2 3 > "$T/sharded.jsonl" ||
  { echo "FAIL parallel shards"; exit 1; }
sort "$T/single.jsonl" > "$T/s1"
sort "$T/sharded.jsonl" > "$T/s2"
if cmp -s "$T/s1" "$T/s2"; then
  echo "ok   4 shards through GNU parallel = single run ($(wc -l < "$T/single.jsonl") pairs)"
else
  echo "FAIL 4 shards differ from the single run"; fail=1
fi
# JSONL filter: one {"en","zh","id"} line per pair, split into chunks by parallel
for d in "$HF"/*/; do
  s=$(basename "$d")
  [ -f "$d/en.md" ] && [ -f "$d/zh.md" ] && printf '{"en": "%s", "zh": "%s", "id": "%s"}\n' "$d/en.md" "$d/zh.md" "$s"
done > "$T/in.jsonl"
parallel --will-cite --pipe -N 5 -k -j 2 "'$E' corpus - --allow-outside --skipped /dev/null" < "$T/in.jsonl" > "$T/piped.jsonl" ||
  { echo "FAIL parallel --pipe"; exit 1; }
if cmp -s "$T/single.jsonl" "$T/piped.jsonl"; then
  echo "ok   parallel --pipe -k over JSONL = single run, same order"
else
  echo "FAIL parallel --pipe output differs"; fail=1
fi
exit $fail
