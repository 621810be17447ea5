/* read_md.c — Markdown -> Doc.  cmark parses with source positions; every
 * leaf block (heading, paragraph, code block, HTML block) becomes a unit
 * whose id is its 1-based start line (docs/architecture.md, "The Doc").
 * YAML front matter is metadata and yields no unit. */
#include "enface/read.h"
#include "model_internal.h"
#include "read_internal.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_DEPTH 1024
#define S_PIECE ((size_t)256 * 1024)   /* bytes cmark reads at a time (read_md_pieces.c) */

/* Where the front matter ends (after its closing line), or 0: the
 * bounds are front_matter.c's, so reading and rewriting agree. */
static size_t S_front_matter_end(const char *s, size_t len)
{
    size_t body, end;
    if (!enf__front_matter_bounds(s, len, &body, &end))
        return 0;
    const char *nl = memchr(s + end, '\n', len - end);
    return nl ? (size_t)(nl - s) + 1 : len;
}

/* Plain text of a heading or paragraph, and the anchors cmark knows. */
/* The next recorded span for a code, link or image node (the spans are in
 * the order of the nodes; other kinds are passed over), or NULL. */
static const enf_inline *S_span_for(const enf_inline_list *sp, size_t *si, cmark_node_type t)
{
    while (*si < sp->n && (sp->v[*si].kind == ENF_INLINE_EMPH || sp->v[*si].kind == ENF_INLINE_STRONG ||
                           sp->v[*si].kind == ENF_INLINE_HTML))
        (*si)++;
    if (*si >= sp->n)
        return NULL;
    enf_inline_kind k = sp->v[*si].kind;
    int ok = t == CMARK_NODE_CODE ? k == ENF_INLINE_CODE
             : t == CMARK_NODE_LINK ? (k == ENF_INLINE_LINK || k == ENF_INLINE_AUTOLINK)
                                    : k == ENF_INLINE_IMAGE;
    return ok ? &sp->v[(*si)++] : NULL;
}

/* Where a reader's anchor for span x is in the source: a link's or image's
 * destination as written (else the whole span), a code span's content. */
static void S_anchor_at(enf_anchor_list *x, enf_anchor_kind kind, const char *val, const enf_inline *sp)
{
    size_t off = ENF_NO_OFFSET, len = 0;
    if (sp && sp->kind == ENF_INLINE_CODE) {
        off = sp->inner_off;
        len = sp->inner_len;
    } else if (sp) {
        off = sp->dest_len ? sp->dest_off : sp->off;
        len = sp->dest_len ? sp->dest_len : sp->len;
    }
    enf__anchor_list_add_at(x, kind, val, off, len);
}

static void S_inline_text(cmark_node *leaf, enf_buf *b, enf_anchor_list *x, unsigned *flags,
                          const enf_inline_list *sp)
{
    size_t si = 0;
    cmark_iter *it = cmark_iter_new(leaf);
    cmark_event_type ev;
    int n_top = 0, n_strong_top = 0, n_image = 0, n_other_text = 0;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (n == leaf)
            continue;
        if (ev == CMARK_EVENT_ENTER && cmark_node_parent(n) == leaf) {
            const char *lit = t == CMARK_NODE_TEXT ? cmark_node_get_literal(n) : NULL;
            int blank = lit && lit[strspn(lit, " \t")] == '\0';
            if (!blank && t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK) {
                n_top++;
                if (t == CMARK_NODE_STRONG || t == CMARK_NODE_EMPH)
                    n_strong_top++;
                if (t == CMARK_NODE_LINK) {
                    cmark_node *c = cmark_node_first_child(n);
                    if (c && !cmark_node_next(c) &&
                        (cmark_node_get_type(c) == CMARK_NODE_STRONG ||
                         cmark_node_get_type(c) == CMARK_NODE_EMPH))
                        n_strong_top++;
                    if (c && !cmark_node_next(c) && cmark_node_get_type(c) == CMARK_NODE_IMAGE)
                        n_image++;
                }
                if (t == CMARK_NODE_IMAGE)
                    n_image++;
            }
        }
        if (ev != CMARK_EVENT_ENTER)
            continue;
        switch (t) {
        case CMARK_NODE_TEXT:
            enf__buf_put_collapsed(b, cmark_node_get_literal(n), strlen(cmark_node_get_literal(n)));
            if (cmark_node_parent(n) == leaf)
                n_other_text++;
            break;
        case CMARK_NODE_CODE:
            enf__buf_put_collapsed(b, cmark_node_get_literal(n), strlen(cmark_node_get_literal(n)));
            S_anchor_at(x, ENF_ANCHOR_CODE, cmark_node_get_literal(n), S_span_for(sp, &si, t));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            enf__buf_putc(b, ' ');
            break;
        case CMARK_NODE_LINK:
            S_anchor_at(x, ENF_ANCHOR_LINK, cmark_node_get_url(n), S_span_for(sp, &si, t));
            break;
        case CMARK_NODE_IMAGE:
            S_anchor_at(x, ENF_ANCHOR_IMAGE, cmark_node_get_url(n), S_span_for(sp, &si, t));
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
    if (n_top > 0 && n_strong_top == n_top)
        *flags |= ENF_BF_BOLD_ONLY;
    if (n_top > 0 && n_image == n_top)
        *flags |= ENF_BF_IMAGE_ONLY;
    (void)n_other_text;
}

/* ---- inline spans: cmark's tree, located in the source.
 * cmark's inline positions are not reliable (columns on continuation lines
 * of a block quote or list item, lines after a multi-line link or tag, the
 * whole of an autolink), so the tree is walked in order with a cursor in
 * the block's source: every node is matched against the bytes at the
 * cursor (escapes, entities and container prefixes after a newline
 * allowed), which gives exact ranges.  When a node does not match, the
 * spans found so far are kept and the rest of the block has none. */

typedef struct {
    const char *s;      /* doc->data */
    size_t p, end;      /* cursor and end of the block's source */
    int bad;
} S_cur;

/* After a newline in the source: the container prefix and indentation. */
static void S_skip_prefix(S_cur *c)
{
    while (c->p < c->end && (c->s[c->p] == ' ' || c->s[c->p] == '\t' || c->s[c->p] == '>'))
        c->p++;
}

/* A line break: trailing spaces or a backslash, the newline, the prefix. */
static void S_match_break(S_cur *c)
{
    size_t p = c->p;
    while (p < c->end && (c->s[p] == ' ' || c->s[p] == '\t' || c->s[p] == '\\'))
        p++;
    if (p >= c->end || c->s[p] != '\n') {
        c->bad = 1;
        return;
    }
    c->p = p + 1;
    S_skip_prefix(c);
}

/* The literal of a text or HTML node at the cursor. */
static void S_match_literal(S_cur *c, const char *lit)
{
    size_t i = 0, n = strlen(lit);
    while (i < n && !c->bad) {
        /* most of a literal is the source's bytes as written: those first
         * (not a newline, whose prefix differs, nor '&', which may stand
         * for &amp; in the source) */
        while (i < n && c->p < c->end && lit[i] == c->s[c->p] && lit[i] != '\n' && lit[i] != '&') {
            i++;
            c->p++;
        }
        if (i >= n)
            break;
        if (c->p >= c->end) {
            c->bad = 1;
            break;
        }
        char ch = c->s[c->p];
        if (lit[i] == '\n') {
            /* a newline inside a literal: the source has its prefix too */
            while (c->p < c->end && (c->s[c->p] == ' ' || c->s[c->p] == '\t'))
                c->p++;
            if (c->p >= c->end || c->s[c->p] != '\n') {
                c->bad = 1;
                break;
            }
            c->p++;
            S_skip_prefix(c);
            i++;
            while (i < n && (lit[i] == ' ' || lit[i] == '\t'))
                i++;   /* the literal may keep indentation the prefix took */
            continue;
        }
        if (ch == '&' && lit[i] == '&' && c->p + 4 < c->end && !memcmp(c->s + c->p, "&amp;", 5) &&
            strncmp(lit + i, "&amp;", 5) != 0) {
            c->p += 5;   /* &amp; is the one entity that reads as '&' */
            i++;
        } else if (ch == lit[i]) {
            c->p++;
            i++;
        } else if (ch == '\\' && c->p + 1 < c->end && c->s[c->p + 1] == lit[i]) {
            c->p += 2;
            i++;
        } else if (ch == '&' && lit[i] != '&') {
            size_t e = c->p + 1;
            while (e < c->end && e - c->p < 40 && c->s[e] != ';' && c->s[e] != '\n')
                e++;
            if (e >= c->end || c->s[e] != ';') {
                c->bad = 1;
                break;
            }
            c->p = e + 1;
            /* an entity is one character of the literal */
            int adv;
            enf__utf8_decode(lit + i, n - i, &adv);
            i += (size_t)adv;
        } else if (ch == '\n' || ch == ' ' || ch == '\t') {
            /* text nodes drop the spaces around a soft break */
            size_t q = c->p;
            while (q < c->end && (c->s[q] == ' ' || c->s[q] == '\t'))
                q++;
            if (q < c->end && c->s[q] == '\n' && lit[i] == ' ') {
                c->p = q;
                S_match_break(c);
                i++;
            } else {
                c->bad = 1;
            }
        } else {
            c->bad = 1;
        }
    }
}

static void S_skip_ws(S_cur *c)
{
    while (c->p < c->end && (c->s[c->p] == ' ' || c->s[c->p] == '\t' || c->s[c->p] == '\n')) {
        if (c->s[c->p] == '\n') {
            c->p++;
            S_skip_prefix(c);
        } else {
            c->p++;
        }
    }
}

/* What follows a link's text: "(dest "title")", "[label]", "[]" or
 * nothing (a shortcut reference).  c->p is just past the ']'. */
static void S_match_dest(S_cur *c, enf_inline *x)
{
    const char *s = c->s;
    if (c->p < c->end && s[c->p] == '(') {
        c->p++;
        S_skip_ws(c);
        size_t st = c->p;
        if (c->p < c->end && s[c->p] == '<') {
            st = ++c->p;
            while (c->p < c->end && s[c->p] != '>' && s[c->p] != '\n')
                c->p += s[c->p] == '\\' && c->p + 1 < c->end ? 2 : 1;
            x->dest_off = st;
            x->dest_len = c->p - st;
            if (c->p < c->end)
                c->p++;
        } else {
            int depth = 0;
            while (c->p < c->end && (unsigned char)s[c->p] > ' ') {
                if (s[c->p] == '\\' && c->p + 1 < c->end) {
                    c->p += 2;
                    continue;
                }
                if (s[c->p] == '(')
                    depth++;
                else if (s[c->p] == ')' && depth-- == 0)
                    break;
                c->p++;
            }
            x->dest_off = st;
            x->dest_len = c->p - st;
        }
        S_skip_ws(c);
        if (c->p < c->end && (s[c->p] == '"' || s[c->p] == '\'' || s[c->p] == '(')) {
            char q = s[c->p] == '(' ? ')' : s[c->p];
            c->p++;
            while (c->p < c->end && s[c->p] != q)
                c->p += s[c->p] == '\\' && c->p + 1 < c->end ? 2 : 1;
            c->p++;
            S_skip_ws(c);
        }
        if (c->p < c->end && s[c->p] == ')')
            c->p++;
        else
            c->bad = 1;
        if (!x->dest_len)
            x->dest_off = 0;
    } else if (c->p < c->end && s[c->p] == '[') {
        while (c->p < c->end && s[c->p] != ']')
            c->p += s[c->p] == '\\' && c->p + 1 < c->end ? 2 : 1;
        if (c->p < c->end)
            c->p++;
        else
            c->bad = 1;
    }
}

#define S_MAX_NEST 64

/* The inline spans of leaf (a heading or paragraph) whose content starts
 * at or after data[from] and ends by data[end]. */
static int S_inlines(cmark_node *leaf, const char *data, size_t from, size_t end, enf_arena *arena,
                     enf_inline_list *out)
{
    S_cur c = {data, from, end, 0};
    size_t open[S_MAX_NEST];      /* index in out of the open link/emph */
    int depth = 0;
    S_skip_ws(&c);
    cmark_iter *it = cmark_iter_new(leaf);
    cmark_event_type ev;
    int rc = 0;
    while (!c.bad && rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (n == leaf)
            continue;
        cmark_node_type t = cmark_node_get_type(n);
        int enter = ev == CMARK_EVENT_ENTER;
        enf_inline x = {0};
        x.depth = depth;
        switch (t) {
        case CMARK_NODE_TEXT:
            S_match_literal(&c, cmark_node_get_literal(n));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            S_match_break(&c);
            break;
        case CMARK_NODE_HTML_INLINE:
            x.kind = ENF_INLINE_HTML;
            x.off = c.p;
            S_match_literal(&c, cmark_node_get_literal(n));
            x.len = c.p - x.off;
            x.inner_off = x.off;
            x.inner_len = x.len;
            if (!c.bad)
                rc = enf__inline_list_add(out, &x);
            break;
        case CMARK_NODE_CODE: {
            size_t r = 0;
            x.kind = ENF_INLINE_CODE;
            x.off = c.p;
            while (c.p < c.end && data[c.p] == '`')
                c.p++, r++;
            size_t close = ENF_NO_OFFSET;
            for (size_t j = c.p; r && j < c.end;) {
                if (data[j] != '`') {
                    j++;
                    continue;
                }
                size_t m = 0;
                while (j + m < c.end && data[j + m] == '`')
                    m++;
                if (m == r) {
                    close = j;
                    break;
                }
                j += m;
            }
            if (close == ENF_NO_OFFSET) {
                c.bad = 1;
                break;
            }
            x.inner_off = c.p;
            x.inner_len = close - c.p;
            c.p = close + r;
            x.len = c.p - x.off;
            rc = enf__inline_list_add(out, &x);
            break;
        }
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG: {
            int dl = t == CMARK_NODE_STRONG ? 2 : 1;
            if (enter) {
                x.kind = t == CMARK_NODE_LINK ? ENF_INLINE_LINK : t == CMARK_NODE_IMAGE ? ENF_INLINE_IMAGE
                         : t == CMARK_NODE_EMPH ? ENF_INLINE_EMPH : ENF_INLINE_STRONG;
                x.off = c.p;
                if (t == CMARK_NODE_LINK && c.p < c.end && data[c.p] == '<') {
                    /* an autolink: <address>, its text the address */
                    size_t e = c.p + 1;
                    while (e < c.end && data[e] != '>' && data[e] != '\n' && data[e] != ' ')
                        e++;
                    if (e >= c.end || data[e] != '>') {
                        c.bad = 1;
                        break;
                    }
                    x.kind = ENF_INLINE_AUTOLINK;
                    x.inner_off = x.dest_off = c.p + 1;
                    x.inner_len = x.dest_len = e - c.p - 1;
                    x.len = e + 1 - c.p;
                    const char *u = cmark_node_get_url(n);
                    x.url = enf__arena_intern(arena, u ? u : "", u ? strlen(u) : 0);
                    c.p = e + 1;
                    /* its text node is the address: not matched again */
                    cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
                    rc = x.url ? enf__inline_list_add(out, &x) : -1;
                    break;
                }
                if (t == CMARK_NODE_IMAGE) {
                    if (c.p + 1 >= c.end || data[c.p] != '!' || data[c.p + 1] != '[')
                        c.bad = 1;
                    c.p += 2;
                } else if (t == CMARK_NODE_LINK) {
                    if (c.p >= c.end || data[c.p] != '[')
                        c.bad = 1;
                    c.p++;
                } else {
                    for (int k = 0; k < dl; k++, c.p++)
                        if (c.p >= c.end || (data[c.p] != '*' && data[c.p] != '_'))
                            c.bad = 1;
                }
                if (c.bad)
                    break;
                x.inner_off = c.p;
                if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
                    const char *u = cmark_node_get_url(n);
                    x.url = enf__arena_intern(arena, u ? u : "", u ? strlen(u) : 0);
                    if (!x.url) {
                        rc = -1;
                        break;
                    }
                }
                if (depth >= S_MAX_NEST || enf__inline_list_add(out, &x)) {
                    rc = depth >= S_MAX_NEST ? 0 : -1;
                    c.bad = 1;
                    break;
                }
                open[depth++] = out->n - 1;
            } else {
                enf_inline *o = &out->v[open[--depth]];
                if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
                    if (c.p >= c.end || data[c.p] != ']') {
                        c.bad = 1;
                        break;
                    }
                    o->inner_len = c.p - o->inner_off;
                    c.p++;
                    S_match_dest(&c, o);
                } else {
                    o->inner_len = c.p - o->inner_off;
                    for (int k = 0; k < dl; k++, c.p++)
                        if (c.p >= c.end || data[c.p] != data[o->off])
                            c.bad = 1;
                }
                o->len = c.p - o->off;
            }
            break;
        }
        default:
            break;
        }
    }
    cmark_iter_free(it);
    if (c.bad) {
        /* keep the spans that were closed before the mismatch */
        size_t k = 0;
        for (size_t i = 0; i < out->n; i++)
            if (out->v[i].len)
                out->v[k++] = out->v[i];
        out->n = k;
    }
    return rc;
}

/* A paragraph that is one display formula, $$…$$ or \[…\], white space
 * aside: LaTeX, not prose in either language. */
static int S_is_math(const char *src, size_t len)
{
    while (len && (src[len - 1] == ' ' || src[len - 1] == '\t' || src[len - 1] == '\n' || src[len - 1] == '\r'))
        len--;
    while (len && (src[0] == ' ' || src[0] == '\t' || src[0] == '\n' || src[0] == '\r')) {
        src++;
        len--;
    }
    if (len < 4)
        return 0;
    if (!memcmp(src, "$$", 2) && !memcmp(src + len - 2, "$$", 2))
        return 1;
    return !memcmp(src, "\\[", 2) && !memcmp(src + len - 2, "\\]", 2);
}

static int S_is_table(const char *src, size_t len)
{
    if (len == 0 || src[0] != '|')
        return 0;
    const char *nl = memchr(src, '\n', len);
    if (!nl)
        return 0;
    const char *p = nl + 1, *end = src + len;
    int dashes = 0;
    while (p < end && *p != '\n') {
        if (*p == '-')
            dashes++;
        else if (!strchr("|: \t", *p))
            return 0;
        p++;
    }
    return dashes >= 3;
}

/* Strip tags from an HTML block for its plain text. */
static void S_html_text(const char *s, enf_buf *b, enf_anchor_list *x, enf_arena *arena)
{
    int in_tag = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '<') {
            in_tag = 1;
            /* href="..." and src="..." inside the tag are anchors */
            const char *e = strchr(p, '>');
            size_t tl = e ? (size_t)(e - p) : strlen(p);
            for (const char *q = p; q < p + tl; q++) {
                int is_href = strncmp(q, "href=", 5) == 0, is_src = strncmp(q, "src=", 4) == 0;
                if (!is_href && !is_src)
                    continue;
                const char *v = q + (is_href ? 5 : 4);
                char quote = (*v == '"' || *v == '\'') ? *v++ : 0;
                const char *ve = v;
                while (ve < p + tl && *ve && (quote ? *ve != quote : (*ve != ' ' && *ve != '>')))
                    ve++;
                char *val = enf_arena_strndup(arena, v, (size_t)(ve - v));
                enf__anchor_list_add(x, is_href ? ENF_ANCHOR_LINK : ENF_ANCHOR_IMAGE, val);
                q = ve;
            }
            continue;
        }
        if (*p == '>' && in_tag) {
            in_tag = 0;
            enf__buf_putc(b, ' ');
            continue;
        }
        if (!in_tag)
            enf__buf_put_collapsed(b, p, 1);
    }
}

static int S_read(const char *name, enf_doc *d, unsigned dialects, size_t chunk, enf_doc **out,
                  enf_error *err);

int enf_doc_read_markdown(const char *name, const char *data, size_t len, enf_doc **out,
                          enf_error *err)
{
    return enf__read_markdown(name, data, len, ENF__MD_ALL, out, err);
}

int enf__read_markdown(const char *name, const char *data, size_t len, unsigned dialects, enf_doc **out,
                       enf_error *err)
{
    return enf__read_markdown_pieces(name, data, len, dialects, S_PIECE, out, err);
}

int enf__read_markdown_pieces(const char *name, const char *data, size_t len, unsigned dialects,
                              size_t piece, enf_doc **out, enf_error *err)
{
    *out = NULL;
    int rc = enf__input_check(name, data, len, err);
    if (rc)
        return rc;
    enf_doc *d = enf__doc_new(name, data, len, ENF_UNITS_MARKDOWN);
    if (!d)
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
    return S_read(name, d, dialects, piece, out, err);
}

int enf__doc_read_markdown_owned(const char *name, char *data, size_t len, unsigned dialects,
                                 const enf_read_opts *o, enf_doc **out, enf_error *err)
{
    *out = NULL;
    int rc = enf__input_check(name, data, len, err);
    if (rc) {
        free(data);
        return rc;
    }
    enf_doc *d = enf__doc_new_owned(name, data, len, ENF_UNITS_MARKDOWN);
    if (!d)
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
    enf__read_opts_apply(d, o);
    return S_read(name, d, dialects, S_PIECE, out, err);
}

/* Nested containers of one kind (lists, or list items): how deep the
 * reader is, and the number of each open one (1, 2, ... in document
 * order), the innermost S_MAX_DEPTH kept. */
typedef struct {
    int stack[S_MAX_DEPTH];
    int depth, next;
} S_nest;

static void S_nest_step(S_nest *k, int enter)
{
    if (!enter) {
        k->depth--;
        return;
    }
    if (k->depth < S_MAX_DEPTH)
        k->stack[k->depth] = ++k->next;
    k->depth++;
}

/* The number of the innermost open one, 0 when none. */
static int S_nest_id(const S_nest *k)
{
    int d = k->depth < S_MAX_DEPTH ? k->depth : S_MAX_DEPTH;
    return d ? k->stack[d - 1] : 0;
}

/* What S_read carries from block to block. */
typedef struct {
    enf_doc *d;
    const enf__md_feed *feed;   /* the text cmark reads, when not the source */
    int line0;                  /* lines before the piece cmark read */
    S_nest list, item;          /* the lists and list items open */
    int quote_depth;
    size_t cap;
    enf__sections sec;
    enf_buf b;                  /* a block's text, anchors and spans */
    enf_anchor_list x;
    enf_inline_list il;
} S_reader;

/* The leaf block n (of type t) as a unit of r->d; -1 out of memory. */
static int S_leaf(S_reader *r, cmark_node *n, cmark_node_type t)
{
    enf_doc *d = r->d;
    const size_t *ls = d->line_start;
    const enf__md_feed *feed = r->feed;
    enf_block blk = {0};
    blk.list_depth = r->list.depth;
    blk.quote_depth = r->quote_depth;
    blk.list_id = S_nest_id(&r->list);
    blk.item_id = S_nest_id(&r->item);
    int sl = cmark_node_get_start_line(n) + r->line0, sc = cmark_node_get_start_column(n);
    int el = cmark_node_get_end_line(n) + r->line0, ec = cmark_node_get_end_column(n);
    size_t fed = feed->text ? feed->n_lines : d->n_lines;
    if (sl < 1)
        sl = 1;
    if ((size_t)sl > fed)
        sl = (int)fed;
    if (el < sl)
        el = sl;
    if ((size_t)el > fed)
        el = (int)fed;
    size_t so, eo;
    if (feed->text) {
        /* back from the fed text to the source (md_dialect.c) */
        so = feed->start[sl - 1] + (size_t)(sc > 0 ? sc - 1 : 0);
        eo = feed->start[el - 1] + (size_t)(ec > 0 ? ec : 0);
        sl = (int)feed->line[sl - 1] + 1;
        el = (int)feed->line[el - 1] + 1;
    } else {
        so = ls[sl - 1] + (size_t)(sc > 0 ? sc - 1 : 0);
        eo = ls[el - 1] + (size_t)(ec > 0 ? ec : 0);
    }
    blk.id = sl;
    size_t line_end = ls[el] - 1;
    if (eo > line_end)
        eo = line_end;
    if (so > d->len)
        so = d->len;
    if (eo < so)
        eo = so;
    blk.src_off = so;
    blk.src_len = eo - so;
    blk.start_line = sl;
    blk.end_line = el;
    blk.start_col = (int)enf_utf8_count(d->data + ls[sl - 1], so - ls[sl - 1]) + 1;
    blk.end_col = (int)enf_utf8_count(d->data + ls[el - 1], eo - ls[el - 1]);

    r->b.len = 0;
    if (r->b.s)
        r->b.s[0] = '\0';
    r->x.n = 0;
    r->il.n = 0;
    if (t == CMARK_NODE_HEADING || t == CMARK_NODE_PARAGRAPH) {
        size_t from = so;
        if (t == CMARK_NODE_HEADING) {
            /* an ATX heading's content starts after its #s */
            while (from < eo && d->data[from] == ' ')
                from++;
            size_t h = from;
            while (h < eo && d->data[h] == '#')
                h++;
            if (h > from && (h == eo || d->data[h] == ' ' || d->data[h] == '\t'))
                from = h;
        }
        /* a Doc read for aligning keeps no spans and locates no anchor */
        if (!d->align_only && S_inlines(n, d->data, from, eo, d->arena, &r->il)) {
            return -1;
        }
    }
    switch (t) {
    case CMARK_NODE_HEADING:
        blk.kind = ENF_BLOCK_HEADING;
        blk.level = cmark_node_get_heading_level(n);
        S_inline_text(n, &r->b, &r->x, &blk.flags, &r->il);
        blk.flags &= ~(unsigned)ENF_BF_BOLD_ONLY;
        break;
    case CMARK_NODE_PARAGRAPH:
        blk.kind = ENF_BLOCK_PARAGRAPH;
        S_inline_text(n, &r->b, &r->x, &blk.flags, &r->il);
        if (S_is_table(d->data + so, eo - so))
            blk.flags |= ENF_BF_TABLE;
        if (S_is_math(d->data + so, eo - so))
            blk.flags |= ENF_BF_MATH;
        if (cmark_node_parent(n) && cmark_node_get_type(cmark_node_parent(n)) == CMARK_NODE_ITEM &&
            cmark_node_first_child(cmark_node_parent(n)) == n)
            blk.flags |= ENF_BF_LIST_ITEM;
        break;
    case CMARK_NODE_CODE_BLOCK: {
        blk.kind = ENF_BLOCK_CODE;
        const char *lit = cmark_node_get_literal(n);
        enf__buf_puts(&r->b, lit ? lit : "");
        /* the code itself, white space folded, is one strong anchor */
        enf_buf c = {0};
        enf__buf_put_collapsed(&c, lit ? lit : "", lit ? strlen(lit) : 0);
        if (c.len) {
            /* at most 4096 bytes, cut between characters */
            size_t cut = c.len;
            if (cut > 4096) {
                cut = 4096;
                while (cut > 0 && ((unsigned char)c.s[cut] & 0xC0) == 0x80)
                    cut--;
            }
            char *v = enf_arena_strndup(d->arena, c.s, cut);
            /* its place: the lines between the fences (or the block) */
            size_t co = so, ce = eo;
            size_t q = so;
            while (q < eo && d->data[q] == ' ')
                q++;
            if (q < eo && (d->data[q] == '`' || d->data[q] == '~')) {
                char f = d->data[q];
                const char *nl = memchr(d->data + so, '\n', eo - so);
                co = nl ? (size_t)(nl - d->data) + 1 : eo;
                size_t last = ls[el - 1];
                while (last < eo && d->data[last] == ' ')
                    last++;
                if (el > sl && last < eo && d->data[last] == f && ls[el - 1] > co)
                    ce = ls[el - 1] - 1;
                else if (el > sl && last < eo && d->data[last] == f)
                    ce = co;
            }
            enf__anchor_list_add_at(&r->x, ENF_ANCHOR_CODE, v, co, ce > co ? ce - co : 0);
        }
        enf__buf_free(&c);
        break;
    }
    default:
        blk.kind = ENF_BLOCK_HTML;
        S_html_text(cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "", &r->b, &r->x, d->arena);
        break;
    }
    if (r->b.oom) {
        return -1;
    }
    if (enf__doc_add_block_inlines(d, &r->cap, &blk, r->b.s ? r->b.s : "", r->b.len, &r->sec, &r->x, &r->il)) {
        return -1;
    }
    return 0;
}

/* The blocks of the top-level node top, in document order; -1 out of
 * memory. */
static int S_top(S_reader *r, cmark_node *top)
{
    cmark_iter *it = cmark_iter_new(top);
    if (!it)
        return -1;
    cmark_event_type ev;
    int rc = 0;
    while (rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        int enter = ev == CMARK_EVENT_ENTER;
        if (t == CMARK_NODE_LIST) {
            S_nest_step(&r->list, enter);
        } else if (t == CMARK_NODE_ITEM) {
            S_nest_step(&r->item, enter);
        } else if (t == CMARK_NODE_BLOCK_QUOTE) {
            r->quote_depth += enter ? 1 : -1;
        } else if (enter && (t == CMARK_NODE_HEADING || t == CMARK_NODE_PARAGRAPH ||
                             t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK)) {
            rc = S_leaf(r, n, t);
            /* what is inside a leaf is inline content, which S_leaf has
             * read: on to the leaf's end */
            cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
        }
    }
    cmark_iter_free(it);
    return rc;
}

/* The blocks of d's Markdown, cmark reading piece bytes at a time
 * (SIZE_MAX: at once); frees d on failure. */
static int S_read(const char *name, enf_doc *d, unsigned dialects, size_t chunk, enf_doc **out,
                  enf_error *err)
{
    size_t fm = S_front_matter_end(d->data, d->len);
    size_t first = 0;
    for (size_t i = 0; i < fm; i++)
        first += d->data[i] == '\n';
    enf__md_feed feed = {0};
    int rc = dialects ? enf__md_dialect(d->data, d->len, d->line_start, d->n_lines, first, dialects,
                                        &feed, err)
                      : ENF_OK;
    if (rc) {
        enf_doc_free(d);
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
    }
    S_reader *r = calloc(1, sizeof *r);
    if (!r) {
        enf__md_feed_free(&feed);
        enf_doc_free(d);
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
    }
    r->d = d;
    r->feed = &feed;
    enf__sections_init(&r->sec);
    /* what cmark reads: the docs-site text md_dialect.c made, or the
     * source with its front matter as empty lines (line numbers kept) */
    enf__md_pieces ck;
    if (feed.text)
        enf__md_pieces_init(&ck, feed.text, feed.len, 0, chunk);
    else
        enf__md_pieces_init(&ck, d->data, d->len, fm, chunk);
    /* the text a piece at a time, and in each piece one top-level block
     * at a time, each freed once read: the tree's memory goes back while
     * the Doc grows */
    cmark_node *root = NULL, *stop = NULL;
    while (rc == ENF_OK && (root = enf__md_pieces_next(&ck, root, &r->line0, &stop))) {
        cmark_node *top = cmark_node_first_child(root);
        while (rc == ENF_OK && top && top != stop) {
            if (S_top(r, top))
                rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
            cmark_node *next = cmark_node_next(top);
            enf__md_pieces_drop(&ck, top);
            top = next;
        }
    }
    enf__md_pieces_free(&ck, root);
    if (rc == ENF_OK && ck.oom)
        rc = enf_error_set(err, ENF_ENOMEM, "%s: Markdown parser failed", name);
    enf__md_feed_free(&feed);
    enf__buf_free(&r->b);
    free(r->x.v);
    free(r->il.v);
    free(r);
    if (rc) {
        enf_doc_free(d);
        return rc;
    }
    enf__doc_blocks_done(d);
    *out = d;
    return ENF_OK;
}
