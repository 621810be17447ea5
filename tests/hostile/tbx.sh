#!/bin/sh
# TBX limits before libxml2 parses (issue 17, item 6): one element with
# 200,000 attributes (quadratic inside libxml2 2.9: 273 s) or a 100 KiB
# attribute value is refused at once, naming file:line; a declaration of
# another encoding over UTF-8 bytes is refused instead of read garbled; an
# ordinary TBX (the bundled glossary's) still round-trips.
# usage: tbx.sh ENFACE ROOT
set -u
E=$1 ROOT=$2
. "$(dirname "$0")/../lib.sh"
python3 - "$T" <<'PY'
import sys
t = sys.argv[1]
head = '<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic">\n'
attrs = " ".join('a%d="x"' % i for i in range(200000))
open(t + "/attrs.tbx", "w").write(head + "<text %s>\n</text></tbx>\n" % attrs)
open(t + "/long.tbx", "w").write(head + '<text a="%s"/></tbx>\n' % ("y" * 100000))
body = ('<text><body><conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>caf\u00e9</term>'
        '</termSec></langSec><langSec xml:lang="zh"><termSec><term>咖啡馆</term></termSec></langSec>'
        '</conceptEntry></body></text></tbx>\n')
open(t + "/latin1.tbx", "w", encoding="utf-8").write(
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n<tbx type="TBX-Basic">\n' + body)
open(t + "/utf8.tbx", "w", encoding="utf-8").write(head + body)
PY
expect 2 "200,000 attributes: exit 2" timeout 20 "$E" glossary "$T/attrs.tbx"
err_is "$T/attrs.tbx:3: an element with more than 256 attributes" "200,000 attributes: names file:line"
expect 2 "a 100 KiB attribute: exit 2" timeout 20 "$E" glossary "$T/long.tbx"
err_is "$T/long.tbx:3: an attribute value longer than 64 KiB" "long attribute: names file:line"
expect 2 "ISO-8859-1 declared over UTF-8: exit 2" "$E" glossary "$T/latin1.tbx"
err_is 'declares encoding "ISO-8859-1"' "ISO-8859-1: says why"
expect 0 "the same TBX declared UTF-8: exit 0" "$E" glossary -f tsv "$T/utf8.tbx"
grep -q 'café' "$T/out" && ok "UTF-8 TBX: the term read right" || bad "UTF-8 TBX: $(cat "$T/out")"
expect 0 "bundled glossary to TBX" "$E" glossary -f tbx -o "$T/ml.tbx" "$ROOT/glossary/ml.tsv"
expect 0 "and back" "$E" glossary -f tsv -o "$T/back.tsv" "$T/ml.tbx"
[ "$(grep -vc '^#' "$T/back.tsv")" -ge 400 ] && ok "round trip keeps the terms" || bad "round trip lost terms"
exit $fail
