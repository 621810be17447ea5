/* lexicon_data.h — the lexicon's arrays, shared by the parser (lexicon.c)
 * and the cache that stores them on disk and maps them back
 * (lexicon_cache.c).  Internal to the terms wing: the sentence aligner sees
 * the lexicon only through lexicon.h.
 *
 * The arrays are either malloc-owned (caps > 0) or point into a read-only
 * mapping of a cache file (map != NULL); enf__lexicon_own copies them out
 * of the mapping before anything is added. */
#ifndef ENFACE_LEXICON_DATA_H
#define ENFACE_LEXICON_DATA_H

#include "enface/terms.h"

#include <stddef.h>
#include <stdint.h>

/* An open-addressing set of non-zero 64-bit hashes. */
typedef struct {
    uint64_t *v;
    size_t n, slots;
} enf__lexset;

typedef struct {
    uint64_t hash;               /* of the headword */
    uint32_t key_off, key_len;   /* headword in pool */
    uint32_t gl_off, gl_n;       /* gloss hashes in gl */
    uint32_t py_off, py_n;       /* pinyin syllable hashes in gl */
} enf__lexentry;

#define ENF__LEX_IDX_BITS 24
#define ENF__LEX_IDX_MASK ((1u << ENF__LEX_IDX_BITS) - 1)
#define ENF__LEX_MAX_ENTRIES (ENF__LEX_IDX_MASK - 1)   /* 16 M headwords */

/* A slot's tag for headword hash h. */
static inline uint32_t enf__lex_tag(uint64_t h)
{
    return (uint32_t)(h >> 56) << ENF__LEX_IDX_BITS;
}

struct enf_lexicon {
    char *pool;
    size_t pool_len, pool_cap;
    uint64_t *gl;
    size_t gl_len, gl_cap;
    enf__lexentry *e;
    size_t n, cap;
    uint32_t *slots;             /* 0 = empty, else entry index + 1 in the
                                    low ENF__LEX_IDX_BITS and the top byte
                                    of the headword's hash above (a probe
                                    reads the entry only when it matches) */
    size_t nslots;
    enf__lexset syl;             /* pinyin syllables seen in the dictionary */
    enf__lexset words;           /* English gloss stems written in lower case */
    void *map;                   /* the cache mapping the arrays point into */
    size_t map_len;
    uint64_t *pfx;               /* lexicon_prefix.c: a Bloom filter of every
                                    headword's prefixes; NULL = none built,
                                    ask S_find */
    size_t pfx_bits, pfx_n;      /* its size (a power of 2) and prefixes added */
    int pfx_mapped;              /* pfx points into map (else malloc-owned) */
};

/* ---- lexicon.c: lookups the tokenizers (lexicon_tokens.c) share */
/* The entry of headword s[0, n), or -1. */
long enf__lexicon_find(const enf_lexicon *lx, const char *s, size_t n);
/* Whether hash h is in set st. */
int enf__lexset_has(const enf__lexset *st, uint64_t h);

/* ASCII letters, whatever locale a program using the library has set (the
 * dictionary and the stems must not depend on it), and inline: a CC-CEDICT
 * load asks 10 M times. */
static inline int enf__lex_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
static inline int enf__lex_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}
static inline char enf__lex_tolower(unsigned char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
}
static inline int enf__lex_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* ---- lexicon_prefix.c: which strings begin a headword
 * A longest match grows a candidate one character at a time; once the
 * filter says no headword begins with it, no longer candidate can be one
 * (no false negatives; a false positive only costs a lookup).  The hash is
 * FNV-1a over the bytes, so the caller extends it as it reads. */
#define ENF__LEXPREFIX_SEED 1469598103934665603ull
static inline uint64_t enf__lexprefix_step(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}
/* Whether some headword may begin with the string hashed to h (1 when no
 * filter is built). */
static inline int enf__lexprefix_may(const enf_lexicon *lx, uint64_t h)
{
    if (!lx->pfx)
        return 1;
    size_t m = lx->pfx_bits - 1, a = (size_t)h & m, b = (size_t)(h >> 32) & m;
    return (lx->pfx[a >> 6] >> (a & 63) & 1) && (lx->pfx[b >> 6] >> (b & 63) & 1);
}
/* Add the prefixes of one new headword (rebuilding a larger filter when it
 * fills up); build the filter from every entry (after a cache is mapped).
 * -1 when out of memory: the filter is then dropped (NULL), never wrong. */
int enf__lexprefix_add(enf_lexicon *lx, const char *key, size_t n);
int enf__lexprefix_build(enf_lexicon *lx);

/* Copy mapped arrays into malloc'd ones (no-op when nothing is mapped);
 * -1 when out of memory, the lexicon unchanged. */
int enf__lexicon_own(enf_lexicon *lx);

/* The cache file of lexicon_cache.c: try to fill the empty lx from the
 * cache for a source of this size/mtime/content hash (1 = filled, 0 = no
 * usable cache: missing, stale, or failing validation); store lx's arrays
 * for that source (0 = written, -1 = could not, nothing left behind). */
typedef struct {
    uint64_t size, mtime_s, mtime_ns, crc;
} enf__lexsource;
int enf__lexcache_read(enf_lexicon *lx, const char *cache_path, const enf__lexsource *src);
int enf__lexcache_write(const enf_lexicon *lx, const char *cache_path, const enf__lexsource *src);
/* Validate a cache image in memory (the fuzz target's entry point): 1 when
 * every header field, size and offset is consistent. */
int enf__lexcache_valid(const void *data, size_t len, const enf__lexsource *src);
/* Stamp an image of len bytes as this build's: magic, byte order, layout,
 * parser id, total size and CRC (the writer's last step; the fuzz target
 * uses it so that mutated images get past the checksum to the structural
 * checks).  Returns the header size; nothing is done when len is smaller. */
size_t enf__lexcache_seal(void *img, size_t len);

#endif
