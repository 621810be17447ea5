/* read_lines.c — one unit per line, ids 0-based: the format of the public
 * sentence-alignment benchmarks (MAC, Text+Berg) and of pre-split text.
 * Empty lines are units too, so ids stay line indexes. */
#include "enface/read.h"
#include "model_internal.h"
#include "read_internal.h"

#include <string.h>

int enf_doc_read_lines(const char *name, const char *data, size_t len, enf_doc **out,
                       enf_error *err)
{
    return enf__read_lines(name, data, len, NULL, out, err);
}

int enf__read_lines(const char *name, const char *data, size_t len, const enf_read_opts *o,
                    enf_doc **out, enf_error *err)
{
    *out = NULL;
    int rc = enf__input_check(name, data, len, err);
    if (rc)
        return rc;
    enf_doc *d = enf__doc_new(name, data, len, ENF_UNITS_LINES);
    if (!d)
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
    if (o) {
        /* every token kept: the sentence aligner reads no anchors, and a
         * line is no block pair */
        enf_read_opts lean = {o->units, o->encoding, o->align_only, NULL};
        enf__read_opts_apply(d, &lean);
    }
    size_t cap = 0, p = 0;
    int line = 0;
    enf_buf b = {0};
    while (p < d->len) {
        size_t e = p;
        while (e < d->len && d->data[e] != '\n')
            e++;
        enf_block blk = {0};
        blk.id = line;
        blk.kind = ENF_BLOCK_LINE;
        blk.section = -1;
        blk.src_off = p;
        blk.src_len = e - p;
        blk.start_line = blk.end_line = line + 1;
        blk.start_col = 1;
        blk.end_col = (int)enf_utf8_count(d->data + p, e - p);
        b.len = 0;
        enf__buf_put_collapsed(&b, d->data + p, e - p);
        if (b.oom || enf__block_text(d->arena, &blk, b.s ? b.s : "", b.len) ||
            enf_anchors_build(d->arena, &blk, NULL, 0) || enf__doc_push_block(d, &cap, &blk)) {
            enf__buf_free(&b);
            enf_doc_free(d);
            return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
        }
        line++;
        p = e + 1;
    }
    enf__buf_free(&b);
    enf__doc_blocks_done(d);
    *out = d;
    return ENF_OK;
}
