/* drift_report.c — enf_drift's findings: each change of the original
 * reported on the translated blocks of its bead (stale, orphan, moved),
 * each new block at the place its translation belongs (untranslated). */
#include "drift_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int enf__drift_add(enf__drift_ctx *c, enf_rule r, enf_severity sev, size_t src_blk, size_t tr_blk,
                   int tr_line, const char *cls, const char *expected, const char *found,
                   const char *fmt, ...)
{
    if (sev == ENF_SEV_NONE)
        return ENF_OK;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    enf_finding f = {0};
    f.rule = (char *)enf_rule_get(r)->id;
    f.severity = sev;
    f.message = msg;
    f.term = (char *)cls;
    f.expected = (char *)expected;
    f.found = (char *)found;
    f.block[0] = src_blk;
    if (src_blk != ENF_NO_BLOCK) {
        f.line[0] = c->sn->blocks[src_blk].start_line;
        f.col[0] = c->sn->blocks[src_blk].start_col;
    }
    f.block[1] = tr_blk;
    if (tr_blk != ENF_NO_BLOCK && tr_line == 0) {
        f.line[1] = c->tr->blocks[tr_blk].start_line;
        f.col[1] = c->tr->blocks[tr_blk].start_col;
    } else {
        f.line[1] = tr_line > 0 ? tr_line : 1;
        f.col[1] = 1;
    }
    return enf_findings_add(c->out, &f);
}

/* The line of the translation after which the translation of new block j
 * belongs: after the translated block of the nearest earlier new block that
 * has an old one.  *after = that translated block, or ENF_NO_BLOCK (at the
 * top: the line of the first block). */
static int S_point(const enf__drift_ctx *c, size_t j, size_t *after)
{
    *after = ENF_NO_BLOCK;
    /* the scan back to that block, done once for all blocks (a long run of
     * inserted blocks made it quadratic) */
    for (size_t k = c->anchor_before[j]; k != ENF__DRIFT_NONE;) {
        size_t i = c->new_old[k];
        /* the bead's last translated block; a bead without one: the
         * nearest earlier bead that has one */
        for (size_t bi = c->src_bead[i] + 1; bi-- > 0;) {
            size_t s0, ns, t0, nt;
            enf__drift_bead_runs(c, &c->al->beads[bi], &s0, &ns, &t0, &nt);
            if (nt) {
                *after = t0 + nt - 1;
                const enf_block *tb = &c->tr->blocks[*after];
                int line = tb->end_line + 1;
                /* past the last line (the file ends with the block): the block's last line */
                return line <= (int)c->tr->n_lines && c->tr->line_start[line - 1] < c->tr->len ? line
                                                                                             : tb->end_line;
            }
        }
        break;
    }
    return c->tr->n_blocks ? c->tr->blocks[0].start_line : 1;
}

static int S_src_excerpt(const enf__drift_ctx *c, const enf_doc *d, size_t b, char *buf, size_t bufsz)
{
    (void)c;
    enf__drift_short(buf, bufsz, d->blocks[b].text, d->blocks[b].text_len, 60);
    return 0;
}

int enf__drift_report(enf__drift_ctx *c)
{
    const enf_alignment *al = c->al;
    int rc = ENF_OK;
    int classify = c->o->mode == ENF_DRIFT_CLASSIFY;
    /* SECTION baseline: every block of a section with a change is changed */
    unsigned char *sec_dirty = NULL;
    if (c->o->mode == ENF_DRIFT_SECTION) {
        sec_dirty = calloc(c->so->n_blocks + 1, 1);
        if (!sec_dirty)
            return ENF_ENOMEM;
        for (size_t i = 0; i < c->so->n_blocks; i++)
            if (c->old[i].st != ENF__DRIFT_SAME) {
                const enf_block *b = &c->so->blocks[i];
                int s = b->kind == ENF_BLOCK_HEADING ? (int)i : b->section;
                sec_dirty[s < 0 ? c->so->n_blocks : (size_t)s] = 1;
            }
    }
    for (size_t bi = 0; bi < al->n_beads && rc == ENF_OK; bi++) {
        size_t s0, ns, t0, nt;
        enf__drift_bead_runs(c, &al->beads[bi], &s0, &ns, &t0, &nt);
        if (!ns || !nt)
            continue;
        /* the bead's most telling change: a move, then the most severe
         * classified change; deleted when all its blocks are */
        size_t worst = ENF__DRIFT_NONE, moved = ENF__DRIFT_NONE, n_del = 0, n_same = 0;
        for (size_t k = s0; k < s0 + ns; k++) {
            const enf__drift_old *o = &c->old[k];
            if (o->st == ENF__DRIFT_DELETED)
                n_del++;
            else if (o->st == ENF__DRIFT_MOVED)
                moved = moved == ENF__DRIFT_NONE ? k : moved;
            else if (o->st == ENF__DRIFT_CHANGED && (worst == ENF__DRIFT_NONE || o->cls > c->old[worst].cls))
                worst = k;
            else if (o->st == ENF__DRIFT_SAME)
                n_same++;
        }
        if (sec_dirty && n_same == ns) {
            const enf_block *b = &c->so->blocks[s0];
            int s = b->kind == ENF_BLOCK_HEADING ? (int)s0 : b->section;
            if (sec_dirty[s < 0 ? c->so->n_blocks : (size_t)s]) {
                for (size_t t = t0; t < t0 + nt && rc == ENF_OK; t++)
                    rc = enf__drift_add(c, ENF_RULE_DRIFT_STALE, c->o->severity[ENF_RULE_DRIFT_STALE],
                               c->old[s0].peer, t, 0, "section", NULL, NULL,
                               "its section of the original changed");
                continue;
            }
        }
        for (size_t t = t0; t < t0 + nt && rc == ENF_OK; t++) {
            if (moved != ENF__DRIFT_NONE) {
                size_t j = c->old[moved].peer, after;
                int line = S_point(c, j, &after);
                enf_severity sev = enf__drift_severity(c, ENF_RULE_DRIFT_MOVED, ENF__DRIFT_C_REWRITE);
                rc = enf__drift_add(c, ENF_RULE_DRIFT_MOVED, sev, j, t, 0, "moved", NULL, NULL,
                           "its original moved from line %d to line %d of %s: the translation "
                           "belongs at line %d",
                           c->so->blocks[moved].start_line, c->sn->blocks[j].start_line, c->sn->name,
                           line);
            } else if (worst != ENF__DRIFT_NONE) {
                const enf__drift_old *o = &c->old[worst];
                if (o->cls == ENF__DRIFT_C_NONE && classify)
                    continue;
                enf_severity sev = enf__drift_severity(c, ENF_RULE_DRIFT_STALE, o->cls);
                rc = enf__drift_add(c, ENF_RULE_DRIFT_STALE, sev, o->peer, t, 0,
                           classify ? enf__drift_class_name[o->cls] : NULL, NULL, NULL,
                           "the original changed (%s): %s", o->what, o->what + strlen(o->what) + 1);
            } else if (n_del == ns) {
                char ex[256];
                S_src_excerpt(c, c->so, s0, ex, sizeof ex);
                enf_severity sev = enf__drift_severity(c, ENF_RULE_DRIFT_ORPHAN, ENF__DRIFT_C_REWRITE);
                rc = enf__drift_add(c, ENF_RULE_DRIFT_ORPHAN, sev, ENF_NO_BLOCK, t, 0, "deleted", NULL, NULL,
                           "its original (line %d of %s) was deleted: \"%s\"",
                           c->so->blocks[s0].start_line, c->so->name, ex);
            } else if (n_del) {
                /* part of a 2-1 (3-1, ...) bead went */
                size_t k = s0;
                while (c->old[k].st != ENF__DRIFT_DELETED)
                    k++;
                char ex[256];
                S_src_excerpt(c, c->so, k, ex, sizeof ex);
                enf_severity sev = enf__drift_severity(c, ENF_RULE_DRIFT_STALE, ENF__DRIFT_C_REWRITE);
                rc = enf__drift_add(c, ENF_RULE_DRIFT_STALE, sev, c->old[s0 == k ? k + 1 : s0].peer, t,
                           0, "deleted", NULL, NULL,
                           "part of its original (line %d of %s) was deleted: \"%s\"",
                           c->so->blocks[k].start_line, c->so->name, ex);
            }
        }
    }
    free(sec_dirty);
    /* new blocks: where their translation belongs */
    for (size_t j = 0; j < c->sn->n_blocks && rc == ENF_OK; j++) {
        if (c->new_old[j] != ENF__DRIFT_NONE)
            continue;
        size_t after;
        int line = S_point(c, j, &after);
        char ex[256];
        S_src_excerpt(c, c->sn, j, ex, sizeof ex);
        char where[64];
        if (after == ENF_NO_BLOCK)
            snprintf(where, sizeof where, "at the top");
        else
            snprintf(where, sizeof where, "after line %d", c->tr->blocks[after].end_line);
        enf_severity sev = enf__drift_severity(c, ENF_RULE_DRIFT_UNTRANSLATED, ENF__DRIFT_C_REWRITE);
        rc = enf__drift_add(c, ENF_RULE_DRIFT_UNTRANSLATED, sev, j, after, line, "inserted", NULL, NULL,
                   "new in the original (line %d of %s), not translated; it belongs %s: \"%s\"",
                   c->sn->blocks[j].start_line, c->sn->name, where, ex);
    }
    return rc;
}
