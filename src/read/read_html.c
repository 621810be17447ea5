/* read_html.c — HTML -> Doc with libxml2's HTML parser (no network, errors
 * recovered).  Units are the block elements h1-h6, p, li, pre, blockquote,
 * td/th, figcaption, dt/dd: an element is a unit when it holds text of its own
 * outside nested units.  Ids are the 1-based line where the element starts. */
#include "enface/read.h"
#include "model_internal.h"

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

/* Text of a unit without its nested units (iterative: no recursion depth). */
static void S_unit_text(xmlNode *unit, enf_buf *b, enf_anchor_list *x, enf_arena *arena)
{
    xmlNode *n = unit->children;
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
            if (!strcasecmp(t, "a") || !strcasecmp(t, "img")) {
                xmlChar *v = xmlGetProp(n, (const xmlChar *)(t[0] == 'a' || t[0] == 'A' ? "href" : "src"));
                if (v) {
                    enf__anchor_list_add(x, (t[0] == 'a' || t[0] == 'A') ? ENF_ANCHOR_LINK : ENF_ANCHOR_IMAGE,
                                enf_arena_strndup(arena, (const char *)v, strlen((const char *)v)));
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
            if (!strcasecmp(t, "code")) {
                xmlChar *c = xmlNodeGetContent(n);
                if (c) {
                    enf__anchor_list_add(x, ENF_ANCHOR_CODE,
                                enf_arena_strndup(arena, (const char *)c, strlen((const char *)c)));
                    xmlFree(c);
                }
            }
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

/* Are a block's text and anchors valid UTF-8? */
static int S_valid_block(const enf_block *b)
{
    enf_error e;
    if (enf_utf8_check("", b->text, b->text_len, &e))
        return 0;
    for (size_t k = 0; k < b->n_anchors; k++)
        if (enf_utf8_check("", b->anchors[k].value, strlen(b->anchors[k].value), &e))
            return 0;
    return 1;
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

/* libxml2 keeps an element's line in an unsigned short, so every element
 * after line 65535 would get id 65535: record the full line number in the
 * element's psvi field (unused by the HTML parser) as it is created. */
static void S_start_element(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    htmlParserCtxtPtr ctxt = ctx;
    xmlSAX2StartElement(ctx, name, atts);
    if (ctxt->node && ctxt->input && ctxt->input->line > 0)
        ctxt->node->psvi = (void *)(intptr_t)ctxt->input->line;
}

static long S_line(const xmlNode *n)
{
    return n->psvi ? (long)(intptr_t)n->psvi : xmlGetLineNo(n);
}

int enf_doc_read_html(const char *name, const char *data, size_t len, enf_doc **out,
                      enf_error *err)
{
    *out = NULL;
    /* A page may declare another charset (GBK, Big5...): libxml2 decodes it
     * and the text comes out as UTF-8; otherwise the bytes must be UTF-8. */
    const char *declared = S_declared_charset(data, len);
    int dlen = 0;
    while (declared && dlen < 40 && declared + dlen < data + len &&
           (isalnum((unsigned char)declared[dlen]) || strchr("-_.:", declared[dlen])))
        dlen++;
    if (declared && !S_known_charset(declared, dlen)) {
        /* a name libxml2 cannot decode (or "charset=" in running text):
         * the bytes had better be UTF-8 */
        enf_error e;
        if (enf_utf8_check(name, data, len, &e))
            return enf_error_set(err, ENF_EINPUT,
                                 "%s: declares charset '%.*s', which is not known, and is not UTF-8; "
                                 "convert the file to UTF-8",
                                 name, dlen, declared);
        declared = NULL;
    }
    int rc = declared ? ENF_OK : enf__input_check(name, data, len, err);
    if (rc)
        return rc;
    if (declared && memchr(data, '\0', len))
        return enf_error_set(err, ENF_EINPUT, "%s: NUL byte: this looks like a binary file, not text", name);
    enf_doc *d = enf__doc_new(name, data, len, ENF_UNITS_HTML);
    if (!d)
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
    if (d->len > (size_t)INT_MAX) {
        enf_doc_free(d);
        return enf_error_set(err, ENF_EINPUT, "%s: too large for the HTML parser", name);
    }
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) {
        enf_doc_free(d);
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
    }
    ctxt->sax->startElement = S_start_element;
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, d->data, (int)d->len, name, declared ? NULL : "UTF-8",
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
    enf__sections sec;
    enf__sections_init(&sec);
    int next_list = 0;
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
            enf_block blk = {0};
            blk.kind = (enf_block_kind)kind;
            blk.level = lv;
            if (kind == ENF_BLOCK_CODE) {
                xmlChar *c = xmlNodeGetContent(n);
                if (c) {
                    enf__buf_puts(&b, (const char *)c);
                    enf_buf f = {0};
                    enf__buf_put_collapsed(&f, (const char *)c, strlen((const char *)c));
                    if (f.len)
                        enf__anchor_list_add(&x, ENF_ANCHOR_CODE, enf_arena_strndup(d->arena, f.s, f.len));
                    enf__buf_free(&f);
                    xmlFree(c);
                }
            } else {
                S_unit_text(n, &b, &x, d->arena);
            }
            int blank = 1;
            for (size_t i = 0; i < b.len && blank; i++)
                blank = b.s[i] == ' ' || b.s[i] == '\n' || b.s[i] == '\t';
            if (!blank || x.n) {
                long line = S_line(n);
                blk.id = line > 0 ? (int)line : 1;
                blk.start_line = blk.end_line = blk.id;
                blk.start_col = 1;
                /* the element's line as its source span (a line-start
                 * table: scanning from the start was O(blocks x size)) */
                size_t ln = (size_t)blk.id <= nlines ? (size_t)blk.id : nlines;
                blk.src_off = ls[ln - 1];
                blk.src_len = ls[ln] - 1 - ls[ln - 1];
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
                if (b.oom || enf__doc_add_block(d, &cap, &blk, b.s ? b.s : "", b.len, &sec, &x)) {
                    rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
                    break;
                }
                if (declared && !S_valid_block(&blk)) {
                    /* bytes the declared charset does not cover come out
                     * of libxml2 as they were */
                    rc = enf_error_set(err, ENF_EINPUT,
                                       "%s:%d: the text does not decode as the declared charset "
                                       "'%.*s'; convert the file to UTF-8 (iconv -f %.*s -t UTF-8)",
                                       name, blk.id, dlen, declared, dlen, declared);
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
    if (rc) {
        enf_doc_free(d);
        return rc;
    }
    *out = d;
    return ENF_OK;
}
