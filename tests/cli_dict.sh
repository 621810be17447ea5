#!/bin/sh
# The dictionary end to end: --dict reads .u8, .txt and .gz (a damaged .gz is
# one line, exit 2); without --dict it is found at $ENFACE_DICT, else in
# $XDG_DATA_HOME/enface (cedict_ts.u8, then .gz), else nowhere, and named on
# stderr; --no-dict and an empty ENFACE_DICT turn that off; the parsed
# dictionary is cached in $XDG_CACHE_HOME/enface (hit, miss, stale, and a
# truncated or damaged cache rebuilt), with the same beads either way.
# Runs in a temporary HOME with its own XDG directories.
# usage: cli_dict.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$(dirname "$0")/lib.sh"
export HOME="$T/home"
mkdir -p "$HOME"
unset XDG_DATA_HOME XDG_CACHE_HOME ENFACE_DICT
cat > "$T/dict.u8" <<'EOF2'
# tiny
貓 猫 [mao1] /cat/
狗 狗 [gou3] /dog/
睡覺 睡觉 [shui4 jiao4] /to sleep/
吃 吃 [chi1] /to eat/
草 草 [cao3] /grass/
EOF2
# two English paragraphs of the same length, only the first translated, no
# anchors: with the dictionary [1]:[1] [3]:[], without it the other way
printf 'The dog eats grass here.\n\nThe cat sleeps here now.\n' > "$T/en.md"
printf '狗在这里吃草。\n' > "$T/zh.md"
WITH=$(printf '[1]:[1]\n[3]:[]')
beads_are() {   # beads_are WANT DESC
  if [ "$(cat "$T/out")" = "$1" ]; then ok "$2"; else bad "$2: $(cat "$T/out")"; fi
}
no_stderr() {
  if [ -s "$T/err" ]; then bad "$1: stderr: $(cat "$T/err")"; else ok "$1"; fi
}

# ---- formats
expect 0 "--dict .u8" "$E" align --dict "$T/dict.u8" "$T/en.md" "$T/zh.md"
beads_are "$WITH" ".u8 used"
no_stderr "--dict is not announced"
cp "$T/dict.u8" "$T/dict.txt"
expect 0 "--dict .txt" "$E" align --dict "$T/dict.txt" "$T/en.md" "$T/zh.md"
beads_are "$WITH" ".txt used"
gzip -c "$T/dict.u8" > "$T/cedict_1_0_ts_utf-8_mdbg.txt.gz"
expect 0 "--dict .txt.gz (the official download)" "$E" align --dict "$T/cedict_1_0_ts_utf-8_mdbg.txt.gz" "$T/en.md" "$T/zh.md"
beads_are "$WITH" ".gz used"
WITHOUT=$("$E" align --no-dict "$T/en.md" "$T/zh.md")
[ "$WITHOUT" != "$WITH" ] && ok "the dictionary changes these beads" || bad "the fixture does not need the dictionary"
head -c 40 "$T/cedict_1_0_ts_utf-8_mdbg.txt.gz" > "$T/cut.gz"
expect 2 "truncated .gz" "$E" align --dict "$T/cut.gz" "$T/en.md" "$T/zh.md"
err_is "$T/cut.gz: not a valid gzip file" "truncated .gz: one line naming it"
{ head -c 20 "$T/cedict_1_0_ts_utf-8_mdbg.txt.gz"; printf 'GARBAGEGARBAGEGARBAGE'; } > "$T/bad.gz"
expect 2 "corrupt .gz" "$E" align --dict "$T/bad.gz" "$T/en.md" "$T/zh.md"
err_is "$T/bad.gz: not a valid gzip file" "corrupt .gz: one line naming it"
printf '\037\213not gzip at all' > "$T/magic.gz"
expect 2 "gzip magic, no gzip" "$E" corpus --dict "$T/magic.gz" "$T"
err_is "$T/magic.gz: not a valid gzip file" "corpus: corrupt .gz, one line"

# ---- default lookup, in order
expect 0 "nothing installed" "$E" align "$T/en.md" "$T/zh.md"
beads_are "$WITHOUT" "no dictionary anywhere: aligned without"
no_stderr "nothing installed: nothing said"
mkdir -p "$HOME/.local/share/enface"
cp "$T/cedict_1_0_ts_utf-8_mdbg.txt.gz" "$HOME/.local/share/enface/cedict_ts.u8.gz"
expect 0 "~/.local/share/enface/cedict_ts.u8.gz" "$E" align "$T/en.md" "$T/zh.md"
beads_are "$WITH" "default .gz found"
err_is "enface: dictionary $HOME/.local/share/enface/cedict_ts.u8.gz" "names the .gz it found"
printf '# empty of entries\n' > "$HOME/.local/share/enface/cedict_ts.u8"
expect 2 ".u8 before .gz" "$E" align "$T/en.md" "$T/zh.md"
err_is "$HOME/.local/share/enface/cedict_ts.u8: no CC-CEDICT entries" ".u8 is looked at first"
rm "$HOME/.local/share/enface/cedict_ts.u8"
mkdir -p "$T/xdg/enface"
cp "$T/dict.u8" "$T/xdg/enface/cedict_ts.u8"
expect 0 "\$XDG_DATA_HOME over ~/.local/share" env XDG_DATA_HOME="$T/xdg" "$E" align "$T/en.md" "$T/zh.md"
err_is "enface: dictionary $T/xdg/enface/cedict_ts.u8" "names \$XDG_DATA_HOME's"
expect 0 "a relative XDG_DATA_HOME is ignored" env XDG_DATA_HOME="relative/dir" "$E" align "$T/en.md" "$T/zh.md"
err_is "$HOME/.local/share/enface/cedict_ts.u8.gz" "relative XDG_DATA_HOME: ~/.local/share"
expect 0 "\$ENFACE_DICT first" env ENFACE_DICT="$T/dict.txt" "$E" align "$T/en.md" "$T/zh.md"
err_is "enface: dictionary $T/dict.txt (from \$ENFACE_DICT" "names \$ENFACE_DICT's"
expect 2 "\$ENFACE_DICT missing" env ENFACE_DICT="$T/nope.u8" "$E" align "$T/en.md" "$T/zh.md"
err_is "$T/nope.u8" "a missing \$ENFACE_DICT is an error naming it"
expect 0 "empty ENFACE_DICT: none" env ENFACE_DICT= "$E" align "$T/en.md" "$T/zh.md"
beads_are "$WITHOUT" "empty ENFACE_DICT: aligned without"
no_stderr "empty ENFACE_DICT: nothing said"
expect 0 "--no-dict" "$E" align --no-dict "$T/en.md" "$T/zh.md"
beads_are "$WITHOUT" "--no-dict: aligned without"
no_stderr "--no-dict: nothing said"
expect 2 "--dict with --no-dict" "$E" align --dict "$T/dict.u8" --no-dict "$T/en.md" "$T/zh.md"
err_is "--no-dict" "--dict with --no-dict: one line"
mkdir -p "$T/c/a"
cp "$T/en.md" "$T/c/a/en.md"
cp "$T/zh.md" "$T/c/a/zh.md"
expect 0 "corpus finds it too" "$E" corpus -f tsv --no-progress "$T/c"
grep -q "enface: dictionary $HOME/.local/share/enface/cedict_ts.u8.gz" "$T/err" && ok "corpus names it" || bad "corpus: $(cat "$T/err")"
expect 0 "corpus --no-dict" "$E" corpus -f tsv --no-progress --no-dict "$T/c"
grep -q "enface: dictionary" "$T/err" && bad "corpus --no-dict still loads one" || ok "corpus --no-dict: none"

# ---- the cache
C="$HOME/.cache/enface"
rm -rf "$HOME/.cache" "$HOME/.local/share/enface"
big="$ROOT/../shared/dict/cedict_ts.u8"
[ -f "$big" ] || big="$T/dict.u8"
cp "$big" "$T/cedict_ts.u8"
"$E" align --units lines --dict "$T/cedict_ts.u8" "$T/zh.md" "$T/en.md" > "$T/miss" 2>"$T/err" &&
  [ "$(ls "$C" | wc -l)" -eq 1 ] && ok "miss: one cache file written" || bad "miss: $(ls -la "$C" 2>&1) $(cat "$T/err")"
cache=$(ls "$C"/cedict-*.lxc)
[ "$(stat -c %a "$C")" = 700 ] && ok "cache directory is private" || bad "cache directory mode $(stat -c %a "$C")"
ino=$(stat -c %i "$cache")
"$E" align --units lines --dict "$T/cedict_ts.u8" "$T/zh.md" "$T/en.md" > "$T/hit"
[ "$(stat -c %i "$cache")" = "$ino" ] && ok "hit: the cache is not rewritten" || bad "hit rewrote the cache"
cmp -s "$T/miss" "$T/hit" && ok "hit: the same beads" || bad "hit: different beads"
touch -d '2001-02-03' "$T/cedict_ts.u8"
"$E" align --units lines --dict "$T/cedict_ts.u8" "$T/zh.md" "$T/en.md" > "$T/stale"
[ "$(stat -c %i "$cache")" != "$ino" ] && ok "stale (mtime): rebuilt" || bad "stale cache used"
cmp -s "$T/miss" "$T/stale" && ok "stale: the same beads" || bad "stale: different beads"
for damage in truncate flip empty; do
  ino=$(stat -c %i "$cache")
  size=$(stat -c %s "$cache")
  case $damage in
    truncate) truncate -s $((size / 2)) "$cache" ;;
    flip) printf 'X' | dd of="$cache" bs=1 seek=$((size / 3)) conv=notrunc 2>/dev/null ;;
    empty) : > "$cache" ;;
  esac
  expect 0 "$damage cache" "$E" align --units lines --dict "$T/cedict_ts.u8" "$T/zh.md" "$T/en.md"
  cmp -s "$T/miss" "$T/out" && ok "$damage cache: the same beads" || bad "$damage cache: different beads"
  no_stderr "$damage cache: not an error"
  [ "$(stat -c %s "$cache")" -ne 0 ] && [ "$(stat -c %i "$cache")" != "$ino" ] && ok "$damage cache: rebuilt" || bad "$damage cache: not rebuilt"
done
XDG_CACHE_HOME="$T/xdgcache" "$E" align --units lines --dict "$T/cedict_ts.u8" "$T/zh.md" "$T/en.md" > /dev/null
[ -n "$(ls "$T/xdgcache/enface/" 2>/dev/null)" ] && ok "\$XDG_CACHE_HOME is used" || bad "\$XDG_CACHE_HOME ignored"
rm -f "$T/xdgcache/enface/"*
chmod 500 "$T/xdgcache/enface"
if [ "$(id -u)" -ne 0 ]; then
  XDG_CACHE_HOME="$T/xdgcache" expect 0 "an unwritable cache is not an error" "$E" align --units lines --dict "$T/cedict_ts.u8" "$T/zh.md" "$T/en.md"
fi
chmod 700 "$T/xdgcache/enface"
[ -z "$(ls -A "$C" | grep -v '\.lxc$')" ] && ok "no temporary files left" || bad "left: $(ls -A "$C")"
exit $fail
