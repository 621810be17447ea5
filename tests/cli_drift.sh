#!/bin/sh
# `enface drift` on one real sync step of ../shared/drift (the Vue docs'
# options-state page, sync 17): the exact findings, every format (SARIF
# valid against the schema), --fail-on, suppression comments, and the bad
# inputs (the same original twice; a translation of another page).
# Skipped (77) when ../shared is absent.
# usage: cli_drift.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
C=$ROOT/../shared/drift/vue/api.options-state--s17-83a46e12
SCHEMA=$ROOT/../shared/schemas/sarif-2.1.0.json
if [ ! -d "$C" ]; then echo "no $C: skipped"; exit 77; fi
. "$(dirname "$0")/lib.sh"

cp "$C/en-old.md" "$C/en-new.md" "$C/zh-old.md" "$T/"
cp "$ROOT/../shared/drift/vue/guide.essentials.computed--s34-5bb7094e/zh-old.md" "$T/other-zh.md"
cd "$T" || exit 2

expect 0 "drift --help" "$E" drift --help
grep -q "usage: enface drift \[OPTIONS\] EN_OLD EN_NEW ZH" out && ok "help text" || bad "help text"
expect 0 "drift --list-rules" "$E" drift --list-rules
[ "$(cut -d' ' -f1 out | tr '\n' ' ')" = "drift.stale drift.orphan drift.untranslated drift.moved drift.unaligned " ] \
  && ok "the drift rules, and only them" || bad "list-rules: $(cat out)"
"$E" check --list-rules | grep -q drift && bad "check lists drift rules" || ok "check lists only its rules"

expect 1 "real case: findings, exit 1" "$E" drift en-old.md en-new.md zh-old.md
cat > want <<'W'
zh-old.md:20:3: warning: [drift.stale] the original changed (rewritten): "…reated, the original data object" -> "…reated, the reactive data object"
zh-old.md:21:1: warning: [drift.untranslated] new in the original (line 22 of en-new.md), not translated; it belongs after line 20: "All top-level data properties must be included in the return…"
zh-old.md:22:3: warning: [drift.orphan] its original (line 22 of en-old.md) was deleted: "Once observed, you can no longer add reactive properties to …"
zh-old.md:86:3: note: [drift.stale] the original changed (typo-size edit): "…can further defined the followi" -> "…can further define the followi"
zh-old.md:288:3: warning: [drift.stale] the original changed (rewritten): "…l property, The key can also be a simple dot-delimited path,…" -> "…l property, the key can also be a simple dot-delimited path,…"
zh-old.md:396:3: warning: [drift.stale] the original changed (rewritten): "…t listeners received by the component are considered compone…" -> "…t listeners are considered component event listeners, rather…"
zh-old.md:448:3: note: [drift.stale] the original changed (typo-size edit): "… undesirable since a component most likely have internal st" -> "… undesirable, since a component most likely has internal st"
W
cmp -s out want && ok "the exact findings" || { bad "findings differ:"; diff want out; }
expect 0 "--fail-on error: exit 0" "$E" drift --fail-on error en-old.md en-new.md zh-old.md
expect 1 "--disable drift.stale: still the others" "$E" drift --disable drift.stale en-old.md en-new.md zh-old.md
[ "$(wc -l < out)" -eq 2 ] && ok "two findings left" || bad "disable: $(cat out)"

expect 1 "json" "$E" drift -f json -o d.json en-old.md en-new.md zh-old.md
python3 -c 'import json,sys; d=json.load(open("d.json")); s=d["summary"]; assert (s["warning"], s["note"]) == (5, 2), s; f=d["findings"][0]; assert f["zh"]["line"] == 20 and f["en"]["line"] == 20 and f["en"]["file"] == "en-new.md", f' \
  && ok "json: counts and the related EN_NEW place" || bad "json"
expect 1 "github" "$E" drift -f github en-old.md en-new.md zh-old.md
grep -q '^::warning file=zh-old.md,line=20,col=3' out && ok "github annotation" || bad "github: $(head -2 out)"
expect 1 "sarif" "$E" drift -f sarif -o d.sarif en-old.md en-new.md zh-old.md
python3 -c 'import json,sys; d=json.load(open("d.sarif")); r=d["runs"][0]; ids=[x["id"] for x in r["tool"]["driver"]["rules"]]; assert ids[0] == "drift.stale" and all(i.startswith("drift.") for i in ids), ids; assert all(ids[x["ruleIndex"]] == x["ruleId"] for x in r["results"]); assert r["results"][0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "en-new.md"' \
  && ok "sarif: the drift rules, rule indexes, related location" || bad "sarif content"
if [ -f "$SCHEMA" ] && /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
  /usr/bin/python3 -c 'import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' d.sarif "$SCHEMA" \
    && ok "sarif valid against SARIF 2.1.0" || bad "sarif schema"
else
  echo "skip sarif schema (no schema or python3-jsonschema)"
fi

# a suppression comment in the translation
{ sed -n 1,19p zh-old.md; echo '<!-- enface-disable drift -->'; echo; sed -n '20,$p' zh-old.md; } > zh-sup.md
expect 0 "suppressed: nothing left at or above warning" "$E" drift en-old.md en-new.md zh-sup.md
[ ! -s out ] && ok "suppressed: no output" || bad "suppressed: $(cat out)"

# bad input
expect 0 "EN_OLD = EN_NEW: exit 0" "$E" drift en-old.md en-old.md zh-old.md
err_is "no drift: en-old.md and en-old.md have the same blocks" "EN_OLD = EN_NEW says so"
[ ! -s out ] && ok "EN_OLD = EN_NEW: no findings" || bad "same: $(cat out)"
expect 1 "not a translation of EN_OLD: one warning" "$E" drift en-old.md en-new.md other-zh.md
[ "$(wc -l < out)" -eq 1 ] && grep -q "drift.unaligned.*does not look like a translation of en-old.md" out \
  && ok "one drift.unaligned finding, not a flood" || bad "unaligned: $(cat out)"
expect 2 "two files: usage error" "$E" drift en-old.md zh-old.md
err_is "drift: need three files" "usage error names the command"
expect 2 "missing file" "$E" drift en-old.md nope.md zh-old.md
err_is "nope.md" "missing file named"
exit $fail
