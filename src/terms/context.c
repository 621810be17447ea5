/* context.c — the context language of glossary renderings
 * (glossary/README.md, "Contexts"): RENDERING[COND;COND...] parsed into an
 * enf_context, and evaluated on one match inside its block's source.  The
 * suspect column and forbidden items with an everyday sense use it. */
#include "terms_internal.h"

#include <string.h>

static const struct {
    const char *name;
    enf_cond_kind kind;
    int takes_words;
} S_conds[] = {
    {"before", ENF_COND_BEFORE, 1}, {"after", ENF_COND_AFTER, 1}, {"notin", ENF_COND_NOTIN, 1},
    {"near", ENF_COND_NEAR, 1},     {"num", ENF_COND_NUM, 2},     {"latin", ENF_COND_LATIN, 0},
    {"domain", ENF_COND_DOMAIN, 0},
};

/* Split s[0..n) at sep into arena strings; empty items are an error (-1). */
static int S_split(enf_arena *a, const char *s, size_t n, char sep, const char *const **out, size_t *n_out)
{
    size_t cnt = 1;
    for (size_t i = 0; i < n; i++)
        cnt += s[i] == sep;
    const char **v = enf_arena_alloc(a, cnt * sizeof *v);
    if (!v)
        return -2;
    size_t k = 0, st = 0;
    for (size_t i = 0; i <= n; i++)
        if (i == n || s[i] == sep) {
            if (i == st)
                return -1;
            if (!(v[k++] = enf_arena_strndup(a, s + st, i - st)))
                return -2;
            st = i + 1;
        }
    *out = (const char *const *)v;
    *n_out = k;
    return 0;
}

int enf__context_parse(enf_arena *a, const char *item, enf_context *out, const char *src, int line,
                       enf_error *err)
{
    memset(out, 0, sizeof *out);
    out->spec = item;
    const char *br = strchr(item, '[');
    size_t n = strlen(item);
    if (!br) {
        if (strchr(item, ']'))
            return enf_error_set(err, ENF_EINPUT, "%s:%d: \"%s\": ']' without '['", src, line, item);
        out->zh = item;
        return ENF_OK;
    }
    if (br == item || item[n - 1] != ']' || strchr(br + 1, '[') || memchr(br + 1, ']', (size_t)(item + n - 1 - (br + 1))))
        return enf_error_set(err, ENF_EINPUT,
                             "%s:%d: \"%s\": write a context as RENDERING[COND;COND...]", src, line, item);
    if (!(out->zh = enf_arena_strndup(a, item, (size_t)(br - item))))
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    const char *const *parts = NULL;
    size_t np = 0;
    int r = S_split(a, br + 1, (size_t)(item + n - 1 - (br + 1)), ';', &parts, &np);
    if (r == -2)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    if (r)
        return enf_error_set(err, ENF_EINPUT, "%s:%d: \"%s\": an empty condition", src, line, item);
    enf_cond *cv = enf_arena_alloc(a, np * sizeof *cv);
    if (!cv)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    for (size_t i = 0; i < np; i++) {
        const char *p = parts[i];
        int neg = *p == '!';
        p += neg;
        const char *eq = strchr(p, '=');
        size_t nl = eq ? (size_t)(eq - p) : strlen(p);
        size_t k = 0, nk = sizeof S_conds / sizeof S_conds[0];
        while (k < nk && !(strlen(S_conds[k].name) == nl && !memcmp(S_conds[k].name, p, nl)))
            k++;
        if (k == nk)
            return enf_error_set(err, ENF_EINPUT,
                                 "%s:%d: \"%s\": unknown condition \"%.*s\" (before, after, notin, near, "
                                 "num, latin, domain)", src, line, item, (int)nl, p);
        if (S_conds[k].takes_words != 2 && S_conds[k].takes_words != (eq != NULL))
            return enf_error_set(err, ENF_EINPUT, "%s:%d: \"%s\": %s %s", src, line, item, S_conds[k].name,
                                 eq ? "takes no words" : "needs words: name=W1,W2");
        cv[i].kind = S_conds[k].kind;
        cv[i].negate = neg;
        cv[i].words = NULL;
        cv[i].n_words = 0;
        if (eq) {
            r = S_split(a, eq + 1, strlen(eq + 1), ',', &cv[i].words, &cv[i].n_words);
            if (r == -2)
                return enf_error_set(err, ENF_ENOMEM, "out of memory");
            if (r)
                return enf_error_set(err, ENF_EINPUT, "%s:%d: \"%s\": an empty word in %s", src, line, item,
                                     S_conds[k].name);
        }
        if (cv[i].kind == ENF_COND_NOTIN)
            for (size_t w = 0; w < cv[i].n_words; w++)
                if (!strstr(cv[i].words[w], out->zh))
                    return enf_error_set(err, ENF_EINPUT, "%s:%d: \"%s\": notin word \"%s\" does not contain \"%s\"",
                                         src, line, item, cv[i].words[w], out->zh);
    }
    out->conds = cv;
    out->n_conds = np;
    return ENF_OK;
}

/* ---- evaluation */

static size_t S_skip_spaces_back(const char *s, size_t i)
{
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
        i--;
    return i;
}

static int S_prev_cp(const char *s, size_t i, size_t *start)
{
    if (i == 0)
        return -1;
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    int adv;
    int cp = enf__utf8_decode(s + j, i - j, &adv);
    *start = j;
    return cp;
}

static int S_is_numeral(int cp)
{
    /* 一二三四五六七八九十百千万两几零 */
    static const int z[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
                            0x5341, 0x767E, 0x5343, 0x4E07, 0x4E24, 0x51E0, 0x96F6, 0};
    if (cp >= '0' && cp <= '9')
        return 1;
    for (int i = 0; z[i]; i++)
        if (cp == z[i])
            return 1;
    return 0;
}

/* A measure word that may stand between a number and a noun. */
static int S_is_measure(int cp)
{
    static const int m[] = {0x4E2A /* 个 */, 0x79CD /* 种 */, 0x7BC7 /* 篇 */, 0x5F20 /* 张 */,
                            0x6B21 /* 次 */, 0x5C42 /* 层 */, 0x4F4D /* 位 */, 0x6B3E /* 款 */,
                            0x53F0 /* 台 */, 0x8F86 /* 辆 */, 0x5217 /* 列 */, 0x9879 /* 项 */,
                            0x4EFD /* 份 */, 0x6761 /* 条 */, 0x5757 /* 块 */, 0x7EC4 /* 组 */, 0};
    for (int i = 0; m[i]; i++)
        if (cp == m[i])
            return 1;
    return 0;
}

static int S_num_before(const char *s, size_t off, const enf_cond *c)
{
    size_t i = S_skip_spaces_back(s, off), st = 0;
    if (c->n_words) {
        /* num=篇,份: one of these measure words, then a number */
        size_t w = 0;
        for (; w < c->n_words; w++) {
            size_t wl = strlen(c->words[w]);
            if (wl <= i && !memcmp(s + i - wl, c->words[w], wl))
                break;
        }
        if (w == c->n_words)
            return 0;
        i = S_skip_spaces_back(s, i - strlen(c->words[w]));
        return S_is_numeral(S_prev_cp(s, i, &st));
    }
    int cp = S_prev_cp(s, i, &st);
    if (S_is_measure(cp)) {
        i = S_skip_spaces_back(s, st);
        cp = S_prev_cp(s, i, &st);
    }
    return S_is_numeral(cp);
}

static int S_sentence_end(int cp)
{
    return cp == '\n' || cp == '!' || cp == '?' || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B;
}

/* The sentence around [off, off+len): between sentence-ending punctuation
 * (。！？；!? or a line break) inside the block. */
static void S_sentence(const char *s, size_t n, size_t off, size_t len, size_t *a, size_t *b)
{
    size_t i = off, st;
    while (i > 0) {
        int cp = S_prev_cp(s, i, &st);
        if (S_sentence_end(cp))
            break;
        i = st;
    }
    *a = i;
    size_t j = off + len;
    while (j < n) {
        int adv;
        int cp = enf__utf8_decode(s + j, n - j, &adv);
        if (S_sentence_end(cp))
            break;
        j += (size_t)adv;
    }
    *b = j;
}

static int S_find_in(const char *s, size_t a, size_t b, const char *w)
{
    size_t wl = strlen(w);
    for (size_t i = a; i + wl <= b; i++)
        if (!memcmp(s + i, w, wl))
            return 1;
    return 0;
}

static int S_latin_word_in(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);
    for (size_t i = 0; i + wl <= n; i++) {
        size_t k = 0;
        while (k < wl && (s[i + k] | 0x20) == (w[k] | 0x20))
            k++;
        if (k < wl)
            continue;
        int lb = i == 0 || !enf__is_latin_alnum((unsigned char)s[i - 1]);
        size_t e = i + wl;
        if (e < n && s[e] == 's')
            e++;
        int rb = e >= n || !enf__is_latin_alnum((unsigned char)s[e]);
        if (lb && rb)
            return 1;
    }
    return 0;
}

static int S_cond(const enf_glossary *g, size_t term, const enf_cond *c, const char *s, size_t n, size_t off,
                  size_t len, const enf_match *m, size_t nm)
{
    switch (c->kind) {
    case ENF_COND_BEFORE: {
        size_t e = S_skip_spaces_back(s, off);
        for (size_t w = 0; w < c->n_words; w++) {
            size_t wl = strlen(c->words[w]);
            if (wl <= e && !memcmp(s + e - wl, c->words[w], wl))
                return 1;
        }
        return 0;
    }
    case ENF_COND_AFTER: {
        size_t b = off + len;
        while (b < n && (s[b] == ' ' || s[b] == '\t'))
            b++;
        for (size_t w = 0; w < c->n_words; w++) {
            size_t wl = strlen(c->words[w]);
            if (b + wl <= n && !memcmp(s + b, c->words[w], wl))
                return 1;
        }
        return 0;
    }
    case ENF_COND_NOTIN:
        /* true when the rendering is not inside one of the words */
        for (size_t w = 0; w < c->n_words; w++) {
            const char *word = c->words[w];
            size_t wl = strlen(word);
            for (size_t at = 0; at + len <= wl; at++) {
                if (memcmp(word + at, s + off, len))
                    continue;
                /* the word would start at off - at */
                if (at <= off && off - at + wl <= n && !memcmp(s + off - at, word, wl))
                    return 0;
            }
        }
        return 1;
    case ENF_COND_NEAR: {
        size_t a, b;
        S_sentence(s, n, off, len, &a, &b);
        for (size_t w = 0; w < c->n_words; w++)
            if (S_find_in(s, a, b, c->words[w]))
                return 1;
        return 0;
    }
    case ENF_COND_NUM:
        return S_num_before(s, off, c);
    case ENF_COND_LATIN:
        return S_latin_word_in(s, n, g->terms[term].en);
    case ENF_COND_DOMAIN:
        for (size_t i = 0; i < nm; i++)
            /* a forbidden rendering of an ML term shows the domain too */
            if (m[i].term != term && m[i].kind != ENF_MATCH_SUSPECT)
                return 1;
        return 0;
    }
    return 0;
}

int enf_context_holds(const enf_glossary *g, size_t term, const enf_context *ctx, const char *text,
                      size_t text_len, size_t off, size_t len, const enf_match *matches, size_t n_matches)
{
    if (!g || term >= g->n || !ctx || off + len > text_len)
        return 0;
    for (size_t i = 0; i < ctx->n_conds; i++) {
        int v = S_cond(g, term, &ctx->conds[i], text, text_len, off, len, matches, n_matches);
        if (v == ctx->conds[i].negate)
            return 0;
    }
    return 1;
}
