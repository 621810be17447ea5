#!/bin/sh
# CLI behaviour of `enface align` and `enface blocks`: help, exit codes,
# one-line errors naming the file, atomic output, bad input in bounded time.
# usage: cli_align.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$(dirname "$0")/lib.sh"

printf '# Title\n\nHello [x](https://x.org) 2024.\n' > "$T/en.md"
printf '# 标题\n\n你好 [x](https://x.org) 2024。\n' > "$T/zh.md"

expect 0 "align --help" "$E" align --help
grep -q "usage: enface align" "$T/out" && ok "help text" || bad "help text"
expect 0 "enface --help" "$E" --help
expect 2 "no arguments" "$E"
expect 2 "unknown command" "$E" frobnicate
expect 2 "align with one file" "$E" align "$T/en.md"
err_is "need two files" "message for one file"
expect 2 "unknown option" "$E" align --bogus "$T/en.md" "$T/zh.md"
expect 2 "unknown format" "$E" align -f xml "$T/en.md" "$T/zh.md"
expect 2 "unknown --param" "$E" align --param bogus=1 "$T/en.md" "$T/zh.md"
err_is "unknown name 'bogus'" "unknown --param named"
expect 2 "--param not a number" "$E" align --param skip=lots "$T/en.md" "$T/zh.md"
err_is "'skip' needs a number, got 'lots'" "--param value checked"
expect 0 "align ok" "$E" align "$T/en.md" "$T/zh.md"
[ "$(cat "$T/out")" = "$(printf '[1]:[1]\n[3]:[3]')" ] && ok "beads output" || bad "beads output: $(cat "$T/out")"
expect 0 "align tsv" "$E" align -f tsv "$T/en.md" "$T/zh.md"
head -1 "$T/out" | grep -q "^type	score	en_lines	zh_lines	en	zh$" && ok "tsv header" || bad "tsv header"
expect 0 "align jsonl" "$E" align --format=jsonl "$T/en.md" "$T/zh.md"
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$T/out" && ok "jsonl parses" || bad "jsonl parses"

# minified HTML: blocks share a start line, so beads warn (other formats do not)
printf '<h1>Title</h1><p>One <a href="https://a.org/x">x</a>.</p><p>Two.</p>' > "$T/one.html"
printf '<h1>标题</h1>\n<p>一 <a href="https://a.org/x">x</a>。</p>\n<p>二。</p>\n' > "$T/one_zh.html"
expect 0 "align one-line HTML" "$E" align "$T/one.html" "$T/one_zh.html"
err_is "one.html:1: 3 blocks start on this line" "shared start lines warned about"
expect 0 "align one-line HTML as jsonl" "$E" align -f jsonl "$T/one.html" "$T/one_zh.html"
[ -s "$T/err" ] && bad "jsonl warns: $(cat "$T/err")" || ok "jsonl has no warning"
expect 0 "align Markdown" "$E" align "$T/en.md" "$T/zh.md"
[ -s "$T/err" ] && bad "Markdown warns: $(cat "$T/err")" || ok "Markdown has no warning"

# bad input: exit 2, one line naming the file
expect 2 "missing file" "$E" align "$T/nope.md" "$T/zh.md"
err_is "$T/nope.md: cannot open" "missing file message"
expect 2 "directory" "$E" align "$T" "$T/zh.md"
err_is "is a directory" "directory message"
: > "$T/empty.md"
expect 2 "empty file" "$E" align "$T/en.md" "$T/empty.md"
err_is "$T/empty.md: file is empty" "empty file message"
printf '# ok\n\nbad \377 byte\n' > "$T/latin1.md"
expect 2 "invalid UTF-8" "$E" align "$T/en.md" "$T/latin1.md"
err_is "$T/latin1.md:3:5: invalid UTF-8" "invalid UTF-8 names line:col"
head -c 4096 /bin/sh > "$T/binary.md"
expect 2 "binary file" "$E" align "$T/binary.md" "$T/zh.md"
err_is "$T/binary.md:" "binary file message"
truncate -s 300M "$T/huge.md"
expect 2 "file over the size limit" "$E" align "$T/en.md" "$T/huge.md"
err_is "larger than the" "size limit message"
rm -f "$T/huge.md"

# pathological nesting finishes in bounded time (and correctly)
python3 -c 'print("> " * 100000 + "deep")' > "$T/quote.md"
python3 -c 'print("- " * 100000 + "deep")' > "$T/list.md"
expect 0 "100k-deep block quote" timeout 60 "$E" blocks "$T/quote.md"
grep -q "deep" "$T/out" && ok "deep quote text" || bad "deep quote text"
expect 0 "100k-deep list" timeout 60 "$E" blocks "$T/list.md"
python3 -c 'print("x" * 10_000_000)' > "$T/longline.md"
python3 -c 'print("y" * 10_000_000)' > "$T/longline2.md"   # the same file twice is refused
expect 0 "10 MB single line" timeout 60 "$E" align "$T/longline.md" "$T/longline2.md"

# atomic output: on error the previous file stays; on success it is replaced
printf 'precious\n' > "$T/out.beads"
expect 2 "error keeps old output" "$E" align -o "$T/out.beads" "$T/en.md" "$T/nope.md"
[ "$(cat "$T/out.beads")" = "precious" ] && ok "old output untouched" || bad "old output untouched"
expect 0 "write -o" "$E" align -o "$T/out.beads" "$T/en.md" "$T/zh.md"
[ "$(cat "$T/out.beads")" = "$(printf '[1]:[1]\n[3]:[3]')" ] && ok "output replaced" || bad "output replaced"
ls "$T" | grep -q 'tmp-' && bad "temporary file left behind" || ok "no temporary file left"
chmod 640 "$T/out.beads"
"$E" align -o "$T/out.beads" "$T/en.md" "$T/zh.md"
[ "$(stat -c %a "$T/out.beads")" = 640 ] && ok "replaced file keeps its mode" || bad "mode: $(stat -c %a "$T/out.beads")"
(umask 022; "$E" align -o "$T/new.beads" "$T/en.md" "$T/zh.md")
[ "$(stat -c %a "$T/new.beads")" = 644 ] && ok "new file follows umask" || bad "new mode: $(stat -c %a "$T/new.beads")"

# --units lines: 0-based ids
printf 'a\nb\n' > "$T/a.txt"; printf '甲\n乙\n' > "$T/b.txt"
expect 0 "units lines" "$E" align --units lines "$T/a.txt" "$T/b.txt"
[ "$(cat "$T/out")" = "$(printf '[0]:[0]\n[1]:[1]')" ] && ok "lines ids 0-based" || bad "lines ids: $(cat "$T/out")"

# HTML input by extension
printf '<h1>Title</h1>\n<p>Hello <a href="https://x.org">x</a> 2024.</p>\n' > "$T/en.html"
expect 0 "html input" "$E" align "$T/en.html" "$T/zh.md"
[ "$(cat "$T/out")" = "$(printf '[1]:[1]\n[2]:[3]')" ] && ok "html ids are lines" || bad "html ids: $(cat "$T/out")"

# HTML that declares another charset is decoded; undeclared bytes must be UTF-8
printf '<html><head><meta charset="gbk"></head><body><p>\326\320\316\304 text</p></body></html>\n' > "$T/gbk.html"
expect 0 "html with a declared charset" "$E" blocks "$T/gbk.html"
[ "$(cat "$T/out")" = "$(printf '1\tparagraph\t中文 text')" ] && ok "gbk decoded" || bad "gbk decoded: $(cat "$T/out")"
printf '<p>\326\320 bad</p>\n' > "$T/bad.html"
expect 2 "html without a charset must be UTF-8" "$E" blocks "$T/bad.html"
err_is "$T/bad.html:1:4: invalid UTF-8" "html invalid UTF-8 names line:col"
# a charset libxml2 does not know: UTF-8 bytes are read as such, others refused
printf '<meta charset="klingon"><p>\326\320 bad</p>\n' > "$T/klingon.html"
expect 2 "unknown charset, not UTF-8" "$E" blocks "$T/klingon.html"
err_is "declares charset 'klingon', which is not known, and is not UTF-8" "unknown charset named"
printf '<p>Set charset=foo in the header.</p><p>中文</p>\n' > "$T/charset-text.html"
expect 0 "charset= in running text, UTF-8" "$E" blocks "$T/charset-text.html"
grep -q "中文" "$T/out" && ok "UTF-8 read despite charset= text" || bad "UTF-8 read despite charset= text"
# a link longer than the normaliser's buffer is cut on a character boundary
long=$(printf '链%.0s' $(seq 1 900))
printf '<p><a href="https://a.org/%s">x</a> text</p>\n' "$long" > "$T/longlink.html"
expect 0 "very long link" "$E" blocks --anchors -w 0 "$T/longlink.html"
iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null 2>&1 && ok "long link anchor is valid UTF-8" || bad "long link anchor is valid UTF-8"

exit $fail
