/* drift.c — enf_drift: which blocks of a translation went stale when its
 * original changed.  Three steps: align the old original with the
 * translation (enf_align_blocks); compare the old and new originals block
 * by block (a longest common subsequence of normalized block texts, then
 * moves, then the blocks left in each gap paired by similarity); classify
 * each change and report it on the translation's blocks through the beads.
 *
 * It lives in the check wing: it needs the aligner (below check) and
 * check's suppression comments, and its findings are check-like (the rule
 * table, the writers).  A wing of its own would add a layer with one file.
 * This file: the options and the driver; drift_diff.c, drift_classify.c
 * and drift_report.c the three steps (drift_internal.h). */
#include "drift_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void enf_drift_opts_init(enf_drift_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < ENF_RULE__COUNT; i++) {
        const enf_rule_info *ri = enf_rule_get(i);
        o->severity[i] = !strcmp(ri->command, "drift") ? ri->default_severity : ENF_SEV_NONE;
    }
    o->source_lang = ENF_LANG_AUTO;
}

int enf_drift_opts_set(enf_drift_opts *o, const char *rule, int sev, enf_error *err)
{
    enf_check_opts tmp;
    memcpy(tmp.severity, o->severity, sizeof tmp.severity);
    tmp.glossary = NULL;
    int rc = enf_check_opts_set(&tmp, rule, sev, err);
    if (rc)
        return rc;
    for (int i = 0; i < ENF_RULE__COUNT; i++)
        if (!strcmp(enf_rule_get(i)->command, "drift"))
            o->severity[i] = tmp.severity[i];
    return ENF_OK;
}

/* ---- the driver */

/* Whether the translation is not one of the old original: fewer than half
 * its blocks paired, or the pairs' mean confidence low (over the real pairs
 * of ../shared/drift it is 0.8 or more; a page against another page's
 * translation gets about 0.5). */
static int S_unaligned(enf__drift_ctx *c, size_t *paired)
{
    *paired = 0;
    double sum = 0;
    size_t nb = 0;
    for (size_t bi = 0; bi < c->al->n_beads; bi++) {
        size_t s0, ns, t0, nt;
        enf__drift_bead_runs(c, &c->al->beads[bi], &s0, &ns, &t0, &nt);
        if (ns && nt) {
            sum += c->al->beads[bi].score;
            nb++;
            if (!(c->al->beads[bi].flags & ENF_BEAD_LOW_CONFIDENCE))
                *paired += ns;
        }
    }
    size_t n = c->so->n_blocks;
    return n >= 4 && (*paired * 2 < n || !nb || sum / (double)nb < 0.65);
}

int enf_drift(const enf_doc *src_old, const enf_doc *src_new, const enf_doc *tr,
              const enf_drift_opts *opts, enf_findings *out, enf_error *err)
{
    if (!src_old || !src_new || !tr || !out)
        return enf_error_set(err, ENF_EUSAGE, "enf_drift: needs the old and new original and the translation");
    if (err)
        err->msg[0] = '\0';
    enf_drift_opts defaults;
    if (!opts) {
        enf_drift_opts_init(&defaults);
        opts = &defaults;
    }
    enf__drift_ctx c = {0};
    c.so = src_old;
    c.sn = src_new;
    c.tr = tr;
    c.o = opts;
    c.out = out;
    c.lang = opts->source_lang;
    if (c.lang != ENF_LANG_EN && c.lang != ENF_LANG_ZH)
        c.lang = enf_guess_lang(src_old->data, src_old->len);
    enf_drift_stats st = {0};
    st.src_blocks = src_old->n_blocks;
    size_t first = out->n;
    size_t n = src_old->n_blocks, m = src_new->n_blocks;
    enf_alignment *al = NULL;
    int rc = enf__drift_keys(&c, 0, src_old);
    if (rc == ENF_OK)
        rc = enf__drift_keys(&c, 1, src_new);
    c.old = calloc(n ? n : 1, sizeof *c.old);
    c.new_old = malloc((m ? m : 1) * sizeof *c.new_old);
    c.src_bead = malloc((n ? n : 1) * sizeof *c.src_bead);
    if (!c.old || !c.new_old || !c.src_bead)
        rc = ENF_ENOMEM;
    if (rc == ENF_OK) {
        for (size_t i = 0; i < n; i++) {
            c.old[i].st = ENF__DRIFT_DELETED;
            c.old[i].peer = ENF__DRIFT_NONE;
            c.src_bead[i] = ENF__DRIFT_NONE;
        }
        for (size_t j = 0; j < m; j++)
            c.new_old[j] = ENF__DRIFT_NONE;
        rc = enf__drift_lcs(&c);
    }
    if (rc == ENF_OK && opts->mode == ENF_DRIFT_CLASSIFY) {
        enf__drift_moves(&c);
        rc = enf__drift_pair_gaps(&c);
    }
    int any = 0;
    for (size_t i = 0; i < n && !any; i++)
        any = c.old[i].st != ENF__DRIFT_SAME;
    for (size_t j = 0; j < m && !any; j++)
        any = c.new_old[j] == ENF__DRIFT_NONE;
    if (rc == ENF_OK && any) {
        /* the translation pairs with the old original */
        const enf_doc *en = c.lang == ENF_LANG_EN ? src_old : tr, *zh = c.lang == ENF_LANG_EN ? tr : src_old;
        rc = enf_align_blocks(en, zh, opts->align, &al, err);
        if (rc == ENF_OK) {
            c.al = al;
            for (size_t bi = 0; bi < al->n_beads; bi++) {
                size_t s0, ns, t0, nt;
                enf__drift_bead_runs(&c, &al->beads[bi], &s0, &ns, &t0, &nt);
                for (size_t k = s0; k < s0 + ns && k < n; k++)
                    c.src_bead[k] = bi;
            }
            {
                for (size_t i = 0; i < n; i++) {
                    enf__drift_old *o = &c.old[i];
                    if (o->st == ENF__DRIFT_CHANGED) {
                        char what[160], msg[600];
                        o->cls = enf__drift_classify(&c, i, o->peer, what, sizeof what, msg, sizeof msg);
                        /* what, then the excerpt after its NUL */
                        size_t wl = strlen(what);
                        if (wl + 2 < sizeof o->what) {
                            memcpy(o->what, what, wl + 1);
                            /* the excerpt may be cut: the message says it is shortened */
                            if (snprintf(o->what + wl + 1, sizeof o->what - wl - 1, "%s", msg) < 0)
                                o->what[wl + 1] = '\0';
                        }
                        if (o->cls == ENF__DRIFT_C_NONE)
                            st.format_only++;
                        st.changed++;
                    } else if (o->st == ENF__DRIFT_DELETED) {
                        st.deleted++;
                    } else if (o->st == ENF__DRIFT_MOVED) {
                        st.moved++;
                    } else {
                        st.unchanged++;
                    }
                }
                for (size_t j = 0; j < m; j++)
                    st.inserted += c.new_old[j] == ENF__DRIFT_NONE;
            }
            if (S_unaligned(&c, &st.paired)) {
                st.unaligned = 1;
                rc = enf__drift_add(&c, ENF_RULE_DRIFT_UNALIGNED, opts->severity[ENF_RULE_DRIFT_UNALIGNED],
                           ENF_NO_BLOCK, ENF_NO_BLOCK, 1, NULL, NULL, NULL,
                           "%s does not look like a translation of %s: the aligner paired %zu of its %zu "
                           "blocks; no drift reported",
                           tr->name, src_old->name, st.paired, n);
            } else {
                /* a moved block's translation is not yet where it belongs */
                c.anchor_before = malloc((m ? m : 1) * sizeof *c.anchor_before);
                if (!c.anchor_before) {
                    rc = ENF_ENOMEM;
                } else {
                    size_t last = ENF__DRIFT_NONE;
                    for (size_t j = 0; j < m; j++) {
                        c.anchor_before[j] = last;
                        size_t i = c.new_old[j];
                        if (i != ENF__DRIFT_NONE && c.src_bead[i] != ENF__DRIFT_NONE &&
                            c.old[i].st != ENF__DRIFT_MOVED)
                            last = j;
                    }
                    rc = enf__drift_report(&c);
                }
            }
        }
    }
    if (rc == ENF_OK) {
        enf__suppress(tr, out, first, NULL, NULL);
        enf_findings_sort(out);
    }
    if (opts->stats)
        *opts->stats = st;
    for (int s = 0; s < 2; s++) {
        const enf_doc *d = s ? src_new : src_old;
        if (c.key[s])
            for (size_t b = 0; b < d->n_blocks; b++)
                free(c.key[s][b]);
        free(c.key[s]);
        free(c.klen[s]);
        free(c.hash[s]);
    }
    free(c.old);
    free(c.new_old);
    free(c.anchor_before);
    free(c.src_bead);
    enf_alignment_free(al);
    if (rc == ENF_ENOMEM && !(err && err->msg[0]))
        return enf_error_set(err, rc, "%s: out of memory", tr->name);
    return rc;
}
