/* align_cost.c — the block aligner's cost model: what each block brings
 * (anchors weighted by rarity, a comparable length, sentence count, a final
 * colon, how far it may merge with its neighbours) and the cost of a bead
 * built from them: structure, anchors or dictionary evidence, length,
 * sentences, colons and merge priors.  docs/aligner.md explains each term;
 * the search over beads is in align_blocks.c. */
#include "align_internal.h"
#include "model_internal.h"

#include <math.h>
#include <stddef.h>
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
    size_t k = a->hash & (t->nslots - 1);
    for (; t->slots[k]; k = (k + 1) & (t->nslots - 1)) {
        enf__banchor *e = &t->v[t->slots[k] - 1];
        if (e->hash == a->hash && e->kind == (int)a->kind && strcmp(e->value, a->value) == 0)
            return (long)(t->slots[k] - 1);
    }
    enf__banchor *e = &t->v[t->n];
    e->hash = a->hash;
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

#define S_UNION_MAX 512   /* ids of one bead side that are compared */

static int S_build_anchor_sets(enf__bctx *c)
{
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < c->n[s]; i++) {
            const enf_block *b = &c->doc[s]->blocks[i];
            for (size_t k = 0; k < b->n_anchors; k++) {
                long id = S_table_find_or_add(&c->table, &b->anchors[k]);
                if (id < 0)
                    return ENF_ENOMEM;
                enf__banchor *e = &c->table.v[id];
                if (e->first[s] < 0)
                    e->first[s] = (int)i;
                e->count[s]++;  /* anchors are unique within a block */
            }
        }
    size_t na = c->table.n;
    c->w = calloc(na ? na : 1, sizeof *c->w);
    c->miss = calloc(na ? na : 1, sizeof *c->miss);
    size_t total = 0;
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < c->n[s]; i++)
            total += c->doc[s]->blocks[i].n_anchors;
    c->pool = malloc((total ? total : 1) * sizeof *c->pool);
    c->sets[0] = calloc(c->n[0] + 1, sizeof(enf__bset));
    c->sets[1] = calloc(c->n[1] + 1, sizeof(enf__bset));
    if (!c->w || !c->miss || !c->pool || !c->sets[0] || !c->sets[1])
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
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < c->n[s]; i++) {
            const enf_block *b = &c->doc[s]->blocks[i];
            enf__bset *set = &c->sets[s][i];
            set->ids = p;
            for (size_t k = 0; k < b->n_anchors; k++) {
                long id = S_table_find_or_add(&c->table, &b->anchors[k]);
                if (c->w[id] > 0) {
                    p[set->n++] = (int)id;
                    if (c->table.v[id].count[0] && c->table.v[id].count[1])
                        set->weight += c->w[id];
                }
            }
            qsort(set->ids, (size_t)set->n, sizeof(int), S_cmp_int);
            for (int k = 0; k < set->n && k < S_UNION_MAX; k++)
                set->sig |= 1ull << ((uint32_t)set->ids[k] * 0x9E3779B1u >> 26);
            p += set->n;
        }
    return ENF_OK;
}

/* Weighted Dice of two sorted id lists (either may repeat an id: a run's
 * lists concatenated); *wsum = the weight seen. */
static double S_dice(const enf__bctx *c, const int *A, int na, const int *B, int nb, double *wsum)
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

/* S_dice for lists without repeats (a block's set, a merged run): the
 * same sums in the same order, without the sentinels. */
static double S_dice_unique(const enf__bctx *c, const int *A, int na, const int *B, int nb)
{
    double wa = 0, wb = 0, shared = 0;
    const double *w = c->w, *miss = c->miss;
    int x = 0, y = 0;
    while (x < na && y < nb) {
        int va = A[x], vb = B[y];
        if (va == vb) {
            shared += w[va];
            wa += w[va];
            wb += w[va];
            x++;
            y++;
        } else if (va < vb) {
            wa += miss[va];
            x++;
        } else {
            wb += miss[vb];
            y++;
        }
    }
    while (x < na)
        wa += miss[A[x++]];
    while (y < nb)
        wb += miss[B[y++]];
    if (wa + wb <= 0)
        return -1;
    return 2 * shared / (wa + wb);
}

/* The ids of a run's sets, as enf__anchor_sim compares them: the first
 * S_UNION_MAX of their concatenation, sorted. */
static int S_run_ids(const enf__bctx *c, int side, size_t start, int cnt, int *buf)
{
    int nn = 0;
    for (int k = 0; k < cnt; k++) {
        const enf__bset *set = &c->sets[side][start + (size_t)k];
        for (int q = 0; q < set->n && nn < S_UNION_MAX; q++)
            buf[nn++] = set->ids[q];
    }
    if (cnt > 1)
        qsort(buf, (size_t)nn, sizeof(int), S_cmp_int);
    return nn;
}

/* Weighted Dice of the anchor sets of two runs of blocks. */
double enf__anchor_sim(const enf__bctx *c, size_t i, int ni, size_t j, int nj, double *wsum)
{
    int bufA[S_UNION_MAX], bufB[S_UNION_MAX];
    int na = S_run_ids(c, 0, i, ni, bufA), nb = S_run_ids(c, 1, j, nj, bufB);
    return S_dice(c, bufA, na, bufB, nb, wsum);
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
    for (int k = 0; marks[k]; k++)
        if (!strncmp(b->text, marks[k], strlen(marks[k])))
            return 1;
    return 0;
}

/* May blocks [i, i+n) be merged into one bead side?  Paragraphs of one
 * section and of one list (or none), each with some text; more than three
 * only inside one list; never a translator's note. */
static int S_mergeable(const enf_doc *d, size_t i, int n)
{
    const enf_block *b = d->blocks;
    for (int k = 0; k < n; k++) {
        const enf_block *x = &b[i + (size_t)k];
        if ((x->kind != ENF_BLOCK_PARAGRAPH && x->kind != ENF_BLOCK_LINE &&
             x->kind != ENF_BLOCK_HTML) ||
            S_translator_note(x))
            return 0;
        if (n > 1 && x->text_len == 0)
            return 0;  /* an empty block pairs alone or not at all */
        if (k > 0) {
            const enf_block *p = &b[i + (size_t)k - 1];
            if (x->list_id != p->list_id || x->section != p->section)
                return 0;
            if (n > 3 && x->list_id == 0)
                return 0;  /* long merges only inside one list */
        }
    }
    return 1;
}

/* run[i] = the largest n <= ENF__MAX_MERGE with S_mergeable(i, n), computed
 * once so that the programme's inner loop does no string work. */
static int S_merge_runs(enf__bctx *c)
{
    for (int s = 0; s < 2; s++) {
        size_t n = c->n[s];
        c->run[s] = calloc(n + 1, sizeof(int));
        if (!c->run[s])
            return ENF_ENOMEM;
        for (size_t i = 0; i < n; i++) {
            int r = 1;
            while (r < ENF__MAX_MERGE && i + (size_t)r < n && S_mergeable(c->doc[s], i, r + 1))
                r++;
            c->run[s][i] = S_mergeable(c->doc[s], i, 1) ? r : 1;
        }
    }
    return ENF_OK;
}

static double S_len(const enf__bctx *c, int side, size_t i, int n)
{
    double t = 0;
    for (int k = 0; k < n; k++)
        t += c->len[side][i + (size_t)k];
    return t;
}

/* Han characters and other visible characters of a text. */
static void S_count(const char *t, size_t n, double *han, double *other)
{
    *han = *other = 0;
    for (size_t i = 0; i < n;) {
        int adv;
        int cp = enf__utf8_decode(t + i, n - i, &adv);
        if (enf__is_han(cp) || enf__is_cjk_punct(cp))
            *han += 1;
        else if (cp > ' ')
            *other += 1;
        i += (size_t)adv;
    }
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
    for (size_t i = 0; i < c->n[0]; i++) {
        const enf_block *b = &c->doc[0]->blocks[i];
        double h, o;
        S_count(b->text, b->text_len, &h, &o);
        c->len[0][i] = h + o;
        if (b->kind != ENF_BLOCK_CODE)
            te += h + o;
    }
    for (size_t j = 0; j < c->n[1]; j++) {
        const enf_block *b = &c->doc[1]->blocks[j];
        double o;
        S_count(b->text, b->text_len, &han[j], &o);
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
    for (size_t k = 0; k + 1 < n; k++)
        if ((t[k] == '.' || t[k] == '!' || t[k] == '?') && (t[k + 1] == ' ' || t[k + 1] == '\n'))
            return 1;
    return 0;
}

/* Sentences per block: translation keeps them more often than not, which
 * tells a paragraph split in two from a paragraph plus an added one. */
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
            const enf_span *sp = NULL;
            size_t n = 0;
            /* cut once per Doc: corpus.c asks for the same sentences; the
             * segmenter's own message (ICU) reaches the caller */
            int rc = enf_doc_sentences(c->doc[s], i, s ? ENF_LANG_ZH : ENF_LANG_EN, &sp, &n, err);
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

static double S_sum(const float *v, size_t i, int n)
{
    double t = 0;
    for (int k = 0; k < n; k++)
        t += v[i + (size_t)k];
    return t;
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
    double le = S_len(c, 0, i, ni), lz = S_len(c, 1, j, nj);
    double d = fabs(log((lz + 8.0) / (le + 8.0)));
    *lratio = (float)((lz + 1.0) / (le + 1.0));
    if (d > p->length_cap)
        d = p->length_cap;
    cost += per * p->w_length * d;
    if (p->w_sent > 0 && c->sents[0]) {
        double se = S_sum(c->sents[0], i, ni), sz = S_sum(c->sents[1], j, nj);
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
    if (sim < 0 && c->lex && ni <= 4 && nj <= 4) {
        /* no anchors: the dictionary says whether the texts agree */
        double lex;
        if (enf_sent_aligner_similarity(c->lex, i, ni, j, nj, &lex)) {
            lex = lex < 0 ? 0 : lex > 1 ? 1 : lex;
            return cost + per * p->w_lex * (1.0 - lex);
        }
    }
    if (sim < 0)
        cost += per * p->no_anchor;
    else {
        cost += per * p->w_anchor * (1.0 - sim);
        *asim = (float)sim;
    }
    return cost;
}

/* ---- the programme's cells
 * enf__cell gives every cell the cost and shape the loop over
 * enf__bead_cost did, bit for bit, without redoing per cell what depends
 * on one block or one run: the 1-0 and 0-1 costs, the sorted anchor ids
 * of a merged run (merged once, not rebuilt and sorted per cell), the 1-1
 * similarities that the "worst member" term asks for again.  A shape that
 * cannot win is dropped as soon as the terms summed so far reach the
 * cell's best: every later term adds a non-negative amount (checked on
 * the weights), so the full cost could not be lower. */

const signed char enf__shapes[ENF__NSHAPES][2] = {
    {1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 2},
    {3, 1}, {1, 3}, {4, 1}, {1, 4}, {5, 1}, {1, 5}, {6, 1}, {1, 6}, {7, 1}, {1, 7}, {8, 1}, {1, 8},
};

typedef struct {
    long start;    /* first block of the run; -1 = empty slot */
    int n, cap;
    int unique;    /* no id twice (else: cut and sorted as enf__anchor_sim does) */
    int *v;        /* sorted ids, as enf__anchor_sim would compare them */
    uint64_t sig;  /* when unique: the members' enf__bset.sig together */
} S_ids;

#define S_LOGS 32  /* sentence counts whose log ratios are tabled */
#define S_ROWS 16  /* English blocks whose 1-1 similarities are kept (> ENF__MAX_MERGE) */

/* What S_kind_cost and the list test of S_cost read of a block, as one
 * byte: a heading is 64 + 2 * its level (0..7) + whether it is in a list;
 * any other block its kind less one (2 bits: paragraph, code, HTML, line)
 * and whether it is bold only, image only, a table, in a list (4 bits). */
#define S_NCLS 80

static unsigned char S_kind_class(const enf_block *b)
{
    unsigned list = b->list_depth > 0;
    if (b->kind == ENF_BLOCK_HEADING)
        return (unsigned char)(64 + 2 * (b->level < 0 ? 0 : b->level > 7 ? 7 : b->level) + list);
    return (unsigned char)(((unsigned)b->kind - 1u) << 4 | (b->flags & ENF_BF_BOLD_ONLY ? 1u : 0u) |
                           (b->flags & ENF_BF_IMAGE_ONLY ? 2u : 0u) |
                           (b->flags & ENF_BF_TABLE ? 4u : 0u) | list << 3);
}

static int S_class_in_list(unsigned k)
{
    return k >= 64 ? (k & 1u) : (k & 8u) != 0;
}

/* A block of class k, with only what S_kind_cost reads set. */
static enf_block S_class_block(unsigned k)
{
    enf_block b = {0};
    b.list_depth = S_class_in_list(k);
    if (k >= 64) {
        b.kind = ENF_BLOCK_HEADING;
        b.level = (int)(k - 64) / 2;
        return b;
    }
    b.kind = (enf_block_kind)((k >> 4) + 1);
    b.flags = (k & 1u ? ENF_BF_BOLD_ONLY : 0) | (k & 2u ? ENF_BF_IMAGE_ONLY : 0) |
              (k & 4u ? ENF_BF_TABLE : 0);
    return b;
}

struct enf__cells {
    double *skip[2];            /* cost of leaving each block unpaired */
    double prior[ENF__NSHAPES]; /* merge prior of each shape */
    int prune;                  /* every term after the priors is >= 0 */
    S_ids eruns[ENF__MAX_MERGE + 1];   /* English runs, by length */
    S_ids *zruns;               /* Chinese runs: [(start & mask) * (MAX+1) + length] */
    size_t mask;                /* columns kept - 1 (a power of 2 minus 1) */
    long row_b[S_ROWS];         /* English block of each row of s11 (-1 none) */
    long *s11_z;                /* [row * (mask+1) + (z & mask)]: Chinese block, -1 none */
    double *s11;                /* its similarity */
    double logs[S_LOGS * S_LOGS];
    uint32_t *col;              /* per Chinese column j: bit s set when shape s
                                   can end there (its run starts at j - nj >= 0
                                   and the blocks merge) */
    unsigned char *kcls[2];     /* per block: its class for S_kind_cost */
    double kc[S_NCLS * S_NCLS]; /* S_kind_cost of an English and a Chinese class */
};

static int S_ids_fill(const enf__bctx *c, int side, size_t start, int cnt, S_ids *u)
{
    size_t total = 0;
    for (int k = 0; k < cnt; k++)
        total += (size_t)c->sets[side][start + (size_t)k].n;
    size_t need = total < S_UNION_MAX ? total : S_UNION_MAX;
    if ((size_t)u->cap < need || !u->v) {
        int *nv = realloc(u->v, (need ? need : 1) * sizeof *nv);
        if (!nv)
            return -1;
        u->v = nv;
        u->cap = (int)(need ? need : 1);
    }
    u->start = (long)start;
    if (total > S_UNION_MAX) {
        /* cut as enf__anchor_sim cuts it */
        u->n = S_run_ids(c, side, start, cnt, u->v);
        u->unique = 0;
        return 0;
    }
    /* merge the sorted lists, each id once (the Dice counts each once) */
    const enf__bset *S = &c->sets[side][start];
    int pos[ENF__MAX_MERGE] = {0};
    int n = 0;
    for (;;) {
        int best = -1;
        for (int k = 0; k < cnt; k++)
            if (pos[k] < S[k].n && (best < 0 || S[k].ids[pos[k]] < best))
                best = S[k].ids[pos[k]];
        if (best < 0)
            break;
        for (int k = 0; k < cnt; k++)
            if (pos[k] < S[k].n && S[k].ids[pos[k]] == best)
                pos[k]++;
        u->v[n++] = best;
    }
    u->n = n;
    u->unique = 1;
    u->sig = 0;
    for (int k = 0; k < cnt; k++)
        u->sig |= S[k].sig;
    return 0;
}

/* The ids of en[start, start+cnt) (side 0) or zh[...] (side 1); NULL on
 * out of memory. */
static const S_ids *S_run(const enf__bctx *c, enf__cells *x, int side, size_t start, int cnt)
{
    S_ids *u = side ? &x->zruns[(start & x->mask) * (ENF__MAX_MERGE + 1) + (size_t)cnt]
                    : &x->eruns[cnt];
    if (u->start == (long)start && u->v)
        return u;
    return S_ids_fill(c, side, start, cnt, u) ? NULL : u;
}

static inline int S_set_n(const enf__bset *s)
{
    return s->n < S_UNION_MAX ? s->n : S_UNION_MAX;
}

/* enf__anchor_sim(c, b, 1, z, 1), kept for the rows of the band in use. */
static double S_sim11(const enf__bctx *c, enf__cells *x, size_t b, size_t z)
{
    size_t r = b % S_ROWS, w = x->mask + 1;
    if (x->row_b[r] != (long)b) {
        for (size_t k = 0; k < w; k++)
            x->s11_z[r * w + k] = -1;
        x->row_b[r] = (long)b;
    }
    size_t k = r * w + (z & x->mask);
    if (x->s11_z[k] == (long)z)
        return x->s11[k];
    const enf__bset *A = &c->sets[0][b], *B = &c->sets[1][z];
    /* most pairs of the band share no anchor: then the Dice is 0, or
     * undefined without any (every id of a set has a weight above 0, so
     * the sums S_dice_unique would make are above 0 when a set is not
     * empty), with no merge of the lists */
    double v = !(A->sig & B->sig) ? (A->n || B->n ? 0.0 : -1)
                                  : S_dice_unique(c, A->ids, S_set_n(A), B->ids, S_set_n(B));
    x->s11_z[k] = (long)z;
    x->s11[k] = v;
    return v;
}

/* enf__anchor_sim(c, i, ni, j, nj, .) from the kept runs; -2 on out of
 * memory (the caller then asks enf__anchor_sim itself). */
static double S_sim(const enf__bctx *c, enf__cells *x, size_t i, int ni, size_t j, int nj)
{
    if (ni == 1 && nj == 1)
        return S_sim11(c, x, i, j);
    const int *A, *B;
    int na, nb, unique = 1;
    uint64_t sa, sb;
    if (ni == 1) {
        A = c->sets[0][i].ids;
        na = S_set_n(&c->sets[0][i]);
        sa = c->sets[0][i].sig;
    } else {
        const S_ids *u = S_run(c, x, 0, i, ni);
        if (!u)
            return -2;
        A = u->v;
        na = u->n;
        unique &= u->unique;
        sa = u->sig;
    }
    if (nj == 1) {
        B = c->sets[1][j].ids;
        nb = S_set_n(&c->sets[1][j]);
        sb = c->sets[1][j].sig;
    } else {
        const S_ids *u = S_run(c, x, 1, j, nj);
        if (!u)
            return -2;
        B = u->v;
        nb = u->n;
        unique &= u->unique;
        sb = u->sig;
    }
    if (unique && !(sa & sb))   /* no id in common: as in S_sim11 */
        return na || nb ? 0.0 : -1;
    double ws;
    return unique ? S_dice_unique(c, A, na, B, nb) : S_dice(c, A, na, B, nb, &ws);
}

static double S_sim_or_exact(const enf__bctx *c, enf__cells *x, size_t i, int ni, size_t j, int nj)
{
    double v = S_sim(c, x, i, ni, j, nj);
    if (v == -2) {
        double ws;
        v = enf__anchor_sim(c, i, ni, j, nj, &ws);
    }
    return v;
}

void enf__cells_free(enf__cells *x)
{
    if (!x)
        return;
    for (int s = 0; s < 2; s++)
        free(x->skip[s]);
    for (int n = 0; n <= ENF__MAX_MERGE; n++)
        free(x->eruns[n].v);
    if (x->zruns)
        for (size_t k = 0; k < (x->mask + 1) * (ENF__MAX_MERGE + 1); k++)
            free(x->zruns[k].v);
    free(x->zruns);
    free(x->s11_z);
    free(x->s11);
    free(x->col);
    free(x->kcls[0]);
    free(x->kcls[1]);
    free(x);
}

int enf__cells_new(const enf__bctx *c, long width, enf__cells **out)
{
    const enf__bparams *p = &c->p;
    enf__cells *x = calloc(1, sizeof *x);
    *out = NULL;
    if (!x)
        return ENF_ENOMEM;
    size_t w = 64;
    while (w < (size_t)width + 2 * ENF__MAX_MERGE + 2)
        w *= 2;
    x->mask = w - 1;
    x->zruns = calloc(w * (ENF__MAX_MERGE + 1), sizeof *x->zruns);
    x->s11_z = malloc(S_ROWS * w * sizeof *x->s11_z);
    x->s11 = malloc(S_ROWS * w * sizeof *x->s11);
    for (int s = 0; s < 2; s++)
        x->skip[s] = malloc((c->n[s] + 1) * sizeof(double));
    x->col = malloc((c->n[1] + 1) * sizeof *x->col);
    for (int s = 0; s < 2; s++)
        x->kcls[s] = malloc(c->n[s] + 1);
    if (!x->zruns || !x->s11_z || !x->s11 || !x->skip[0] || !x->skip[1] || !x->col || !x->kcls[0] ||
        !x->kcls[1]) {
        enf__cells_free(x);
        return ENF_ENOMEM;
    }
    for (size_t k = 0; k < w * (ENF__MAX_MERGE + 1); k++)
        x->zruns[k].start = -1;
    for (int n = 0; n <= ENF__MAX_MERGE; n++)
        x->eruns[n].start = -1;
    for (int r = 0; r < S_ROWS; r++)
        x->row_b[r] = -1;
    for (int s = 0; s < 2; s++)
        for (size_t k = 0; k < c->n[s]; k++) {
            float a, l;
            x->skip[s][k] = s ? enf__bead_cost(c, 0, 0, k, 1, &a, &l, ENF__INF)
                              : enf__bead_cost(c, k, 1, 0, 0, &a, &l, ENF__INF);
        }
    for (int s = 0; s < ENF__NSHAPES; s++) {
        int ni = enf__shapes[s][0], nj = enf__shapes[s][1];
        double pr = 0;
        if (ni > 1 && nj > 1)
            pr = p->merge22;
        else if (ni > 1 || nj > 1) {
            int m = ni > nj ? ni : nj;
            pr = p->merge2 + (m > 2 ? p->merge_n * (m - 2) : 0);
        }
        x->prior[s] = pr;
    }
    /* the kind costs of every pair of classes, by S_kind_cost itself on a
     * block of each class: the same numbers, without the branches and the
     * two block loads per bead (kind 2 bits, level 0..7: all classes) */
    _Static_assert(ENF_BLOCK_HEADING == 0 && ENF_BLOCK_LINE == 4, "other kinds: 2 bits");
    for (int s = 0; s < 2; s++)
        for (size_t k = 0; k < c->n[s]; k++)
            x->kcls[s][k] = S_kind_class(&c->doc[s]->blocks[k]);
    for (unsigned a = 0; a < S_NCLS; a++)
        for (unsigned b = 0; b < S_NCLS; b++) {
            enf_block e = S_class_block(a), z = S_class_block(b);
            x->kc[a * S_NCLS + b] = S_kind_cost(c, &e, &z);
        }
    _Static_assert(ENF__NSHAPES <= 32, "a shape set is 32 bits");
    for (size_t j = 0; j <= c->n[1]; j++) {
        uint32_t m = 0;
        for (int s = 0; s < ENF__NSHAPES; s++) {
            size_t nj = (size_t)enf__shapes[s][1];
            if (nj <= j && (nj <= 1 || c->run[1][j - nj] >= (int)nj))
                m |= 1u << s;
        }
        x->col[j] = m;
    }
    for (int b = 0; b < S_LOGS; b++)
        for (int a = 0; a < S_LOGS; a++)
            x->logs[b * S_LOGS + a] = fabs(log(((double)b + 1.0) / ((double)a + 1.0)));
    x->prune = p->w_length >= 0 && p->length_cap >= 0 && p->w_sent >= 0 && p->w_colon >= 0 &&
               p->w_anchor >= 0 && p->no_anchor >= 0 && p->w_lex >= 0;
    *out = x;
    return ENF_OK;
}

/* |log((b + 1) / (a + 1))| for sentence counts a, b below S_LOGS, as the
 * cost computes it */
static double S_sent_log(const enf__cells *x, double se, double sz)
{
    if (se < S_LOGS && sz < S_LOGS && (double)(int)se == se && (double)(int)sz == sz)
        return x->logs[(int)sz * S_LOGS + (int)se];
    return fabs(log((sz + 1.0) / (se + 1.0)));
}

/* enf__bead_cost of shape s from (i, j) for a cell whose best so far is
 * cur, reached from a cell of cost base, the English side's length le and
 * sentences se given: the same value, or ENF__INF when the terms summed so
 * far show that base + the cost cannot be below cur. */
static inline double S_cost(const enf__bctx *c, enf__cells *x, int s, size_t i, size_t j,
                            double base, double cur, double le, double se)
{
    const enf__bparams *p = &c->p;
    int ni = enf__shapes[s][0], nj = enf__shapes[s][1];
    unsigned ke = x->kcls[0][i], kz = x->kcls[1][j];
    if ((ni > 2 && S_class_in_list(kz)) || (nj > 2 && S_class_in_list(ke)))
        return ENF__INF;
    double cost = 0;
    cost += x->kc[ke * S_NCLS + kz];
    if (ni > 1 || nj > 1)
        cost += x->prior[s];
    if (x->prune && base + cost >= cur)
        return ENF__INF;
    double per = (ni + nj) / 2.0;
    double lz = S_len(c, 1, j, nj);
    double d = fabs(log((lz + 8.0) / (le + 8.0)));
    if (d > p->length_cap)
        d = p->length_cap;
    cost += per * p->w_length * d;
    if (x->prune && base + cost >= cur)
        return ENF__INF;
    if (p->w_sent > 0 && c->sents[0]) {
        double sz = S_sum(c->sents[1], j, nj);
        if (se > 0 && sz > 0)
            cost += per * p->w_sent * S_sent_log(x, se, sz);
    }
    if (c->colon[0] && c->colon[0][i + (size_t)ni - 1] != c->colon[1][j + (size_t)nj - 1])
        cost += p->w_colon;
    if (cost >= cur - base)
        return cost;
    double sim = S_sim_or_exact(c, x, i, ni, j, nj);
    if (sim >= 0 && (ni > 1 || nj > 1)) {
        double worst = 1.0;
        for (int k = 0; k < ni + nj; k++) {
            int en_side = k < ni;
            size_t b = en_side ? i + (size_t)k : j + (size_t)(k - ni);
            if ((en_side ? ni : nj) < 2 || c->sets[en_side ? 0 : 1][b].n == 0)
                continue;
            double m = en_side ? S_sim_or_exact(c, x, b, 1, j, nj) : S_sim_or_exact(c, x, i, ni, b, 1);
            if (m >= 0 && m < worst)
                worst = m;
        }
        sim = 0.5 * (sim + worst);
    }
    if (sim < 0 && c->lex && ni <= 4 && nj <= 4) {
        double lex;
        if (enf_sent_aligner_similarity(c->lex, i, ni, j, nj, &lex)) {
            lex = lex < 0 ? 0 : lex > 1 ? 1 : lex;
            return cost + per * p->w_lex * (1.0 - lex);
        }
    }
    if (sim < 0)
        cost += per * p->no_anchor;
    else
        cost += per * p->w_anchor * (1.0 - sim);
    return cost;
}

void enf__row(const enf__bctx *c, enf__cells *x, long i, double *const *rows, const long *rlo,
              const long *rhi, unsigned char *bp)
{
    /* the English side of every shape ends at block i - 1 */
    int ok[ENF__MAX_MERGE + 1] = {0};
    double le[ENF__MAX_MERGE + 1] = {0}, se[ENF__MAX_MERGE + 1] = {0};
    for (int ni = 1; ni <= ENF__MAX_MERGE && ni <= i; ni++) {
        size_t pi = (size_t)(i - ni);
        ok[ni] = rows[ni] && (ni == 1 || c->run[0][pi] >= ni);
        if (ok[ni]) {
            le[ni] = S_len(c, 0, pi, ni);
            se[ni] = c->sents[0] ? S_sum(c->sents[0], pi, ni) : 0;
        }
    }
    /* the shapes this row can end, in shape order (the search keeps the
     * first of equal costs, so the order is the result's) */
    uint32_t row = 0;
    for (int s = 0; s < ENF__NSHAPES; s++) {
        int ni = enf__shapes[s][0];
        if (ni <= i && (!ni || ok[ni]))
            row |= 1u << s;
    }
    double *out = rows[0];
    for (long j = rlo[0]; j <= rhi[0]; j++) {
        double cur = (i == 0 && j == 0) ? 0 : ENF__INF;
        unsigned char best = 0;
        for (uint32_t m = row & x->col[j]; m; m &= m - 1) {
            int s = __builtin_ctz(m);   /* lowest first: shape order */
            int ni = enf__shapes[s][0], nj = enf__shapes[s][1];
            long pi = i - ni, pj = j - nj;
            if (pj < rlo[ni] || pj > rhi[ni])
                continue;
            double b = rows[ni][pj - rlo[ni]];
            if (b >= ENF__INF)
                continue;
            double v = ni == 0   ? x->skip[1][pj]
                       : nj == 0 ? x->skip[0][pi]
                                 : S_cost(c, x, s, (size_t)pi, (size_t)pj, b, cur, le[ni], se[ni]);
            if (b + v < cur) {
                cur = b + v;
                best = (unsigned char)(s + 1);
            }
        }
        out[j - rlo[0]] = cur;
        bp[j - rlo[0]] = best;
    }
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
