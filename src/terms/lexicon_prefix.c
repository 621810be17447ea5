/* lexicon_prefix.c — a Bloom filter of the prefixes of every headword, so
 * that the longest match of the Chinese tokenizer (lexicon.c) stops
 * growing a candidate as soon as no headword can begin with it, instead of
 * looking up every length up to the longest a word may have.  Two bits per
 * prefix from one 64-bit hash, at most one prefix per 8 bits (a false
 * positive rate of a few percent, which only costs a lookup). */
#include "lexicon_data.h"
#include "enface/model.h"

#include <stdlib.h>
#include <string.h>

static void S_set(enf_lexicon *lx, uint64_t h)
{
    size_t m = lx->pfx_bits - 1, a = (size_t)h & m, b = (size_t)(h >> 32) & m;
    lx->pfx[a >> 6] |= 1ull << (a & 63);
    lx->pfx[b >> 6] |= 1ull << (b & 63);
}

static void S_add_prefixes(enf_lexicon *lx, const char *s, size_t n)
{
    uint64_t h = ENF__LEXPREFIX_SEED;
    for (size_t i = 0; i < n;) {
        size_t e = i + 1;
        while (e < n && ((unsigned char)s[e] & 0xC0) == 0x80)
            e++;
        h = enf__lexprefix_step(h, s + i, e - i);
        S_set(lx, h);
        lx->pfx_n++;
        i = e;
    }
}

/* A filter for want prefixes at least, filled from every entry. */
static int S_rebuild(enf_lexicon *lx, size_t want)
{
    size_t bits = 4096;
    while (bits < 8 * want)
        bits *= 2;
    uint64_t *v = calloc(bits / 64, sizeof *v);
    if (!lx->pfx_mapped)
        free(lx->pfx);
    lx->pfx_mapped = 0;
    lx->pfx = v;
    lx->pfx_bits = bits;
    lx->pfx_n = 0;
    if (!v)
        return -1;
    for (size_t i = 0; i < lx->n; i++)
        S_add_prefixes(lx, lx->pool + lx->e[i].key_off, lx->e[i].key_len);
    return 0;
}

int enf__lexprefix_build(enf_lexicon *lx)
{
    size_t chars = 0;
    for (size_t i = 0; i < lx->n; i++)
        chars += enf_utf8_count(lx->pool + lx->e[i].key_off, lx->e[i].key_len);
    return S_rebuild(lx, 2 * chars);
}

int enf__lexprefix_add(enf_lexicon *lx, const char *key, size_t n)
{
    size_t k = enf_utf8_count(key, n);
    if (!lx->pfx || 8 * (lx->pfx_n + k) > lx->pfx_bits)
        return enf__lexprefix_build(lx);   /* the new entry is already in lx->e */
    S_add_prefixes(lx, key, n);
    return 0;
}
