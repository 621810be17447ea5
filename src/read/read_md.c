/* read_md.c — Markdown -> Doc.  cmark parses with source positions; every
 * leaf block (heading, paragraph, code block, HTML block) becomes a unit
 * whose id is its 1-based start line (docs/architecture.md, "The Doc").
 * YAML front matter is metadata and yields no unit. */
#include "enface/read.h"
#include "model_internal.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_DEPTH 1024

/* Lines of the front matter to skip: a first line "---" up to the next
 * "---" or "..." line. */
static size_t S_front_matter_end(const char *s, size_t len)
{
    size_t e = 0;
    while (e < len && s[e] != '\n')
        e++;
    size_t l = e;
    while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '\t'))
        l--;
    if (l != 3 || memcmp(s, "---", 3) != 0)
        return 0;
    size_t p = e + 1;
    while (p < len) {
        size_t q = p;
        while (q < len && s[q] != '\n')
            q++;
        size_t r = q;
        while (r > p && (s[r - 1] == ' ' || s[r - 1] == '\t'))
            r--;
        if ((r - p == 3 && memcmp(s + p, "---", 3) == 0) ||
            (r - p == 3 && memcmp(s + p, "...", 3) == 0))
            return q < len ? q + 1 : q;
        p = q + 1;
    }
    return 0;
}

/* Plain text of a heading or paragraph, and the anchors cmark knows. */
static void S_inline_text(cmark_node *leaf, enf_buf *b, enf_anchor_list *x, unsigned *flags)
{
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
            int blank = lit && strspn(lit, " \t") == strlen(lit);
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
            enf__anchor_list_add(x, ENF_ANCHOR_CODE, cmark_node_get_literal(n));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            enf__buf_putc(b, ' ');
            break;
        case CMARK_NODE_LINK:
            enf__anchor_list_add(x, ENF_ANCHOR_LINK, cmark_node_get_url(n));
            break;
        case CMARK_NODE_IMAGE:
            enf__anchor_list_add(x, ENF_ANCHOR_IMAGE, cmark_node_get_url(n));
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

int enf_doc_read_markdown(const char *name, const char *data, size_t len, enf_doc **out,
                          enf_error *err)
{
    *out = NULL;
    int rc = enf__input_check(name, data, len, err);
    if (rc)
        return rc;
    enf_doc *d = enf__doc_new(name, data, len, ENF_UNITS_MARKDOWN);
    if (!d)
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);

    /* line starts, for byte offsets of cmark's line:column positions */
    const size_t *ls = d->line_start;
    size_t nlines = d->n_lines;

    size_t fm = S_front_matter_end(d->data, d->len);
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    if (fm) {
        /* keep line numbers: the front matter becomes empty lines */
        for (size_t i = 0; i < fm; i++)
            if (d->data[i] == '\n')
                cmark_parser_feed(parser, "\n", 1);
    }
    cmark_parser_feed(parser, d->data + fm, d->len - fm);
    cmark_node *root = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    if (!root) {
            enf_doc_free(d);
        return enf_error_set(err, ENF_ENOMEM, "%s: Markdown parser failed", name);
    }

    size_t cap = 0;
    int list_stack[S_MAX_DEPTH], item_stack[S_MAX_DEPTH];
    int list_depth = 0, quote_depth = 0, item_depth = 0, next_list = 0, next_item = 0;
    enf__sections sec;
    enf__sections_init(&sec);
    enf_buf b = {0};
    enf_anchor_list x = {0};
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    rc = ENF_OK;
    while (rc == ENF_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        int enter = ev == CMARK_EVENT_ENTER;
        if (t == CMARK_NODE_LIST) {
            if (enter) {
                if (list_depth < S_MAX_DEPTH)
                    list_stack[list_depth] = ++next_list;
                list_depth++;
            } else {
                list_depth--;
            }
            continue;
        }
        if (t == CMARK_NODE_ITEM) {
            if (enter) {
                if (item_depth < S_MAX_DEPTH)
                    item_stack[item_depth] = ++next_item;
                item_depth++;
            } else {
                item_depth--;
            }
            continue;
        }
        if (t == CMARK_NODE_BLOCK_QUOTE) {
            quote_depth += enter ? 1 : -1;
            continue;
        }
        if (!enter)
            continue;
        if (t != CMARK_NODE_HEADING && t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_CODE_BLOCK &&
            t != CMARK_NODE_HTML_BLOCK)
            continue;

        enf_block blk = {0};
        blk.id = cmark_node_get_start_line(n);
        blk.list_depth = list_depth;
        blk.quote_depth = quote_depth;
        int ld = list_depth < S_MAX_DEPTH ? list_depth : S_MAX_DEPTH;
        int id = item_depth < S_MAX_DEPTH ? item_depth : S_MAX_DEPTH;
        blk.list_id = ld ? list_stack[ld - 1] : 0;
        blk.item_id = id ? item_stack[id - 1] : 0;
        int sl = cmark_node_get_start_line(n), sc = cmark_node_get_start_column(n);
        int el = cmark_node_get_end_line(n), ec = cmark_node_get_end_column(n);
        if (sl < 1)
            sl = 1;
        if ((size_t)sl > nlines)
            sl = (int)nlines;
        if (el < sl)
            el = sl;
        if ((size_t)el > nlines)
            el = (int)nlines;
        size_t so = ls[sl - 1] + (size_t)(sc > 0 ? sc - 1 : 0);
        size_t eo = ls[el - 1] + (size_t)(ec > 0 ? ec : 0);
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

        b.len = 0;
        if (b.s)
            b.s[0] = '\0';
        x.n = 0;
        switch (t) {
        case CMARK_NODE_HEADING:
            blk.kind = ENF_BLOCK_HEADING;
            blk.level = cmark_node_get_heading_level(n);
            S_inline_text(n, &b, &x, &blk.flags);
            blk.flags &= ~(unsigned)ENF_BF_BOLD_ONLY;
            break;
        case CMARK_NODE_PARAGRAPH:
            blk.kind = ENF_BLOCK_PARAGRAPH;
            S_inline_text(n, &b, &x, &blk.flags);
            if (S_is_table(d->data + so, eo - so))
                blk.flags |= ENF_BF_TABLE;
            if (cmark_node_parent(n) && cmark_node_get_type(cmark_node_parent(n)) == CMARK_NODE_ITEM &&
                cmark_node_first_child(cmark_node_parent(n)) == n)
                blk.flags |= ENF_BF_LIST_ITEM;
            break;
        case CMARK_NODE_CODE_BLOCK: {
            blk.kind = ENF_BLOCK_CODE;
            const char *lit = cmark_node_get_literal(n);
            enf__buf_puts(&b, lit ? lit : "");
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
                enf__anchor_list_add(&x, ENF_ANCHOR_CODE, v);
            }
            enf__buf_free(&c);
            break;
        }
        default:
            blk.kind = ENF_BLOCK_HTML;
            S_html_text(cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "", &b, &x, d->arena);
            break;
        }
        if (b.oom) {
            rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
            break;
        }
        if (enf__doc_add_block(d, &cap, &blk, b.s ? b.s : "", b.len, &sec, &x)) {
            rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
            break;
        }
    }
    cmark_iter_free(it);
    cmark_node_free(root);
    enf__buf_free(&b);
    free(x.v);
    if (rc) {
        enf_doc_free(d);
        return rc;
    }
    *out = d;
    return ENF_OK;
}
