/* text.c — UTF-8 validation and decoding, NFC (utf8proc), character classes
 * and the small byte buffer the readers build plain text with. */
#include "enface/model.h"
#include "model_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

int enf_utf8_decode(const char *s, size_t len, int *adv)
{
    return enf__utf8_decode(s, len, adv);
}

int enf__utf8_decode_slow(const char *s, size_t len, int *adv)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp);
    if (n <= 0) {
        *adv = 1;
        return 0xFFFD;
    }
    *adv = (int)n;
    return cp;
}

size_t enf_utf8_count(const char *s, size_t len)
{
    /* code points = bytes that do not continue a sequence (10xxxxxx),
     * counted 8 bytes at a time: a continuation byte has bit 7 set and
     * bit 6 clear */
    size_t n = 0, i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t cont = (x & ~(x << 1) & 0x8080808080808080ull) >> 7;
        /* the eight 0/1 bytes summed into the top byte (no popcount
         * instruction on the baseline x86-64: a libgcc call) */
        n += 8 - (size_t)((cont * 0x0101010101010101ull) >> 56);
    }
    for (; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* The length of the well-formed UTF-8 sequence of a code point above
 * U+007F at p (n bytes available), 0 when there is none: the table of
 * Unicode 15 section 3.9 (no overlong forms, no surrogates, nothing past
 * U+10FFFF), what utf8proc_iterate accepts, without a call per character
 * (half of a dictionary's characters are Han). */
static size_t S_seq_len(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return n >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return n >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 &&
                       (p[3] & 0xC0) == 0x80
                   ? 4
                   : 0;
    }
    return 0;
}

/* The first byte of buf that is a NUL or begins invalid UTF-8 (len when
 * none).  ASCII is skipped 8 bytes at a time (a
 * dictionary is 10 MB of mostly ASCII). */
static size_t S_first_bad(const char *buf, size_t len)
{
    const uint64_t hi = 0x8080808080808080ull, lo = 0x0101010101010101ull;
    size_t i = 0;
    while (i < len) {
        if (len - i >= 8) {
            uint64_t x;
            memcpy(&x, buf + i, 8);
            if (!(x & hi) && !((x - lo) & ~x & hi)) {   /* ASCII, no NUL */
                i += 8;
                continue;
            }
        }
        unsigned char c = (unsigned char)buf[i];
        if (c == 0)
            return i;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n = S_seq_len((const unsigned char *)buf + i, len - i);
        if (!n)
            return i;
        i += n;
    }
    return len;
}

int enf_utf8_check(const char *name, const char *buf, size_t len, enf_error *err)
{
    size_t bad = S_first_bad(buf, len);
    if (bad == len)
        return ENF_OK;
    /* where: counted only now, over the valid text before it (a column is
     * a character: a byte that does not continue a sequence) */
    int line = 1, col = 1;
    for (size_t i = 0; i < bad; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == '\n') {
            line++;
            col = 1;
        } else if ((c & 0xC0) != 0x80) {
            col++;
        }
    }
    unsigned char c = (unsigned char)buf[bad];
    if (c == 0)
        return enf_error_set(err, ENF_EINPUT,
                             "%s:%d:%d: NUL byte: this looks like a binary file, not text", name,
                             line, col);
    return enf_error_set(err, ENF_EINPUT,
                         "%s:%d:%d: invalid UTF-8 (byte 0x%02X); convert the file to UTF-8", name,
                         line, col, c);
}

int enf__input_check(const char *name, const char *data, size_t len, enf_error *err)
{
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    int blank = 1;
    for (size_t k = i; k < len && blank; k++)
        if (!(data[k] == ' ' || data[k] == '\t' || data[k] == '\n' || data[k] == '\r'))
            blank = 0;
    if (blank)
        return enf_error_set(err, ENF_EINPUT, "%s: file is empty", name);
    return enf_utf8_check(name, data, len, err);
}

int enf_is_han(int cp)
{
    return enf__is_han(cp);
}

int enf_is_cjk_punct(int cp)
{
    return enf__is_cjk_punct(cp);
}

/* ---- buffers */

/* Capacity doubles from first; the products are checked, so a huge need
 * fails as out of memory instead of wrapping round to a small block. */
static int S_grow(void **p, size_t *cap, size_t need, size_t elem, size_t first)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : first;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return -1;
        c *= 2;
    }
    if (elem && c > SIZE_MAX / elem)
        return -1;
    void *q = realloc(*p, c * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

int enf__grow_slow(void **p, size_t *cap, size_t need, size_t elem)
{
    return S_grow(p, cap, need, elem, 64);
}

int enf__grow_small(void **p, size_t *cap, size_t need, size_t elem)
{
    return S_grow(p, cap, need, elem, 4);
}

void enf__buf_put(enf_buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (enf__grow((void **)&b->s, &b->cap, b->len + n + 1, 1)) {
        b->oom = 1;
        return;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void enf__buf_puts(enf_buf *b, const char *s) { enf__buf_put(b, s, strlen(s)); }
void enf__buf_putc(enf_buf *b, char c) { enf__buf_put(b, &c, 1); }

void enf__buf_free(enf_buf *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}

size_t enf__utf8_whole(const char *s, size_t n)
{
    size_t k = n, back = 0;
    while (k > 0 && back < 4 && ((unsigned char)s[k - 1] & 0xC0) == 0x80) {
        k--;
        back++;
    }
    if (k == 0)
        return n;
    unsigned char lead = (unsigned char)s[k - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return need > back + 1 ? k - 1 : n;
}

void enf__buf_put_collapsed(enf_buf *b, const char *s, size_t n)
{
    /* room for all of s once, then a byte at a time without a call (the
     * text of every block goes through here) */
    if (b->oom)
        return;
    if (enf__grow((void **)&b->s, &b->cap, b->len + n + 1, 1)) {
        b->oom = 1;
        return;
    }
    char *o = b->s + b->len;
    /* without a branch per byte: each byte is written (white space as a
     * space), and the output moves on unless a space follows a space or
     * starts the buffer */
    char last = o > b->s ? o[-1] : ' ';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        /* space, \t \n \v \f \r */
        char w = c == ' ' || (c >= '\t' && c <= '\r') ? ' ' : (char)c;
        *o = w;
        o += w != ' ' || last != ' ';
        last = w;
    }
    *o = '\0';
    b->len = (size_t)(o - b->s);
}

static inline int S_nfc_stable(int cp)
{
    /* U+302A..U+302F are combining tone marks (NFC may reorder them);
     * the Han block is asked first after ASCII and Latin: most of a
     * Chinese text */
    return cp < 0x300 || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x2002 && cp <= 0x206F) ||
           (cp >= 0x2190 && cp <= 0x2199) || (cp >= 0x2300 && cp <= 0x2328) ||
           (cp >= 0x232B && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
           (cp >= 0x3000 && cp <= 0x3029) || (cp >= 0x3030 && cp <= 0x303F) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           (cp >= 0x1F000 && cp <= 0x1FAFF);
}

int enf__nfc_stable(int cp)
{
    return S_nfc_stable(cp);
}

char *enf__nfc(enf_arena *a, const char *s, size_t n, size_t *outlen)
{
    /* trim */
    while (n > 0 && s[n - 1] == ' ')
        n--;
    while (n > 0 && s[0] == ' ') {
        s++;
        n--;
    }
    /* most text is already NFC; code points below U+0300, general
     * punctuation but U+2000 and U+2001 (curly quotes, dashes, the
     * ellipsis: in most English and Chinese paragraphs), CJK punctuation,
     * unified ideographs, full-width forms, arrows, technical and other symbols, box drawing,
     * dingbats, variation selectors and emoji never change under NFC
     * (tests/model/test_text.c checks each against utf8proc) */
    int stable = 1;
    for (size_t i = 0; i < n && stable;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        int adv;
        int cp = enf__utf8_decode(s + i, n - i, &adv);
        stable = S_nfc_stable(cp);
        i += (size_t)adv;
    }
    if (stable) {
        if (outlen)
            *outlen = n;
        return enf_arena_strndup(a, s, n);
    }
    utf8proc_uint8_t *norm = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &norm,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    char *out;
    if (r >= 0 && norm) {
        out = enf_arena_strndup(a, (const char *)norm, (size_t)r);
        if (outlen)
            *outlen = (size_t)r;
    } else {
        out = enf_arena_strndup(a, s, n);
        if (outlen)
            *outlen = n;
    }
    free(norm);
    return out;
}

unsigned enf__hash(const char *s, size_t n, unsigned seed)
{
    unsigned h = 2166136261u ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

int enf__param_set(void *base, const enf__param *tbl, size_t n, const char *name, size_t len,
                   double v)
{
    for (size_t k = 0; k < n; k++)
        if (strlen(tbl[k].name) == len && !strncmp(tbl[k].name, name, len)) {
            if (tbl[k].is_int)
                *(int *)((char *)base + tbl[k].off) = (int)v;
            else
                *(double *)((char *)base + tbl[k].off) = v;
            return 0;
        }
    return -1;
}

void enf__param_names(const enf__param *tbl, size_t n, char *buf, size_t bufsz)
{
    size_t used = 0;
    if (bufsz)
        buf[0] = '\0';
    for (size_t k = 0; k < n && used < bufsz; k++) {
        int w = snprintf(buf + used, bufsz - used, "%s%s", k ? ", " : "", tbl[k].name);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

/* Han characters and letters (Han and Latin) of s, added to the counts. */
static void S_count_letters(const char *s, size_t len, size_t *han, size_t *letters)
{
    for (size_t i = 0; i < len;) {
        int adv, cp = enf__utf8_decode(s + i, len - i, &adv);
        if (enf__is_han(cp)) {
            ++*han;
            ++*letters;
        } else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
            ++*letters;
        }
        i += (size_t)adv;
    }
}

/* b's counts (enf__block_counts) of s[0, n), up to the first code point
 * NFC could change when stop_unstable (then what was counted is left
 * unwritten); returns where it stopped (n: the whole text). */
static inline size_t S_count(const char *s, size_t n, enf_block *b, int stop_unstable)
{
    size_t chars = 0, i = 0;
    uint32_t han = 0, punct = 0, latin = 0, visible = 0;
    for (; i < n; chars++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            latin += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            visible += c > ' ';
            i++;
            continue;
        }
        int adv, cp = enf__utf8_decode(s + i, n - i, &adv);
        if (stop_unstable && !S_nfc_stable(cp))
            return i;
        if (enf__is_han(cp))
            han++;
        else if (enf__is_cjk_punct(cp))
            punct++;
        visible++;   /* every code point from U+0080 is above U+0020 */
        i += (size_t)adv;
    }
    b->nchars = chars;
    b->n_han = han;
    b->n_cjk_punct = punct;
    b->n_latin = latin;
    b->n_visible = visible;
    return n;
}

void enf__block_counts(enf_block *b)
{
    S_count(b->text, b->text_len, b, 0);
}

int enf__block_text(enf_arena *a, enf_block *b, const char *s, size_t n)
{
    while (n > 0 && s[n - 1] == ' ')
        n--;
    while (n > 0 && s[0] == ' ') {
        s++;
        n--;
    }
    /* the counts are made while the text is checked for code points NFC
     * could change (enf__nfc); if there is one, the normalized text is
     * counted again */
    if (S_count(s, n, b, 1) < n) {
        b->text = enf__nfc(a, s, n, &b->text_len);
        if (!b->text)
            return -1;
        enf__block_counts(b);
        return 0;
    }
    b->text = enf_arena_strndup(a, s, n);
    if (!b->text)
        return -1;
    b->text_len = n;
    return 0;
}

void enf__count_han(const char *s, size_t n, double *han, double *other)
{
    double h = 0, o = 0;
    for (size_t i = 0; i < n;) {
        int adv, cp = enf__utf8_decode(s + i, n - i, &adv);
        if (enf__is_han(cp) || enf__is_cjk_punct(cp))
            h += 1;
        else if (cp > ' ')
            o += 1;
        i += (size_t)adv;
    }
    *han = h;
    if (other)
        *other = o;
}

/* ---- quotations */

static int S_space_before(int cp)
{
    return cp == 0 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '(' || cp == '[' ||
           cp == 0x2014 || cp == 0x2013 || cp == '-' || cp == '"' || cp == 0x201C || cp == 0x2018 ||
           cp == '\'';
}

static int S_word_char(int cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7);
}

/* Whether a quotation is open after s, given whether one was open before
 * it: the last quotation mark of s decides, and a text without one
 * inherits prev.  Curly, corner and guillemet quotes say which way they
 * face; a straight double quote opens after a space (or at the start) and
 * closes otherwise; a single quote (straight or curly) is a quotation mark
 * only where it cannot be an apostrophe: it opens before a word after a
 * space, and closes after punctuation, or after a letter once this text
 * has opened one, when no letter follows ("don't", "the boys' room" are
 * apostrophes). */
int enf__quote_open_after(const char *s, size_t n, int prev)
{
    int state = -1, singles = 0, before = 0;
    for (size_t i = 0; i < n;) {
        int adv, cp = enf__utf8_decode(s + i, n - i, &adv);
        int next = 0, nadv;
        if (i + (size_t)adv < n)
            next = enf__utf8_decode(s + i + adv, n - i - (size_t)adv, &nadv);
        switch (cp) {
        case 0x201C: case 0x300C: case 0x300E: case 0xAB:
            state = 1;
            break;
        case 0x201D: case 0x300D: case 0x300F: case 0xBB:
            state = 0;
            break;
        case '"':
            state = S_space_before(before) ? 1 : 0;
            break;
        case '\'': case 0x2018: case 0x2019:
            if (S_space_before(before) && before != '\'' && cp != 0x2019 &&
                (S_word_char(next) || next == '"' || next == 0x201C)) {
                state = 1;
                singles++;
            } else if (cp != 0x2018 && !S_word_char(next) &&
                       (enf__is_cjk_punct(before) || before == '.' || before == ',' ||
                        before == '!' || before == '?' || before == 0x2014 || before == 0x2013 ||
                        before == '-' || before == 0x2026 || (S_word_char(before) && singles > 0))) {
                state = 0;
                if (singles)
                    singles--;
            }
            break;
        default:
            break;
        }
        before = cp;
        i += (size_t)adv;
    }
    return state < 0 ? prev : state;
}

int enf_guess_lang(const char *s, size_t len)
{
    size_t han = 0, letters = 0;
    S_count_letters(s, len, &han, &letters);
    return han > 0 && 5 * han >= letters ? ENF_LANG_ZH : ENF_LANG_EN;
}

double enf_doc_han_share(const enf_doc *doc, size_t *letters)
{
    size_t han = 0, n = 0;
    for (size_t b = 0; b < doc->n_blocks; b++)
        if (doc->blocks[b].kind != ENF_BLOCK_CODE) {
            /* what S_count_letters would count, counted by the reader */
            han += doc->blocks[b].n_han;
            n += (size_t)doc->blocks[b].n_han + doc->blocks[b].n_latin;
        }
    if (letters)
        *letters = n;
    return n ? (double)han / (double)n : 0;
}

/* Measured on ../shared/corpus (239 originals, 273 translations): the
 * originals' Han share is at most 0.015, the translations' at least 0.19
 * (hello-algo's reference list, mostly English titles).  A side looks
 * Chinese from 0.10 and English below 0.05: far from both, so a bilingual
 * original or a half-translated page is never taken for a swap. */
#define S_LOOKS_CHINESE 0.10
#define S_LOOKS_ENGLISH 0.05

/* The same text twice: the same source, or, for a Doc read without it,
 * the same blocks with the same text. */
static int S_same_text(const enf_doc *a, const enf_doc *b)
{
    if (a->data && b->data)
        return a->len == b->len && !memcmp(a->data, b->data, a->len);
    if (a->n_blocks != b->n_blocks)
        return 0;
    for (size_t k = 0; k < a->n_blocks; k++)
        if (a->blocks[k].kind != b->blocks[k].kind ||
            a->blocks[k].text_len != b->blocks[k].text_len ||
            memcmp(a->blocks[k].text, b->blocks[k].text, a->blocks[k].text_len))
            return 0;
    return 1;
}

int enf_doc_pair_check(const enf_doc *en, const enf_doc *zh, int either_order, enf_error *err)
{
    if (S_same_text(en, zh))
        return enf_error_set(err, ENF_EINPUT,
                             "%s and %s are identical: give the original and its translation",
                             en->name, zh->name);
    if (either_order)
        return ENF_OK;
    size_t ne = 0, nz = 0;
    double se = enf_doc_han_share(en, &ne), sz = enf_doc_han_share(zh, &nz);
    if (ne && nz && se >= S_LOOKS_CHINESE && sz < S_LOOKS_ENGLISH)
        return enf_error_set(err, ENF_EINPUT,
                             "%s looks Chinese and %s English: swapped? (the English original "
                             "comes first)", en->name, zh->name);
    return ENF_OK;
}

char *enf__strdup_filtered(const char *s, int xml)
{
    size_t n = strlen(s), k = 0;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t adv = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                (utf8proc_ssize_t)(n - i), &cp);
        if (adv <= 0) {
            i++;   /* a byte of a character cut in two: dropped */
            continue;
        }
        if (!xml || enf__xml_char_ok(cp)) {
            memcpy(out + k, s + i, (size_t)adv);
            k += (size_t)adv;
        }
        i += (size_t)adv;
    }
    out[k] = '\0';
    return out;
}

char *enf__strdup_utf8(const char *s) { return enf__strdup_filtered(s, 0); }
