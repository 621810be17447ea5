/* lexicon_tokens.c — what the lexicon makes of a sentence: the Chinese
 * longest match (words, numbers, Latin words, punctuation cues, each with
 * its gloss and pinyin hashes) and the English tokens (stems, pinyin
 * syllables of romanised names, numbers, cues) that the sentence aligner
 * matches; and the Chinese segmentation of enf_lexicon_segment_zh.  The
 * lexicon itself (building, stemming, loading) is lexicon.c. */
#include "enface/terms.h"
#include "model_internal.h"
#include "lexicon.h"
#include "lexicon_data.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_WORD_CHARS 8   /* the longest Chinese word looked up */

/* ---------------------------------------------------------------- tokens */

static int S_push_z(enf__ztok **v, size_t *nv, size_t *cap, const enf__ztok *t)
{
    if (enf__grow((void **)v, cap, *nv + 1, sizeof **v))
        return -1;
    (*v)[(*nv)++] = *t;
    return 0;
}

static int S_push_e(enf__etok **v, size_t *nv, size_t *cap, uint64_t h)
{
    if (enf__grow((void **)v, cap, *nv + 1, sizeof **v))
        return -1;
    (*v)[(*nv)++].h = h;
    return 0;
}

/* Punctuation that survives translation; 0 when cp is not a cue. */
static char S_cue(int cp)
{
    switch (cp) {
    case '?': case 0xFF1F: return 'q';
    case '!': case 0xFF01: return 'x';
    case 0x201C: case 0x201D: case '"': case 0x300C: case 0x300D: case 0x300E:
    case 0x300F: case 0x2018: case 0x2019:
        return '"';
    case ':': case 0xFF1A: return ':';
    case 0x2026: return '.';
    case 0x2014: case 0x2015: return '-';
    case ';': case 0xFF1B: return ';';
    default: return 0;
    }
}

static int S_is_latin(int cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static int S_is_digit(int cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Digits with their separators, as ASCII, into buf. */
static size_t S_number(const char *s, size_t n, size_t *i, char *buf, size_t bufsz)
{
    size_t bl = 0, p = *i;
    while (p < n) {
        int adv, cp = enf__utf8_decode(s + p, n - p, &adv);
        if (S_is_digit(cp)) {
            if (bl + 1 < bufsz)
                buf[bl++] = (char)(cp >= 0xFF10 ? '0' + (cp - 0xFF10) : cp);
            p += (size_t)adv;
        } else if ((cp == '.' || cp == ',') && p + 1 < n && s[p + 1] >= '0' && s[p + 1] <= '9') {
            if (cp == '.' && bl + 1 < bufsz)
                buf[bl++] = '.';
            p += 1;
        } else {
            break;
        }
    }
    *i = p;
    return bl;
}

/* The longest headword of lx that begins at s[i], a Han character: the
 * end of a run of Han characters, up to S_MAX_WORD_CHARS of them and no
 * longer than some headword may begin so (the prefix filter), looked up
 * longest first; in *idx its entry.  When there is none (or no lx), the end
 * of the one character and -1. */
static size_t S_longest_word(const enf_lexicon *lx, const char *s, size_t n, size_t i, long *idx)
{
    size_t ends[S_MAX_WORD_CHARS + 1], ne = 0, p = i;
    uint64_t ph = ENF__LEXPREFIX_SEED;
    while (p < n && ne < S_MAX_WORD_CHARS) {
        int a2, c2 = enf__utf8_decode(s + p, n - p, &a2);
        if (!enf__is_han(c2))
            break;
        ph = enf__lexprefix_step(ph, s + p, (size_t)a2);
        if (lx && ne && !enf__lexprefix_may(lx, ph))
            break;   /* the first character is a token in any case */
        p += (size_t)a2;
        ends[ne++] = p;
    }
    *idx = -1;
    if (lx)
        for (size_t k = ne; k-- > 0;) {
            *idx = enf__lexicon_find(lx, s + i, ends[k] - i);
            if (*idx >= 0)
                return ends[k];
        }
    return ends[0];
}

int enf__lex_tokens_zh(const enf_lexicon *lx, const char *s, size_t n, enf__ztok **v,
                       size_t *nv, size_t *cap)
{
    size_t i = 0;
    while (i < n) {
        int adv, cp = enf__utf8_decode(s + i, n - i, &adv);
        enf__ztok t = {0};
        if (enf__is_han(cp)) {
            long idx;
            size_t end = S_longest_word(lx, s, n, i, &idx);
            t.key = enf__hash64('z', s + i, end - i);
            t.off = (uint32_t)i;
            t.len = (uint32_t)(end - i);
            if (idx >= 0) {
                const enf__lexentry *e = &lx->e[idx];
                t.gl = lx->gl + e->gl_off;
                t.ngl = e->gl_n;
                t.py = lx->gl + e->py_off;
                t.npy = e->py_n;
            }
            /* words without an entry are kept too: learned pairs may
             * give them glosses */
            if (S_push_z(v, nv, cap, &t))
                return -1;
            i = end;
        } else if (S_is_digit(cp)) {
            char buf[64];
            size_t bl = S_number(s, n, &i, buf, sizeof buf);
            t.one = enf__hash64('n', buf, bl);
            t.key = t.one;
            if (S_push_z(v, nv, cap, &t))
                return -1;
        } else if (S_is_latin(cp)) {
            size_t j = i;
            while (j < n && (S_is_latin((unsigned char)s[j]) || s[j] == '\'' ||
                             (s[j] >= '0' && s[j] <= '9')))
                j++;
            char buf[64];
            size_t sl = enf_lexicon_stem_en(s + i, j - i, buf, sizeof buf);
            if (sl) {
                t.one = enf__hash64('w', buf, sl);
                t.key = t.one;
                if (S_push_z(v, nv, cap, &t))
                    return -1;
            }
            i = j;
        } else {
            char c = S_cue(cp);
            if (c) {
                t.one = enf__hash64('c', &c, 1);
                t.key = t.one;
                if (S_push_z(v, nv, cap, &t))
                    return -1;
            }
            i += (size_t)adv;
        }
    }
    return 0;
}

int enf__lex_char_glosses(const enf_lexicon *lx, const char *w, size_t n, uint32_t per_char,
                          uint64_t **buf, size_t *cap, size_t start, size_t *len)
{
    int adv;
    if (!lx || !per_char || !n)
        return 0;
    enf__utf8_decode(w, n, &adv);
    if ((size_t)adv >= n)
        return 0;   /* one character: its glosses are the word's */
    for (size_t p = 0; p < n; p += (size_t)adv) {
        enf__utf8_decode(w + p, n - p, &adv);
        long idx = enf__lexicon_find(lx, w + p, (size_t)adv);
        if (idx < 0)
            continue;
        const enf__lexentry *e = &lx->e[idx];
        for (uint32_t q = 0; q < e->gl_n && q < per_char; q++) {
            uint64_t h = lx->gl[e->gl_off + q];
            int dup = 0;
            for (size_t r = start; r < *len && !dup; r++)
                dup = (*buf)[r] == h;
            if (dup)
                continue;
            if (enf__grow((void **)buf, cap, *len + 1, sizeof **buf))
                return -1;
            (*buf)[(*len)++] = h;
        }
    }
    return 0;
}

/* "Qingyang" -> qing + yang when the whole word is pinyin syllables. */
static int S_pinyin_split(const enf_lexicon *lx, const char *w, size_t n, uint64_t *out,
                          size_t *nout, size_t max)
{
    char low[64];
    if (n >= sizeof low)
        return 0;
    for (size_t k = 0; k < n; k++)
        low[k] = enf__lex_tolower((unsigned char)w[k]);
    size_t p = 0, m = 0;
    while (p < n) {
        if (low[p] == '-') {
            p++;
            continue;
        }
        size_t best = 0;
        for (size_t l = 6; l >= 1; l--) {
            if (p + l > n)
                continue;
            /* prefer a split that leaves a syllable start after it */
            if (enf__lexset_has(&lx->syl, enf__hash64('p', low + p, l))) {
                size_t q = p + l;
                if (q == n || low[q] == '-' || (q < n && !enf__lex_vowel(low[q])) || l == 1) {
                    best = l;
                    break;
                }
                if (!best)
                    best = l;
            }
        }
        if (!best || m >= max)
            return 0;
        out[m++] = enf__hash64('p', low + p, best);
        p += best;
    }
    *nout = m;
    return m > 0;
}

int enf__lex_tokens_en(const enf_lexicon *lx, const char *s, size_t n, enf__etok **v,
                       size_t *nv, size_t *cap)
{
    size_t i = 0;
    while (i < n) {
        int adv, cp = enf__utf8_decode(s + i, n - i, &adv);
        if (S_is_latin(cp)) {
            size_t j = i;
            while (j < n && (S_is_latin((unsigned char)s[j]) ||
                             (s[j] == '\'' && j + 1 < n && S_is_latin((unsigned char)s[j + 1]))))
                j++;
            /* a word ending in "'s" etc.: the stemmer drops the clitic */
            char buf[64];
            size_t sl = enf_lexicon_stem_en(s + i, j - i, buf, sizeof buf);
            if (sl && S_push_e(v, nv, cap, enf__hash64('w', buf, sl)))
                return -1;
            /* a capitalised word may be a transcribed Chinese name */
            if (lx && cp >= 'A' && cp <= 'Z' && j - i >= 2 && sl &&
                !enf__lexset_has(&lx->words, enf__hash64('w', buf, sl))) {
                size_t e = j;
                while (e + 1 < n && s[e] == '-' && S_is_latin((unsigned char)s[e + 1])) {
                    e++;
                    while (e < n && S_is_latin((unsigned char)s[e]))
                        e++;
                }
                uint64_t syl[8];
                size_t ns = 0;
                if (S_pinyin_split(lx, s + i, e - i, syl, &ns, 8)) {
                    for (size_t k = 0; k < ns; k++)
                        if (S_push_e(v, nv, cap, syl[k]))
                            return -1;
                }
                j = e;
            }
            i = j;
        } else if (S_is_digit(cp)) {
            char buf[64];
            size_t bl = S_number(s, n, &i, buf, sizeof buf);
            if (S_push_e(v, nv, cap, enf__hash64('n', buf, bl)))
                return -1;
        } else {
            char c = S_cue(cp);
            if (cp == 0x2019 && i > 0 && i + adv < n && S_is_latin((unsigned char)s[i - 1]) &&
                S_is_latin((unsigned char)s[i + adv]))
                c = 0;   /* an apostrophe, not a quote */
            if (cp == '\'') {
                /* a straight single quote opens or closes a quotation when it
                 * is not between letters (an apostrophe) */
                int before = i > 0 && S_is_latin((unsigned char)s[i - 1]);
                int after = i + 1 < n && S_is_latin((unsigned char)s[i + 1]);
                if (!(before && after))
                    c = '"';
            }
            if (cp == '.' && i + 2 < n && s[i + 1] == '.' && s[i + 2] == '.') {
                c = '.';
                adv = 3;
            }
            if (cp == '-' && i + 1 < n && s[i + 1] == '-') {
                c = '-';
                adv = 2;
            }
            if (c && S_push_e(v, nv, cap, enf__hash64('c', &c, 1)))
                return -1;
            i += (size_t)adv;
        }
    }
    return 0;
}

int enf_lexicon_segment_zh(const enf_lexicon *lx, const char *s, size_t len, enf_span **out,
                           size_t *n_out, enf_error *err)
{
    *out = NULL;
    *n_out = 0;
    size_t cap = 0, i = 0;
    while (i < len) {
        int adv, cp = enf__utf8_decode(s + i, len - i, &adv);
        size_t end = i + (size_t)adv;
        if (enf__is_han(cp)) {
            long idx;
            end = S_longest_word(lx, s, len, i, &idx);
        } else if (S_is_latin(cp) || S_is_digit(cp)) {
            size_t p = end;
            while (p < len) {
                int a2, c2 = enf__utf8_decode(s + p, len - p, &a2);
                if (!(S_is_latin(c2) || S_is_digit(c2)))
                    break;
                p += (size_t)a2;
            }
            end = p;
        } else if (cp == ' ' || cp == '\t' || cp == '\n') {
            i = end;
            continue;
        }
        if (enf__grow((void **)out, &cap, *n_out + 1, sizeof **out)) {
            free(*out);
            *out = NULL;
            *n_out = 0;
            return enf_error_set(err, ENF_ENOMEM, "out of memory");
        }
        (*out)[*n_out].off = i;
        (*out)[(*n_out)++].len = end - i;
        i = end;
    }
    return ENF_OK;
}
