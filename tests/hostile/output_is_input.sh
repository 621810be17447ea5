#!/bin/sh
# Never destroy an input (issue 17, item 1): an -o (or --skipped) naming a
# file the run reads -- the documents, a glossary, a dictionary, --old,
# --beads, a manifest, a batch file, a document of a corpus directory, a
# glossary named in .enface.ini -- directly, through a symlink or a hard
# link, is refused with exit 2 and one line naming it; every input keeps
# its checksum and no temporary file is left.
# usage: output_is_input.sh ENFACE ROOT
set -u
E=$(realpath "$1") ROOT=$2
. "$(dirname "$0")/../lib.sh"

mkdir -p "$T/w/pairs/a" "$T/w/cfg"
cp "$ROOT/corpus/issue-101/en.md" "$ROOT/corpus/issue-101/zh.md" "$T/w/"
cp "$ROOT/corpus/issue-101/en.md" "$ROOT/corpus/issue-101/zh.md" "$T/w/pairs/a/"
cp "$ROOT/glossary/ml.tsv" "$T/w/gl.tsv"
cp "$T/w/zh.md" "$T/w/zh-old.md"
"$E" align -o "$T/w/x.beads" "$T/w/en.md" "$T/w/zh.md" || bad "setup: align"
printf '一 一 [yi1] /one/\n' > "$T/w/dict.u8"
printf '%s\t%s\n' "$T/w/en.md" "$T/w/zh.md" > "$T/w/manifest.tsv"
printf '%s\t%s\t%s\n' "$T/w/en.md" "$T/w/zh.md" "$T/w/en.md" > "$T/w/jobs.tsv"
cp "$T/w/en.md" "$T/w/zh.md" "$T/w/cfg/"
cp "$T/w/gl.tsv" "$T/w/cfg/team.tsv"
printf '[check]\nglossary = team.tsv\n' > "$T/w/cfg/.enface.ini"
ln -s zh.md "$T/w/link.md"
ln "$T/w/en.md" "$T/w/hard.md"

sums() { (cd "$T/w" && find . -type f ! -name 'x.out' | sort | xargs md5sum); }
sums > "$T/before"

# refused DESC OUTPUT-NAMED-IN-MESSAGE CMD...
refused() {
  desc=$1 name=$2; shift 2
  expect 2 "$desc: exit 2" "$@"
  err_is "$name" "$desc: one line naming $name"
  grep -q "refusing to write" "$T/err" || bad "$desc: message says what was refused: $(cat "$T/err")"
}
W=$T/w
refused "align -o ZH" "$W/zh.md" "$E" align -o "$W/zh.md" "$W/en.md" "$W/zh.md"
refused "align -o EN" "$W/en.md" "$E" align -o "$W/en.md" "$W/en.md" "$W/zh.md"
refused "check -o ZH" "$W/zh.md" "$E" check -o "$W/zh.md" "$W/en.md" "$W/zh.md"
refused "check -g GL -o GL" "$W/gl.tsv" "$E" check -g "$W/gl.tsv" -o "$W/gl.tsv" "$W/en.md" "$W/zh.md"
refused "check --beads B -o B" "$W/x.beads" "$E" check --beads "$W/x.beads" -o "$W/x.beads" "$W/en.md" "$W/zh.md"
refused "check -o a glossary of .enface.ini" "$W/cfg/team.tsv" "$E" check -o "$W/cfg/team.tsv" "$W/cfg/en.md" "$W/cfg/zh.md"
refused "report -o EN" "$W/en.md" "$E" report -o "$W/en.md" "$W/en.md" "$W/zh.md"
refused "report --old OLD -o OLD" "$W/zh-old.md" "$E" report --old "$W/zh-old.md" -o "$W/zh-old.md" "$W/en.md" "$W/zh.md"
refused "glossary -o its input" "$W/gl.tsv" "$E" glossary -o "$W/gl.tsv" "$W/gl.tsv"
refused "align --dict D -o D" "$W/dict.u8" "$E" align --units lines --dict "$W/dict.u8" -o "$W/dict.u8" "$W/en.md" "$W/zh.md"
refused "align --batch: a job's output is its input" "$W/en.md" "$E" align --batch "$W/jobs.tsv"
refused "corpus DIR -o DIR/a/en.md" "pairs/a/en.md" "$E" corpus "$W/pairs" -o "$W/pairs/a/en.md"
refused "corpus --skipped DIR/a/zh.md" "pairs/a/zh.md" "$E" corpus "$W/pairs" -o "$W/x.out" --skipped "$W/pairs/a/zh.md"
refused "corpus --manifest M -o M" "$W/manifest.tsv" "$E" corpus --manifest "$W/manifest.tsv" -o "$W/manifest.tsv"
refused "corpus --manifest M -o a listed file" "$W/zh.md" "$E" corpus --manifest "$W/manifest.tsv" -o "$W/zh.md"
refused "check -o a symlink to ZH" "$W/link.md" "$E" check -o "$W/link.md" "$W/en.md" "$W/zh.md"
grep -q "same file as the input $W/zh.md" "$T/err" && ok "symlink: names the input too" || bad "symlink: input not named: $(cat "$T/err")"
refused "report -o a hard link to EN" "$W/hard.md" "$E" report -o "$W/hard.md" "$W/en.md" "$W/zh.md"
refused "check -o ZH, ZH on stdin" "$W/zh.md" sh -c '"$1" check -o "$2" - < "$2"' sh "$E" "$W/zh.md"
( cd "$W" && "$E" check -o ./zh.md en.md zh.md ) >"$T/out" 2>"$T/err"
[ $? -eq 2 ] && ok "check -o ./ZH for ZH: exit 2" || bad "check -o ./ZH for ZH: not refused"

sums > "$T/after"
if cmp -s "$T/before" "$T/after"; then ok "every input keeps its checksum"; else bad "inputs changed: $(diff "$T/before" "$T/after")"; fi
if find "$W" -name '*tmp-*' | grep -q .; then bad "temporary files left: $(find "$W" -name '*tmp-*')"; else ok "no temporary file left"; fi
[ ! -e "$W/x.out" ] && ok "corpus: no corpus written when the skipped list is refused" || bad "corpus: x.out written though the run failed"

# the guard is not in the way: a new file, or one that is no input, is written
expect 0 "align -o a new file" "$E" align -o "$W/new.beads" "$W/en.md" "$W/zh.md"
expect 0 "align -o over an old output" "$E" align -o "$W/new.beads" "$W/en.md" "$W/zh.md"
expect 0 "corpus -o a new file" "$E" corpus "$W/pairs" -o "$W/c.jsonl"
exit $fail
