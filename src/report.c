/* report.c — Doc + Alignment (+ Findings, glossary, an older revision)
 * -> one self-contained HTML review page.  The page is a libxml2 HTML tree:
 * text from the inputs only ever becomes text nodes or attribute values
 * (libxml2 escapes them), link targets become hrefs only for safe schemes,
 * and the CSS and script are constants whose hashes the page's
 * Content-Security-Policy names (report_assets.h, made by
 * tools/embed-assets). */
#include "enface.h"
#include "internal.h"

#include <cmark.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report_assets.h"


#define S_PALETTE 12         /* term colours .t0 .. .t11 */
#define S_MAX_MARKS 1000     /* per block, bounding the piece-by-mark work */
#define S_MAX_URLS 200       /* per block shown under it */

enum { MK_CODE = 0, MK_TERM, MK_NUM, MK_DCODE, MK_FIND };

typedef struct {
    size_t off, len;
    int kind;
    size_t a;                /* finding page number, term index */
    int b;                   /* severity, match kind */
} S_mark;

typedef struct {
    S_mark *v;
    size_t n, cap;
} S_marks;

typedef struct {
    char *url;               /* malloc-owned */
    int image;
} S_url;

typedef struct {
    S_url *v;
    size_t n, cap;
} S_urls;

typedef struct {
    const enf_doc *doc[2];
    const enf_alignment *al;
    const enf_findings *fs;
    const enf_glossary *g;
    const enf_report_opts *opts;
    htmlDocPtr html;
    int oom;
    size_t *row_of[2];       /* block -> row (bead index), SIZE_MAX = none */
    S_marks *marks[2];       /* per block */
    size_t *whole[2];        /* per block: page number of its most severe
                                whole-block finding, 0 = none */
    size_t *order;           /* findings shown, in page order */
    size_t n_order;
    size_t *page_no;         /* finding index -> 1-based page number, 0 = hidden */
    char **rules;            /* distinct rules, in order of first appearance */
    size_t n_rules;
    size_t *rule_of;         /* finding index -> rule index */
    size_t *rule_count;
    int *rule_sev;           /* highest severity per rule */
    size_t sev_count[4];
    size_t *term_slot;       /* term -> colour slot + 1 (0 = not seen) */
    size_t *term_count[2];
    size_t n_terms, n_slots;
    /* revision diff: old zh blocks per row */
    size_t **old_blocks;
    size_t *n_old_blocks;
    size_t n_changed, n_diff_rows;
} S_ctx;

/* ------------------------------------------------------------ tree helpers */

static xmlNodePtr S_el(S_ctx *c, xmlNodePtr parent, const char *name, const char *cls)
{
    xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
    if (!n) {
        c->oom = 1;
        return NULL;
    }
    if (cls && *cls)
        xmlNewProp(n, BAD_CAST "class", BAD_CAST cls);
    return n;
}

static void S_attr(xmlNodePtr n, const char *name, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void S_attr(xmlNodePtr n, const char *name, const char *fmt, ...)
{
    if (!n)
        return;
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    xmlSetProp(n, BAD_CAST name, BAD_CAST buf);
}

/* Code points that would let input text mislead the reader rather than run:
 * bidirectional overrides and isolates (the "Trojan Source" trick) and
 * control characters.  They are shown as a visible marker instead. */
static int S_is_hidden_control(int cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0) || cp == 0x061C ||
           cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFFFE || cp == 0xFFFF;
}

/* Append text from the inputs to a node: always a text node. */
static void S_text(S_ctx *c, xmlNodePtr parent, const char *s, size_t len)
{
    if (!parent || !len)
        return;
    size_t run = 0, i = 0;
    while (i < len) {
        int adv;
        int cp = enf_utf8_decode(s + i, len - i, &adv);
        int bad = cp == 0xFFFD && adv == 1;
        if (!bad && !S_is_hidden_control(cp)) {
            i += (size_t)adv;
            continue;
        }
        if (i > run)
            xmlNodeAddContentLen(parent, BAD_CAST(s + run), (int)(i - run));
        if (bad) {
            xmlNodeAddContent(parent, BAD_CAST "\xEF\xBF\xBD");
        } else {
            char lab[16];
            snprintf(lab, sizeof lab, "U+%04X", (unsigned)cp);
            xmlNodePtr m = S_el(c, parent, "span", "ctl");
            S_attr(m, "title", "hidden control character %s", lab);
            S_text(c, m, lab, strlen(lab));
        }
        i += (size_t)adv;
        run = i;
    }
    if (len > run)
        xmlNodeAddContentLen(parent, BAD_CAST(s + run), (int)(len - run));
}

static void S_textz(S_ctx *c, xmlNodePtr parent, const char *s)
{
    if (s)
        S_text(c, parent, s, strlen(s));
}

static void S_textf(S_ctx *c, xmlNodePtr parent, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void S_textf(S_ctx *c, xmlNodePtr parent, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    S_textz(c, parent, buf);
}

/* An attribute value from input text: controls replaced, length capped. */
static void S_attr_text(xmlNodePtr n, const char *name, const char *s, size_t len)
{
    if (!n)
        return;
    enf_buf b = {0};
    size_t i = 0;
    if (len > 600)
        len = 600;
    while (i < len) {
        int adv;
        int cp = enf_utf8_decode(s + i, len - i, &adv);
        if ((cp == 0xFFFD && adv == 1) || S_is_hidden_control(cp))
            enf__buf_put(&b, "\xEF\xBF\xBD", 3);
        else
            enf__buf_put(&b, s + i, (size_t)adv);
        i += (size_t)adv;
    }
    enf__buf_putc(&b, '\0');
    if (!b.oom)
        xmlSetProp(n, BAD_CAST name, BAD_CAST b.s);
    enf__buf_free(&b);
}

static const char *S_sev_name(int sev)
{
    return sev == ENF_SEV_ERROR ? "error" : sev == ENF_SEV_WARNING ? "warning" : "note";
}

/* ------------------------------------------------------------ links */

/* Whether a link target from the input may become an href: http, https,
 * mailto or a relative reference.  Anything else (javascript:, data:,
 * vbscript:, ...) and anything with white space or control characters,
 * which browsers strip before reading the scheme, stays text. */
static int S_url_safe(const char *u)
{
    if (!*u)
        return 0;
    for (const unsigned char *p = (const unsigned char *)u; *p; p++)
        if (*p <= 0x20 || *p == 0x7F || *p == '\\')
            return 0;
    size_t i = 0;
    while (u[i] && u[i] != ':' && u[i] != '/' && u[i] != '?' && u[i] != '#')
        i++;
    if (u[i] != ':')
        return 1; /* no scheme: relative */
    return (i == 4 && !strncasecmp(u, "http", 4)) || (i == 5 && !strncasecmp(u, "https", 5)) ||
           (i == 6 && !strncasecmp(u, "mailto", 6));
}

static void S_urls_add(S_urls *l, const char *u, size_t n, int image)
{
    if (!n || n > 4096 || l->n >= S_MAX_URLS)
        return;
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->v[i].url) == n && !memcmp(l->v[i].url, u, n))
            return;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 4;
        S_url *nv = realloc(l->v, nc * sizeof *nv);
        if (!nv)
            return;
        l->v = nv;
        l->cap = nc;
    }
    char *s = malloc(n + 1);
    if (!s)
        return;
    memcpy(s, u, n);
    s[n] = '\0';
    l->v[l->n].url = s;
    l->v[l->n].image = image;
    l->n++;
}

static void S_urls_free(S_urls *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].url);
    free(l->v);
}

/* href="..." / src="..." attributes in HTML source. */
static void S_scan_html_urls(const char *s, size_t len, S_urls *l)
{
    for (size_t i = 0; i + 5 < len; i++) {
        int href = !strncasecmp(s + i, "href=", 5), src = !strncasecmp(s + i, "src=", 4);
        if (!href && !src)
            continue;
        if (i > 0 && (s[i - 1] == '-' || s[i - 1] == '_' ||
                      ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z')))
            continue;
        size_t p = i + (href ? 5 : 4);
        char q = p < len && (s[p] == '"' || s[p] == '\'') ? s[p++] : 0;
        size_t e = p;
        while (e < len && (q ? s[e] != q : (s[e] != ' ' && s[e] != '>' && s[e] != '\n')))
            e++;
        S_urls_add(l, s + p, e - p, src);
        i = e;
    }
}

/* Bare http(s) URLs in plain text. */
static void S_scan_text_urls(const char *s, size_t len, S_urls *l)
{
    for (size_t i = 0; i + 8 < len; i++) {
        if (strncmp(s + i, "http://", 7) && strncmp(s + i, "https://", 8))
            continue;
        size_t e = i;
        while (e < len && (unsigned char)s[e] > 0x20 && (unsigned char)s[e] < 0x80 && s[e] != '<' &&
               s[e] != '>' && s[e] != '"' && s[e] != ')')
            e++;
        while (e > i && strchr(".,;:!?'", s[e - 1]))
            e--;
        S_urls_add(l, s + i, e - i, 0);
        i = e;
    }
}

/* The link and image targets of a block, as written in the source. */
static void S_block_urls(const enf_doc *d, const enf_block *b, S_urls *l)
{
    const char *src = d->data + b->src_off;
    size_t n = b->src_len;
    if (b->src_off + n > d->len)
        return;
    if (d->units == ENF_UNITS_MARKDOWN &&
        (b->kind == ENF_BLOCK_PARAGRAPH || b->kind == ENF_BLOCK_HEADING)) {
        cmark_node *root = cmark_parse_document(src, n, CMARK_OPT_DEFAULT);
        if (root) {
            cmark_iter *it = cmark_iter_new(root);
            cmark_event_type ev;
            while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
                cmark_node *x = cmark_iter_get_node(it);
                cmark_node_type t = cmark_node_get_type(x);
                if (ev != CMARK_EVENT_ENTER)
                    continue;
                if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
                    const char *u = cmark_node_get_url(x);
                    if (u)
                        S_urls_add(l, u, strlen(u), t == CMARK_NODE_IMAGE);
                } else if (t == CMARK_NODE_HTML_INLINE) {
                    const char *h = cmark_node_get_literal(x);
                    if (h)
                        S_scan_html_urls(h, strlen(h), l);
                }
            }
            cmark_iter_free(it);
            cmark_node_free(root);
        }
        S_scan_text_urls(b->text, b->text_len, l);
    } else if (b->kind == ENF_BLOCK_HTML || d->units == ENF_UNITS_HTML) {
        S_scan_html_urls(src, n, l);
        S_scan_text_urls(b->text, b->text_len, l);
        /* an HTML reader's span can hold more than the block (several
         * elements on one line): keep the targets that are its anchors */
        size_t k = 0;
        for (size_t i = 0; i < l->n; i++) {
            char norm[2048];
            enf_url_normalize(l->v[i].url, strlen(l->v[i].url), norm, sizeof norm);
            int mine = 0;
            for (size_t a = 0; a < b->n_anchors && !mine; a++)
                mine = (b->anchors[a].kind == ENF_ANCHOR_LINK ||
                        b->anchors[a].kind == ENF_ANCHOR_IMAGE) &&
                       !strcmp(b->anchors[a].value, norm);
            if (mine)
                l->v[k++] = l->v[i];
            else
                free(l->v[i].url);
        }
        l->n = k;
    } else if (b->kind != ENF_BLOCK_CODE) {
        S_scan_text_urls(b->text, b->text_len, l);
    }
}

/* ------------------------------------------------------------ marks */

static void S_mark_add(S_ctx *c, int side, size_t blk, size_t off, size_t len, int kind, size_t a,
                       int b)
{
    S_marks *m = &c->marks[side][blk];
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
    if (m->n == m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 4;
        S_mark *nv = realloc(m->v, nc * sizeof *nv);
        if (!nv) {
            c->oom = 1;
            return;
        }
        m->v = nv;
        m->cap = nc;
    }
    S_mark *x = &m->v[m->n++];
    x->off = off;
    x->len = len;
    x->kind = kind;
    x->a = a;
    x->b = b;
}

static const char *S_memmem(const char *h, size_t hn, const char *n, size_t nn)
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

/* Render text with its marks: the text is cut at every mark boundary and
 * each piece is wrapped in the elements of the marks covering it. */

/* title="[rule] message" of a highlighted finding (text, escaped by libxml2) */
static void S_finding_title(xmlNodePtr e, const enf_finding *f)
{
    enf_buf tb = {0};
    enf__buf_puts(&tb, "[");
    enf__buf_puts(&tb, f->rule ? f->rule : "");
    enf__buf_puts(&tb, "] ");
    enf__buf_puts(&tb, f->message ? f->message : "");
    if (!tb.oom)
        S_attr_text(e, "title", tb.s, tb.len);
    enf__buf_free(&tb);
}
static void S_render_marked(S_ctx *c, xmlNodePtr parent, const char *text, size_t len,
                            const S_marks *m)
{
    if (!m || m->n == 0) {
        S_text(c, parent, text, len);
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
        for (int kind = MK_CODE; kind <= MK_FIND; kind++)
            for (size_t i = 0; i < m->n; i++) {
                const S_mark *x = &m->v[i];
                if (x->kind != kind || x->off > p || x->off + x->len < q)
                    continue;
                xmlNodePtr e = NULL;
                char cls[64];
                switch (kind) {
                case MK_CODE:
                    e = S_el(c, at, "code", NULL);
                    break;
                case MK_TERM: {
                    size_t slot = c->term_slot ? c->term_slot[x->a] : 0;
                    snprintf(cls, sizeof cls, "g t%zu%s", slot ? (slot - 1) % S_PALETTE : 0,
                             x->b == ENF_MATCH_FORBIDDEN ? " forbidden"
                             : x->b == ENF_MATCH_VARIANT ? " variant" : "");
                    e = S_el(c, at, "mark", cls);
                    const enf_term *t = enf_glossary_term(c->g, x->a);
                    /* the explanation once per term and block (or on
                     * every forbidden/variant): pages stay small */
                    int first = !started[i];
                    for (size_t j = 0; j < i && first; j++)
                        first = !(m->v[j].kind == MK_TERM && m->v[j].a == x->a && started[j]);
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
                            S_attr_text(e, "title", tb.s, tb.len);
                        enf__buf_free(&tb);
                    }
                    break;
                }
                case MK_NUM:
                    e = S_el(c, at, "mark", "dn");
                    if (!started[i])
                        S_attr(e, "title", "number not found on the other side");
                    break;
                case MK_DCODE:
                    e = S_el(c, at, "mark", "dc");
                    if (!started[i])
                        S_attr(e, "title", "code not found on the other side");
                    break;
                default: {
                    snprintf(cls, sizeof cls, "f s%d", x->b);
                    e = S_el(c, at, "mark", cls);
                    const enf_finding *f = &c->fs->v[c->order[x->a - 1]];
                    S_attr(e, "data-fr", "%zu", c->rule_of[c->order[x->a - 1]]);
                    S_attr(e, "data-fs", "%d", x->b);
                    if (!started[i]) {
                        S_finding_title(e, f);
                        S_attr(e, "aria-describedby", "f%zu", x->a);
                    }
                    break;
                }
                }
                started[i] = 1;
                if (e)
                    at = e;
            }
        S_text(c, at, text + p, q - p);
    }
    free(started);
    free(bounds);
}

/* ------------------------------------------------------------ anchors */

static int S_has_anchor(const enf_doc *d, const enf_bead *b, int side, enf_anchor_kind kind,
                        const char *val, unsigned hash)
{
    size_t s = side ? b->zh : b->en, n = side ? b->n_zh : b->n_en;
    for (size_t i = s; i < s + n; i++) {
        const enf_block *B = &d->blocks[i];
        for (size_t k = 0; k < B->n_anchors; k++) {
            const enf_anchor *a = &B->anchors[k];
            if (a->kind == kind && (!hash || a->hash == hash) && !strcmp(a->value, val))
                return 1;
        }
    }
    return 0;
}

static int S_has_link(const enf_doc *d, const enf_bead *b, int side, const char *norm)
{
    return S_has_anchor(d, b, side, ENF_ANCHOR_LINK, norm, 0) ||
           S_has_anchor(d, b, side, ENF_ANCHOR_IMAGE, norm, 0);
}

/* ------------------------------------------------------------ setup */

static int S_finding_row(const S_ctx *c, const enf_finding *f)
{
    for (int s = 0; s < 2; s++)
        if (f->block[s] != ENF_NO_BLOCK && f->block[s] < c->doc[s]->n_blocks &&
            c->row_of[s][f->block[s]] != SIZE_MAX)
            return (int)s;
    return -1;
}

static const S_ctx *S_sort_ctx;

static size_t S_row_key(const S_ctx *c, size_t fi)
{
    const enf_finding *f = &c->fs->v[fi];
    int s = S_finding_row(c, f);
    return s < 0 ? SIZE_MAX : c->row_of[s][f->block[s]];
}

static int S_cmp_finding(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    size_t rx = S_row_key(S_sort_ctx, x), ry = S_row_key(S_sort_ctx, y);
    if (rx != ry)
        return rx < ry ? -1 : 1;
    return x < y ? -1 : x > y;
}

static int S_setup(S_ctx *c)
{
    for (int s = 0; s < 2; s++) {
        size_t n = c->doc[s]->n_blocks;
        c->row_of[s] = malloc((n ? n : 1) * sizeof(size_t));
        c->marks[s] = calloc(n ? n : 1, sizeof(S_marks));
        c->whole[s] = calloc(n ? n : 1, sizeof(size_t));
        if (!c->row_of[s] || !c->marks[s] || !c->whole[s])
            return -1;
        for (size_t i = 0; i < n; i++)
            c->row_of[s][i] = SIZE_MAX;
    }
    for (size_t r = 0; r < c->al->n_beads; r++) {
        const enf_bead *b = &c->al->beads[r];
        for (size_t i = b->en; i < b->en + b->n_en; i++)
            if (c->row_of[0][i] == SIZE_MAX)
                c->row_of[0][i] = r;
        for (size_t i = b->zh; i < b->zh + b->n_zh; i++)
            if (c->row_of[1][i] == SIZE_MAX)
                c->row_of[1][i] = r;
    }
    /* findings: page order, rules, marks */
    size_t nf = c->fs ? c->fs->n : 0;
    c->order = malloc((nf ? nf : 1) * sizeof *c->order);
    c->page_no = calloc(nf ? nf : 1, sizeof *c->page_no);
    c->rule_of = calloc(nf ? nf : 1, sizeof *c->rule_of);
    c->rules = calloc(nf ? nf : 1, sizeof *c->rules);
    c->rule_count = calloc(nf ? nf : 1, sizeof *c->rule_count);
    c->rule_sev = calloc(nf ? nf : 1, sizeof *c->rule_sev);
    if (!c->order || !c->page_no || !c->rule_of || !c->rules || !c->rule_count || !c->rule_sev)
        return -1;
    for (size_t i = 0; i < nf; i++) {
        const enf_finding *f = &c->fs->v[i];
        if (f->severity <= ENF_SEV_NONE || f->severity > ENF_SEV_ERROR)
            continue;
        c->order[c->n_order++] = i;
    }
    S_sort_ctx = c;
    qsort(c->order, c->n_order, sizeof *c->order, S_cmp_finding);
    for (size_t k = 0; k < c->n_order; k++) {
        size_t i = c->order[k];
        const enf_finding *f = &c->fs->v[i];
        const char *rule = f->rule ? f->rule : "";
        c->page_no[i] = k + 1;
        size_t r = 0;
        while (r < c->n_rules && strcmp(c->rules[r], rule))
            r++;
        if (r == c->n_rules)
            c->rules[c->n_rules++] = (char *)rule;
        c->rule_of[i] = r;
        c->rule_count[r]++;
        if ((int)f->severity > c->rule_sev[r])
            c->rule_sev[r] = (int)f->severity;
        c->sev_count[f->severity]++;
        for (int s = 0; s < 2; s++)
            if (f->block[s] != ENF_NO_BLOCK && f->block[s] < c->doc[s]->n_blocks)
            {
                size_t bi = f->block[s];
                if (f->text_len[s] == 0) {
                    /* a finding about the whole block: a bar beside it */
                    if (!c->whole[s][bi] ||
                        c->fs->v[c->order[c->whole[s][bi] - 1]].severity < f->severity)
                        c->whole[s][bi] = k + 1;
                } else {
                    S_mark_add(c, s, bi, f->text_off[s], f->text_len[s], MK_FIND, k + 1,
                               (int)f->severity);
                }
            }
    }
    /* inline code, from the readers' code anchors */
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < c->doc[s]->n_blocks; i++) {
            const enf_block *B = &c->doc[s]->blocks[i];
            if (B->kind == ENF_BLOCK_CODE)
                continue;
            size_t from = 0;
            for (size_t k = 0; k < B->n_anchors; k++) {
                const enf_anchor *a = &B->anchors[k];
                if (a->kind != ENF_ANCHOR_CODE)
                    continue;
                size_t vl = strlen(a->value);
                const char *p = S_memmem(B->text + from, B->text_len - from, a->value, vl);
                if (!p)
                    p = S_memmem(B->text, B->text_len, a->value, vl);
                if (p) {
                    S_mark_add(c, s, i, (size_t)(p - B->text), vl, MK_CODE, 0, 0);
                    from = (size_t)(p - B->text) + vl;
                }
            }
        }
    if (c->g) {
        c->n_terms = enf_glossary_count(c->g);
        c->term_slot = calloc(c->n_terms ? c->n_terms : 1, sizeof *c->term_slot);
        c->term_count[0] = calloc(c->n_terms ? c->n_terms : 1, sizeof(size_t));
        c->term_count[1] = calloc(c->n_terms ? c->n_terms : 1, sizeof(size_t));
        if (!c->term_slot || !c->term_count[0] || !c->term_count[1])
            return -1;
        /* in reading order, so the first terms met get distinct colours */
        for (size_t r = 0; r < c->al->n_beads; r++) {
            const enf_bead *b = &c->al->beads[r];
            for (int s = 0; s < 2; s++) {
                size_t st = s ? b->zh : b->en, n = s ? b->n_zh : b->n_en;
                for (size_t i = st; i < st + n; i++) {
                    const enf_block *B = &c->doc[s]->blocks[i];
                    enf_match *m = NULL;
                    size_t nm = 0;
                    enf_error e2 = {0};
                    if (enf_glossary_match(c->g, s, B->text, B->text_len, &m, &nm, &e2))
                        continue;
                    for (size_t k = 0; k < nm; k++) {
                        if (m[k].term >= c->n_terms)
                            continue;
                        if (!c->term_slot[m[k].term])
                            c->term_slot[m[k].term] = ++c->n_slots;
                        c->term_count[s][m[k].term]++;
                        S_mark_add(c, s, i, m[k].off, m[k].len, MK_TERM, m[k].term, (int)m[k].kind);
                    }
                    free(m);
                }
            }
        }
    }
    /* revision: old zh blocks per row, through the English they align to */
    if (c->opts && c->opts->zh_old && c->opts->al_old) {
        size_t nr = c->al->n_beads;
        c->old_blocks = calloc(nr ? nr : 1, sizeof *c->old_blocks);
        c->n_old_blocks = calloc(nr ? nr : 1, sizeof *c->n_old_blocks);
        if (!c->old_blocks || !c->n_old_blocks)
            return -1;
        /* first 0-n row at each English position */
        size_t nen = c->doc[0]->n_blocks;
        size_t *ins_row = malloc((nen + 1) * sizeof *ins_row);
        if (!ins_row)
            return -1;
        for (size_t i = 0; i <= nen; i++)
            ins_row[i] = SIZE_MAX;
        for (size_t r = 0; r < nr; r++) {
            const enf_bead *b = &c->al->beads[r];
            if (b->n_en == 0 && b->en <= nen && ins_row[b->en] == SIZE_MAX)
                ins_row[b->en] = r;
        }
        const enf_alignment *ao = c->opts->al_old;
        for (size_t k = 0; k < ao->n_beads; k++) {
            const enf_bead *b = &ao->beads[k];
            size_t row = SIZE_MAX;
            if (b->n_en && b->en < nen)
                row = c->row_of[0][b->en];
            else if (b->en <= nen && ins_row[b->en] != SIZE_MAX)
                row = ins_row[b->en];
            else if (b->en > 0 && b->en - 1 < nen)
                row = c->row_of[0][b->en - 1];
            if (row == SIZE_MAX)
                row = nr ? (b->en == 0 ? 0 : nr - 1) : SIZE_MAX;
            if (row == SIZE_MAX || !b->n_zh)
                continue;
            size_t *nv = realloc(c->old_blocks[row], (c->n_old_blocks[row] + b->n_zh) * sizeof *nv);
            if (!nv) {
                free(ins_row);
                return -1;
            }
            c->old_blocks[row] = nv;
            for (size_t i = b->zh; i < b->zh + b->n_zh; i++)
                nv[c->n_old_blocks[row]++] = i;
        }
        free(ins_row);
    }
    return c->oom ? -1 : 0;
}

/* ------------------------------------------------------------ rows */

static void S_src_label(S_ctx *c, xmlNodePtr parent, int side, const enf_block *B)
{
    xmlNodePtr s = S_el(c, parent, "div", "src");
    const char *kind = enf_block_kind_name(B->kind);
    if (B->kind == ENF_BLOCK_PARAGRAPH && (B->flags & ENF_BF_TABLE))
        kind = "table";
    else if (B->kind == ENF_BLOCK_PARAGRAPH && (B->flags & ENF_BF_LIST_ITEM))
        kind = "list item";
    else if (B->kind == ENF_BLOCK_HEADING) {
        static char h[8];
        snprintf(h, sizeof h, "h%d", B->level);
        kind = h;
    }
    /* the file name is in the summary; a line number per block keeps a
     * 5,000-row page small */
    (void)side;
    S_textf(c, s, "line %d \xC2\xB7 %s", B->start_line, kind);
}

static void S_render_block(S_ctx *c, xmlNodePtr cell, int side, size_t bi, const enf_bead *bead,
                           int *differs, enf_buf *only_nums)
{
    const enf_doc *d = c->doc[side];
    const enf_block *B = &d->blocks[bi];
    xmlNodePtr part = S_el(c, cell, "div", "part");
    S_attr(part, "id", "%c%zu", side ? 'z' : 'e', bi + 1);
    if (c->whole[side][bi]) {
        size_t k = c->whole[side][bi];
        const enf_finding *f = &c->fs->v[c->order[k - 1]];
        char cls[32];
        snprintf(cls, sizeof cls, "part whole s%d", (int)f->severity);
        xmlSetProp(part, BAD_CAST "class", BAD_CAST cls);
        S_attr(part, "data-fr", "%zu", c->rule_of[c->order[k - 1]]);
        S_attr(part, "data-fs", "%d", (int)f->severity);
        S_attr(part, "aria-describedby", "f%zu", k);
        S_finding_title(part, f);
    }
    S_src_label(c, part, side, B);

    /* numbers and inline code missing from the other side */
    for (size_t k = 0; k < B->n_anchors; k++) {
        const enf_anchor *a = &B->anchors[k];
        if (a->kind != ENF_ANCHOR_NUMBER && a->kind != ENF_ANCHOR_CODE)
            continue;
        if (a->kind == ENF_ANCHOR_CODE && B->kind == ENF_BLOCK_CODE)
            continue;
        if ((side ? bead->n_en : bead->n_zh) == 0 ||
            S_has_anchor(c->doc[!side], bead, !side, a->kind, a->value, a->hash))
            continue;
        *differs = 1;
        size_t vl = strlen(a->value);
        const char *p = S_memmem(B->text, B->text_len, a->value, vl);
        if (p)
            S_mark_add(c, side, bi, (size_t)(p - B->text), vl,
                       a->kind == ENF_ANCHOR_NUMBER ? MK_NUM : MK_DCODE, 0, 0);
        if (a->kind == ENF_ANCHOR_NUMBER) {
            if (only_nums->len)
                enf__buf_puts(only_nums, ", ");
            enf__buf_puts(only_nums, a->value);
        }
    }

    const S_marks *m = &c->marks[side][bi];
    xmlNodePtr body;
    if (B->kind == ENF_BLOCK_HEADING) {
        char h[4];
        int lv = B->level < 1 ? 1 : B->level > 5 ? 5 : B->level;
        snprintf(h, sizeof h, "h%d", lv + 1);
        body = S_el(c, part, h, NULL);
        S_render_marked(c, body, B->text, B->text_len, m);
    } else if (B->kind == ENF_BLOCK_CODE) {
        xmlNodePtr pre = S_el(c, part, "pre", NULL);
        body = S_el(c, pre, "code", NULL);
        S_render_marked(c, body, B->text, B->text_len, m);
    } else if (B->kind == ENF_BLOCK_PARAGRAPH && (B->flags & ENF_BF_TABLE) && m->n == 0 &&
               B->src_off + B->src_len <= d->len) {
        body = S_el(c, part, "pre", "tbl");
        S_text(c, body, d->data + B->src_off, B->src_len);
    } else {
        body = S_el(c, part, "p", B->kind == ENF_BLOCK_HTML ? "html" : NULL);
        S_render_marked(c, body, B->text, B->text_len, m);
        /* an HTML block's markup is part of what a reviewer checks: shown
         * as code under its text */
        if (B->kind == ENF_BLOCK_HTML && d->units != ENF_UNITS_HTML &&
            B->src_off + B->src_len <= d->len) {
            xmlNodePtr pre = S_el(c, part, "pre", "hsrc");
            xmlNodePtr code = S_el(c, pre, "code", NULL);
            size_t n = B->src_len > 2000 ? 2000 : B->src_len;
            while (n < B->src_len && n > 0 && ((unsigned char)d->data[B->src_off + n] & 0xC0) == 0x80)
                n--;
            S_text(c, code, d->data + B->src_off, n);
            if (n < B->src_len)
                S_textz(c, code, " \xE2\x80\xA6");
        }
    }

    S_urls urls = {0};
    S_block_urls(d, B, &urls);
    if (urls.n) {
        xmlNodePtr ul = S_el(c, part, "ul", "links");
        for (size_t i = 0; i < urls.n; i++) {
            const char *u = urls.v[i].url;
            xmlNodePtr li = S_el(c, ul, "li", NULL);
            S_textz(c, li, urls.v[i].image ? "image \xE2\x86\x92 " : "link \xE2\x86\x92 ");
            if (S_url_safe(u)) {
                xmlNodePtr a = S_el(c, li, "a", NULL);
                S_attr_text(a, "href", u, strlen(u));
                xmlSetProp(a, BAD_CAST "rel", BAD_CAST "noopener noreferrer");
                S_textz(c, a, u);
            } else {
                xmlNodePtr sp = S_el(c, li, "span", "unsafe");
                S_textz(c, sp, u);
                S_textz(c, li, " (not a web link)");
            }
            char norm[2048];
            enf_url_normalize(u, strlen(u), norm, sizeof norm);
            if ((side ? bead->n_en : bead->n_zh) && *norm &&
                !S_has_link(c->doc[!side], bead, !side, norm)) {
                *differs = 1;
                xmlNodePtr o = S_el(c, li, "span", "only");
                S_textz(c, o, side ? " only in the translation" : " only in the original");
            }
        }
    }
    S_urls_free(&urls);
}

static void S_render_diff(S_ctx *c, xmlNodePtr parent, const char *a, size_t alen, const char *b,
                          size_t blen)
{
    enf_diff_op *ops = NULL;
    size_t n = 0;
    enf_error e2 = {0};
    if (enf_diff_text(a, alen, b, blen, &ops, &n, &e2)) {
        c->oom = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const enf_diff_op *o = &ops[i];
        if (o->kind == ENF_DIFF_EQUAL) {
            S_text(c, parent, b + o->b_off, o->b_len);
        } else if (o->kind == ENF_DIFF_DELETE) {
            xmlNodePtr e = S_el(c, parent, "del", NULL);
            S_text(c, e, a + o->a_off, o->a_len);
        } else {
            xmlNodePtr e = S_el(c, parent, "ins", NULL);
            S_text(c, e, b + o->b_off, o->b_len);
        }
    }
    free(ops);
}

/* Texts of blocks joined by a blank line, into b. */
static void S_join(enf_buf *b, const enf_doc *d, const size_t *idx, size_t n, size_t first)
{
    for (size_t k = 0; k < n; k++) {
        const enf_block *B = &d->blocks[idx ? idx[k] : first + k];
        if (k)
            enf__buf_puts(b, "\n\n");
        enf__buf_put(b, B->text, B->text_len);
    }
}

static void S_finding_place(S_ctx *c, xmlNodePtr parent, const enf_finding *f)
{
    int any = 0;
    for (int s = 0; s < 2; s++) {
        if (f->block[s] == ENF_NO_BLOCK && !f->line[s])
            continue;
        if (any)
            S_textz(c, parent, " / ");
        int line = f->line[s];
        if (!line && f->block[s] < c->doc[s]->n_blocks)
            line = c->doc[s]->blocks[f->block[s]].start_line;
        S_textz(c, parent, c->doc[s]->name);
        if (f->col[s])
            S_textf(c, parent, ":%d:%d", line, f->col[s]);
        else
            S_textf(c, parent, ":%d", line);
        any = 1;
    }
    if (!any)
        S_textz(c, parent, "whole document");
}

static void S_finding_text(S_ctx *c, xmlNodePtr li, const enf_finding *f)
{
    xmlNodePtr sv = S_el(c, li, "span", "sev");
    S_textz(c, sv, S_sev_name((int)f->severity));
    S_textz(c, li, " ");
    xmlNodePtr r = S_el(c, li, "span", "rule");
    S_textz(c, r, "[");
    S_textz(c, r, f->rule);
    S_textz(c, r, "]");
    S_textz(c, li, " ");
    S_textz(c, li, f->message);
    if (f->expected || f->found) {
        S_textz(c, li, " (");
        if (f->expected) {
            S_textz(c, li, "expected: ");
            S_textz(c, li, f->expected);
        }
        if (f->expected && f->found)
            S_textz(c, li, "; ");
        if (f->found) {
            S_textz(c, li, "found: ");
            S_textz(c, li, f->found);
        }
        S_textz(c, li, ")");
    }
}

static void S_render_row(S_ctx *c, xmlNodePtr rows, size_t r, size_t *next_finding)
{
    const enf_bead *b = &c->al->beads[r];
    char type[16], cls[64];
    enf_bead_type(b, type, sizeof type);
    const char *bt = b->n_en == 0 ? "b01" : b->n_zh == 0 ? "b10"
                     : (b->n_en == 1 && b->n_zh == 1) ? "b11" : "bnm";
    xmlNodePtr row = S_el(c, rows, "div", NULL);
    S_attr(row, "id", "r%zu", r + 1);

    xmlNodePtr no = S_el(c, row, "div", "no");
    xmlNodePtr a = S_el(c, no, "a", NULL);
    S_attr(a, "href", "#r%zu", r + 1);
    S_textf(c, a, "%zu", r + 1);
    S_el(c, no, "br", NULL);
    xmlNodePtr t = S_el(c, no, "span", "bt");
    S_textz(c, t, type);
    S_el(c, no, "br", NULL);
    xmlNodePtr sc = S_el(c, no, "span", "sc");
    S_attr(sc, "title", "alignment confidence");
    S_textf(c, sc, "%.2f", b->score);

    int differs = 0;
    enf_buf nums[2] = {{0}, {0}};
    for (int s = 0; s < 2; s++) {
        size_t st = s ? b->zh : b->en, n = s ? b->n_zh : b->n_en;
        xmlNodePtr cell = S_el(c, row, "div", n ? (s ? "cell zh" : "cell en")
                                                : (s ? "cell zh empty" : "cell en empty"));
        xmlSetProp(cell, BAD_CAST "lang", BAD_CAST(s ? "zh" : "en"));
        if (!n) {
            xmlNodePtr ph = S_el(c, cell, "span", "ph");
            S_textz(c, ph, s ? "\xE2\x80\x94 not translated: no Chinese block for this English \xE2\x80\x94"
                             : "\xE2\x80\x94 added in the translation: no English block \xE2\x80\x94");
        }
        for (size_t i = st; i < st + n; i++)
            S_render_block(c, cell, s, i, b, &differs, &nums[s]);
        if (s == 1 && c->old_blocks) {
            enf_buf ob = {0}, nb = {0};
            S_join(&ob, c->opts->zh_old, c->old_blocks[r], c->n_old_blocks[r], 0);
            S_join(&nb, c->doc[1], NULL, b->n_zh, b->zh);
            if (ob.oom || nb.oom) {
                c->oom = 1;
            } else if (ob.len != nb.len || (ob.len && memcmp(ob.s, nb.s, ob.len))) {
                c->n_changed++;
                xmlNodePtr rev = S_el(c, cell, "div", "rev");
                xmlNodePtr lab = S_el(c, rev, "div", "src");
                S_textz(c, lab, "changed since ");
                S_textz(c, lab, c->opts->zh_old->name);
                S_textz(c, lab, ":");
                S_render_diff(c, rev, ob.s ? ob.s : "", ob.len, nb.s ? nb.s : "", nb.len);
                differs |= 2;
            }
            enf__buf_free(&ob);
            enf__buf_free(&nb);
        }
    }

    /* findings of this row, and the differences inside the pair */
    size_t f0 = *next_finding, f1 = f0;
    while (f1 < c->n_order && S_row_key(c, c->order[f1]) == r)
        f1++;
    int has_code_diff = 0;
    size_t ce = SIZE_MAX, cz = SIZE_MAX;
    for (size_t i = b->en; i < b->en + b->n_en && ce == SIZE_MAX; i++)
        if (c->doc[0]->blocks[i].kind == ENF_BLOCK_CODE)
            ce = i;
    for (size_t i = b->zh; i < b->zh + b->n_zh && cz == SIZE_MAX; i++)
        if (c->doc[1]->blocks[i].kind == ENF_BLOCK_CODE)
            cz = i;
    if (ce != SIZE_MAX && cz != SIZE_MAX) {
        const enf_block *E = &c->doc[0]->blocks[ce], *Z = &c->doc[1]->blocks[cz];
        has_code_diff = E->text_len != Z->text_len || memcmp(E->text, Z->text, E->text_len);
    }
    if (nums[0].len || nums[1].len || has_code_diff)
        differs |= 1;
    if (f1 > f0 || nums[0].len || nums[1].len || has_code_diff) {
        xmlNodePtr notes = S_el(c, row, "div", "notes");
        if (f1 > f0) {
            xmlNodePtr ul = S_el(c, notes, "ul", "fnotes");
            for (size_t k = f0; k < f1; k++) {
                size_t fi = c->order[k];
                const enf_finding *f = &c->fs->v[fi];
                snprintf(cls, sizeof cls, "fn s%d", (int)f->severity);
                xmlNodePtr li = S_el(c, ul, "li", cls);
                S_attr(li, "id", "f%zu", k + 1);
                S_attr(li, "data-i", "%zu", k);
                S_attr(li, "data-fr", "%zu", c->rule_of[fi]);
                S_attr(li, "data-fs", "%d", (int)f->severity);
                xmlSetProp(li, BAD_CAST "tabindex", BAD_CAST "-1");
                S_finding_text(c, li, f);
            }
        }
        if (nums[0].len || nums[1].len || has_code_diff) {
            xmlNodePtr pd = S_el(c, notes, "div", "pd");
            S_textz(c, pd, "Differences in this pair: ");
            for (int s = 0; s < 2; s++)
                if (nums[s].len) {
                    xmlNodePtr bb = S_el(c, pd, "b", NULL);
                    S_textz(c, bb, s ? "numbers only in the translation: " : "numbers only in the original: ");
                    S_text(c, pd, nums[s].s, nums[s].len);
                    S_textz(c, pd, ". ");
                }
            if (has_code_diff) {
                xmlNodePtr bb = S_el(c, pd, "b", NULL);
                S_textz(c, bb, "code changed");
                S_textz(c, pd, " (original \xE2\x86\x92 translation):");
                const enf_block *E = &c->doc[0]->blocks[ce], *Z = &c->doc[1]->blocks[cz];
                xmlNodePtr pre = S_el(c, pd, "pre", NULL);
                S_render_diff(c, pre, E->text, E->text_len, Z->text, Z->text_len);
            }
        }
    }
    *next_finding = f1;
    enf__buf_free(&nums[0]);
    enf__buf_free(&nums[1]);

    if (differs & 1)
        c->n_diff_rows++;
    snprintf(cls, sizeof cls, "row %s%s%s%s%s%s", bt, strcmp(bt, "b11") ? " nd" : "",
             (b->flags & ENF_BEAD_LOW_CONFIDENCE) ? " lc" : "", f1 > f0 ? " hf" : "",
             (differs & 1) ? " dx" : "", (differs & 2) ? " ch" : "");
    xmlSetProp(row, BAD_CAST "class", BAD_CAST cls);
}

/* ------------------------------------------------------------ summary */

static void S_row2(S_ctx *c, xmlNodePtr tbl, const char *k, const char *v)
{
    xmlNodePtr tr = S_el(c, tbl, "tr", NULL);
    xmlNodePtr th = S_el(c, tr, "th", NULL);
    S_textz(c, th, k);
    xmlNodePtr td = S_el(c, tr, "td", NULL);
    S_textz(c, td, v);
}

static void S_plot(S_ctx *c, xmlNodePtr parent)
{
    const double W = 1000;
    size_t ne = c->doc[0]->n_blocks ? c->doc[0]->n_blocks : 1;
    size_t nz = c->doc[1]->n_blocks ? c->doc[1]->n_blocks : 1;
    xmlNodePtr svg = S_el(c, parent, "svg", "plot");
    xmlSetProp(svg, BAD_CAST "xmlns", BAD_CAST "http://www.w3.org/2000/svg");
    xmlSetProp(svg, BAD_CAST "viewBox", BAD_CAST "-20 -20 1040 1040");
    xmlSetProp(svg, BAD_CAST "role", BAD_CAST "img");
    S_attr(svg, "aria-label",
           "alignment plot: English position across, Chinese position down, one mark per bead");
    xmlNodePtr line = S_el(c, svg, "line", "diag");
    xmlSetProp(line, BAD_CAST "x1", BAD_CAST "0");
    xmlSetProp(line, BAD_CAST "y1", BAD_CAST "0");
    xmlSetProp(line, BAD_CAST "x2", BAD_CAST "1000");
    xmlSetProp(line, BAD_CAST "y2", BAD_CAST "1000");
    double rad = c->al->n_beads > 2000 ? 5 : c->al->n_beads > 300 ? 8 : 12;
    for (size_t r = 0; r < c->al->n_beads; r++) {
        const enf_bead *b = &c->al->beads[r];
        double x = W * ((double)b->en + (double)b->n_en / 2) / (double)ne;
        double y = W * ((double)b->zh + (double)b->n_zh / 2) / (double)nz;
        char type[16], cls[48];
        enf_bead_type(b, type, sizeof type);
        xmlNodePtr a = S_el(c, svg, "a", NULL);
        S_attr(a, "href", "#r%zu", r + 1);
        snprintf(cls, sizeof cls, "m %s%s",
                 b->n_en == 0 ? "b01" : b->n_zh == 0 ? "b10"
                 : (b->n_en == 1 && b->n_zh == 1) ? "b11" : "bnm",
                 (b->flags & ENF_BEAD_LOW_CONFIDENCE) ? " lc" : "");
        xmlNodePtr m = S_el(c, a, "circle", cls);
        S_attr(m, "cx", "%.0f", x);
        S_attr(m, "cy", "%.0f", y);
        S_attr(m, "r", "%.0f", rad);
        xmlNodePtr ti = S_el(c, m, "title", NULL);
        S_textf(c, ti, "row %zu: %s, score %.2f", r + 1, type, b->score);
    }
}

static void S_summary(S_ctx *c, xmlNodePtr body, const char *title)
{
    char buf[256];
    xmlNodePtr hd = S_el(c, body, "header", "sum");
    xmlNodePtr h1 = S_el(c, hd, "h1", NULL);
    S_textz(c, h1, title);
    xmlNodePtr cols = S_el(c, hd, "div", "cols");

    xmlNodePtr sec = S_el(c, cols, "section", NULL);
    S_textz(c, S_el(c, sec, "h2", NULL), "Files");
    xmlNodePtr tbl = S_el(c, sec, "table", "t");
    for (int s = 0; s < 2; s++) {
        const enf_doc *d = c->doc[s];
        size_t chars = 0;
        for (size_t i = 0; i < d->n_blocks; i++)
            chars += d->blocks[i].nchars;
        snprintf(buf, sizeof buf, "%zu blocks, %zu characters", d->n_blocks, chars);
        xmlNodePtr tr = S_el(c, tbl, "tr", NULL);
        S_textz(c, S_el(c, tr, "th", NULL), s ? "translation" : "original");
        xmlNodePtr td = S_el(c, tr, "td", NULL);
        S_textz(c, td, d->name);
        S_textz(c, td, " \xC2\xB7 ");
        S_textz(c, td, buf);
    }
    if (c->opts && c->opts->zh_old) {
        snprintf(buf, sizeof buf, " \xC2\xB7 %zu blocks; %zu rows changed", c->opts->zh_old->n_blocks,
                 c->n_changed);
        xmlNodePtr tr = S_el(c, tbl, "tr", NULL);
        S_textz(c, S_el(c, tr, "th", NULL), "previous translation");
        xmlNodePtr td = S_el(c, tr, "td", NULL);
        S_textz(c, td, c->opts->zh_old->name);
        S_textz(c, td, buf);
    }

    /* alignment */
    sec = S_el(c, cols, "section", NULL);
    S_textz(c, S_el(c, sec, "h2", NULL), "Alignment");
    tbl = S_el(c, sec, "table", "t");
    size_t ntypes = 0, low = 0;
    char types[32][16];
    size_t counts[32] = {0};
    double sum = 0, minsc = 1;
    for (size_t r = 0; r < c->al->n_beads; r++) {
        const enf_bead *b = &c->al->beads[r];
        char type[16];
        enf_bead_type(b, type, sizeof type);
        size_t k = 0;
        while (k < ntypes && strcmp(types[k], type))
            k++;
        if (k == ntypes && ntypes < 32)
            memcpy(types[ntypes++], type, sizeof type);
        if (k < ntypes)
            counts[k]++;
        sum += b->score;
        if (b->score < minsc)
            minsc = b->score;
        low += (b->flags & ENF_BEAD_LOW_CONFIDENCE) != 0;
    }
    snprintf(buf, sizeof buf, "%zu", c->al->n_beads);
    S_row2(c, tbl, "rows (beads)", buf);
    for (size_t k = 0; k < ntypes; k++) {
        snprintf(buf, sizeof buf, "%zu", counts[k]);
        char lab[48];
        snprintf(lab, sizeof lab, "%s%s", types[k],
                 !strncmp(types[k], "0-", 2) ? " (added)" : !strcmp(types[k] + strlen(types[k]) - 2, "-0")
                     ? " (omitted)" : "");
        S_row2(c, tbl, lab, buf);
    }
    snprintf(buf, sizeof buf, "mean %.2f, lowest %.2f", c->al->n_beads ? sum / (double)c->al->n_beads : 1.0,
             c->al->n_beads ? minsc : 1.0);
    S_row2(c, tbl, "confidence", buf);
    snprintf(buf, sizeof buf, "%zu", low);
    S_row2(c, tbl, "low confidence", buf);
    snprintf(buf, sizeof buf, "%zu", c->n_diff_rows);
    S_row2(c, tbl, "pairs with differences", buf);

    /* findings by rule, with the filters */
    sec = S_el(c, cols, "section", "filters");
    S_textz(c, S_el(c, sec, "h2", NULL), "Findings");
    if (!c->fs) {
        xmlNodePtr p = S_el(c, sec, "p", "muted");
        S_textz(c, p, "The checks were not run for this report.");
    } else if (!c->n_order) {
        xmlNodePtr p = S_el(c, sec, "p", NULL);
        S_textz(c, p, "No findings.");
    } else {
        tbl = S_el(c, sec, "table", "t");
        for (size_t r = 0; r < c->n_rules; r++) {
            xmlNodePtr tr = S_el(c, tbl, "tr", NULL);
            xmlNodePtr td = S_el(c, tr, "td", NULL);
            xmlNodePtr lab = S_el(c, td, "label", NULL);
            xmlNodePtr in = S_el(c, lab, "input", "needs-js");
            xmlSetProp(in, BAD_CAST "type", BAD_CAST "checkbox");
            xmlSetProp(in, BAD_CAST "checked", BAD_CAST "checked");
            S_attr(in, "data-r", "%zu", r);
            xmlNodePtr rs = S_el(c, lab, "span", "rule");
            S_textz(c, rs, c->rules[r]);
            xmlNodePtr n = S_el(c, tr, "td", "n");
            S_textf(c, n, "%zu", c->rule_count[r]);
            S_textz(c, S_el(c, tr, "td", "muted"), S_sev_name(c->rule_sev[r]));
        }
        xmlNodePtr p = S_el(c, sec, "p", NULL);
        for (int s = ENF_SEV_ERROR; s >= ENF_SEV_NOTE; s--) {
            xmlNodePtr lab = S_el(c, p, "label", NULL);
            xmlNodePtr in = S_el(c, lab, "input", "needs-js");
            xmlSetProp(in, BAD_CAST "type", BAD_CAST "checkbox");
            xmlSetProp(in, BAD_CAST "checked", BAD_CAST "checked");
            S_attr(in, "data-s", "%d", s);
            S_textf(c, lab, "%s (%zu)", S_sev_name(s), c->sev_count[s]);
        }
    }

    if (c->g) {
        sec = S_el(c, cols, "section", NULL);
        S_textz(c, S_el(c, sec, "h2", NULL), "Glossary terms");
        {
            /* long lists stay folded: the colours are in the rows anyway */
            xmlNodePtr det = S_el(c, sec, "details", "terms");
            if (c->n_slots <= 12)
                xmlSetProp(det, BAD_CAST "open", BAD_CAST "open");
            S_textf(c, S_el(c, det, "summary", NULL), "%zu terms found", c->n_slots);
            tbl = S_el(c, S_el(c, det, "div", NULL), "table", "t");
            xmlNodePtr tr = S_el(c, tbl, "tr", NULL);
            S_textz(c, S_el(c, tr, "th", NULL), "term");
            S_textz(c, S_el(c, tr, "th", NULL), "original");
            S_textz(c, S_el(c, tr, "th", NULL), "translation");
            for (size_t slot = 1; slot <= c->n_slots; slot++)
                for (size_t t = 0; t < c->n_terms; t++) {
                    if (c->term_slot[t] != slot)
                        continue;
                    const enf_term *term = enf_glossary_term(c->g, t);
                    tr = S_el(c, tbl, "tr", NULL);
                    xmlNodePtr td = S_el(c, tr, "td", NULL);
                    snprintf(buf, sizeof buf, "sw t%zu", (slot - 1) % S_PALETTE);
                    S_el(c, td, "span", buf);
                    S_textz(c, td, term ? term->en : "");
                    if (term && term->n_zh) {
                        S_textz(c, td, " \xE2\x86\x92 ");
                        S_textz(c, td, term->zh[0]);
                    }
                    S_textf(c, S_el(c, tr, "td", "n"), "%zu", c->term_count[0][t]);
                    S_textf(c, S_el(c, tr, "td", "n"), "%zu", c->term_count[1][t]);
                }
            if (!c->n_slots)
                S_textz(c, S_el(c, sec, "p", "muted"), "No glossary term occurs in these files.");
        }
    }

    sec = S_el(c, cols, "section", NULL);
    S_textz(c, S_el(c, sec, "h2", NULL), "Alignment plot");
    S_plot(c, sec);
    xmlNodePtr cap = S_el(c, sec, "div", "muted");
    S_textz(c, cap, "original \xE2\x86\x92 across, translation \xE2\x86\x93 down; "
                    "red omitted, orange added, purple merged");

    if (c->n_order) {
        xmlNodePtr fl = S_el(c, hd, "section", NULL);
        xmlSetProp(fl, BAD_CAST "id", BAD_CAST "findings");
        S_textz(c, S_el(c, fl, "h2", NULL), "All findings");
        xmlNodePtr ol = S_el(c, fl, "ol", NULL);
        for (size_t k = 0; k < c->n_order; k++) {
            size_t fi = c->order[k];
            const enf_finding *f = &c->fs->v[fi];
            char cls[16];
            snprintf(cls, sizeof cls, "s%d", (int)f->severity);
            xmlNodePtr li = S_el(c, ol, "li", cls);
            S_attr(li, "data-fr", "%zu", c->rule_of[fi]);
            S_attr(li, "data-fs", "%d", (int)f->severity);
            xmlNodePtr a;
            if (S_row_key(c, fi) != SIZE_MAX) {
                a = S_el(c, li, "a", NULL);
                S_attr(a, "href", "#f%zu", k + 1);
            } else {
                a = S_el(c, li, "span", NULL);
            }
            S_finding_place(c, a, f);
            S_textz(c, li, " ");
            S_finding_text(c, li, f);
        }
    }
}

static void S_toolbar(S_ctx *c, xmlNodePtr body)
{
    xmlNodePtr bar = S_el(c, body, "nav", "tools needs-js");
    xmlNodePtr lab = S_el(c, bar, "label", NULL);
    S_textz(c, lab, "Show ");
    xmlNodePtr sel = S_el(c, lab, "select", NULL);
    xmlSetProp(sel, BAD_CAST "id", BAD_CAST "view");
    static const char *opts[][2] = {{"", "all rows"},
                                    {"f", "rows with findings"},
                                    {"nd", "rows that are not 1-1"},
                                    {"lc", "low-confidence rows"},
                                    {"dx", "rows with differences"},
                                    {"ch", "rows changed since the previous translation"}};
    size_t nopt = c->old_blocks ? 6 : 5;
    for (size_t i = 0; i < nopt; i++) {
        xmlNodePtr o = S_el(c, sel, "option", NULL);
        xmlSetProp(o, BAD_CAST "value", BAD_CAST opts[i][0]);
        S_textz(c, o, opts[i][1]);
    }
    S_textz(c, bar, " \xC2\xB7 keys: j / n next finding, k / p previous \xC2\xB7 ");
    xmlNodePtr pos = S_el(c, bar, "span", NULL);
    xmlSetProp(pos, BAD_CAST "id", BAD_CAST "pos");
    xmlSetProp(pos, BAD_CAST "aria-live", BAD_CAST "polite");
}

/* ------------------------------------------------------------ entry */

static void S_ctx_free(S_ctx *c)
{
    for (int s = 0; s < 2; s++) {
        if (c->marks[s])
            for (size_t i = 0; i < c->doc[s]->n_blocks; i++)
                free(c->marks[s][i].v);
        free(c->marks[s]);
        free(c->row_of[s]);
        free(c->whole[s]);
        free(c->term_count[s]);
    }
    if (c->old_blocks)
        for (size_t r = 0; r < c->al->n_beads; r++)
            free(c->old_blocks[r]);
    free(c->old_blocks);
    free(c->n_old_blocks);
    free(c->order);
    free(c->page_no);
    free(c->rule_of);
    free(c->rules);
    free(c->rule_count);
    free(c->rule_sev);
    free(c->term_slot);
    if (c->html)
        xmlFreeDoc(c->html);
}

static int S_check_alignment(const enf_alignment *al, const enf_doc *en, const enf_doc *zh,
                             enf_error *err)
{
    for (size_t r = 0; r < al->n_beads; r++) {
        const enf_bead *b = &al->beads[r];
        if (b->en > en->n_blocks || b->n_en > en->n_blocks - b->en || b->zh > zh->n_blocks ||
            b->n_zh > zh->n_blocks - b->zh)
            return enf_error_set(err, ENF_EUSAGE, "report: bead %zu is outside the documents", r + 1);
    }
    return ENF_OK;
}

int enf_report_write(FILE *f, const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
                     const enf_findings *findings, const enf_glossary *g,
                     const enf_report_opts *opts, enf_error *err)
{
    if (!f || !en || !zh || !al)
        return enf_error_set(err, ENF_EUSAGE, "report: missing document or alignment");
    if (en->n_blocks + zh->n_blocks > ENF_MAX_REPORT_BLOCKS)
        return enf_error_set(err, ENF_EINPUT,
                             "%s, %s: %zu blocks is too many for one review page (limit %zu); "
                             "split the document", en->name, zh->name, en->n_blocks + zh->n_blocks,
                             ENF_MAX_REPORT_BLOCKS);
    int rc = S_check_alignment(al, en, zh, err);
    if (rc)
        return rc;
    if (opts && (!opts->zh_old) != (!opts->al_old))
        return enf_error_set(err, ENF_EUSAGE, "report: an old translation needs its alignment");
    if (opts && opts->zh_old && (rc = S_check_alignment(opts->al_old, en, opts->zh_old, err)))
        return rc;
    for (size_t i = 0; findings && i < findings->n; i++)
        for (int s = 0; s < 2; s++) {
            size_t bi = findings->v[i].block[s];
            if (bi != ENF_NO_BLOCK && bi >= (s ? zh : en)->n_blocks)
                return enf_error_set(err, ENF_EUSAGE, "report: finding %zu names block %zu of %s, "
                                     "which has %zu", i + 1, bi, (s ? zh : en)->name,
                                     (s ? zh : en)->n_blocks);
        }

    S_ctx c = {0};
    c.doc[0] = en;
    c.doc[1] = zh;
    c.al = al;
    c.fs = findings;
    c.g = g;
    c.opts = opts;
    if (S_setup(&c)) {
        S_ctx_free(&c);
        return enf_error_set(err, ENF_ENOMEM, "report: out of memory");
    }

    char title[512];
    if (opts && opts->title)
        snprintf(title, sizeof title, "%s", opts->title);
    else
        snprintf(title, sizeof title, "%s \xE2\x86\x94 %s", en->name, zh->name);

    c.html = htmlNewDocNoDtD(NULL, NULL);
    if (!c.html) {
        S_ctx_free(&c);
        return enf_error_set(err, ENF_ENOMEM, "report: out of memory");
    }
    xmlCreateIntSubset(c.html, BAD_CAST "html", NULL, NULL);
    xmlNodePtr root = xmlNewDocNode(c.html, NULL, BAD_CAST "html", NULL);
    xmlDocSetRootElement(c.html, root);
    xmlSetProp(root, BAD_CAST "lang", BAD_CAST "en");
    xmlNodePtr head = S_el(&c, root, "head", NULL);
    xmlNodePtr m = S_el(&c, head, "meta", NULL);
    xmlSetProp(m, BAD_CAST "charset", BAD_CAST "utf-8");
    m = S_el(&c, head, "meta", NULL);
    xmlSetProp(m, BAD_CAST "http-equiv", BAD_CAST "Content-Security-Policy");
    xmlSetProp(m, BAD_CAST "content", BAD_CAST S_csp);
    m = S_el(&c, head, "meta", NULL);
    xmlSetProp(m, BAD_CAST "name", BAD_CAST "viewport");
    xmlSetProp(m, BAD_CAST "content", BAD_CAST "width=device-width, initial-scale=1");
    /* following a link from the page tells the site nothing about it */
    m = S_el(&c, head, "meta", NULL);
    xmlSetProp(m, BAD_CAST "name", BAD_CAST "referrer");
    xmlSetProp(m, BAD_CAST "content", BAD_CAST "no-referrer");
    m = S_el(&c, head, "meta", NULL);
    xmlSetProp(m, BAD_CAST "name", BAD_CAST "generator");
    xmlSetProp(m, BAD_CAST "content", BAD_CAST "enface " ENFACE_VERSION);
    xmlNodePtr ti = S_el(&c, head, "title", NULL);
    S_textz(&c, ti, "enface report: ");
    S_textz(&c, ti, title);
    xmlNodePtr st = S_el(&c, head, "style", NULL);
    if (st)
        xmlAddChild(st, xmlNewDocText(c.html, BAD_CAST S_css));
    xmlNodePtr body = S_el(&c, root, "body", NULL);

    /* rows first: they count the differences the summary reports */
    xmlNodePtr rows = xmlNewDocNode(c.html, NULL, BAD_CAST "main", NULL);
    xmlSetProp(rows, BAD_CAST "id", BAD_CAST "rows");
    xmlSetProp(rows, BAD_CAST "class", BAD_CAST "rows");
    size_t next = 0;
    for (size_t r = 0; r < al->n_beads && !c.oom; r++)
        S_render_row(&c, rows, r, &next);
    S_summary(&c, body, title);
    S_toolbar(&c, body);
    xmlAddChild(body, rows);
    xmlNodePtr sc = S_el(&c, body, "script", NULL);
    if (sc)
        xmlAddChild(sc, xmlNewDocText(c.html, BAD_CAST S_js));
    if (c.oom) {
        S_ctx_free(&c);
        return enf_error_set(err, ENF_ENOMEM, "report: out of memory");
    }

    xmlOutputBufferPtr out = xmlOutputBufferCreateFile(f, NULL);
    if (!out) {
        S_ctx_free(&c);
        return enf_error_set(err, ENF_ENOMEM, "report: out of memory");
    }
    htmlDocContentDumpFormatOutput(out, c.html, "UTF-8", 1);
    int wrote = xmlOutputBufferClose(out);
    S_ctx_free(&c);
    if (wrote < 0 || ferror(f))
        return enf_error_set(err, ENF_EIO, "report: write failed");
    return ENF_OK;
}
