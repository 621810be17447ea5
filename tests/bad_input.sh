#!/bin/sh
# Bad input for every subcommand: each subcommand listed by `enface --help`
# gets each bad file in each of its file positions (the positional files of
# its usage line, and options whose value is a FILE, TSV, TBX, GLOSSARY, EN
# or ZH file), with
# good files everywhere else, and in the first position with --units lines
# when the command has --units.  Each run must give a correct result (exit 0,
# or 1 = findings) or exit 2 with a one-line error naming the file (and
# line:col where the reader knows it) -- never a crash, a hang, a leak of a
# local file through an XML entity, or unbounded memory.
#
# Bounds, per run (a run that exceeds them fails):
#   time     BAD_INPUT_TIMEOUT seconds, default 60 (240 under ASan)
#   memory   2 GiB of address space (ulimit -v; under ASan, whose shadow
#            memory needs terabytes of address space, 4 GiB of peak RSS
#            measured with /usr/bin/time instead)
# The big "allowed" file is BAD_INPUT_BIG_MB MiB (default 50).
#
# A new subcommand is covered as soon as it is in `enface --help`.  If it
# needs more than its positional files to run on good input, add them to
# extra_args below; the suite fails loudly until then.
#
# usage: bad_input.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
[ -x /usr/bin/time ] || { echo "skip: /usr/bin/time is missing (Debian package time; tools/setup --test installs it)"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0 nrun=0
ok() { printf 'ok   %s\n' "$1"; }
bad() { printf 'FAIL %s\n' "$1"; fail=1; }

# Options a command needs beyond its positional files, on good input.
extra_args() {
  case $1 in
    # check) echo "--glossary $ROOT/glossary/ml.tsv" ;;   (for example)
    *) ;;
  esac
}

asan=0
grep -q __asan_init "$E" 2>/dev/null && asan=1
TMO=${BAD_INPUT_TIMEOUT:-60}
MEM_KB=2097152            # 2 GiB address space
RSS_KB=4194304            # 4 GiB peak RSS, under ASan
if [ $asan -eq 1 ]; then TMO=${BAD_INPUT_TIMEOUT:-240}; fi
BIG_MB=${BAD_INPUT_BIG_MB:-50}

# ---------------------------------------------------------------- inputs
G=$T/good; B=$T/bad
mkdir -p "$G" "$B" "$B/a-directory"
printf '# Title\n\nHello [x](https://x.org) 2024.\n' > "$G/en.md"
printf '# 标题\n\n你好 [x](https://x.org) 2024。\n' > "$G/zh.md"
printf 'SECRET-XXE-MARKER\n' > "$T/secret.txt"
"$E" align "$G/en.md" "$G/zh.md" > "$G/good.beads" || bad "align of the good files"
printf '; no settings\n' > "$G/good.ini"
printf '# CC-CEDICT\n標題 标题 [biao1 ti2] /title/heading/\n你好 你好 [ni3 hao3] /hello/\n' > "$G/good.cedict"
mkdir -p "$G/pairs/one" && cp "$G/en.md" "$G/zh.md" "$G/pairs/one/"

# rejected: exit 2, one line naming the file; the text after the name
# (line:col where the reader knows it) is the second column
cat > "$T/reject.list" <<EOF
overlong.md	:3:3: invalid UTF-8
surrogate.md	:1:10: invalid UTF-8
truncated.md	:1:3: invalid UTF-8
nul.md	:2:2: NUL byte
utf16.md	:1:1: invalid UTF-8
binary.md	:
empty.md	: file is empty
blank.md	: file is empty
missing.md	: cannot open
a-directory	: is a directory
huge.md	: file is 300 MiB, larger than
latin1.html	:1:7: invalid UTF-8
EOF
printf '# T\n\nab\300\257\n' > "$B/overlong.md"              # overlong '/'
printf 'surrogate\355\240\200 pair\n' > "$B/surrogate.md"    # U+D800
printf 'ab\344\270' > "$B/truncated.md"                      # cut inside 中
printf 'ok\nx\000y\n' > "$B/nul.md"
printf '\377\376#\000 \000T\000\n\000' > "$B/utf16.md"
head -c 65536 /bin/sh > "$B/binary.md"
: > "$B/empty.md"
printf '  \n\t\r\n\n' > "$B/blank.md"
truncate -s 300M "$B/huge.md"                                # sparse
printf '<p>caf\351</p>\n' > "$B/latin1.html"

# accepted: a correct result (checked with `blocks` further down), or exit 2
# with a one-line error naming the file
A=$T/acc
mkdir -p "$A"
printf '\357\273\277# Title\n\nHello [x](https://x.org) 2024.\n' > "$A/bom.md"
printf '# Title\r\n\r\nHello [x](https://x.org) 2024.\r\n' > "$A/crlf.md"
printf '# Title\r\rHello [x](https://x.org) 2024.\r' > "$A/cr.md"
python3 - "$A" "$BIG_MB" "$T/secret.txt" "$ROOT" <<'PY'
import os, sys
a, big, secret, root = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def w(name, s):
    with open(os.path.join(a, name), "w") as f:
        f.write(s)
w("deep-quote.md", "> " * 100000 + "deep\n")
w("deep-list.md", "- " * 100000 + "deep\n")
w("deep-list-lines.md", "".join("  " * i + "- item %d\n" % i for i in range(2000)))
w("long-line.md", "x" * 10_000_000 + "\n")
w("blocks-1m.md", "p\n\n" * 1_000_000)
w("blocks-1m.html", "<p>p</p>\n" * 1_000_000)
w("unclosed.html", "<html><body><h1>Title<p>one <b>bold<ul><li>a<li>b<table><tr><td>cell"
  + "<div>" * 100000 + "deep\n")
xxe = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://%s">]>\n'
       '<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>&xxe;</term>'
       '</tig></langSet></termEntry></body></text></martif>\n' % secret)
w("xxe.tbx", xxe)
w("xxe.html", xxe.replace("<martif", "<html><body><p>&xxe;</p><martif"))
laughs = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY l0 "ha">'
for i in range(1, 10):
    laughs += '<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10)
laughs += ']>\n<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>&l9;</term></tig></langSet></termEntry></body></text></martif>\n'
w("laughs.tbx", laughs)
w("laughs.html", laughs.replace("<martif", "<html><body><p>&l9;</p><martif"))
# a real document, repeated to BIG MiB
doc = open(os.path.join(root, "corpus/issue-101/en.md")).read()
n = big * 1024 * 1024 // len(doc.encode()) + 1
w("big.md", doc * n)
PY
[ -s "$A/big.md" ] || bad "could not generate the inputs"

# ---------------------------------------------------------------- running
# run ARGS...: run enface bounded in time and memory; sets rc
run() {
  nrun=$((nrun + 1))
  t0=$(date +%s)
  (
    [ $asan -eq 0 ] && ulimit -v $MEM_KB
    exec /usr/bin/time -f '%M' -o "$T/rss" timeout -k 5 "$TMO" "$E" "$@"
  ) >"$T/out" 2>"$T/err"
  rc=$?
  rss=$(tail -n 1 "$T/rss" 2>/dev/null)
  case $rss in ''|*[!0-9]*) rss=0 ;; esac
  rss="$rss KB, $(( $(date +%s) - t0 )) s"
}
# verdict DESC FILE KIND [TEXT]: judge the last run
verdict() {
  desc=$1 file=$2 kind=$3 text=${4:-}
  if grep -q "SECRET-XXE-MARKER" "$T/out" "$T/err"; then
    bad "$desc: the XML external entity was expanded"; return
  fi
  if [ $asan -eq 1 ] && [ "${rss%% *}" -gt $RSS_KB ]; then
    bad "$desc: peak RSS (${rss}) over the ${RSS_KB} KB bound"; return
  fi
  case $rc in
    124|137) bad "$desc: no result within ${TMO} s"; return ;;
    0|1) if [ "$kind" = accept ]; then ok "$desc (exit $rc)"; else bad "$desc: exit $rc, want 2"; fi; return ;;
    2) ;;
    *) bad "$desc: exit $rc (crash?): $(head -c 400 "$T/err")"; return ;;
  esac
  if [ "$(wc -l < "$T/err")" -ne 1 ]; then
    bad "$desc: error is not one line: $(head -c 400 "$T/err")"; return
  fi
  if ! grep -qF -- "$file$text" "$T/err"; then
    bad "$desc: error does not say '$file$text': $(cat "$T/err")"; return
  fi
  ok "$desc (exit 2)"
}

commands=$("$E" --help | sed -n '/^commands:/,/^$/p' | awk 'NR > 1 && /^  [a-z]/ { print $1 }')
[ -n "$commands" ] || bad "no commands in 'enface --help'"

# good value for a positional name or an option ($c is the command)
good_for() {
  case $c:$1 in
    glossary:FILE) echo "$ROOT/glossary/ml.tsv" ;;
    corpus:DIR) echo "$G/pairs" ;;
    *:EN|*:en) echo "$G/en.md" ;;
    *:ZH*|*:zh*|*:--old) echo "$G/zh.md" ;;
    *GLOSS*|*gloss*|*TSV*|*TBX*) echo "$ROOT/glossary/ml.tsv" ;;
    *:--beads) echo "$G/good.beads" ;;
    *:--config) echo "$G/good.ini" ;;
    *:--dict) echo "$G/good.cedict" ;;
    *) echo "$G/en.md" ;;
  esac
}

# all the bad files, with their kind and expected text
list_inputs() {
  while IFS='	' read -r f text; do printf '%s\treject\t%s\n' "$B/$f" "$text"; done < "$T/reject.list"
  for f in "$A"/*; do printf '%s\taccept\t\n' "$f"; done
}

for c in $commands; do
  usage=$("$E" "$c" --help | grep -m1 '^usage:')
  # positional arguments: the upper-case words of the usage line
  set -f
  set -- $usage
  set +f
  shift 3
  names=""
  for w in "$@"; do
    # optional ones ([EN]) too: they are files when given
    w=${w#\[}; w=${w%\]}; w=${w%...}
    case $w in OPTIONS|*[!A-Z_0-9]*) continue ;; esac
    names="$names $w"
  done
  extra=$(extra_args "$c")
  # options taking a file (not the output)
  # (outputs excluded: an option whose help line says "write" or "to FILE")
  fileopts=$("$E" "$c" --help | grep -vE 'write|to FILE' |
             grep -oE -- '--[a-z][a-z-]*[ =][A-Z_]*(FILE|TSV|TBX|GLOSS|PATH|ZH|EN)[A-Z_]*' |
             sed 's/[ =].*//' | grep -vx -- '--output' | sort -u)
  # good input must work, or the runs below test nothing
  goods=""
  for n in $names; do goods="$goods $(good_for "$n")"; done
  # shellcheck disable=SC2086
  run "$c" $extra $goods
  if [ $rc -gt 1 ]; then
    bad "$c: fails on good input ($(head -c 300 "$T/err")); add what it needs to extra_args in tests/bad_input.sh"
    continue
  fi
  ok "$c: good input (positional:$names; file options: $(echo $fileopts))"
  if [ "$c" = corpus ]; then
    # a corpus run skips a bad document and says why on stderr, exit 0
    # (a good pair follows it: a run that reads no pair at all exits 2);
    # the documents are named in JSONL on standard input
    list_inputs > "$T/inputs"
    while IFS='	' read -r f kind text; do
      printf '{"en": "%s", "zh": "%s"}\n{"en": "%s", "zh": "%s"}\n' "$f" "$G/zh.md" \
        "$G/en.md" "$G/zh.md" > "$T/job.jsonl"
      run corpus - --allow-outside < "$T/job.jsonl"
      desc="corpus en=$(basename "$f") [${rss}]"
      if grep -q "SECRET-XXE-MARKER" "$T/out" "$T/err"; then bad "$desc: entity expanded"
      elif [ $rc -ne 0 ]; then bad "$desc: exit $rc: $(head -c 300 "$T/err")"
      elif [ "$kind" = reject ] && ! grep -qF -- "$f$text" "$T/err"; then
        bad "$desc: the skip report does not say '$f$text': $(head -c 300 "$T/err")"
      else ok "$desc (exit 0)"; fi
    done < "$T/inputs"
    continue
  fi
  pos=0
  for n in $names; do
    pos=$((pos + 1))
    list_inputs > "$T/inputs"
    doc=0
    case $(good_for "$n") in "$G"/*.md) doc=1 ;; esac
    while IFS='	' read -r f kind text; do
      if [ $doc -eq 0 ]; then
        # not a document (a glossary): its reader words its own errors
        [ "$kind" = reject ] && text=":"
      fi
      args="" k=0
      for m in $names; do
        k=$((k + 1))
        if [ $k -eq $pos ]; then args="$args $f"; else args="$args $(good_for "$m")"; fi
      done
      # shellcheck disable=SC2086
      run "$c" $extra $args
      verdict "$c $n=$(basename "$f") [${rss}]" "$f" "$kind" "$text"
    done < "$T/inputs"
  done
  # the one-unit-per-line reader too, where the command has --units
  if "$E" "$c" --help | grep -q -- '--units'; then
    list_inputs > "$T/inputs"
    while IFS='	' read -r f kind text; do
      args="" k=0
      for m in $names; do
        k=$((k + 1))
        if [ $k -eq 1 ]; then args="$args $f"; else args="$args $(good_for "$m")"; fi
      done
      # shellcheck disable=SC2086
      run "$c" $extra --units lines $args
      verdict "$c --units lines $(basename "$f") [${rss}]" "$f" "$kind" "$text"
    done < "$T/inputs"
  fi
  for o in $fileopts; do
    run "$c" $extra "$o" "$(good_for "$o")" $goods
    if [ $rc -gt 1 ]; then
      ok "$c $o: skipped, good input gives exit $rc ($(head -c 200 "$T/err"))"
      continue
    fi
    list_inputs > "$T/inputs"
    while IFS='	' read -r f kind text; do
      # files given to options (glossaries, beads, configs) have readers of
      # their own: any one-line error naming the file will do, and an empty
      # file may be valid (a config without settings)
      [ "$kind" = reject ] && text=":"
      case $f in */empty.md|*/blank.md) kind=accept ;; esac
      # shellcheck disable=SC2086
      run "$c" $extra "$o" "$f" $goods
      verdict "$c $o $(basename "$f") [${rss}]" "$f" "$kind" "$text"
    done < "$T/inputs"
  done
done

# ---------------------------------------------------------------- results
# The accepted inputs must also be read correctly, not just survive.
blocks() { run blocks -w 0 "$@"; }
blocks "$G/en.md"; cp "$T/out" "$T/lf.out"
for f in bom crlf cr; do
  blocks "$A/$f.md"
  if [ $rc -eq 0 ] && cmp -s "$T/out" "$T/lf.out"; then ok "$f.md reads like the LF file"; else bad "$f.md: $(cat "$T/out" "$T/err")"; fi
done
for f in deep-quote deep-list; do
  blocks "$A/$f.md"
  if [ $rc -eq 0 ] && grep -q "deep" "$T/out"; then ok "$f.md: text found"; else bad "$f.md: exit $rc"; fi
done
blocks "$A/deep-list-lines.md"
[ $rc -eq 0 ] && [ "$(wc -l < "$T/out")" -eq 2000 ] && ok "2000-deep nested list: 2000 items" || bad "2000-deep nested list: $(wc -l < "$T/out") units"
blocks "$A/long-line.md"
[ $rc -eq 0 ] && [ "$(cut -f3 "$T/out" | tr -d '\n' | wc -c)" -eq 10000000 ] && ok "10 MB line: one unit of 10M chars" || bad "10 MB line (exit $rc)"
blocks "$A/blocks-1m.md"
[ $rc -eq 0 ] && [ "$(wc -l < "$T/out")" -eq 1000000 ] && [ "$(tail -n 1 "$T/out" | cut -f1)" = 1999999 ] &&
  ok "1M-block Markdown: 1M units, last on line 1999999" || bad "1M-block Markdown: exit $rc, $(wc -l < "$T/out") units, last $(tail -n 1 "$T/out" | cut -f1)"
blocks "$A/blocks-1m.html"
[ $rc -eq 0 ] && [ "$(wc -l < "$T/out")" -eq 1000000 ] && [ "$(tail -n 1 "$T/out" | cut -f1)" = 1000000 ] &&
  ok "1M-block HTML: 1M units, ids past line 65535 right" || bad "1M-block HTML: exit $rc, $(wc -l < "$T/out") units, last $(tail -n 1 "$T/out" | cut -f1)"
blocks "$A/unclosed.html"
[ $rc -eq 0 ] && grep -q "^1	heading	Title$" "$T/out" && grep -q "cell" "$T/out" && ok "unclosed HTML tags: recovered" || bad "unclosed HTML: $(head -5 "$T/out")"
for f in xxe laughs; do
  blocks "$A/$f.html"
  if [ $rc -eq 0 ] && [ "$(wc -c < "$T/out")" -lt 1000 ] && ! grep -q SECRET "$T/out"; then ok "$f.html: no entity expanded"; else bad "$f.html: exit $rc, $(wc -c < "$T/out") bytes out"; fi
done
blocks "$A/big.md"
[ $rc -eq 0 ] && [ "$(wc -l < "$T/out")" -gt $((BIG_MB * 1000)) ] && ok "${BIG_MB} MiB Markdown read [${rss}]" || bad "${BIG_MB} MiB Markdown: exit $rc"
# standard input: an endless pipe is cut at the limit
( [ $asan -eq 0 ] && ulimit -v $MEM_KB; head -c 300M /dev/zero | timeout "$TMO" "$E" blocks - ) >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -q "larger than the 256 MiB limit" "$T/err" && ok "300 MiB on standard input refused" || bad "300 MiB on stdin: exit $rc $(cat "$T/err")"

echo "$nrun runs"
exit $fail
