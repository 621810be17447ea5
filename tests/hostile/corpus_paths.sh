#!/bin/sh
# Manifests and JSONL lines cannot read any file (issue 17, item 8): a
# manifest line ../../etc/passwd, an absolute path in JSONL, a symbolic
# link in a corpus directory pointing out of it -- each refused with exit
# 2 and one line naming the line and the file, and no corpus text from it;
# --allow-outside reads them; paths inside are read as before.
# usage: corpus_paths.sh ENFACE ROOT
set -u
E=$(realpath "$1") ROOT=$2
. "$(dirname "$0")/../lib.sh"
mkdir -p "$T/data/m/sub" "$T/data/d/a" "$T/secret"
cp "$ROOT/corpus/issue-101/en.md" "$ROOT/corpus/issue-101/zh.md" "$T/data/m/sub/"
printf '# Secret\n\nSECRET-CORPUS-MARKER sentence here.\n' > "$T/secret/en.md"
printf 'sub/en.md\tsub/zh.md\n../../secret/en.md\tsub/zh.md\n' > "$T/data/m/bad.tsv"
printf '%s/secret/en.md\tsub/zh.md\n' "$T" > "$T/data/m/abs.tsv"
printf 'sub/en.md\tsub/zh.md\n' > "$T/data/m/ok.tsv"
ln -s "$T/secret/en.md" "$T/data/d/a/en.md"
cp "$ROOT/corpus/issue-101/zh.md" "$T/data/d/a/"
printf '{"en": "%s/secret/en.md", "zh": "m/sub/zh.md"}\n' "$T" > "$T/abs.jsonl"
printf '{"en": "../secret/en.md", "zh": "m/sub/zh.md"}\n' > "$T/up.jsonl"
printf '{"en": "m/sub/en.md", "zh": "m/sub/zh.md"}\n' > "$T/in.jsonl"
no_secret() { if grep -q SECRET-CORPUS-MARKER "$T/out"; then bad "$1: the outside file's text was written"; else ok "$1: nothing of it written"; fi; }
expect 2 "manifest ../../secret: exit 2" "$E" corpus --manifest "$T/data/m/bad.tsv"
err_is "bad.tsv:2: $T/data/m/../../secret/en.md is outside" "manifest ../..: names line and file"
no_secret "manifest ../.."
expect 2 "manifest with an absolute path outside: exit 2" "$E" corpus --manifest "$T/data/m/abs.tsv"
err_is "abs.tsv:1:" "manifest absolute: names the line"
( cd "$T/data" && "$E" corpus - < "$T/abs.jsonl" ) >"$T/out" 2>"$T/err"
[ $? -eq 2 ] && grep -q "<stdin>:1: $T/secret/en.md is outside" "$T/err" && ok "JSONL absolute path: refused naming it" || bad "JSONL absolute: $(cat "$T/err")"
no_secret "JSONL absolute"
( cd "$T/data" && "$E" corpus - < "$T/up.jsonl" ) >"$T/out" 2>"$T/err"
[ $? -eq 2 ] && ok "JSONL ../: refused" || bad "JSONL ../: $(cat "$T/err")"
expect 2 "a directory entry linking outside: exit 2" "$E" corpus "$T/data/d"
err_is "leads outside" "symlink out of the directory: says so"
no_secret "symlink"
expect 0 "--allow-outside reads it" "$E" corpus --allow-outside --manifest "$T/data/m/bad.tsv"
grep -q SECRET-CORPUS-MARKER "$T/out" "$T/err" || grep -q "secret/en.md" "$T/out" "$T/err" && ok "--allow-outside: the outside file was read" || bad "--allow-outside: not read: $(head -c 200 "$T/err")"
expect 0 "a manifest inside its directory" "$E" corpus --manifest "$T/data/m/ok.tsv"
[ -s "$T/out" ] && ok "inside: pairs written" || bad "inside: no pairs"
( cd "$T/data" && "$E" corpus - < "$T/in.jsonl" ) >"$T/out" 2>"$T/err"
[ $? -eq 0 ] && [ -s "$T/out" ] && ok "JSONL relative inside: read" || bad "JSONL inside: $(cat "$T/err")"
exit $fail
