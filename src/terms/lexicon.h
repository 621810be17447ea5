/* lexicon.h — internal interface between the lexicon (lexicon_tokens.c) and the
 * sentence aligner (sent_sim.c, sent_learn.c): how a sentence becomes
 * tokens that can be matched across the two languages.  Not part of the
 * public API.
 *
 * Every English word, pinyin syllable, number and punctuation cue is a
 * 64-bit hash in one space; a Chinese token carries the hashes of its
 * dictionary glosses, so "matches" is a hash-set lookup. */
#ifndef ENFACE_LEXICON_H
#define ENFACE_LEXICON_H

#include "enface/terms.h"

#include <stdint.h>

typedef struct {
    uint64_t key;          /* identity of the Chinese token (for idf) */
    const uint64_t *gl;    /* its gloss hashes (in the lexicon)... */
    uint32_t ngl;
    uint64_t one;          /* ...or this single hash when ngl == 0 */
    const uint64_t *py;    /* toneless pinyin syllables of its reading */
    uint32_t npy;
    uint32_t off, len;     /* a Chinese word: its bytes in the sentence */
} enf__ztok;

typedef struct {
    uint64_t h;            /* stem, pinyin syllable, number or cue hash */
} enf__etok;

/* Tokens of a Chinese / English sentence, appended to *v (malloc-owned,
 * grown as needed).  Duplicates are kept; the caller dedupes.  lx may be
 * NULL: then only numbers, Latin words and punctuation cues come out. */
int enf__lex_tokens_zh(const enf_lexicon *lx, const char *s, size_t n, enf__ztok **v,
                       size_t *nv, size_t *cap);
int enf__lex_tokens_en(const enf_lexicon *lx, const char *s, size_t n, enf__etok **v,
                       size_t *nv, size_t *cap);

/* The first per_char gloss hashes of each character of the Chinese word
 * w[0, n) (a word of two characters or more; nothing for one), appended to
 * (*buf)[start, *len) unless already there, *buf grown as needed (*cap).
 * A compound's characters often carry the sense its translation uses
 * (摔交 "wrestle": 摔 "to throw down"), the first glosses of a character
 * being its commonest senses.  0, or -1 when out of memory. */
int enf__lex_char_glosses(const enf_lexicon *lx, const char *w, size_t n, uint32_t per_char,
                          uint64_t **buf, size_t *cap, size_t start, size_t *len);

uint64_t enf__hash64(char ns, const char *s, size_t n);

#endif
