#!/bin/sh
# The command line of every subcommand (src/cli/options.c, one option table
# per command): every option the table has is in --help and is accepted as
# --opt=value, --opt value and -o value; a missing or empty value, a bad
# number, a value given to a flag, an unknown or abbreviated option are
# exit 2 and one line naming the option; --glossary takes more than 16
# files; "--" ends the options.  The options are read off --help, so a new
# option is covered as soon as it is in its command's table.
# usage: cli_options.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$(dirname "$0")/lib.sh"
out_has() {
  if grep -qF -- "$1" "$T/out"; then ok "$2"; else bad "$2: stdout was: $(head -c 300 "$T/out")"; fi
}

printf '# News\n\nThe transformer paper by [Ann](https://a.org/ann) in 2021.\n' > "$T/en.md"
printf '# 新闻\n\n[Ann](https://a.org/ann) 2021 年的变换器论文。\n' > "$T/zh.md"
printf '# 新闻\n\n[Ann](https://a.org/ann) 2021 年的变压器论文。\n' > "$T/bad.md"
mkdir -p "$T/pairs/one"
cp "$T/en.md" "$T/zh.md" "$T/pairs/one/"
printf 'en\tzh\nmodel\t模型\n' > "$T/g.tsv"

# operands on which each command runs
operands() {
  case $1 in
    blocks) echo "$T/zh.md" ;;
    glossary) echo "$T/g.tsv" ;;
    corpus) echo "$T/pairs" ;;
    drift) echo "$T/en.md $T/en.md $T/zh.md" ;;
    *) echo "$T/en.md $T/zh.md" ;;
  esac
}

# The options of `enface CMD --help`, one per line: SHORT LONG VALUE WORD,
# "-" for no short letter or no value; WORD is the first word of the help
# text (the default of a FMT).
options_of() {
  "$E" "$1" --help | awk '
    $1 ~ /^-/ {
      i = 1; short = "-"
      if ($1 ~ /^-[a-zA-Z],$/) { short = substr($1, 2, 1); i = 2 }
      if ($i !~ /^--[a-z]/) next
      long = substr($i, 3); i++
      value = "-"
      if ($i ~ /^[A-Z][A-Z0-9_=\/]*$/) { value = $i; i++ }
      word = $i; sub(/[^a-z].*/, "", word)
      print short, long, value, (word == "" ? "-" : word)
    }'
}

# A good value for a value name.
value_for() {
  case $1 in
    FMT) echo "$2" ;;
    UNITS|DIALECT) echo auto ;;
    N) echo 1 ;;
    X) echo 0.5 ;;
    I/N) echo 0/1 ;;
    LEVEL) echo warning ;;
    RULE) echo glossary ;;
    RULE=LEVEL) echo glossary=note ;;
    K=V) echo band=10 ;;
    LANG) echo auto ;;
    MODE) echo classify ;;
    ENCODING) echo UTF-8 ;;
    TAG) echo zh-CN ;;
    *) echo "$T/zh.md" ;;
  esac
}

commands=$("$E" --help | sed -n '/^commands:/,/^$/p' | awk 'NR > 1 && /^  [a-z]/ { print $1 }')
[ -n "$commands" ] || bad "no commands in 'enface --help'"
for c in $commands; do
  options_of "$c" > "$T/opts"
  cp "$T/opts" "$T/opts.$c"
  args=$(operands "$c")

  # --help lists every option of the table in src/cli/cmd_CMD.c
  awk '{ print $2 }' "$T/opts" | sort > "$T/help-longs"
  { grep -oE 'CLI_(FLAG|STRING|LIST|INT|DOUBLE|CALL|CHOICE)\("[a-z-]+"|\.name = "[a-z-]+"' \
      "$ROOT/src/cli/cmd_$c.c" | sed 's/.*"\(.*\)"/\1/'; echo help
    grep -q 'CLI_DIALECT(' "$ROOT/src/cli/cmd_$c.c" && echo dialect; } | sort > "$T/table-longs"
  if [ -s "$T/table-longs" ] && cmp -s "$T/help-longs" "$T/table-longs"; then
    ok "$c: --help lists the $(wc -l < "$T/table-longs") options of its table"
  else
    bad "$c: --help and the table differ: $(diff "$T/table-longs" "$T/help-longs" | tr '\n' ' ')"
  fi

  expect 2 "$c: unknown option" "$E" "$c" --bogus $args
  err_is "$c: unknown option '--bogus'; see 'enface $c --help'" "$c: unknown option named"
  expect 2 "$c: unknown short option" "$E" "$c" -Z $args
  err_is "$c: unknown option '-Z'; see 'enface $c --help'" "$c: unknown short option named"

  while read -r short long value word; do
    o="$c --$long"
    # accepted in every form: parsing goes on to the --help after it
    if [ "$value" = - ]; then
      expect 0 "$o accepted" "$E" "$c" "--$long" --help
      out_has "usage: enface $c" "$o accepted: help printed"
      if [ "$long" != help ]; then
        expect 2 "$o=1" "$E" "$c" "--$long=1" $args
        err_is "option --$long takes no value" "$o=1: named"
      fi
    else
      v=$(value_for "$value" "$word")
      expect 0 "$o=$v" "$E" "$c" "--$long=$v" --help
      out_has "usage: enface $c" "$o=$v: help printed"
      expect 0 "$o $v" "$E" "$c" "--$long" "$v" --help
      out_has "usage: enface $c" "$o $v: help printed"
      if [ "$short" != - ]; then
        expect 0 "$c -$short $v" "$E" "$c" "-$short" "$v" --help
        out_has "usage: enface $c" "$c -$short $v: help printed"
        expect 2 "$c -$short without a value" "$E" "$c" $args "-$short"
        err_is "$c: option -$short needs a value (-$short $value)" "$c -$short without a value: named"
      fi
      # no value: at the end, or empty (`--output=` exited 2 in silence)
      expect 2 "$o without a value" "$E" "$c" $args "--$long"
      err_is "$c: option --$long needs a value (--$long $value)" "$o without a value: named"
      if [ "$c:$long" = report:title ]; then
        expect 0 "$o= (an empty title)" "$E" "$c" "--$long=" $args
      else
        expect 2 "$o=" "$E" "$c" "--$long=" $args
        err_is "$c: option --$long needs a value (--$long $value)" "$o=: named"
      fi
      # numbers are read whole (`--band 12abc` was 12)
      case $value in
        N) expect 2 "$o 12abc" "$E" "$c" "--$long" 12abc $args
           err_is "$c: --$long: '12abc' is not a whole number" "$o 12abc: named" ;;
        X) expect 2 "$o 0.5x" "$E" "$c" "--$long" 0.5x $args
           err_is "$c: --$long: '0.5x' is not a number" "$o 0.5x: named" ;;
      esac
    fi
    # spelled out: an abbreviation is not taken for the option
    p=${long%?}
    if ! awk '{ print $2 }' "$T/opts" | grep -qx -- "$p"; then
      expect 2 "$c --$p (abbreviated)" "$E" "$c" "--$p" $args
      err_is "unknown option '--$p'" "$c --$p (abbreviated): named"
    fi
  done < "$T/opts"
done

# ranges
expect 2 "align --band 0" "$E" align --band 0 "$T/en.md" "$T/zh.md"
err_is "align: --band: '0' is out of range (at least 1)" "align --band 0: named"
expect 2 "corpus -j 300" "$E" corpus -j 300 "$T/pairs"
err_is "corpus: -j: '300' is out of range (1 to 256)" "corpus -j 300: named"
expect 2 "corpus --min-score -1" "$E" corpus --min-score -1 "$T/pairs"
err_is "corpus: --min-score: '-1' is out of range (at least 0)" "corpus --min-score -1: named"

# the three forms set the same thing
expect 0 "align -f tsv" "$E" align -f tsv "$T/en.md" "$T/zh.md"
cp "$T/out" "$T/tsv"
"$E" align "$T/en.md" "$T/zh.md" > "$T/beads"
cmp -s "$T/tsv" "$T/beads" && bad "align -f tsv writes beads" || ok "align -f tsv is not beads"
for form in "--format=tsv" "--format tsv" "-ftsv"; do
  expect 0 "align $form" "$E" align $form "$T/en.md" "$T/zh.md"
  cmp -s "$T/out" "$T/tsv" && ok "align $form = -f tsv" || bad "align $form differs from -f tsv"
done
expect 0 "align, options after the files" "$E" align "$T/en.md" "$T/zh.md" -f tsv
cmp -s "$T/out" "$T/tsv" && ok "options after the files" || bad "options after the files"
for form in "-o $T/o1" "--output=$T/o2" "--output $T/o3"; do
  expect 0 "align $form" "$E" align $form "$T/en.md" "$T/zh.md"
done
cmp -s "$T/o1" "$T/beads" && cmp -s "$T/o2" "$T/beads" && cmp -s "$T/o3" "$T/beads" \
  && ok "-o, --output= and --output write the same file" || bad "the -o forms differ"
printf 'en\tzh\tverbatim\tforbidden\ntransformer\t变换器\t\t变压器\n' > "$T/forbid.tsv"
for form in "-g $T/forbid.tsv" "--glossary=$T/forbid.tsv" "--glossary $T/forbid.tsv"; do
  expect 1 "check $form" "$E" check --no-config $form "$T/bad.md"
  out_has "[glossary.forbidden]" "check $form: the glossary is read"
done
for form in "-w 3" "--width=3" "--width 3" "-w3"; do
  expect 0 "blocks $form" "$E" blocks $form "$T/zh.md"
  [ "$(head -1 "$T/out")" = "$(printf '1\theading\t新闻')" ] && [ "$(sed -n 2p "$T/out" | cut -f3)" = "Ann" ] \
    && ok "blocks $form cuts at 3" || bad "blocks $form: $(cat "$T/out")"
done

# more than 16 (and 64) --glossary files, in every command that takes them
# (align and corpus stopped at 16, report at 64); a
# broken last one is read (and named), so all of them are
i=1
gl=""
while [ $i -le 70 ]; do
  printf 'en\tzh\nterm%d\t术语%d\n' $i $i > "$T/g$i.tsv"
  gl="$gl --glossary $T/g$i.tsv"
  i=$((i + 1))
done
printf 'en\n' > "$T/broken.tsv"
for c in $commands; do
  "$E" "$c" --help | grep -q -- '--glossary FILE' || continue
  args=$(operands "$c")
  "$E" "$c" $gl $args > "$T/out" 2> "$T/err"
  rc=$?
  [ $rc -le 1 ] && ok "$c: 70 --glossary files" || bad "$c: 70 --glossary files: exit $rc: $(cat "$T/err")"
  expect 2 "$c: 70 --glossary files, the last broken" "$E" "$c" $gl --glossary "$T/broken.tsv" $args
  err_is "$T/broken.tsv" "$c: the 71st glossary is read"
done
expect 1 "check: the 71st glossary counts" "$E" check --no-config $gl -g "$T/forbid.tsv" "$T/bad.md"
out_has "[glossary.forbidden]" "check: a finding from the 71st glossary"

# "--" ends the options
cd "$T" || exit 2
cp en.md ./-en.md
expect 0 "blocks -- -en.md" "$E" blocks -- -en.md
out_has "The transformer paper" "blocks -- -en.md reads the file"
expect 2 "blocks -en.md (an option)" "$E" blocks -en.md
err_is "unknown option '-e'" "blocks -en.md: named"
expect 0 "align -f tsv -- -en.md zh.md" "$E" align -f tsv -- -en.md zh.md
cmp -s "$T/out" "$T/tsv" && ok "align after --" || bad "align after --: $(cat "$T/out")"
expect 2 "align -- --help (a file)" "$E" align -- "$T/en.md" --help
err_is "--help: cannot open" "align -- --help: the file named"
cp bad.md ./-bad.md
expect 1 "check -- -bad.md" "$E" check --no-config -g forbid.tsv -- -bad.md
out_has "[glossary.forbidden]" "check -- -bad.md checks it"
expect 0 "glossary -- -g.tsv" sh -c "cp g.tsv ./-g.tsv && '$E' glossary --check -- -g.tsv"
out_has "1 terms" "glossary -- -g.tsv reads it"
expect 0 "report -o -- -en.md" "$E" report --no-config -o page.html -- -en.md zh.md
[ -s page.html ] && ok "report after --" || bad "report after --"
expect 0 "corpus -- DIR" "$E" corpus -f tsv -- pairs
[ -s "$T/out" ] && ok "corpus after --" || bad "corpus after --"

# man/enface.1: OPTIONS has one subsection per command whose .TP entries
# are the options of its table, letter, name and value as --help shows them
MAN=$ROOT/man/enface.1
for c in $commands; do
  awk '$2 != "help" { print $1, $2, $3 }' "$T/opts.$c" | sort > "$T/help-tags"
  awk -v cmd="$c" '
    /^\.SH / { in_opts = ($2 == "OPTIONS"); in_cmd = 0 }
    /^\.SS / { in_cmd = in_opts && $0 == ".SS \"enface " cmd "\"" }
    in_cmd && prev == ".TP" {
      t = $0; gsub(/\\f[BIR]/, "", t); gsub(/\\-/, "-", t)
      short = "-"; long = "-"; value = "-"
      n = split(t, w, /[ ,]+/)
      for (i = 1; i <= n; i++) {
        if (w[i] ~ /^--/) long = substr(w[i], 3)
        else if (w[i] ~ /^-[a-zA-Z]$/) short = substr(w[i], 2)
        else if (w[i] != "") value = w[i]
      }
      print short, long, value
    }
    { prev = $0 }' "$MAN" | sort > "$T/man-tags"
  if [ -s "$T/man-tags" ] && cmp -s "$T/help-tags" "$T/man-tags"; then
    ok "$c: man page OPTIONS lists the $(wc -l < "$T/man-tags") options of its table"
  else
    bad "$c: man page and table differ (< table, > man): $(diff "$T/help-tags" "$T/man-tags" | grep '^[<>]' | tr '\n' ' ')"
  fi
done
sections=$(grep '^\.SH ' "$MAN" | sed 's/^\.SH //; s/"//g' | tr '\n' '|')
for s in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
  case "|$sections" in *"|$s|"*) ok "man page: $s" ;; *) bad "man page: no $s section" ;; esac
done
[ "${sections%|}" != "${sections%|SEE ALSO|}" ] && ok "man page: SEE ALSO last" \
  || bad "man page: SEE ALSO is not the last section: $sections"
for v in NO_COLOR XDG_DATA_HOME XDG_CACHE_HOME; do
  sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$MAN" | grep -qx "\.B $v" && ok "man page ENVIRONMENT: $v" \
    || bad "man page ENVIRONMENT: no $v"
done
for f in 'share/enface/ml.tsv' 'XDG_DATA_HOME/enface/cedict_ts.u8' 'XDG_CACHE_HOME/enface/' '.enface.ini'; do
  sed -n '/^\.SH FILES/,/^\.SH /p' "$MAN" | grep '^\.I ' | grep -qF "$f" && ok "man page FILES: $f" \
    || bad "man page FILES: no $f"
done
if command -v groff > /dev/null; then
  groff -man -ww -z "$MAN" > "$T/groff" 2>&1
  [ ! -s "$T/groff" ] && ok "man page: groff -ww renders it without warnings" \
    || bad "man page: groff -ww: $(head -5 "$T/groff")"
else
  echo "SKIP groff not installed: the man page is not rendered"
fi

# --dialect: one docs site's Markdown (the same setting as --units NAME)
printf '!!! note "T"\n\n    Content.\n\n::: tip Hint\nBox.\n:::\n' > "$T/dia.md"
"$E" blocks --dialect mkdocs "$T/dia.md" > "$T/mk" 2>&1
grep -q "paragraph	Content." "$T/mk" && grep -q "paragraph	::: tip Hint Box. :::" "$T/mk" \
  && ok "--dialect mkdocs: admonitions read, ::: left to CommonMark" || bad "--dialect mkdocs: $(cat "$T/mk")"
"$E" blocks --dialect vitepress "$T/dia.md" > "$T/vp" 2>&1
grep -q "code_block	Content." "$T/vp" && grep -q "paragraph	Box." "$T/vp" \
  && ok "--dialect vitepress: containers read, !!! left to CommonMark" || bad "--dialect vitepress: $(cat "$T/vp")"
"$E" blocks --units vitepress "$T/dia.md" > "$T/vpu" 2>&1
cmp -s "$T/vp" "$T/vpu" && ok "--units vitepress = --dialect vitepress" || bad "--units vitepress differs"
"$E" blocks "$T/dia.md" > "$T/all" 2>&1
grep -q "paragraph	Content." "$T/all" && grep -q "paragraph	Box." "$T/all" \
  && ok "default: every site's containers" || bad "default dialects: $(cat "$T/all")"

# on a real MkDocs page (hello-algo's quick sort, with an admonition):
# --dialect mkdocs reads what the default reads; vitepress alone leaves the
# admonition's indented content to CommonMark, as code
QS="$ROOT/../shared/corpus/hello-algo/chapter_sorting/quick_sort/en.md"
if [ -f "$QS" ]; then
  "$E" blocks -w 0 "$QS" > "$T/qs-auto" && "$E" blocks -w 0 --dialect mkdocs "$QS" > "$T/qs-mk" &&
    "$E" blocks -w 0 --dialect vitepress "$QS" > "$T/qs-vp" || bad "blocks on $QS failed"
  cmp -s "$T/qs-auto" "$T/qs-mk" && ok "hello-algo page: --dialect mkdocs = the default" \
    || bad "hello-algo page: --dialect mkdocs differs from the default"
  [ "$(grep -c '	code_block	' "$T/qs-vp")" -gt "$(grep -c '	code_block	' "$T/qs-mk")" ] \
    && ok "hello-algo page: --dialect vitepress reads the admonition as code" \
    || bad "hello-algo page: --dialect vitepress read the admonition"
else
  echo "SKIP ../shared/corpus/hello-algo is absent: the real MkDocs page is not read"
fi

# the values the shell completions offer (CLI_CHOICE in the tables) are
# those the option's parser names when it refuses a value
"$E" --completions bash | awk '
  /^    [a-z]+\)$/ { cmd = $1; sub(/\)/, "", cmd) }
  /^        -[^ ]*\) COMPREPLY=.*compgen -W "/ && cmd != "" {
    opt = $1; sub(/\).*/, "", opt); sub(/.*\|/, "", opt)
    v = $0; sub(/.*compgen -W "/, "", v); sub(/".*/, "", v)
    print cmd, opt, v }' > "$T/choices"
[ -s "$T/choices" ] && ok "completions: $(wc -l < "$T/choices") options with choices" \
  || bad "completions: no option with choices"
while read -r c opt values; do
  "$E" "$c" "$opt=no-such-value" $(operands "$c") > /dev/null 2> "$T/err"
  named=$(sed -n "s/.*(use \(.*\))\$/\1/p; s/.*needs \(.*\), got .*/\1/p" "$T/err" |
          sed 's/, / /g; s/ or / /g' | tr ' ' '\n' | sort | tr '\n' ' ')
  want=$(echo "$values" | tr ' ' '\n' | sort | tr '\n' ' ')
  [ -n "$named" ] && [ "$named" = "$want" ] && ok "$c $opt: completes the values it takes ($values)" \
    || bad "$c $opt: completion offers '$want', the parser says: $(cat "$T/err")"
  for v in $values; do
    "$E" "$c" "$opt=$v" --help > /dev/null 2>&1 || bad "$c $opt=$v: refused"
  done
done < "$T/choices"

exit $fail
