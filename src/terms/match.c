/* match.c — glossary term matching.  English: a trie over word tokens
 * (whole words, case rules, plural and -ing/-ed forms, "pre-" compounds).
 * Chinese: a trie over code points, longest match first, so 视觉变换器 beats
 * 变换器 and a phrase beats its words.  Both walk the text once per start
 * position (text x longest term), never terms x text.  Markup that is not
 * prose (code, URLs, link targets, tags) is masked out first
 * (match_mask.c). */
#include "terms_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- edge map: (parent node, kind, key bytes) -> child node */

typedef struct {
    unsigned parent, child, hash, klen;
    unsigned char kind;
    const char *key;
} S_edge;

typedef struct {
    int term;                 /* -1: not a terminal */
    unsigned char mkind;      /* enf_match_kind */
    unsigned rendering;
    unsigned char exact;      /* the term has ENF_TERM_EXACT */
} S_node;

typedef struct {
    S_node *nodes;
    size_t n_nodes, cap_nodes;
    S_edge *edges;
    size_t n_edges, cap_edges;   /* cap is a power of two */
    /* the code points (below U+10000) that start a key from the root, one
     * bit each: most positions of a text start no key, and this says so
     * without hashing (NULL while the trie is empty) */
    unsigned char *root_cp;
} S_trie;

struct enf__gindex {
    S_trie en_fold, en_case, zh_fold, zh_case;
    S_trie zh_susp;           /* suspect renderings, matched in a pass of their own */
    enf_arena *arena;
    size_t *parent;           /* union-find: terms sharing an approved rendering */
};

static size_t S_root(size_t *p, size_t i)
{
    while (p[i] != i) {
        p[i] = p[p[i]];
        i = p[i];
    }
    return i;
}

size_t enf__glossary_group(const enf_glossary *g, size_t term)
{
    if (!g || !g->index || !g->index->parent || term >= g->n)
        return term;
    return S_root(g->index->parent, term);
}

enum { S_EXACT = 0, S_FINAL = 1 };

static unsigned S_hash(unsigned parent, int kind, const char *k, size_t n)
{
    unsigned h = 2166136261u ^ (parent * 0x9E3779B1u) ^ (unsigned)kind;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)k[i];
        h *= 16777619u;
    }
    return h ? h : 1;
}

/* Keys are mostly one character (a Chinese side walks code point by code
 * point): compared inline, memcmp for the longer English words. */
static int S_key_eq(const char *a, const char *b, size_t n)
{
    if (n > 4)
        return memcmp(a, b, n) == 0;
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

static long S_find(const S_trie *t, unsigned parent, int kind, const char *k, size_t n)
{
    if (!t->cap_edges)
        return -1;
    unsigned h = S_hash(parent, kind, k, n);
    size_t mask = t->cap_edges - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const S_edge *e = &t->edges[i];
        if (!e->hash)
            return -1;
        if (e->hash == h && e->parent == parent && e->kind == kind && e->klen == n && S_key_eq(e->key, k, n))
            return (long)e->child;
    }
}

static long S_new_node(S_trie *t)
{
    if (enf__grow((void **)&t->nodes, &t->cap_nodes, t->n_nodes + 1, sizeof *t->nodes))
        return -1;
    t->nodes[t->n_nodes].term = -1;
    return (long)t->n_nodes++;
}

static int S_grow_edges(S_trie *t)
{
    size_t nc = t->cap_edges ? t->cap_edges * 2 : 1024;
    S_edge *ne = calloc(nc, sizeof *ne);
    if (!ne)
        return -1;
    for (size_t i = 0; i < t->cap_edges; i++) {
        S_edge *e = &t->edges[i];
        if (!e->hash)
            continue;
        size_t j = e->hash & (nc - 1);
        while (ne[j].hash)
            j = (j + 1) & (nc - 1);
        ne[j] = *e;
    }
    free(t->edges);
    t->edges = ne;
    t->cap_edges = nc;
    return 0;
}

/* Child of parent by (kind, key), created when missing; -1 on OOM. */
static long S_child(S_trie *t, enf_arena *a, unsigned parent, int kind, const char *k, size_t n)
{
    long c = S_find(t, parent, kind, k, n);
    if (c >= 0)
        return c;
    if ((t->n_edges + 1) * 2 > t->cap_edges && S_grow_edges(t))
        return -1;
    c = S_new_node(t);
    if (c < 0)
        return -1;
    unsigned h = S_hash(parent, kind, k, n);
    size_t mask = t->cap_edges - 1, i = h & mask;
    while (t->edges[i].hash)
        i = (i + 1) & mask;
    S_edge *e = &t->edges[i];
    e->parent = parent;
    e->kind = (unsigned char)kind;
    e->key = enf_arena_strndup(a, k, n);
    if (!e->key)
        return -1;
    e->klen = (unsigned)n;
    e->child = (unsigned)c;
    e->hash = h;
    t->n_edges++;
    if (parent == 0 && kind == S_EXACT && n <= 4) {
        if (!t->root_cp && !(t->root_cp = calloc(0x10000 / 8, 1)))
            return -1;
        int adv;
        int cp = enf__utf8_decode(k, n, &adv);
        if (cp >= 0 && cp < 0x10000)
            t->root_cp[cp >> 3] |= (unsigned char)(1u << (cp & 7));
        else
            memset(t->root_cp, 0xff, 0x10000 / 8);   /* not representable: no filter */
    }
    return c;
}

/* Whether a key may start with code point cp (already case-folded for a
 * folding trie). */
static int S_may_start(const S_trie *t, int cp)
{
    if (!t->root_cp)
        return 0;
    return cp < 0 || cp >= 0x10000 || (t->root_cp[cp >> 3] >> (cp & 7)) & 1;
}

static void S_trie_free(S_trie *t)
{
    free(t->nodes);
    free(t->edges);
    free(t->root_cp);
}

void enf__gindex_free(struct enf__gindex *ix)
{
    if (!ix)
        return;
    S_trie_free(&ix->en_fold);
    S_trie_free(&ix->en_case);
    S_trie_free(&ix->zh_fold);
    S_trie_free(&ix->zh_case);
    S_trie_free(&ix->zh_susp);
    free(ix->parent);
    enf_arena_free(ix->arena);
    free(ix);
}

/* ---- character classes */

int enf__is_latin_alnum(int cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

/* ---- English tokens (their word forms: match_inflect.c) */

typedef struct {
    size_t start, end;        /* bytes in the text */
    char w[ENF__TOKMAX];       /* joined ("pre-trained" -> "pretrained"), original case */
    size_t wl;
} S_tok;

static const char *const S_join_prefixes[] = {"pre", "post", "re", "co", "non", "un", "semi", "fine", NULL};

static int S_is_join_prefix(const char *s, size_t n)
{
    for (int i = 0; S_join_prefixes[i]; i++)
        if (strlen(S_join_prefixes[i]) == n) {
            size_t k = 0;
            while (k < n && enf__ascii_lower(s[k]) == S_join_prefixes[i][k])
                k++;
            if (k == n)
                return 1;
        }
    return 0;
}

/* Tokenize s: runs of ASCII letters/digits (and Latin letters); a joining
 * prefix followed by '-' merges with the next run.  Tokens touching the mask
 * are dropped (they break phrases). */
static size_t S_tokenize(const char *s, size_t len, const unsigned char *mask, S_tok **out)
{
    size_t n = 0, cap = 64;
    S_tok *v = malloc(cap * sizeof *v);
    if (!v) {
        *out = NULL;
        return 0;
    }
    size_t i = 0;
    while (i < len) {
        int adv;
        int cp = enf__utf8_decode(s + i, len - i, &adv);
        if (!enf__is_latin_alnum(cp) || (mask && mask[i])) {
            i += (size_t)adv;
            continue;
        }
        size_t st = i;
        S_tok t;
        t.start = st;
        t.wl = 0;
        int masked = 0;
        for (;;) {
            size_t ws = i;
            while (i < len) {
                cp = enf__utf8_decode(s + i, len - i, &adv);
                if (!enf__is_latin_alnum(cp))
                    break;
                if (mask && mask[i])
                    masked = 1;
                i += (size_t)adv;
            }
            if (t.wl + (i - ws) < ENF__TOKMAX) {
                memcpy(t.w + t.wl, s + ws, i - ws);
                t.wl += i - ws;
            }
            if (i + 1 < len && s[i] == '-' && enf__ascii_alnum((unsigned char)s[i + 1]) &&
                S_is_join_prefix(s + ws, i - ws) && ws == st) {
                i++;
                continue;
            }
            break;
        }
        t.end = i;
        t.w[t.wl] = '\0';
        if (masked)
            continue;
        if (enf__grow((void **)&v, &cap, n + 1, sizeof *v))
            break;
        v[n++] = t;
    }
    *out = v;
    return n;
}

/* ---- building */

static int S_add_en(struct enf__gindex *ix, const enf_term *t, size_t ti)
{
    int cased = (t->flags & ENF_TERM_CASE) != 0, exact = (t->flags & ENF_TERM_EXACT) != 0;
    S_trie *tr = cased ? &ix->en_case : &ix->en_fold;
    S_tok *toks = NULL;
    size_t nt = S_tokenize(t->en, strlen(t->en), NULL, &toks);
    if (!toks)
        return -1;
    if (nt == 0) {
        free(toks);
        return 0;
    }
    long node = 0;
    for (size_t k = 0; k < nt && node >= 0; k++) {
        enf__forms f;
        enf__make_forms(toks[k].w, toks[k].wl, cased, &f);
        if (k + 1 < nt) {
            node = S_child(tr, ix->arena, (unsigned)node, S_EXACT, f.exact, f.exact_len);
            continue;
        }
        if (exact)
            node = S_child(tr, ix->arena, (unsigned)node, S_FINAL, f.exact, f.exact_len);
        else if (!cased && enf__verbish(f.exact, f.exact_len))
            node = S_child(tr, ix->arena, (unsigned)node, S_FINAL, f.verb, f.verb_len);
        else
            node = S_child(tr, ix->arena, (unsigned)node, S_FINAL, f.plural, f.plural_len);
    }
    free(toks);
    if (node < 0)
        return -1;
    if (tr->nodes[node].term < 0) {
        tr->nodes[node].term = (int)ti;
        tr->nodes[node].mkind = ENF_MATCH_EN;
    }
    return 0;
}

static int S_add_key(struct enf__gindex *ix, S_trie *tr, int cased, const enf_term *t, size_t ti,
                     const char *s, enf_match_kind mk, size_t ri);

/* Chinese keys: spaces next to a non-ASCII character are dropped (视觉
 * Transformer = 视觉Transformer); ASCII is folded unless cased. */
static int S_add_zh(struct enf__gindex *ix, const enf_term *t, size_t ti, const char *s,
                    enf_match_kind mk, size_t ri)
{
    if (mk == ENF_MATCH_SUSPECT)
        return S_add_key(ix, &ix->zh_susp, 0, t, ti, s, mk, ri);

    /* case matters only for keys with Latin letters: all-Chinese keys of
     * every term share one trie, so that shared renderings meet */
    int cased = 0;
    size_t n = strlen(s);
    if (t->flags & ENF_TERM_CASE)
        for (size_t i = 0; i < n; i++)
            if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))
                cased = 1;
    return S_add_key(ix, cased ? &ix->zh_case : &ix->zh_fold, cased, t, ti, s, mk, ri);
}

static int S_add_key(struct enf__gindex *ix, S_trie *tr, int cased, const enf_term *t, size_t ti,
                     const char *s, enf_match_kind mk, size_t ri)
{
    size_t n = strlen(s);
    long node = 0;
    int added = 0;
    for (size_t i = 0; i < n && node >= 0;) {
        int adv;
        int cp = enf__utf8_decode(s + i, n - i, &adv);
        if (cp == ' ') {
            int prev_wide = i > 0 && (unsigned char)s[i - 1] >= 0x80;
            int next_wide = i + 1 < n && (unsigned char)s[i + 1] >= 0x80;
            if (prev_wide || next_wide) {
                i++;
                continue;
            }
        }
        char k[4];
        memcpy(k, s + i, (size_t)adv);
        if (!cased && adv == 1)
            k[0] = enf__ascii_lower(k[0]);
        node = S_child(tr, ix->arena, (unsigned)node, S_EXACT, k, (size_t)adv);
        i += (size_t)adv;
        added++;
    }
    if (node < 0)
        return -1;
    if (added && tr->nodes[node].term >= 0 && (size_t)tr->nodes[node].term != ti &&
        mk == ENF_MATCH_APPROVED && tr->nodes[node].mkind == ENF_MATCH_APPROVED) {
        /* CNN and convolutional neural network share 卷积神经网络: synonyms */
        size_t a = S_root(ix->parent, ti), b = S_root(ix->parent, (size_t)tr->nodes[node].term);
        if (a != b)
            ix->parent[a < b ? b : a] = a < b ? a : b;
    }
    if (added && tr->nodes[node].term < 0) {
        tr->nodes[node].term = (int)ti;
        tr->nodes[node].mkind = (unsigned char)mk;
        tr->nodes[node].rendering = (unsigned)ri;
        tr->nodes[node].exact = (t->flags & ENF_TERM_EXACT) != 0;
    }
    return 0;
}

int enf__gindex_build(const enf_glossary *g, struct enf__gindex **out)
{
    struct enf__gindex *ix = calloc(1, sizeof *ix);
    if (!ix || !(ix->arena = enf_arena_new())) {
        free(ix);
        return ENF_ENOMEM;
    }
    ix->parent = malloc((g->n ? g->n : 1) * sizeof *ix->parent);
    if (!ix->parent)
        goto oom;
    for (size_t i = 0; i < g->n; i++)
        ix->parent[i] = i;
    S_trie *all[5] = {&ix->en_fold, &ix->en_case, &ix->zh_fold, &ix->zh_case, &ix->zh_susp};
    for (int k = 0; k < 5; k++)
        if (S_new_node(all[k]) < 0)
            goto oom;
    for (size_t i = 0; i < g->n; i++) {
        const enf_term *t = &g->terms[i];
        if (S_add_en(ix, t, i))
            goto oom;
        /* insertion order is priority when two terms share a string:
         * approved renderings first, then the verbatim form, variants,
         * forbidden */
        for (size_t r = 0; r < t->n_zh; r++)
            if (S_add_zh(ix, t, i, t->zh[r], ENF_MATCH_APPROVED, r))
                goto oom;
        if (t->verbatim != ENF_VERBATIM_NO && S_add_zh(ix, t, i, t->en, ENF_MATCH_VERBATIM, 0))
            goto oom;
        for (size_t r = 0; r < t->n_variants; r++)
            if (S_add_zh(ix, t, i, t->variants[r], ENF_MATCH_VARIANT, r))
                goto oom;
        for (size_t r = 0; r < t->n_forbidden; r++)
            if (S_add_zh(ix, t, i, t->forbidden[r], ENF_MATCH_FORBIDDEN, r))
                goto oom;
        for (size_t r = 0; r < t->n_suspects; r++)
            if (S_add_zh(ix, t, i, t->suspects[r].zh, ENF_MATCH_SUSPECT, r))
                goto oom;
    }
    *out = ix;
    return ENF_OK;
oom:
    enf__gindex_free(ix);
    return ENF_ENOMEM;
}

/* ---- matching */

typedef struct {
    enf_match *v;
    size_t n, cap;
} S_mvec;

static int S_push(S_mvec *m, const enf_match *x)
{
    if (enf__grow((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v))
        return -1;
    m->v[m->n++] = *x;
    return 0;
}

/* Separator between two words of a phrase: white space or one hyphen. */
static int S_phrase_gap(const char *s, size_t a, size_t b)
{
    if (b - a > 4 || b == a)
        return 0;
    int hy = 0;
    for (size_t i = a; i < b; i++) {
        if (s[i] == '-')
            hy++;
        else if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
            return 0;
    }
    return hy <= 1;
}

/* Longest English match starting at token i in trie tr; returns the last
 * token index or -1, and the terminal node in *node_out. */
static long S_walk_en(const S_trie *tr, const char *s, const S_tok *toks, size_t nt, size_t i,
                      int cased, long *node_out)
{
    long node = 0, best = -1, best_node = -1;
    for (size_t j = i; j < nt; j++) {
        if (j > i && !S_phrase_gap(s, toks[j - 1].end, toks[j].start))
            break;
        enf__forms f;
        enf__make_forms(toks[j].w, toks[j].wl, cased, &f);
        long c = S_find(tr, (unsigned)node, S_FINAL, f.plural, f.plural_len);
        if (c < 0 || tr->nodes[c].term < 0)
            c = S_find(tr, (unsigned)node, S_FINAL, f.exact, f.exact_len);
        /* an inflected form meets an inflected term ("trained" for
         * "training"); the bare word is another word ("reason" is not
         * "reasoning", "train" not "training") */
        if ((c < 0 || tr->nodes[c].term < 0) && !cased && enf__verbish(f.exact, f.exact_len))
            c = S_find(tr, (unsigned)node, S_FINAL, f.verb, f.verb_len);
        if (c >= 0 && tr->nodes[c].term >= 0) {
            best = (long)j;
            best_node = c;
        }
        node = S_find(tr, (unsigned)node, S_EXACT, f.exact, f.exact_len);
        if (node < 0)
            break;
    }
    *node_out = best_node;
    return best;
}

static int S_match_en(const struct enf__gindex *ix, const char *s, size_t len,
                      const unsigned char *mask, S_mvec *out)
{
    S_tok *toks = NULL;
    size_t nt = S_tokenize(s, len, mask, &toks);
    if (!toks)
        return -1;
    for (size_t i = 0; i < nt;) {
        long nf, nc;
        long ef = S_walk_en(&ix->en_fold, s, toks, nt, i, 0, &nf);
        long ec = S_walk_en(&ix->en_case, s, toks, nt, i, 1, &nc);
        if (ef < 0 && ec < 0) {
            i++;
            continue;
        }
        const S_trie *tr = ec >= ef ? &ix->en_case : &ix->en_fold;
        long e = ec >= ef ? ec : ef, node = ec >= ef ? nc : nf;
        enf_match m = {0};
        m.term = (size_t)tr->nodes[node].term;
        m.kind = ENF_MATCH_EN;
        m.off = toks[i].start;
        m.len = toks[e].end - toks[i].start;
        if (S_push(out, &m)) {
            free(toks);
            return -1;
        }
        i = (size_t)e + 1;
    }
    free(toks);
    return 0;
}

/* Longest Chinese-side match at byte p; returns its end or 0. */
static size_t S_walk_zh(const S_trie *tr, const char *s, size_t len, const unsigned char *mask,
                        size_t p, int fold, long *node_out)
{
    long node = 0, best_node = -1;
    size_t best_end = 0, i = p;
    int prev_cp = -1;
    if (p < len) {
        int adv0;
        int cp0 = enf__utf8_decode(s + p, len - p, &adv0);
        if (fold && cp0 >= 'A' && cp0 <= 'Z')
            cp0 += 'a' - 'A';
        if (!S_may_start(tr, cp0)) {
            *node_out = -1;
            return 0;
        }
    }
    while (i < len) {
        if (mask && mask[i])
            break;
        int adv;
        int cp = enf__utf8_decode(s + i, len - i, &adv);
        if (cp == ' ' && node != 0) {
            /* a space between Chinese and Latin text is not part of the key */
            long c = S_find(tr, (unsigned)node, S_EXACT, " ", 1);
            if (c < 0) {
                int nadv;
                int ncp = i + 1 < len ? enf__utf8_decode(s + i + 1, len - i - 1, &nadv) : 0;
                if (prev_cp >= 0x80 || ncp >= 0x80) {
                    i++;
                    continue;
                }
                break;
            }
        }
        char k[4];
        memcpy(k, s + i, (size_t)adv);
        if (fold && adv == 1)
            k[0] = enf__ascii_lower(k[0]);
        node = S_find(tr, (unsigned)node, S_EXACT, k, (size_t)adv);
        if (node < 0)
            break;
        i += (size_t)adv;
        prev_cp = cp;
        if (tr->nodes[node].term >= 0) {
            size_t end = i;
            if (enf__ascii_alnum(cp)) {
                /* a Latin key ends at a word boundary; a plural s is allowed */
                if (end < len && (s[end] == 's') && !tr->nodes[node].exact &&
                    !(end + 1 < len && enf__ascii_alnum((unsigned char)s[end + 1])))
                    end++;
                if (end < len && enf__ascii_alnum((unsigned char)s[end]))
                    continue;
            }
            best_end = end;
            best_node = node;
        }
    }
    *node_out = best_node;
    return best_end;
}

static int S_match_zh(const struct enf__gindex *ix, const char *s, size_t len,
                      const unsigned char *mask, S_mvec *out)
{
    size_t i = 0;
    while (i < len) {
        int adv;
        int cp = enf__utf8_decode(s + i, len - i, &adv);
        if ((mask && mask[i]) || cp == ' ' || cp == '\n') {
            i += (size_t)adv;
            continue;
        }
        /* a Latin key must start a word */
        int word_inside = enf__ascii_alnum(cp) && i > 0 && enf__ascii_alnum((unsigned char)s[i - 1]);
        long nf = -1, nc = -1;
        size_t ef = 0, ec = 0;
        if (!word_inside) {
            int lc = cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
            if (S_may_start(&ix->zh_fold, lc))
                ef = S_walk_zh(&ix->zh_fold, s, len, mask, i, 1, &nf);
            if (S_may_start(&ix->zh_case, cp))
                ec = S_walk_zh(&ix->zh_case, s, len, mask, i, 0, &nc);
        }
        if (!ef && !ec) {
            i += (size_t)adv;
            continue;
        }
        const S_trie *tr = ec > ef ? &ix->zh_case : &ix->zh_fold;
        long node = ec > ef ? nc : nf;
        size_t e = ec > ef ? ec : ef;
        if (ec == ef && nc >= 0 && nf >= 0 && ix->zh_case.nodes[nc].term < ix->zh_fold.nodes[nf].term) {
            tr = &ix->zh_case;   /* equal length: the term listed first wins */
            node = nc;
        }
        enf_match m = {0};
        m.term = (size_t)tr->nodes[node].term;
        m.kind = (enf_match_kind)tr->nodes[node].mkind;
        m.rendering = tr->nodes[node].rendering;
        m.off = i;
        m.len = e - i;
        if (S_push(out, &m))
            return -1;
        i = e;
    }
    return 0;
}

int enf__glossary_match_masked(const enf_glossary *g, int lang, const char *s, size_t len,
                               const unsigned char *mask, enf_match **out, size_t *n_out)
{
    S_mvec m = {0};
    *out = NULL;
    *n_out = 0;
    if (!g || !g->index || g->n == 0)
        return ENF_OK;
    int r = lang == 0 ? S_match_en(g->index, s, len, mask, &m) : S_match_zh(g->index, s, len, mask, &m);
    if (r) {
        free(m.v);
        return ENF_ENOMEM;
    }
    *out = m.v;
    *n_out = m.n;
    return ENF_OK;
}

int enf_glossary_match(const enf_glossary *g, int lang, const char *text, size_t len,
                       enf_match **out, size_t *n_out, enf_error *err)
{
    unsigned char *mask = malloc(len ? len : 1);
    if (!mask)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    enf__mask_markup(text, len, mask);
    int rc = enf__glossary_match_masked(g, lang, text, len, mask, out, n_out);
    free(mask);
    if (rc)
        return enf_error_set(err, rc, "out of memory");
    return ENF_OK;
}

int enf__glossary_match_suspects(const enf_glossary *g, const char *s, size_t len, const unsigned char *mask,
                                 const enf_match *regular, size_t n_regular, enf_match **out, size_t *n_out)
{
    S_mvec m = {0};
    *out = NULL;
    *n_out = 0;
    if (!g || !g->index || g->n == 0 || g->index->zh_susp.n_edges == 0)
        return ENF_OK;
    const S_trie *tr = &g->index->zh_susp;
    size_t k = 0;   /* the first regular match not ending before i */
    for (size_t i = 0; i < len;) {
        int adv;
        int cp = enf__utf8_decode(s + i, len - i, &adv);
        while (k < n_regular && regular[k].off + regular[k].len <= i)
            k++;
        if ((mask && mask[i]) || cp == ' ' || cp == '\n' || (k < n_regular && regular[k].off <= i) ||
            (enf__ascii_alnum(cp) && i > 0 && enf__ascii_alnum((unsigned char)s[i - 1]))) {
            i += (size_t)adv;
            continue;
        }
        long node = -1;
        size_t e = S_may_start(tr, cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp)
                       ? S_walk_zh(tr, s, len, mask, i, 1, &node)
                       : 0;
        /* a regular match inside the span wins */
        if (e && k < n_regular && regular[k].off < e)
            e = 0;
        if (!e) {
            i += (size_t)adv;
            continue;
        }
        enf_match x = {0};
        x.term = (size_t)tr->nodes[node].term;
        x.kind = ENF_MATCH_SUSPECT;
        x.rendering = tr->nodes[node].rendering;
        x.off = i;
        x.len = e - i;
        if (S_push(&m, &x)) {
            free(m.v);
            return ENF_ENOMEM;
        }
        i = e;
    }
    *out = m.v;
    *n_out = m.n;
    return ENF_OK;
}

int enf_glossary_match_suspects(const enf_glossary *g, const char *text, size_t len, enf_match **out,
                                size_t *n_out, enf_error *err)
{
    *out = NULL;
    *n_out = 0;
    unsigned char *mask = malloc(len ? len : 1);
    if (!mask)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    enf__mask_markup(text, len, mask);
    enf_match *reg = NULL;
    size_t nreg = 0;
    int rc = enf__glossary_match_masked(g, 1, text, len, mask, &reg, &nreg);
    if (rc == ENF_OK)
        rc = enf__glossary_match_suspects(g, text, len, mask, reg, nreg, out, n_out);
    free(reg);
    free(mask);
    if (rc)
        return enf_error_set(err, rc, "out of memory");
    return ENF_OK;
}
