#!/usr/bin/env python3
"""The bundled corpus (corpus/issue-10N): every planted defect that
corpus/README.md lists is reported by `enface check EN ZH` at its line
(the Chinese line; for an omitted block, the Chinese line where its
translation is missing, after the preceding bead), by a rule of
the defect's kind, and the check exits 1.  The correct renderings the
README lists (Transformer, 20 亿 for 2 billion, ...) draw no finding: apart
from glossary.missing (whose glossary is stricter than the translator),
no finding sits on a line without a planted defect.

usage: check_corpus.py ENFACE ROOT
"""
import json
import os
import re
import subprocess
import sys

# defect kind (corpus/README.md) -> the rules that report it
KINDS = {
    # 转换器 for transformer is right for a converter, so the glossary lists
    # it as a suspect rendering in ML text: glossary.suspect reports it
    "term-inconsistent": {"glossary.inconsistent", "glossary.forbidden", "glossary.suspect"},
    "term-forbidden": {"glossary.forbidden"},
    "omitted-block": {"block.omitted"},
    "merged-blocks": {"block.merged"},
    "added-block": {"block.added"},
    "number-changed": {"number.mismatch"},
    "link-lost": {"link.lost"},
    "link-changed": {"link.changed"},
    "markup-damaged": {"markup.damaged"},
    "untranslated": {"untranslated"},
    "code-changed": {"code.changed"},
    "verbatim-translated": {"glossary.verbatim", "glossary.forbidden"},
}


def planted(readme):
    """{issue: [(zh_line or None, en_line, kind, what)]} from the README tables."""
    out, issue = {}, None
    for line in open(readme, encoding="utf-8"):
        m = re.match(r"## (issue-\d+)", line)
        if m:
            issue = m.group(1)
            out[issue] = []
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if issue and len(cells) == 4 and cells[2] in KINDS:
            zh = int(cells[0]) if cells[0].isdigit() else None
            en = int(re.match(r"\d+", cells[1]).group()) if re.match(r"\d+", cells[1]) else None
            out[issue].append((zh, en, cells[2], cells[3]))
    return out


def main():
    exe, root = sys.argv[1], sys.argv[2]
    corpus = os.path.join(root, "corpus")
    defects = planted(os.path.join(corpus, "README.md"))
    assert sum(len(v) for v in defects.values()) == 21, "README tables not parsed: %r" % defects
    bad = 0
    for issue, rows in sorted(defects.items()):
        d = os.path.join(corpus, issue)
        p = subprocess.run([exe, "check", "--no-config", "--glossary", os.path.join(root, "glossary", "ml.tsv"),
                            "--format", "json", os.path.join(d, "en.md"), os.path.join(d, "zh.md")],
                           capture_output=True, text=True)
        if p.returncode != 1:
            print("FAIL %s: exit %d (want 1): %s" % (issue, p.returncode, p.stderr.strip()))
            bad += 1
            continue
        found = json.loads(p.stdout)["findings"]
        for zh, en, kind, what in rows:
            hits = [f for f in found if f["rule"] in KINDS[kind] and
                    ((zh is not None and f["zh"] and f["zh"]["line"] == zh) or
                     (zh is None and f["en"] and f["en"]["line"] == en))]
            where = "zh.md:%d" % zh if zh is not None else "en.md:%d" % en
            if hits:
                print("ok   %s %s %s: [%s] %s" % (issue, where, kind, hits[0]["rule"], hits[0]["message"][:90]))
            else:
                print("FAIL %s %s %s not reported (%s)" % (issue, where, kind, what[:80]))
                bad += 1
        planted_lines = {zh for zh, _, _, _ in rows if zh is not None}
        for f in found:
            if f["rule"] == "glossary.missing" or not f["zh"]:
                continue
            if f["zh"]["line"] not in planted_lines:
                print("FAIL %s zh.md:%d: unexpected [%s] %s" % (issue, f["zh"]["line"], f["rule"], f["message"][:90]))
                bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
