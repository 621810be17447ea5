#!/bin/sh
# `enface drift --pairs` and `enface check --changed-since` in small git
# repositories made here: the synced revision from a front-matter key
# (OpenTelemetry's default_lang_commit, MDN's l10n.sourceCommit, a
# configured key) or from the last commits; a revision that does not
# exist; a shallow clone; nothing changed; the summary; SARIF;
# --update-source-commit (only the key changes; a second run changes
# nothing); --changed-since selecting pairs.  Skipped (77) without git.
# usage: cli_drift_git.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
command -v git >/dev/null 2>&1 || { echo "git is not installed: skipped"; exit 77; }
. "$(dirname "$0")/lib.sh"
export GIT_CONFIG_NOSYSTEM=1 HOME="$T" GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t \
  GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
P='{name}.md=zh/{name}.md'

# r: guide.md and zh/guide.md translated together (commit A), then the
# English changes (B: a number, a rewrite, a new paragraph); other.md and
# its translation are untouched
mkdir "$T/r" && cd "$T/r" || exit 2
git init -q . && mkdir zh
cat > guide.md <<'M'
# Guide

The first paragraph explains the `setup` command and links to [docs](https://example.com/docs).

The second paragraph has 3 steps.

The third paragraph stays the same forever.
M
cat > zh/guide.md <<'M'
# 指南

第一段解释 `setup` 命令并链接到[文档](https://example.com/docs)。

第二段有 3 个步骤。

第三段永远不变。
M
printf '# Other\n\nNothing ever changes on this page at all.\n' > other.md
printf '# 其他\n\n这一页永远不会改变。\n' > zh/other.md
git add . && git commit -qm A
A=$(git rev-parse HEAD)
sed -i 's/3 steps/5 steps/; s/the same forever\./the same forever and ever, truly./' guide.md
printf '\nA new paragraph about `deploy`.\n' >> guide.md
git commit -qam B
B=$(git rev-parse HEAD)

# fallback: the English's last commit at or before the translation's (A)
expect 1 "fallback: stale since the translation's last commit" "$E" drift --pairs "$P"
cat > want <<'W'
zh/guide.md:5:1: warning: [drift.stale] the original changed (number 3 -> 5): "…ragraph has 3 steps." -> "…ragraph has 5 steps."
zh/guide.md:7:1: warning: [drift.stale] the original changed (rewritten): "…same forever." -> "…same forever and ever, truly."
zh/guide.md:7:1: warning: [drift.untranslated] new in the original (line 9 of guide.md), not translated; it belongs after line 7: "A new paragraph about deploy."
W
diff want "$T/out" >/dev/null && ok "fallback: the exact findings" || bad "fallback findings: $(cat "$T/out")"
grep -qF '| zh/guide.md | 2 of 4 paragraphs | 1 | 0 | `'"$(echo "$A" | cut -c1-12)"'` |' "$T/err" \
  && ok "summary row: 2 of 4 paragraphs stale, synced to A" || bad "summary: $(cat "$T/err")"
grep -qF '**1 of 2 translated pages stale**' "$T/err" && ok "summary: 1 of 2 pages" || bad "summary head: $(cat "$T/err")"
grep -q 'zh/other.md' "$T/err" && bad "an up-to-date page is in the table" || ok "up-to-date page not listed"
tail -1 "$T/err" | grep -qF "2 files, 3 findings: 0 errors, 3 warnings, 0 notes" && ok "run summary line" \
  || bad "run line: $(tail -1 "$T/err")"

# --en-rev A: the English then is what the translation was made from
expect 0 "--en-rev at the synced revision: no drift" "$E" drift --pairs "$P" --en-rev "$A"
[ ! -s "$T/out" ] && ok "EN_OLD = EN_NEW: no finding" || bad "findings at A: $(cat "$T/out")"
grep -qF '**0 of 2 translated pages stale**' "$T/err" && ok "EN_OLD = EN_NEW: says so" || bad "$(cat "$T/err")"

# the summary to a file, and one page by operand
expect 1 "--summary FILE, one page" "$E" drift --pairs "$P" --summary "$T/sum.md" zh/guide.md
grep -qF '| zh/guide.md | 2 of 4 paragraphs |' "$T/sum.md" && ok "summary file" || bad "summary file: $(cat "$T/sum.md")"
grep -q 'paragraphs' "$T/err" && bad "summary also on stderr" || ok "summary only in the file"

# SARIF: one run, the drift rules, relative URIs
expect 1 "sarif" "$E" drift --pairs "$P" -f sarif -o "$T/d.sarif"
python3 - "$T/d.sarif" <<'PY' && ok "sarif: one run, drift rules, relative URIs" || bad "sarif"
import json, sys
d = json.load(open(sys.argv[1]))
runs = d["runs"]
assert len(runs) == 1, len(runs)
ids = {r["id"] for r in runs[0]["tool"]["driver"]["rules"]}
assert "drift.stale" in ids and not any(i.startswith("glossary") for i in ids), ids
res = runs[0]["results"]
assert len(res) == 3
for r in res:
    uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "zh/guide.md", uri
PY
SCHEMA=$ROOT/../shared/schemas/sarif-2.1.0.json
if [ -f "$SCHEMA" ] && python3 -c 'import jsonschema' 2>/dev/null; then
  python3 -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' \
    "$T/d.sarif" "$SCHEMA" && ok "sarif valid against the schema" || bad "sarif schema"
fi

# a front-matter key: OpenTelemetry's default_lang_commit naming B (the
# translation synced to B: no drift) and naming A (drift as above)
cp zh/guide.md "$T/guide.orig"
{ printf -- '---\ntitle: 指南\ndefault_lang_commit: %s # synced\n---\n' "$B"; cat "$T/guide.orig"; } > zh/guide.md
git commit -qam "zh: front matter"
expect 0 "default_lang_commit = B: synced, no drift" "$E" drift --pairs "$P"
[ ! -s "$T/out" ] && ok "key at B: no finding" || bad "key at B: $(cat "$T/out")"
sed -i "s/^default_lang_commit: [0-9a-f]*/default_lang_commit: $(echo "$A" | cut -c1-10)/" zh/guide.md
expect 1 "default_lang_commit = A (short id): stale" "$E" drift --pairs "$P"
[ "$(grep -c 'drift\.' "$T/out")" -eq 3 ] && ok "key at A: the three findings" || bad "key at A: $(cat "$T/out")"
git commit -qam "zh: key at A"
# MDN's nested key
{ printf -- '---\ntitle: 指南\nl10n:\n  sourceCommit: %s\n---\n' "$B"; cat "$T/guide.orig"; } > zh/guide.md
expect 0 "l10n.sourceCommit = B: synced" "$E" drift --pairs "$P"
# a configured key, from the command line and from .enface.ini
{ printf -- '---\nsynced_from: %s\ndefault_lang_commit: %s\n---\n' "$A" "$B"; cat "$T/guide.orig"; } > zh/guide.md
expect 0 "default key read when none is configured" "$E" drift --pairs "$P"
expect 1 "--source-commit-key synced_from" "$E" drift --pairs "$P" --source-commit-key synced_from
printf '[pairs]\nen = {name}.md\nzh = zh/{name}.md\n[drift]\nsource-commit-key = synced_from\n' > .enface.ini
expect 1 ".enface.ini [drift] source-commit-key, [pairs]" "$E" drift
rm .enface.ini

# a key naming a commit that does not exist: one line, exit 2
{ printf -- '---\ndefault_lang_commit: 0123456789abcdef0123456789abcdef01234567\n---\n'; cat "$T/guide.orig"; } > zh/guide.md
expect 2 "key naming no commit: exit 2" "$E" drift --pairs "$P" -f sarif -o "$T/bad.sarif"
err_is "zh/guide.md: default_lang_commit: 0123456789abcdef0123456789abcdef01234567: no such revision" \
  "key naming no commit: the message"
[ ! -e "$T/bad.sarif" ] && ok "no partial SARIF" || bad "a SARIF file was left"
expect 2 "--en-rev that does not exist" "$E" drift --pairs "$P" --en-rev no-such-branch
err_is "drift: --en-rev no-such-branch: no such revision" "--en-rev: the message"
git checkout -q zh/guide.md
# libgit2 is loaded when history is first read, not linked: without it,
# one line and exit 2; the commands that read no history never load it
ENFACE_LIBGIT2=/nonexistent/libgit2.so.0 expect 2 "libgit2 missing: exit 2" "$E" drift --pairs "$P"
err_is "libgit2 is needed to read git history and cannot be loaded" "libgit2 missing: the message"
ENFACE_LIBGIT2=/nonexistent/libgit2.so.0 expect 0 "libgit2 missing: drift of three files still runs" \
  "$E" drift guide.md guide.md zh/guide.md
if command -v ldd >/dev/null 2>&1; then
  ldd "$E" | grep -q libgit2 && bad "enface is linked with libgit2" || ok "enface is not linked with libgit2"
fi

# --update-source-commit: writes B into the key, only that line changes;
# a second run changes nothing
cp zh/other.md "$T/other.before"
expect 1 "--update-source-commit" "$E" drift --pairs "$P" --update-source-commit --en-rev "$B"
grep -qF "zh/guide.md: default_lang_commit changed: $(echo "$A" | cut -c1-10) -> $(echo "$B" | cut -c1-12)" "$T/err" \
  && ok "update: says what changed" || bad "update message: $(cat "$T/err")"
git diff --numstat zh/guide.md | grep -q '^1	1	' && ok "update: one line changed" || bad "update diff: $(git diff zh/guide.md)"
git diff -U0 zh/guide.md | grep -q "^+default_lang_commit: $B # synced" && ok "update: the value, the comment kept" \
  || bad "update: $(git diff zh/guide.md)"
{ printf -- '---\ndefault_lang_commit: %s\n---\n' "$B"; cat "$T/other.before"; } > "$T/other.want"
cmp -s zh/other.md "$T/other.want" && ok "update: front matter added where there was none" \
  || bad "update other: $(cat zh/other.md)"
cp zh/guide.md "$T/g1"; cp zh/other.md "$T/o1"
expect 0 "--update-source-commit again: synced, no drift" "$E" drift --pairs "$P" --update-source-commit --en-rev "$B"
cmp -s zh/guide.md "$T/g1" && cmp -s zh/other.md "$T/o1" && ok "update is idempotent" || bad "second update changed files"
grep -q "changed:\|added:" "$T/err" && bad "second update wrote" || ok "second update writes nothing"
git commit -qam "zh: synced to B"

# shallow clone: the fallback needs history that is not there
cd "$T" && git clone -q --depth 1 "file://$T/r" shallow && cd shallow || exit 2
git rm -q --cached -r . >/dev/null; git reset -q --hard
sed -i '/^default_lang_commit/d; /^---$/d' zh/guide.md zh/other.md && git commit -qam "drop keys"
git clone -q --depth 1 "file://$T/shallow" "$T/shallow2" && cd "$T/shallow2" || exit 2
expect 2 "shallow clone: exit 2" "$E" drift --pairs "$P"
err_is "shallow clone: the history of zh/guide.md before" "shallow clone: the message"
grep -qF "fetch with --unshallow" "$T/err" && ok "shallow clone: says how to fix it" || bad "$(cat "$T/err")"

# --changed-since: only the pairs either side of which changed
cd "$T/r" || exit 2
C=$(git rev-parse HEAD)
expect 0 "check --changed-since HEAD, nothing changed" "$E" check --no-default-glossary --pairs "$P" --changed-since HEAD
grep -qF "0 files" "$T/err" && ok "nothing changed: no pair" || bad "$(cat "$T/err")"
echo "More text in the other page." >> other.md
expect 0 "check --changed-since HEAD, other.md changed in the work tree" "$E" check --no-default-glossary --pairs "$P" --changed-since HEAD -f json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); f=[x["zh"] for x in d["files"]]; assert f == ["zh/other.md"], f' "$T/out" \
  && ok "--changed-since: the pair of the changed English" || bad "changed-since: $(cat "$T/out")"
git commit -qam "other changed"
printf '\n新的一段。\n' >> zh/guide.md && git add zh/guide.md
expect 0 "check --changed-since C: committed and staged" "$E" check --no-default-glossary --pairs "$P" --changed-since "$C" -f json --fail-on never
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); f=sorted(x["zh"] for x in d["files"]); assert f == ["zh/guide.md", "zh/other.md"], f' "$T/out" \
  && ok "--changed-since: committed and staged changes, each side" || bad "changed-since: $(cat "$T/out")"
expect 2 "check --changed-since a revision that does not exist" "$E" check --no-default-glossary --pairs "$P" --changed-since nope
err_is "check: --changed-since nope: no such revision" "--changed-since: the message"
cd "$T" && mkdir plain && cd plain && mkdir zh && cp "$T/r/other.md" . && cp "$T/r/zh/other.md" zh/
expect 2 "--changed-since outside a git work tree" "$E" check --no-default-glossary --pairs "$P" --changed-since HEAD
err_is "not in a git repository" "outside a work tree: the message"
expect 2 "drift --pairs outside a git work tree" "$E" drift --pairs "$P"
err_is "not in a git repository" "drift outside a work tree: the message"
expect 2 "drift without operands or pairs" "$E" drift --no-config
err_is "drift: need three files, or --pairs" "drift without pairs: the message"

exit $fail
