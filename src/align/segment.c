/* segment.c — sentence boundaries inside a block's text, the units the
 * sentence aligner pairs.  English: ICU's sentence break iterator, then the
 * breaks it makes after abbreviations, initials and ellipses inside a
 * sentence are undone.  Chinese: after 。！？；…… with closing quotes and
 * brackets kept, which needs no dictionary. */
#include "align_internal.h"
#include "model_internal.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

/* Words that end in a period without ending the sentence (lower case,
 * without the final period). */
static const char *const S_abbrev[] = {
    "e.g", "i.e", "al", "fig", "figs", "eq", "eqs", "sec", "ch", "vol", "no", "nos",
    "pp", "p", "cf", "vs", "approx", "dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "ref", "refs", "tab", "resp", "ca", "est", "dept", "univ", "u.s", "u.k", "e.u",
    "ph.d", "a.k.a", "incl", "min", "max", "sq", NULL};

static int S_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void S_trim(const char *t, size_t *a, size_t *b)
{
    while (*a < *b && S_space((unsigned char)t[*a]))
        (*a)++;
    while (*b > *a && S_space((unsigned char)t[*b - 1]))
        (*b)--;
}

/* One more sentence t[a, b) less its white space, if any is left; v NULL:
 * only counted (enf__count_sentences). */
static int S_push(enf_span **v, size_t *n, size_t *cap, const char *t, size_t a, size_t b)
{
    S_trim(t, &a, &b);
    if (a >= b)
        return 0;
    if (!v) {
        (*n)++;
        return 0;
    }
    if (enf__grow((void **)v, cap, *n + 1, sizeof **v))
        return -1;
    (*v)[*n].off = a;
    (*v)[(*n)++].len = b - a;
    return 0;
}

/* Should the English break at byte b (start of the next sentence) be undone? */
static int S_keep_together(const char *t, size_t start, size_t b, size_t len)
{
    size_t e = b;
    while (e > start && S_space((unsigned char)t[e - 1]))
        e--;
    if (e == start)
        return 0;
    size_t nx = b;
    while (nx < len && S_space((unsigned char)t[nx]))
        nx++;
    if (nx >= len)
        return 0;
    unsigned char next = (unsigned char)t[nx];
    /* the next "sentence" starts in lower case: the break was not one */
    if (islower(next))
        return 1;
    /* an ellipsis or period mid-sentence followed by a digit */
    if (isdigit(next) && t[e - 1] == '.')
        return 1;
    if (t[e - 1] != '.')
        return 0;
    /* the word before the period */
    size_t w = e - 1;
    while (w > start && !S_space((unsigned char)t[w - 1]) && t[w - 1] != '(' && t[w - 1] != '"')
        w--;
    size_t wl = e - 1 - w;
    if (wl == 0 || wl > 12)
        return 0;
    char word[16];
    for (size_t k = 0; k < wl; k++)
        word[k] = (char)tolower((unsigned char)t[w + k]);
    word[wl] = '\0';
    /* an initial: "J. R. R. Tolkien", "A. Smith" */
    if (wl == 1 && isupper((unsigned char)t[w]))
        return 1;
    for (const char *const *a = S_abbrev; *a; a++)
        if (!strcmp(word, *a))
            return 1;
    return 0;
}

/* Building the iterator (with CLDR's abbreviation filter) is costly: it
 * is built once, and each thread clones it once (a clone is cheap and is
 * its thread's alone) and sets it to every text it cuts.  Setting a text
 * starts the iterator afresh, so the breaks are a new clone's. */
static UBreakIterator *S_template;
static pthread_once_t S_once = PTHREAD_ONCE_INIT;
static pthread_key_t S_clone;   /* the thread's clone; closed when the thread ends */
static int S_have_key;

static void S_close_clone(void *bi)
{
    ubrk_close(bi);
}

static void S_make_template(void)
{
    UErrorCode st = U_ZERO_ERROR;
    S_template = ubrk_open(UBRK_SENTENCE, "en_US@ss=standard", NULL, 0, &st);
    if (U_FAILURE(st))
        S_template = NULL;
    S_have_key = pthread_key_create(&S_clone, S_close_clone) == 0;
}

/* The calling thread's iterator, NULL with st set when there is none. */
static UBreakIterator *S_iterator(UErrorCode *st)
{
    if (!S_template) {
        *st = U_MISSING_RESOURCE_ERROR;
        return NULL;
    }
    UBreakIterator *bi = S_have_key ? pthread_getspecific(S_clone) : NULL;
    if (bi)
        return bi;
    bi = ubrk_clone(S_template, st);
    if (bi && S_have_key && pthread_setspecific(S_clone, bi) != 0) {
        ubrk_close(bi);
        bi = NULL;
        *st = U_MEMORY_ALLOCATION_ERROR;
    }
    return bi;
}

/* Done with the iterator: kept for the thread's next text, or closed
 * when there is nowhere to keep it. */
static void S_iterator_done(UBreakIterator *bi)
{
    if (bi && !S_have_key)
        ubrk_close(bi);
}

/* ICU reads UTF-16 faster than UTF-8 through a UText (the same text, so
 * the same breaks): valid text is converted once, on the stack when it is
 * short; other text is read through a UText (breaks at its bytes). */
static int S_segment_en(const char *t, size_t len, enf_span **v, size_t *n, size_t *cap,
                        enf_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    pthread_once(&S_once, S_make_template);
    if (len > INT32_MAX / 2)
        return enf_error_set(err, ENF_EINPUT, "a block of more than 1 GB");
    UChar small[2048], *u16 = small;
    if (len + 1 > sizeof small / sizeof *small && !(u16 = malloc((len + 1) * sizeof *u16)))
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    int32_t n16 = 0;
    UText *ut = NULL;
    u_strFromUTF8(u16, (int32_t)len + 1, &n16, t, (int32_t)len, &st);
    if (U_FAILURE(st)) {
        st = U_ZERO_ERROR;
        n16 = -1;   /* not UTF-8 */
        ut = utext_openUTF8(NULL, t, (int64_t)len, &st);
    }
    UBreakIterator *bi = U_SUCCESS(st) ? S_iterator(&st) : NULL;
    if (U_SUCCESS(st)) {
        if (ut)
            ubrk_setUText(bi, ut, &st);
        else
            ubrk_setText(bi, u16, n16, &st);
    }
    size_t start = 0, at = 0;   /* at: the byte where UTF-16 index at16 is */
    int32_t at16 = 0;
    int rc = 0;
    /* as many UTF-16 units as bytes: all ASCII, an index is its byte */
    int ascii = !ut && n16 >= 0 && (size_t)n16 == len;
    for (int32_t p = U_SUCCESS(st) ? ubrk_next(bi) : UBRK_DONE; p != UBRK_DONE && !rc;
         p = ubrk_next(bi)) {
        while (!ut && !ascii && at16 < p && at < len) {
            int adv, cp = enf__utf8_decode(t + at, len - at, &adv);
            at += (size_t)adv;
            at16 += cp > 0xFFFF ? 2 : 1;
        }
        size_t b = ut || ascii ? (size_t)p : at;
        if (b >= len)
            break;
        if (S_keep_together(t, start, b, len))
            continue;
        rc = S_push(v, n, cap, t, start, b);
        start = b;
    }
    if (!rc && U_SUCCESS(st))
        rc = S_push(v, n, cap, t, start, len);
    S_iterator_done(bi);
    utext_close(ut);
    if (u16 != small)
        free(u16);
    if (U_FAILURE(st))
        return enf_error_set(err, ENF_EINPUT, "ICU sentence break iterator: %s", u_errorName(st));
    return rc ? enf_error_set(err, ENF_ENOMEM, "out of memory") : ENF_OK;
}

static int S_zh_end(int cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B || cp == 0x2026 ||
           cp == '!' || cp == '?' || cp == ';' || cp == 0xFF0E;
}

static int S_zh_close(int cp)
{
    return cp == 0x201D || cp == 0x2019 || cp == 0x300D || cp == 0x300F || cp == 0xFF09 ||
           cp == ')' || cp == 0x3011 || cp == 0x300B || cp == 0x3009 || cp == '"' ||
           cp == '\'' || cp == ']' || cp == 0x3017;
}

static int S_segment_zh(const char *t, size_t len, enf_span **v, size_t *n, size_t *cap,
                        enf_error *err)
{
    size_t start = 0, i = 0;
    while (i < len) {
        /* only '.', '!', '?', ';' and code points led by E2, E3 or EF (the
         * ellipsis, 。, the full-width ！？；．) can end a sentence: every
         * other byte is passed over (a continuation byte is never one of
         * these, so the next lead byte is reached as decoding would) */
        unsigned char c = (unsigned char)t[i];
        if (c < 0x80 ? !(c == '.' || c == '!' || c == '?' || c == ';')
                     : !(c == 0xE2 || c == 0xE3 || c == 0xEF)) {
            i++;
            continue;
        }
        int adv, cp = enf__utf8_decode(t + i, len - i, &adv);
        i += (size_t)adv;
        int end = S_zh_end(cp);
        /* "!" "?" ";" in ASCII end a sentence only before a space or Han text */
        if (end && cp < 0x80 && i < len) {
            int a2, c2 = enf__utf8_decode(t + i, len - i, &a2);
            if (!(S_space((unsigned char)c2) || enf__is_han(c2) || S_zh_close(c2)))
                end = 0;
        }
        /* a full stop inside Latin text (a URL, a decimal) is not an end */
        if (!end && cp == '.' && i < len && S_space((unsigned char)t[i]) && i >= 2) {
            int a0, c0;
            size_t q = i - 2;
            while (q > 0 && ((unsigned char)t[q] & 0xC0) == 0x80)
                q--;
            c0 = enf__utf8_decode(t + q, len - q, &a0);
            if (enf__is_han(c0) || enf__is_cjk_punct(c0))
                end = 1;
        }
        /* an ellipsis followed by more text of the sentence is a pause */
        if (end && cp == 0x2026) {
            size_t q = i;
            int c2 = 0, a2 = 0;
            while (q < len && (c2 = enf__utf8_decode(t + q, len - q, &a2)) == 0x2026)
                q += (size_t)a2;
            if (q < len && (enf__is_han(c2) || c2 == 0xFF0C || c2 == 0x3001))
                end = 0;
        }
        if (!end)
            continue;
        /* swallow further terminators (……, ？！) and closing quotes/brackets */
        while (i < len) {
            int a2, c2 = enf__utf8_decode(t + i, len - i, &a2);
            if (S_zh_end(c2) || S_zh_close(c2))
                i += (size_t)a2;
            else
                break;
        }
        if (S_push(v, n, cap, t, start, i))
            return enf_error_set(err, ENF_ENOMEM, "out of memory");
        start = i;
    }
    if (S_push(v, n, cap, t, start, len))
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    return ENF_OK;
}

int enf__count_sentences(const char *text, size_t len, int lang, size_t *n_out, enf_error *err)
{
    *n_out = 0;
    size_t cap = 0;
    if (lang == ENF_LANG_AUTO)
        lang = enf_guess_lang(text, len);
    int rc = lang == ENF_LANG_ZH ? S_segment_zh(text, len, NULL, n_out, &cap, err)
                                 : S_segment_en(text, len, NULL, n_out, &cap, err);
    if (rc)
        *n_out = 0;
    return rc;
}

int enf_segment_sentences(const char *text, size_t len, int lang, enf_span **out,
                          size_t *n_out, enf_error *err)
{
    *out = NULL;
    *n_out = 0;
    size_t cap = 0;
    if (lang == ENF_LANG_AUTO)
        lang = enf_guess_lang(text, len);
    int rc = lang == ENF_LANG_ZH ? S_segment_zh(text, len, out, n_out, &cap, err)
                                 : S_segment_en(text, len, out, n_out, &cap, err);
    if (rc) {
        free(*out);
        *out = NULL;
        *n_out = 0;
    }
    return rc;
}

/* ---- the sentences of a Doc's blocks, cut once (enf_doc_sentences) */

typedef struct {
    const enf_span *v;
    uint32_t n;              /* a block's sentences: fewer than its bytes */
    uint32_t done;
} S_slot;

struct enf__sent_cache {
    size_t n_blocks;
    S_slot *slot;            /* [block * 2 + (lang == ENF_LANG_ZH)] */
};

int enf_doc_sentences(const enf_doc *doc, size_t block, int lang, const enf_span **out,
                      size_t *n_out, enf_error *err)
{
    *out = NULL;
    *n_out = 0;
    if (!doc || block >= doc->n_blocks)
        return enf_error_set(err, ENF_EUSAGE, "enf_doc_sentences: no block %zu", block);
    const enf_block *b = &doc->blocks[block];
    if (lang == ENF_LANG_AUTO)
        lang = enf_guess_lang(b->text, b->text_len);
    /* the cache hangs off the Doc though the Doc is const here: it is
     * filled lazily, once per block and language, and changes nothing a
     * reader of the Doc sees (docs: one thread per Doc) */
    enf_doc *d = (enf_doc *)doc;
    if (!d->sent_cache || d->sent_cache->n_blocks != d->n_blocks) {
        struct enf__sent_cache *c = enf_arena_alloc(d->arena, sizeof *c);
        S_slot *sl = d->n_blocks ? enf_arena_alloc(d->arena, d->n_blocks * 2 * sizeof *sl) : NULL;
        if (!c || (d->n_blocks && !sl))
            return enf_error_set(err, ENF_ENOMEM, "out of memory");
        c->n_blocks = d->n_blocks;
        c->slot = sl;
        d->sent_cache = c;
    }
    S_slot *s = &d->sent_cache->slot[block * 2 + (lang == ENF_LANG_ZH)];
    if (!s->done) {
        enf_span *sp = NULL;
        size_t n = 0;
        int rc = enf_segment_sentences(b->text, b->text_len, lang, &sp, &n, err);
        if (rc)
            return rc;
        enf_span *keep = NULL;
        if (n) {
            keep = enf_arena_alloc(d->arena, n * sizeof *keep);
            if (!keep) {
                free(sp);
                return enf_error_set(err, ENF_ENOMEM, "out of memory");
            }
            memcpy(keep, sp, n * sizeof *keep);
        }
        free(sp);
        if (n > UINT32_MAX)   /* a block of more than 4 GB */
            return enf_error_set(err, ENF_EINPUT, "%s: too many sentences in one block", doc->name);
        s->v = keep;
        s->n = (uint32_t)n;
        s->done = 1;
    }
    *out = s->v;
    *n_out = s->n;
    return ENF_OK;
}
