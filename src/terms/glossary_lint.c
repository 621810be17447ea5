/* glossary_lint.c — a glossary read against the translations it is meant
 * for (`enface glossary lint`): over the aligned pairs of a repository,
 * count for each entry the beads whose English holds the term and, of
 * those, the beads whose Chinese writes an approved form (or the verbatim
 * English, or a variant), a forbidden form, or another entry's approved
 * form.  An entry the translations never follow is reported; two entries
 * whose approved forms stand in for each other are swapped (the
 * d2l-zh list gave 过拟合 for underfitting and 欠拟合 for overfitting); a
 * forbidden form the translators write in most beads is reported too: a
 * human translation disagrees with the glossary there.  The glossary's
 * own duplicates and items both approved and forbidden are load errors
 * (glossary.c). */
#include "terms_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t n_en;          /* beads whose English holds the term */
    size_t n_ok;          /* ... whose Chinese writes an approved form */
    size_t n_forb;        /* ... whose Chinese writes a forbidden form */
    size_t forb_first;    /* the forbidden form seen first (index) */
} S_count;

typedef struct {
    size_t term, other;   /* in term's beads, other's approved form */
} S_stand;

struct enf_glossary_usage {
    const enf_glossary *g;
    S_count *c;
    S_stand *st;
    size_t n_st, cap_st;
    size_t *stamp, *stamp_en, *stamp_ok, *stamp_forb;  /* bead + 1 per term */
    size_t bead;          /* beads seen so far, a running id */
};

int enf_glossary_usage_new(const enf_glossary *g, enf_glossary_usage **out, enf_error *err)
{
    *out = NULL;
    enf_glossary_usage *u = calloc(1, sizeof *u);
    size_t n = g->n + 1;
    if (u) {
        u->g = g;
        u->c = calloc(n, sizeof *u->c);
        /* the four per-term stamps in one block */
        u->stamp = calloc(4 * n, sizeof *u->stamp);
        if (u->stamp) {
            u->stamp_en = u->stamp + n;
            u->stamp_ok = u->stamp + 2 * n;
            u->stamp_forb = u->stamp + 3 * n;
        }
    }
    if (!u || !u->c || !u->stamp) {
        enf_glossary_usage_free(u);
        return enf_error_set(err, ENF_ENOMEM, "glossary lint: out of memory");
    }
    *out = u;
    return ENF_OK;
}

void enf_glossary_usage_free(enf_glossary_usage *u)
{
    if (!u)
        return;
    free(u->c);
    free(u->st);
    free(u->stamp);
    free(u);
}

/* Whether the Chinese text s[0, n) is one of t's accepted forms: an
 * approved rendering, a variant, or (when it may stay) the English. */
static int S_accepted(const enf_term *t, const char *s, size_t n)
{
    for (size_t r = 0; r < t->n_zh; r++)
        if (strlen(t->zh[r]) == n && !memcmp(t->zh[r], s, n))
            return 1;
    for (size_t r = 0; r < t->n_variants; r++)
        if (strlen(t->variants[r]) == n && !memcmp(t->variants[r], s, n))
            return 1;
    return 0;
}

/* The matches of the blocks [first, first + n) of d, appended to *v. */
static int S_matches(const enf_glossary *g, int lang, const enf_doc *d, size_t first, size_t n, enf_match **v,
                     size_t *nv, size_t *cap, const char ***at, size_t *cap_at, enf_error *err)
{
    for (size_t k = 0; k < n; k++) {
        const enf_block *b = &d->blocks[first + k];
        if (b->kind == ENF_BLOCK_CODE)
            continue;
        enf_match *m = NULL;
        size_t nm = 0;
        int rc = enf_glossary_match(g, lang, d->data + b->src_off, b->src_len, &m, &nm, err);
        if (rc)
            return rc;
        if (enf__grow((void **)v, cap, *nv + nm, sizeof **v) ||
            enf__grow((void **)at, cap_at, *nv + nm, sizeof **at)) {
            free(m);
            return enf_error_set(err, ENF_ENOMEM, "glossary lint: out of memory");
        }
        for (size_t i = 0; i < nm; i++) {
            (*at)[*nv] = d->data + b->src_off + m[i].off;
            (*v)[(*nv)++] = m[i];
        }
        free(m);
    }
    return ENF_OK;
}

int enf_glossary_usage_add(enf_glossary_usage *u, const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
                           enf_error *err)
{
    const enf_glossary *g = u->g;
    enf_match *em = NULL, *zm = NULL;
    const char **eat = NULL, **zat = NULL;
    size_t cap_e = 0, cap_z = 0, cap_ea = 0, cap_za = 0;
    int rc = ENF_OK;
    for (size_t i = 0; i < al->n_beads && rc == ENF_OK; i++) {
        const enf_bead *bd = &al->beads[i];
        if (!bd->n_en || !bd->n_zh)
            continue;
        size_t ne = 0, nz = 0;
        rc = S_matches(g, 0, en, bd->en, bd->n_en, &em, &ne, &cap_e, &eat, &cap_ea, err);
        if (rc == ENF_OK)
            rc = S_matches(g, 1, zh, bd->zh, bd->n_zh, &zm, &nz, &cap_z, &zat, &cap_za, err);
        if (rc != ENF_OK || !ne)
            continue;
        size_t id = ++u->bead;
        for (size_t k = 0; k < ne; k++)
            u->stamp_en[em[k].term] = id;
        /* what the Chinese writes, per term of the English */
        for (size_t k = 0; k < nz; k++) {
            const enf_match *m = &zm[k];
            if (m->kind == ENF_MATCH_FORBIDDEN) {
                if (u->stamp_en[m->term] == id && u->stamp_forb[m->term] != id) {
                    u->stamp_forb[m->term] = id;
                    if (!u->c[m->term].n_forb)
                        u->c[m->term].forb_first = m->rendering;
                    u->c[m->term].n_forb++;
                }
                continue;
            }
            /* the string may be an accepted form of an English term of the
             * bead other than the one the matcher gave it to */
            for (size_t e = 0; e < ne; e++) {
                size_t t = em[e].term;
                int ok = t == m->term || S_accepted(&g->terms[t], zat[k], m->len);
                if (ok && u->stamp_ok[t] != id) {
                    u->stamp_ok[t] = id;
                    u->c[t].n_ok++;
                }
            }
        }
        /* each English term counted once per bead; in a bead that does not
         * write it, the approved forms of terms the English lacks stand in */
        for (size_t e = 0; e < ne && rc == ENF_OK; e++) {
            size_t t = em[e].term;
            if (u->stamp[t] == id)
                continue;
            u->stamp[t] = id;
            u->c[t].n_en++;
            if (u->stamp_ok[t] == id || u->stamp_forb[t] == id)
                continue;
            size_t first = u->n_st;   /* this (bead, term)'s stand-ins, once each */
            for (size_t k = 0; k < nz; k++) {
                const enf_match *m = &zm[k];
                if (m->kind != ENF_MATCH_APPROVED || m->term == t || u->stamp_en[m->term] == id)
                    continue;
                int seen = 0;
                for (size_t q = first; q < u->n_st && !seen; q++)
                    seen = u->st[q].other == m->term;
                if (seen)
                    continue;
                if (enf__grow((void **)&u->st, &u->cap_st, u->n_st + 1, sizeof *u->st)) {
                    rc = enf_error_set(err, ENF_ENOMEM, "glossary lint: out of memory");
                    break;
                }
                u->st[u->n_st].term = t;
                u->st[u->n_st].other = m->term;
                u->n_st++;
            }
        }
    }
    free(em);
    free(zm);
    free(eat);
    free(zat);
    return rc;
}

static int S_by_pair(const void *a, const void *b)
{
    const S_stand *x = a, *y = b;
    if (x->term != y->term)
        return x->term < y->term ? -1 : 1;
    return x->other < y->other ? -1 : x->other > y->other;
}

/* The entry whose approved form stands in most often in t's beads, and
 * how often (beads, counted once per bead by the caller's stamps). */
static size_t S_top_other(const S_stand *st, size_t n, size_t t, size_t *count)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (st[mid].term < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t best = (size_t)-1, best_n = 0;
    for (size_t i = lo; i < n && st[i].term == t;) {
        size_t j = i;
        while (j < n && st[j].term == t && st[j].other == st[i].other)
            j++;
        if (j - i > best_n) {
            best_n = j - i;
            best = st[i].other;
        }
        i = j;
    }
    *count = best_n;
    return best;
}

int enf_glossary_usage_lint(enf_glossary_usage *u, size_t min_beads, FILE *f, size_t *n_found, enf_error *err)
{
    const enf_glossary *g = u->g;
    *n_found = 0;
    if (min_beads < 1)
        min_beads = 1;
    /* a term's stand-ins (once per bead), sorted so that runs count them */
    if (u->n_st)
        qsort(u->st, u->n_st, sizeof *u->st, S_by_pair);
    for (size_t t = 0; t < g->n; t++) {
        const enf_term *e = &g->terms[t];
        const S_count *c = &u->c[t];
        if (c->n_en < min_beads)
            continue;
        const char *src = e->source ? e->source : "glossary";
        if (c->n_forb * 2 >= c->n_en && c->n_forb >= 2) {
            fprintf(f, "%s:%d: warning: [lint.forbidden-used] the translations write the forbidden \"%s\" for "
                       "\"%s\" in %zu of %zu aligned paragraphs; if it is right there, make it approved, a "
                       "variant or a suspect with its context\n",
                    src, e->line, e->forbidden[c->forb_first], e->en, c->n_forb, c->n_en);
            ++*n_found;
        }
        if (c->n_ok || c->n_forb * 2 >= c->n_en || (!e->n_zh && e->verbatim == ENF_VERBATIM_NO))
            continue;
        /* two entries that stand in for each other: swapped (one other
         * entry standing in alone is co-occurrence, not evidence) */
        size_t k = 0, o = S_top_other(u->st, u->n_st, t, &k);
        if (o != (size_t)-1 && k * 2 >= c->n_en && u->c[o].n_en >= min_beads && !u->c[o].n_ok) {
            const enf_term *x = &g->terms[o];
            size_t k2 = 0;
            if (S_top_other(u->st, u->n_st, o, &k2) == t && k2 * 2 >= u->c[o].n_en) {
                if (t < o) {
                    fprintf(f, "%s:%d: warning: [lint.swapped] \"%s\" and \"%s\" (line %d) look swapped: the "
                               "translations write \"%s\" for \"%s\" (%zu of %zu paragraphs) and \"%s\" for "
                               "\"%s\" (%zu of %zu)\n",
                            src, e->line, e->en, x->en, x->line, x->zh[0], e->en, k, c->n_en, e->zh[0], x->en, k2,
                            u->c[o].n_en);
                    ++*n_found;
                }
                continue;
            }
        }
        fprintf(f, "%s:%d: warning: [lint.unused] \"%s\" is in %zu aligned paragraphs and no translation "
                   "writes \"%s\"%s\n",
                src, e->line, e->en, c->n_en, e->n_zh ? e->zh[0] : e->en,
                e->n_zh > 1 || e->n_variants ? " or another accepted form" : "");
        ++*n_found;
    }
    if (ferror(f))
        return enf_error_set(err, ENF_EIO, "glossary lint: write failed");
    return ENF_OK;
}
