#!/bin/sh
# CLI behaviour of the sentence aligner: `enface align --units lines` with
# --dict, --param and --batch; either file may be the Chinese one; bad
# dictionary, parameter and batch input give one-line errors and exit 2.
# usage: cli_sentences.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$(dirname "$0")/lib.sh"
cat > "$T/dict.u8" <<'EOF2'
# tiny
貓 猫 [mao1] /cat/
狗 狗 [gou3] /dog/
鳥 鸟 [niao3] /bird/
飛 飞 [fei1] /to fly/
睡覺 睡觉 [shui4 jiao4] /to sleep/
吃 吃 [chi1] /to eat/
草 草 [cao3] /grass/
EOF2
printf '猫睡觉。\n狗吃草，鸟飞了。\n' > "$T/zh.txt"
printf 'The cat sleeps.\nThe dog eats grass.\nThe bird flies.\n' > "$T/en.txt"
expect 0 "zh first (left = zh)" "$E" align --units lines --dict "$T/dict.u8" "$T/zh.txt" "$T/en.txt"
[ "$(cat "$T/out")" = "$(printf '[0]:[0]\n[1]:[1,2]')" ] && ok "1-2 bead, zh on the left" || bad "beads: $(cat "$T/out")"
expect 0 "en first (left = en)" "$E" align --units lines --dict "$T/dict.u8" "$T/en.txt" "$T/zh.txt"
[ "$(cat "$T/out")" = "$(printf '[0]:[0]\n[1,2]:[1]')" ] && ok "2-1 bead, en on the left" || bad "beads: $(cat "$T/out")"
expect 0 "jsonl with explain" "$E" align --units lines -f jsonl --explain --dict "$T/dict.u8" "$T/zh.txt" "$T/en.txt"
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$T/out" && ok "jsonl parses" || bad "jsonl"
printf '%s\t%s\t%s\n' "$T/zh.txt" "$T/en.txt" "$T/b1" "$T/en.txt" "$T/zh.txt" "$T/b2" > "$T/jobs.tsv"
expect 0 "--batch" "$E" align --units lines --dict "$T/dict.u8" --batch "$T/jobs.tsv"
[ "$(cat "$T/b1")" = "$(printf '[0]:[0]\n[1]:[1,2]')" ] && [ -s "$T/b2" ] && ok "batch outputs" || bad "batch outputs"
expect 0 "--param" "$E" align --units lines --param w_lex=2 --param band=5 "$T/zh.txt" "$T/en.txt"
expect 2 "unknown --param" "$E" align --units lines --param nope=1 "$T/zh.txt" "$T/en.txt"
err_is "unknown parameter 'nope'" "unknown --param message"
expect 2 "bad --param value" "$E" align --units lines --param w_len=x "$T/zh.txt" "$T/en.txt"
expect 2 "missing dictionary" "$E" align --units lines --dict "$T/nope.u8" "$T/zh.txt" "$T/en.txt"
err_is "$T/nope.u8" "missing dictionary message"
printf 'not a dictionary\n' > "$T/bad.u8"
expect 2 "malformed dictionary" "$E" align --units lines --dict "$T/bad.u8" "$T/zh.txt" "$T/en.txt"
err_is "$T/bad.u8:1:1: not a CC-CEDICT line" "malformed dictionary message"
printf 'only-one-field\n' > "$T/badjobs.tsv"
expect 2 "malformed batch file" "$E" align --units lines --batch "$T/badjobs.tsv"
err_is "$T/badjobs.tsv:1: expected LEFT<TAB>RIGHT<TAB>OUTPUT" "malformed batch message"
expect 2 "batch with files" "$E" align --batch "$T/jobs.tsv" "$T/zh.txt"
printf '\377\n' > "$T/bin.txt"
expect 2 "invalid UTF-8 lines" "$E" align --units lines "$T/bin.txt" "$T/en.txt"
# a long text stays within the band and finishes (near-linear search)
python3 - "$T" <<'PY'
import sys
t = sys.argv[1]
with open(t + "/lz", "w") as z, open(t + "/le", "w") as e:
    for i in range(3000):
        z.write("猫睡觉了%d次。\n" % i)
        e.write("The cat slept %d times.\n" % i)
        if i == 1500:
            e.write("An extra English sentence the translator left out, with no number.\n")
PY
expect 0 "3000-line text" "$E" align --units lines --dict "$T/dict.u8" "$T/lz" "$T/le"
python3 - "$T/out" <<'PY' && ok "long text: every line once, in order, numbers paired" || bad "long text beads"
import re, sys
beads = [l.strip().split(":") for l in open(sys.argv[1])]
L, R = [], []
for a, b in beads:
    l = [int(x) for x in a[1:-1].split(",") if x]
    r = [int(x) for x in b[1:-1].split(",") if x]
    L += l; R += r
    if len(l) == 1 and len(r) == 1:
        assert (l[0] == r[0]) if r[0] <= 1500 else (l[0] == r[0] - 1), (l, r)
assert L == list(range(3000)) and R == list(range(3001)), "not a partition"
PY
# blocks: two English paragraphs of the same length, only the first one
# translated and no anchors: length alone cannot tell which; the dictionary can
printf 'The dog eats grass here.\n\nThe cat sleeps here now.\n' > "$T/two-en.md"
printf '狗在这里吃草。\n' > "$T/one-zh.md"
expect 0 "block align with --dict" "$E" align --dict "$T/dict.u8" "$T/two-en.md" "$T/one-zh.md"
[ "$(cat "$T/out")" = "$(printf '[1]:[1]\n[3]:[]')" ] && ok "dictionary pairs anchorless blocks" || bad "dictionary pairs anchorless blocks: $(cat "$T/out")"

# glossaries add term pairs to the lexicon; a broken one is an input error
expect 0 "--glossary as lexical evidence" "$E" align --units lines --glossary "$ROOT/glossary/ml.tsv" "$T/zh.txt" "$T/en.txt"
printf 'term\trendering\nx\ty\n' > "$T/short.tsv"
expect 2 "broken --glossary" "$E" align --units lines --glossary "$T/short.tsv" "$T/zh.txt" "$T/en.txt"
err_is "$T/short.tsv:1" "broken glossary names file:line"

exit $fail
