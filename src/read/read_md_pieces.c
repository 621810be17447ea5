/* read_md_pieces.c — a long Markdown text given to cmark a piece at a time.
 * cmark's tree of a document is three times its size.  A long one is read
 * a piece at a time instead, each piece's tree freed before the next is
 * parsed.  A piece ends before a line L that follows a blank line and
 * starts in column 1, once it has `want` bytes; it is parsed with L, and
 * kept only if L begins its last top-level block: every block before L is
 * then closed, and cmark builds it as it would in the whole document (a
 * block does not change once closed).  Otherwise the piece is parsed
 * again up to a later L, twice as far: a long code block or list costs at
 * most twice its parse.  A link reference definition serves the whole
 * document: a text with "]:" anywhere is read in one piece.  The blocks of
 * each piece are read in read_md.c. */
#include "read_internal.h"

#include <cmark.h>
#include <stdint.h>
#include <string.h>

static int S_has_reference(const char *t, size_t n)
{
    for (const char *p = t, *e = t + n; (p = memchr(p, ']', (size_t)(e - p))); p++)
        if (p + 1 < e && p[1] == ':')
            return 1;
    return 0;
}

void enf__md_pieces_init(enf__md_pieces *k, const char *t, size_t len, size_t fm, size_t piece)
{
    memset(k, 0, sizeof *k);
    k->t = t;
    k->len = len;
    k->fm = fm;
    /* a [label]: definition serves the whole document */
    k->piece = S_has_reference(t, len) ? SIZE_MAX : piece;
    k->want = k->piece;
}

/* The first line start at or after from, past the front matter, that
 * follows a blank line and does not start with white space or a byte-order
 * mark (cmark drops one at the start of what it is given); k->len if
 * none. */
static size_t S_candidate(const enf__md_pieces *k, size_t from)
{
    const char *t = k->t;
    size_t p = from < k->fm ? k->fm : from;
    if (p >= k->len)
        return k->len;
    if (p > 0 && t[p - 1] != '\n') {
        const char *nl = memchr(t + p, '\n', k->len - p);
        if (!nl)
            return k->len;
        p = (size_t)(nl - t) + 1;
    }
    for (; p < k->len;) {
        if (p > 0 && t[p] != ' ' && t[p] != '\t' && t[p] != '\n' &&
            !(k->len - p >= 3 && !memcmp(t + p, "\xEF\xBB\xBF", 3))) {
            size_t q = p - 1;   /* the '\n' ending the line before */
            while (q > 0 && (t[q - 1] == ' ' || t[q - 1] == '\t'))
                q--;
            if (q == 0 || t[q - 1] == '\n')
                return p;
        }
        const char *nl = memchr(t + p, '\n', k->len - p);
        if (!nl)
            break;
        p = (size_t)(nl - t) + 1;
    }
    return k->len;
}

static cmark_node *S_parse(const enf__md_pieces *k, size_t from, size_t to)
{
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    if (!parser)
        return NULL;
    /* keep line numbers: the front matter becomes empty lines */
    for (; from < k->fm && from < to; from++)
        if (k->t[from] == '\n')
            cmark_parser_feed(parser, "\n", 1);
    if (to > from)
        cmark_parser_feed(parser, k->t + from, to - from);
    cmark_node *root = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return root;
}

cmark_node *enf__md_pieces_next(enf__md_pieces *k, cmark_node *prev, int *line0, cmark_node **stop)
{
    if (prev)
        cmark_node_free(prev);
    if (k->done)
        return NULL;
    for (;;) {
        size_t b = S_candidate(k, k->want > k->len - k->at ? k->len : k->at + k->want), to = k->len;
        if (b < k->len) {
            const char *nl = memchr(k->t + b, '\n', k->len - b);
            to = nl ? (size_t)(nl - k->t) + 1 : k->len;
        }
        cmark_node *root = S_parse(k, k->at, to);
        if (!root) {
            k->oom = 1;
            return NULL;
        }
        *line0 = k->line;
        if (b >= k->len) {
            *stop = NULL;
            k->done = 1;
            return root;
        }
        int lines = 0;
        for (const char *p = k->t + k->at, *e = k->t + b; (p = memchr(p, '\n', (size_t)(e - p))); p++)
            lines++;
        cmark_node *last = cmark_node_last_child(root);
        if (last && cmark_node_get_start_line(last) == lines + 1) {
            *stop = last;
            k->line += lines;
            k->at = b;
            k->want = k->piece;
            return root;
        }
        cmark_node_free(root);
        k->want = k->want > SIZE_MAX / 2 ? SIZE_MAX : 2 * k->want;
    }
}
