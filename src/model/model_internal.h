/* model_internal.h — what the model wing lends the wings above it (not
 * part of the API): the Doc builder the readers use, growable arrays and
 * buffers, NFC, hashing, tunable-parameter tables, the output guard. */
#ifndef ENFACE_MODEL_INTERNAL_H
#define ENFACE_MODEL_INTERNAL_H

#include "enface/model.h"

#include <stddef.h>

/* A new empty doc holding a copy of data with line endings made "\n" and a
 * leading byte-order mark removed. */
enf_doc *enf__doc_new(const char *name, const char *data, size_t len, enf_units units);
/* The same without the copy: the doc takes data (malloc'ed, len bytes)
 * and frees it whatever happens. */
enf_doc *enf__doc_new_owned(const char *name, char *data, size_t len, enf_units units);
int enf__doc_push_block(enf_doc *d, size_t *cap, const enf_block *b);
/* The reader is done: the block array is cut to its blocks (the doubling's
 * slack was a fifth of a long document's memory). */
void enf__doc_blocks_done(enf_doc *d);

/* The checks every reader makes first: non-empty, no NUL, valid UTF-8. */
int enf__input_check(const char *name, const char *data, size_t len, enf_error *err);

/* Remember an input just opened (st from fstat on it) for the output
 * guard of output.c; ENF_OK when tracking is off.  Called by the readers. */
struct stat;
int enf__inputs_note(const char *path, const struct stat *st, enf_error *err);

/* enf_utf8_decode, enf_is_han and enf_is_cjk_punct for the library's own
 * loops, inline: a call per character through the PLT was a tenth of
 * aligning two long documents.  The common forms are decoded here (ASCII,
 * well-formed two- and three-byte sequences: all of Chinese); anything else
 * (four bytes, overlong, surrogates, truncated) goes to utf8proc, which
 * defines the result (enf__utf8_decode_slow). */
int enf__utf8_decode_slow(const char *s, size_t len, int *adv);
static inline int enf__utf8_decode(const char *s, size_t len, int *adv)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len && u[0] < 0x80) {
        *adv = 1;
        return u[0];
    }
    if (len >= 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        int c = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
            *adv = 3;
            return c;
        }
    } else if (len >= 2 && (u[0] & 0xE0) == 0xC0 && (u[1] & 0xC0) == 0x80) {
        int c = ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        if (c >= 0x80) {
            *adv = 2;
            return c;
        }
    }
    return enf__utf8_decode_slow(s, len, adv);
}

static inline int enf__is_han(int cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x20000 && cp <= 0x2FA1F) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           cp == 0x3007;
}

static inline int enf__is_cjk_punct(int cp)
{
    return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
           (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0x2014 || cp == 0x2026 ||
           cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0x00B7;
}

/* Whether a code point is left as it is by NFC wherever it stands (no
 * canonical decomposition, combining class 0, never composed with its
 * neighbours): enf__nfc skips utf8proc for text made of them. */
int enf__nfc_stable(int cp);

/* The Han characters and CJK punctuation of s[0..n) (what a translation
 * writes itself: the aligners scale them by a ratio) and, when other is
 * not NULL, its other visible characters (Latin text, numbers, URLs,
 * copied as written). */
void enf__count_han(const char *s, size_t n, double *han, double *other);

/* A block's nchars and script counts (n_han ... n_visible) from its text:
 * the one pass the readers make for every later stage. */
void enf__block_counts(enf_block *b);
/* b's text: s[0, n) trimmed of spaces and NFC-normalized (enf__nfc), in
 * the arena, with its counts (enf__block_counts) made in the same pass;
 * -1 when out of memory. */
int enf__block_text(enf_arena *a, enf_block *b, const char *s, size_t n);

/* Whether a quotation is still open after the text s[0..n), prev telling
 * whether one was open before it (a sentence of dialogue that goes on in
 * the next): 1 or 0.  Both languages' marks; see text.c for the rules that
 * tell a single quote from an apostrophe. */
int enf__quote_open_after(const char *s, size_t n, int prev);

/* Grow a malloc'd array *p of *cap elements of elem bytes to hold need
 * (doubling from 64); 0 on success, -1 when out of memory (*p and *cap
 * unchanged).  The one way the library grows an array: *p may be NULL with
 * *cap 0, and nothing is lost or leaked when it fails. */
int enf__grow_slow(void **p, size_t *cap, size_t need, size_t elem);
static inline int enf__grow(void **p, size_t *cap, size_t need, size_t elem)
{
    /* most calls have room (a dictionary load makes a million): no call */
    return need <= *cap ? 0 : enf__grow_slow(p, cap, need, elem);
}

/* enf__grow doubling from 4: for arrays that are many and mostly tiny (a
 * bead list per distinct string, marks per block), where 64 slots each
 * would add up. */
int enf__grow_small(void **p, size_t *cap, size_t need, size_t elem);

/* A growable byte buffer (malloc-owned). */
typedef struct {
    char *s;
    size_t len, cap;
    int oom;
} enf_buf;

void enf__buf_put(enf_buf *b, const char *s, size_t n);
void enf__buf_puts(enf_buf *b, const char *s);
void enf__buf_putc(enf_buf *b, char c);
void enf__buf_free(enf_buf *b);

/* Append text with runs of white space collapsed to one space. */
void enf__buf_put_collapsed(enf_buf *b, const char *s, size_t n);

/* s[0, n) as a NUL-terminated string of the arena, kept once however
 * often it is asked for (never modify it); NULL when out of memory. */
const char *enf__arena_intern(enf_arena *a, const char *s, size_t n);
/* enf_arena_alloc without the clearing: for a caller that writes all
 * size bytes itself (a copy). */
void *enf__arena_take(enf_arena *a, size_t size);

/* The same with the string's enf__hash(s, n, 0) given. */
const char *enf__arena_intern_hashed(enf_arena *a, const char *s, size_t n, unsigned hash);
/* Whether a has interned s[0, n) (hash as above): 1 or 0, nothing added. */
int enf__arena_has(const enf_arena *a, const char *s, size_t n, unsigned hash);

/* NFC-normalize s into a new arena string; falls back to a copy. */
char *enf__nfc(enf_arena *a, const char *s, size_t n, size_t *outlen);

/* n less a UTF-8 sequence left incomplete at the end of s[0, n) (a value
 * cut to fit a buffer), so that what remains is whole characters. */
size_t enf__utf8_whole(const char *s, size_t n);

/* A malloc'd copy of s without the bytes of any invalid or incomplete
 * UTF-8 sequence (a character cut in two by a fixed-size excerpt). */
char *enf__strdup_utf8(const char *s);
/* The same, and with xml also without the characters XML 1.0 forbids. */
char *enf__strdup_filtered(const char *s, int xml);

/* Whether XML 1.0 allows code point cp in a document (U+0001, U+001B,
 * U+FFFE are valid UTF-8 that XML forbids), and a malloc'd copy of s
 * without the characters it forbids: what every XML writer writes. */
int enf__xml_char_ok(int cp);
char *enf__xml_text(const char *s);
/* libxml2's own messages off stderr for this thread (it reports "I/O
 * error" lines as it writes; the caller reports the failure once). */
void enf__xml_silence(void);

unsigned enf__hash(const char *s, size_t n, unsigned seed);

/* enf_anchor_hash of an anchor of kind with value val[0..n): the
 * string's hash (the one enf__arena_intern keeps it by) mixed with the
 * kind, so that interning an anchor's value hashes it once. */
static inline unsigned enf__anchor_hash_of(int kind, unsigned str_hash)
{
    return str_hash ^ ((unsigned)kind * 0x9E3779B9u);
}
static inline unsigned enf__anchor_hash(int kind, const char *val, size_t n)
{
    return enf__anchor_hash_of(kind, enf__hash(val, n, 0));
}

/* The anchors a reader finds in a block's markup (link targets, inline
 * code), handed to enf_anchors_build; values are borrowed, not copied. */
typedef struct {
    enf_anchor *v;
    size_t n, cap;
} enf_anchor_list;

void enf__anchor_list_add(enf_anchor_list *x, enf_anchor_kind kind, const char *val);
/* The same, found at data[off, off + len) of the Doc (len 0 = not located). */
void enf__anchor_list_add_at(enf_anchor_list *x, enf_anchor_kind kind, const char *val, size_t off,
                             size_t len);

/* enf_anchors_build, and the anchors the scan finds in the text located in
 * data (the Doc's data; NULL = not located) within the block's source span,
 * skipping the markup its inlines mark.  latin_of (NULL = all): a Latin
 * token is kept only when that arena has interned its value (see
 * enf_read_opts.latin_of). */
int enf__anchors_build_in(enf_arena *arena, enf_block *block, const enf_anchor *extra,
                          size_t n_extra, const char *data, const enf_arena *latin_of);

/* A growable list of inline spans, as a reader collects them for a block. */
typedef struct {
    enf_inline *v;
    size_t n, cap;
} enf_inline_list;

/* Append a span (0 on success, -1 when out of memory). */
int enf__inline_list_add(enf_inline_list *l, const enf_inline *x);

/* A tunable weight by name: where it lives in its struct, and whether it
 * is an int (else a double).  Shared by the aligners' --param setters. */
typedef struct {
    const char *name;
    size_t off;
    int is_int;
} enf__param;

#define ENF__PARAM(type, field, is_int) {#field, offsetof(type, field), is_int}

/* Set the field of base that tbl[0, n) names name[0, len) to v; -1 when
 * no entry has that name. */
int enf__param_set(void *base, const enf__param *tbl, size_t n, const char *name, size_t len,
                   double v);

/* The names of tbl[0, n), ", "-separated, into buf (for error messages). */
void enf__param_names(const enf__param *tbl, size_t n, char *buf, size_t bufsz);

/* The headings a reader has seen: the last one of each level. */
typedef struct {
    int heads[7];
    int last;
} enf__sections;

void enf__sections_init(enf__sections *s);

/* How every reader ends a block: b's text from text[0, len) (code keeps
 * its lines less trailing newlines; other text is trimmed and NFC), its
 * character count, its section (from and into *sec), its anchors (x plus
 * those in the text), and b appended to d.  ENF_ENOMEM when out of memory. */
int enf__doc_add_block(enf_doc *d, size_t *cap, enf_block *b, const char *text, size_t len,
                       enf__sections *sec, const enf_anchor_list *x);
/* The same, with the block's inline spans (copied into the arena; l may be
 * NULL), set before the anchors are located. */
int enf__doc_add_block_inlines(enf_doc *d, size_t *cap, enf_block *b, const char *text, size_t len,
                               enf__sections *sec, const enf_anchor_list *x,
                               const enf_inline_list *l);

/* The side (0 English, 1 Chinese) a finding is printed against: Chinese
 * when it has a place there. */
int enf__finding_side(const enf_finding *x);

#endif
