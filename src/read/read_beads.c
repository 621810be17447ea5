/* read_beads.c — a stored alignment (the beads format that enface align
 * writes) read back against its two Docs, to score it or reuse it. */
#include "enface/read.h"
#include "model_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>


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
