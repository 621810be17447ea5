/* report_marks.c — highlights in a block's text.  The setup and the row
 * renderer mark spans (inline code, glossary terms, numbers and code missing
 * from the other side, findings); enf__report_render_marked then cuts the
 * text at every mark boundary and nests the marks' elements around each
 * piece, with the explanation of a mark as its title. */
#include "report_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_MARKS 1000     /* per block, bounding the piece-by-mark work */

void enf__report_mark_add(enf__report_ctx *c, int side, size_t blk, size_t off, size_t len,
                          int kind, size_t a, int b)
{
    enf__report_marks *m = &c->marks[side][blk];
    const enf_block *B = &c->doc[side]->blocks[blk];
    if (m->n >= S_MAX_MARKS)
        return;
    if (off > B->text_len)
        return;
    if (len == 0 || off + len > B->text_len) /* whole block, or a span that does not fit */
        off = 0, len = B->text_len;
    /* keep spans on code point boundaries */
    while (off > 0 && ((unsigned char)B->text[off] & 0xC0) == 0x80)
        off--, len++;
    while (off + len < B->text_len && ((unsigned char)B->text[off + len] & 0xC0) == 0x80)
        len++;
    if (len == 0)
        return;
    /* a list per block, most of them a few marks long */
    if (enf__grow_small((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v)) {
        c->oom = 1;
        return;
    }
    enf__report_mark *x = &m->v[m->n++];
    x->off = off;
    x->len = len;
    x->kind = kind;
    x->a = a;
    x->b = b;
}

const char *enf__report_memmem(const char *h, size_t hn, const char *n, size_t nn)
{
    if (!nn || nn > hn)
        return NULL;
    for (size_t i = 0; i + nn <= hn; i++)
        if (h[i] == n[0] && !memcmp(h + i, n, nn))
            return h + i;
    return NULL;
}

static int S_cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* title="[rule] message" of a highlighted finding (text, escaped by libxml2) */
void enf__report_finding_title(xmlNodePtr e, const enf_finding *f)
{
    enf_buf tb = {0};
    enf__buf_puts(&tb, "[");
    enf__buf_puts(&tb, f->rule ? f->rule : "");
    enf__buf_puts(&tb, "] ");
    enf__buf_puts(&tb, f->message ? f->message : "");
    if (!tb.oom)
        enf__report_attr_text(e, "title", tb.s, tb.len);
    enf__buf_free(&tb);
}

/* Render text with its marks: the text is cut at every mark boundary and
 * each piece is wrapped in the elements of the marks covering it. */
void enf__report_render_marked(enf__report_ctx *c, xmlNodePtr parent, const char *text,
                               size_t len, const enf__report_marks *m)
{
    if (!m || m->n == 0) {
        enf__report_text(c, parent, text, len);
        return;
    }
    size_t nb = 0, *bounds = malloc((2 * m->n + 2) * sizeof *bounds);
    if (!bounds) {
        c->oom = 1;
        return;
    }
    bounds[nb++] = 0;
    bounds[nb++] = len;
    for (size_t i = 0; i < m->n; i++) {
        bounds[nb++] = m->v[i].off;
        bounds[nb++] = m->v[i].off + m->v[i].len;
    }
    qsort(bounds, nb, sizeof *bounds, S_cmp_size);
    char *started = calloc(m->n, 1);
    if (!started) {
        free(bounds);
        c->oom = 1;
        return;
    }
    for (size_t k = 0; k + 1 < nb; k++) {
        size_t p = bounds[k], q = bounds[k + 1];
        if (q <= p)
            continue;
        xmlNodePtr at = parent;
        for (int kind = ENF__MARK_CODE; kind <= ENF__MARK_FIND; kind++)
            for (size_t i = 0; i < m->n; i++) {
                const enf__report_mark *x = &m->v[i];
                if (x->kind != kind || x->off > p || x->off + x->len < q)
                    continue;
                xmlNodePtr e = NULL;
                char cls[64];
                switch (kind) {
                case ENF__MARK_CODE:
                    e = enf__report_el(c, at, "code", NULL);
                    break;
                case ENF__MARK_TERM: {
                    size_t slot = c->term_slot ? c->term_slot[x->a] : 0;
                    snprintf(cls, sizeof cls, "g t%zu%s",
                             slot ? (slot - 1) % ENF__REPORT_PALETTE : 0,
                             x->b == ENF_MATCH_FORBIDDEN ? " forbidden"
                             : x->b == ENF_MATCH_VARIANT ? " variant" : "");
                    e = enf__report_el(c, at, "mark", cls);
                    const enf_term *t = enf_glossary_term(c->g, x->a);
                    /* the explanation once per term and block (or on
                     * every forbidden/variant): pages stay small */
                    int first = !started[i];
                    for (size_t j = 0; j < i && first; j++)
                        first = !(m->v[j].kind == ENF__MARK_TERM && m->v[j].a == x->a &&
                                  started[j]);
                    if (t && e && (first || (x->b != ENF_MATCH_EN && x->b != ENF_MATCH_APPROVED &&
                                             !started[i]))) {
                        enf_buf tb = {0};
                        enf__buf_puts(&tb, x->b == ENF_MATCH_FORBIDDEN ? "forbidden rendering of "
                                           : x->b == ENF_MATCH_VARIANT ? "variant of "
                                                                       : "glossary: ");
                        enf__buf_puts(&tb, t->en ? t->en : "");
                        if (t->n_zh) {
                            enf__buf_puts(&tb, " \xE2\x86\x92 ");
                            enf__buf_puts(&tb, t->zh[0]);
                        }
                        if (!tb.oom)
                            enf__report_attr_text(e, "title", tb.s, tb.len);
                        enf__buf_free(&tb);
                    }
                    break;
                }
                case ENF__MARK_NUM:
                    e = enf__report_el(c, at, "mark", "dn");
                    if (!started[i])
                        enf__report_attr(e, "title", "number not found on the other side");
                    break;
                case ENF__MARK_DCODE:
                    e = enf__report_el(c, at, "mark", "dc");
                    if (!started[i])
                        enf__report_attr(e, "title", "code not found on the other side");
                    break;
                default: {
                    snprintf(cls, sizeof cls, "f s%d", x->b);
                    e = enf__report_el(c, at, "mark", cls);
                    const enf_finding *f = &c->fs->v[c->order[x->a - 1]];
                    enf__report_attr(e, "data-fr", "%zu", c->rule_of[c->order[x->a - 1]]);
                    enf__report_attr(e, "data-fs", "%d", x->b);
                    if (!started[i]) {
                        enf__report_finding_title(e, f);
                        enf__report_attr(e, "aria-describedby", "f%zu", x->a);
                    }
                    break;
                }
                }
                started[i] = 1;
                if (e)
                    at = e;
            }
        enf__report_text(c, at, text + p, q - p);
    }
    free(started);
    free(bounds);
}
