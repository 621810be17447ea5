#!/bin/sh
# CLI behaviour of `enface corpus`: the three input forms, the three output
# formats (TMX well-formed with the 1.4b structure, TSV, JSONL that parses
# with provenance), filters, -j and --shard determinism, bad input.
# usage: cli_corpus.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$(dirname "$0")/lib.sh"

# a small corpus of our own: three pairs, one without a Chinese side, one
# whose translation is unrelated (poor block alignment)
mkdir -p "$T/c/a" "$T/c/b" "$T/c/c" "$T/c/d"
cat > "$T/c/a/en.md" <<'EOF'
# Release 2.0

Version 2.0 is out. It is 3 times faster on 8 GPUs.

See [the notes](https://example.org/notes) for details. Thanks to 12 contributors!

```
pip install thing==2.0
```
EOF
cat > "$T/c/a/zh.md" <<'EOF'
# 2.0 版发布

2.0 版已经发布。它在 8 个 GPU 上快 3 倍。

详情见[说明](https://example.org/notes)。感谢 12 位贡献者！

```
pip install thing==2.0
```
EOF
cat > "$T/c/b/en.md" <<'EOF'
# Tables

| a | b |
|---|---|
| 1 | 2 |

We measured 42 runs. The mean was 7.5 seconds.
EOF
cat > "$T/c/b/zh.md" <<'EOF'
# 表格

| a | b |
|---|---|
| 1 | 2 |

我们测量了 42 次运行。平均为 7.5 秒。
EOF
printf '# Only English\n\nNothing here.\n' > "$T/c/c/en.md"
# d: the English grew six more paragraphs the translation does not have
{ printf '# One\n'; for i in 1 2 3 4 5 6 7 8; do printf '\nParagraph %s links [x](https://a.org/%s) and says a few more words about it.\n' $i $i; done; } > "$T/c/d/en.md"
printf '# 一\n\n第 1 段链接 [x](https://a.org/1) 并多说几句。\n' > "$T/c/d/zh.md"

expect 0 "corpus --help" "$E" corpus --help
grep -q "usage: enface corpus" "$T/out" && ok "help text" || bad "help text"

expect 0 "directory to jsonl" "$E" corpus "$T/c" -o "$T/a.jsonl" --skipped "$T/skipped.tsv"
/usr/bin/python3 - "$T/a.jsonl" <<'PY' && ok "jsonl parses, has provenance" || bad "jsonl content"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows, "no rows"
keys = {"doc", "block_bead", "en_block", "zh_block", "en_sents", "zh_sents", "type", "score", "en", "zh"}
for r in rows:
    assert keys <= set(r), r
    assert 0 <= r["score"] <= 1
assert {r["doc"] for r in rows} == {"a", "b"}, {r["doc"] for r in rows}
pairs = {(r["en"], r["zh"]) for r in rows}
assert ("It is 3 times faster on 8 GPUs.", "它在 8 个 GPU 上快 3 倍。") in pairs, pairs
assert ("The mean was 7.5 seconds.", "平均为 7.5 秒。") in pairs, pairs
PY
grep -q "^c	no en.md + zh.md" "$T/skipped.tsv" && ok "skipped: missing side reported" || bad "skipped report: $(cat "$T/skipped.tsv")"
grep -q "^d	block alignment poor" "$T/skipped.tsv" && ok "skipped: poor block alignment reported" || bad "poor alignment report: $(cat "$T/skipped.tsv")"

expect 0 "tsv" "$E" corpus "$T/c" -f tsv --skipped /dev/null
awk -F'\t' 'NF != 2 { exit 1 }' "$T/out" && [ -s "$T/out" ] && ok "tsv has two columns" || bad "tsv columns"
grep -qF "$(printf 'The mean was 7.5 seconds.\t平均为 7.5 秒。')" "$T/out" && ok "tsv pair" || bad "tsv pair: $(cat "$T/out")"

expect 0 "tmx" "$E" corpus "$T/c" -f tmx -o "$T/a.tmx" --skipped /dev/null
/usr/bin/python3 - "$T/a.tmx" <<'PY' && ok "tmx well-formed, 1.4 structure" || bad "tmx structure"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "tmx" and root.get("version") == "1.4"
h = root.find("header")
for a in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
    assert h.get(a), a
tus = root.findall("body/tu")
assert tus
X = "{http://www.w3.org/XML/1998/namespace}lang"
for tu in tus:
    tuvs = tu.findall("tuv")
    assert [t.get(X) for t in tuvs] == ["en", "zh"], [t.attrib for t in tuvs]
    assert all(t.find("seg") is not None and t.find("seg").text for t in tuvs)
    assert {p.get("type") for p in tu.findall("prop")} >= {"x-doc", "x-score", "x-type"}
PY
if command -v xmllint >/dev/null; then
  xmllint --noout "$T/a.tmx" && ok "xmllint" || bad "xmllint"
else
  echo "skip the TMX check: xmllint missing (Debian package libxml2-utils; tools/setup --test)"
fi

# filters
"$E" corpus "$T/c" --drop-code --skipped /dev/null > "$T/nocode.jsonl"
grep -q "pip install" "$T/a.jsonl" && ! grep -q "pip install" "$T/nocode.jsonl" && ok "--drop-code" || bad "--drop-code"
"$E" corpus "$T/c" --drop-tables --skipped /dev/null > "$T/notab.jsonl"
grep -q '| a | b |' "$T/a.jsonl" && ! grep -q '| a | b |' "$T/notab.jsonl" && ok "--drop-tables" || bad "--drop-tables"
"$E" corpus "$T/c" --min-score 1.01 --skipped /dev/null > "$T/none.jsonl"
[ ! -s "$T/none.jsonl" ] && ok "--min-score drops all above 1" || bad "--min-score"
"$E" corpus "$T/c" --max-ratio 0.01 --skipped /dev/null > "$T/r1.jsonl"
"$E" corpus "$T/c" --min-ratio 100 --skipped /dev/null > "$T/r2.jsonl"
"$E" corpus "$T/c" --min-ratio 0.2 --max-ratio 5 --skipped /dev/null > "$T/r3.jsonl"
[ ! -s "$T/r1.jsonl" ] && [ ! -s "$T/r2.jsonl" ] && [ -s "$T/r3.jsonl" ] && ok "--min-ratio/--max-ratio" || bad "ratio filters"
cp -r "$T/c/a" "$T/c/a2"
"$E" corpus "$T/c" --dedup -f tsv --skipped /dev/null > "$T/dedup.tsv"
"$E" corpus "$T/c" -f tsv --skipped /dev/null > "$T/dup.tsv"
[ "$(sort "$T/dup.tsv" | uniq -d | wc -l)" -gt 0 ] && [ "$(sort "$T/dedup.tsv" | uniq -d | wc -l)" -eq 0 ] && ok "--dedup" || bad "--dedup"
rm -r "$T/c/a2"

# manifest and JSONL on stdin give the same pairs as the directory
printf 'en_path\tzh_path\n# comment\nc/a/en.md\tc/a/zh.md\tA\nc/b/en.md\tc/b/zh.md\tB\n' > "$T/manifest.tsv"
expect 0 "manifest" "$E" corpus --manifest "$T/manifest.tsv" -f tsv
"$E" corpus "$T/c" -f tsv --skipped /dev/null > "$T/dir.tsv"
cmp -s "$T/out" "$T/dir.tsv" && ok "manifest = directory" || bad "manifest output differs"
printf '{"en": "%s/c/a/en.md", "zh": "%s/c/a/zh.md", "id": "a"}\n' "$T" "$T" > "$T/in.jsonl"
/usr/bin/python3 -c 'import json,sys; print(json.dumps({"en_text": open(sys.argv[1]).read(), "zh_text": open(sys.argv[2]).read(), "id": "b"}))' "$T/c/b/en.md" "$T/c/b/zh.md" >> "$T/in.jsonl"
# absolute paths: outside the current directory, so --allow-outside
"$E" corpus - --allow-outside -f tsv < "$T/in.jsonl" > "$T/stdin.tsv" 2>"$T/err"
cmp -s "$T/stdin.tsv" "$T/dir.tsv" && ok "jsonl stdin (paths and inline) = directory" || bad "stdin output differs"

# threads and shards do not change the output
"$E" corpus "$T/c" -j 3 --skipped /dev/null > "$T/j3.jsonl"
cmp -s "$T/j3.jsonl" "$T/a.jsonl" && ok "-j 3 = -j 1" || bad "-j 3 differs"
for i in 0 1 2; do "$E" corpus "$T/c" --shard $i/3 --skipped /dev/null; done | sort > "$T/shards.jsonl"
sort "$T/a.jsonl" | cmp -s - "$T/shards.jsonl" && ok "3 shards merged = one run" || bad "shards differ"

# bad input
expect 2 "no input" "$E" corpus
expect 2 "missing directory" "$E" corpus "$T/nope"
err_is "not a directory of document pairs" "missing directory message"
expect 2 "missing manifest" "$E" corpus --manifest "$T/nope.tsv"
expect 2 "bad shard" "$E" corpus "$T/c" --shard 3/3
expect 2 "bad jobs" "$E" corpus "$T/c" -j 0
expect 2 "unknown format" "$E" corpus "$T/c" -f xml
printf 'not json\n' > "$T/bad.jsonl"
expect 2 "malformed JSONL line" sh -c "'$E' corpus - < '$T/bad.jsonl'"
err_is "<stdin>:1:" "malformed JSONL message"
printf 'just-one-column\n' > "$T/bad.tsv"
expect 2 "malformed manifest" "$E" corpus --manifest "$T/bad.tsv"
echo old > "$T/keep.jsonl"
"$E" corpus --manifest "$T/bad.tsv" -o "$T/keep.jsonl" 2>/dev/null
[ "$(cat "$T/keep.jsonl")" = old ] && ok "failed run leaves the output untouched" || bad "output clobbered"
mkdir -p "$T/b2/x"
printf '# ok\n\nbad \377 byte\n' > "$T/b2/x/en.md"; printf '# 好\n' > "$T/b2/x/zh.md"
expect 0 "invalid UTF-8 document is skipped" "$E" corpus "$T/b2"
grep -q "^x	.*invalid UTF-8" "$T/err" && ok "skip reason names the encoding" || bad "skip reason: $(cat "$T/err")"
expect 2 "bad dictionary" "$E" corpus "$T/c" --dict "$T/bad.tsv"

# the learning pass runs in corpus as in align --units lines: on a real pair,
# word pairs learned over the document split a 2-2 sentence bead in two
HF="$ROOT/../shared/corpus/hfblog/chinese-language-blog" DICT="$ROOT/../shared/dict/cedict_ts.u8"
if [ -d "$HF" ] && [ -f "$DICT" ]; then
  mkdir -p "$T/hf/clb"
  cp "$HF/en.md" "$HF/zh.md" "$T/hf/clb/"
  expect 0 "corpus on a real pair" "$E" corpus --dict "$DICT" -f tsv "$T/hf"
  grep -qF "innovation.	首先，" "$T/out" && ok "learning pass splits the 2-2 bead" || bad "learning pass: no 1-1 for the first sentence"
  expect 0 "corpus without learning" "$E" corpus --dict "$DICT" --param learn=0 -f tsv "$T/hf"
  grep -qF "innovation.	首先，" "$T/out" && bad "learn=0 should keep the 2-2 bead" || ok "learn=0 keeps the 2-2 bead"
else
  echo "skip: ../shared corpus or dictionary not found (learning-pass check)"
fi

exit $fail
