#!/usr/bin/env python3
"""Re-check the glossary-checker labels against the texts they describe.

For every <issue>.tsv beside this script: the header is exact, each row has
six columns, `found` really is at `line`:`col` of
../shared/corpus/akira-zh/<issue>/zh.md (1-based line; 1-based column counted
in Unicode code points, not bytes), `term` is an `en` value of
glossary/ml.tsv spelled the same way, `label` is ok|wrong|inconsistent, rows
are sorted and unique, and no row sits inside a link target or a bare URL.

Usage: verify.py [--shared DIR] [--glossary FILE] [-v]
Exit 0 = all rows check out, 1 = a row is wrong, 77 = the shared corpus is
absent (skipped, as meson counts it).
"""
import argparse
import collections
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
HEADER = ['line', 'col', 'term', 'found', 'label', 'note']
LABELS = ('ok', 'wrong', 'inconsistent')
URL_SPANS = (r'\]\([^)]*\)', r'<https?://[^>]*>', r'https?://[^\s)\]】>]+')


def url_spans(text):
    spans = []
    for rx in URL_SPANS:
        spans += [(m.start(), m.end()) for m in re.finditer(rx, text)]
    return spans


def load_glossary(path):
    terms = {}
    with open(path, encoding='utf-8') as f:
        head = f.readline().rstrip('\n').split('\t')
        if head[:2] != ['en', 'zh']:
            sys.exit(f'{path}: unexpected header {head}')
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            cols = line.split('\t')
            accepted = set(filter(None, cols[1].split('|') + cols[4].split('|')))
            if cols[2]:
                accepted.add(cols[0])
            terms[cols[0]] = (accepted, set(filter(None, cols[3].split('|'))))
    return terms


def squash(s):
    # The glossary writes no space at a Han/Latin boundary; MT text has one.
    return re.sub(r'(?<=[\u4e00-\u9fff])\s+(?=[A-Za-z0-9])|'
                  r'(?<=[A-Za-z0-9])\s+(?=[\u4e00-\u9fff])', '', s).lower()


def check(tsv, corpus, terms, verbose):
    issue = os.path.basename(tsv)[:-4]
    src = os.path.join(corpus, issue, 'zh.md')
    errors = []
    if not os.path.exists(src):
        return [f'{tsv}: no such text {src}'], collections.Counter(), 0, 1, 1
    with open(src, encoding='utf-8') as f:
        lines = f.read().split('\n')
    counts = collections.Counter()
    unlisted = 0
    seen = set()
    last = (0, 0)
    with open(tsv, encoding='utf-8') as f:
        rows = [r.rstrip('\n').split('\t') for r in f]
    if rows[0] != HEADER:
        errors.append(f'{tsv}:1: header must be {HEADER}')
    for n, row in enumerate(rows[1:], 2):
        where = f'{tsv}:{n}'
        if len(row) != 6:
            errors.append(f'{where}: {len(row)} columns')
            continue
        ln, col, term, found, label, note = row
        if not (ln.isdigit() and col.isdigit()) or int(ln) < 1 or int(col) < 1:
            errors.append(f'{where}: bad line/col {ln}:{col}')
            continue
        ln, col = int(ln), int(col)
        if (ln, col) < last:
            errors.append(f'{where}: rows not sorted by line, col')
        last = (ln, col)
        if (ln, col, term) in seen:
            errors.append(f'{where}: duplicate row')
        seen.add((ln, col, term))
        if label not in LABELS:
            errors.append(f'{where}: label {label!r}')
        if term not in terms:
            errors.append(f'{where}: term {term!r} is not an en value of the glossary')
        if not found:
            errors.append(f'{where}: empty found')
            continue
        if ln > len(lines):
            errors.append(f'{where}: line {ln} past end of {src}')
            continue
        text = lines[ln - 1]
        got = text[col - 1:col - 1 + len(found)]
        if got != found:
            errors.append(f'{where}: expected {found!r} at {ln}:{col}, text has {got!r}')
            continue
        if any(a <= col - 1 < b for a, b in url_spans(text)):
            errors.append(f'{where}: {found!r} at {ln}:{col} is inside a URL')
        counts[label] += 1
        if term in terms:
            accepted, forbidden = terms[term]
            # Listed if some glossary string of the term starts here
            # (纸 is caught through the forbidden 纸评论).
            here = squash(text[col - 1:col + 40])
            listed = any(here.startswith(squash(x)) for x in accepted | forbidden)
            if not listed:
                unlisted += 1
                if verbose:
                    print(f'  note {where}: {found!r} ({term}, {label}) is not in the glossary')
    bad = len({e.split(': ')[0] for e in errors})
    return errors, counts, unlisted, len(rows) - 1, bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--shared', default=os.path.join(ROOT, '..', 'shared'))
    ap.add_argument('--glossary', default=os.path.join(ROOT, 'glossary', 'ml.tsv'))
    ap.add_argument('-v', '--verbose', action='store_true',
                    help='list rows whose found string the glossary does not list')
    a = ap.parse_args()
    corpus = os.path.join(a.shared, 'corpus', 'akira-zh')
    if not os.path.isdir(corpus):
        print(f'skip: {corpus} is absent')
        return 77
    terms = load_glossary(a.glossary)
    failed = passed = 0
    total = collections.Counter()
    for tsv in sorted(glob.glob(os.path.join(HERE, '*.tsv'))):
        errors, counts, unlisted, nrows, bad = check(tsv, corpus, terms, a.verbose)
        for e in errors:
            print('error:', e)
        failed += bad
        passed += nrows - bad
        total += counts
        print(f'{os.path.basename(tsv)}: {sum(counts.values())} rows, '
              + ', '.join(f'{k} {counts[k]}' for k in LABELS)
              + f'; {unlisted} found strings not in the glossary')
    print(f'total: {sum(total.values())} rows, '
          + ', '.join(f'{k} {total[k]}' for k in LABELS))
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
