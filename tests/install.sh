#!/bin/sh
# `meson install` into a DESTDIR, then the installed enface as a user has
# it: it finds its own glossary with no -g (also once the tree is moved),
# its man page renders, and the bash and zsh completions installed are
# the ones generated from the option tables and complete the commands,
# each command's options and their values.
# usage: install.sh ENFACE ROOT BUILD_DIR MESON
set -u
E=$1 ROOT=$2 BUILD=$3 MESON=$4
. "$(dirname "$0")/lib.sh"

D=$T/dest
if "$MESON" install -C "$BUILD" --destdir "$D" --no-rebuild --quiet > "$T/install.log" 2>&1; then
  ok "meson install --destdir"
else
  bad "meson install --destdir: $(tail -5 "$T/install.log")"
  exit 1
fi
bin=$(find "$D" -path '*/bin/enface' -type f | head -1)
lib=$(find "$D" -name 'libenface.so.0' | head -1)
share=$(find "$D" -path '*/share/enface' -type d | head -1)
[ -n "$bin" ] && [ -n "$lib" ] && [ -n "$share" ] && ok "binary, library and share/enface installed" \
  || { bad "installed: bin '$bin', lib '$lib', share '$share'"; exit 1; }
prefix=${share%/share/enface}
for f in share/enface/ml.tsv share/enface/README.md share/man/man1/enface.1 \
         share/bash-completion/completions/enface share/zsh/site-functions/_enface; do
  [ -s "$prefix/$f" ] && ok "installed $f" || bad "not installed: $f"
done
cmp -s "$prefix/share/enface/ml.tsv" "$ROOT/glossary/ml.tsv" && ok "the glossary installed is glossary/ml.tsv" \
  || bad "share/enface/ml.tsv differs from glossary/ml.tsv"

# the installed binary, run away from the source and build trees
LD_LIBRARY_PATH=$(dirname "$lib")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH
cd "$T" || exit 2
run_corpus() {   # the installed enface at $1 over corpus/: the glossary it names, the findings
  n=0 g=0
  for dir in "$ROOT"/corpus/*/; do
    [ -f "$dir/en.md" ] && [ -f "$dir/zh.md" ] || continue
    n=$((n + 1))
    "$1" check --no-config "$dir/en.md" "$dir/zh.md" > "$T/out" 2> "$T/err"
    rc=$?
    [ $rc -le 1 ] || bad "installed check $dir: exit $rc: $(cat "$T/err")"
    grep -qF "enface: glossary: $2/share/enface/ml.tsv (the default" "$T/err" \
      || bad "installed check $dir: not the installed glossary: $(cat "$T/err")"
    grep -q '\[glossary\.' "$T/out" && g=$((g + 1))
  done
  [ $n -gt 0 ] && ok "$3: corpus/ checked ($n pairs) with $2/share/enface/ml.tsv, no -g" \
    || bad "$3: no pairs in corpus/"
  [ $g -gt 0 ] && ok "$3: glossary findings on $g of $n pairs" || bad "$3: no glossary finding on corpus/"
}
run_corpus "$bin" "$prefix" "installed"
# the tree moved elsewhere (an unpacked package): it finds its own glossary
mv "$D" "$T/moved"
run_corpus "$T/moved${bin#"$D"}" "$T/moved${prefix#"$D"}" "moved"
mv "$T/moved" "$D"

# the man page renders without a warning
if command -v groff > /dev/null; then
  groff -man -ww -z "$prefix/share/man/man1/enface.1" > "$T/groff" 2>&1
  [ ! -s "$T/groff" ] && ok "man page renders without warnings" || bad "groff -ww: $(head -5 "$T/groff")"
else
  echo "SKIP groff not installed: the man page is not rendered"
fi

# the completions installed are the generated ones
for sh in bash zsh; do
  case $sh in bash) f=bash-completion/completions/enface ;; zsh) f=zsh/site-functions/_enface ;; esac
  "$bin" --completions $sh > "$T/gen.$sh"
  cmp -s "$T/gen.$sh" "$prefix/share/$f" && ok "$sh completion: the installed file is 'enface --completions $sh'" \
    || bad "$sh completion: installed differs from the generated"
done
expect 2 "--completions fish" "$bin" --completions fish
err_is "--completions needs bash or zsh" "--completions fish: named"

# bash: what the completion offers after `enface WORDS... CUR`
offer() {
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _enface
           [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' sh "$prefix/share/bash-completion/completions/enface" \
    enface "$@" | sort
}
bash -c ". '$prefix/share/bash-completion/completions/enface'; complete -p enface" > "$T/complete" 2>&1
grep -q -- '-F _enface enface$' "$T/complete" && ok "bash: complete -p enface names _enface" \
  || bad "bash: complete -p enface: $(cat "$T/complete")"
commands=$("$bin" --help | sed -n '/^commands:/,/^$/p' | awk 'NR > 1 && /^  [a-z]/ { print $1 }')
{ echo "$commands"; echo --help; echo --version; } | sort > "$T/want"
offer "" > "$T/got"
cmp -s "$T/want" "$T/got" && ok "bash: 'enface <TAB>' offers the $(echo "$commands" | wc -l) commands" \
  || bad "bash: commands: $(diff "$T/want" "$T/got" | tr '\n' ' ')"
offer ch > "$T/got"
[ "$(cat "$T/got")" = check ] && ok "bash: 'enface ch<TAB>' is check" || bad "bash: ch: $(cat "$T/got")"
for c in $commands; do
  # every option of --help, long and short
  "$bin" "$c" --help | awk '$1 ~ /^-/ {
      i = 1; if ($1 ~ /^-[a-zA-Z],$/) { print substr($1, 1, 2); i = 2 }
      if ($i ~ /^--[a-z]/) print $i }' | sort > "$T/want"
  offer "$c" - > "$T/got"
  cmp -s "$T/want" "$T/got" && ok "bash: 'enface $c -<TAB>' offers its $(wc -l < "$T/want") options" \
    || bad "bash: $c options: $(diff "$T/want" "$T/got" | tr '\n' ' ')"
done
offer check --format "" > "$T/got"
[ "$(tr '\n' ' ' < "$T/got")" = "github json rdjson sarif text " ] && ok "bash: check --format <TAB>: the formats" \
  || bad "bash: check --format: $(cat "$T/got")"
offer check --fail-on = w > "$T/got"
[ "$(cat "$T/got")" = warning ] && ok "bash: check --fail-on=w<TAB> is warning" \
  || bad "bash: check --fail-on=w: $(cat "$T/got")"
mkdir -p "$T/files" && : > "$T/files/zh-one.md"
offer check -g "$T/files/zh" > "$T/got"
[ "$(cat "$T/got")" = "$T/files/zh-one.md" ] && ok "bash: check -g <TAB>: file names" \
  || bad "bash: check -g: $(cat "$T/got")"
offer report -o page.html "$T/files/zh" > "$T/got"
[ "$(cat "$T/got")" = "$T/files/zh-one.md" ] && ok "bash: operands: file names" \
  || bad "bash: operands: $(cat "$T/got")"
offer align --band "" > "$T/got"
[ ! -s "$T/got" ] && ok "bash: align --band <TAB>: nothing (a number)" || bad "bash: --band: $(cat "$T/got")"

# zsh: the script parses, and names every option of every table
if command -v zsh > /dev/null; then
  zf=$prefix/share/zsh/site-functions/_enface
  zsh -n "$zf" 2> "$T/zerr" && ok "zsh: _enface parses" || bad "zsh -n: $(cat "$T/zerr")"
  head -1 "$zf" | grep -qx '#compdef enface' && ok "zsh: #compdef enface" || bad "zsh: no #compdef line"
  for c in $commands; do
    missing=""
    for o in $("$bin" "$c" --help | grep -oE '^  (-[a-zA-Z], )?--[a-z-]+' | sed 's/.*--//'); do
      [ "$o" = help ] && continue
      grep -q -- "--$o[=[]" "$zf" || missing="$missing $o"
    done
    [ -z "$missing" ] && ok "zsh: $c's options" || bad "zsh: $c: missing$missing"
  done
else
  echo "SKIP zsh not installed: the zsh completion is not parsed"
fi
exit $fail
