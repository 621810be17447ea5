/* align_sents.c — the sentence aligner: a banded dynamic programme over
 * beads up to 1-4/4-1 and 2-3/3-2 (align blocks first, then sentences inside
 * each block pair; or whole texts with --units lines).  Cost of a bead =
 * prior + loose Gale-Church length term + lexical term, where the lexical
 * similarity (dictionary glosses, numbers, names, punctuation cues; see
 * lexicon.c) is measured against what random beads of the same shape score
 * on the same texts, so a long bead does not win just by having more words. */
#include "enface.h"
#include "internal.h"
#include "lexicon.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define S_MAXTOK 128           /* tokens per sentence that carry evidence */
#define S_NSHAPES 12
#define S_ROWS 8               /* mask cache rows (> the largest bead side) */
#define S_CHANCE_SAMPLES 256
#define S_LENSTEP 32           /* length-cost table: steps per unit of delta */
#define S_LENTAB (14 * S_LENSTEP)

/* Bead shapes as (Chinese count, English count). */
static const int S_shape[S_NSHAPES][2] = {
    {1, 1}, {1, 0}, {0, 1}, {1, 2}, {2, 1}, {2, 2},
    {1, 3}, {3, 1}, {1, 4}, {4, 1}, {2, 3}, {3, 2}};

/* A Chinese token that can match: its gloss hashes (in the lexicon) or one
 * hash of its own (numbers, Latin words, cues), and its pinyin. */
typedef struct {
    const uint64_t *gl;
    const uint64_t *py;
    uint64_t one;
    uint32_t ngl, npy;
} S_tok;

typedef struct {
    size_t tok, ntok;          /* into zt / et */
    double wtot;
    double nchars;
} S_sent;

typedef struct {
    uint64_t z[2], e[2];       /* covered zh tokens of s by t; en tokens of t by s */
} S_mask;

/* What one Chinese sentence offers: each gloss/pinyin/number/cue hash with
 * the mask of the sentence's tokens that carry it, so pairing it with an
 * English sentence costs one lookup per English token. */
typedef struct {
    uint64_t *k;
    uint64_t (*m)[2];
    size_t slots;              /* power of 2 */
} S_gmap;

typedef struct {
    long s;                    /* zh sentence cached in this row, -1 none */
    long lo;                   /* first en sentence cached */
    S_mask *m;
    unsigned char *ok;
    S_gmap g;                  /* the gloss map of sentence s */
} S_row;

/* A growable set used for document-wide universes and df counts. */
typedef struct {
    uint64_t *k;
    uint32_t *c;
    size_t n, slots;
} S_map;

struct enf_sent_aligner {
    enf_sent_opts o;
    const enf_lexicon *lx;
    const char *const *ztext, *const *etext;   /* the caller's sentences */
    const size_t *zlen, *elen;
    size_t nz, ne;
    S_map learn;               /* Chinese token key -> 1 + group index */
    uint64_t *lpool;           /* learned English hashes, by group */
    uint32_t *loff, *lcnt;
    size_t n_learned;
    uint64_t *xgl;             /* gloss arrays of tokens with learned pairs */
    S_sent *zs, *es;
    S_tok *zt;                 /* Chinese tokens, per sentence runs */
    uint64_t *et;              /* English token hashes, per sentence runs */
    float *zw, *ew;            /* idf weights of zt / et */
    double ratio;              /* en chars per zh char */
    double chance[S_NSHAPES];
    float lencost[S_LENTAB + 2]; /* -log(2 P(Z > d)) for d = k / S_LENSTEP */
    S_row rows[S_ROWS];
    long width;
};

/* ---------------------------------------------------------------- options */

void enf_sent_opts_init(enf_sent_opts *o)
{
    o->band = 30;
    /* chosen on MAC-Dev leaving one document out (tools/eval-mac --loo):
     * the setting 4 of the 6 folds picked */
    o->w_len = 0.25;
    o->w_lex = 4.0;
    o->p_merge = 1.0;
    o->p_skip = 3.0;
    o->p_many = 0.8;
    o->len_var = 6.8;
    o->low_confidence = 0.3;
    o->pooled = 0.5;
    o->gamma = 1.0;
    o->learn = 1;
    o->learn_min = 3;
    o->learn_dice = 0.5;
}

static void S_fill_defaults(enf_sent_opts *o, const enf_sent_opts *in)
{
    enf_sent_opts d;
    enf_sent_opts_init(&d);
    if (!in) {
        *o = d;
        return;
    }
    *o = *in;
    if (o->band <= 0)
        o->band = d.band;
    if (o->w_len < 0)
        o->w_len = d.w_len;
    if (o->w_lex < 0)
        o->w_lex = d.w_lex;
    if (o->p_merge < 0)
        o->p_merge = d.p_merge;
    if (o->p_skip < 0)
        o->p_skip = d.p_skip;
    if (o->p_many < 0)
        o->p_many = d.p_many;
    if (o->len_var <= 0)
        o->len_var = d.len_var;
    if (o->low_confidence <= 0)
        o->low_confidence = d.low_confidence;
    if (o->pooled < 0 || o->pooled > 1)
        o->pooled = d.pooled;
    if (o->gamma <= 0)
        o->gamma = d.gamma;
    if (o->learn_min <= 0)
        o->learn_min = d.learn_min;
    if (o->learn_dice <= 0)
        o->learn_dice = d.learn_dice;
}

int enf_sent_opts_set(enf_sent_opts *o, const char *a, enf_error *err)
{
    const char *eq = strchr(a, '=');
    if (!eq)
        return enf_error_set(err, ENF_EUSAGE, "'%s': expected NAME=VALUE", a);
    char *end;
    double v = strtod(eq + 1, &end);
    if (end == eq + 1 || *end || !isfinite(v))
        return enf_error_set(err, ENF_EUSAGE, "'%s': not a number", a);
    size_t n = (size_t)(eq - a);
#define S_OPT(name) (n == strlen(#name) && !strncmp(a, #name, n))
    if (S_OPT(band))
        o->band = (int)v;
    else if (S_OPT(w_len))
        o->w_len = v;
    else if (S_OPT(w_lex))
        o->w_lex = v;
    else if (S_OPT(p_merge))
        o->p_merge = v;
    else if (S_OPT(p_skip))
        o->p_skip = v;
    else if (S_OPT(p_many))
        o->p_many = v;
    else if (S_OPT(len_var))
        o->len_var = v;
    else if (S_OPT(low_confidence))
        o->low_confidence = v;
    else if (S_OPT(pooled))
        o->pooled = v;
    else if (S_OPT(gamma))
        o->gamma = v;
    else if (S_OPT(learn))
        o->learn = (int)v;
    else if (S_OPT(learn_min))
        o->learn_min = v;
    else if (S_OPT(learn_dice))
        o->learn_dice = v;
    else
        return enf_error_set(err, ENF_EUSAGE,
                             "unknown parameter '%.*s' (band, w_len, w_lex, p_merge, p_skip, "
                             "p_many, len_var, low_confidence, pooled, gamma, learn, learn_min, learn_dice)",
                             (int)n, a);
#undef S_OPT
    return ENF_OK;
}

/* ---------------------------------------------------------------- sets */

static size_t S_slot(uint64_t h, size_t nslots)
{
    return (size_t)(h * 0x9E3779B97F4A7C15ull >> 21) & (nslots - 1);
}


static int S_map_add(S_map *m, uint64_t h, uint32_t inc)
{
    if (2 * (m->n + 1) >= m->slots) {
        size_t ns = m->slots ? m->slots * 2 : 1024;
        uint64_t *k = calloc(ns, sizeof *k);
        uint32_t *c = calloc(ns, sizeof *c);
        if (!k || !c) {
            free(k);
            free(c);
            return -1;
        }
        for (size_t i = 0; i < m->slots; i++)
            if (m->k[i]) {
                size_t s = S_slot(m->k[i], ns);
                while (k[s])
                    s = (s + 1) & (ns - 1);
                k[s] = m->k[i];
                c[s] = m->c[i];
            }
        free(m->k);
        free(m->c);
        m->k = k;
        m->c = c;
        m->slots = ns;
    }
    size_t s = S_slot(h, m->slots);
    while (m->k[s] && m->k[s] != h)
        s = (s + 1) & (m->slots - 1);
    if (!m->k[s]) {
        m->k[s] = h;
        m->n++;
    }
    m->c[s] += inc;
    return 0;
}

static uint32_t S_map_get(const S_map *m, uint64_t h)
{
    if (!m->slots)
        return 0;
    for (size_t s = S_slot(h, m->slots); m->k[s]; s = (s + 1) & (m->slots - 1))
        if (m->k[s] == h)
            return m->c[s] ? m->c[s] : 1;
    return 0;
}

static void S_map_free(S_map *m)
{
    free(m->k);
    free(m->c);
}

/* ---------------------------------------------------------------- build */

static size_t S_pow2(size_t n)
{
    size_t s = 4;
    while (s < 2 * n + 2)
        s *= 2;
    return s;
}

void enf_sent_aligner_free(enf_sent_aligner *sa)
{
    if (!sa)
        return;
    free(sa->zs);
    free(sa->es);
    free(sa->zt);
    free(sa->et);
    free(sa->zw);
    free(sa->ew);
    free(sa->xgl);
    free(sa->lpool);
    free(sa->loff);
    free(sa->lcnt);
    S_map_free(&sa->learn);
    for (int r = 0; r < S_ROWS; r++) {
        free(sa->rows[r].m);
        free(sa->rows[r].ok);
        free(sa->rows[r].g.k);
        free(sa->rows[r].g.m);
    }
    free(sa);
}

static int S_zt_has_in(const S_tok *t, const S_map *m)
{
    const uint64_t *g = t->ngl ? t->gl : &t->one;
    uint32_t ng = t->ngl ? t->ngl : (t->one ? 1 : 0);
    for (uint32_t k = 0; k < ng; k++)
        if (S_map_get(m, g[k]))
            return 1;
    for (uint32_t k = 0; k < t->npy; k++)
        if (S_map_get(m, t->py[k]))
            return 1;
    return 0;
}

static double S_sim(enf_sent_aligner *sa, size_t s0, int a, size_t t0, int b, int *defined,
                    int *members_out);

/* Steps that depend on the tokens: (re)build the matchable tokens of every
 * sentence (dictionary glosses plus the pairs learned from a first
 * alignment), their idf weights and the chance similarity per shape. */
/* The glosses of raw token t with the pairs learned for it; buf holds
 * them when there are learned ones (n returned in *ng). */
static const uint64_t *S_glosses(const enf_sent_aligner *sa, const enf__ztok *t, uint64_t **buf,
                                 size_t *bufcap, uint32_t *ng, int *learned)
{
    uint32_t li = sa->learn.n ? S_map_get(&sa->learn, t->key) : 0;
    *learned = li != 0;
    if (!li) {
        *ng = t->ngl;
        return t->gl;
    }
    size_t need = t->ngl + 1 + sa->lcnt[li - 1];
    if (need > *bufcap) {
        uint64_t *nb = realloc(*buf, need * 2 * sizeof *nb);
        if (!nb) {
            *ng = t->ngl;
            *learned = 0;
            return t->gl;
        }
        *buf = nb;
        *bufcap = need * 2;
    }
    uint32_t n = 0;
    for (uint32_t q = 0; q < t->ngl; q++)
        (*buf)[n++] = t->gl[q];
    if (!t->ngl && t->one)
        (*buf)[n++] = t->one;
    for (uint32_t q = 0; q < sa->lcnt[li - 1]; q++)
        (*buf)[n++] = sa->lpool[sa->loff[li - 1] + q];
    *ng = n;
    return *buf;
}

/* Steps that depend on the tokens: (re)build the matchable tokens of every
 * sentence (dictionary glosses plus the pairs learned from a first
 * alignment), their idf weights and the chance similarity per shape.
 * Sentences are tokenized twice (once for the universes, once to keep
 * what can match) so no raw token list of the whole text is held. */
static int S_prepare(enf_sent_aligner *sa)
{
    size_t n_zh = sa->nz, n_en = sa->ne;
    enf__ztok *zv = NULL;
    enf__etok *ev = NULL;
    size_t zcap = 0, ecap = 0;
    S_map zuni = {0}, euni = {0}, zdf = {0}, edf = {0};
    uint64_t *zkey = NULL, *gbuf = NULL;
    size_t gcap = 0, zkcap = 0, ztcap = 0, etcap = 0, xcap = 0, nx = 0;
    size_t *fix = NULL, nfix = 0, fixcap = 0;   /* zt index, xgl offset pairs */
    int rc = -1;
    free(sa->zt);
    free(sa->et);
    free(sa->zw);
    free(sa->ew);
    free(sa->xgl);
    sa->zt = NULL;
    sa->et = NULL;
    sa->zw = sa->ew = NULL;
    sa->xgl = NULL;

    /* 1. the universe of hashes each side can offer */
    for (size_t i = 0; i < n_en; i++) {
        size_t nev = 0;
        if (enf__lex_tokens_en(sa->lx, sa->etext[i], sa->elen[i], &ev, &nev, &ecap))
            goto done;
        for (size_t k = 0; k < nev; k++)
            if (S_map_add(&euni, ev[k].h, 1))
                goto done;
    }
    for (size_t i = 0; i < n_zh; i++) {
        size_t nzv = 0;
        if (enf__lex_tokens_zh(sa->lx, sa->ztext[i], sa->zlen[i], &zv, &nzv, &zcap))
            goto done;
        for (size_t k = 0; k < nzv; k++) {
            const enf__ztok *t = &zv[k];
            uint32_t ng;
            int learned;
            const uint64_t *g = S_glosses(sa, t, &gbuf, &gcap, &ng, &learned);
            if (ng) {
                for (uint32_t q = 0; q < ng; q++)
                    if (S_map_add(&zuni, g[q], 1))
                        goto done;
            } else if (t->one && S_map_add(&zuni, t->one, 1)) {
                goto done;
            }
            for (uint32_t q = 0; q < t->npy; q++)
                if (S_map_add(&zuni, t->py[q], 1))
                    goto done;
        }
    }

    /* 2. keep the tokens that can match something on the other side, once
     *    per sentence; document frequencies for idf */
    size_t nzt = 0, net = 0;
    for (size_t i = 0; i < n_zh; i++) {
        S_sent *s = &sa->zs[i];
        size_t nzv = 0;
        if (enf__lex_tokens_zh(sa->lx, sa->ztext[i], sa->zlen[i], &zv, &nzv, &zcap))
            goto done;
        s->tok = nzt;
        s->ntok = 0;
        s->wtot = 0;
        for (size_t k = 0; k < nzv && s->ntok < S_MAXTOK; k++) {
            S_tok t = {0};
            uint32_t ng;
            int learned;
            const uint64_t *g = S_glosses(sa, &zv[k], &gbuf, &gcap, &ng, &learned);
            t.gl = g;
            t.ngl = ng;
            t.one = zv[k].one;
            t.py = zv[k].py;
            t.npy = zv[k].npy;
            if (!S_zt_has_in(&t, &euni))
                continue;
            int dup = 0;
            for (size_t q = s->tok; q < nzt && !dup; q++)
                dup = zkey[q] == zv[k].key;
            if (dup)
                continue;
            if (enf__grow((void **)&sa->zt, &ztcap, nzt + 1, sizeof *sa->zt) ||
                enf__grow((void **)&zkey, &zkcap, nzt + 1, sizeof *zkey))
                goto done;
            if (learned) {
                /* copy the combined glosses; the pointer is set at the end */
                if (enf__grow((void **)&sa->xgl, &xcap, nx + ng, sizeof *sa->xgl) ||
                    enf__grow((void **)&fix, &fixcap, 2 * nfix + 2, sizeof *fix))
                    goto done;
                memcpy(sa->xgl + nx, g, ng * sizeof *g);
                fix[2 * nfix] = nzt;
                fix[2 * nfix + 1] = nx;
                nfix++;
                nx += ng;
            }
            if (!t.ngl)
                t.gl = NULL;
            zkey[nzt] = zv[k].key;
            sa->zt[nzt++] = t;
            s->ntok++;
            if (S_map_add(&zdf, zv[k].key, 1))
                goto done;
        }
    }
    for (size_t k = 0; k < nfix; k++)
        sa->zt[fix[2 * k]].gl = sa->xgl + fix[2 * k + 1];
    for (size_t i = 0; i < n_en; i++) {
        S_sent *s = &sa->es[i];
        size_t nev = 0;
        if (enf__lex_tokens_en(sa->lx, sa->etext[i], sa->elen[i], &ev, &nev, &ecap))
            goto done;
        s->tok = net;
        s->ntok = 0;
        s->wtot = 0;
        for (size_t k = 0; k < nev && s->ntok < S_MAXTOK; k++) {
            uint64_t h = ev[k].h;
            if (!S_map_get(&zuni, h))
                continue;
            int dup = 0;
            for (size_t q = s->tok; q < net && !dup; q++)
                dup = sa->et[q] == h;
            if (dup)
                continue;
            if (enf__grow((void **)&sa->et, &etcap, net + 1, sizeof *sa->et))
                goto done;
            sa->et[net++] = h;
            s->ntok++;
            if (S_map_add(&edf, h, 1))
                goto done;
        }
    }
    free(zv);
    free(ev);
    zv = NULL;
    ev = NULL;
    if (!sa->zt && !(sa->zt = malloc(sizeof *sa->zt)))
        goto done;
    if (!sa->et && !(sa->et = malloc(sizeof *sa->et)))
        goto done;

    /* 3. idf weights */
    sa->zw = malloc((nzt + 1) * sizeof *sa->zw);
    sa->ew = malloc((net + 1) * sizeof *sa->ew);
    if (!sa->zw || !sa->ew)
        goto done;
    {
        S_tok *zt = realloc(sa->zt, (nzt + 1) * sizeof *zt);
        uint64_t *et = realloc(sa->et, (net + 1) * sizeof *et);
        if (zt)
            sa->zt = zt;
        if (et)
            sa->et = et;
    }
    for (size_t i = 0; i < n_en; i++) {
        S_sent *s = &sa->es[i];
        for (size_t k = s->tok; k < s->tok + s->ntok; k++) {
            sa->ew[k] = (float)log(1.0 + (double)n_en / (double)S_map_get(&edf, sa->et[k]));
            s->wtot += sa->ew[k];
        }
    }
    for (size_t i = 0; i < n_zh; i++) {
        S_sent *s = &sa->zs[i];
        for (size_t k = s->tok; k < s->tok + s->ntok; k++) {
            sa->zw[k] = (float)log(1.0 + (double)n_zh / (double)S_map_get(&zdf, zkey[k]));
            s->wtot += sa->zw[k];
        }
    }

    /* 4. what random beads of each shape score */
    for (int r = 0; r < S_ROWS; r++)
        sa->rows[r].s = -1;
    uint64_t rng = 0x2545F4914F6CDD1Dull ^ (n_zh * 31 + n_en);
    for (int sh = 0; sh < S_NSHAPES; sh++) {
        int a = S_shape[sh][0], b = S_shape[sh][1];
        sa->chance[sh] = 0;
        if (!a || !b || n_zh < (size_t)a || n_en < (size_t)b)
            continue;
        double sum = 0;
        int cnt = 0;
        for (int k = 0; k < S_CHANCE_SAMPLES; k++) {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            size_t s0 = (size_t)(rng % (n_zh - (size_t)a + 1));
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            size_t t0 = (size_t)(rng % (n_en - (size_t)b + 1));
            int def;
            double v = S_sim(sa, s0, a, t0, b, &def, NULL);
            if (def) {
                sum += v;
                cnt++;
            }
        }
        sa->chance[sh] = cnt ? sum / cnt : 0;
    }
    for (int r = 0; r < S_ROWS; r++)
        sa->rows[r].s = -1;
    rc = 0;
done:
    free(gbuf);
    free(fix);
    free(zkey);
    free(zv);
    free(ev);
    S_map_free(&zuni);
    S_map_free(&euni);
    S_map_free(&zdf);
    S_map_free(&edf);
    return rc;
}

int enf_sent_aligner_new(const enf_lexicon *lx, const enf_sent_opts *opts,
                         const char *const *en, const size_t *en_len, size_t n_en,
                         const char *const *zh, const size_t *zh_len, size_t n_zh,
                         enf_sent_aligner **out, enf_error *err)
{
    *out = NULL;
    enf_sent_aligner *sa = calloc(1, sizeof *sa);
    if (!sa)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    S_fill_defaults(&sa->o, opts);
    sa->lx = lx;
    sa->nz = n_zh;
    sa->ne = n_en;
    sa->ztext = zh;
    sa->zlen = zh_len;
    sa->etext = en;
    sa->elen = en_len;
    sa->zs = calloc(n_zh + 1, sizeof *sa->zs);
    sa->es = calloc(n_en + 1, sizeof *sa->es);
    if (!sa->zs || !sa->es)
        goto fail;
    double zchars = 0, echars = 0;
    for (size_t i = 0; i < n_zh; i++) {
        sa->zs[i].nchars = (double)enf_utf8_count(zh[i], zh_len[i]);
        zchars += sa->zs[i].nchars;
    }
    for (size_t i = 0; i < n_en; i++) {
        sa->es[i].nchars = (double)enf_utf8_count(en[i], en_len[i]);
        echars += sa->es[i].nchars;
    }
    sa->ratio = zchars > 0 && echars > 0 ? echars / zchars : 3.0;
    for (int k = 0; k <= S_LENTAB + 1; k++) {
        double p = erfc((double)k / S_LENSTEP / M_SQRT2);
        sa->lencost[k] = (float)-log(p < 1e-12 ? 1e-12 : p);
    }
    sa->width = 2L * sa->o.band + 48;
    for (int r = 0; r < S_ROWS; r++) {
        sa->rows[r].s = -1;
        sa->rows[r].m = malloc((size_t)sa->width * sizeof *sa->rows[r].m);
        sa->rows[r].ok = malloc((size_t)sa->width);
        if (!sa->rows[r].m || !sa->rows[r].ok)
            goto fail;
    }
    if (S_prepare(sa))
        goto fail;
    *out = sa;
    return ENF_OK;
fail:
    enf_sent_aligner_free(sa);
    return enf_error_set(err, ENF_ENOMEM, "out of memory");
}

/* Word pairs a first alignment implies: Chinese and English tokens that
 * keep landing in the same confident beads (Dice over beads), such as a
 * name and its translation (韦小宝 ~ Trinket), become extra glosses. */
int enf_sent_aligner_learn(enf_sent_aligner *sa, const enf_alignment *al, enf_error *err)
{
    S_map cz = {0}, ce = {0}, cp = {0};
    enf__ztok *zv = NULL;
    enf__etok *ev = NULL;
    size_t zcap = 0, ecap = 0;
    uint64_t *zk = NULL, *ek = NULL;
    size_t zkc = 0, ekc = 0;
    int rc = ENF_ENOMEM;
    size_t nb = 0;
    /* pass 1 counts, pass 2 keeps pairs */
    typedef struct {
        uint64_t z, e;
    } S_pair2;
    S_pair2 *keep = NULL;
    size_t nkeep = 0, kcap = 0;
    /* on very long texts a sample of the beads is enough (and bounded) */
    size_t stride = al->n_beads > 20000 ? al->n_beads / 20000 + 1 : 1;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t b = 0; b < al->n_beads; b += stride) {
            const enf_bead *bd = &al->beads[b];
            if (!bd->n_en || !bd->n_zh || bd->n_en + bd->n_zh > 3 || bd->cost > 0)
                continue;
            size_t nzv = 0, nev = 0;
            for (size_t i = bd->zh; i < bd->zh + bd->n_zh; i++)
                if (enf__lex_tokens_zh(sa->lx, sa->ztext[i], sa->zlen[i], &zv, &nzv, &zcap))
                    goto done;
            for (size_t j = bd->en; j < bd->en + bd->n_en; j++)
                if (enf__lex_tokens_en(sa->lx, sa->etext[j], sa->elen[j], &ev, &nev, &ecap))
                    goto done;
            /* unique keys of the bead: Chinese words (not numbers or Latin
             * words, which match themselves) and English words */
            if (nzv > zkc) {
                free(zk);
                zkc = nzv * 2;
                zk = malloc(zkc * sizeof *zk);
            }
            if (nev > ekc) {
                free(ek);
                ekc = nev * 2;
                ek = malloc(ekc * sizeof *ek);
            }
            if ((nzv && !zk) || (nev && !ek))
                goto done;
            size_t nz = 0, ne = 0;
            for (size_t k = 0; k < nzv; k++) {
                if (zv[k].one)
                    continue;
                int dup = 0;
                for (size_t q = 0; q < nz && !dup; q++)
                    dup = zk[q] == zv[k].key;
                if (!dup)
                    zk[nz++] = zv[k].key;
            }
            for (size_t k = 0; k < nev; k++) {
                int dup = 0;
                for (size_t q = 0; q < ne && !dup; q++)
                    dup = ek[q] == ev[k].h;
                if (!dup)
                    ek[ne++] = ev[k].h;
            }
            if (pass == 0) {
                nb++;
                for (size_t a = 0; a < nz; a++)
                    if (S_map_add(&cz, zk[a], 1))
                        goto done;
                for (size_t c = 0; c < ne; c++)
                    if (S_map_add(&ce, ek[c], 1))
                        goto done;
                continue;
            }
            for (size_t a = 0; a < nz; a++) {
                uint32_t fz = S_map_get(&cz, zk[a]);
                if (fz < 2)
                    continue;
                for (size_t c = 0; c < ne; c++) {
                    uint32_t fe = S_map_get(&ce, ek[c]);
                    if (fe < 2 || fe > 4 * fz || fz > 4 * fe)
                        continue;
                    uint64_t pk = (zk[a] * 0x9E3779B97F4A7C15ull) ^ ek[c];
                    if (!pk)
                        pk = 1;
                    uint32_t before = S_map_get(&cp, pk);
                    if (S_map_add(&cp, pk, 1))
                        goto done;
                    if (before == 0) {
                        if (nkeep == kcap) {
                            kcap = kcap ? kcap * 2 : 256;
                            S_pair2 *nk = realloc(keep, kcap * sizeof *nk);
                            if (!nk)
                                goto done;
                            keep = nk;
                        }
                        keep[nkeep].z = zk[a];
                        keep[nkeep++].e = ek[c];
                    }
                }
            }
        }
    }
    /* keep the pairs with a high Dice coefficient over the beads */
    S_map_free(&sa->learn);
    free(sa->lpool);
    free(sa->loff);
    free(sa->lcnt);
    memset(&sa->learn, 0, sizeof sa->learn);
    sa->lpool = NULL;
    sa->loff = NULL;
    sa->lcnt = NULL;
    size_t nl = 0, ncap = 0;
    for (size_t k = 0; k < nkeep; k++) {
        uint64_t pk = (keep[k].z * 0x9E3779B97F4A7C15ull) ^ keep[k].e;
        if (!pk)
            pk = 1;
        double c = S_map_get(&cp, pk), fz = S_map_get(&cz, keep[k].z),
               fe = S_map_get(&ce, keep[k].e);
        if (c < sa->o.learn_min || 2 * c / (fz + fe) < sa->o.learn_dice)
            continue;
        keep[nl++] = keep[k];
    }
    (void)ncap;
    if (nl) {
        /* group by Chinese key */
        for (size_t a = 1; a < nl; a++) {
            S_pair2 x = keep[a];
            size_t b = a;
            while (b > 0 && keep[b - 1].z > x.z) {
                keep[b] = keep[b - 1];
                b--;
            }
            keep[b] = x;
        }
        sa->lpool = malloc(nl * sizeof *sa->lpool);
        sa->loff = malloc(nl * sizeof *sa->loff);
        sa->lcnt = malloc(nl * sizeof *sa->lcnt);
        if (!sa->lpool || !sa->loff || !sa->lcnt)
            goto done;
        size_t ng = 0;
        for (size_t a = 0; a < nl; a++) {
            if (!a || keep[a].z != keep[a - 1].z) {
                sa->loff[ng] = (uint32_t)a;
                sa->lcnt[ng] = 0;
                if (S_map_add(&sa->learn, keep[a].z, (uint32_t)ng + 1))
                    goto done;
                ng++;
            }
            sa->lpool[a] = keep[a].e;
            sa->lcnt[ng - 1]++;
        }
    }
    sa->n_learned = nl;
    if (S_prepare(sa))
        goto done;
    rc = ENF_OK;
done:
    (void)nb;
    free(keep);
    free(zv);
    free(ev);
    free(zk);
    free(ek);
    S_map_free(&cz);
    S_map_free(&ce);
    S_map_free(&cp);
    if (rc)
        return enf_error_set(err, rc, "out of memory");
    return ENF_OK;
}

/* ---------------------------------------------------------------- scoring */

static int S_gmap_build(const enf_sent_aligner *sa, size_t s, S_gmap *g)
{
    const S_sent *z = &sa->zs[s];
    size_t n = 0;
    for (size_t k = 0; k < z->ntok; k++) {
        const S_tok *t = &sa->zt[z->tok + k];
        n += (t->ngl ? t->ngl : 1) + t->npy;
    }
    size_t slots = S_pow2(n);
    if (slots > g->slots) {
        free(g->k);
        free(g->m);
        g->k = malloc(slots * sizeof *g->k);
        g->m = malloc(slots * sizeof *g->m);
        if (!g->k || !g->m) {
            free(g->k);
            free(g->m);
            g->k = NULL;
            g->m = NULL;
            g->slots = 0;
            return -1;
        }
    }
    g->slots = slots;
    memset(g->k, 0, slots * sizeof *g->k);
    for (size_t k = 0; k < z->ntok; k++) {
        const S_tok *t = &sa->zt[z->tok + k];
        uint32_t ng = t->ngl ? t->ngl : 1;
        for (uint32_t q = 0; q < ng + t->npy; q++) {
            uint64_t h = q < ng ? (t->ngl ? t->gl[q] : t->one) : t->py[q - ng];
            size_t i = S_slot(h, slots);
            while (g->k[i] && g->k[i] != h)
                i = (i + 1) & (slots - 1);
            if (!g->k[i]) {
                g->k[i] = h;
                g->m[i][0] = g->m[i][1] = 0;
            }
            g->m[i][k >> 6] |= 1ull << (k & 63);
        }
    }
    return 0;
}

static void S_pair(const enf_sent_aligner *sa, const S_gmap *g, size_t t, S_mask *m)
{
    memset(m, 0, sizeof *m);
    const S_sent *e = &sa->es[t];
    if (!g->slots)
        return;
    for (size_t k = 0; k < e->ntok; k++) {
        uint64_t h = sa->et[e->tok + k];
        for (size_t i = S_slot(h, g->slots); g->k[i]; i = (i + 1) & (g->slots - 1))
            if (g->k[i] == h) {
                m->z[0] |= g->m[i][0];
                m->z[1] |= g->m[i][1];
                m->e[k >> 6] |= 1ull << (k & 63);
                break;
            }
    }
}

static const S_mask *S_get(enf_sent_aligner *sa, size_t s, size_t t, S_mask *tmp)
{
    S_row *r = &sa->rows[s % S_ROWS];
    if (r->s != (long)s) {
        r->s = (long)s;
        r->lo = (long)t - 8;
        memset(r->ok, 0, (size_t)sa->width);
        if (S_gmap_build(sa, s, &r->g))
            r->g.slots = 0;   /* out of memory: no lexical evidence */
    }
    long c = (long)t - r->lo;
    if (c < 0 || c >= sa->width) {
        S_pair(sa, &r->g, t, tmp);
        return tmp;
    }
    if (!r->ok[c]) {
        S_pair(sa, &r->g, t, &r->m[c]);
        r->ok[c] = 1;
    }
    return &r->m[c];
}

static double S_bits_weight(const uint64_t m[2], const float *w)
{
    double sum = 0;
    for (int q = 0; q < 2; q++) {
        uint64_t x = m[q];
        while (x) {
            int b = __builtin_ctzll(x);
            sum += w[q * 64 + b];
            x &= x - 1;
        }
    }
    return sum;
}

/* Lexical similarity of zh[s0, s0+a) with en[t0, t0+b): the mean of the
 * pooled (Dice-like) coverage and the average coverage of each member. */
static double S_sim(enf_sent_aligner *sa, size_t s0, int a, size_t t0, int b, int *defined,
                    int *members_out)
{
    const S_mask *mk[4][4];
    S_mask tmp[4][4];
    for (int i = 0; i < a; i++)
        for (int j = 0; j < b; j++)
            mk[i][j] = S_get(sa, s0 + (size_t)i, t0 + (size_t)j, &tmp[i][j]);
    double cov = 0, tot = 0, msum = 0;
    int members = 0;
    for (int i = 0; i < a; i++) {
        const S_sent *z = &sa->zs[s0 + (size_t)i];
        if (z->wtot <= 0)
            continue;
        uint64_t m[2] = {0, 0};
        for (int j = 0; j < b; j++) {
            m[0] |= mk[i][j]->z[0];
            m[1] |= mk[i][j]->z[1];
        }
        double c = S_bits_weight(m, sa->zw + z->tok);
        cov += c;
        tot += z->wtot;
        msum += c / z->wtot;
        members++;
    }
    for (int j = 0; j < b; j++) {
        const S_sent *e = &sa->es[t0 + (size_t)j];
        if (e->wtot <= 0)
            continue;
        uint64_t m[2] = {0, 0};
        for (int i = 0; i < a; i++) {
            m[0] |= mk[i][j]->e[0];
            m[1] |= mk[i][j]->e[1];
        }
        double c = S_bits_weight(m, sa->ew + e->tok);
        cov += c;
        tot += e->wtot;
        msum += c / e->wtot;
        members++;
    }
    *defined = members > 0 && tot > 0;
    if (members_out)
        *members_out = members;
    if (!*defined)
        return 0;
    return sa->o.pooled * (cov / tot) + (1 - sa->o.pooled) * (msum / members);
}

static double S_len_cost(const enf_sent_aligner *sa, size_t s0, int a, size_t t0, int b)
{
    double lz = 0, le = 0;
    for (int i = 0; i < a; i++)
        lz += sa->zs[s0 + (size_t)i].nchars;
    for (int j = 0; j < b; j++)
        le += sa->es[t0 + (size_t)j].nchars;
    double mean = (sa->ratio * lz + le) / 2;
    if (mean < 1)
        mean = 1;
    double d = fabs(le - sa->ratio * lz) / sqrt(sa->o.len_var * mean) * S_LENSTEP;
    if (d >= S_LENTAB)
        return sa->lencost[S_LENTAB];
    size_t k = (size_t)d;
    double f = d - (double)k;
    return sa->lencost[k] * (1 - f) + sa->lencost[k + 1] * f;
}

static double S_bead_cost(enf_sent_aligner *sa, int sh, size_t s0, size_t t0, double *simout)
{
    int a = S_shape[sh][0], b = S_shape[sh][1];
    const enf_sent_opts *o = &sa->o;
    *simout = -1;
    if (!a || !b)
        return o->p_skip;
    double c = o->p_merge * (a + b - 2) + (a >= 2 && b >= 2 ? o->p_many : 0);
    c += o->w_len * S_len_cost(sa, s0, a, t0, b);
    int def, members;
    double sim = S_sim(sa, s0, a, t0, b, &def, &members);
    if (def) {
        /* the reward grows with the sentences that have evidence, so a
         * sentence without any is not merged in just to collect it */
        double ch = sa->chance[sh];
        double norm = (sim - ch) / (1 - ch > 0.05 ? 1 - ch : 0.05);
        c -= o->w_lex * 0.5 * (o->gamma == 1 ? members : pow(members, o->gamma)) * norm;
        *simout = sim;
    }
    return c;
}

int enf_sent_aligner_similarity(enf_sent_aligner *sa, size_t en0, int n_en, size_t zh0, int n_zh,
                                double *sim)
{
    *sim = 0;
    int sh = -1;
    for (int k = 0; k < S_NSHAPES; k++)
        if (S_shape[k][0] == n_zh && S_shape[k][1] == n_en)
            sh = k;
    if (sh < 0 || en0 + (size_t)n_en > sa->ne || zh0 + (size_t)n_zh > sa->nz)
        return 0;
    int def, members;
    double s = S_sim(sa, zh0, n_zh, en0, n_en, &def, &members);
    if (!def)
        return 0;
    double ch = sa->chance[sh];
    *sim = (s - ch) / (1 - ch > 0.05 ? 1 - ch : 0.05);
    return 1;
}

/* ---------------------------------------------------------------- search */

/* Anchor points for the band: tokens that occur once in the Chinese range
 * and once in the English range (numbers, Latin words, names), kept when
 * they form a monotone chain (longest increasing subsequence). */
typedef struct {
    long i, j;
} S_pt;

static size_t S_anchor_chain(const enf_sent_aligner *sa, size_t en0, size_t ne, size_t zh0,
                             size_t nz, S_pt **out)
{
    *out = NULL;
    S_map cz = {0}, ce = {0}, where = {0};
    size_t n = 0;
    S_pt *pts = NULL, *chain = NULL;
    long *tail = NULL, *prev = NULL;
    int ok = 1;
    for (size_t i = 0; i < nz && ok; i++) {
        const S_sent *z = &sa->zs[zh0 + i];
        for (size_t k = z->tok; k < z->tok + z->ntok && ok; k++)
            if (!sa->zt[k].ngl && sa->zt[k].one)
                ok = !S_map_add(&cz, sa->zt[k].one, 1) &&
                     !S_map_add(&where, sa->zt[k].one ^ 0x5bd1e995u, (uint32_t)i + 1);
    }
    for (size_t j = 0; j < ne && ok; j++) {
        const S_sent *e = &sa->es[en0 + j];
        for (size_t k = e->tok; k < e->tok + e->ntok && ok; k++)
            if (S_map_get(&cz, sa->et[k]))
                ok = !S_map_add(&ce, sa->et[k], 1);
    }
    if (ok && ce.n) {
        pts = malloc(ce.n * sizeof *pts);
        ok = pts != NULL;
    }
    for (size_t j = 0; j < ne && ok && pts; j++) {
        const S_sent *e = &sa->es[en0 + j];
        for (size_t k = e->tok; k < e->tok + e->ntok; k++) {
            uint64_t h = sa->et[k];
            if (S_map_get(&ce, h) == 1 && S_map_get(&cz, h) == 1) {
                uint32_t wi = S_map_get(&where, h ^ 0x5bd1e995u);
                pts[n].i = (long)wi - 1;
                pts[n].j = (long)j;
                n++;
            }
        }
    }
    size_t len = 0;
    if (ok && n) {
        /* pts are in j order; sort by i (stable on j) for the chain */
        for (size_t a = 1; a < n; a++) {
            S_pt x = pts[a];
            size_t b = a;
            while (b > 0 && (pts[b - 1].i > x.i || (pts[b - 1].i == x.i && pts[b - 1].j > x.j))) {
                pts[b] = pts[b - 1];
                b--;
            }
            pts[b] = x;
        }
        tail = malloc(n * sizeof *tail);
        prev = malloc(n * sizeof *prev);
        chain = malloc(n * sizeof *chain);
        if (tail && prev && chain) {
            for (size_t a = 0; a < n; a++) {
                /* strictly increasing in both i and j */
                size_t lo = 0, hi = len;
                while (lo < hi) {
                    size_t mid = (lo + hi) / 2;
                    const S_pt *t = &pts[tail[mid]];
                    if (t->j < pts[a].j && t->i < pts[a].i)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                prev[a] = lo ? tail[lo - 1] : -1;
                tail[lo] = (long)a;
                if (lo == len)
                    len++;
            }
            long k = len ? tail[len - 1] : -1;
            for (size_t q = len; q-- > 0;) {
                chain[q] = pts[k];
                k = prev[k];
            }
        } else {
            len = 0;
        }
    }
    free(pts);
    free(tail);
    free(prev);
    S_map_free(&cz);
    S_map_free(&ce);
    S_map_free(&where);
    if (!len) {
        free(chain);
        return 0;
    }
    *out = chain;
    return len;
}

/* The band centre for every Chinese position: the length diagonal between
 * consecutive anchor points (and the two corners). */
static int S_centres(const enf_sent_aligner *sa, size_t en0, size_t ne, size_t zh0, size_t nz,
                     long *cen)
{
    S_pt *chain = NULL;
    size_t nc = S_anchor_chain(sa, en0, ne, zh0, nz, &chain);
    S_pt *pts = malloc((nc + 2) * sizeof *pts);
    double *cz = malloc((nz + 1) * sizeof *cz), *ce = malloc((ne + 1) * sizeof *ce);
    if (!pts || !cz || !ce) {
        free(chain);
        free(pts);
        free(cz);
        free(ce);
        return -1;
    }
    size_t np = 0;
    pts[np++] = (S_pt){0, 0};
    for (size_t k = 0; k < nc; k++)
        if (chain[k].i > pts[np - 1].i && chain[k].j > pts[np - 1].j &&
            chain[k].i < (long)nz && chain[k].j < (long)ne)
            pts[np++] = chain[k];
    pts[np++] = (S_pt){(long)nz, (long)ne};
    free(chain);
    cz[0] = ce[0] = 0;
    for (size_t i = 0; i < nz; i++)
        cz[i + 1] = cz[i] + sa->zs[zh0 + i].nchars + 1;
    for (size_t j = 0; j < ne; j++)
        ce[j + 1] = ce[j] + sa->es[en0 + j].nchars + 1;
    size_t seg = 0;
    long j = 0;
    for (size_t i = 0; i <= nz; i++) {
        while (seg + 1 < np - 1 && (long)i >= pts[seg + 1].i)
            seg++;
        const S_pt *a = &pts[seg], *b = &pts[seg + 1];
        double dz = cz[b->i] - cz[a->i];
        double f = dz > 0 ? (cz[i] - cz[a->i]) / dz : 0;
        double target = ce[a->j] + f * (ce[b->j] - ce[a->j]);
        if (j < a->j)
            j = a->j;
        while (j < b->j && (ce[j] + ce[j + 1]) / 2 < target)
            j++;
        cen[i] = j;
    }
    cen[nz] = (long)ne;
    free(pts);
    free(cz);
    free(ce);
    return 0;
}



int enf_sent_aligner_align(enf_sent_aligner *sa, size_t en0, size_t n_en, size_t zh0,
                           size_t n_zh, enf_alignment **out, enf_error *err)
{
    *out = NULL;
    if (en0 + n_en > sa->ne || zh0 + n_zh > sa->nz)
        return enf_error_set(err, ENF_EUSAGE, "sentence range out of bounds");
    enf_alignment *al = calloc(1, sizeof *al);
    if (!al)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    al->en_per_han = sa->ratio;   /* English chars per Chinese char */
    for (int r = 0; r < S_ROWS; r++)
        sa->rows[r].s = -1;
    size_t nz = n_zh, ne = n_en;
    long W = sa->o.band;
    if ((long)ne + 1 <= 2 * W + 1 || (long)nz + 1 <= 2 * W + 1 || nz == 0 || ne == 0)
        W = (long)(ne > nz ? ne : nz) + 1;   /* small: search everything */
    /* band centres along the length diagonal (cumulative characters) */
    long *cen = malloc((nz + 1) * sizeof *cen);
    size_t *off = malloc((nz + 2) * sizeof *off);
    if (!cen || !off) {
        free(cen);
        free(off);
        free(al);
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    if (S_centres(sa, en0, ne, zh0, nz, cen)) {
        free(cen);
        free(off);
        free(al);
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    int rc = ENF_OK;
    double *D = NULL;
    unsigned char *B = NULL;
    int recentred = 0;
    for (;;) {
        off[0] = 0;
        for (size_t i = 0; i <= nz; i++) {
            long lo = cen[i] - W, hi = cen[i] + W;
            if (lo < 0)
                lo = 0;
            if (hi > (long)ne)
                hi = (long)ne;
            off[i + 1] = off[i] + (size_t)(hi - lo + 1);
        }
        D = malloc(off[nz + 1] * sizeof *D);
        B = malloc(off[nz + 1]);
        if (!D || !B) {
            rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
            goto done;
        }
#define S_LO(i) (cen[i] - W < 0 ? 0 : cen[i] - W)
#define S_HI(i) (cen[i] + W > (long)ne ? (long)ne : cen[i] + W)
        for (size_t i = 0; i <= nz; i++) {
            long lo = S_LO(i), hi = S_HI(i);
            for (long j = lo; j <= hi; j++) {
                double best = DBL_MAX;
                int bsh = 255;
                if (i == 0 && j == 0)
                    best = 0;
                for (int sh = 0; sh < S_NSHAPES; sh++) {
                    int a = S_shape[sh][0], b = S_shape[sh][1];
                    if ((long)i < a || j < b)
                        continue;
                    size_t pi = i - (size_t)a;
                    long pj = j - b;
                    if (pj < S_LO(pi) || pj > S_HI(pi))
                        continue;
                    double prev = D[off[pi] + (size_t)(pj - S_LO(pi))];
                    if (prev == DBL_MAX)
                        continue;
                    double sim;
                    double c = prev + S_bead_cost(sa, sh, zh0 + pi, en0 + (size_t)pj, &sim);
                    if (c < best) {
                        best = c;
                        bsh = sh;
                    }
                }
                D[off[i] + (size_t)(j - lo)] = best;
                B[off[i] + (size_t)(j - lo)] = (unsigned char)bsh;
            }
        }
        if ((long)ne >= S_LO(nz) && D[off[nz] + (size_t)((long)ne - S_LO(nz))] != DBL_MAX) {
            /* a path that runs along the edge of the band was probably
             * pushed there by it: centre the band on that path and search
             * again (the band then moves towards the true path by up to
             * its width each time), a few times at most */
            int edge = 0;
            size_t i = nz;
            long j = (long)ne;
            while ((i > 0 || j > 0) && !edge) {
                int sh = B[off[i] + (size_t)(j - S_LO(i))];
                i -= (size_t)S_shape[sh][0];
                j -= S_shape[sh][1];
                edge = (j > 0 && j == S_LO(i)) || (j < (long)ne && j == S_HI(i));
            }
            if (!edge || recentred >= 4 || W >= (long)(ne > nz ? ne : nz))
                break;
            recentred++;
            long *nc = malloc((nz + 1) * sizeof *nc);
            if (!nc) {
                rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
                goto done;
            }
            i = nz;
            j = (long)ne;
            nc[nz] = (long)ne;
            while (i > 0) {
                int sh = B[off[i] + (size_t)(j - S_LO(i))];
                int a = S_shape[sh][0], b = S_shape[sh][1];
                for (int q = 1; q < a; q++)
                    nc[i - (size_t)q] = j - (long)((double)b * q / a + 0.5);
                i -= (size_t)a;
                j -= b;
                nc[i] = j;   /* the lowest j of the row's cells on the path */
            }
            nc[0] = 0;
            free(cen);
            cen = nc;
            free(D);
            free(B);
            D = NULL;
            B = NULL;
            continue;
        }
        /* the band missed the path: widen it and search again */
        free(D);
        free(B);
        D = NULL;
        B = NULL;
        W = W * 4 + 4;
    }
    /* backtrack */
    {
        size_t cap = 0, n = 0;
        enf_bead *v = NULL;
        size_t i = nz;
        long j = (long)ne;
        while (i > 0 || j > 0) {
            int sh = B[off[i] + (size_t)(j - S_LO(i))];
            int a = S_shape[sh][0], b = S_shape[sh][1];
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                enf_bead *nv = realloc(v, cap * sizeof *nv);
                if (!nv) {
                    free(v);
                    rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
                    goto done;
                }
                v = nv;
            }
            enf_bead *bd = &v[n++];
            memset(bd, 0, sizeof *bd);
            bd->zh = zh0 + i - (size_t)a;
            bd->n_zh = (size_t)a;
            bd->en = en0 + (size_t)(j - b);
            bd->n_en = (size_t)b;
            double sim;
            bd->cost = S_bead_cost(sa, sh, bd->zh, bd->en, &sim);
            bd->anchor_sim = (float)sim;
            double lz = 0, le = 0;
            for (int q = 0; q < a; q++)
                lz += sa->zs[bd->zh + (size_t)q].nchars;
            for (int q = 0; q < b; q++)
                le += sa->es[bd->en + (size_t)q].nchars;
            bd->length_ratio = le > 0 ? (float)(lz * sa->ratio / le) : 0;
            double per = bd->cost / (0.5 * (a + b));
            bd->score = 1.0 / (1.0 + exp(1.5 * per + 0.5));
            if (!a || !b)
                bd->score = 0;
            if (bd->score < sa->o.low_confidence)
                bd->flags |= ENF_BEAD_LOW_CONFIDENCE;
            i -= (size_t)a;
            j -= b;
        }
        for (size_t k = 0; k < n / 2; k++) {
            enf_bead t = v[k];
            v[k] = v[n - 1 - k];
            v[n - 1 - k] = t;
        }
        al->beads = v;
        al->n_beads = n;
    }
#undef S_LO
#undef S_HI
done:
    free(D);
    free(B);
    free(cen);
    free(off);
    if (rc) {
        enf_alignment_free(al);
        return rc;
    }
    *out = al;
    return ENF_OK;
}

/* ---------------------------------------------------------------- lines */

int enf_guess_lang(const char *s, size_t len)
{
    size_t han = 0, letters = 0;
    for (size_t i = 0; i < len;) {
        int adv, cp = enf_utf8_decode(s + i, len - i, &adv);
        if (enf_is_han(cp)) {
            han++;
            letters++;
        } else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
            letters++;
        }
        i += (size_t)adv;
    }
    return han > 0 && 5 * han >= letters ? ENF_LANG_ZH : ENF_LANG_EN;
}

static double S_han_share(const enf_doc *d)
{
    size_t han = 0, latin = 0;
    for (size_t b = 0; b < d->n_blocks; b++) {
        const char *s = d->blocks[b].text;
        size_t len = d->blocks[b].text_len;
        for (size_t i = 0; i < len;) {
            int adv, cp = enf_utf8_decode(s + i, len - i, &adv);
            if (enf_is_han(cp))
                han++;
            else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
                latin++;
            i += (size_t)adv;
        }
    }
    return han + latin ? (double)han / (double)(han + latin) : 0;
}

int enf_align_sentences(const enf_doc *left, const enf_doc *right, const enf_lexicon *lx,
                        const enf_sent_opts *opts, enf_alignment **out, enf_error *err)
{
    *out = NULL;
    int swap = S_han_share(left) > S_han_share(right);   /* left is the Chinese */
    const enf_doc *en = swap ? right : left, *zh = swap ? left : right;
    const char **es = malloc((en->n_blocks + 1) * sizeof *es);
    const char **zs = malloc((zh->n_blocks + 1) * sizeof *zs);
    size_t *el = malloc((en->n_blocks + 1) * sizeof *el);
    size_t *zl = malloc((zh->n_blocks + 1) * sizeof *zl);
    int rc;
    enf_sent_aligner *sa = NULL;
    if (!es || !zs || !el || !zl) {
        rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < en->n_blocks; i++) {
        es[i] = en->blocks[i].text;
        el[i] = en->blocks[i].text_len;
    }
    for (size_t i = 0; i < zh->n_blocks; i++) {
        zs[i] = zh->blocks[i].text;
        zl[i] = zh->blocks[i].text_len;
    }
    rc = enf_sent_aligner_new(lx, opts, es, el, en->n_blocks, zs, zl, zh->n_blocks, &sa, err);
    if (!rc)
        rc = enf_sent_aligner_align(sa, 0, en->n_blocks, 0, zh->n_blocks, out, err);
    for (int pass = 0; !rc && pass < sa->o.learn; pass++) {
        /* another pass with the word pairs the previous one implies */
        enf_alignment *first = *out;
        *out = NULL;
        rc = enf_sent_aligner_learn(sa, first, err);
        if (!rc)
            rc = enf_sent_aligner_align(sa, 0, en->n_blocks, 0, zh->n_blocks, out, err);
        enf_alignment_free(first);
    }
    if (!rc && swap) {
        enf_alignment *al = *out;
        for (size_t k = 0; k < al->n_beads; k++) {
            enf_bead *b = &al->beads[k];
            size_t t = b->en, tn = b->n_en;
            b->en = b->zh;
            b->n_en = b->n_zh;
            b->zh = t;
            b->n_zh = tn;
            if (b->length_ratio > 0)
                b->length_ratio = 1.0f / b->length_ratio;
        }
    }
done:
    enf_sent_aligner_free(sa);
    free(es);
    free(zs);
    free(el);
    free(zl);
    return rc;
}
