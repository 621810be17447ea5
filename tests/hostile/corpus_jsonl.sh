#!/bin/sh
# corpus - (JSONL on standard input): a line that mixes the two forms, or
# gives half of one, is a one-line error naming the line and exit 2 -- it
# once reached strdup(NULL) and crashed (issue 17, item 4).
# usage: corpus_jsonl.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$(dirname "$0")/../lib.sh"
for line in '{"en":"a","en_text":"x","zh_text":"y"}' '{"zh":"a","en_text":"x","zh_text":"y"}' \
            '{"en":"a","zh":"b","zh_text":"y"}' '{"en":"a"}' '{"en_text":"x"}' '{"zh_text":"y","id":"q"}' \
            '[1,2]' '"en"' '{"en":1,"zh":2}' '{"en_text":"x","zh_text":null}'; do
  printf '%s\n' "$line" > "$T/in.jsonl"
  expect 2 "JSONL $line: exit 2" sh -c '"$1" corpus - < "$2"' sh "$E" "$T/in.jsonl"
  err_is "<stdin>:1:" "JSONL $line: one line naming the line"
done
# the two whole forms still work
printf '{"en_text":"# Hi\\n\\nA cat sat.\\n","zh_text":"# 你好\\n\\n一只猫坐着。\\n","id":"t"}\n' > "$T/ok.jsonl"
expect 0 "JSONL inline texts: exit 0" sh -c '"$1" corpus - < "$2"' sh "$E" "$T/ok.jsonl"
grep -q '"doc": *"t"' "$T/out" && ok "JSONL inline texts: pairs written" || bad "JSONL inline texts: no pairs: $(cat "$T/out")"
exit $fail
