/* corpus.c — sentence pairs from one document pair: blocks first
 * (enf_align_blocks), then sentences (segment.c) aligned inside each block
 * bead by one sentence aligner prepared over the whole document, then the
 * filters a corpus builder asks for.  Writers live in write_corpus.c. */
#include "enface/align.h"
#include "align_sents_internal.h"
#include "model_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char **s;
    size_t *len;
    unsigned char *raw;   /* 1: a kept code block, its newlines and tabs kept */
    size_t n, cap;
} S_sents;

static int S_sents_add(S_sents *ss, const char *s, size_t len, int raw)
{
    /* three arrays, one capacity: it moves only when all have grown */
    size_t cs = ss->cap, cl = ss->cap, cr = ss->cap;
    if (enf__grow((void **)&ss->s, &cs, ss->n + 1, sizeof *ss->s) ||
        enf__grow((void **)&ss->len, &cl, ss->n + 1, sizeof *ss->len) ||
        enf__grow((void **)&ss->raw, &cr, ss->n + 1, sizeof *ss->raw))
        return -1;
    ss->cap = cs;
    ss->s[ss->n] = s;
    ss->raw[ss->n] = (unsigned char)raw;
    ss->len[ss->n++] = len;
    return 0;
}

static void S_sents_free(S_sents *ss)
{
    free(ss->s);
    free(ss->len);
    free(ss->raw);
}

static int S_skip_block(const enf_block *b, const enf_corpus_opts *o)
{
    if (o->drop_code && (b->kind == ENF_BLOCK_CODE || b->kind == ENF_BLOCK_HTML))
        return 1;
    if (o->drop_tables && (b->flags & ENF_BF_TABLE))
        return 1;
    return b->text_len == 0;
}

/* Sentences of blocks [b0, b0+n) into ss; returns -1 on allocation failure. */
static int S_cut(const enf_doc *d, size_t b0, size_t n, int lang, const enf_corpus_opts *o,
                 S_sents *ss, enf_error *err)
{
    for (size_t k = b0; k < b0 + n; k++) {
        const enf_block *b = &d->blocks[k];
        if (S_skip_block(b, o))
            continue;
        if (b->kind == ENF_BLOCK_CODE || (b->flags & ENF_BF_TABLE)) {
            /* code and tables are not prose: one unit each */
            if (S_sents_add(ss, b->text, b->text_len, b->kind == ENF_BLOCK_CODE))
                return enf_error_set(err, ENF_ENOMEM, "out of memory");
            continue;
        }
        const enf_span *sp = NULL;
        size_t ns = 0;
        int rc = enf_doc_sentences(d, k, lang, &sp, &ns, err);   /* cached on the Doc */
        if (rc)
            return rc;
        for (size_t i = 0; i < ns; i++)
            if (S_sents_add(ss, b->text + sp[i].off, sp[i].len, 0))
                return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    return ENF_OK;
}

/* Units [i0, i0+n) joined by sep; prose has its tabs and newlines made
 * spaces, a kept code block keeps them (the writers of line-based formats
 * flatten them, the others keep them). */
static char *S_join(const S_sents *ss, size_t i0, size_t n, const char *sep)
{
    size_t total = 1;
    for (size_t i = i0; i < i0 + n; i++)
        total += ss->len[i] + strlen(sep);
    char *r = malloc(total), *p = r;
    if (!r)
        return NULL;
    for (size_t i = i0; i < i0 + n; i++) {
        if (i > i0) {
            memcpy(p, sep, strlen(sep));
            p += strlen(sep);
        }
        size_t len = ss->len[i];
        const char *s = ss->s[i];
        if (ss->raw[i])   /* a code block's closing newline is not text */
            while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
                len--;
        for (size_t k = 0; k < len; k++)
            *p++ = !ss->raw[i] && (s[k] == '\t' || s[k] == '\n') ? ' ' : s[k];
    }
    *p = '\0';
    return r;
}

void enf_corpus_pairs_free(enf_corpus_pairs *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].en);
        free(p->v[i].zh);
    }
    free(p->v);
    p->v = NULL;
    p->n = p->cap = 0;
}

/* Append one pair: texts from units es[e..e+ne) and zs[z..z+nz). */
static int S_push(enf_corpus_pairs *out, const S_sents *es, size_t e, size_t ne,
                  const S_sents *zs, size_t z, size_t nz, const char *esep, const char *zsep,
                  enf_error *err)
{
    if (enf__grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v))
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    enf_corpus_pair *p = &out->v[out->n];
    memset(p, 0, sizeof *p);
    p->en = S_join(es, e, ne, esep);
    p->zh = S_join(zs, z, nz, zsep);
    if (!p->en || !p->zh) {
        free(p->en);
        free(p->zh);
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    out->n++;
    return ENF_OK;
}

/* opts.blocks: one pair per block bead with both sides, its blocks (those
 * the filters keep) joined by a blank line, scored by the block bead. */
static int S_block_pairs(const enf_doc *en, const enf_doc *zh, const enf_alignment *bl,
                         const enf_corpus_opts *o, enf_corpus_pairs *out, enf_error *err)
{
    int rc = ENF_OK;
    for (size_t k = 0; k < bl->n_beads && !rc; k++) {
        const enf_bead *b = &bl->beads[k];
        if (!b->n_en || !b->n_zh || (o->min_score > 0 && b->score < o->min_score))
            continue;
        S_sents es = {0}, zs = {0};
        for (int side = 0; side < 2 && !rc; side++) {
            const enf_doc *d = side ? zh : en;
            size_t b0 = side ? b->zh : b->en, n = side ? b->n_zh : b->n_en;
            for (size_t i = b0; i < b0 + n && !rc; i++) {
                const enf_block *x = &d->blocks[i];
                if (!S_skip_block(x, o) &&
                    S_sents_add(side ? &zs : &es, x->text, x->text_len, x->kind == ENF_BLOCK_CODE))
                    rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
            }
        }
        if (!rc && es.n && zs.n &&
            !(rc = S_push(out, &es, 0, es.n, &zs, 0, zs.n, "\n\n", "\n\n", err))) {
            enf_corpus_pair *p = &out->v[out->n - 1];
            p->score = b->score;
            enf_bead_type(b, p->type, sizeof p->type);
            p->block_bead = k;
            p->en_block = en->blocks[b->en].id;
            p->zh_block = zh->blocks[b->zh].id;
            p->en_sent = b->en;
            p->zh_sent = b->zh;
            p->n_en = b->n_en;
            p->n_zh = b->n_zh;
        }
        S_sents_free(&es);
        S_sents_free(&zs);
    }
    return rc;
}

/* The sentences of every block bead [e0[k], e0[k+1]) x [z0[k], z0[k+1]),
 * aligned into per[k]; then, as enf_align_sentences does for a whole text,
 * `learn` more passes with the word pairs the previous pass implies
 * (learned over the whole document, so a name translated the same way in
 * ten paragraphs helps the eleventh). */
static int S_align_sentences(enf_sent_aligner *sa, size_t nb, const size_t *e0, const size_t *z0,
                             int learn, enf_alignment **per, enf_error *err)
{
    for (int pass = 0; pass <= learn; pass++) {
        if (pass > 0) {
            size_t n = 0;
            for (size_t k = 0; k < nb; k++)
                n += per[k] ? per[k]->n_beads : 0;
            enf_alignment all = {0};
            all.beads = malloc((n ? n : 1) * sizeof *all.beads);
            if (!all.beads)
                return enf_error_set(err, ENF_ENOMEM, "out of memory");
            for (size_t k = 0; k < nb; k++)
                if (per[k]) {
                    memcpy(all.beads + all.n_beads, per[k]->beads, per[k]->n_beads * sizeof *all.beads);
                    all.n_beads += per[k]->n_beads;
                }
            int rc = enf_sent_aligner_learn(sa, &all, err);
            free(all.beads);
            if (rc)
                return rc;
        }
        for (size_t k = 0; k < nb; k++) {
            size_t ne = e0[k + 1] - e0[k], nz = z0[k + 1] - z0[k];
            if (!ne || !nz)
                continue;
            enf_alignment_free(per[k]);
            per[k] = NULL;
            int rc = enf_sent_aligner_align(sa, e0[k], ne, z0[k], nz, &per[k], err);
            if (rc)
                return rc;
        }
    }
    return ENF_OK;
}

int enf_corpus_align(const enf_doc *en, const enf_doc *zh, const enf_lexicon *lx,
                     const enf_sent_opts *sopts, const enf_corpus_opts *copts,
                     enf_corpus_pairs *out, enf_error *err)
{
    enf_corpus_opts o = {0};
    if (copts)
        o = *copts;
    if (o.max_unpaired <= 0)
        o.max_unpaired = 0.5;
    if (o.min_block_score <= 0)
        o.min_block_score = 0.2;
    out->skipped[0] = '\0';
    enf_alignment *bl = NULL;
    enf_align_opts bo = {0};
    bo.lexicon = lx;   /* the dictionary helps blocks without anchors too */
    int rc = enf_align_blocks(en, zh, &bo, &bl, err);
    if (rc)
        return rc;

    /* is the block alignment good enough to mine? */
    size_t unpaired = 0, total = 0;
    double ssum = 0;
    size_t paired = 0;
    for (size_t k = 0; k < bl->n_beads; k++) {
        const enf_bead *b = &bl->beads[k];
        total += b->n_en + b->n_zh;
        if (!b->n_en || !b->n_zh)
            unpaired += b->n_en + b->n_zh;
        else {
            ssum += b->score;
            paired++;
        }
    }
    if (!paired || (double)unpaired > o.max_unpaired * (double)total) {
        snprintf(out->skipped, sizeof out->skipped,
                 "block alignment poor: %zu of %zu blocks have no counterpart", unpaired, total);
        enf_alignment_free(bl);
        return ENF_OK;
    }
    if (ssum / (double)paired < o.min_block_score) {
        snprintf(out->skipped, sizeof out->skipped,
                 "block alignment poor: mean block score %.2f < %.2f", ssum / (double)paired,
                 o.min_block_score);
        enf_alignment_free(bl);
        return ENF_OK;
    }

    if (o.blocks) {
        rc = S_block_pairs(en, zh, bl, &o, out, err);
        enf_alignment_free(bl);
        return rc;
    }

    /* sentences of every paired block bead, and where each bead's start */
    S_sents es = {0}, zs = {0};
    size_t *e0 = calloc(bl->n_beads + 1, sizeof *e0), *z0 = calloc(bl->n_beads + 1, sizeof *z0);
    enf_sent_aligner *sa = NULL;
    enf_alignment **per = NULL;   /* sentence beads of each block bead */
    if (!e0 || !z0) {
        rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < bl->n_beads; k++) {
        const enf_bead *b = &bl->beads[k];
        e0[k] = es.n;
        z0[k] = zs.n;
        if (!b->n_en || !b->n_zh)
            continue;
        if ((rc = S_cut(en, b->en, b->n_en, ENF_LANG_EN, &o, &es, err)) ||
            (rc = S_cut(zh, b->zh, b->n_zh, ENF_LANG_ZH, &o, &zs, err)))
            goto done;
    }
    e0[bl->n_beads] = es.n;
    z0[bl->n_beads] = zs.n;
    if ((rc = enf_sent_aligner_new(lx, sopts, es.s, es.len, es.n, zs.s, zs.len, zs.n, &sa, err)))
        goto done;
    double ec = 0, zc = 0;
    for (size_t i = 0; i < es.n; i++)
        ec += (double)enf_utf8_count(es.s[i], es.len[i]);
    for (size_t i = 0; i < zs.n; i++)
        zc += (double)enf_utf8_count(zs.s[i], zs.len[i]);
    double doc_ratio = ec > 0 ? zc / ec : 1;
    if (!(per = calloc(bl->n_beads + 1, sizeof *per))) {
        rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = S_align_sentences(sa, bl->n_beads, e0, z0, enf__sent_learn_passes(sopts, lx), per, err)))
        goto done;

    for (size_t k = 0; k < bl->n_beads; k++) {
        const enf_bead *b = &bl->beads[k];
        enf_alignment *sl = per[k];
        per[k] = NULL;
        if (!sl)
            continue;
        for (size_t q = 0; q < sl->n_beads; q++) {
            const enf_bead *s = &sl->beads[q];
            if (!s->n_en || !s->n_zh)
                continue;
            if (o.min_score > 0 && s->score < o.min_score)
                continue;
            if (o.min_ratio > 0 || o.max_ratio > 0) {
                double le = 0, lz = 0;
                for (size_t i = s->en; i < s->en + s->n_en; i++)
                    le += (double)enf_utf8_count(es.s[i], es.len[i]);
                for (size_t i = s->zh; i < s->zh + s->n_zh; i++)
                    lz += (double)enf_utf8_count(zs.s[i], zs.len[i]);
                double r = le > 0 ? lz / le / doc_ratio : 0;
                if ((o.min_ratio > 0 && r < o.min_ratio) || (o.max_ratio > 0 && r > o.max_ratio))
                    continue;
            }
            if ((rc = S_push(out, &es, s->en, s->n_en, &zs, s->zh, s->n_zh, " ", "", err))) {
                enf_alignment_free(sl);
                goto done;
            }
            enf_corpus_pair *p = &out->v[out->n - 1];
            p->score = s->score;
            enf_bead_type(s, p->type, sizeof p->type);
            p->block_bead = k;
            p->en_block = en->blocks[b->en].id;
            p->zh_block = zh->blocks[b->zh].id;
            p->en_sent = s->en;
            p->zh_sent = s->zh;
            p->n_en = s->n_en;
            p->n_zh = s->n_zh;
        }
        enf_alignment_free(sl);
    }
done:
    if (per)
        for (size_t k = 0; k < bl->n_beads; k++)
            enf_alignment_free(per[k]);
    free(per);
    enf_sent_aligner_free(sa);
    S_sents_free(&es);
    S_sents_free(&zs);
    free(e0);
    free(z0);
    enf_alignment_free(bl);
    return rc;
}
