/* write_corpus.c — corpus output: JSONL (jansson; one object per sentence
 * pair with score, bead type and provenance), two-column TSV, and TMX
 * (write_tmx.c).  Streaming: nothing is kept between documents. */
#include "enface/write.h"
#include "model_internal.h"
#include "write_corpus.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct enf_corpus_writer {
    FILE *f;
    enf_corpus_format fmt;
    enf__tmx *tmx;
};

int enf_corpus_writer_new(FILE *f, enf_corpus_format fmt, enf_corpus_writer **out,
                          enf_error *err)
{
    *out = NULL;
    enf_corpus_writer *w = calloc(1, sizeof *w);
    if (!w)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    w->f = f;
    w->fmt = fmt;
    if (fmt == ENF_CORPUS_FMT_TMX) {
        int rc = enf__tmx_begin(f, &w->tmx, err);
        if (rc) {
            free(w);
            return rc;
        }
    }
    *out = w;
    return ENF_OK;
}

static void S_tsv_field(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

int enf_corpus_writer_add(enf_corpus_writer *w, const char *doc, const enf_corpus_pairs *p,
                          enf_error *err)
{
    for (size_t i = 0; i < p->n; i++) {
        const enf_corpus_pair *c = &p->v[i];
        if (w->fmt == ENF_CORPUS_FMT_TMX) {
            int rc = enf__tmx_add(w->tmx, doc, c, err);
            if (rc)
                return rc;
        } else if (w->fmt == ENF_CORPUS_FMT_TSV) {
            S_tsv_field(w->f, c->en);
            fputc('\t', w->f);
            S_tsv_field(w->f, c->zh);
            fputc('\n', w->f);
        } else {
            json_t *o = json_pack("{s:s, s:I, s:i, s:i, s:[I,I], s:[I,I], s:s, s:f, s:s, s:s}",
                                  "doc", doc, "block_bead", (json_int_t)c->block_bead,
                                  "en_block", c->en_block, "zh_block", c->zh_block,
                                  "en_sents", (json_int_t)c->en_sent,
                                  (json_int_t)(c->en_sent + c->n_en), "zh_sents",
                                  (json_int_t)c->zh_sent, (json_int_t)(c->zh_sent + c->n_zh),
                                  "type", c->type, "score", round(c->score * 1000) / 1000,
                                  "en", c->en, "zh", c->zh);
            if (!o)
                return enf_error_set(err, ENF_EINPUT, "%s: cannot encode a pair as JSON", doc);
            char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
            json_decref(o);
            if (!s)
                return enf_error_set(err, ENF_ENOMEM, "out of memory");
            fputs(s, w->f);
            fputc('\n', w->f);
            free(s);
        }
    }
    if (ferror(w->f))
        return enf_error_set(err, ENF_EIO, "write error");
    return ENF_OK;
}

int enf_corpus_writer_end(enf_corpus_writer *w, enf_error *err)
{
    if (!w)
        return ENF_OK;
    int rc = ENF_OK;
    if (w->tmx)
        rc = enf__tmx_end(w->tmx, err);
    if (!rc && fflush(w->f) != 0)
        rc = enf_error_set(err, ENF_EIO, "write error");
    free(w);
    return rc;
}
