/* read_html.c — HTML -> Doc with libxml2's HTML parser (no network, errors
 * recovered).  Units are the block elements h1-h6, p, li, pre, blockquote,
 * td/th, figcaption, dt/dd: an element is a unit when it holds text of its own
 * outside nested units.  Ids are the 1-based line where the element starts. */
#include "enface/read.h"
#include "model_internal.h"
#include "read_internal.h"

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int S_unit_kind(const xmlNode *n, int *level)
{
    if (n->type != XML_ELEMENT_NODE)
        return -1;
    const char *t = (const char *)n->name;
    *level = 0;
    if ((t[0] == 'h' || t[0] == 'H') && t[1] >= '1' && t[1] <= '6' && !t[2]) {
        *level = t[1] - '0';
        return ENF_BLOCK_HEADING;
    }
    if (!strcasecmp(t, "pre"))
        return ENF_BLOCK_CODE;
    static const char *const para[] = {"p", "li", "blockquote", "td", "th", "figcaption",
                                       "dt", "dd", "caption", NULL};
    for (int i = 0; para[i]; i++)
        if (!strcasecmp(t, para[i]))
            return ENF_BLOCK_PARAGRAPH;
    return -1;
}

static int S_skipped(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return n->type == XML_COMMENT_NODE;
    const char *t = (const char *)n->name;
    return !strcasecmp(t, "script") || !strcasecmp(t, "style") || !strcasecmp(t, "noscript") ||
           !strcasecmp(t, "template") || !strcasecmp(t, "head");
}

/* Where each element is: libxml2 keeps an element's line in an unsigned
 * short (every element after line 65535 would get id 65535) and no byte
 * offsets, so the SAX callbacks note, as each element starts and ends, its
 * full line and its bytes in the input; the element's psvi field (unused by
 * the HTML parser) holds its index + 1 in this table. */
typedef struct {
    long line;
    size_t start, end;      /* [start, end) in the input; ENF_NO_OFFSET = unknown */
    size_t inner;           /* just past the start tag's '>' */
    size_t inner_end;       /* where the end tag starts (= end without one) */
} S_place;

typedef struct {
    S_place *v;
    size_t n, cap;
    const char *data;       /* the input as the parser reads it */
    size_t len;
} S_places;

static S_places *S_ctx_places(htmlParserCtxtPtr ctxt)
{
    return ctxt->_private;
}

/* Byte offset of the parser in the input, or ENF_NO_OFFSET. */
static size_t S_cur(htmlParserCtxtPtr ctxt, const S_places *pl)
{
    if (!ctxt->input || !ctxt->input->cur || !ctxt->input->base)
        return ENF_NO_OFFSET;
    /* the parser reads a copy of the input, shrunk as it goes */
    size_t c = (size_t)ctxt->input->consumed + (size_t)(ctxt->input->cur - ctxt->input->base);
    if (c > pl->len || (c < pl->len && (char)*ctxt->input->cur != pl->data[c]))
        return ENF_NO_OFFSET;
    return c;
}

static void S_start_element(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    htmlParserCtxtPtr ctxt = ctx;
    S_places *pl = S_ctx_places(ctxt);
    size_t cur = S_cur(ctxt, pl);
    xmlSAX2StartElement(ctx, name, atts);
    if (!ctxt->node || !ctxt->input)
        return;
    S_place p = {ctxt->input->line > 0 ? ctxt->input->line : 0, ENF_NO_OFFSET, ENF_NO_OFFSET,
                 ENF_NO_OFFSET, ENF_NO_OFFSET};
    if (cur != ENF_NO_OFFSET) {
        /* the parser is at the end of the start tag (its '>' or "/>"): the
         * tag starts at the last '<' followed by the name before it */
        size_t nl = strlen((const char *)name);
        for (size_t i = cur; i-- > 0 && cur - i < 65536;) {
            if (pl->data[i] == '<' && i + 1 + nl <= pl->len &&
                !strncasecmp(pl->data + i + 1, (const char *)name, nl)) {
                p.start = i;
                break;
            }
        }
        size_t g = cur;
        while (g < pl->len && pl->data[g] != '>' && g - cur < 4)
            g++;
        p.inner = g < pl->len && pl->data[g] == '>' ? g + 1 : cur;
    }
    if (enf__grow((void **)&pl->v, &pl->cap, pl->n + 1, sizeof *pl->v))
        return;   /* no place: the element falls back to its line */
    pl->v[pl->n++] = p;
    ctxt->node->psvi = (void *)(intptr_t)pl->n;
}

static void S_end_element(void *ctx, const xmlChar *name)
{
    htmlParserCtxtPtr ctxt = ctx;
    S_places *pl = S_ctx_places(ctxt);
    xmlNode *n = ctxt->node;
    size_t cur = S_cur(ctxt, pl);
    if (n && n->psvi && cur != ENF_NO_OFFSET) {
        S_place *p = &pl->v[(intptr_t)n->psvi - 1];
        size_t nl = strlen((const char *)name), e = cur, ie;
        /* Closed by its own end tag, the parser is past it.  Closed by
         * another tag (an implied </p>), the parser is at that tag's '<'
         * (it looked ahead) or inside it, and that tag is not the
         * element's.  A void element (<img>) ends with its start tag. */
        size_t t = e;
        while (t > 0 && pl->data[t - 1] != '<' && e - t < 64 + nl)
            t--;
        int own = t > 0 && t + 1 + nl <= e && pl->data[t] == '/' &&
                  !strncasecmp(pl->data + t + 1, (const char *)name, nl);
        if (own) {
            ie = t - 1;
        } else {
            int after_end_tag = t > 0 && pl->data[t] == '/' && cur > 0 && pl->data[cur - 1] == '>';
            if (t > 0 && (after_end_tag || (cur < pl->len && pl->data[cur] != '<')))
                e = t - 1;
            while (e > p->start && e > 0 &&
                   (pl->data[e - 1] == ' ' || pl->data[e - 1] == '\n' || pl->data[e - 1] == '\t'))
                e--;
            ie = e;
        }
        if (p->inner != ENF_NO_OFFSET && e < p->inner)
            e = ie = p->inner;
        if (p->start != ENF_NO_OFFSET && e >= p->start) {
            p->end = e;
            p->inner_end = ie >= p->inner && ie <= e ? ie : e;
        }
    }
    xmlSAX2EndElement(ctx, name);
}

static const S_place *S_place_of(const S_places *pl, const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && n->psvi ? &pl->v[(intptr_t)n->psvi - 1] : NULL;
}

static long S_line(const S_places *pl, const xmlNode *n)
{
    const S_place *p = S_place_of(pl, n);
    return p && p->line ? p->line : xmlGetLineNo(n);
}

/* An element's bytes [*off, *off + *len) and its content start; 0 when
 * they are not known. */
static int S_bytes(const S_places *pl, const xmlNode *n, size_t *off, size_t *len, size_t *inner,
                   size_t *inner_end)
{
    const S_place *p = S_place_of(pl, n);
    if (!p || p->start == ENF_NO_OFFSET || p->end == ENF_NO_OFFSET || p->end < p->start)
        return 0;
    *off = p->start;
    *len = p->end - p->start;
    *inner = p->inner != ENF_NO_OFFSET && p->inner <= p->end ? p->inner : p->start;
    *inner_end = p->inner_end >= *inner && p->inner_end <= p->end ? p->inner_end : p->end;
    return 1;
}

/* The value of attribute attr inside the start tag at data[off, inner), as
 * written: [*vo, *vo + *vl). */
static int S_attr_at(const char *data, size_t off, size_t inner, const char *attr, size_t *vo, size_t *vl)
{
    size_t al = strlen(attr);
    for (size_t i = off + 1; i + al + 1 < inner; i++) {
        if (strncasecmp(data + i, attr, al) || data[i + al] != '=' ||
            !(data[i - 1] == ' ' || data[i - 1] == '\t' || data[i - 1] == '\n'))
            continue;
        size_t v = i + al + 1;
        char q = data[v] == '"' || data[v] == '\'' ? data[v++] : 0;
        size_t e = v;
        while (e < inner && (q ? data[e] != q : (data[e] != ' ' && data[e] != '>' && data[e] != '\n')))
            e++;
        *vo = v;
        *vl = e - v;
        return 1;
    }
    return 0;
}

/* Line and column of data[off], counted on from the last position asked
 * for when that is on the same line and before: blocks come in reading
 * order, and on a one-line page counting each column from the line start
 * would be quadratic. */
typedef struct {
    size_t off;
    int line, col;
    int valid;
} S_poscur;

static void S_position(const enf_doc *d, S_poscur *pc, size_t off, int *line, int *col)
{
    int l;
    enf_doc_position(d, off, &l, NULL);
    if (pc->valid && pc->line == l && pc->off <= off) {
        *col = pc->col + (int)enf_utf8_count(d->data + pc->off, off - pc->off);
    } else {
        enf_doc_position(d, off, &l, col);
    }
    *line = l;
    pc->off = off;
    pc->line = l;
    pc->col = *col;
    pc->valid = 1;
}

/* Text of a unit without its nested units (iterative: no recursion depth). */
static int S_unit_text(xmlNode *unit, enf_buf *b, enf_anchor_list *x, enf_arena *arena,
                       const S_places *pl, enf_inline_list *il)
{
    xmlNode *n = unit->children;
    int rc = 0;
    while (n) {
        int lv;
        int descend = 0;
        if (S_skipped(n) || S_unit_kind(n, &lv) >= 0) {
            /* nested unit or ignored element: not part of this text */
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                enf__buf_put_collapsed(b, (const char *)n->content, strlen((const char *)n->content));
        } else if (n->type == XML_ELEMENT_NODE) {
            const char *t = (const char *)n->name;
            int is_a = !strcasecmp(t, "a"), is_img = !strcasecmp(t, "img"), is_code = !strcasecmp(t, "code");
            int is_em = !strcasecmp(t, "em") || !strcasecmp(t, "i");
            int is_strong = !strcasecmp(t, "strong") || !strcasecmp(t, "b");
            enf_inline sp = {0};
            size_t inner = 0, end_tag = 0;
            int placed = (is_a || is_img || is_code || is_em || is_strong) &&
                         S_bytes(pl, n, &sp.off, &sp.len, &inner, &end_tag);
            if (placed) {
                sp.kind = is_a ? ENF_INLINE_LINK : is_img ? ENF_INLINE_IMAGE : is_code ? ENF_INLINE_CODE
                          : is_em ? ENF_INLINE_EMPH : ENF_INLINE_STRONG;
                for (xmlNode *p = n->parent; p && p != unit; p = p->parent)
                    sp.depth++;
                if (is_img) {
                    inner = sp.off;
                    end_tag = sp.off;
                }
                sp.inner_off = inner;
                sp.inner_len = end_tag > inner ? end_tag - inner : 0;
            }
            if (is_a || is_img) {
                xmlChar *v = xmlGetProp(n, (const xmlChar *)(is_a ? "href" : "src"));
                if (v) {
                    const char *val = enf_arena_strndup(arena, (const char *)v, strlen((const char *)v));
                    size_t vo = 0, vl = 0;
                    if (placed && S_attr_at(pl->data, sp.off, inner > sp.off ? inner : sp.off + sp.len,
                                            is_a ? "href" : "src", &vo, &vl)) {
                        sp.dest_off = vo;
                        sp.dest_len = vl;
                    }
                    sp.url = val;
                    enf__anchor_list_add_at(x, is_a ? ENF_ANCHOR_LINK : ENF_ANCHOR_IMAGE, val,
                                            sp.dest_len ? sp.dest_off : sp.off, placed ? (sp.dest_len ? sp.dest_len : sp.len) : 0);
                    xmlFree(v);
                }
                if (t[0] == 'i' || t[0] == 'I') {
                    xmlChar *alt = xmlGetProp(n, (const xmlChar *)"alt");
                    if (alt) {
                        enf__buf_put_collapsed(b, (const char *)alt, strlen((const char *)alt));
                        xmlFree(alt);
                    }
                }
            }
            if (!strcasecmp(t, "br"))
                enf__buf_putc(b, ' ');
            if (is_code) {
                xmlChar *c = xmlNodeGetContent(n);
                if (c) {
                    enf__anchor_list_add_at(x, ENF_ANCHOR_CODE,
                                enf_arena_strndup(arena, (const char *)c, strlen((const char *)c)),
                                sp.inner_off, placed ? sp.inner_len : 0);
                    xmlFree(c);
                }
            }
            if (placed && il && enf__inline_list_add(il, &sp))
                rc = -1;
            descend = n->children != NULL;
        }
        if (descend) {
            n = n->children;
            continue;
        }
        while (n && !n->next && n->parent != unit)
            n = n->parent;
        n = n ? n->next : NULL;
    }
    return rc;
}

/* The charset a <meta> in the first 2 KiB declares, when it is not UTF-8. */
static const char *S_declared_charset(const char *data, size_t len)
{
    size_t n = len < 2048 ? len : 2048;
    for (size_t i = 0; i + 8 < n; i++) {
        if (strncasecmp(data + i, "charset=", 8) != 0)
            continue;
        const char *v = data + i + 8;
        while (v < data + n && (*v == '"' || *v == '\'' || *v == ' '))
            v++;
        if (v + 5 <= data + n && !strncasecmp(v, "utf-8", 5))
            return NULL;
        if (v + 4 <= data + n && !strncasecmp(v, "utf8", 4))
            return NULL;
        return v < data + n ? v : NULL;
    }
    return NULL;
}

/* Can libxml2 decode the charset named by the first n bytes of cs? */
static int S_known_charset(const char *cs, int n)
{
    char buf[48];
    if (n <= 0 || n >= (int)sizeof buf)
        return 0;
    memcpy(buf, cs, (size_t)n);
    buf[n] = '\0';
    xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(buf);
    if (!h)
        return 0;
    xmlCharEncCloseFunc(h);
    return 1;
}

static void S_quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int enf_doc_read_html(const char *name, const char *data, size_t len, enf_doc **out,
                      enf_error *err)
{
    return enf__read_html(name, data, len, NULL, out, err);
}

int enf__read_html(const char *name, const char *data, size_t len, const enf_read_opts *o,
                   enf_doc **out, enf_error *err)
{
    /* libxml2 reports through us (nothing), never raw to stderr */
    xmlSetGenericErrorFunc(NULL, S_quiet);
    *out = NULL;
    /* A page may declare another charset (GBK, Big5...): libxml2 decodes it
     * and the text comes out as UTF-8; otherwise the bytes must be UTF-8. */
    const char *declared = S_declared_charset(data, len);
    int dlen = 0;
    while (declared && dlen < 40 && declared + dlen < data + len &&
           (isalnum((unsigned char)declared[dlen]) || strchr("-_.:", declared[dlen])))
        dlen++;
    /* Bytes that are valid UTF-8 are read as UTF-8 whatever the page
     * says: a stale <meta charset=gbk> over a UTF-8 file, "charset=" in the
     * text, a UTF-16 declaration over single bytes (an ASCII page reads the
     * same in every ASCII-based charset).  Other bytes are converted whole
     * and strictly from the declared charset, or refused at the first byte
     * it does not define -- never read in part. */
    char *converted = NULL;
    if (declared) {
        enf_error e;
        if (enf_utf8_check(name, data, len, &e) == ENF_OK) {
            declared = NULL;
        } else if (!S_known_charset(declared, dlen)) {
            return enf_error_set(err, ENF_EINPUT,
                                 "%s: declares charset '%.*s', which is not known, and is not UTF-8; "
                                 "convert the file to UTF-8",
                                 name, dlen, declared);
        } else {
            char cs[48];
            memcpy(cs, declared, (size_t)dlen);
            cs[dlen] = '\0';
            size_t clen = 0;
            int drc = enf_decode_to_utf8(name, data, len, cs, &converted, &clen, err);
            if (drc)
                return drc;
            data = converted;
            len = clen;
            declared = NULL;
        }
    }
    int rc = enf__input_check(name, data, len, err);
    enf_doc *d = rc ? NULL : enf__doc_new(name, data, len, ENF_UNITS_HTML);
    free(converted);   /* the Doc has its own copy */
    if (rc)
        return rc;
    if (!d)
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
    enf__read_opts_apply(d, o);
    if (d->len > (size_t)INT_MAX) {
        enf_doc_free(d);
        return enf_error_set(err, ENF_EINPUT, "%s: too large for the HTML parser", name);
    }
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) {
        enf_doc_free(d);
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
    }
    S_places pl = {NULL, 0, 0, d->data, d->len};   /* UTF-8 by now: offsets are the input's */
    ctxt->_private = &pl;
    ctxt->sax->startElement = S_start_element;
    ctxt->sax->endElement = S_end_element;
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, d->data, (int)d->len, name, "UTF-8",
                                        HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                            HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                            HTML_PARSE_NOBLANKS);
    htmlFreeParserCtxt(ctxt);
    if (!doc) {
        enf_doc_free(d);
        return enf_error_set(err, ENF_EINPUT, "%s: not parseable as HTML", name);
    }
    /* line starts; ls[nlines] is one past the end, as if a newline followed */
    const size_t *ls = d->line_start;
    size_t nlines = d->n_lines;
    size_t cap = 0;
    enf_buf b = {0};
    enf_anchor_list x = {0};
    enf_inline_list il = {0};
    enf__sections sec;
    enf__sections_init(&sec);
    int next_list = 0;
    S_poscur pc_start = {0}, pc_end = {0};
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *n = root;
    rc = ENF_OK;
    while (n && rc == ENF_OK) {
        int lv = 0;
        int kind = S_skipped(n) ? -1 : S_unit_kind(n, &lv);
        if (kind >= 0) {
            b.len = 0;
            if (b.s)
                b.s[0] = '\0';
            x.n = 0;
            il.n = 0;
            enf_block blk = {0};
            size_t eoff = 0, elen = 0, einner = 0, eiend = 0;
            int placed = S_bytes(&pl, n, &eoff, &elen, &einner, &eiend);
            blk.kind = (enf_block_kind)kind;
            blk.level = lv;
            if (kind == ENF_BLOCK_CODE) {
                xmlChar *c = xmlNodeGetContent(n);
                if (c) {
                    enf__buf_puts(&b, (const char *)c);
                    enf_buf f = {0};
                    enf__buf_put_collapsed(&f, (const char *)c, strlen((const char *)c));
                    if (f.len)
                        enf__anchor_list_add_at(&x, ENF_ANCHOR_CODE, enf_arena_strndup(d->arena, f.s, f.len),
                                                einner, placed ? eiend - einner : 0);
                    enf__buf_free(&f);
                    xmlFree(c);
                }
            } else if (S_unit_text(n, &b, &x, d->arena, &pl,
                                   d->align_only ? NULL : &il)) {   /* none kept to align */
                rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
                break;
            }
            int blank = 1;
            for (size_t i = 0; i < b.len && blank; i++)
                blank = b.s[i] == ' ' || b.s[i] == '\n' || b.s[i] == '\t';
            if (!blank || x.n) {
                long line = S_line(&pl, n);
                blk.id = line > 0 ? (int)line : 1;
                blk.start_line = blk.end_line = blk.id;
                blk.start_col = 1;
                size_t ln = (size_t)blk.id <= nlines ? (size_t)blk.id : nlines;
                if (placed) {
                    /* the element's own bytes: on a minified page one line
                     * holds thousands of blocks, and every later stage works
                     * on a block's span (issue 17) */
                    blk.src_off = eoff;
                    blk.src_len = elen;
                    S_position(d, &pc_start, eoff, &blk.start_line, &blk.start_col);
                    S_position(d, &pc_end, elen ? eoff + elen - 1 : eoff, &blk.end_line, &blk.end_col);
                } else {
                    /* the element's bytes unknown: its line, from the
                     * line-start table */
                    blk.src_off = ls[ln - 1];
                    blk.src_len = ls[ln] - 1 - ls[ln - 1];
                }
                for (xmlNode *p = n->parent; p; p = p->parent) {
                    if (p->type != XML_ELEMENT_NODE)
                        continue;
                    const char *t = (const char *)p->name;
                    if (!strcasecmp(t, "ul") || !strcasecmp(t, "ol")) {
                        blk.list_depth++;
                        if (!blk.list_id) {
                            /* number lists by their first element's address order */
                            if (!p->_private)
                                p->_private = (void *)(intptr_t)++next_list;
                            blk.list_id = (int)(intptr_t)p->_private;
                        }
                    }
                    if (!strcasecmp(t, "blockquote"))
                        blk.quote_depth++;
                    if (!strcasecmp(t, "table"))
                        blk.flags |= ENF_BF_TABLE;
                }
                if (!strcasecmp((const char *)n->name, "li"))
                    blk.flags |= ENF_BF_LIST_ITEM;
                if (!strcasecmp((const char *)n->name, "td") || !strcasecmp((const char *)n->name, "th"))
                    blk.flags |= ENF_BF_TABLE;
                if (b.oom || enf__doc_add_block_inlines(d, &cap, &blk, b.s ? b.s : "", b.len, &sec, &x, &il)) {
                    rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
                    break;
                }
            }
        }
        /* pre-order walk; a <pre> is taken whole, skipped elements are not entered */
        if (n->children && !S_skipped(n) && kind != ENF_BLOCK_CODE) {
            n = n->children;
            continue;
        }
        while (n && !n->next)
            n = n->parent;
        n = n ? n->next : NULL;
    }
    for (xmlNode *p = root; p;) {
        /* clear the list numbers and lines kept in the nodes before freeing */
        p->_private = NULL;
        if (p->type == XML_ELEMENT_NODE)
            p->psvi = NULL;
        if (p->children) {
            p = p->children;
            continue;
        }
        while (p && !p->next)
            p = p->parent;
        p = p ? p->next : NULL;
    }
    xmlFreeDoc(doc);
    enf__buf_free(&b);
    free(x.v);
    free(il.v);
    free(pl.v);
    if (rc) {
        enf_doc_free(d);
        return rc;
    }
    enf__doc_blocks_done(d);
    *out = d;
    return ENF_OK;
}
