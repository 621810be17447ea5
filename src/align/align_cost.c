/* align_cost.c — the block aligner's cost model: what each block brings
 * (anchors weighted by rarity, a comparable length, sentence count, a final
 * colon, how far it may merge with its neighbours) and the cost of a bead
 * built from them: structure, anchors or dictionary evidence, length,
 * sentences, colons and merge priors.  docs/aligner.md explains each term;
 * the cells of the programme are in align_row.c, the search over beads in
 * align_blocks.c. */
#include "align_internal.h"
#include "model_internal.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const enf__bparams S_default_params = {
    .w_anchor = 2.195,
    .w_length = 1.292,
    .length_cap = 1.25,
    .no_anchor = 0.9,
    .skip = 2.6,
    .skip_anchored = 1.2,
    .merge2 = 1.32,
    .merge22 = 3.458,
    .merge_n = 0.9,
    .kind_mismatch = 4.0,
    .w_lex = 1.5,
    .w_sent = 1.0,
    .w_colon = 1.0,
};

static const enf__param S_param_names[] = {
#define S_P(n) ENF__PARAM(enf__bparams, n, 0)
    S_P(w_anchor), S_P(w_length), S_P(length_cap), S_P(no_anchor), S_P(skip),
    S_P(skip_anchored), S_P(merge2), S_P(merge22), S_P(merge_n), S_P(kind_mismatch),
    S_P(w_lex), S_P(w_sent), S_P(w_colon),
#undef S_P
};

static int S_parse_params(enf__bparams *p, const char *spec, enf_error *err)
{
    while (spec && *spec) {
        const char *eq = strchr(spec, '='), *end = strchr(spec, ',');
        if (!end)
            end = spec + strlen(spec);
        if (!eq || eq > end)
            return enf_error_set(err, ENF_EUSAGE, "align parameters: expected name=value in '%s'", spec);
        char *num_end;
        double v = strtod(eq + 1, &num_end);
        int bad = num_end == eq + 1 || num_end != end || !isfinite(v);
        if (enf__param_set(p, S_param_names, sizeof S_param_names / sizeof S_param_names[0], spec,
                           (size_t)(eq - spec), bad ? 0 : v))
            return enf_error_set(err, ENF_EUSAGE, "align parameters: unknown name '%.*s'",
                                 (int)(eq - spec), spec);
        if (bad)
            return enf_error_set(err, ENF_EUSAGE, "align parameters: '%.*s' needs a number, got '%.*s'",
                                 (int)(eq - spec), spec, (int)(end - eq - 1), eq + 1);
        spec = *end ? end + 1 : end;
    }
    return ENF_OK;
}


#define S_PRIOR_RATIO 2.73   /* English chars per Han char, fitted on hfblog */
#define S_PRIOR_HAN 300.0    /* weight of that prior, in Han characters */

/* ---- shared anchors: ids and weights */



static long S_table_find_or_add(enf__banchor_table *t, const enf_anchor *a)
{
    if (2 * (t->n + 1) >= t->nslots) {
        size_t ns = t->nslots ? t->nslots * 2 : 1024;
        size_t *nv = calloc(ns, sizeof *nv);
        enf__banchor *ne = realloc(t->v, ns / 2 * sizeof *ne);
        if (!nv || !ne) {
            free(nv);
            if (ne)
                t->v = ne;
            return -1;
        }
        t->v = ne;
        for (size_t i = 0; i < t->n; i++) {
            size_t k = t->v[i].hash & (ns - 1);
            while (nv[k])
                k = (k + 1) & (ns - 1);
            nv[k] = i + 1;
        }
        free(t->slots);
        t->slots = nv;
        t->nslots = ns;
    }
    size_t len = strlen(a->value);
    unsigned h = enf__anchor_hash((int)a->kind, a->value, len);
    size_t k = h & (t->nslots - 1);
    for (; t->slots[k]; k = (k + 1) & (t->nslots - 1)) {
        enf__banchor *e = &t->v[t->slots[k] - 1];
        if (e->hash == h && e->kind == (int)a->kind && strcmp(e->value, a->value) == 0)
            return (long)(t->slots[k] - 1);
    }
    enf__banchor *e = &t->v[t->n];
    e->hash = h;
    e->kind = (int)a->kind;
    e->value = a->value;
    e->count[0] = e->count[1] = 0;
    e->first[0] = e->first[1] = -1;
    t->slots[k] = ++t->n;
    return (long)(t->n - 1);
}



static double S_kind_weight(int kind)
{
    switch (kind) {
    case ENF_ANCHOR_LINK:
    case ENF_ANCHOR_IMAGE:
    case ENF_ANCHOR_ARXIV:
    case ENF_ANCHOR_DOI:
    case ENF_ANCHOR_CODE: return 2.0;
    case ENF_ANCHOR_NUMBER: return 0.8;
    default: return 1.0;
    }
}

static int S_cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* ids in increasing order: a block has a few, sorted in place (qsort's
 * calls cost more than the work below 32); more go to qsort */
static void S_sort_ids(int *v, int n)
{
    if (n > 32) {
        qsort(v, (size_t)n, sizeof *v, S_cmp_int);
        return;
    }
    for (int k = 1; k < n; k++) {
        int x = v[k], m = k;
        for (; m > 0 && v[m - 1] > x; m--)
            v[m] = v[m - 1];
        v[m] = x;
    }
}

/* The ids of a document's anchors by the interned value they point to: a
 * long document's two million anchors have a few thousand values, each
 * hashed and compared as a string once (values are kept once per Doc, so
 * one pointer and kind is one anchor of the table). */
typedef struct {
    const char *value;
    int kind;
    long id;
} S_seen;

typedef struct {
    S_seen *v;
    size_t n, nslots;
} S_seen_map;

static size_t S_seen_slot(const S_seen_map *m, const char *value, int kind)
{
    uint64_t h = ((uint64_t)(uintptr_t)value ^ (uint64_t)kind) * 0x9E3779B97F4A7C15ull;
    size_t k = (size_t)(h >> 24) & (m->nslots - 1);
    while (m->v[k].value && (m->v[k].value != value || m->v[k].kind != kind))
        k = (k + 1) & (m->nslots - 1);
    return k;
}

/* The table id of a, added to the table when new; -1 when out of memory. */
static long S_anchor_id(enf__bctx *c, S_seen_map *m, const enf_anchor *a)
{
    if (2 * (m->n + 1) > m->nslots) {
        S_seen_map g = {calloc(m->nslots ? 2 * m->nslots : 1024, sizeof(S_seen)), m->n,
                        m->nslots ? 2 * m->nslots : 1024};
        if (!g.v)
            return -1;
        for (size_t k = 0; k < m->nslots; k++)
            if (m->v[k].value)
                g.v[S_seen_slot(&g, m->v[k].value, m->v[k].kind)] = m->v[k];
        free(m->v);
        *m = g;
    }
    size_t k = S_seen_slot(m, a->value, (int)a->kind);
    if (!m->v[k].value) {
        long id = S_table_find_or_add(&c->table, a);
        if (id < 0)
            return -1;
        m->v[k] = (S_seen){a->value, (int)a->kind, id};
        m->n++;
    }
    return m->v[k].id;
}

static int S_build_anchor_sets(enf__bctx *c)
{
    size_t total = 0;
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < c->n[s]; i++)
            total += c->doc[s]->blocks[i].n_anchors;
    /* the pool holds every occurrence's id first, then (below, in place:
     * a block's kept ids never pass its occurrences) the kept ones */
    c->pool = malloc((total ? total : 1) * sizeof *c->pool);
    if (!c->pool)
        return ENF_ENOMEM;
    S_seen_map seen = {0};
    size_t at = 0;
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < c->n[s]; i++) {
            const enf_block *b = &c->doc[s]->blocks[i];
            for (size_t k = 0; k < b->n_anchors; k++) {
                long id = S_anchor_id(c, &seen, &b->anchors[k]);
                if (id < 0) {
                    free(seen.v);
                    return ENF_ENOMEM;
                }
                c->pool[at++] = (int)id;
                enf__banchor *e = &c->table.v[id];
                if (e->first[s] < 0)
                    e->first[s] = (int)i;
                e->count[s]++;  /* anchors are unique within a block */
            }
        }
    free(seen.v);
    size_t na = c->table.n;
    c->w = calloc(na ? na : 1, sizeof *c->w);
    c->miss = calloc(na ? na : 1, sizeof *c->miss);
    c->sets[0] = calloc(c->n[0] + 1, sizeof(enf__bset));
    c->sets[1] = calloc(c->n[1] + 1, sizeof(enf__bset));
    if (!c->w || !c->miss || !c->sets[0] || !c->sets[1])
        return ENF_ENOMEM;
    double nblocks = (double)(c->n[0] + c->n[1]);
    for (size_t a = 0; a < na; a++) {
        enf__banchor *e = &c->table.v[a];
        double df = e->count[0] + e->count[1];
        if (e->count[0] && e->count[1])
            c->w[a] = S_kind_weight(e->kind) * log(1.0 + nblocks / df);
        else if (e->kind != ENF_ANCHOR_LATIN && e->kind != ENF_ANCHOR_NUMBER)
            /* a link or code on one side only still says "these blocks
             * differ" (half weight); words and numbers on one side say
             * nothing: every English word is a Latin token */
            c->w[a] = 0.5 * S_kind_weight(e->kind) * log(1.0 + nblocks / df);
        /* a missing word or number is weak evidence against a pair: the
         * translator may have translated the word or spelled the number */
        c->miss[a] = c->w[a] * (e->kind == ENF_ANCHOR_LATIN ? 0.3 : e->kind == ENF_ANCHOR_NUMBER ? 0.5 : 1.0);
    }
    int *p = c->pool;
    at = 0;
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < c->n[s]; i++) {
            const enf_block *b = &c->doc[s]->blocks[i];
            enf__bset *set = &c->sets[s][i];
            set->ids = p;
            for (size_t k = 0; k < b->n_anchors; k++) {
                int id = c->pool[at++];
                if (c->w[id] > 0) {
                    p[set->n++] = (int)id;
                    if (c->table.v[id].count[0] && c->table.v[id].count[1])
                        set->weight += c->w[id];
                }
            }
            S_sort_ids(set->ids, set->n);
            /* only the ids both files have: no other can be shared */
            for (int k = 0; k < set->n && k < ENF__UNION_MAX; k++) {
                const enf__banchor *e = &c->table.v[set->ids[k]];
                if (e->count[0] && e->count[1])
                    enf__sig_add(&set->sig, set->ids[k]);
            }
            p += set->n;
        }
    return ENF_OK;
}

/* Weighted Dice of two sorted id lists (either may repeat an id: a run's
 * lists concatenated); *wsum = the weight seen. */
double enf__dice(const enf__bctx *c, const int *A, int na, const int *B, int nb, double *wsum)
{
    double wa = 0, wb = 0, shared = 0;
    int x = 0, y = 0, last = -1;
    while (x < na || y < nb) {
        int va = x < na ? A[x] : 1 << 30, vb = y < nb ? B[y] : 1 << 30;
        if (va == vb) {
            if (va != last) {
                shared += c->w[va];
                wa += c->w[va];
                wb += c->w[va];
            }
            last = va;
            x++;
            y++;
        } else if (va < vb) {
            if (va != last)
                wa += c->miss[va];
            last = va;
            x++;
        } else {
            if (vb != last)
                wb += c->miss[vb];
            last = vb;
            y++;
        }
    }
    *wsum = wa + wb;
    if (wa + wb <= 0)
        return -1;
    return 2 * shared / (wa + wb);
}

/* The ids of a run's sets, as enf__anchor_sim compares them: the first
 * ENF__UNION_MAX of their concatenation, sorted. */
int enf__run_ids(const enf__bctx *c, int side, size_t start, int cnt, int *buf)
{
    int nn = 0;
    for (int k = 0; k < cnt; k++) {
        const enf__bset *set = &c->sets[side][start + (size_t)k];
        for (int q = 0; q < set->n && nn < ENF__UNION_MAX; q++)
            buf[nn++] = set->ids[q];
    }
    if (cnt > 1)
        qsort(buf, (size_t)nn, sizeof(int), S_cmp_int);
    return nn;
}

/* Weighted Dice of the anchor sets of two runs of blocks. */
double enf__anchor_sim(const enf__bctx *c, size_t i, int ni, size_t j, int nj, double *wsum)
{
    int bufA[ENF__UNION_MAX], bufB[ENF__UNION_MAX];
    int na = enf__run_ids(c, 0, i, ni, bufA), nb = enf__run_ids(c, 1, j, nj, bufB);
    return enf__dice(c, bufA, na, bufB, nb, wsum);
}

static inline double S_kind_cost(const enf__bctx *c, const enf_block *e, const enf_block *z)
{
    int he = e->kind == ENF_BLOCK_HEADING, hz = z->kind == ENF_BLOCK_HEADING;
    if (he && hz) {
        int d = abs(e->level - z->level);
        return d == 0 ? 0 : d == 1 ? 0.5 : 1.0;
    }
    if (he || hz) {
        const enf_block *p = he ? z : e;
        return (p->flags & ENF_BF_BOLD_ONLY) ? 0.6 : c->p.kind_mismatch;
    }
    int ce = e->kind == ENF_BLOCK_CODE, cz = z->kind == ENF_BLOCK_CODE;
    if (ce != cz)
        return 6.0;
    if (e->kind == ENF_BLOCK_HTML || z->kind == ENF_BLOCK_HTML)
        return e->kind == z->kind ? 0 : 1.0;
    double k = 0;
    if (((e->flags ^ z->flags) & ENF_BF_IMAGE_ONLY) != 0)
        k += 1.5;
    if (((e->flags ^ z->flags) & ENF_BF_TABLE) != 0)
        k += 1.0;
    if ((e->list_depth > 0) != (z->list_depth > 0))
        k += 0.3;
    return k;
}

double enf__kind_cost(const enf__bctx *c, const enf_block *e, const enf_block *z)
{
    return S_kind_cost(c, e, z);
}

/* A translator's note has no source block: never part of a merge. */
static int S_translator_note(const enf_block *b)
{
    static const char *const marks[] = {"译者注", "译注", "注：", "【译者注", "（译者注", NULL};
    /* the first byte first: most blocks (every English one) start with
     * none of the marks' */
    for (int k = 0; marks[k]; k++)
        if (b->text[0] == marks[k][0] && !strncmp(b->text, marks[k], strlen(marks[k])))
            return 1;
    return 0;
}

/* May blocks [i, i+n) be merged into one bead side?  Paragraphs of one
 * section and of one list (or none), each with some text; more than three
 * only inside one list; never a translator's note. */
/* Whether a block may be part of a merged run: a paragraph, line or HTML
 * block that is not a translator's note. */
static int S_mergeable_kind(const enf_block *x)
{
    return (x->kind == ENF_BLOCK_PARAGRAPH || x->kind == ENF_BLOCK_LINE ||
            x->kind == ENF_BLOCK_HTML) &&
           !S_translator_note(x);
}

/* run[i] = the largest n <= ENF__MAX_MERGE such that blocks i..i+n-1 may
 * merge, computed once so that the programme's inner loop does no string
 * work.  A run of two or more has blocks of a mergeable kind, none empty
 * (an empty block pairs alone or not at all), all in one list and one
 * section; a run of more than three only inside a list.  Grown a block at
 * a time, each checked against the one before. */
static int S_merge_runs(enf__bctx *c)
{
    for (int s = 0; s < 2; s++) {
        size_t n = c->n[s];
        const enf_block *b = c->doc[s]->blocks;
        c->run[s] = calloc(n + 1, sizeof(int));
        unsigned char *kind_ok = malloc(n + 1);
        if (!c->run[s] || !kind_ok) {
            free(kind_ok);
            return ENF_ENOMEM;
        }
        for (size_t i = 0; i < n; i++)
            kind_ok[i] = (unsigned char)S_mergeable_kind(&b[i]);
        for (size_t i = 0; i < n; i++) {
            int r = 1;
            if (kind_ok[i] && b[i].text_len)
                for (; r < ENF__MAX_MERGE && i + (size_t)r < n; r++) {
                    const enf_block *x = &b[i + (size_t)r], *p = x - 1;
                    if (!kind_ok[i + (size_t)r] || !x->text_len || x->list_id != p->list_id ||
                        x->section != p->section || (r + 1 > 3 && x->list_id == 0))
                        break;
                }
            c->run[s][i] = r;
        }
        free(kind_ok);
    }
    return ENF_OK;
}

/* Comparable lengths: an English block counts its visible characters; a
 * Chinese block counts its Latin text (code, names, numbers: kept as is)
 * plus its Han characters times the ratio calibrated on this pair, so a
 * code-heavy paragraph is not judged by the prose ratio. */
static int S_lengths(enf__bctx *c)
{
    double *han = NULL;
    for (int s = 0; s < 2; s++) {
        c->len[s] = calloc(c->n[s] + 1, sizeof(double));
        if (!c->len[s])
            return ENF_ENOMEM;
    }
    han = calloc(c->n[1] + 1, sizeof(double));
    if (!han)
        return ENF_ENOMEM;
    double te = 0, tzh = 0, tzo = 0;
    /* what enf__count_han counts, counted by the reader: Han characters and
     * CJK punctuation, and the other visible characters */
    for (size_t i = 0; i < c->n[0]; i++) {
        const enf_block *b = &c->doc[0]->blocks[i];
        double h = (double)b->n_han + b->n_cjk_punct, o = (double)b->n_visible - h;
        c->len[0][i] = h + o;
        if (b->kind != ENF_BLOCK_CODE)
            te += h + o;
    }
    for (size_t j = 0; j < c->n[1]; j++) {
        const enf_block *b = &c->doc[1]->blocks[j];
        han[j] = (double)b->n_han + b->n_cjk_punct;
        double o = (double)b->n_visible - han[j];
        c->len[1][j] = o;
        if (b->kind != ENF_BLOCK_CODE) {
            tzh += han[j];
            tzo += o;
        }
    }
    /* shrink towards the ratio fitted on the hfblog pairs (English visible
     * characters per Han character: median and pooled 2.73, range 1.8-3.2;
     * docs/aligner.md) so that short documents do not calibrate on noise */
    double k = (te - tzo + S_PRIOR_RATIO * S_PRIOR_HAN) / (tzh + S_PRIOR_HAN);
    if (k < 1.0)
        k = 1.0;
    if (k > 8.0)
        k = 8.0;
    c->ratio = k;
    for (size_t j = 0; j < c->n[1]; j++)
        c->len[1][j] += k * han[j];
    free(han);
    return ENF_OK;
}

/* Does an English text have a full stop, ! or ? followed by a space? */
static int S_inner_stop(const char *t, size_t n)
{
    /* eight bytes at a time, to the stops among them (a byte of x ^ c is
     * zero exactly when its top bit is clear in (low 7 bits + 0x7F) | it;
     * the lowest bit is the first byte on a little-endian machine) */
    const uint64_t lo7 = 0x7F7F7F7F7F7F7F7Full, ones = 0x0101010101010101ull;
    size_t k = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; k + 8 < n; k += 8) {
        uint64_t x, stop = 0;
        memcpy(&x, t + k, 8);
        for (int c = 0; c < 3; c++) {
            uint64_t y = x ^ (ones * (unsigned char)".!?"[c]);
            stop |= ~(((y & lo7) + lo7) | y) & ~lo7;
        }
        /* k + 8 < n: the byte after each is in the text */
        for (; stop; stop &= stop - 1) {
            char next = t[k + (size_t)(__builtin_ctzll(stop) >> 3) + 1];
            if (next == ' ' || next == '\n')
                return 1;
        }
    }
#endif
    for (; k + 1 < n; k++)
        if ((t[k] == '.' || t[k] == '!' || t[k] == '?') && (t[k + 1] == ' ' || t[k + 1] == '\n'))
            return 1;
    return 0;
}

/* Sentences per block: translation keeps them more often than not, which
 * tells a paragraph split in two from a paragraph plus an added one.
 * Whole numbers only: align_row.c sums a run's as integers. */
static int S_sentences(enf__bctx *c, enf_error *err)
{
    for (int s = 0; s < 2; s++) {
        c->sents[s] = calloc(c->n[s] + 1, sizeof(float));
        if (!c->sents[s])
            return ENF_ENOMEM;
        for (size_t i = 0; i < c->n[s]; i++) {
            const enf_block *b = &c->doc[s]->blocks[i];
            if (b->kind == ENF_BLOCK_CODE || b->text_len == 0)
                continue;
            if (s == 0 && !S_inner_stop(b->text, b->text_len)) {
                c->sents[s][i] = 1;  /* one sentence: spare ICU the work */
                continue;
            }
            size_t n = 0;
            int lang = s ? ENF_LANG_ZH : ENF_LANG_EN, rc;
            if (c->doc[s]->align_only) {
                /* aligned once (enface align): counted, not kept */
                rc = enf__count_sentences(b->text, b->text_len, lang, &n, err);
            } else {
                /* cut once per Doc: corpus.c asks for the same sentences;
                 * the segmenter's own message (ICU) reaches the caller */
                const enf_span *sp = NULL;
                rc = enf_doc_sentences(c->doc[s], i, lang, &sp, &n, err);
            }
            if (rc)
                return rc;
            c->sents[s][i] = (float)n;
        }
    }
    return ENF_OK;
}

/* Which blocks end with a colon (: or ：): what introduces a list, code or
 * a figure does so in both languages. */
static int S_colons(enf__bctx *c)
{
    for (int s = 0; s < 2; s++) {
        c->colon[s] = calloc(c->n[s] + 1, 1);
        if (!c->colon[s])
            return ENF_ENOMEM;
        for (size_t i = 0; i < c->n[s]; i++) {
            const enf_block *b = &c->doc[s]->blocks[i];
            size_t n = b->text_len;
            while (n > 0 && (b->text[n - 1] == ' ' || b->text[n - 1] == '\n'))
                n--;
            if (b->kind == ENF_BLOCK_CODE || n == 0)
                continue;
            c->colon[s][i] = b->text[n - 1] == ':' ||
                             (n >= 3 && !memcmp(b->text + n - 3, "\xef\xbc\x9a", 3));
        }
    }
    return ENF_OK;
}

/* Cost of the bead en[i, i+ni) : zh[j, j+nj); once the cheap terms reach
 * bound, returns early (the caller only needs to know it lost). */
double enf__bead_cost(const enf__bctx *c, size_t i, int ni, size_t j, int nj, float *asim,
                          float *lratio, double bound)
{
    const enf__bparams *p = &c->p;
    *asim = -1;
    *lratio = 0;
    if (ni == 0 || nj == 0) {
        int side = ni ? 0 : 1;
        size_t k = ni ? i : j;
        const enf__bset *set = &c->sets[side][k];
        double cost = p->skip;
        if (set->weight > 0)
            cost += p->skip_anchored * (set->weight / (set->weight + 2.0));
        return cost;
    }
    if ((ni > 1 && c->run[0][i] < ni) || (nj > 1 && c->run[1][j] < nj))
        return ENF__INF;
    /* a list flattened into one block: that block is not a list item */
    if ((ni > 2 && c->doc[1]->blocks[j].list_depth > 0) ||
        (nj > 2 && c->doc[0]->blocks[i].list_depth > 0))
        return ENF__INF;
    double cost = 0;
    /* structure: compare first blocks; merged sides are paragraphs */
    cost += enf__kind_cost(c, &c->doc[0]->blocks[i], &c->doc[1]->blocks[j]);
    if (ni > 1 || nj > 1) {
        if (ni > 1 && nj > 1)
            cost += p->merge22;
        else {
            int m = ni > nj ? ni : nj;
            cost += p->merge2 + (m > 2 ? p->merge_n * (m - 2) : 0);
        }
    }
    /* evidence terms count per block, so that merging saves nothing by
     * itself: a merge wins only when the merged sides agree better */
    double per = (ni + nj) / 2.0;
    double le = enf__run_len(c, 0, i, ni), lz = enf__run_len(c, 1, j, nj);
    /* as a difference of logs: align_row.c keeps each run's log */
    double d = fabs(log(lz + 8.0) - log(le + 8.0));
    *lratio = (float)((lz + 1.0) / (le + 1.0));
    if (d > p->length_cap)
        d = p->length_cap;
    cost += per * p->w_length * d;
    if (p->w_sent > 0 && c->sents[0]) {
        double se = enf__run_sum(c->sents[0], i, ni), sz = enf__run_sum(c->sents[1], j, nj);
        if (se > 0 && sz > 0)
            cost += per * p->w_sent * fabs(log((sz + 1.0) / (se + 1.0)));
    }
    if (c->colon[0] && c->colon[0][i + (size_t)ni - 1] != c->colon[1][j + (size_t)nj - 1])
        cost += p->w_colon;
    if (cost >= bound)
        return cost;
    double wsum;
    double sim = enf__anchor_sim(c, i, ni, j, nj, &wsum);
    if (sim >= 0 && (ni > 1 || nj > 1)) {
        /* pooled similarity alone favours merging: every member of a merged
         * side that has anchors must find them on the other side */
        double worst = 1.0;
        for (int k = 0; k < ni + nj; k++) {
            int en_side = k < ni;
            size_t b = en_side ? i + (size_t)k : j + (size_t)(k - ni);
            if ((en_side ? ni : nj) < 2 || c->sets[en_side ? 0 : 1][b].n == 0)
                continue;
            double ws;
            double m = en_side ? enf__anchor_sim(c, b, 1, j, nj, &ws) : enf__anchor_sim(c, i, ni, b, 1, &ws);
            if (m >= 0 && m < worst)
                worst = m;
        }
        sim = 0.5 * (sim + worst);
    }
    return cost + enf__evidence_cost(c, i, ni, j, nj, per, sim, asim);
}

/* The sentence aligner's lexical similarity, over blocks instead of
 * sentences (code blocks count as empty text). */
static int S_lexical(enf__bctx *c, const enf_lexicon *lx, enf_error *err)
{
    const char **t[2] = {NULL, NULL};
    size_t *l[2] = {NULL, NULL};
    int rc = ENF_OK;
    for (int s = 0; s < 2; s++) {
        t[s] = malloc((c->n[s] + 1) * sizeof *t[s]);
        l[s] = malloc((c->n[s] + 1) * sizeof *l[s]);
        if (!t[s] || !l[s]) {
            rc = enf_error_set(err, ENF_ENOMEM, "out of memory while aligning");
            goto out;
        }
        for (size_t i = 0; i < c->n[s]; i++) {
            const enf_block *b = &c->doc[s]->blocks[i];
            t[s][i] = b->kind == ENF_BLOCK_CODE ? "" : b->text;
            l[s][i] = b->kind == ENF_BLOCK_CODE ? 0 : b->text_len;
        }
    }
    enf_sent_opts so;
    enf_sent_opts_init(&so);
    rc = enf_sent_aligner_new(lx, &so, t[0], l[0], c->n[0], t[1], l[1], c->n[1], &c->lex, err);
out:
    for (int s = 0; s < 2; s++) {
        free(t[s]);
        free(l[s]);
    }
    return rc;
}

int enf__bctx_init(enf__bctx *c, const enf_doc *en, const enf_doc *zh, const enf_align_opts *opts,
                   enf_error *err)
{
    memset(c, 0, sizeof *c);
    c->doc[0] = en;
    c->doc[1] = zh;
    c->n[0] = en->n_blocks;
    c->n[1] = zh->n_blocks;
    c->p = S_default_params;
    if (opts && opts->params && S_parse_params(&c->p, opts->params, err))
        return ENF_EUSAGE;
    if (S_build_anchor_sets(c) || S_lengths(c) || S_merge_runs(c))
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory while aligning", en->name);
    int rc = c->p.w_sent > 0 ? S_sentences(c, err) : ENF_OK;
    if (rc == ENF_OK && c->p.w_colon > 0 && S_colons(c))
        rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory while aligning", en->name);
    if (rc == ENF_OK && opts && opts->lexicon)
        rc = S_lexical(c, opts->lexicon, err);
    return rc;
}

void enf__bctx_free(enf__bctx *c)
{
    for (int s = 0; s < 2; s++) {
        free(c->len[s]);
        free(c->sents[s]);
        free(c->colon[s]);
        free(c->run[s]);
        free(c->sets[s]);
    }
    enf_sent_aligner_free(c->lex);
    free(c->w);
    free(c->miss);
    free(c->pool);
    free(c->table.v);
    free(c->table.slots);
    memset(c, 0, sizeof *c);
}
