/* write_corpus.c — corpus output: JSONL (jansson; one object per pair, the
 * texts in a "translation" object as Hugging Face translation datasets
 * have them, with score, bead type and provenance), the flat JSONL of
 * earlier versions, two-column TSV, Moses/OPUS line-aligned files, TMX
 * (write_tmx.c) and PO (write_po.c).  Streaming: nothing but the PO
 * writer's set of msgids is kept between documents. */
#include "enface/write.h"
#include "model_internal.h"
#include "write_corpus.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>

struct enf_corpus_writer {
    FILE *f, *zh, *meta;
    enf_corpus_format fmt;
    char zh_lang[96];
    enf__tmx *tmx;
    enf__po *po;
};

int enf_corpus_check_zh_lang(const char *tag, enf_error *err)
{
    /* ISO 639-3 members of the macrolanguage zh, and zh itself */
    static const char *const zh[] = {"zh",  "cdo", "cjy", "cmn", "cnp", "cpx", "csp", "czh",
                                     "czo", "gan", "hak", "hsn", "lzh", "mnp", "nan", "wuu",
                                     "yue", NULL};
    char loc[ULOC_FULLNAME_CAPACITY], lang[ULOC_LANG_CAPACITY];
    int32_t parsed = 0;
    UErrorCode st = U_ZERO_ERROR;
    size_t n = strlen(tag);
    if (n == 0 || n >= 96)
        return enf_error_set(err, ENF_EUSAGE, "'%s' is not a BCP 47 language tag", tag);
    uloc_forLanguageTag(tag, loc, sizeof loc, &parsed, &st);
    if (U_FAILURE(st) || parsed != (int32_t)n)
        return enf_error_set(err, ENF_EUSAGE,
                             "'%s' is not a well-formed BCP 47 language tag (e.g. zh-CN, zh-Hans)",
                             tag);
    st = U_ZERO_ERROR;
    uloc_getLanguage(loc, lang, sizeof lang, &st);
    for (int i = 0; !U_FAILURE(st) && zh[i]; i++)
        if (!strcmp(lang, zh[i]))
            return ENF_OK;
    return enf_error_set(err, ENF_EUSAGE,
                         "'%s' is not a Chinese language tag (zh, zh-CN, zh-Hans, yue, ...)", tag);
}

int enf_corpus_writer_open(FILE *f, enf_corpus_format fmt, const enf_corpus_writer_opts *opts,
                           enf_corpus_writer **out, enf_error *err)
{
    *out = NULL;
    enf_corpus_writer_opts o = {0};
    if (opts)
        o = *opts;
    const char *lang = o.zh_lang ? o.zh_lang : "zh";
    int rc = enf_corpus_check_zh_lang(lang, err);
    if (rc)
        return rc;
    if (fmt == ENF_CORPUS_FMT_MOSES && (!o.zh || !o.meta))
        return enf_error_set(err, ENF_EUSAGE, "the Moses writer needs a Chinese and a meta file");
    enf_corpus_writer *w = calloc(1, sizeof *w);
    if (!w)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    w->f = f;
    w->zh = o.zh;
    w->meta = o.meta;
    w->fmt = fmt;
    snprintf(w->zh_lang, sizeof w->zh_lang, "%s", lang);
    if (fmt == ENF_CORPUS_FMT_TMX)
        rc = enf__tmx_begin(f, w->zh_lang, &w->tmx, err);
    else if (fmt == ENF_CORPUS_FMT_PO)
        rc = enf__po_begin(f, w->zh_lang, o.fuzzy_below, &w->po, err);
    if (rc) {
        free(w);
        return rc;
    }
    *out = w;
    return ENF_OK;
}

int enf_corpus_writer_new(FILE *f, enf_corpus_format fmt, enf_corpus_writer **out,
                          enf_error *err)
{
    return enf_corpus_writer_open(f, fmt, NULL, out, err);
}

/* One line of a line-based format: tabs, newlines (kept code) and CRs
 * become spaces, and so do U+2028/U+2029, which some readers take for a
 * line break. */
static void S_line_field(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '\t' || *s == '\n' || *s == '\r')
            fputc(' ', f);
        else if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
                 ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9)) {
            fputc(' ', f);
            s += 2;
        } else
            fputc(*s, f);
    }
}

static int S_put_json(FILE *f, json_t *o, const char *doc, enf_error *err)
{
    if (!o)
        return enf_error_set(err, ENF_EINPUT, "%s: cannot encode a pair as JSON", doc);
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    json_decref(o);
    if (!s)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    fputs(s, f);
    fputc('\n', f);
    free(s);
    return ENF_OK;
}

static int S_jsonl(const enf_corpus_writer *w, const char *doc, const enf_corpus_pair *c,
                   enf_error *err)
{
    double score = round(c->score * 1000) / 1000;
    json_t *o;
    if (w->fmt == ENF_CORPUS_FMT_JSONL_FLAT)
        o = json_pack("{s:s, s:I, s:i, s:i, s:[I,I], s:[I,I], s:s, s:f, s:s, s:s}", "doc", doc,
                      "block_bead", (json_int_t)c->block_bead, "en_block", c->en_block,
                      "zh_block", c->zh_block, "en_sents", (json_int_t)c->en_sent,
                      (json_int_t)(c->en_sent + c->n_en), "zh_sents", (json_int_t)c->zh_sent,
                      (json_int_t)(c->zh_sent + c->n_zh), "type", c->type, "score", score,
                      "en", c->en, "zh", c->zh);
    else
        o = json_pack("{s:{s:s, s:s}, s:s, s:I, s:i, s:i, s:[I,I], s:[I,I], s:s, s:f}",
                      "translation", "en", c->en, w->zh_lang, c->zh, "doc", doc, "block_bead",
                      (json_int_t)c->block_bead, "en_block", c->en_block, "zh_block",
                      c->zh_block, "en_sents", (json_int_t)c->en_sent,
                      (json_int_t)(c->en_sent + c->n_en), "zh_sents", (json_int_t)c->zh_sent,
                      (json_int_t)(c->zh_sent + c->n_zh), "type", c->type, "score", score);
    return S_put_json(w->f, o, doc, err);
}

int enf_corpus_writer_add_files(enf_corpus_writer *w, const char *doc, const char *en_file,
                                const char *zh_file, const enf_corpus_pairs *p, enf_error *err)
{
    for (size_t i = 0; i < p->n; i++) {
        const enf_corpus_pair *c = &p->v[i];
        int rc = ENF_OK;
        switch (w->fmt) {
        case ENF_CORPUS_FMT_TMX:
            rc = enf__tmx_add(w->tmx, doc, c, err);
            break;
        case ENF_CORPUS_FMT_PO:
            rc = enf__po_add(w->po, doc, en_file, zh_file, c, err);
            break;
        case ENF_CORPUS_FMT_TSV:
            S_line_field(w->f, c->en);
            fputc('\t', w->f);
            S_line_field(w->f, c->zh);
            fputc('\n', w->f);
            break;
        case ENF_CORPUS_FMT_MOSES:
            S_line_field(w->f, c->en);
            fputc('\n', w->f);
            S_line_field(w->zh, c->zh);
            fputc('\n', w->zh);
            /* doc, block bead, first block per side, sentences, type, score */
            S_line_field(w->meta, doc);
            fprintf(w->meta, "\t%zu\t%d\t%d\t%zu+%zu\t%zu+%zu\t%s\t%.3f\n", c->block_bead,
                    c->en_block, c->zh_block, c->en_sent, c->n_en, c->zh_sent, c->n_zh, c->type,
                    c->score);
            break;
        default:
            rc = S_jsonl(w, doc, c, err);
        }
        if (rc)
            return rc;
    }
    if (ferror(w->f) || (w->zh && ferror(w->zh)) || (w->meta && ferror(w->meta)))
        return enf_error_set(err, ENF_EIO, "write error");
    return ENF_OK;
}

int enf_corpus_writer_add(enf_corpus_writer *w, const char *doc, const enf_corpus_pairs *p,
                          enf_error *err)
{
    return enf_corpus_writer_add_files(w, doc, NULL, NULL, p, err);
}

int enf_corpus_writer_end(enf_corpus_writer *w, enf_error *err)
{
    if (!w)
        return ENF_OK;
    int rc = ENF_OK;
    if (w->tmx)
        rc = enf__tmx_end(w->tmx, err);
    if (w->po)
        enf__po_end(w->po);
    if (!rc && (fflush(w->f) != 0 || (w->zh && fflush(w->zh) != 0) ||
                (w->meta && fflush(w->meta) != 0)))
        rc = enf_error_set(err, ENF_EIO, "write error");
    free(w);
    return rc;
}
