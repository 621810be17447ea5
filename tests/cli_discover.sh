#!/bin/sh
# enface check --discover (src/terms/discover.c): what it writes is a
# glossary `enface glossary --check` accepts, on every pair of corpus/ and
# of ../shared (when present); a name never translated is a verbatim
# entry; no number-first candidates (27B), no stop word inside a phrase,
# no part of a phrase that occurs only inside it (Scope of Gemma Scope),
# a rendering goes to the term it fits best; --dict drops a rendering
# whose dictionary words do not gloss the term; bad input.
# usage: cli_discover.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$(dirname "$0")/lib.sh"

# a made-up pair: Gemma Scope and ShieldGemma stay English, 27B is a size,
# "computed property" and "property" both meet 计算属性
{ printf '# Gemma\n\n'
  for i in 1 2 3 4; do
    printf 'Gemma Scope and ShieldGemma %d: the 27B computed property is fine.\n\n' $i
  done
  printf 'A property of the widget and a widget.\n\nThe widget is a widget here.\n\nOne more widget.\n'
} > "$T/en.md"
{ printf '# Gemma\n\n'
  for w in 很好 不错 可用 够快; do
    printf 'Gemma Scope 和 ShieldGemma：27B 的计算属性%s。\n\n' $w
  done
  printf '小部件的属性和小部件。\n\n这里的小部件是小部件。\n\n再来一个小部件。\n'
} > "$T/zh.md"
expect 0 "--discover" "$E" check --no-config --no-default-glossary --discover "$T/en.md" "$T/zh.md"
cp "$T/out" "$T/d.tsv"
expect 0 "glossary --check takes it" "$E" glossary --check "$T/d.tsv"
grep -q "^Gemma Scope	 *	must	" "$T/d.tsv" && ok "Gemma Scope: verbatim must" \
  || bad "Gemma Scope: $(grep -i '^gemma' "$T/d.tsv")"
grep -q "^ShieldGemma		must	" "$T/d.tsv" && ok "ShieldGemma: verbatim must" || bad "ShieldGemma: $(cat "$T/d.tsv")"
grep -q "^Scope	" "$T/d.tsv" && bad "Scope alone proposed: $(grep '^Scope' "$T/d.tsv")" || ok "no Scope beside Gemma Scope"
grep -q "^27B" "$T/d.tsv" && bad "27B proposed" || ok "no number-first candidate"
grep -q "^computed property	计算属性	" "$T/d.tsv" && ok "computed property -> 计算属性" \
  || bad "computed property: $(cat "$T/d.tsv")"
[ "$(cut -f2 "$T/d.tsv" | grep -cx '计算属性')" -eq 1 ] && ok "计算属性 goes to one term" \
  || bad "计算属性 twice: $(grep '计算属性' "$T/d.tsv")"
grep -q "^widget	小部件	" "$T/d.tsv" && ok "widget -> 小部件" || bad "widget: $(cat "$T/d.tsv")"

# --dict: a rendering made of dictionary words that none of them glosses
# is left out; one the dictionary glosses stays
printf '小部件 小部件 [xiao3 bu4 jian4] /widget/\n计算 计算 [ji4 suan4] /to compute/\n属性 属性 [shu3 xing4] /attribute/property/\n' > "$T/dict.u8"
expect 0 "--discover --dict" "$E" check --no-config --no-default-glossary --discover --dict "$T/dict.u8" "$T/en.md" "$T/zh.md"
grep -q "^widget	小部件	" "$T/out" && ok "--dict: widget -> 小部件 stays" || bad "--dict: $(cat "$T/out")"
printf '小部件 小部件 [xiao3 bu4 jian4] /gadget/\n' > "$T/dict2.u8"
expect 0 "--discover --dict (no gloss)" "$E" check --no-config --no-default-glossary --discover --dict "$T/dict2.u8" "$T/en.md" "$T/zh.md"
grep -q "^widget	" "$T/out" && bad "--dict: widget kept though 小部件 means gadget" || ok "--dict: widget -> 小部件 left out (gadget)"
expect 2 "--dict without --discover" "$E" check --no-config --dict "$T/dict.u8" "$T/en.md" "$T/zh.md"
err_is "check: --dict is read by --discover only" "--dict without --discover: named"
expect 2 "--dict missing" "$E" check --no-config --discover --dict "$T/nope.u8" "$T/en.md" "$T/zh.md"
err_is "$T/nope.u8" "--dict missing: named"

# over a repository: one discovery, a term rendered two ways across files
# first, with where each rendering is first seen
mkdir -p "$T/repo/zh"
printf '# A\n\nThe top-level await works.\n\nTop-level imports run once.\n' > "$T/repo/a.md"
printf '# 甲\n\n顶层 await 可以用。\n\n顶层导入只运行一次。\n' > "$T/repo/zh/a.md"
printf '# B\n\nUse top-level code here.\n\nThe top-level scope is shared.\n' > "$T/repo/b.md"
printf '# 乙\n\n在这里用顶级代码。\n\n顶级作用域是共享的。\n' > "$T/repo/zh/b.md"
( cd "$T/repo" && "$E" check --no-config --no-default-glossary --discover --pairs '{name}.md=zh/{name}.md' ) > "$T/out" 2> "$T/err"
rc=$?
[ $rc -eq 0 ] && grep -q "discovered over 2 pairs" "$T/err" && ok "--discover --pairs: one run over 2 pairs" || bad "discover repo: exit $rc $(cat "$T/err")"
sed -n 2p "$T/out" | grep -q '^top-level	顶层|顶级	.*顶层 in 2 (first zh/a.md:3); 顶级 in 2 (first zh/b.md:3); rendered differently$' \
  && ok "--discover --pairs: the inconsistent term first, with its places" || bad "discover repo: $(cat "$T/out")"
"$E" glossary --check "$T/out" > /dev/null 2>&1 && ok "--discover --pairs: a valid glossary" || bad "discover repo: not a glossary"

# every real pair: the proposals are a valid glossary
n=0 badn=0
for en in "$ROOT"/corpus/*/en.md "$ROOT"/../shared/corpus/hfblog/*/en.md "$ROOT"/../shared/corpus/vue-docs/guide/*/*/en.md; do
  [ -f "$en" ] || continue
  zh=${en%en.md}zh.md
  [ -f "$zh" ] || continue
  n=$((n + 1))
  "$E" check --no-config --discover "$en" "$zh" > "$T/p.tsv" 2> "$T/err" || { badn=$((badn + 1)); echo "  discover failed: $en: $(cat "$T/err")"; continue; }
  "$E" glossary --check "$T/p.tsv" > /dev/null 2> "$T/err" || { badn=$((badn + 1)); echo "  rejected: $en: $(cat "$T/err")"; }
done
[ $n -gt 0 ] && [ $badn -eq 0 ] && ok "glossary --check accepts the proposals of all $n pairs" \
  || bad "$badn of $n pairs: proposals rejected"
exit $fail
