#!/bin/sh
# SARIF output of `enface check` is valid against the SARIF 2.1.0 schema
# (../shared/schemas), checked with Debian's python3-jsonschema.  Skipped
# (77) when the schema or the validator is absent.
# usage: check_sarif.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
SCHEMA=$ROOT/../shared/schemas/sarif-2.1.0.json
PY=/usr/bin/python3
if [ ! -f "$SCHEMA" ]; then echo "no $SCHEMA: skipped"; exit 77; fi
if ! [ -x $PY ] || ! $PY -c 'import jsonschema' 2>/dev/null; then echo "skip: python3 or its jsonschema module missing (Debian package python3-jsonschema; tools/setup --test)"; exit 77; fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
validate() {
  if $PY -c 'import json,jsonschema,sys; d=json.load(open(sys.argv[1])); jsonschema.validate(d, json.load(open(sys.argv[2]))); assert d["runs"][0]["results"], "no results"' "$1" "$SCHEMA"; then
    echo "ok   $2"
  else
    echo "FAIL $2"; fail=1
  fi
}
G=$ROOT/glossary/ml.tsv
"$E" check --no-config -g "$G" -f sarif -o "$T/bi.sarif" "$ROOT/corpus/issue-101/en.md" "$ROOT/corpus/issue-101/zh.md"
validate "$T/bi.sarif" "bilingual SARIF (issue-101) is valid"
"$E" check --no-config -g "$G" -f sarif -o "$T/zh.sarif" "$ROOT/corpus/issue-102/zh.md"
validate "$T/zh.sarif" "Chinese-only SARIF (issue-102) is valid"
# a file name that needs percent-encoding in the artifact URI
mkdir -p "$T/a dir"; cp "$ROOT/corpus/issue-103/zh.md" "$T/a dir/zh #1.md"
"$E" check --no-config -g "$G" -f sarif -o "$T/sp.sarif" "$T/a dir/zh #1.md"
validate "$T/sp.sarif" "SARIF with a space and # in the file name is valid"
grep -q 'a%20dir/zh%20%231.md' "$T/sp.sarif" && echo "ok   URI percent-encoded" || { echo "FAIL URI encoding"; fail=1; }
exit $fail
