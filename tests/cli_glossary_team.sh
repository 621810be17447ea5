#!/bin/sh
# Glossaries as teams keep them (issue 14): a Markdown table and CSV read
# directly by -g and converted by `enface glossary import`, the MT
# engines' two-column CSV from `--export csv`, the suspect column seen
# from the command line; then the Vue docs' own terminology table (skipped
# when ../shared is absent).
# usage: cli_glossary_team.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$ROOT/tests/lib.sh"

cat > "$T/terms.md" <<'MD'
# 术语翻译约定

| 英文 | 建议翻译 |
| ---- | -------- |
| attribute | _不翻译_ |
| component | 组件 |
| you | 你（不用"您"） |
MD
printf 'Components have attributes. You can use them.\n' > "$T/en.md"
printf '组件有属性。您可以使用它们。\n' > "$T/zh.md"

expect 0 "glossary --check reads a Markdown table" "$E" glossary --check "$T/terms.md"
grep -qx "3 terms" "$T/out" && ok "three terms in the table" || bad "count: $(cat "$T/out")"
expect 0 "glossary import" "$E" glossary import "$T/terms.md" -o "$T/team.tsv"
printf 'en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\nattribute\t\tmust\t\t\t\t不翻译\ncomponent\t组件\t\t\t\t\t\nyou\t你\t\t您\t\t\t你（不用"您"）\n' > "$T/want.tsv"
cmp -s "$T/team.tsv" "$T/want.tsv" && ok "import writes the TSV" || bad "import: $(diff "$T/want.tsv" "$T/team.tsv")"
expect 0 "the imported TSV validates" "$E" glossary --check "$T/team.tsv"
expect 2 "import -o the input is refused" "$E" glossary import "$T/terms.md" -o "$T/terms.md"
grep -q "^| you" "$T/terms.md" && ok "the input is untouched" || bad "the input was overwritten"

expect 0 "--export csv" "$E" glossary --export csv "$T/team.tsv"
printf 'attribute,attribute\ncomponent,组件\nyou,你\n' > "$T/want.csv"
cmp -s "$T/out" "$T/want.csv" && ok "two columns, no header" || bad "csv: $(cat "$T/out")"
"$E" glossary --export csv -o "$T/team.csv" "$T/team.tsv"
expect 0 "the CSV reads back" "$E" glossary -o "$T/back.tsv" "$T/team.csv"
grep -q "^component	组件	" "$T/back.tsv" && ok "CSV round trip" || bad "csv back: $(cat "$T/back.tsv")"
expect 2 "a bad format" "$E" glossary --export xlsx "$T/team.tsv"

# -g takes the Markdown table: 您 is forbidden, attribute must stay
expect 1 "check -g terms.md" "$E" check --no-config -g "$T/terms.md" "$T/en.md" "$T/zh.md"
grep -q 'error: \[glossary.forbidden\] "您" for "you" — use "你"' "$T/out" && ok "the table's 不用 is a forbidden rendering" \
  || bad "forbidden: $(cat "$T/out")"
grep -q 'glossary.verbatim\] "attributes" (line 1 of the original) must stay "attribute"' "$T/out" \
  && ok "不翻译 is verbatim" || bad "verbatim: $(cat "$T/out")"
printf 'en,zh\nx,"open\n' > "$T/bad.csv"
expect 2 "an unclosed CSV quote" "$E" glossary --check "$T/bad.csv"
err_is "bad.csv:2: a quoted field is not closed" "the error names file:line"

# suspect renderings from the command line
printf 'en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\tequivalents\tsuspect\nGAN\t生成对抗网络\tmust\t\t\tcase\t\t\t甘[notin=甘肃]\n' > "$T/s.tsv"
printf '# 甘的研究\n\n甘肃的风景。\n' > "$T/s.md"
expect 0 "a suspect is a warning (fail-on error)" "$E" check --no-config -g "$T/s.tsv" --fail-on error "$T/s.md"
[ "$(grep -c 'glossary.suspect' "$T/out")" -eq 1 ] && grep -q '1:3: warning: \[glossary.suspect\] "甘" here probably stands for "GAN"' "$T/out" \
  && ok "甘 reported once, 甘肃 not" || bad "suspect: $(cat "$T/out")"

# glossary lint: a swapped pair against a small repository
mkdir -p "$T/lint/zh"
printf 'en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\noverfitting\t欠拟合\t\t\t\t\t\nunderfitting\t过拟合\t\t\t\t\t\n' > "$T/lint.tsv"
printf '# Fit\n\nLong training shows overfitting.\n\nDropout reduces overfitting.\n\nEarly stopping limits overfitting.\n\nA tiny model shows underfitting.\n\nMore layers fight underfitting.\n\nUnderfitting shows early.\n' > "$T/lint/a.md"
printf '# 拟合\n\n训练太久会过拟合。\n\nDropout 减轻过拟合。\n\n提前停止限制过拟合。\n\n很小的模型会欠拟合。\n\n更多的层对付欠拟合。\n\n欠拟合很早就能看出。\n' > "$T/lint/zh/a.md"
expect 1 "lint: a swapped pair is found" "$E" glossary lint "$T/lint.tsv" "$T/lint/a.md" "$T/lint/zh/a.md"
grep -q '^'"$T"'/lint.tsv:2: warning: \[lint.swapped\] "overfitting" and "underfitting" (line 3) look swapped' "$T/out" \
  && ok "lint: GLOSSARY:LINE, the kind, both entries" || bad "lint: $(cat "$T/out")"
( cd "$T/lint" && "$E" glossary lint "$T/lint.tsv" --pairs '{name}.md=zh/{name}.md' ) > "$T/out" 2>"$T/err"
[ $? -eq 1 ] && grep -q "lint.swapped" "$T/out" && grep -q "read against 1 pair" "$T/err" \
  && ok "lint --pairs: the repository's pairs" || bad "lint --pairs: $(cat "$T/out" "$T/err")"
printf 'en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\noverfitting\t过拟合\t\t\t\t\t\nunderfitting\t欠拟合\t\t\t\t\t\n' > "$T/lint-ok.tsv"
expect 0 "lint: a glossary the translations follow" "$E" glossary lint "$T/lint-ok.tsv" "$T/lint/a.md" "$T/lint/zh/a.md"
[ ! -s "$T/out" ] && ok "lint: nothing to say" || bad "lint ok: $(cat "$T/out")"
expect 2 "lint: an odd number of files" "$E" glossary lint "$T/lint.tsv" "$T/lint/a.md"
expect 2 "lint: a missing file" "$E" glossary lint "$T/lint.tsv" "$T/lint/a.md" "$T/lint/zh/nope.md"
grep -q "nope.md" "$T/err" && ok "lint: the missing file named" || bad "lint missing: $(cat "$T/err")"

V=$ROOT/../shared/corpus/vue-docs
if [ -f "$V/terminology.md" ]; then
  # the table against its own docs: 模版引用 (a typo) for the 模板引用 they write
  ( cd "$V" && "$E" glossary lint terminology.md --pairs '{path}/en.md={path}/zh.md' ) > "$T/out" 2>"$T/err"
  grep -q 'lint.unused\] "template ref" is in [0-9]* aligned paragraphs and no translation writes "模版引用"' "$T/out" \
    && ok "vue lint: the table's 模版引用" || bad "vue lint: $(cat "$T/out" "$T/err")"
  expect 0 "vue-docs terminology.md reads" "$E" glossary --check "$V/terminology.md"
  n=$(sed 's/ terms//' "$T/out")
  [ "$n" -ge 60 ] && ok "vue terminology: $n terms" || bad "vue terminology: $n terms"
  expect 0 "hello-algo terminology.md reads" "$E" glossary --check "$ROOT/../shared/corpus/hello-algo/terminology.md"
  expect 1 "a vue page with its own table" "$E" check --no-config -g "$V/terminology.md" "$V/about/privacy/en.md" "$V/about/privacy/zh.md"
  grep -q '\[glossary.forbidden\] "您" for "you"' "$T/out" && ok "vue: 您 against the table" || bad "vue: $(head -c 300 "$T/out")"
else
  echo "skip the vue-docs part: $V is absent"
fi
exit $fail
