# tests/lib.sh — shared by the CLI test scripts (sourced after E and ROOT are
# set): a temporary folder T removed on exit, and the checks
#   ok DESC / bad DESC          record a result (bad sets fail=1)
#   expect CODE DESC CMD...     run CMD (stdout in $T/out, stderr in $T/err)
#                               and check its exit status
#   err_is TEXT DESC            stderr is one line and contains TEXT
# A script ends with `exit $fail`.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { printf 'ok   %s\n' "$1"; }
bad() { printf 'FAIL %s\n' "$1"; fail=1; }
expect() {
  want=$1 desc=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"; got=$?
  if [ "$got" -eq "$want" ]; then ok "$desc"; else bad "$desc (exit $got, want $want): $(head -c 300 "$T/err")"; fi
}
err_is() {
  if grep -qF -- "$1" "$T/err" && [ "$(wc -l < "$T/err")" -eq 1 ]; then ok "$2"; else bad "$2: stderr was: $(cat "$T/err")"; fi
}
