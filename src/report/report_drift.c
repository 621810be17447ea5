/* report_drift.c — the rows a change of the original left stale (enface
 * report --en-old): the findings of enf_drift, which the caller passes in
 * as plain data (enf_report_opts.drift), put on their rows — a stale,
 * orphaned or moved translation on the row of its Chinese block, a new
 * English block on the row of that block — each shown with the English
 * change its message carries. */
#include "report_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The row a drift finding belongs to, SIZE_MAX = none; *kind 1 stale
 * (stale, orphan, moved), 2 untranslated, 0 another rule. */
static size_t S_row(const enf__report_ctx *c, const enf_finding *f, int *kind)
{
    int r = enf_rule_find(f->rule);
    *kind = r == ENF_RULE_DRIFT_UNTRANSLATED                                       ? 2
            : r == ENF_RULE_DRIFT_STALE || r == ENF_RULE_DRIFT_ORPHAN || r == ENF_RULE_DRIFT_MOVED ? 1
                                                                                   : 0;
    if (!*kind)
        return SIZE_MAX;
    size_t e = f->block[0], z = f->block[1];
    if (*kind == 1 && z != ENF_NO_BLOCK && z < c->doc[1]->n_blocks)
        return c->row_of[1][z];
    if (e != ENF_NO_BLOCK && e < c->doc[0]->n_blocks)
        return c->row_of[0][e];
    return SIZE_MAX;
}

static int S_cmp(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

int enf__report_drift_setup(enf__report_ctx *c)
{
    const enf_findings *d = c->opts ? c->opts->drift : NULL;
    if (!d || !d->n)
        return 0;
    /* (row, finding) pairs, sorted by row then finding */
    c->drift = malloc(d->n * 2 * sizeof *c->drift);
    if (!c->drift)
        return -1;
    for (size_t i = 0; i < d->n; i++) {
        int kind;
        size_t row = S_row(c, &d->v[i], &kind);
        if (row == SIZE_MAX)
            continue;
        c->drift[2 * c->n_drift] = row;
        c->drift[2 * c->n_drift + 1] = i;
        c->n_drift++;
    }
    if (c->n_drift > 1)
        qsort(c->drift, c->n_drift, 2 * sizeof *c->drift, S_cmp);
    return 0;
}

int enf__report_drift_row(enf__report_ctx *c, xmlNodePtr row, size_t r)
{
    size_t lo = 0, hi = c->n_drift;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->drift[2 * mid] < r)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= c->n_drift || c->drift[2 * lo] != r)
        return 0;
    int kinds = 0;
    xmlNodePtr box = enf__report_el(c, row, "div", "notes drift");
    for (size_t k = lo; k < c->n_drift && c->drift[2 * k] == r; k++) {
        const enf_finding *f = &c->opts->drift->v[c->drift[2 * k + 1]];
        int kind;
        S_row(c, f, &kind);
        kinds |= kind;
        char cls[32];
        snprintf(cls, sizeof cls, "pd dr s%d", (int)f->severity);
        xmlNodePtr line = enf__report_el(c, box, "div", cls);
        xmlNodePtr lab = enf__report_el(c, line, "b", NULL);
        enf__report_textz(c, lab, kind == 2 ? "not translated yet" : "stale");
        enf__report_textz(c, line, " ");
        xmlNodePtr rule = enf__report_el(c, line, "span", "rule");
        enf__report_textz(c, rule, "[");
        enf__report_textz(c, rule, f->rule);
        enf__report_textz(c, rule, "] ");
        enf__report_textz(c, line, f->message);
    }
    c->n_stale_rows += (kinds & 1) != 0;
    c->n_untranslated_rows += (kinds & 2) != 0;
    return kinds;
}
