#!/bin/sh
# Nothing is lost: an output file (-o) is written to a temporary file beside
# it and renamed into place only when complete.  A write cut short by a full
# disk (simulated with `ulimit -f`) or a run interrupted by SIGTERM/SIGHUP
# leaves the old file untouched and no temporary file behind; the new file
# keeps the old one's permissions.
# usage: atomic_output.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$(dirname "$0")/lib.sh"
no_temp() {
  if ls -a "$T/out" | grep -q 'tmp-'; then bad "$1: temporary file left: $(ls -a "$T/out")"; else ok "$1: no temporary file left"; fi
}
untouched() {
  if [ "$(cat "$T/out/result")" = "precious" ]; then ok "$1: old output untouched"; else bad "$1: old output changed"; fi
}

# inputs whose JSONL alignment is about 1 MB
python3 - "$ROOT" "$T" <<'PY'
import sys
root, t = sys.argv[1], sys.argv[2]
for side in ("en", "zh"):
    doc = open("%s/corpus/issue-101/%s.md" % (root, side)).read()
    open("%s/%s.md" % (t, side), "w").write(doc * 40)
PY
mkdir "$T/out"
printf 'precious\n' > "$T/out/result"
chmod 640 "$T/out/result"

# 1. a full disk: the file size limit is far below the output's size
( ulimit -f 64; exec "$E" align -f jsonl -o "$T/out/result" "$T/en.md" "$T/zh.md" ) 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && ok "full disk: exit 2" || bad "full disk: exit $rc (want 2)"
if [ "$(wc -l < "$T/err")" -eq 1 ] && grep -q "$T/out/result: write failed" "$T/err"; then
  ok "full disk: one-line error naming the file"
else
  bad "full disk: stderr was: $(cat "$T/err")"
fi
untouched "full disk"
no_temp "full disk"

# 2. interrupted while reading its input (a FIFO nobody writes to): the
#    output's temporary file exists by then and must go with the process
for sig in TERM HUP; do
  rm -f "$T/fifo"
  mkfifo "$T/fifo"
  # started with the signal's default action: under nohup (or any parent
  # that ignores SIGHUP) the shell cannot un-ignore it, and enface rightly
  # keeps a signal ignored that it was started with
  python3 -c 'import os, signal, sys; signal.signal(signal.SIGHUP, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
    "$E" align -o "$T/out/result" "$T/en.md" "$T/fifo" 2>"$T/err" &
  pid=$!
  n=0
  while ! ls -a "$T/out" | grep -q 'tmp-' && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
  ls -a "$T/out" | grep -q 'tmp-' && ok "SIG$sig: temporary file exists while running" || bad "SIG$sig: no temporary file seen"
  kill -s "$sig" "$pid"
  wait "$pid"
  rc=$?
  [ $rc -gt 128 ] && ok "SIG$sig: the process died of the signal (exit $rc)" || bad "SIG$sig: exit $rc"
  untouched "SIG$sig"
  no_temp "SIG$sig"
done

# 3. success replaces the file and keeps its mode; a new file gets the umask's
"$E" align -o "$T/out/result" "$T/en.md" "$T/zh.md" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && [ "$(head -c 1 "$T/out/result")" = "[" ] && ok "success: replaced" || bad "success: exit $rc $(cat "$T/err")"
[ "$(stat -c %a "$T/out/result")" = 640 ] && ok "success: mode 640 kept" || bad "success: mode $(stat -c %a "$T/out/result")"
( umask 022; exec "$E" align -o "$T/out/new" "$T/en.md" "$T/zh.md" )
[ "$(stat -c %a "$T/out/new")" = 644 ] && ok "new file: mode 644 under umask 022" || bad "new file: mode $(stat -c %a "$T/out/new")"
no_temp "success"

# 4. an output in a directory that does not exist: error before any work
"$E" align -o "$T/nodir/result" "$T/en.md" "$T/zh.md" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -q "$T/nodir/result: cannot create" "$T/err" && ok "missing directory: exit 2 naming the file" || bad "missing directory: exit $rc $(cat "$T/err")"

# 5. devices and FIFOs are written in place, never replaced by a regular
#    file (as root, -o /dev/null would otherwise replace /dev/null)
rm -f "$T/fifo"
mkfifo "$T/fifo"
timeout 20 cat "$T/fifo" > "$T/from-fifo" &
reader=$!
timeout 20 "$E" align -o "$T/fifo" "$T/en.md" "$T/zh.md" 2>"$T/err"
rc=$?
wait $reader
[ $rc -eq 0 ] && [ -p "$T/fifo" ] && [ "$(head -c 1 "$T/from-fifo")" = "[" ] && ok "FIFO: written through, still a FIFO" || bad "FIFO: exit $rc, $(ls -l "$T/fifo") $(cat "$T/err")"
if mknod "$T/null" c 1 3 2>/dev/null; then
  "$E" align -o "$T/null" "$T/en.md" "$T/zh.md" 2>"$T/err"
  rc=$?
  [ $rc -eq 0 ] && [ -c "$T/null" ] && ok "character device: still a device" || bad "character device: exit $rc, $(ls -l "$T/null")"
else
  ok "character device: skipped (mknod needs root)"
fi
"$E" align -o "$T/out" "$T/en.md" "$T/zh.md" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -q "$T/out: is a directory" "$T/err" && ok "directory as output: exit 2" || bad "directory as output: exit $rc $(cat "$T/err")"
no_temp "devices"

exit $fail
