#!/bin/sh
# CLI behaviour of `enface check` and `enface glossary`: help, exit codes
# and --fail-on, formats, one-line errors naming the file (and line), atomic
# output, .enface.ini, the source line and caret on a terminal, TBX export.
# usage: cli_check.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
G=$ROOT/glossary/ml.tsv
. "$(dirname "$0")/lib.sh"
out_is() {
  if [ "$(cat "$T/out")" = "$1" ]; then ok "$2"; else bad "$2: stdout was: $(cat "$T/out")"; fi
}

mkdir "$T/w"
printf '# News\n\nThe transformer paper by [Ann](https://a.org/ann) in 2021.\n' > "$T/w/en.md"
printf '# 新闻\n\n[Ann](https://a.org/ann) 2021 年的变换器论文。\n' > "$T/w/zh.md"
printf '# 新闻\n\n[Ann](https://a.org/ann) 2021 年的变压器论文。\n' > "$T/w/bad.md"
printf '# 新闻\n\n2021 年的变换器论文，精度和准确率和准确率。\n' > "$T/w/warn.md"

expect 0 "check --help" "$E" check --help
grep -q "usage: enface check" "$T/out" && ok "help text" || bad "help text"
expect 0 "check --list-rules" "$E" check --list-rules
grep -q "^spacing.cjk-latin *off" "$T/out" && ok "spacing off by default" || bad "list-rules: $(cat "$T/out")"
expect 0 "clean pair" "$E" check --no-config -g "$G" "$T/w/en.md" "$T/w/zh.md"
out_is "" "clean pair prints nothing"
expect 1 "forbidden term" "$E" check --no-config -g "$G" "$T/w/en.md" "$T/w/bad.md"
out_is "$T/w/bad.md:3:33: error: [glossary.forbidden] \"变压器\" for \"transformer\" — use \"变换器\" or \"transformer\"" "compiler-style line"
expect 0 "--fail-on never" "$E" check --no-config -g "$G" --fail-on never "$T/w/bad.md"
expect 1 "warning fails by default" "$E" check --no-config -g "$G" "$T/w/warn.md"
expect 0 "--fail-on error ignores warnings" "$E" check --no-config -g "$G" --fail-on error "$T/w/warn.md"
expect 0 "--disable glossary" "$E" check --no-config -g "$G" --disable glossary "$T/w/bad.md"
expect 0 "--severity to note" "$E" check --no-config -g "$G" --severity glossary.forbidden=note "$T/w/bad.md"
grep -q ": note: \[glossary.forbidden\]" "$T/out" && ok "severity changed" || bad "severity changed"
expect 1 "--fail-on note" "$E" check --no-config -g "$G" --severity glossary.forbidden=note --fail-on note "$T/w/bad.md"

# formats
expect 1 "json" "$E" check --no-config -g "$G" -f json "$T/w/bad.md"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); f=d["findings"][0]; assert f["rule"]=="glossary.forbidden" and f["zh"]["line"]==3 and f["zh"]["col"]==33' "$T/out" \
  && ok "json content" || bad "json content: $(cat "$T/out")"
expect 1 "github" "$E" check --no-config -g "$G" --format=github "$T/w/bad.md"
[ "$(tail -1 "$T/out")" = "::notice title=enface check::1 error, 0 warnings, 0 notes" ] && ok "github summary" || bad "github: $(cat "$T/out")"
expect 1 "sarif" "$E" check --no-config -g "$G" -f sarif "$T/w/bad.md"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"]=="2.1.0"' "$T/out" && ok "sarif parses" || bad "sarif parses"

# usage and input errors: exit 2, one line
expect 2 "no file" "$E" check
err_is "need a file" "no file message"
expect 2 "three files" "$E" check a b c
expect 2 "unknown option" "$E" check --bogus "$T/w/zh.md"
expect 2 "unknown format" "$E" check -f xml "$T/w/zh.md"
err_is "unknown format 'xml'" "unknown format message"
expect 2 "bad --fail-on" "$E" check --fail-on sometimes "$T/w/zh.md"
expect 2 "unknown rule" "$E" check --disable nosuch.rule "$T/w/zh.md"
err_is "unknown rule 'nosuch.rule'" "unknown rule message"
expect 2 "--discover needs two files" "$E" check --discover "$T/w/zh.md"
expect 2 "missing file" "$E" check --no-config "$T/w/nope.md"
err_is "$T/w/nope.md: cannot open" "missing file message"
: > "$T/w/empty.md"
expect 2 "empty file" "$E" check --no-config "$T/w/empty.md"
err_is "file is empty" "empty file message"
printf '# ok\n\nbad \377 byte\n' > "$T/w/latin1.md"
expect 2 "invalid UTF-8" "$E" check --no-config "$T/w/latin1.md"
err_is "$T/w/latin1.md:3:5: invalid UTF-8" "invalid UTF-8 names line:col"
expect 2 "directory" "$E" check --no-config "$T"
printf 'en\tzh\nx\ty\nx\tz\n' > "$T/dup.tsv"
expect 2 "bad glossary" "$E" check --no-config -g "$T/dup.tsv" "$T/w/zh.md"
err_is "$T/dup.tsv:3: duplicate term \"x\" (first on line 2)" "glossary error names file:line"
expect 2 "missing glossary" "$E" check --no-config -g "$T/none.tsv" "$T/w/zh.md"
head -c 3000 /bin/sh > "$T/w/bin.md"
expect 2 "binary file" "$E" check --no-config "$T/w/bin.md"

# atomic output
printf 'precious\n' > "$T/out.json"
expect 2 "error keeps old output" "$E" check --no-config -o "$T/out.json" "$T/w/nope.md"
[ "$(cat "$T/out.json")" = "precious" ] && ok "old output untouched" || bad "old output untouched"
expect 1 "-o writes findings" "$E" check --no-config -g "$G" -f json -o "$T/out.json" "$T/w/bad.md"
grep -q glossary.forbidden "$T/out.json" && ok "output replaced" || bad "output replaced"
ls "$T" | grep -q 'tmp-' && bad "temporary file left behind" || ok "no temporary file left"

# .enface.ini next to the file (and in its parents)
mkdir -p "$T/repo/glossary" "$T/repo/docs"
cp "$G" "$T/repo/glossary/ml.tsv"
cp "$T/w/bad.md" "$T/repo/docs/zh.md"
printf '[check]\nglossary = glossary/ml.tsv\nformat = json\n[rules]\nmarkup = off\n' > "$T/repo/.enface.ini"
expect 1 "config found upwards" "$E" check "$T/repo/docs/zh.md"
grep -q '"rule": "glossary.forbidden"' "$T/out" && ok "config glossary and format used" || bad "config: $(head -c 300 "$T/out")"
expect 0 "--no-config" "$E" check --no-config --no-default-glossary "$T/repo/docs/zh.md"
# without -g the default glossary (the source tree's ml.tsv beside this
# uninstalled build) applies, and stderr says so; -g replaces it
expect 1 "default glossary" "$E" check --no-config "$T/repo/docs/zh.md"
err_is "glossary: $ROOT/glossary/ml.tsv (the default" "default glossary named on stderr"
printf 'en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\nfoo\t福\t\t\t\t\t\n' > "$T/w/other.tsv"
expect 0 "-g replaces the default glossary" "$E" check --no-config -g "$T/w/other.tsv" "$T/repo/docs/zh.md"
[ ! -s "$T/err" ] && ok "no default-glossary note with -g" || bad "stderr: $(cat "$T/err")"
printf '[check]\nfail-on = error\n[rules]\nglossary.forbidden = warning\n' > "$T/repo/.enface.ini"
expect 0 "config fail-on and severity" "$E" check -g "$G" "$T/repo/docs/zh.md"
expect 1 "command line beats config" "$E" check -g "$G" --fail-on warning "$T/repo/docs/zh.md"
printf '[check]\nshiny = yes\n' > "$T/repo/.enface.ini"
expect 2 "bad config" "$E" check "$T/repo/docs/zh.md"
err_is "$T/repo/.enface.ini:2: unknown key \"shiny\" in [check]" "bad config names file:line"

# [rule.link.changed] equivalent: a mirror taken as the same site; the
# built-in equivalences need no config (an arXiv paper, a Chinese edition)
mkdir -p "$T/mirror"
printf '# Docs\n\nSee [the guide](https://docs.example.org/guide/) and [the paper](https://arxiv.org/abs/2211.05105) and [Vite](https://vitejs.dev/guide/).\n' > "$T/mirror/en.md"
printf '# 文档\n\n见[指南](https://example-docs.netlify.app/guide) 和[论文](https://huggingface.co/papers/2211.05105) 和 [Vite](https://cn.vitejs.dev/guide/)。\n' > "$T/mirror/zh.md"
# (another site: a note, so --fail-on note to see it fail)
expect 1 "a mirror without config" "$E" check --no-config --no-default-glossary --fail-on note "$T/mirror/en.md" "$T/mirror/zh.md"
[ "$(grep -c "\[link.changed\]" "$T/out")" -eq 1 ] && grep -q "note: \[link.changed\].*example-docs.netlify.app.* is on another site" "$T/out" \
  && ok "only the mirror differs, a note" || bad "mirror: $(cat "$T/out")"
printf '[rule.link.changed]\nequivalent = https://docs.example.org https://example-docs.netlify.app\n' > "$T/mirror/.enface.ini"
expect 0 "the mirror in .enface.ini" "$E" check --no-default-glossary --fail-on note "$T/mirror/en.md" "$T/mirror/zh.md"
printf '[rule.link.changed]\nequivalent = https://docs.example.org\n' > "$T/mirror/.enface.ini"
expect 2 "equivalent with one prefix" "$E" check --no-default-glossary "$T/mirror/en.md" "$T/mirror/zh.md"
err_is "$T/mirror/.enface.ini:2: equivalent = \"https://docs.example.org\" names one prefix" "bad equivalent names file:line"
rm "$T/mirror/.enface.ini"

# code.translated: translated comments and strings are one note, in every
# format's rule list; changed code stays an error
printf '# Code\n\nRun:\n\n```python\nx = load("model")  # load it\nprint("done")\n```\n' > "$T/mirror/code-en.md"
printf '# 代码\n\n运行：\n\n```python\nx = load("model")  # 加载\nprint("完成")\n```\n' > "$T/mirror/code-zh.md"
expect 0 "translated code is a note" "$E" check --no-config --no-default-glossary "$T/mirror/code-en.md" "$T/mirror/code-zh.md"
out_is "$T/mirror/code-zh.md:6:1: note: [code.translated] code differs from the original only in comments or strings (translated): 2 lines, first \"x = load(\"model\")  # 加载\"" "code.translated line"
expect 0 "code.translated in SARIF" "$E" check --no-config --no-default-glossary -f sarif "$T/mirror/code-en.md" "$T/mirror/code-zh.md"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); r=d["runs"][0]; assert "code.translated" in [x["id"] for x in r["tool"]["driver"]["rules"]]; assert [x["ruleId"] for x in r["results"]]==["code.translated"]' "$T/out" \
  && ok "SARIF names the rule" || bad "sarif: $(head -c 400 "$T/out")"
sed 's/load("model")/load("other")/' "$T/mirror/code-zh.md" > "$T/mirror/code-bad.md"
expect 1 "changed code is an error" "$E" check --no-config --no-default-glossary "$T/mirror/code-en.md" "$T/mirror/code-bad.md"
grep -q "error: \[code.changed\]" "$T/out" && ! grep -q "code.translated" "$T/out" && ok "only code.changed" || bad "code: $(cat "$T/out")"

# on a terminal: source line and caret (script gives the command a tty)
if command -v script >/dev/null 2>&1; then
  NO_COLOR=1 script -qec "$E check --no-config -g $G $T/w/bad.md" /dev/null > "$T/tty" 2>&1
  tr -d '\r' < "$T/tty" > "$T/tty2"
  if grep -qF '  [Ann](https://a.org/ann) 2021 年的变压器论文。' "$T/tty2" && \
     grep -qxF "                                    ^~~~~~" "$T/tty2"; then ok "source line and caret on a tty"; else bad "tty output: $(cat "$T/tty2")"; fi
else
  echo "skip the tty test: script(1) missing (Debian package bsdutils)"
fi

# glossary command: validation, TBX round trip
expect 0 "glossary --check" "$E" glossary --check "$G"
n=$(sed 's/ terms//' "$T/out")
[ "$n" -ge 250 ] && ok "ml.tsv has $n terms" || bad "ml.tsv has $n terms (< 250)"
expect 0 "export TBX" "$E" glossary -f tbx -o "$T/ml.tbx" "$G"
expect 0 "TBX back to TSV" "$E" glossary -o "$T/back.tsv" "$T/ml.tbx"
"$E" glossary "$G" > "$T/orig.tsv"
cmp -s "$T/orig.tsv" "$T/back.tsv" && ok "TBX round trip keeps every entry" || bad "TBX round trip: $(diff "$T/orig.tsv" "$T/back.tsv" | head -5)"
expect 1 "TBX glossary used by check" "$E" check --no-config -g "$T/ml.tbx" "$T/w/bad.md"
expect 2 "glossary bad file" "$E" glossary "$T/dup.tsv"

# a stored alignment: --beads gives the same findings as aligning
C=$ROOT/corpus/issue-102
"$E" check --no-config -g "$G" -f json "$C/en.md" "$C/zh.md" > "$T/aligned.json"
expect 1 "--beads" "$E" check --no-config -g "$G" -f json --beads "$C/expected.beads" "$C/en.md" "$C/zh.md"
cmp -s "$T/out" "$T/aligned.json" && ok "--beads: same findings" || bad "--beads findings differ: $(diff "$T/out" "$T/aligned.json" | head -5)"
printf '[1]:[1]\n[999]:[3]\n' > "$T/bad.beads"
expect 2 "bad beads file" "$E" check --no-config --beads "$T/bad.beads" "$C/en.md" "$C/zh.md"

# HTML and line input: positions in the file; Markdown syntax is not checked there
printf '<html><body>\n<p>这篇报纸讲<a href="https://x.org/变压器">变压器</a> ****。</p>\n</body></html>\n' > "$T/w/t.html"
expect 1 "HTML input" "$E" check --no-config -g "$G" "$T/w/t.html"
[ "$(cut -d: -f2- "$T/out" | cut -d' ' -f1-3)" = "$(printf '2:6: error: [glossary.forbidden]\n2:37: error: [glossary.forbidden]')" ] \
  && ok "HTML findings and columns" || bad "HTML: $(cat "$T/out")"
printf 'a ****\n报纸\n' > "$T/w/l.txt"
expect 1 "lines input" "$E" check --no-config -g "$G" -u lines "$T/w/l.txt"
[ "$(cut -d: -f2- "$T/out" | cut -d' ' -f1-3)" = "2:1: error: [glossary.forbidden]" ] && ok "lines: no markup rule" || bad "lines: $(cat "$T/out")"

# discovery: TSV with the header of a glossary
printf '# A\n\nThe widget is great.\n\nA widget again.\n\nNo widget here? Yes, a widget.\n' > "$T/w/den.md"
printf '# 甲\n\n小部件很棒。\n\n又是小部件。\n\n这里没有小部件？有，一个小部件。\n' > "$T/w/dzh.md"
expect 0 "--discover" "$E" check --no-config --discover "$T/w/den.md" "$T/w/dzh.md"
head -1 "$T/out" | grep -q "^en	zh	verbatim	forbidden	variants	flags	note$" && ok "discover header" || bad "discover header"
grep -q "^widget	小部件	" "$T/out" && ok "discover proposes widget -> 小部件" || bad "discover: $(cat "$T/out")"

# check --fix: forbidden renderings rewritten in prose only, atomically
mkdir -p "$T/fix"
printf 'en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\tequivalents\tsuspect\npaper\t论文\t\t报纸\t\t\t\t\t\nGAN\t生成对抗网络\tmust\t\t\tcase\t\t\t甘[notin=甘肃]\n' > "$T/fix/g.tsv"
cat > "$T/fix/zh.md" <<'MD'
---
title: 报纸
---
# 本周报纸

这篇报纸讲甘的训练，见[报纸](https://example.org/报纸)。

运行 `报纸` 命令：

```
报纸 = 1
```

<img alt="报纸" src="a.png">
MD
chmod 640 "$T/fix/zh.md"
cp "$T/fix/zh.md" "$T/fix/before.md"
"$E" check --no-config -g "$T/fix/g.tsv" --fix --diff "$T/fix/zh.md" > "$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && cmp -s "$T/fix/zh.md" "$T/fix/before.md" && grep -q '^+# 本周论文$' "$T/out" \
  && grep -q "3 forbidden renderings to fix (nothing written)" "$T/err" \
  && ok "fix --diff: the change shown, nothing written" || bad "fix --diff: exit $rc $(cat "$T/out" "$T/err")"
cp "$T/fix/before.md" "$T/fix/patched.md"
sed "s#$T/fix/zh.md#$T/fix/patched.md#" "$T/out" > "$T/fix/d.patch"
patch -s "$T/fix/patched.md" "$T/fix/d.patch" && ok "fix --diff: a patch that applies" || bad "fix --diff: patch failed"
expect 0 "fix: exit 0" "$E" check --no-config -g "$T/fix/g.tsv" --fix "$T/fix/zh.md"
grep -q "fixed 3 forbidden renderings" "$T/err" && ok "fix: counted" || bad "fix: $(cat "$T/err")"
cmp -s "$T/fix/zh.md" "$T/fix/patched.md" && ok "fix: the same as the patch" || bad "fix: differs from the diff"
# prose fixed: the heading, the sentence, the link's text; the rest kept
grep -q '^# 本周论文$' "$T/fix/zh.md" && grep -q '^这篇论文讲甘的训练，见\[论文\](https://example.org/报纸)。$' "$T/fix/zh.md" \
  && grep -q '^title: 报纸$' "$T/fix/zh.md" && grep -q '^运行 `报纸` 命令：$' "$T/fix/zh.md" \
  && grep -q '^报纸 = 1$' "$T/fix/zh.md" && grep -q 'alt="报纸"' "$T/fix/zh.md" \
  && ok "fix: prose only (front matter, code, URL, attribute and the suspect 甘 kept)" || bad "fix: $(cat "$T/fix/zh.md")"
[ "$(stat -c %a "$T/fix/zh.md")" = 640 ] && ok "fix: the file's mode kept" || bad "fix: mode $(stat -c %a "$T/fix/zh.md")"
ls -a "$T/fix" | grep -q 'tmp-' && bad "fix: a temporary file left" || ok "fix: no temporary file left"
expect 0 "fix twice: exit 0" "$E" check --no-config -g "$T/fix/g.tsv" --fix "$T/fix/zh.md"
grep -q "nothing to fix" "$T/err" && cmp -s "$T/fix/zh.md" "$T/fix/patched.md" && ok "fix twice: nothing to fix" || bad "fix twice: $(cat "$T/err")"
expect 2 "fix with -o" "$E" check --no-config -g "$T/fix/g.tsv" --fix -o "$T/fix/x" "$T/fix/zh.md"
expect 2 "fix with --pairs" "$E" check --no-config -g "$T/fix/g.tsv" --fix --pairs '{name}.md=zh/{name}.md' --root "$T/fix"
expect 2 "diff without fix" "$E" check --no-config -g "$T/fix/g.tsv" --diff "$T/fix/zh.md"

# a repository of translations without originals (machine translations):
# an empty EN pattern, every Chinese file checked alone, no "no original"
# note for each; drift and corpus, which need the originals, refuse it
mkdir -p "$T/mt/news/2021" "$T/mt/notes"
printf '# 新闻\n\n2021 年的变压器论文。\n' > "$T/mt/news/2021/a.md"
printf '# 新闻\n\n2021 年的变换器论文。\n' > "$T/mt/news/b.md"
printf 'not a page\n' > "$T/mt/notes/readme.txt"
here=$(pwd)
cd "$T/mt"
expect 1 "Chinese-only layout" "$E" check --no-config -g "$G" --pairs '={path}.md'
grep -q '^news/2021/a.md:3:.*glossary.forbidden' "$T/out" && [ "$(wc -l < "$T/out")" -eq 1 ] &&
  ok "Chinese-only layout: the finding, named from the root" || bad "Chinese-only layout: $(cat "$T/out")"
if grep -q "no original" "$T/err"; then bad "Chinese-only layout: a note per file: $(cat "$T/err")"
else ok "Chinese-only layout: no note per file"; fi
tail -1 "$T/err" | grep -q "^2 files, 1 finding: 1 error, 0 warnings, 0 notes$" &&
  ok "Chinese-only layout: summary" || bad "Chinese-only layout summary: $(tail -1 "$T/err")"
expect 0 "Chinese-only layout: one file" "$E" check --no-config -g "$G" --pairs '={path}.md' news/b.md
expect 2 "empty pattern both sides" "$E" check --no-config --pairs '='
err_is "empty pattern" "empty pattern: one line"
printf '[pairs]\nen =\nzh = {path}.md\n' > .enface.ini
expect 1 ".enface.ini [pairs] with en = empty" "$E" check -g "$G"
tail -1 "$T/err" | grep -q "^2 files, 1 finding" && ok ".enface.ini Chinese-only layout: both files" ||
  bad ".enface.ini Chinese-only layout: $(tail -1 "$T/err")"
printf '[pairs]\nen = {path}.en.md\nzh =\n' > .enface.ini
expect 2 ".enface.ini [pairs] with zh = empty" "$E" check -g "$G"
err_is "needs exactly one {name} or {path}" ".enface.ini zh = empty: one line"
rm .enface.ini
expect 2 "drift: Chinese-only layout" "$E" drift --pairs '={path}.md'
err_is "has no English pattern" "drift: Chinese-only layout refused in one line"
expect 2 "corpus: Chinese-only layout" "$E" corpus --pairs '={path}.md' -o "$T/mt.jsonl"
err_is "a parallel corpus needs the originals" "corpus: Chinese-only layout refused in one line"
[ ! -e "$T/mt.jsonl" ] && ok "corpus: nothing written" || bad "corpus wrote $T/mt.jsonl"
cd "$here"

exit $fail
