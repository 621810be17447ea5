/* write_align.c — alignment writers: beads (the interchange format of
 * ../shared/DESIGN.md), TSV and JSONL (jansson) for people and programs.
 * And the beads reader, to score or reuse a stored alignment. */
#include "enface.h"
#include "internal.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void S_ids(FILE *f, const enf_doc *d, size_t start, size_t n)
{
    fputc('[', f);
    for (size_t k = 0; k < n; k++)
        fprintf(f, "%s%d", k ? "," : "", d->blocks[start + k].id);
    fputc(']', f);
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

/* ---- beads reader */

static int S_find(const enf_doc *d, int id, size_t *idx)
{
    size_t lo = 0, hi = d->n_blocks;   /* ids increase with block index */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->blocks[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < d->n_blocks && d->blocks[lo].id == id) {
        *idx = lo;
        return 1;
    }
    return 0;
}

static int S_parse_side(const char **pp, const char *end, const enf_doc *d, size_t *start,
                        size_t *n, const char *name, int line, enf_error *err)
{
    const char *p = *pp;
    while (p < end && isspace((unsigned char)*p))
        p++;
    if (p >= end || *p != '[')
        return enf_error_set(err, ENF_EINPUT, "%s:%d: expected '[' in bead", name, line);
    p++;
    *n = 0;
    size_t prev = 0;
    for (;;) {
        while (p < end && isspace((unsigned char)*p))
            p++;
        if (p < end && *p == ']') {
            p++;
            break;
        }
        if (p >= end || !isdigit((unsigned char)*p))
            return enf_error_set(err, ENF_EINPUT, "%s:%d: expected a unit id", name, line);
        long v = 0;
        while (p < end && isdigit((unsigned char)*p)) {
            v = v * 10 + (*p++ - '0');
            if (v > 1000000000L)
                return enf_error_set(err, ENF_EINPUT, "%s:%d: unit id too large", name, line);
        }
        size_t idx;
        if (!S_find(d, (int)v, &idx))
            return enf_error_set(err, ENF_EINPUT, "%s:%d: %ld is not a unit of %s", name, line, v,
                                 d->name);
        if (*n == 0)
            *start = idx;
        else if (idx != prev + 1)
            return enf_error_set(err, ENF_EINPUT,
                                 "%s:%d: unit %ld does not follow the previous one in %s", name,
                                 line, v, d->name);
        prev = idx;
        (*n)++;
        while (p < end && isspace((unsigned char)*p))
            p++;
        /* ids are separated by commas: "[1 2]" or "[12345678901]" is not
         * silently read as two ids */
        if (p < end && *p == ',')
            p++;
        else if (p >= end || *p != ']')
            return enf_error_set(err, ENF_EINPUT, "%s:%d: expected ',' or ']' after unit %ld",
                                 name, line, v);
    }
    *pp = p;
    return ENF_OK;
}

int enf_read_beads(const char *name, const char *data, size_t len, const enf_doc *en,
                   const enf_doc *zh, enf_alignment **out, enf_error *err)
{
    *out = NULL;
    enf_alignment *al = calloc(1, sizeof *al);
    size_t cap = 0;
    if (!al)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    const char *p = data, *end = data + len;
    int line = 0;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        if (!e)
            e = end;
        line++;
        const char *q = p;
        while (q < e && isspace((unsigned char)*q))
            q++;
        if (q < e && *q != '#') {
            enf_bead b = {0};
            int rc = S_parse_side(&q, e, en, &b.en, &b.n_en, name, line, err);
            if (!rc) {
                while (q < e && isspace((unsigned char)*q))
                    q++;
                if (q >= e || *q != ':')
                    rc = enf_error_set(err, ENF_EINPUT, "%s:%d: expected ':' between sides", name, line);
                else {
                    q++;
                    rc = S_parse_side(&q, e, zh, &b.zh, &b.n_zh, name, line, err);
                }
            }
            if (!rc) {
                /* after the bead only a comment ("# ...", as --explain
                 * writes) may follow: anything else is a damaged line */
                while (q < e && isspace((unsigned char)*q))
                    q++;
                if (q < e && *q != '#')
                    rc = enf_error_set(err, ENF_EINPUT, "%s:%d: unexpected text after the bead",
                                       name, line);
                else if (b.n_en + b.n_zh == 0)
                    rc = enf_error_set(err, ENF_EINPUT, "%s:%d: empty bead []:[]", name, line);
            }
            if (rc) {
                enf_alignment_free(al);
                return rc;
            }
            b.score = 1.0;
            if (enf__grow((void **)&al->beads, &cap, al->n_beads + 1, sizeof *al->beads)) {
                enf_alignment_free(al);
                return enf_error_set(err, ENF_ENOMEM, "out of memory");
            }
            al->beads[al->n_beads++] = b;
        }
        p = e + 1;
    }
    if (al->n_beads == 0 && en->n_blocks + zh->n_blocks > 0) {
        /* an empty file would silently pair nothing with nothing */
        enf_alignment_free(al);
        return enf_error_set(err, ENF_EINPUT, "%s: no beads in the file", name);
    }
    *out = al;
    return ENF_OK;
}
