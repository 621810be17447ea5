#!/bin/sh
# `enface check` over a whole translation repository (issue 11): the real
# corpora laid out as a Hugging Face blog ({name}.md + zh/{name}.md) and
# as a docs site (en/{path}.md + zh-cn/{path}.md), one command each: one
# SARIF run valid against the schema with relative URIs, operands mode,
# the summary line, exit codes, and one-line errors for bad input.
# usage: cli_repo.sh ENFACE ROOT
set -u
E=$1 ROOT=$(cd "$2" && pwd)
G=$ROOT/glossary/ml.tsv
SHARED=$ROOT/../shared
SCHEMA=$SHARED/schemas/sarif-2.1.0.json
if [ ! -d "$SHARED/corpus/hfblog" ] || [ ! -d "$SHARED/corpus/vue-docs" ] || [ ! -f "$SCHEMA" ]; then
  echo "skip: $SHARED (corpus/hfblog, corpus/vue-docs, schemas) is absent"
  exit 77
fi
case $E in /*) ;; *) E=$(pwd)/$E ;; esac
. "$(dirname "$0")/lib.sh"

# the two layouts
HF=$T/hf VUE=$T/vue
mkdir -p "$HF/zh" "$VUE"
for d in "$SHARED"/corpus/hfblog/*/; do
  n=$(basename "$d")
  cp "$d/en.md" "$HF/$n.md" && cp "$d/zh.md" "$HF/zh/$n.md"
done
(cd "$SHARED/corpus/vue-docs" && find . -name en.md) | sed 's|^\./||; s|/en\.md$||' | while read -r d; do
  mkdir -p "$VUE/en/$(dirname "$d")" "$VUE/zh-cn/$(dirname "$d")"
  cp "$SHARED/corpus/vue-docs/$d/en.md" "$VUE/en/$d.md"
  cp "$SHARED/corpus/vue-docs/$d/zh.md" "$VUE/zh-cn/$d.md"
done
NHF=$(ls "$HF/zh" | wc -l) NVUE=$(find "$VUE/zh-cn" -name '*.md' | wc -l)

sarif_ok() {   # FILE N_FILES DESC: valid, one run, every URI relative
  python3 - "$1" "$SCHEMA" "$2" <<'PY' && ok "$3" || bad "$3"
import json, sys, jsonschema
d = json.load(open(sys.argv[1])); jsonschema.validate(d, json.load(open(sys.argv[2])))
assert len(d["runs"]) == 1
run = d["runs"][0]
assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")
locs = [l["physicalLocation"]["artifactLocation"] for r in run["results"]
        for l in r["locations"] + r.get("relatedLocations", [])]
assert locs and all(not l["uri"].startswith("/") and "://" not in l["uri"] and ".." not in l["uri"]
                    and l["uriBaseId"] == "%SRCROOT%" for l in locs), "absolute URI"
assert len({l["uri"] for l in locs if "zh" in l["uri"].split("/")[0]}) <= int(sys.argv[3])
PY
}
summary_is() {   # REGEX DESC: the last stderr line
  if tail -1 "$T/err" | grep -Eq "$1"; then ok "$2"; else bad "$2: stderr ended: $(tail -2 "$T/err")"; fi
}

cd "$HF"
expect 1 "hfblog: one command" "$E" check --no-config -g "$G" --pairs '{name}.md=zh/{name}.md' -f sarif -o "$T/hf.sarif"
sarif_ok "$T/hf.sarif" "$NHF" "hfblog: one valid SARIF run, relative URIs"
summary_is "^$NHF files, [0-9]+ findings: [0-9]+ errors, [0-9]+ warnings, [0-9]+ notes$" "hfblog: summary line"
expect 0 "hfblog: --fail-on never" "$E" check --no-config -g "$G" --pairs '{name}.md=zh/{name}.md' --fail-on never
grep -q "^zh/" "$T/out" && ! grep -qv "^zh/" "$T/out" && ok "hfblog: text names the Chinese files" || bad "hfblog text: $(head -3 "$T/out")"

cd "$VUE"
expect 1 "vue-docs: one command" "$E" check --no-config --pairs 'en/{path}.md=zh-cn/{path}.md' -f sarif -o "$T/vue.sarif"
sarif_ok "$T/vue.sarif" "$NVUE" "vue-docs: one valid SARIF run, relative URIs"
summary_is "^$NVUE files, " "vue-docs: summary counts every pair"
expect 1 "vue-docs: json" "$E" check --no-config --pairs 'en/{path}.md=zh-cn/{path}.md' -f json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["files"])==int(sys.argv[2]); assert all(f["zh"]["file"].startswith("zh-cn/") for f in d["findings"] if f["zh"])' "$T/out" "$NVUE" \
  && ok "vue-docs: one json document, each finding names its file" || bad "vue-docs json"
NJSON=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$T/out")
expect 1 "vue-docs: rdjson" "$E" check --no-config --pairs 'en/{path}.md=zh-cn/{path}.md' -f rdjson -o "$T/vue.rdjson"
python3 - "$T/vue.rdjson" "$NJSON" <<'PY' && ok "vue-docs: one rdjson document, every finding, paths from here" || bad "vue-docs rdjson"
import json, os, sys
d = json.load(open(sys.argv[1]))
ds = d["diagnostics"]
assert d["source"]["name"] == "enface" and len(ds) == int(sys.argv[2]), (len(ds), sys.argv[2])
for x in ds:
    p = x["location"]["path"]
    assert p.startswith("zh-cn/") and os.path.isfile(p), p
    assert x["message"] and x["severity"] in ("ERROR", "WARNING", "INFO") and x["code"]["value"]
    assert x["location"]["range"]["start"]["line"] >= 1
    for r in x.get("related_locations", []):
        assert r["location"]["path"].startswith("en/") and os.path.isfile(r["location"]["path"])
PY
(cd "$T" && "$E" check --no-config --root vue --pairs 'en/{path}.md=zh-cn/{path}.md' -f rdjson vue/zh-cn/guide/introduction.md > "$T/sub.rdjson" 2>/dev/null)
python3 -c 'import json,os,sys; os.chdir(sys.argv[2]); ds=json.load(open(sys.argv[1]))["diagnostics"]; assert ds and all(x["location"]["path"].startswith("vue/zh-cn/guide/introduction.md") and os.path.isfile(x["location"]["path"]) for x in ds)' "$T/sub.rdjson" "$T" \
  && ok "rdjson from another directory: paths from the current directory" || bad "rdjson --root: $(head -c 300 "$T/sub.rdjson")"
expect 1 "vue-docs: github" "$E" check --no-config --pairs 'en/{path}.md=zh-cn/{path}.md' -f github
[ "$(grep -c '^::error ' "$T/out")" -le 10 ] && [ "$(grep -c '^::warning ' "$T/out")" -le 10 ] && [ "$(grep -c 'title=enface check::' "$T/out")" -eq 1 ] \
  && tail -1 "$T/out" | grep -q "most in zh-cn/" && ok "vue-docs: github capped over the run, one summary" || bad "github: $(tail -1 "$T/out")"

# operands: two changed files (one of each side) -> only their pairs
expect 1 "operands" "$E" check --no-config --pairs 'en/{path}.md=zh-cn/{path}.md' -f json en/api/application.md zh-cn/guide/introduction.md
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); z=sorted(f["zh"] for f in d["files"]); assert z==["zh-cn/api/application.md","zh-cn/guide/introduction.md"], z' "$T/out" \
  && ok "operands: only their pairs" || bad "operands: $(head -c 300 "$T/out")"
summary_is "^2 files, " "operands: summary"
# .enface.ini [pairs], found from the current directory
printf '[pairs]\nen = en/{path}.md\nzh = zh-cn/{path}.md\n' > .enface.ini
expect 1 "[pairs] in .enface.ini" "$E" check zh-cn/guide/introduction.md
summary_is "^1 file, " "[pairs]: one pair"
rm .enface.ini
# untranslated page, Chinese without original
echo "# New page" > en/new-page.md
printf '# 孤儿\n\n文字。\n' > zh-cn/orphan.md
expect 0 "untranslated and orphan are not errors" "$E" check --no-config --pairs 'en/{path}.md=zh-cn/{path}.md' --fail-on never
grep -q "not translated.*en/new-page.md" "$T/err" && ok "untranslated page listed" || bad "untranslated: $(cat "$T/err")"
grep -q "zh-cn/orphan.md has no original" "$T/err" && ok "orphan noted" || bad "orphan: $(cat "$T/err")"
rm en/new-page.md zh-cn/orphan.md
# a symlink out of the root is not followed
ln -s "$HF/zh/3d-assets.md" zh-cn/outside.md
ln -s "$HF/zh" zh-cn/outdir
expect 0 "symlinks out of the root" "$E" check --no-config --pairs 'en/{path}.md=zh-cn/{path}.md' --fail-on never
summary_is "^$NVUE files, " "symlinks out of the root are not followed"
rm zh-cn/outside.md zh-cn/outdir

# bad input: one line, exit 2, no SARIF file
P='en/{path}.md=zh-cn/{path}.md'
expect 2 "pattern without placeholder" "$E" check --no-config --pairs 'en/x.md=zh-cn/x.md' -f sarif -o "$T/b.sarif"
err_is "needs exactly one {name} or {path}" "pattern without placeholder: message"
expect 2 "two patterns match one file" "$E" check --no-config --pairs '{path}.md=zh-cn/{path}.md' -f sarif -o "$T/b.sarif"
err_is "matches two patterns" "two patterns: message"
expect 2 "two mappings match one file" "$E" check --no-config --pairs "$P" --pairs 'zh-cn/{path}.md=zh-tw/{path}.md' -f sarif -o "$T/b.sarif"
err_is "matches two patterns, the Chinese 'zh-cn/{path}.md' and the English 'zh-cn/{path}.md' of another mapping" "two mappings: message names both"
expect 2 "two placeholders" "$E" check --no-config --pairs 'en/{path}/{name}.md=zh-cn/{path}.md' -f sarif -o "$T/b.sarif"
err_is "needs exactly one {name} or {path}" "two placeholders: message"
expect 2 "a pattern out of the root" "$E" check --no-config --pairs '../{path}.md=zh-cn/{path}.md' -f sarif -o "$T/b.sarif"
err_is "must be a relative path inside the root" "out of the root: message"
printf '[pairs]\nen = en/x.md\nzh = zh-cn/x.md\n' > "$T/nophold.ini"
expect 2 ".enface.ini pattern without placeholder" "$E" check --config "$T/nophold.ini" -f sarif -o "$T/b.sarif"
err_is "nophold.ini:" ".enface.ini: message names the file"
err_is "needs exactly one {name} or {path}" ".enface.ini: message says what is wrong"
expect 2 "root does not exist" "$E" check --no-config --pairs "$P" --root "$T/no-such-dir" -f sarif -o "$T/b.sarif"
err_is "no-such-dir: cannot open the root" "root does not exist: message"
expect 2 "root not a directory" "$E" check --no-config --pairs "$P" --root en/api/application.md -f sarif -o "$T/b.sarif"
err_is "the root is not a directory" "root not a directory: message"
printf 'x\n' > README.txt
expect 2 "operand matching no pattern" "$E" check --no-config --pairs "$P" README.txt -f sarif -o "$T/b.sarif"
err_is "matches no pattern" "no pattern: message"
printf 'a\0b\n' > en/binary.md
printf '# 二进制\n\n文字。\n' > zh-cn/binary.md
expect 2 "binary EN" "$E" check --no-config --pairs "$P" -f sarif -o "$T/b.sarif"
err_is "en/binary.md:1:2: NUL byte" "binary EN: message names the file"
[ ! -e "$T/b.sarif" ] && ok "no partial SARIF file" || bad "a SARIF file was left"
expect 2 "binary EN to stdout" "$E" check --no-config --pairs "$P" -f sarif
[ ! -s "$T/out" ] && ok "nothing on stdout" || bad "partial SARIF on stdout"
expect 2 "binary EN, its translation as operand" "$E" check --no-config --pairs "$P" -f sarif -o "$T/b.sarif" zh-cn/binary.md
err_is "en/binary.md:1:2: NUL byte" "binary EN operand: message names the file"
printf 'previous\n' > "$T/prev.sarif"
for f in rdjson json github; do
  expect 2 "binary EN, -f $f" "$E" check --no-config --pairs "$P" -f $f -o "$T/prev.sarif"
done
[ "$(cat "$T/prev.sarif")" = previous ] && ok "the previous output file is left as it was" || bad "the previous output was replaced"
mv en/binary.md en/binary.bin
printf 'a\0b\n' > zh-cn/binary.md
printf '# Binary\n\nText.\n' > en/binary.md
expect 2 "binary ZH" "$E" check --no-config --pairs "$P" -f sarif -o "$T/b.sarif"
err_is "zh-cn/binary.md:1:2: NUL byte" "binary ZH: message names the file"
printf '# 二进制\n\n文字。\n' > zh-cn/binary.md
printf 'caf\351\n' > en/binary.md
expect 2 "EN not UTF-8" "$E" check --no-config --pairs "$P" -f sarif -o "$T/b.sarif"
err_is "en/binary.md:1:4: invalid UTF-8" "EN not UTF-8: message names the file and column"
: > en/binary.md
expect 2 "empty EN" "$E" check --no-config --pairs "$P" -f sarif -o "$T/b.sarif"
err_is "en/binary.md: file is empty" "empty EN: message"
[ ! -e "$T/b.sarif" ] && ok "no SARIF file after any of them" || bad "a SARIF file was left"
rm en/binary.md en/binary.bin zh-cn/binary.md README.txt
exit $fail
