/* write_align.c — alignment writers: beads (the interchange format of
 * docs/architecture.md), TSV and JSONL (jansson) for people and programs.
 * src/read/read_beads.c reads beads back. */
#include "enface/write.h"
#include "model_internal.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* "[id,id,...]": written by hand, one fwrite a side (a 100k-block pair
 * has 190k ids, and fprintf's formatting was most of the writing) */
static void S_ids(FILE *f, const enf_doc *d, size_t start, size_t n)
{
    char buf[256];
    size_t o = 0;
    buf[o++] = '[';
    for (size_t k = 0; k < n; k++) {
        /* room for a comma, a sign and an int's ten digits */
        _Static_assert(sizeof(int) <= 4, "an int has at most ten digits");
        if (o > sizeof buf - 16) {
            fwrite(buf, 1, o, f);
            o = 0;
        }
        if (k)
            buf[o++] = ',';
        int v = d->blocks[start + k].id;
        char t[10];
        size_t m = 0;
        unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
        do
            t[m++] = (char)('0' + u % 10);
        while ((u /= 10));
        if (v < 0)
            buf[o++] = '-';
        while (m)
            buf[o++] = t[--m];
    }
    buf[o++] = ']';
    fwrite(buf, 1, o, f);
}

static void S_tsv_text(FILE *f, const enf_doc *d, size_t start, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (k)
            fputs(" \xE2\x80\x96 ", f);  /* a double bar between merged blocks */
        for (const char *p = d->blocks[start + k].text; *p; p++)
            fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, f);
    }
}

static json_t *S_side(const enf_doc *d, size_t start, size_t n, const char *what)
{
    json_t *a = json_array();
    for (size_t k = 0; k < n; k++) {
        const enf_block *b = &d->blocks[start + k];
        if (!strcmp(what, "ids"))
            json_array_append_new(a, json_integer(b->id));
        else if (!strcmp(what, "lines"))
            json_array_append_new(a, json_pack("[ii]", b->start_line, b->end_line));
        else if (!strcmp(what, "kinds"))
            json_array_append_new(a, json_string(enf_block_kind_name(b->kind)));
        else
            json_array_append_new(a, json_stringn(b->text, b->text_len));
    }
    return a;
}

int enf_write_alignment(FILE *f, enf_align_format fmt, const enf_doc *en, const enf_doc *zh,
                        const enf_alignment *al, int explain, enf_error *err)
{
    char type[16];
    if (fmt == ENF_ALIGN_FMT_TSV)
        fprintf(f, "type\tscore\ten_lines\tzh_lines\ten\tzh%s\n",
                explain ? "\tanchor_sim\tlength_ratio\tcost" : "");
    for (size_t i = 0; i < al->n_beads; i++) {
        const enf_bead *b = &al->beads[i];
        enf_bead_type(b, type, sizeof type);
        switch (fmt) {
        case ENF_ALIGN_FMT_BEADS:
            S_ids(f, en, b->en, b->n_en);
            fputc(':', f);
            S_ids(f, zh, b->zh, b->n_zh);
            if (explain)
                fprintf(f, "\t# %s score=%.2f anchors=%.2f length=%.2f cost=%.2f%s", type,
                        b->score, b->anchor_sim, b->length_ratio, b->cost,
                        (b->flags & ENF_BEAD_LOW_CONFIDENCE) ? " LOW" : "");
            fputc('\n', f);
            break;
        case ENF_ALIGN_FMT_TSV:
            fprintf(f, "%s\t%.3f\t", type, b->score);
            S_ids(f, en, b->en, b->n_en);
            fputc('\t', f);
            S_ids(f, zh, b->zh, b->n_zh);
            fputc('\t', f);
            S_tsv_text(f, en, b->en, b->n_en);
            fputc('\t', f);
            S_tsv_text(f, zh, b->zh, b->n_zh);
            if (explain)
                fprintf(f, "\t%.3f\t%.3f\t%.3f", b->anchor_sim, b->length_ratio, b->cost);
            fputc('\n', f);
            break;
        case ENF_ALIGN_FMT_JSONL: {
            json_t *o = json_object();
            json_object_set_new(o, "type", json_string(type));
            json_object_set_new(o, "score", json_real(b->score));
            json_object_set_new(o, "low_confidence",
                                json_boolean(b->flags & ENF_BEAD_LOW_CONFIDENCE));
            json_object_set_new(o, "en_ids", S_side(en, b->en, b->n_en, "ids"));
            json_object_set_new(o, "zh_ids", S_side(zh, b->zh, b->n_zh, "ids"));
            json_object_set_new(o, "en_lines", S_side(en, b->en, b->n_en, "lines"));
            json_object_set_new(o, "zh_lines", S_side(zh, b->zh, b->n_zh, "lines"));
            json_object_set_new(o, "en_kinds", S_side(en, b->en, b->n_en, "kinds"));
            json_object_set_new(o, "zh_kinds", S_side(zh, b->zh, b->n_zh, "kinds"));
            json_object_set_new(o, "en", S_side(en, b->en, b->n_en, "text"));
            json_object_set_new(o, "zh", S_side(zh, b->zh, b->n_zh, "text"));
            if (explain) {
                json_object_set_new(o, "anchor_sim", json_real(b->anchor_sim));
                json_object_set_new(o, "length_ratio", json_real(b->length_ratio));
                json_object_set_new(o, "cost", json_real(b->cost));
            }
            char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII * 0);
            json_decref(o);
            if (!s)
                return enf_error_set(err, ENF_ENOMEM, "out of memory");
            fputs(s, f);
            fputc('\n', f);
            free(s);
            break;
        }
        }
    }
    return ENF_OK;
}
