/* doc.c — the Doc container: arena, errors, the blocks and source
 * positions.  The readers (src/read/) fill the blocks through
 * enf__doc_new and enf__doc_add_block. */
#include "enface/model.h"
#include "model_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int enf_error_set(enf_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

/* ---- arena: a list of chunks; big requests get their own chunk. */

typedef struct S_chunk {
    struct S_chunk *next;
    size_t used, size;
    max_align_t data[];
} S_chunk;

typedef struct {
    const char *v;
    uint32_t hash, len;
} S_islot;

struct enf_arena {
    S_chunk *head;
    /* enf__arena_intern: open addressing over the strings kept once, each
     * slot with the string's hash and length (a probe compares those) */
    S_islot *slots;
    size_t n_interned, n_slots;
};

#define S_CHUNK_SIZE ((size_t)64 * 1024)

enf_arena *enf_arena_new(void)
{
    return calloc(1, sizeof(enf_arena));
}

void *enf__arena_take(enf_arena *a, size_t size)
{
    size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    S_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t cap = size > S_CHUNK_SIZE / 4 ? size : S_CHUNK_SIZE;
        c = malloc(sizeof(S_chunk) + cap);
        if (!c)
            return NULL;
        c->used = 0;
        c->size = cap;
        if (size > S_CHUNK_SIZE / 4 && a->head) {
            /* keep the current chunk in front for small requests */
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    return p;
}

void *enf_arena_alloc(enf_arena *a, size_t size)
{
    void *p = enf__arena_take(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

char *enf_arena_strndup(enf_arena *a, const char *s, size_t n)
{
    char *p = enf__arena_take(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Anchor values repeat (every English word of a long document is one):
 * each distinct string is kept once per arena.  hash: enf__hash(s, n, 0),
 * which the caller has already. */
const char *enf__arena_intern_hashed(enf_arena *a, const char *s, size_t n, unsigned hash)
{
    if (n >= UINT32_MAX)
        return enf_arena_strndup(a, s, n);   /* not kept once: no such anchor */
    if (2 * (a->n_interned + 1) > a->n_slots) {
        size_t ns = a->n_slots ? a->n_slots * 2 : 256;
        S_islot *nv = calloc(ns, sizeof *nv);
        if (!nv)
            return NULL;
        for (size_t k = 0; k < a->n_slots; k++)
            if (a->slots[k].v) {
                size_t q = a->slots[k].hash & (ns - 1);
                while (nv[q].v)
                    q = (q + 1) & (ns - 1);
                nv[q] = a->slots[k];
            }
        free(a->slots);
        a->slots = nv;
        a->n_slots = ns;
    }
    size_t q = hash & (a->n_slots - 1);
    for (; a->slots[q].v; q = (q + 1) & (a->n_slots - 1)) {
        const S_islot *x = &a->slots[q];
        if (x->hash == (uint32_t)hash && x->len == n && !memcmp(x->v, s, n))
            return x->v;
    }
    char *copy = enf_arena_strndup(a, s, n);
    if (!copy)
        return NULL;
    a->slots[q] = (S_islot){copy, (uint32_t)hash, (uint32_t)n};
    a->n_interned++;
    return copy;
}

int enf__arena_has(const enf_arena *a, const char *s, size_t n, unsigned hash)
{
    if (!a->n_slots || n >= UINT32_MAX)
        return 0;
    for (size_t q = hash & (a->n_slots - 1); a->slots[q].v; q = (q + 1) & (a->n_slots - 1)) {
        const S_islot *x = &a->slots[q];
        if (x->hash == (uint32_t)hash && x->len == n && !memcmp(x->v, s, n))
            return 1;
    }
    return 0;
}

const char *enf__arena_intern(enf_arena *a, const char *s, size_t n)
{
    return enf__arena_intern_hashed(a, s, n, enf__hash(s, n, 0));
}

void enf_arena_free(enf_arena *a)
{
    if (!a)
        return;
    free(a->slots);
    S_chunk *c = a->head;
    while (c) {
        S_chunk *n = c->next;
        free(c);
        c = n;
    }
    free(a);
}

/* ---- doc */

/* data[0, len) into out with one line-ending convention for every later
 * stage: CRLF and lone CR become LF; a leading byte-order mark is
 * dropped.  out may be data itself (the text only shrinks). */
static size_t S_normalize_lines(char *out, const char *data, size_t len)
{
    size_t i = 0, o = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    /* the text between carriage returns is copied whole (out may be
     * data itself: it never runs ahead of the input) */
    while (i < len) {
        const char *cr = memchr(data + i, '\r', len - i);
        size_t run = cr ? (size_t)(cr - (data + i)) : len - i;
        if (out + o != data + i)
            memmove(out + o, data + i, run);
        o += run;
        i += run;
        if (i < len) {   /* at a \r: CR and CRLF become LF */
            out[o++] = '\n';
            i += i + 1 < len && data[i + 1] == '\n' ? 2 : 1;
        }
    }
    out[o] = '\0';
    return o;
}

static enf_doc *S_doc_finish(enf_doc *d, enf_units units);

enf_doc *enf__doc_new(const char *name, const char *data, size_t len, enf_units units)
{
    enf_doc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->arena = enf_arena_new();
    d->name = strdup(name ? name : "<input>");
    d->data = malloc(len + 1);
    if (!d->arena || !d->name || !d->data) {
        enf_doc_free(d);
        return NULL;
    }
    d->len = S_normalize_lines(d->data, data, len);
    return S_doc_finish(d, units);
}

enf_doc *enf__doc_new_owned(const char *name, char *data, size_t len, enf_units units)
{
    enf_doc *d = calloc(1, sizeof *d);
    if (!d) {
        free(data);
        return NULL;
    }
    d->arena = enf_arena_new();
    d->name = strdup(name ? name : "<input>");
    char *nd = realloc(data, len + 1);   /* room for the NUL */
    if (!nd)
        free(data);
    d->data = nd;
    if (!d->arena || !d->name || !d->data) {
        enf_doc_free(d);
        return NULL;
    }
    d->len = S_normalize_lines(d->data, d->data, len);
    return S_doc_finish(d, units);
}

static enf_doc *S_doc_finish(enf_doc *d, enf_units units)
{
    /* line starts, once: readers map positions with them and
     * enf_doc_position looks lines up by binary search */
    /* one pass, into a table sized for lines of 32 bytes and grown past
     * that (the text is read once, not once to count and once to fill) */
    size_t cap = d->len / 32 + 2, l = 1;
    d->line_start = malloc(cap * sizeof *d->line_start);
    if (!d->line_start) {
        enf_doc_free(d);
        return NULL;
    }
    d->line_start[0] = 0;
    for (const char *p = d->data, *end = d->data + d->len; (p = memchr(p, '\n', (size_t)(end - p)));
         p++) {
        if (enf__grow((void **)&d->line_start, &cap, l + 2, sizeof *d->line_start)) {
            enf_doc_free(d);
            return NULL;
        }
        d->line_start[l++] = (size_t)(p - d->data) + 1;
    }
    d->n_lines = l;
    d->line_start[l] = d->len + 1;
    d->units = units;
    return d;
}

void enf_doc_free(enf_doc *doc)
{
    if (!doc)
        return;
    enf_arena_free(doc->arena);
    free(doc->blocks);
    free(doc->line_start);
    free(doc->name);
    free(doc->data);
    free(doc);
}

int enf__doc_push_block(enf_doc *d, size_t *cap, const enf_block *b)
{
    if (enf__grow((void **)&d->blocks, cap, d->n_blocks + 1, sizeof *d->blocks))
        return ENF_ENOMEM;
    d->blocks[d->n_blocks++] = *b;
    return ENF_OK;
}

void enf__doc_blocks_done(enf_doc *d)
{
    d->latin_of = NULL;   /* read: the other Doc may go */
    if (d->align_only)
        enf_doc_drop_source(d);
    if (d->n_blocks) {
        enf_block *v = realloc(d->blocks, d->n_blocks * sizeof *v);
        if (v)
            d->blocks = v;
    }
}

void enf_doc_drop_source(enf_doc *doc)
{
    if (!doc)
        return;
    free(doc->data);
    free(doc->line_start);
    doc->data = NULL;
    doc->line_start = NULL;
    doc->n_lines = 0;
}

void enf_doc_position(const enf_doc *doc, size_t off, int *line, int *col)
{
    if (!doc->data || !doc->line_start) {
        if (line)
            *line = 0;
        if (col)
            *col = 0;
        return;
    }
    if (off > doc->len)
        off = doc->len;
    size_t lo = 0, hi = doc->n_lines;   /* last line starting at or before off */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (doc->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    if (line)
        *line = (int)lo + 1;
    if (col)
        *col = (int)enf_utf8_count(doc->data + doc->line_start[lo], off - doc->line_start[lo]) + 1;
}

const char *enf_block_kind_name(enf_block_kind kind)
{
    switch (kind) {
    case ENF_BLOCK_HEADING: return "heading";
    case ENF_BLOCK_PARAGRAPH: return "paragraph";
    case ENF_BLOCK_CODE: return "code_block";
    case ENF_BLOCK_HTML: return "html_block";
    case ENF_BLOCK_LINE: return "line";
    }
    return "?";
}

void enf__sections_init(enf__sections *s)
{
    for (int k = 0; k < 7; k++)
        s->heads[k] = -1;
    s->last = -1;
}

int enf__inline_list_add(enf_inline_list *l, const enf_inline *x)
{
    if (enf__grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return -1;
    l->v[l->n++] = *x;
    return 0;
}

int enf__doc_add_block(enf_doc *d, size_t *cap, enf_block *b, const char *text, size_t len,
                       enf__sections *sec, const enf_anchor_list *x)
{
    return enf__doc_add_block_inlines(d, cap, b, text, len, sec, x, NULL);
}

int enf__doc_add_block_inlines(enf_doc *d, size_t *cap, enf_block *b, const char *text, size_t len,
                               enf__sections *sec, const enf_anchor_list *x,
                               const enf_inline_list *l)
{
    b->inlines = NULL;
    b->n_inlines = 0;
    if (l && l->n && !d->align_only) {   /* a Doc to align keeps none */
        enf_inline *v = enf_arena_alloc(d->arena, l->n * sizeof *v);
        if (!v)
            return ENF_ENOMEM;
        memcpy(v, l->v, l->n * sizeof *v);
        b->inlines = v;
        b->n_inlines = l->n;
    }
    if (b->kind == ENF_BLOCK_CODE) {
        while (len > 0 && text[len - 1] == '\n')
            len--;
        b->text = enf_arena_strndup(d->arena, text, len);
        b->text_len = len;
        if (!b->text)
            return ENF_ENOMEM;
        enf__block_counts(b);
    } else if (enf__block_text(d->arena, b, text, len)) {
        return ENF_ENOMEM;
    }
    int idx = (int)d->n_blocks;
    if (b->kind == ENF_BLOCK_HEADING) {
        int lv = b->level < 1 ? 1 : b->level > 6 ? 6 : b->level;
        b->section = -1;
        for (int k = lv - 1; k >= 1; k--)
            if (sec->heads[k] >= 0) {
                b->section = sec->heads[k];
                break;
            }
        sec->heads[lv] = idx;
        for (int k = lv + 1; k <= 6; k++)
            sec->heads[k] = -1;
        sec->last = idx;
    } else {
        b->section = sec->last;
    }
    if (enf__anchors_build_in(d->arena, b, x ? x->v : NULL, x ? x->n : 0,
                              d->align_only ? NULL : d->data, d->latin_of))
        return ENF_ENOMEM;
    if (enf__doc_push_block(d, cap, b))
        return ENF_ENOMEM;
    return ENF_OK;
}
