#!/bin/sh
# CLI behaviour of `enface corpus`: the input forms (DIR, --pairs, manifest,
# JSONL), the output formats (JSONL read as Hugging Face datasets reads it,
# the flat JSONL, TMX well-formed and read by translate-toolkit, TSV, Moses
# line-aligned files, PO accepted by msgfmt --check), --zh-lang, filters and
# their defaults, the summary line, exit 2 when nothing could be read, -j
# and --shard determinism, bad input.
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
python -m thing
```
EOF
cat > "$T/c/a/zh.md" <<'EOF'
# 2.0 版发布

2.0 版已经发布。它在 8 个 GPU 上快 3 倍。

详情见[说明](https://example.org/notes)。感谢 12 位贡献者！

```
pip install thing==2.0
python -m thing
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
# the summary goes to stderr even when it is not a terminal
grep -qx "enface corpus: 4 documents, [0-9]* pairs, 2 skipped: c, d (reasons in $T/skipped.tsv)" "$T/err" \
  && ok "summary line on stderr" || bad "summary line: $(cat "$T/err")"
# read the way Hugging Face datasets reads a translation JSONL
# (load_dataset("json"): one object a line, one schema, a "translation"
# dict of language -> string)
/usr/bin/python3 - "$T/a.jsonl" <<'PY' && ok "jsonl: translation dicts with en and zh, provenance" || bad "jsonl content"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert rows, "no rows"
keys = {"translation", "doc", "block_bead", "en_block", "zh_block", "en_sents", "zh_sents", "type", "score"}
for r in rows:
    assert set(r) == keys, r
    t = r["translation"]
    assert isinstance(t, dict) and set(t) == {"en", "zh"}, t
    assert all(isinstance(v, str) and v for v in t.values()), t
    assert 0.2 <= r["score"] <= 1, r   # the default floor
assert {r["doc"] for r in rows} == {"a", "b"}, {r["doc"] for r in rows}
pairs = {(r["translation"]["en"], r["translation"]["zh"]) for r in rows}
assert ("It is 3 times faster on 8 GPUs.", "它在 8 个 GPU 上快 3 倍。") in pairs, pairs
assert ("The mean was 7.5 seconds.", "平均为 7.5 秒。") in pairs, pairs
assert not any("pip install" in e for e, z in pairs), "code kept by default"
PY
expect 0 "jsonl-flat" "$E" corpus "$T/c" -f jsonl-flat --skipped /dev/null
/usr/bin/python3 - "$T/out" "$T/a.jsonl" <<'PY' && ok "jsonl-flat: en, zh at the top level, same pairs" || bad "jsonl-flat"
import json, sys
flat = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
new = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert [(r["en"], r["zh"]) for r in flat] == [(r["translation"]["en"], r["translation"]["zh"]) for r in new]
assert "translation" not in flat[0]
PY
expect 0 "--zh-lang zh-CN" "$E" corpus "$T/c" --zh-lang zh-CN --skipped /dev/null
/usr/bin/python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert rows and all(set(r["translation"]) == {"en", "zh-CN"} for r in rows)' "$T/out" \
  && ok "--zh-lang names the JSONL translation key" || bad "--zh-lang jsonl: $(head -c 300 "$T/out")"
expect 2 "--zh-lang not BCP 47" "$E" corpus "$T/c" --zh-lang zh_CN
err_is "not a well-formed BCP 47" "--zh-lang message"
expect 2 "--zh-lang not Chinese" "$E" corpus "$T/c" --zh-lang en-US
err_is "not a Chinese language tag" "--zh-lang not Chinese message"
grep -q "^c	no en.md + zh.md" "$T/skipped.tsv" && ok "skipped: missing side reported" || bad "skipped report: $(cat "$T/skipped.tsv")"
grep -q "^d	block alignment poor" "$T/skipped.tsv" && ok "skipped: poor block alignment reported" || bad "poor alignment report: $(cat "$T/skipped.tsv")"

expect 0 "tsv" "$E" corpus "$T/c" -f tsv --skipped /dev/null
awk -F'\t' 'NF != 2 { exit 1 }' "$T/out" && [ -s "$T/out" ] && ok "tsv has two columns" || bad "tsv columns"
grep -qF "$(printf 'The mean was 7.5 seconds.\t平均为 7.5 秒。')" "$T/out" && ok "tsv pair" || bad "tsv pair: $(cat "$T/out")"

expect 0 "tmx" "$E" corpus "$T/c" -f tmx -o "$T/a.tmx" --skipped /dev/null --zh-lang zh-Hans
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
    assert [t.get(X) for t in tuvs] == ["en", "zh-Hans"], [t.attrib for t in tuvs]
    assert all(t.find("seg") is not None and t.find("seg").text for t in tuvs)
    assert {p.get("type") for p in tu.findall("prop")} >= {"x-doc", "x-score", "x-type"}
PY
if command -v xmllint >/dev/null; then
  xmllint --noout "$T/a.tmx" && ok "xmllint" || bad "xmllint"
else
  echo "skip the TMX check: xmllint missing (Debian package libxml2-utils; tools/setup --test)"
fi
# translate-toolkit, as CAT tools' converters read TMX: as many units as
# JSONL rows, each with the English source and the Chinese target
if /usr/bin/python3 -c 'from translate.storage import tmx' 2>/dev/null; then
  /usr/bin/python3 - "$T/a.tmx" "$T/a.jsonl" <<'PY' && ok "translate-toolkit reads the TMX" || bad "translate-toolkit TMX"
import json, sys
from translate.storage import tmx
with open(sys.argv[1], "rb") as f:
    store = tmx.tmxfile.parsefile(f)
units = [u for u in store.units if u.source]
rows = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(units) == len(rows), (len(units), len(rows))
for u, r in zip(units, rows):
    assert u.source == r["translation"]["en"] and u.target == r["translation"]["zh"], (u.source, u.target)
PY
else
  echo "skip the translate-toolkit check: not installed (Debian package translate-toolkit; tools/setup --test)"
fi

# Moses/OPUS: three line-aligned files, written as a set
expect 0 "moses" "$E" corpus "$T/c" -f moses -o "$T/m" --skipped /dev/null --keep-code
n=$(wc -l < "$T/m.en")
[ "$n" -gt 0 ] && [ "$(wc -l < "$T/m.zh")" -eq "$n" ] && [ "$(wc -l < "$T/m.meta")" -eq "$n" ] \
  && ok "moses: .en, .zh, .meta have the same line count ($n)" || bad "moses line counts: $(wc -l "$T"/m.*)"
"$E" corpus "$T/c" -f tsv --skipped /dev/null --keep-code 2>/dev/null | cut -f1 | cmp -s - "$T/m.en" \
  && ok "moses .en = the tsv's English column (code on one line)" || bad "moses .en differs from tsv"
awk -F'\t' 'NF != 8 { exit 1 }' "$T/m.meta" && [ "$(cut -f1 "$T/m.meta" | sort -u | tr '\n' ' ')" = 'a b ' ] \
  && ok "moses .meta: doc and provenance per line" || bad "moses meta: $(head -3 "$T/m.meta")"
expect 2 "moses without -o" "$E" corpus "$T/c" -f moses
err_is "needs -o PREFIX" "moses without -o message"
echo old > "$T/keep.en"; mkdir -p "$T/keep.meta"
expect 2 "moses: one file not writable" "$E" corpus "$T/c" -f moses -o "$T/keep" --skipped /dev/null
[ "$(cat "$T/keep.en")" = old ] && [ ! -e "$T/keep.zh" ] && ok "moses: no file of the set written" || bad "moses set not atomic"
# the set fails at the end (PREFIX.zh is an input, found when read): the
# .en, already complete, is not put in place either, and no temporary stays
mkdir -p "$T/set"
cp "$T/c/b/en.md" "$T/set/doc.md"; cp "$T/c/b/zh.md" "$T/set/x.zh"
printf 'doc.md\tx.zh\n' > "$T/set/manifest.tsv"
expect 2 "moses: PREFIX.zh is an input" "$E" corpus --manifest "$T/set/manifest.tsv" -f moses -o "$T/set/x"
[ "$(ls "$T/set" | tr '\n' ' ')" = "doc.md manifest.tsv x.zh " ] && cmp -s "$T/set/x.zh" "$T/c/b/zh.md" \
  && ok "moses: all three or none" || bad "moses set: $(ls "$T/set")"

# PO: one entry per block pair, msgfmt --check accepts it
cp -r "$T/c/a" "$T/c/a2"   # every msgid twice: msgctxt keeps them apart
expect 0 "po" "$E" corpus "$T/c" -f po -o "$T/a.po" --skipped /dev/null --zh-lang zh-CN
if command -v msgfmt >/dev/null; then
  msgfmt --check -o /dev/null "$T/a.po" 2>"$T/msgfmt.err" && ok "msgfmt --check accepts the PO" \
    || bad "msgfmt --check: $(head -5 "$T/msgfmt.err")"
else
  echo "skip the PO check: msgfmt missing (Debian package gettext; tools/setup --test)"
fi
grep -q '^"Language: zh_CN\\n"$' "$T/a.po" && ok "po: Language header from --zh-lang" || bad "po Language header"
if grep -qx 'msgid "The mean was 7.5 seconds."' "$T/a.po"; then bad "po: entries should be blocks, not sentences"; else ok "po: entries are blocks"; fi
grep -qx 'msgid "We measured 42 runs. The mean was 7.5 seconds."' "$T/a.po" && \
  grep -qx 'msgstr "我们测量了 42 次运行。平均为 7.5 秒。"' "$T/a.po" && ok "po: a block pair entry" || bad "po block entry: $(cat "$T/a.po")"
grep -qx "#: $T/c/a/en.md:3" "$T/a.po" && grep -qx "#: $T/c/a2/en.md:3" "$T/a.po" && ok "po: #: source references" || bad "po references"
[ "$(grep -c '^msgctxt "a2:3"$' "$T/a.po")" -eq 1 ] && ok "po: a repeated msgid gets msgctxt" || bad "po msgctxt: $(grep msgctxt "$T/a.po")"
! grep -q 'pip install' "$T/a.po" && ok "po: code dropped by default" || bad "po kept code"
"$E" corpus "$T/c" -f po --keep-code --skipped /dev/null > "$T/code.po" 2>/dev/null
grep -qx '"pip install thing==2.0\\n"' "$T/code.po" && grep -qx '"python -m thing"' "$T/code.po" \
  && ok "po --keep-code: the code's newlines kept" || bad "po --keep-code: $(grep -A3 'pip' "$T/code.po")"
if command -v msgfmt >/dev/null; then
  msgfmt --check -o /dev/null "$T/code.po" && ok "msgfmt accepts code entries" || bad "msgfmt on code entries"
fi
"$E" corpus "$T/c" -f po --min-score 1.01 --skipped /dev/null > "$T/fuzzy.po" 2>/dev/null
[ "$(grep -c '^msgid "' "$T/fuzzy.po")" -eq "$(grep -c '^msgid "' "$T/a.po")" ] && \
  [ "$(grep -c '^#, fuzzy$' "$T/fuzzy.po")" -eq $(( $(grep -c '^msgid "' "$T/a.po") - 1 )) ] && \
  [ "$(grep -c '^#, fuzzy$' "$T/a.po")" -eq 0 ] \
  && ok "po: entries below --min-score are kept, marked fuzzy" || bad "po fuzzy: $(grep -c fuzzy "$T/fuzzy.po")"
rm -r "$T/c/a2"

# filters
"$E" corpus "$T/c" --keep-code --skipped /dev/null > "$T/code.jsonl" 2>/dev/null
"$E" corpus "$T/c" --drop-code --skipped /dev/null > "$T/nocode.jsonl" 2>/dev/null
grep -qF '"pip install thing==2.0\npython -m thing"' "$T/code.jsonl" && ! grep -q "pip install" "$T/nocode.jsonl" \
  && cmp -s "$T/nocode.jsonl" "$T/a.jsonl" && ok "--keep-code keeps code with its newlines; --drop-code is the default" \
  || bad "--keep-code/--drop-code: $(grep pip "$T/code.jsonl")"
"$E" corpus "$T/c" --drop-tables --skipped /dev/null > "$T/notab.jsonl" 2>/dev/null
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
for i in 0 1 2; do "$E" corpus "$T/c" --shard $i/3 --skipped /dev/null 2>/dev/null; done | sort > "$T/shards.jsonl"
sort "$T/a.jsonl" | cmp -s - "$T/shards.jsonl" && ok "3 shards merged = one run" || bad "shards differ"
expect 0 "a shard that draws no item is not an error" "$E" corpus "$T/c" --shard 7/8
grep -qx "enface corpus: 0 documents, 0 pairs, 0 skipped" "$T/err" && [ ! -s "$T/out" ] && ok "empty shard: summary, no pairs" || bad "empty shard: $(cat "$T/err")"

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
mkdir -p "$T/b2/x" "$T/b2/y"
printf '# ok\n\nbad \377 byte\n' > "$T/b2/x/en.md"; printf '# 好\n' > "$T/b2/x/zh.md"
cp "$T/c/b/en.md" "$T/c/b/zh.md" "$T/b2/y/"
expect 0 "invalid UTF-8 document is skipped" "$E" corpus "$T/b2"
grep -q "^x	.*invalid UTF-8" "$T/err" && ok "skip reason names the encoding" || bad "skip reason: $(cat "$T/err")"
rm -r "$T/b2/y"
echo old > "$T/keep.jsonl"
expect 2 "the only document unreadable: exit 2" "$E" corpus "$T/b2" -o "$T/keep.jsonl"
grep -q "no document pair could be read: x: .*invalid UTF-8" "$T/err" && [ "$(cat "$T/keep.jsonl")" = old ] \
  && ok "says why, writes no empty corpus" || bad "nothing read: $(cat "$T/err")"

# nothing to read is an error, with the reason
mkdir -p "$T/empty"
expect 2 "empty directory" "$E" corpus "$T/empty"
grep -q "empty directory" "$T/err" && ok "empty directory message" || bad "empty: $(cat "$T/err")"
# the Hugging Face blog's own layout: NAME.md beside zh/NAME.md
mkdir -p "$T/blog/zh"
cp "$T/c/a/en.md" "$T/blog/release.md"; cp "$T/c/a/zh.md" "$T/blog/zh/release.md"
cp "$T/c/b/en.md" "$T/blog/tables.md"; cp "$T/c/b/zh.md" "$T/blog/zh/tables.md"
cp "$T/c/c/en.md" "$T/blog/untranslated.md"
expect 2 "a layout DIR does not match" "$E" corpus "$T/blog"
grep -q -- "give --pairs" "$T/err" && ok "hints --pairs" || bad "layout hint: $(cat "$T/err")"
expect 0 "--pairs" "$E" corpus --root "$T/blog" --pairs '{name}.md=zh/{name}.md' -f tsv
grep -qF "$(printf 'The mean was 7.5 seconds.\t平均为 7.5 秒。')" "$T/out" && \
  grep -qF "$(printf 'It is 3 times faster on 8 GPUs.\t它在 8 个 GPU 上快 3 倍。')" "$T/out" \
  && ok "--pairs reads the layout" || bad "--pairs output: $(cat "$T/out")"
grep -q "^untranslated.md	no translation (.*zh/untranslated.md missing)" "$T/err" && \
  grep -q "3 documents, .* 1 skipped: untranslated.md" "$T/err" && ok "--pairs: an English page without translation is skipped, named" \
  || bad "--pairs skipped: $(cat "$T/err")"
(cd "$T/blog" && "$E" corpus --pairs '{name}.md=zh/{name}.md' -f tsv tables.md 2>/dev/null) > "$T/one.tsv"
[ "$(wc -l < "$T/one.tsv")" -gt 0 ] && ! grep -q "GPUs" "$T/one.tsv" && ok "--pairs FILE: only its pair" || bad "--pairs FILE"
expect 2 "--pairs matching nothing" "$E" corpus --root "$T/blog" --pairs 'docs/{name}.md=zh-cn/{name}.md'
grep -q "no file under .* matches --pairs 'docs/{name}.md=zh-cn/{name}.md'" "$T/err" && ok "--pairs matching nothing: message" || bad "--pairs nothing: $(cat "$T/err")"
expect 2 "--pairs: only translations, no originals" "$E" corpus --root "$T/blog" --pairs 'en/{name}.md=zh/{name}.md'
grep -q "no document pair could be read: zh/release.md: no original (.*en/release.md missing)" "$T/err" && ok "no originals: message" || bad "no originals: $(cat "$T/err")"
expect 2 "bad --pairs" "$E" corpus --pairs 'nothing'
expect 2 "--root without --pairs" "$E" corpus --root "$T/blog" "$T/c"
printf 'gone/en.md\tgone/zh.md\nalso/en.md\talso/zh.md\n' > "$T/missing.tsv"
expect 2 "a manifest of missing files" "$E" corpus --manifest "$T/missing.tsv"
grep -q "no document pair could be read: gone/en.md: .*gone/en.md" "$T/err" && ok "missing files: message names the first" || bad "missing manifest: $(cat "$T/err")"
printf '# nothing\n' > "$T/nothing.tsv"
expect 2 "an empty manifest" "$E" corpus --manifest "$T/nothing.tsv"
expect 2 "bad dictionary" "$E" corpus "$T/c" --dict "$T/bad.tsv"

# the learning pass runs in corpus as in align --units lines: on a real pair,
# word pairs learned over the document move a sentence into its bead (the
# English "It will be explained below." joins the sentence before it; the
# characters' glosses, char_gloss, find that pair without learning, so both
# runs turn them off)
HF="$ROOT/../shared/corpus/hfblog/gradio-reload" DICT="$ROOT/../shared/dict/cedict_ts.u8"
if [ -d "$HF" ] && [ -f "$DICT" ]; then
  mkdir -p "$T/hf/gr"
  cp "$HF/en.md" "$HF/zh.md" "$T/hf/gr/"
  expect 0 "corpus on a real pair" "$E" corpus --dict "$DICT" --param char_gloss=0 -f tsv "$T/hf"
  cp "$T/out" "$T/learned.tsv"
  grep -qF "don't worry! It will be explained below.	" "$T/out" && ok "learning pass: the sentence joins its bead" || bad "learning pass: $(grep -F "don't worry" "$T/out")"
  expect 0 "corpus without learning" "$E" corpus --dict "$DICT" --param learn=0 --param char_gloss=0 -f tsv "$T/hf"
  grep -qF "don't worry!	" "$T/out" && ! cmp -s "$T/out" "$T/learned.tsv" && ok "learn=0: the bead without it" || bad "learn=0: $(grep -F "don't worry" "$T/out")"
  # the default floor drops what --min-score 0 keeps
  "$E" corpus "$ROOT/../shared/corpus/hfblog" --skipped /dev/null > "$T/floor.jsonl" 2>/dev/null
  "$E" corpus "$ROOT/../shared/corpus/hfblog" --skipped /dev/null --min-score 0 > "$T/all.jsonl" 2>/dev/null
  /usr/bin/python3 - "$T/floor.jsonl" "$T/all.jsonl" <<'PY' && ok "default --min-score 0.2; 0 keeps all" || bad "default floor"
import json, sys
floor = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
every = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
# scores are written rounded: a bead written as 0.2 may lie just below
# the floor or on it, either side is right
eps = 0.0005
assert floor and min(r["score"] for r in floor) >= 0.2 - eps
kept = [r for r in every if r in floor]
assert kept == floor, "the floored run has pairs the full run lacks, or in another order"
assert all(r in floor for r in every if r["score"] > 0.2 + eps)
assert not any(r in floor for r in every if r["score"] < 0.2 - eps)
assert any(r["score"] < 0.2 - eps for r in every)
PY
else
  echo "skip: ../shared corpus or dictionary not found (learning-pass check)"
fi

exit $fail
