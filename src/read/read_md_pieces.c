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
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- cmark's memory for a piece
 * A piece's parser and tree are a few hundred thousand small allocations,
 * each freed again node by node: malloc and free were a tenth of reading.
 * They come from blocks of one arena per reader instead, handed out in
 * order and taken back whole when the piece is done.  cmark's allocator
 * has no pointer of its own, so the arena cmark allocates from is this
 * thread's S_arena (readers in other threads have theirs; a reader that
 * starts inside another gives the outer one back when it ends). */

struct enf__md_block {
    enf__md_block *next;
    size_t size, used;
    max_align_t data[];
};

#define S_BLOCK ((size_t)1 << 20)

/* Each allocation is preceded by its size (realloc copies that much). */
typedef union {
    size_t size;
    max_align_t align;
} S_head;

static _Thread_local enf__md_pieces *S_arena;

static void *S_take(size_t n)
{
    enf__md_pieces *k = S_arena;
    if (n > SIZE_MAX / 2)
        goto oom;
    size_t a = sizeof(max_align_t), need = sizeof(S_head) + (n + a - 1) / a * a;
    while (k->cur && k->cur->size - k->cur->used < need && k->cur->next)
        k->cur = k->cur->next;
    if (!k->cur || k->cur->size - k->cur->used < need) {
        size_t size = need > S_BLOCK ? need : S_BLOCK;
        enf__md_block *b = malloc(sizeof *b + size);
        if (!b)
            goto oom;
        b->size = size;
        b->used = 0;
        /* after the current block: the blocks before it are full */
        if (k->cur) {
            b->next = k->cur->next;
            k->cur->next = b;
        } else {
            b->next = NULL;
            k->blocks = b;
        }
        k->cur = b;
    }
    S_head *h = (S_head *)((char *)k->cur->data + k->cur->used);
    k->cur->used += need;
    h->size = n;
    return h + 1;
oom:
    /* what cmark's own allocator does (cmark has no way to fail an
     * allocation): the process ends */
    abort();
}

static void *S_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return S_take(SIZE_MAX);   /* too much: out of memory */
    void *p = S_take(n * size);
    memset(p, 0, n * size);
    return p;
}

static void *S_realloc(void *p, size_t n)
{
    if (!p)
        return S_take(n);
    S_head *h = (S_head *)p - 1;
    enf__md_block *b = S_arena->cur;
    size_t a = sizeof(max_align_t), old = (h->size + a - 1) / a * a,
           grown = n > SIZE_MAX / 2 ? 0 : (n + a - 1) / a * a;
    if (grown && grown <= old) {   /* smaller: it stays */
        h->size = n;
        return p;
    }
    /* the last allocation grows where it is when its block has room */
    if (grown && (char *)p + old == (char *)b->data + b->used && grown - old <= b->size - b->used) {
        b->used += grown - old;
        h->size = n;
        return p;
    }
    void *q = S_take(n);
    memcpy(q, p, h->size < n ? h->size : n);
    return q;
}

static void S_free(void *p)
{
    (void)p;   /* the piece's blocks are taken back whole */
}

static cmark_mem S_mem = {S_calloc, S_realloc, S_free};

/* The piece is done: its blocks are free again. */
static void S_arena_reset(enf__md_pieces *k)
{
    for (enf__md_block *b = k->blocks; b; b = b->next)
        b->used = 0;
    k->cur = k->blocks;
}

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
    k->arena = k->piece != SIZE_MAX;
    k->prev_arena = S_arena;
    if (k->arena)
        S_arena = k;
}

void enf__md_pieces_drop(enf__md_pieces *k, cmark_node *n)
{
    if (!k->arena)
        cmark_node_free(n);
}

/* The tree root goes: freed, or its piece's blocks taken back. */
static void S_release(enf__md_pieces *k, cmark_node *root)
{
    if (!k->arena)
        cmark_node_free(root);
    else
        S_arena_reset(k);
}

void enf__md_pieces_free(enf__md_pieces *k, cmark_node *root)
{
    if (root)
        S_release(k, root);
    while (k->blocks) {
        enf__md_block *b = k->blocks;
        k->blocks = b->next;
        free(b);
    }
    k->cur = NULL;
    if (k->arena)
        S_arena = k->prev_arena;
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
    cmark_parser *parser = k->arena ? cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &S_mem)
                                    : cmark_parser_new(CMARK_OPT_DEFAULT);
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
        S_release(k, prev);
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
        S_release(k, root);
        k->want = k->want > SIZE_MAX / 2 ? SIZE_MAX : 2 * k->want;
    }
}
