/* align_blocks.c — the block aligner: Doc x Doc -> Alignment.
 * A dynamic programme over beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2 and n-1/1-n
 * for a list flattened into one paragraph) whose cost combines structure
 * (kinds, heading levels, list membership), anchors shared by both files
 * weighted by rarity, and a length ratio calibrated on the pair itself.
 * Anchors unique to one block on each side pin the path, so the programme
 * runs in a band around it: time grows linearly with document length. */
#include "enface.h"
#include "internal.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Weights, tuned on the tuning half of the gold (tests/data/gold). */
typedef struct {
    double w_anchor;      /* cost of no anchor agreement */
    double w_length;      /* per unit of |log length ratio| */
    double length_cap;    /* |log ratio| above this costs no more */
    double no_anchor;     /* anchor cost when neither side has shared anchors */
    double skip;          /* cost of a 1-0 or 0-1 bead */
    double skip_anchored; /* extra when the block's anchors occur on the other side */
    double merge2;        /* prior of 2-1 and 1-2 */
    double merge22;       /* prior of 2-2 */
    double merge_n;       /* per extra block of an n-1 merge, n >= 3 */
    double kind_mismatch; /* paragraph vs heading that is not bold-only */
    double w_lex;         /* cost of no lexical agreement, blocks without anchors */
    double w_sent;        /* per unit of |log sentence-count ratio| */
    double w_colon;       /* one side ends with a colon, the other not */
} S_params;

static const S_params S_default_params = {
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

static const struct {
    const char *name;
    size_t off;
} S_param_names[] = {
#define S_P(n) {#n, offsetof(S_params, n)}
    S_P(w_anchor), S_P(w_length), S_P(length_cap), S_P(no_anchor), S_P(skip),
    S_P(skip_anchored), S_P(merge2), S_P(merge22), S_P(merge_n), S_P(kind_mismatch), S_P(w_lex), S_P(w_sent),
    S_P(w_colon),
#undef S_P
};

static int S_parse_params(S_params *p, const char *spec, enf_error *err)
{
    while (spec && *spec) {
        const char *eq = strchr(spec, '='), *end = strchr(spec, ',');
        if (!end)
            end = spec + strlen(spec);
        if (!eq || eq > end)
            return enf_error_set(err, ENF_EUSAGE, "align parameters: expected name=value in '%s'", spec);
        size_t k;
        for (k = 0; k < sizeof S_param_names / sizeof S_param_names[0]; k++)
            if (strlen(S_param_names[k].name) == (size_t)(eq - spec) &&
                !strncmp(S_param_names[k].name, spec, (size_t)(eq - spec)))
                break;
        if (k == sizeof S_param_names / sizeof S_param_names[0])
            return enf_error_set(err, ENF_EUSAGE, "align parameters: unknown name '%.*s'",
                                 (int)(eq - spec), spec);
        *(double *)((char *)p + S_param_names[k].off) = strtod(eq + 1, NULL);
        spec = *end ? end + 1 : end;
    }
    return ENF_OK;
}

#define S_MAX_MERGE 8
#define S_PRIOR_RATIO 2.73   /* English chars per Han char, fitted on hfblog */
#define S_PRIOR_HAN 300.0    /* weight of that prior, in Han characters */
#define S_INF 1e30

/* ---- shared anchors: ids and weights */

typedef struct {
    unsigned hash;
    int kind;
    const char *value;
    int count[2];     /* blocks containing it, per side */
    int first[2];     /* first block index per side */
} S_anchor_entry;

typedef struct {
    S_anchor_entry *v;
    size_t n, nslots;
    size_t *slots;
} S_anchor_table;

static long S_table_find_or_add(S_anchor_table *t, const enf_anchor *a)
{
    if (2 * (t->n + 1) >= t->nslots) {
        size_t ns = t->nslots ? t->nslots * 2 : 1024;
        size_t *nv = calloc(ns, sizeof *nv);
        S_anchor_entry *ne = realloc(t->v, ns / 2 * sizeof *ne);
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
        S_anchor_entry *e = &t->v[t->slots[k] - 1];
        if (e->hash == a->hash && e->kind == (int)a->kind && strcmp(e->value, a->value) == 0)
            return (long)(t->slots[k] - 1);
    }
    S_anchor_entry *e = &t->v[t->n];
    e->hash = a->hash;
    e->kind = (int)a->kind;
    e->value = a->value;
    e->count[0] = e->count[1] = 0;
    e->first[0] = e->first[1] = -1;
    t->slots[k] = ++t->n;
    return (long)(t->n - 1);
}

typedef struct {
    int *ids;        /* sorted ids of the anchors that carry weight */
    int n;
    double weight;   /* sum of the weights of those found in both files */
} S_bset;

typedef struct {
    const enf_doc *doc[2];
    size_t n[2];
    S_bset *sets[2];      /* per block */
    int *pool;
    double *w;            /* weight per anchor id */
    double *miss;         /* its weight when only one side of a bead has it */
    S_anchor_table table;
    double ratio;         /* English chars per Han character */
    double *len[2];       /* comparable length per block */
    float *sents[2];      /* sentences per block */
    unsigned char *colon[2]; /* block ends with a colon (introduces a list, code, a figure) */
    int *run[2];          /* longest mergeable run starting at each block */
    enf_sent_aligner *lex; /* lexical similarity of blocks, with a lexicon */
    S_params p;
} S_ctx;

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

static int S_build_anchor_sets(S_ctx *c)
{
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < c->n[s]; i++) {
            const enf_block *b = &c->doc[s]->blocks[i];
            for (size_t k = 0; k < b->n_anchors; k++) {
                long id = S_table_find_or_add(&c->table, &b->anchors[k]);
                if (id < 0)
                    return ENF_ENOMEM;
                S_anchor_entry *e = &c->table.v[id];
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
    c->sets[0] = calloc(c->n[0] + 1, sizeof(S_bset));
    c->sets[1] = calloc(c->n[1] + 1, sizeof(S_bset));
    if (!c->w || !c->miss || !c->pool || !c->sets[0] || !c->sets[1])
        return ENF_ENOMEM;
    double nblocks = (double)(c->n[0] + c->n[1]);
    for (size_t a = 0; a < na; a++) {
        S_anchor_entry *e = &c->table.v[a];
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
            S_bset *set = &c->sets[s][i];
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
            p += set->n;
        }
    return ENF_OK;
}

/* Weighted Dice of the anchor sets of two runs of blocks. */
static double S_anchor_sim(const S_ctx *c, size_t i, int ni, size_t j, int nj, double *wsum)
{
    /* union per side by merging sorted lists; runs are short (<= 8) */
    int bufA[512], bufB[512];
    int na = 0, nb = 0;
    const S_bset *A = c->sets[0], *B = c->sets[1];
    for (int side = 0; side < 2; side++) {
        int *buf = side ? bufB : bufA;
        int *nn = side ? &nb : &na;
        size_t start = side ? j : i;
        int cnt = side ? nj : ni;
        const S_bset *S = side ? B : A;
        for (int k = 0; k < cnt; k++) {
            const S_bset *set = &S[start + (size_t)k];
            for (int q = 0; q < set->n && *nn < 512; q++)
                buf[(*nn)++] = set->ids[q];
        }
        if (cnt > 1)
            qsort(buf, (size_t)*nn, sizeof(int), S_cmp_int);
    }
    double wa = 0, wb = 0, shared = 0;
    int x = 0, y = 0, last = -1;
    while (x < na || y < nb) {
        int va = x < na ? bufA[x] : 1 << 30, vb = y < nb ? bufB[y] : 1 << 30;
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

static double S_kind_cost(const S_ctx *c, const enf_block *e, const enf_block *z)
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

/* run[i] = the largest n <= S_MAX_MERGE with S_mergeable(i, n), computed
 * once so that the programme's inner loop does no string work. */
static int S_merge_runs(S_ctx *c)
{
    for (int s = 0; s < 2; s++) {
        size_t n = c->n[s];
        c->run[s] = calloc(n + 1, sizeof(int));
        if (!c->run[s])
            return ENF_ENOMEM;
        for (size_t i = 0; i < n; i++) {
            int r = 1;
            while (r < S_MAX_MERGE && i + (size_t)r < n && S_mergeable(c->doc[s], i, r + 1))
                r++;
            c->run[s][i] = S_mergeable(c->doc[s], i, 1) ? r : 1;
        }
    }
    return ENF_OK;
}

static double S_len(const S_ctx *c, int side, size_t i, int n)
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
        int cp = enf_utf8_decode(t + i, n - i, &adv);
        if (enf_is_han(cp) || enf_is_cjk_punct(cp))
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
static int S_lengths(S_ctx *c)
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
static int S_sentences(S_ctx *c)
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
            enf_span *sp = NULL;
            size_t n = 0;
            enf_error e = {0};
            if (enf_segment_sentences(b->text, b->text_len, s ? ENF_LANG_ZH : ENF_LANG_EN, &sp, &n, &e))
                return ENF_ENOMEM;
            free(sp);
            c->sents[s][i] = (float)n;
        }
    }
    return ENF_OK;
}

/* Which blocks end with a colon (: or ：): what introduces a list, code or
 * a figure does so in both languages. */
static int S_colons(S_ctx *c)
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
static double S_bead_cost(const S_ctx *c, size_t i, int ni, size_t j, int nj, float *asim,
                          float *lratio, double bound)
{
    const S_params *p = &c->p;
    *asim = -1;
    *lratio = 0;
    if (ni == 0 || nj == 0) {
        int side = ni ? 0 : 1;
        size_t k = ni ? i : j;
        const S_bset *set = &c->sets[side][k];
        double cost = p->skip;
        if (set->weight > 0)
            cost += p->skip_anchored * (set->weight / (set->weight + 2.0));
        return cost;
    }
    if ((ni > 1 && c->run[0][i] < ni) || (nj > 1 && c->run[1][j] < nj))
        return S_INF;
    /* a list flattened into one block: that block is not a list item */
    if ((ni > 2 && c->doc[1]->blocks[j].list_depth > 0) ||
        (nj > 2 && c->doc[0]->blocks[i].list_depth > 0))
        return S_INF;
    double cost = 0;
    /* structure: compare first blocks; merged sides are paragraphs */
    cost += S_kind_cost(c, &c->doc[0]->blocks[i], &c->doc[1]->blocks[j]);
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
    double sim = S_anchor_sim(c, i, ni, j, nj, &wsum);
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
            double m = en_side ? S_anchor_sim(c, b, 1, j, nj, &ws) : S_anchor_sim(c, i, ni, b, 1, &ws);
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

/* The sentence aligner's lexical similarity, over blocks instead of
 * sentences (code blocks count as empty text). */
static int S_lexical(S_ctx *c, const enf_lexicon *lx)
{
    const char **t[2] = {NULL, NULL};
    size_t *l[2] = {NULL, NULL};
    int rc = ENF_OK;
    for (int s = 0; s < 2; s++) {
        t[s] = malloc((c->n[s] + 1) * sizeof *t[s]);
        l[s] = malloc((c->n[s] + 1) * sizeof *l[s]);
        if (!t[s] || !l[s]) {
            rc = ENF_ENOMEM;
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
    enf_error e = {0};
    if (enf_sent_aligner_new(lx, &so, t[0], l[0], c->n[0], t[1], l[1], c->n[1], &c->lex, &e))
        rc = ENF_ENOMEM;
out:
    for (int s = 0; s < 2; s++) {
        free(t[s]);
        free(l[s]);
    }
    return rc;
}

/* ---- band from pins */

typedef struct {
    int i, j;
} S_pin;

static int S_cmp_pin(const void *a, const void *b)
{
    const S_pin *x = a, *y = b;
    if (x->i != y->i)
        return (x->i > y->i) - (x->i < y->i);
    return (x->j > y->j) - (x->j < y->j);
}

/* Longest chain of pins increasing in both i and j (patience, O(k log k)). */
static size_t S_lis(S_pin *p, size_t k)
{
    if (k == 0)
        return 0;
    size_t *tail = malloc(k * sizeof *tail), *prev = malloc(k * sizeof *prev);
    if (!tail || !prev) {
        free(tail);
        free(prev);
        return 0;
    }
    size_t len = 0;
    for (size_t x = 0; x < k; x++) {
        size_t lo = 0, hi = len;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (p[tail[mid]].j < p[x].j && p[tail[mid]].i < p[x].i)
                lo = mid + 1;
            else
                hi = mid;
        }
        prev[x] = lo ? tail[lo - 1] : (size_t)-1;
        tail[lo] = x;
        if (lo == len)
            len++;
    }
    S_pin *out = malloc(len * sizeof *out);
    if (!out) {
        free(tail);
        free(prev);
        return 0;
    }
    size_t x = tail[len - 1];
    for (size_t q = len; q-- > 0;) {
        out[q] = p[x];
        x = prev[x];
    }
    memcpy(p, out, len * sizeof *out);
    free(out);
    free(tail);
    free(prev);
    return len;
}

static int S_band(const S_ctx *c, int width, long *lo, long *hi)
{
    long n = (long)c->n[0], m = (long)c->n[1];
    size_t k = 0;
    S_pin *pins = malloc((c->table.n + 2) * sizeof *pins);
    if (!pins)
        return ENF_ENOMEM;
    for (size_t a = 0; a < c->table.n; a++) {
        const S_anchor_entry *e = &c->table.v[a];
        if (e->count[0] == 1 && e->count[1] == 1 && e->kind != ENF_ANCHOR_NUMBER &&
            e->kind != ENF_ANCHOR_LATIN)
            pins[k++] = (S_pin){e->first[0], e->first[1]};
    }
    qsort(pins, k, sizeof *pins, S_cmp_pin);
    k = S_lis(pins, k);
    /* centre line through (0,0), the pins and (n,m) */
    long pi = 0, pj = 0;
    size_t q = 0;
    for (long i = 0; i <= n; i++) {
        while (q < k && pins[q].i < i) {
            pi = pins[q].i;
            pj = pins[q].j;
            q++;
        }
        long ni = q < k ? pins[q].i : n, nj = q < k ? pins[q].j : m;
        double centre = ni > pi ? pj + (double)(nj - pj) * (double)(i - pi) / (double)(ni - pi) : pj;
        lo[i] = (long)centre - width;
        hi[i] = (long)centre + width;
        if (lo[i] < 0)
            lo[i] = 0;
        if (hi[i] > m)
            hi[i] = m;
    }
    free(pins);
    lo[0] = 0;
    hi[n] = m;
    /* rows must overlap so that a path exists */
    for (long i = 1; i <= n; i++)
        if (lo[i] < lo[i - 1])
            lo[i] = lo[i - 1];
    for (long i = n - 1; i >= 0; i--)
        if (hi[i] > hi[i + 1])
            hi[i] = hi[i + 1];
    for (long i = 0; i < n; i++)
        if (hi[i] < lo[i + 1])
            hi[i] = lo[i + 1];
    for (long i = 0; i <= n; i++)
        if (lo[i] > hi[i])
            lo[i] = hi[i];
    return ENF_OK;
}

/* A bead's cost, score and flags, from its blocks. */
static void S_score_bead(const S_ctx *c, enf_bead *b, double lowc)
{
    b->cost = S_bead_cost(c, b->en, (int)b->n_en, b->zh, (int)b->n_zh, &b->anchor_sim,
                          &b->length_ratio, S_INF);
    b->flags = 0;
    /* confidence: how much cheaper this bead was than leaving its blocks
     * unpaired */
    if (b->n_en && b->n_zh) {
        double alt = (double)(b->n_en + b->n_zh) * c->p.skip;
        double sc = (alt - b->cost) / alt;
        b->score = sc < 0 ? 0 : sc > 1 ? 1 : sc;
    } else {
        b->score = 0.5;
    }
    if (b->score < lowc)
        b->flags |= ENF_BEAD_LOW_CONFIDENCE;
}

/* ---- headings go with their sections
 * Headings without anchors pair on length alone, and "Loading" fits 预处理
 * as well as "Preprocessing" does.  When a heading pair is followed by
 * blocks of one side left unpaired, and the last of them is a heading of
 * the same level whose section is paired, that heading is the counterpart. */
static void S_slide_headings(const S_ctx *c, enf_alignment *al, double lowc)
{
    size_t nb = al->n_beads;
    for (size_t k = 0; k + 2 < nb; k++) {
        enf_bead *b = &al->beads[k];
        if (b->n_en != 1 || b->n_zh != 1)
            continue;
        const enf_block *e = &c->doc[0]->blocks[b->en], *z = &c->doc[1]->blocks[b->zh];
        if (e->kind != ENF_BLOCK_HEADING || z->kind != ENF_BLOCK_HEADING)
            continue;
        int side = al->beads[k + 1].n_zh == 0 ? 0 : al->beads[k + 1].n_en == 0 ? 1 : -1;
        if (side < 0)
            continue;
        size_t r = k + 1;   /* the run of beads of that side only */
        while (r + 1 < nb && (side ? al->beads[r + 1].n_en : al->beads[r + 1].n_zh) == 0)
            r++;
        enf_bead *u = &al->beads[r];
        const enf_bead *after = r + 1 < nb ? &al->beads[r + 1] : NULL;
        if ((side ? u->n_zh : u->n_en) != 1 || !after || !after->n_en || !after->n_zh)
            continue;
        const enf_block *h = &c->doc[side]->blocks[side ? u->zh : u->en];
        const enf_block *mine = side ? z : e;
        if (h->kind != ENF_BLOCK_HEADING || h->level != mine->level)
            continue;
        if (side == 0) {
            u->zh = b->zh;
            u->n_zh = 1;
            b->n_zh = 0;
        } else {
            u->en = b->en;
            u->n_en = 1;
            b->n_en = 0;
        }
        S_score_bead(c, b, lowc);
        S_score_bead(c, u, lowc);
        k = r;
    }
}

/* ---- moved sections
 * The programme is monotone; a section moved elsewhere by the translator
 * comes out as blocks left unpaired on both sides.  When such an English
 * block and such a Chinese block share a strong anchor found nowhere else
 * (a link, code, an image), the blocks between them were reordered: the
 * beads from one to the other become one bead, as a gold alignment writes
 * a reordering. */

static void S_recover_moves(const S_ctx *c, enf_alignment *al)
{
    size_t nb = al->n_beads;
    if (nb == 0)
        return;
    long *bead_of[2];
    bead_of[0] = malloc((c->n[0] + 1) * sizeof(long));
    bead_of[1] = malloc((c->n[1] + 1) * sizeof(long));
    size_t *reach = malloc(nb * sizeof *reach);  /* region end per start bead */
    if (!bead_of[0] || !bead_of[1] || !reach)
        goto out;
    for (size_t k = 0; k < nb; k++) {
        const enf_bead *b = &al->beads[k];
        for (size_t q = 0; q < b->n_en; q++)
            bead_of[0][b->en + q] = b->n_zh ? -1 : (long)k;
        for (size_t q = 0; q < b->n_zh; q++)
            bead_of[1][b->zh + q] = b->n_en ? -1 : (long)k;
        reach[k] = k;
    }
    int any = 0;
    for (size_t a = 0; a < c->table.n; a++) {
        const S_anchor_entry *e = &c->table.v[a];
        if (e->count[0] != 1 || e->count[1] != 1 || e->kind == ENF_ANCHOR_LATIN ||
            e->kind == ENF_ANCHOR_NUMBER)
            continue;
        long ke = bead_of[0][e->first[0]], kz = bead_of[1][e->first[1]];
        if (ke < 0 || kz < 0)
            continue;
        double wsum;
        double sim = S_anchor_sim(c, (size_t)e->first[0], 1, (size_t)e->first[1], 1, &wsum);
        if (sim < 0.5 ||
            S_kind_cost(c, &c->doc[0]->blocks[e->first[0]], &c->doc[1]->blocks[e->first[1]]) >= 1.0)
            continue;
        size_t lo = (size_t)(ke < kz ? ke : kz), hi = (size_t)(ke < kz ? kz : ke);
        if (hi > reach[lo])
            reach[lo] = hi;
        any = 1;
    }
    if (!any)
        goto out;
    /* regions: overlapping ones joined, kept when they hold a paired bead,
     * widened over the unpaired beads beside them (the moved section's
     * heading or an intro without anchors moved with it) */
    size_t *region_end = reach;  /* reused: region_end[k] > k starts a region */
    size_t last_end = 0;
    int have_last = 0;
    for (size_t k = 0; k < nb;) {
        size_t end = reach[k];
        for (size_t q = k; q <= end && q < nb; q++)
            if (reach[q] > end)
                end = reach[q];
        int paired = 0;
        for (size_t q = k; q <= end; q++)
            paired |= al->beads[q].n_en && al->beads[q].n_zh;
        for (size_t q = k; q <= end; q++)
            region_end[q] = q;
        if (end > k && paired) {
            size_t st = k;
            while (st > 0 && (!have_last || st - 1 > last_end) &&
                   !(al->beads[st - 1].n_en && al->beads[st - 1].n_zh))
                st--;
            while (end + 1 < nb && !(al->beads[end + 1].n_en && al->beads[end + 1].n_zh) &&
                   reach[end + 1] == end + 1)
                end++;
            region_end[st] = end;
            last_end = end;
            have_last = 1;
        }
        k = end + 1;
    }
    size_t w = 0;
    for (size_t k = 0; k < nb;) {
        size_t end = region_end[k];
        if (end > k) {
            enf_bead m = {0};
            int have_en = 0, have_zh = 0;
            for (size_t q = k; q <= end; q++) {
                const enf_bead *b = &al->beads[q];
                if (b->n_en && !have_en) {
                    m.en = b->en;
                    have_en = 1;
                }
                if (b->n_zh && !have_zh) {
                    m.zh = b->zh;
                    have_zh = 1;
                }
                m.n_en += b->n_en;
                m.n_zh += b->n_zh;
                m.cost += b->cost;
            }
            m.score = 0.5;
            m.anchor_sim = -1;
            m.flags = ENF_BEAD_LOW_CONFIDENCE;
            al->beads[w++] = m;
        } else {
            al->beads[w++] = al->beads[k];
        }
        k = end + 1;
    }
    al->n_beads = w;
out:
    free(bead_of[0]);
    free(bead_of[1]);
    free(reach);
}

/* ---- the programme */

static const signed char S_shapes[][2] = {
    {1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 2},
    {3, 1}, {1, 3}, {4, 1}, {1, 4}, {5, 1}, {1, 5}, {6, 1}, {1, 6}, {7, 1}, {1, 7}, {8, 1}, {1, 8},
};
#define S_NSHAPES (sizeof S_shapes / sizeof S_shapes[0])

int enf_align_blocks(const enf_doc *en, const enf_doc *zh, const enf_align_opts *opts,
                     enf_alignment **out, enf_error *err)
{
    *out = NULL;
    S_ctx c = {0};
    c.doc[0] = en;
    c.doc[1] = zh;
    c.n[0] = en->n_blocks;
    c.n[1] = zh->n_blocks;
    c.p = S_default_params;
    if (opts && opts->params && S_parse_params(&c.p, opts->params, err))
        return ENF_EUSAGE;
    int rc = S_build_anchor_sets(&c);
    long n = (long)c.n[0], m = (long)c.n[1];
    long *lo = NULL, *hi = NULL;
    unsigned char **bp = NULL;        /* per row: 1 + shape of the best bead */
    double *ring[S_MAX_MERGE + 1] = {0}; /* costs of the last rows */
    enf_alignment *al = NULL;
    size_t cells = 0;   /* in the band: bounds memory and time (SECURITY.md) */
    if (rc || S_lengths(&c) || S_merge_runs(&c) || (c.p.w_sent > 0 && S_sentences(&c)) ||
        (c.p.w_colon > 0 && S_colons(&c)) || (opts && opts->lexicon && S_lexical(&c, opts->lexicon)))
        goto oom;
    int width = opts && opts->band > 0 ? opts->band : 60;
    lo = malloc((size_t)(n + 1) * sizeof *lo);
    hi = malloc((size_t)(n + 1) * sizeof *hi);
    bp = calloc((size_t)n + 1, sizeof *bp);
    if (!lo || !hi || !bp || S_band(&c, width, lo, hi))
        goto oom;
    for (long i = 0; i <= n; i++)
        cells += (size_t)(hi[i] - lo[i] + 1);
    if (cells > ENF_MAX_ALIGN_CELLS) {
        rc = enf_error_set(err, ENF_EINPUT,
                           "%s, %s: too many blocks to align (%ld x %ld); split them or lower --band",
                           en->name, zh->name, n, m);
        goto fail;
    }
    long maxw = 1;
    for (long i = 0; i <= n; i++) {
        if (hi[i] - lo[i] + 1 > maxw)
            maxw = hi[i] - lo[i] + 1;
        bp[i] = calloc((size_t)(hi[i] - lo[i] + 1), 1);
        if (!bp[i])
            goto oom;
    }
    for (int r = 0; r <= S_MAX_MERGE; r++)
        if (!(ring[r] = malloc((size_t)maxw * sizeof(double))))
            goto oom;
#define S_COST(i, j) ring[(i) % (S_MAX_MERGE + 1)][(j) - lo[i]]
    for (long i = 0; i <= n; i++) {
        for (long j = lo[i]; j <= hi[i]; j++)
            S_COST(i, j) = (i == 0 && j == 0) ? 0 : S_INF;
        for (long j = lo[i]; j <= hi[i]; j++) {
            double *cell = &S_COST(i, j);
            for (size_t s = 0; s < S_NSHAPES; s++) {
                long pi = i - S_shapes[s][0], pj = j - S_shapes[s][1];
                if (pi < 0 || pj < 0 || pj < lo[pi] || pj > hi[pi])
                    continue;
                double base = S_COST(pi, pj);
                if (base >= S_INF)
                    continue;
                float as, lr;
                double bc = S_bead_cost(&c, (size_t)pi, S_shapes[s][0], (size_t)pj, S_shapes[s][1],
                                        &as, &lr, *cell - base);
                if (base + bc < *cell) {
                    *cell = base + bc;
                    bp[i][j - lo[i]] = (unsigned char)(s + 1);
                }
            }
        }
    }
#undef S_COST
    al = calloc(1, sizeof *al);
    if (!al)
        goto oom;
    al->en_per_han = c.ratio;
    /* backtrack */
    size_t nb = 0;
    for (long i = n, j = m; i > 0 || j > 0; nb++) {
        unsigned char sh = bp[i][j - lo[i]];
        if (!sh)
            break;
        i -= S_shapes[sh - 1][0];
        j -= S_shapes[sh - 1][1];
    }
    al->beads = calloc(nb ? nb : 1, sizeof *al->beads);
    if (!al->beads)
        goto oom;
    al->n_beads = nb;
    double lowc = opts && opts->low_confidence > 0 ? opts->low_confidence : 0.35;
    for (long i = n, j = m, k = (long)nb; (i > 0 || j > 0) && k > 0;) {
        unsigned char sh = bp[i][j - lo[i]];
        int di = S_shapes[sh - 1][0], dj = S_shapes[sh - 1][1];
        long pi = i - di, pj = j - dj;
        enf_bead *b = &al->beads[--k];
        b->en = (size_t)pi;
        b->n_en = (size_t)di;
        b->zh = (size_t)pj;
        b->n_zh = (size_t)dj;
        S_score_bead(&c, b, lowc);
        i = pi;
        j = pj;
    }
    S_slide_headings(&c, al, lowc);
    S_recover_moves(&c, al);
    rc = ENF_OK;
    goto done;
oom:
    rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory while aligning", en->name);
fail:
    enf_alignment_free(al);
    al = NULL;
done:
    if (bp)
        for (long i = 0; i <= n; i++)
            free(bp[i]);
    free(bp);
    for (int r = 0; r <= S_MAX_MERGE; r++)
        free(ring[r]);
    free(lo);
    free(hi);
    free(c.len[0]);
    free(c.len[1]);
    free(c.sents[0]);
    free(c.sents[1]);
    free(c.colon[0]);
    free(c.colon[1]);
    free(c.run[0]);
    free(c.run[1]);
    enf_sent_aligner_free(c.lex);
    free(c.w);
    free(c.miss);
    free(c.pool);
    free(c.sets[0]);
    free(c.sets[1]);
    free(c.table.v);
    free(c.table.slots);
    *out = al;
    return rc;
}

void enf_alignment_free(enf_alignment *al)
{
    if (!al)
        return;
    free(al->beads);
    free(al);
}

const char *enf_bead_type(const enf_bead *b, char *buf, size_t bufsz)
{
    snprintf(buf, bufsz, "%zu-%zu", b->n_en, b->n_zh);
    return buf;
}
