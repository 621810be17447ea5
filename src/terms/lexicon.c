/* lexicon.c — bilingual evidence for sentence alignment: CC-CEDICT (and
 * glossary term pairs) as Chinese headwords with English gloss stems and
 * pinyin: the entries and their lookup, the English stemmer, and the
 * loaders (files, gzip, the cache of lexicon_cache.c).  The tokenizers that
 * turn a sentence into matchable hashes are lexicon_tokens.c. */
#include "enface/terms.h"
#include "model_internal.h"
#include "read_internal.h"
#include "lexicon.h"
#include "lexicon_data.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <zlib.h>

#define S_MAX_GLOSSES 40
#define S_MAX_PY 12

/* ---------------------------------------------------------------- hashing */

uint64_t enf__hash64(char ns, const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(unsigned char)ns;
    h *= 1099511628211ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    h ^= h >> 29;
    return h ? h : 1;
}

static size_t S_slot_of(uint64_t h, size_t nslots)
{
    return (size_t)(h * 0x9E3779B97F4A7C15ull >> 17) & (nslots - 1);
}

/* ---------------------------------------------------------------- life */

int enf_lexicon_new(enf_lexicon **out, enf_error *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    return ENF_OK;
}

void enf_lexicon_free(enf_lexicon *lx)
{
    if (!lx)
        return;
    if (!lx->pfx_mapped)
        free(lx->pfx);
    if (lx->map) {
        munmap(lx->map, lx->map_len);
        free(lx);
        return;
    }
    free(lx->pool);
    free(lx->gl);
    free(lx->e);
    free(lx->slots);
    free(lx->syl.v);
    free(lx->words.v);
    free(lx);
}

/* A copy of a mapped array: n elements of elem bytes (NULL for none). */
static void *S_copy_out(const void *p, size_t n, size_t elem, int *fail)
{
    if (!n)
        return NULL;
    void *c = malloc(n * elem);
    if (!c)
        *fail = 1;
    else
        memcpy(c, p, n * elem);
    return c;
}

int enf__lexicon_own(enf_lexicon *lx)
{
    if (!lx->map)
        return 0;
    int fail = 0;
    char *pool = S_copy_out(lx->pool, lx->pool_len, 1, &fail);
    uint64_t *gl = S_copy_out(lx->gl, lx->gl_len, sizeof *gl, &fail);
    enf__lexentry *e = S_copy_out(lx->e, lx->n, sizeof *e, &fail);
    uint32_t *slots = S_copy_out(lx->slots, lx->nslots, sizeof *slots, &fail);
    uint64_t *syl = S_copy_out(lx->syl.v, lx->syl.slots, sizeof *syl, &fail);
    uint64_t *words = S_copy_out(lx->words.v, lx->words.slots, sizeof *words, &fail);
    uint64_t *pfx = lx->pfx_mapped ? S_copy_out(lx->pfx, lx->pfx_bits / 64, sizeof *pfx, &fail)
                                   : lx->pfx;
    if (fail) {
        if (lx->pfx_mapped)
            free(pfx);
        free(pool);
        free(gl);
        free(e);
        free(slots);
        free(syl);
        free(words);
        return -1;
    }
    munmap(lx->map, lx->map_len);
    lx->map = NULL;
    lx->map_len = 0;
    lx->pool = pool;
    lx->pool_cap = lx->pool_len;
    lx->gl = gl;
    lx->gl_cap = lx->gl_len;
    lx->e = e;
    lx->cap = lx->n;
    lx->slots = slots;
    lx->syl.v = syl;
    lx->words.v = words;
    lx->pfx = pfx;
    lx->pfx_mapped = 0;
    return 0;
}

size_t enf_lexicon_count(const enf_lexicon *lx)
{
    return lx ? lx->n : 0;
}

/* enf__lexicon_find with the headword's hash h already computed */
static long S_find_hashed(const enf_lexicon *lx, const char *s, size_t n, uint64_t h)
{
    if (!lx->nslots)
        return -1;
    uint32_t tag = enf__lex_tag(h);
    for (size_t k = S_slot_of(h, lx->nslots);; k = (k + 1) & (lx->nslots - 1)) {
        uint32_t v = lx->slots[k];
        if (!v)
            return -1;
        if ((v & ~ENF__LEX_IDX_MASK) != tag)
            continue;
        const enf__lexentry *e = &lx->e[(v & ENF__LEX_IDX_MASK) - 1];
        if (e->hash == h && e->key_len == n && memcmp(lx->pool + e->key_off, s, n) == 0)
            return (long)((v & ENF__LEX_IDX_MASK) - 1);
    }
}

long enf__lexicon_find(const enf_lexicon *lx, const char *s, size_t n)
{
    return S_find_hashed(lx, s, n, enf__hash64('h', s, n));
}

static int S_rehash(enf_lexicon *lx, size_t nslots)
{
    uint32_t *s = calloc(nslots, sizeof *s);
    if (!s)
        return -1;
    for (size_t i = 0; i < lx->n; i++) {
        size_t k = S_slot_of(lx->e[i].hash, nslots);
        while (s[k])
            k = (k + 1) & (nslots - 1);
        s[k] = ((uint32_t)i + 1) | enf__lex_tag(lx->e[i].hash);
    }
    free(lx->slots);
    lx->slots = s;
    lx->nslots = nslots;
    return 0;
}

static int S_set_add(enf__lexset *st, uint64_t h)
{
    if (2 * (st->n + 1) >= st->slots) {
        size_t ns = st->slots ? st->slots * 2 : 1024;
        uint64_t *t = calloc(ns, sizeof *t);
        if (!t)
            return -1;
        for (size_t i = 0; i < st->slots; i++)
            if (st->v[i]) {
                size_t k = S_slot_of(st->v[i], ns);
                while (t[k])
                    k = (k + 1) & (ns - 1);
                t[k] = st->v[i];
            }
        free(st->v);
        st->v = t;
        st->slots = ns;
    }
    size_t k = S_slot_of(h, st->slots);
    for (; st->v[k]; k = (k + 1) & (st->slots - 1))
        if (st->v[k] == h)
            return 0;
    st->v[k] = h;
    st->n++;
    return 0;
}

int enf__lexset_has(const enf__lexset *st, uint64_t h)
{
    if (!st->slots)
        return 0;
    for (size_t k = S_slot_of(h, st->slots); st->v[k]; k = (k + 1) & (st->slots - 1))
        if (st->v[k] == h)
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- English */

/* Words that carry no evidence: glosses and texts both lose them. */
static const char *const S_stop[] = {
    "a", "about", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "done",
    "etc", "for", "from", "had", "has", "have", "having", "he", "her", "hers", "herself",
    "him", "himself", "his", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
    "me", "my", "myself", "of", "off", "on", "one's", "oneself", "or", "our", "ours",
    "out", "over", "sb", "she", "so", "sth", "than", "that", "the", "their", "them",
    "themselves", "then", "there", "these", "they", "this", "those", "to", "too", "up",
    "us", "very", "was", "we", "were", "will", "with", "would", "you", "your", "yours",
    "shall", "should", "may", "might", "must", "s", "t", "d", "ll", "ve", "re", "m",
    "someone", "something", "somebody", "used", "etc", "which", "such", "each", "lit",
    "fig", "esp", "particle", "classifier", "pr", NULL};

/* The word lists as hash tables, built once (pthread_once: the stemmer is
 * called from many threads). */
#define S_WSLOTS 1024
static uint64_t S_stop_tab[S_WSLOTS];
static uint64_t S_irr_tab[S_WSLOTS];
static int S_irr_idx[S_WSLOTS];
static pthread_once_t S_tables_once = PTHREAD_ONCE_INIT;

static void S_tab_put(uint64_t *tab, int *idx, uint64_t h, int v)
{
    size_t k = h & (S_WSLOTS - 1);
    while (tab[k])
        k = (k + 1) & (S_WSLOTS - 1);
    tab[k] = h;
    if (idx)
        idx[k] = v;
}

static int S_tab_get(const uint64_t *tab, uint64_t h, size_t *slot)
{
    for (size_t k = h & (S_WSLOTS - 1); tab[k]; k = (k + 1) & (S_WSLOTS - 1))
        if (tab[k] == h) {
            if (slot)
                *slot = k;
            return 1;
        }
    return 0;
}

static void S_tables_init(void);

static int S_is_stop(const char *w, size_t n)
{
    pthread_once(&S_tables_once, S_tables_init);
    return S_tab_get(S_stop_tab, enf__hash64('s', w, n), NULL);
}

/* Irregular forms the suffix rules cannot reach. */
static const char *const S_irregular[][2] = {
    {"went", "go"},       {"gone", "go"},        {"said", "say"},      {"saw", "see"},
    {"seen", "see"},      {"came", "come"},      {"took", "take"},     {"taken", "take"},
    {"knew", "know"},     {"known", "know"},     {"thought", "think"}, {"told", "tell"},
    {"got", "get"},       {"gotten", "get"},     {"made", "make"},     {"left", "leave"},
    {"felt", "feel"},     {"gave", "give"},      {"given", "give"},    {"found", "find"},
    {"stood", "stand"},   {"sat", "sit"},        {"ran", "run"},       {"began", "begin"},
    {"begun", "begin"},   {"heard", "hear"},     {"brought", "bring"}, {"held", "hold"},
    {"kept", "keep"},     {"met", "meet"},       {"became", "become"}, {"wrote", "write"},
    {"written", "write"}, {"ate", "eat"},        {"eaten", "eat"},     {"spoke", "speak"},
    {"spoken", "speak"},  {"fell", "fall"},      {"fallen", "fall"},   {"struck", "strike"},
    {"men", "man"},       {"women", "woman"},    {"children", "child"},{"feet", "foot"},
    {"teeth", "tooth"},   {"lay", "lie"},        {"lain", "lie"},      {"slept", "sleep"},
    {"bought", "buy"},    {"caught", "catch"},   {"taught", "teach"},  {"fought", "fight"},
    {"sought", "seek"},   {"drank", "drink"},    {"drunk", "drink"},   {"sang", "sing"},
    {"sung", "sing"},     {"swam", "swim"},      {"threw", "throw"},   {"thrown", "throw"},
    {"grew", "grow"},     {"grown", "grow"},     {"drew", "draw"},     {"drawn", "draw"},
    {"flew", "fly"},      {"flown", "fly"},      {"wore", "wear"},     {"worn", "wear"},
    {"tore", "tear"},     {"torn", "tear"},      {"bore", "bear"},     {"born", "bear"},
    {"chose", "choose"},  {"chosen", "choose"},  {"rose", "rise"},     {"risen", "rise"},
    {"rode", "ride"},     {"ridden", "ride"},    {"drove", "drive"},   {"driven", "drive"},
    {"woke", "wake"},     {"hid", "hide"},       {"hidden", "hide"},   {"shook", "shake"},
    {"lost", "lose"},     {"sent", "send"},      {"spent", "spend"},   {"built", "build"},
    {"meant", "mean"},    {"paid", "pay"},       {"sold", "sell"},     {"understood", "understand"},
    {"led", "lead"},      {"fed", "feed"},       {"fled", "flee"},     {"hung", "hang"},
    {"stuck", "stick"},   {"won", "win"},        {"better", "good"},   {"best", "good"},
    {"worse", "bad"},     {"worst", "bad"},      {"mice", "mouse"},    {"people", "person"},
    {"dying", "die"},     {"lying", "lie"},      {"died", "die"},      {"lied", "lie"},
    {NULL, NULL}};

static void S_tables_init(void)
{
    for (const char *const *s = S_stop; *s; s++)
        if (!S_tab_get(S_stop_tab, enf__hash64('s', *s, strlen(*s)), NULL))
            S_tab_put(S_stop_tab, NULL, enf__hash64('s', *s, strlen(*s)), 0);
    for (int k = 0; S_irregular[k][0]; k++)
        S_tab_put(S_irr_tab, S_irr_idx, enf__hash64('i', S_irregular[k][0], strlen(S_irregular[k][0])), k);
}

size_t enf_lexicon_stem_en(const char *word, size_t len, char *buf, size_t bufsz)
{
    if (bufsz < 2)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < bufsz; i++)
        buf[n++] = enf__lex_tolower((unsigned char)word[i]);
    buf[n] = '\0';
    if (n >= 2 && buf[n - 2] == '\'' && buf[n - 1] == 's')
        n -= 2;
    buf[n] = '\0';
    if (n == 0 || S_is_stop(buf, n))
        return 0;
    size_t slot;
    if (S_tab_get(S_irr_tab, enf__hash64('i', buf, n), &slot)) {
        const char *base = S_irregular[S_irr_idx[slot]][1];
        n = strlen(base);
        memcpy(buf, base, n + 1);
        if (n > 3 && buf[n - 1] == 'e')   /* the same last step as below */
            buf[--n] = '\0';
        return n;
    }
    if (n > 4 && !strcmp(buf + n - 3, "ies")) {
        n -= 2;
        buf[n - 1] = 'y';
    } else if (n > 4 && !strcmp(buf + n - 4, "sses")) {
        n -= 2;
    } else if (n > 3 && buf[n - 1] == 's' && buf[n - 2] != 's' && buf[n - 2] != 'u' &&
               buf[n - 2] != 'i') {
        n -= 1;
        if (n > 3 && buf[n - 1] == 'e' && (buf[n - 2] == 'h' || buf[n - 2] == 'x'))
            n -= 1;   /* boxes, matches */
    }
    buf[n] = '\0';
    int cut = 0;
    if (n > 5 && !strcmp(buf + n - 3, "ing")) {
        n -= 3;
        cut = 1;
    } else if (n > 4 && !strcmp(buf + n - 2, "ed")) {
        n -= 2;
        cut = 1;
    } else if (n > 5 && !strcmp(buf + n - 2, "ly")) {
        n -= 2;
        if (buf[n - 1] == 'i')
            buf[n - 1] = 'y';   /* happily -> happy */
    }
    /* stopped -> stop, running -> run (but not "fall", "kiss") */
    if (cut && n > 3 && buf[n - 1] == buf[n - 2] && !enf__lex_vowel(buf[n - 1]) &&
        buf[n - 1] != 'l' && buf[n - 1] != 's')
        n--;
    /* make/making/made meet at "mak"; walks/walked/walking at "walk" */
    if (n > 3 && buf[n - 1] == 'e')
        n--;
    buf[n] = '\0';
    return n;
}

/* Gloss words -> stem hashes; parenthesised notes and classifier/variant
 * glosses are dropped. */
/* What a bulk load (enf_lexicon_load_cedict_buffer) keeps between entries:
 * the stem hash of every gloss word seen (CC-CEDICT's 1 M gloss words are
 * 40 k distinct ones; stemming was a fifth of a load), and that the prefix
 * filter is built once at the end instead of grown entry by entry. */
typedef struct {
    struct S_memo_slot {
        uint64_t w[2];          /* the word (up to 16 bytes), zero padded */
        uint64_t h;             /* its stem hash, 0 = no stem (a stop word) */
        uint32_t len;           /* 0 = empty slot */
        uint32_t in_words;      /* 1 once the stem is in lx->words */
    } *v;
    size_t n, slots;
    /* pinyin syllables (400 distinct toneless ones in a million) known to be
     * in lx->syl: a direct-mapped table of their hashes */
    uint64_t syl_in[1024];
} S_bulk;

static void S_bulk_free(S_bulk *b)
{
    free(b->v);
}

/* The stem hash of word w[0, n) (0 when it has no stem of 2 or more
 * letters): computed, or found in b when it was computed before.  *in_words
 * is the memo's flag for the word (NULL when it is not memoised), valid
 * until the next call. */
static uint64_t S_stem_hash(S_bulk *b, const char *w, size_t n, uint32_t **in_words)
{
    struct S_memo_slot key = {{0, 0}, 0, (uint32_t)n, 0}, *sl = NULL;
    *in_words = NULL;
    if (b && n <= sizeof key.w) {
        if (2 * (b->n + 1) > b->slots) {
            size_t ns = b->slots ? 2 * b->slots : 1 << 16;
            struct S_memo_slot *nv = calloc(ns, sizeof *nv);
            if (nv) {
                for (size_t i = 0; i < b->slots; i++)
                    if (b->v[i].len) {
                        size_t k = S_slot_of(b->v[i].w[0] ^ b->v[i].w[1] * 31 ^ b->v[i].len, ns);
                        while (nv[k].len)
                            k = (k + 1) & (ns - 1);
                        nv[k] = b->v[i];
                    }
                free(b->v);
                b->v = nv;
                b->slots = ns;
            }
        }
        if (2 * (b->n + 1) <= b->slots) {
            memcpy(key.w, w, n);
            size_t k = S_slot_of(key.w[0] ^ key.w[1] * 31 ^ key.len, b->slots);
            for (; b->v[k].len; k = (k + 1) & (b->slots - 1))
                if (b->v[k].len == key.len && b->v[k].w[0] == key.w[0] && b->v[k].w[1] == key.w[1]) {
                    *in_words = &b->v[k].in_words;
                    return b->v[k].h;
                }
            sl = &b->v[k];
        }
    }
    char buf[64];
    size_t l = enf_lexicon_stem_en(w, n, buf, sizeof buf);
    uint64_t h = l > 1 ? enf__hash64('w', buf, l) : 0;
    if (sl) {
        key.h = h;
        *sl = key;
        b->n++;
        *in_words = &sl->in_words;
    }
    return h;
}

static int S_add_gloss_words(enf_lexicon *lx, S_bulk *bulk, const char *g, size_t n,
                             size_t start, size_t *count)
{
    int depth = 0;
    size_t i = 0;
    while (i < n) {
        char c = g[i];
        if (c == '(' || c == '[') {
            depth++;
            i++;
            continue;
        }
        if (c == ')' || c == ']') {
            if (depth)
                depth--;
            i++;
            continue;
        }
        if (!enf__lex_alpha((unsigned char)c) || depth) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && (enf__lex_alpha((unsigned char)g[j]) || g[j] == '\''))
            j++;
        uint32_t *known = NULL;
        uint64_t h = *count < S_MAX_GLOSSES ? S_stem_hash(bulk, g + i, j - i, &known) : 0;
        if (h) {
            int dup = 0;
            for (size_t k = start; k < lx->gl_len; k++)
                if (lx->gl[k] == h) {
                    dup = 1;
                    break;
                }
            if (!dup) {
                /* a word written in lower case is a word of the language
                 * (the set of them); the memo remembers it is in already */
                int lower = enf__lex_lower((unsigned char)g[i]);
                if (enf__grow((void **)&lx->gl, &lx->gl_cap, lx->gl_len + 1, sizeof *lx->gl) ||
                    (lower && !(known && *known) && S_set_add(&lx->words, h)))
                    return -1;
                if (lower && known)
                    *known = 1;
                lx->gl[lx->gl_len++] = h;
                (*count)++;
            }
        }
        i = j;
    }
    return 0;
}

static int S_skip_gloss(const char *g, size_t n)
{
#define S_P(x) {x, sizeof x - 1}
    static const struct {
        const char *s;
        size_t n;
    } pre[] = {S_P("CL:"),          S_P("variant of"),       S_P("old variant of"),
               S_P("see "),         S_P("surname "),         S_P("also written"),
               S_P("used in"),      S_P("abbr. for"),        S_P("Japanese variant"),
               S_P("erhua variant"), S_P("(Tw)")};
#undef S_P
    /* most glosses start with none of the prefixes' first letters: one
     * test of a 128-bit set instead of eleven comparisons per gloss (the
     * set is the first letters of pre, kept beside it) */
#define S_B(ch) (1ull << ((ch) & 63))
    static const uint64_t first[2] = {S_B('('),
                                      S_B('C') | S_B('J') | S_B('a') | S_B('e') | S_B('o') |
                                          S_B('s') | S_B('u') | S_B('v')};
#undef S_B
    unsigned char c = (unsigned char)g[0];
    if (c >= 128 || !(first[c >> 6] >> (c & 63) & 1))
        return 0;
    for (size_t k = 0; k < sizeof pre / sizeof *pre; k++)
        if (n >= pre[k].n && g[0] == pre[k].s[0] && memcmp(g, pre[k].s, pre[k].n) == 0)
            return 1;
    return 0;
}

/* Add (or extend) one headword with gloss text "/a/b/" and pinyin. */
static int S_add_entry(enf_lexicon *lx, S_bulk *bulk, const char *hw, size_t hwn, const char *py,
                       size_t pyn, const char *gl, size_t gln, int is_term)
{
    if (enf__lexicon_own(lx))
        return -1;
    uint64_t hash = enf__hash64('h', hw, hwn);
    long idx = S_find_hashed(lx, hw, hwn, hash);
    size_t start = lx->gl_len;
    size_t count = 0;
    enf__lexentry old = {0};
    if (idx >= 0) {
        old = lx->e[idx];
        /* copy the existing glosses to the end, then append new ones (none:
         * no offset into what may still be a NULL array) */
        if (old.gl_n) {
            if (enf__grow((void **)&lx->gl, &lx->gl_cap, lx->gl_len + old.gl_n, sizeof *lx->gl))
                return -1;
            memcpy(lx->gl + lx->gl_len, lx->gl + old.gl_off, old.gl_n * sizeof *lx->gl);
            lx->gl_len += old.gl_n;
        }
        count = old.gl_n;
    }
    if (is_term) {
        if (S_add_gloss_words(lx, bulk, gl, gln, start, &count))
            return -1;
    } else {
        size_t i = 0;
        while (i < gln) {
            while (i < gln && gl[i] == '/')
                i++;
            const char *sl = memchr(gl + i, '/', gln - i);
            size_t j = sl ? (size_t)(sl - gl) : gln;
            if (j > i && !S_skip_gloss(gl + i, j - i) &&
                S_add_gloss_words(lx, bulk, gl + i, j - i, start, &count))
                return -1;
            i = j;
        }
    }
    uint32_t gl_off = (uint32_t)start, gl_n = (uint32_t)(lx->gl_len - start);
    /* pinyin syllables, toneless and lower case ("u:" as "v") */
    size_t pstart = lx->gl_len;
    if (idx >= 0 && old.py_n) {
        if (enf__grow((void **)&lx->gl, &lx->gl_cap, lx->gl_len + old.py_n, sizeof *lx->gl))
            return -1;
        memcpy(lx->gl + lx->gl_len, lx->gl + old.py_off, old.py_n * sizeof *lx->gl);
        lx->gl_len += old.py_n;
    }
    size_t i = 0;
    while (i < pyn) {
        while (i < pyn && pyn && py[i] == ' ')
            i++;
        size_t j = i;
        while (j < pyn && py[j] != ' ')
            j++;
        char syl[16];
        size_t sl = 0;
        for (size_t k = i; k < j && sl + 1 < sizeof syl; k++) {
            char c = py[k];
            if (enf__lex_alpha((unsigned char)c))
                syl[sl++] = enf__lex_tolower((unsigned char)c);
            else if (c == ':' && sl && syl[sl - 1] == 'u')
                syl[sl - 1] = 'v';
        }
        if (sl > 0 && lx->gl_len - pstart < S_MAX_PY) {
            uint64_t h = enf__hash64('p', syl, sl);
            int dup = 0;
            for (size_t k = pstart; k < lx->gl_len; k++)
                dup |= lx->gl[k] == h;
            if (!dup) {
                uint64_t *in = bulk ? &bulk->syl_in[h & 1023] : NULL;
                if (enf__grow((void **)&lx->gl, &lx->gl_cap, lx->gl_len + 1, sizeof *lx->gl) ||
                    (!(in && *in == h) && S_set_add(&lx->syl, h)))
                    return -1;
                if (in)
                    *in = h;
                lx->gl[lx->gl_len++] = h;
            }
        }
        i = j;
    }
    if (idx >= 0) {
        enf__lexentry *e = &lx->e[idx];
        e->gl_off = gl_off;
        e->gl_n = gl_n;
        e->py_off = (uint32_t)pstart;
        e->py_n = (uint32_t)(lx->gl_len - pstart);
        return 0;
    }
    if (lx->n >= ENF__LEX_MAX_ENTRIES)   /* a slot holds 24 bits of index */
        return -1;
    if (enf__grow((void **)&lx->pool, &lx->pool_cap, lx->pool_len + hwn, 1) ||
        enf__grow((void **)&lx->e, &lx->cap, lx->n + 1, sizeof *lx->e))
        return -1;
    enf__lexentry *e = &lx->e[lx->n];
    e->hash = hash;
    e->key_off = (uint32_t)lx->pool_len;
    e->key_len = (uint32_t)hwn;
    memcpy(lx->pool + lx->pool_len, hw, hwn);
    lx->pool_len += hwn;
    e->gl_off = gl_off;
    e->gl_n = gl_n;
    e->py_off = (uint32_t)pstart;
    e->py_n = (uint32_t)(lx->gl_len - pstart);
    lx->n++;
    if (!bulk && enf__lexprefix_add(lx, hw, hwn))
        return -1;
    if (2 * lx->n >= lx->nslots)
        return S_rehash(lx, lx->nslots ? lx->nslots * 2 : 1024);
    size_t k = S_slot_of(e->hash, lx->nslots);
    while (lx->slots[k])
        k = (k + 1) & (lx->nslots - 1);
    lx->slots[k] = (uint32_t)lx->n | enf__lex_tag(e->hash);
    return 0;
}

/* ---------------------------------------------------------------- files */

/* The official download is gzip-compressed (cedict_1_0_ts_utf-8_mdbg.txt.gz);
 * zlib inflates it (every member, as gzip(1) does), the result bounded like
 * any input. */
static int S_gunzip(const char *path, const unsigned char *in, size_t inlen, char **out,
                    size_t *outlen, enf_error *err)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", path);
    size_t cap = inlen * 3 + 4096, len = 0;
    char *buf = malloc(cap);
    int rc = ENF_OK;
    if (!buf) {
        inflateEnd(&zs);
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", path);
    }
    size_t pos = 0;
    for (;;) {
        if (len == cap) {
            if (cap >= ENF_MAX_INPUT_BYTES) {
                rc = enf_error_set(err, ENF_EINPUT,
                                   "%s: decompresses to more than the %zu MiB limit", path,
                                   ENF_MAX_INPUT_BYTES >> 20);
                break;
            }
            size_t nc = cap * 2 > ENF_MAX_INPUT_BYTES ? ENF_MAX_INPUT_BYTES : cap * 2;
            char *nb = realloc(buf, nc);
            if (!nb) {
                rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory", path);
                break;
            }
            buf = nb;
            cap = nc;
        }
        size_t in_chunk = inlen - pos > UINT_MAX ? UINT_MAX : inlen - pos;
        size_t out_chunk = cap - len > UINT_MAX ? UINT_MAX : cap - len;
        zs.next_in = (unsigned char *)(in + pos);
        zs.avail_in = (unsigned)in_chunk;
        zs.next_out = (unsigned char *)buf + len;
        zs.avail_out = (unsigned)out_chunk;
        int z = inflate(&zs, Z_NO_FLUSH);
        pos += in_chunk - zs.avail_in;
        len += out_chunk - zs.avail_out;
        if (z == Z_STREAM_END) {
            if (pos == inlen)
                break;
            /* another gzip member follows, or trailing bytes that are not one */
            if (inlen - pos < 2 || in[pos] != 0x1f || in[pos + 1] != 0x8b) {
                rc = enf_error_set(err, ENF_EINPUT,
                                   "%s: not a valid gzip file (trailing data after the "
                                   "compressed stream)", path);
                break;
            }
            inflateReset(&zs);
            continue;
        }
        if (z == Z_OK)
            continue;
        if (z == Z_BUF_ERROR && zs.avail_out == 0)
            continue;   /* the output buffer grows above */
        if (z == Z_MEM_ERROR)
            rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory", path);
        else if (z == Z_BUF_ERROR || pos == inlen)
            rc = enf_error_set(err, ENF_EINPUT, "%s: not a valid gzip file (truncated)", path);
        else
            rc = enf_error_set(err, ENF_EINPUT, "%s: not a valid gzip file (%s)", path,
                               zs.msg ? zs.msg : "corrupt data");
        break;
    }
    inflateEnd(&zs);
    if (rc) {
        free(buf);
        return rc;
    }
    *out = buf;
    *outlen = len;
    return ENF_OK;
}

static int S_is_gzip(const char *data, size_t len)
{
    return len >= 2 && (unsigned char)data[0] == 0x1f && (unsigned char)data[1] == 0x8b;
}

/* mkdir -p, new directories private (the XDG base directory rule). */
static int S_mkdirs(const char *dir)
{
    char p[PATH_MAX];
    size_t n = strlen(dir);
    if (!n || n >= sizeof p)
        return -1;
    memcpy(p, dir, n + 1);
    for (size_t i = 1; i <= n; i++)
        if (p[i] == '/' || p[i] == '\0') {
            char c = p[i];
            p[i] = '\0';
            if (mkdir(p, 0700) != 0 && errno != EEXIST)
                return -1;
            p[i] = c;
        }
    struct stat st;
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

static int S_lexicon_empty(const enf_lexicon *lx)
{
    return !lx->map && !lx->n && !lx->gl_len && !lx->pool_len && !lx->syl.n && !lx->words.n;
}

int enf_lexicon_load_cedict(enf_lexicon *lx, const char *path, enf_error *err)
{
    return enf_lexicon_load_cedict_cached(lx, path, NULL, NULL, err);
}

int enf_lexicon_load_cedict_cached(enf_lexicon *lx, const char *path, const char *cache_dir,
                                   enf_lexicon_origin *origin, enf_error *err)
{
    char *raw = NULL;
    size_t rawlen = 0;
    if (origin)
        *origin = ENF_LEXICON_PARSED;
    int rc = enf__read_whole_file(path, &raw, &rawlen, err);
    if (rc)
        return rc;
    /* the cache holds what parsing this source into an empty lexicon gives */
    char cache_path[PATH_MAX];
    enf__lexsource src = {0};
    int use_cache = 0;
    struct stat st;
    if (cache_dir && *cache_dir && S_lexicon_empty(lx) && strcmp(path, "-") != 0 &&
        stat(path, &st) == 0 && (uint64_t)st.st_size == rawlen) {
        char real[PATH_MAX];
        const char *id = realpath(path, real) ? real : path;
        int w = snprintf(cache_path, sizeof cache_path, "%s/cedict-%016llx.lxc", cache_dir,
                         (unsigned long long)enf__hash64('f', id, strlen(id)));
        src.size = rawlen;
        src.mtime_s = (uint64_t)st.st_mtim.tv_sec;
        src.mtime_ns = (uint64_t)st.st_mtim.tv_nsec;
        src.crc = crc32_z(0, (const unsigned char *)raw, rawlen);
        use_cache = w > 0 && (size_t)w < sizeof cache_path;
        if (use_cache && enf__lexcache_read(lx, cache_path, &src) == 1) {
            free(raw);
            if (!lx->pfx && enf__lexprefix_build(lx))
                return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", path);
            if (origin)
                *origin = ENF_LEXICON_FROM_CACHE;
            return ENF_OK;
        }
    }
    rc = enf_lexicon_load_cedict_buffer(lx, path, raw, rawlen, err);
    free(raw);
    /* a cache that cannot be written costs the next run a parse, nothing more */
    if (!rc && use_cache && S_mkdirs(cache_dir) == 0 &&
        enf__lexcache_write(lx, cache_path, &src) == 0 && origin)
        *origin = ENF_LEXICON_CACHE_BUILT;
    return rc;
}

int enf_lexicon_load_cedict_buffer(enf_lexicon *lx, const char *path, const char *data, size_t len,
                                   enf_error *err)
{
    if (S_is_gzip(data, len)) {
        char *text = NULL;
        size_t textlen = 0;
        int rc = S_gunzip(path, (const unsigned char *)data, len, &text, &textlen, err);
        if (rc)
            return rc;
        rc = S_is_gzip(text, textlen)
                 ? enf_error_set(err, ENF_EINPUT, "%s: gzip inside gzip, not a dictionary", path)
                 : enf_lexicon_load_cedict_buffer(lx, path, text, textlen, err);
        free(text);
        return rc;
    }
    int rc = enf__input_check(path, data, len, err);
    if (rc)
        return rc;
    S_bulk bulk = {0};
    size_t p = 0, entries = 0;
    int line = 0;
    while (p < len) {
        const char *nl = memchr(data + p, '\n', len - p);   /* a libc scan: 10 MB */
        size_t e = nl ? (size_t)(nl - data) : len;
        line++;
        size_t le = e;
        if (le > p && data[le - 1] == '\r')
            le--;
        const char *s = data + p;
        size_t n = le - p;
        p = e + 1;
        if (n == 0 || s[0] == '#')
            continue;
        /* TRAD SP SIMP SP [PINYIN] SP /GLOSSES/ */
        const char *sp1 = memchr(s, ' ', n);
        const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', n - (size_t)(sp1 + 1 - s)) : NULL;
        const char *lb = sp2 ? memchr(sp2, '[', n - (size_t)(sp2 - s)) : NULL;
        const char *rb = lb ? memchr(lb, ']', n - (size_t)(lb - s)) : NULL;
        const char *sl = rb ? memchr(rb, '/', n - (size_t)(rb - s)) : NULL;
        if (!sp1 || !sp2 || !lb || !rb || !sl || sp1 == s || sp2 == sp1 + 1) {
            rc = enf_error_set(err, ENF_EINPUT,
                               "%s:%d:1: not a CC-CEDICT line (expected "
                               "'TRAD SIMP [pin1 yin1] /gloss/')",
                               path, line);
            break;
        }
        const char *gl = sl;
        size_t gln = (size_t)(s + n - sl);
        const char *simp = sp1 + 1;
        size_t simpn = (size_t)(sp2 - simp);
        if (S_add_entry(lx, &bulk, simp, simpn, lb + 1, (size_t)(rb - lb - 1), gl, gln, 0) ||
            ((size_t)(sp1 - s) != simpn || memcmp(s, simp, simpn) != 0
                 ? S_add_entry(lx, &bulk, s, (size_t)(sp1 - s), lb + 1, (size_t)(rb - lb - 1), gl,
                               gln, 0)
                 : 0)) {
            rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory", path);
            break;
        }
        entries++;
    }
    if (!rc && !entries)
        rc = enf_error_set(err, ENF_EINPUT, "%s: no CC-CEDICT entries found", path);
    S_bulk_free(&bulk);
    /* no filter (every candidate looked up) is right, a stale one is not */
    if (enf__lexprefix_build(lx) && !rc)
        rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory", path);
    return rc;
}

int enf_lexicon_add_term(enf_lexicon *lx, const char *zh, const char *en, enf_error *err)
{
    size_t zn = strlen(zh);
    if (!zn || !*en)
        return enf_error_set(err, ENF_EUSAGE, "empty term");
    if (S_add_entry(lx, NULL, zh, zn, "", 0, en, strlen(en), 1))
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    return ENF_OK;
}

int enf_lexicon_add_glossary(enf_lexicon *lx, const enf_glossary *g, enf_error *err)
{
    /* approved renderings and known variants are translations of the term;
     * forbidden ones are not */
    for (size_t i = 0; i < enf_glossary_count(g); i++) {
        const enf_term *t = enf_glossary_term(g, i);
        for (int which = 0; which < 2; which++) {
            const char *const *v = which ? t->variants : t->zh;
            size_t n = which ? t->n_variants : t->n_zh;
            for (size_t k = 0; k < n; k++)
                if (S_add_entry(lx, NULL, v[k], strlen(v[k]), "", 0, t->en, strlen(t->en), 1))
                    return enf_error_set(err, ENF_ENOMEM, "out of memory");
        }
    }
    return ENF_OK;
}
