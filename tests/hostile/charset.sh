#!/bin/sh
# HTML with a charset (issue 17, item 5): a document is read whole and
# right, or refused naming FILE:LINE:COL -- a stale <meta charset=gbk> over
# UTF-8, "charset=" in the text, a utf-16le declaration over ASCII, a real
# GBK page, and a GBK page with a byte GBK does not define; libxml2 prints
# nothing of its own.
# usage: charset.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$(dirname "$0")/../lib.sh"
python3 - "$T" <<'PY'
import sys
t = sys.argv[1]
paras = "".join("<p>第%d段：这是一个关于模型的句子，准确率为 %d%%。</p>\n" % (i, i) for i in range(33))
head = '<html><head><meta charset="gbk"></head><body>\n'
open(t + "/stale.html", "w", encoding="utf-8").write(head + paras + "</body></html>\n")
open(t + "/text.html", "w", encoding="utf-8").write("<html><body><p>Use charset=gbk for old pages.</p>\n" + paras + "</body></html>\n")
open(t + "/gbk.html", "wb").write((head + paras + "</body></html>\n").encode("gbk"))
open(t + "/gbkbad.html", "wb").write((head + paras).encode("gbk") + b"<p>\x81\x20bad</p>\n" + "<p>之后。</p>\n".encode("gbk"))
open(t + "/u16.html", "w").write('<html><head><meta charset="utf-16le"></head><body><p>Plain ASCII text here.</p><p>Second.</p></body></html>\n')
PY
blocks_are() {  # blocks_are FILE N FIRST-TEXT LAST-TEXT
  expect 0 "$1: exit 0" "$E" blocks "$T/$1"
  n=$(wc -l < "$T/out")
  if [ "$n" -eq "$2" ] && head -1 "$T/out" | grep -qF "$3" && tail -1 "$T/out" | grep -qF "$4" && [ ! -s "$T/err" ]; then
    ok "$1: all $2 blocks, right text, nothing on stderr"
  else
    bad "$1: $n blocks (want $2): $(head -1 "$T/out") ... $(tail -1 "$T/out"); stderr: $(head -c 200 "$T/err")"
  fi
}
blocks_are stale.html 33 "第0段：这是一个关于模型的句子" "第32段"
blocks_are text.html 34 "Use charset=gbk" "第32段"
blocks_are gbk.html 33 "第0段：这是一个关于模型的句子" "第32段"
blocks_are u16.html 2 "Plain ASCII text here." "Second."
expect 2 "GBK with a byte GBK does not define: exit 2" "$E" blocks "$T/gbkbad.html"
err_is "gbkbad.html:35:4: byte 0x81 is not valid gbk" "bad GBK byte: FILE:LINE:COL and the byte"

# Markdown in GB18030 (--encoding, issue 17): read with the converter, the
# same blocks as the UTF-8 text; without it, the usual UTF-8 error
python3 - "$T" <<'PY'
import sys
t = sys.argv[1]
md = "# 标题\n\n这是一个关于模型的句子，准确率为 93.5%。\n\n第二段。\n"
open(t + "/gb.md", "wb").write(md.encode("gb18030"))
open(t + "/u8.md", "w", encoding="utf-8").write(md)
open(t + "/en.md", "w").write("# Title\n\nThis is a sentence about the model, accuracy 93.5%.\n\nSecond.\n")
PY
expect 0 "blocks --encoding GB18030: exit 0" "$E" blocks --encoding GB18030 "$T/gb.md"
cp "$T/out" "$T/gb.blocks"
"$E" blocks "$T/u8.md" > "$T/u8.blocks"
sed "s#$T/gb.md#X#" "$T/gb.blocks" | cmp -s - "$T/u8.blocks" && ok "--encoding: the same blocks as the UTF-8 file" || bad "--encoding: blocks differ: $(head -3 "$T/gb.blocks")"
expect 0 "check --encoding GB18030 EN ZH: exit 0" "$E" check --no-config --no-default-glossary --encoding GB18030 "$T/en.md" "$T/gb.md"
expect 2 "the GB18030 file without --encoding: exit 2" "$E" blocks "$T/gb.md"
err_is "gb.md:1:" "without --encoding: names FILE:LINE"
expect 2 "--encoding nonsense: exit 2" "$E" blocks --encoding no-such-charset "$T/gb.md"
err_is "is not an encoding enface knows" "unknown encoding: says so"
exit $fail
