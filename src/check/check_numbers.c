/* check_numbers.c — number.mismatch: the numbers of each aligned pair as
 * values, so that the ways Chinese writes them (20 亿 for 2 billion, 31 万
 * for 310,000, 一百万, 五个) match.  A number is reported when the
 * original has a value the translation lacks and the translation has a
 * digit value the original lacks ("3.5%" -> "35%"); a lost number with no
 * replacement is left alone (it was often reworded). */
#include "check_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double v;
    size_t blk, off, len;
    int digits;       /* written with digits (not a word or a Chinese numeral) */
    int used;
} S_num;

typedef struct {
    S_num *v;
    size_t n, cap;
} S_nums;

static int S_add(S_nums *l, double v, size_t blk, size_t off, size_t len, int digits)
{
    if (enf__grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return -1;
    S_num x = {v, blk, off, len, digits, 0};
    l->v[l->n++] = x;
    return 0;
}

static int S_digit(char c) { return c >= '0' && c <= '9'; }
static int S_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static int S_word_at(const char *s, size_t len, size_t i, const char *w, size_t *end)
{
    size_t n = strlen(w);
    if (i + n > len)
        return 0;
    for (size_t k = 0; k < n; k++) {
        char c = s[i + k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[k])
            return 0;
    }
    if (i + n < len && S_alpha(s[i + n]))
        return 0;
    *end = i + n;
    return 1;
}

/* After the digits: the closing $ of inline math ("$585$ billion"), then
 * one space or (English) hyphen. */
static size_t S_scale_gap(const char *s, size_t len, size_t j, int hyphen)
{
    if (j < len && s[j] == '$')
        j++;
    if (j < len && (s[j] == ' ' || (hyphen && s[j] == '-')))
        j++;
    return j;
}

/* 千 before a unit is the metric prefix (4 千克 = 4 kilograms), not 1,000. */
static int S_metric_prefix(const char *s, size_t len, size_t j)
{
    static const char *const units[] = {"克", "米", "瓦", "赫", "焦", "帕", "伏", "卡", "字节", "比特", "位"};
    for (size_t k = 0; k < sizeof units / sizeof *units; k++) {
        size_t n = strlen(units[k]);
        if (j + n <= len && !memcmp(s + j, units[k], n))
            return 1;
    }
    return 0;
}

/* English scale after a number: " million", "-billion", "M", "k". */
static double S_en_scale(const char *s, size_t len, size_t i, size_t *end)
{
    static const struct { const char *w; double m; } words[] = {
        {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12}};
    size_t j = S_scale_gap(s, len, i, 1);
    for (int k = 0; k < 4; k++)
        if (S_word_at(s, len, j, words[k].w, end))
            return words[k].m;
    if (i < len && !(i + 1 < len && S_alpha(s[i + 1]))) {
        *end = i + 1;
        switch (s[i]) {
        case 'k': case 'K': return 1e3;
        case 'M': return 1e6;
        case 'B': return 1e9;
        case 'T': return 1e12;
        }
    }
    *end = i;
    return 1;
}

/* Chinese scale after a number: 万 亿 千 百万 千万 万亿 十亿. */
static double S_zh_scale(const char *s, size_t len, size_t i, size_t *end)
{
    static const struct { const char *w; double m; } words[] = {
        {"万亿", 1e12}, {"百万", 1e6}, {"千万", 1e7}, {"十亿", 1e9}, {"百亿", 1e10},
        {"万", 1e4}, {"亿", 1e8}, {"千", 1e3}};
    size_t j = S_scale_gap(s, len, i, 0);
    for (int k = 0; k < 8; k++) {
        size_t n = strlen(words[k].w);
        if (j + n <= len && !memcmp(s + j, words[k].w, n)) {
            if (words[k].m == 1e3 && S_metric_prefix(s, len, j + n))
                break;
            *end = j + n;
            return words[k].m;
        }
    }
    *end = i;
    return 1;
}

static int S_zh_digit(int cp)
{
    switch (cp) {
    case 0x3007: case 0x96F6: return 0;   /* 〇 零 */
    case 0x4E00: return 1;
    case 0x4E8C: case 0x4E24: return 2;   /* 二 两 */
    case 0x4E09: return 3;
    case 0x56DB: return 4;
    case 0x4E94: return 5;
    case 0x516D: return 6;
    case 0x4E03: return 7;
    case 0x516B: return 8;
    case 0x4E5D: return 9;
    }
    return -1;
}

static double S_zh_unit(int cp)
{
    switch (cp) {
    case 0x5341: return 10;      /* 十 */
    case 0x767E: return 100;     /* 百 */
    case 0x5343: return 1000;    /* 千 */
    case 0x4E07: return 1e4;     /* 万 */
    case 0x4EBF: return 1e8;     /* 亿 */
    }
    return 0;
}

static const struct { const char *w; double v; } S_en_words[] = {
    {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7},
    {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13},
    {"fifteen", 15}, {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50},
    {"hundred", 100}, {"dozen", 12}, {"double", 2}, {"twice", 2}, {"triple", 3},
    {"third", 3}, {"quarter", 4}};

/* Numbers of one block (zh: Chinese scales and numerals too). */
/* An English ordinal suffix at s[j] (1st, 2nd, 3rd, 9th), ending a word. */
static int S_ordinal(const char *s, size_t len, size_t j)
{
    if (j + 2 > len || (j + 2 < len && S_alpha(s[j + 2])))
        return 0;
    char a = (char)(s[j] | 0x20), b = (char)(s[j + 1] | 0x20);
    return (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h');
}

static int S_scan(const enf_doc *d, size_t b, const unsigned char *mask, int zh, S_nums *out)
{
    const enf_block *blk = &d->blocks[b];
    const char *s = d->data + blk->src_off;
    size_t len = blk->src_len;
    for (size_t i = 0; i < len;) {
        if (mask[i]) {
            i++;
            continue;
        }
        char c = s[i];
        if (S_digit(c)) {
            /* part of a name (GPT-3, ResNet50, A100, v2)? */
            int named = i > 0 && (S_alpha(s[i - 1]) || s[i - 1] == '_' ||
                                  (s[i - 1] == '-' && i > 1 && S_alpha(s[i - 2])) ||
                                  s[i - 1] == '.' || s[i - 1] == '/');
            size_t j = i;
            double v = 0;
            while (j < len && (S_digit(s[j]) || (s[j] == ',' && j + 3 < len && S_digit(s[j + 1]) &&
                                                  S_digit(s[j + 2]) && S_digit(s[j + 3])))) {
                if (s[j] != ',')
                    v = v * 10 + (s[j] - '0');
                j++;
            }
            if (j + 1 < len && s[j] == '.' && S_digit(s[j + 1])) {
                double f = 0.1;
                j++;
                while (j < len && S_digit(s[j])) {
                    v += (s[j] - '0') * f;
                    f /= 10;
                    j++;
                }
            }
            /* dotted versions and ids (2110.07858, 1.2.3) are not quantities */
            if (j < len && (s[j] == '.' || s[j] == '/') && j + 1 < len && S_digit(s[j + 1]))
                named = 1;
            size_t e;
            double m = zh ? S_zh_scale(s, len, j, &e) : 1;
            if (m == 1)   /* "7B", "32k", "2 million" in either language */
                m = S_en_scale(s, len, j, &e);
            if (e == j && j < len && (s[j] == 'x' || s[j] == 'X') && !(j + 1 < len && S_alpha(s[j + 1])))
                e = j + 1;   /* "3x" is the factor 3 (3 倍) */
            else if (!zh && e == j && S_ordinal(s, len, j))
                e = j + 2;   /* "9th" is the 9 of 第 9 */
            else if (e == j && j < len && S_alpha(s[j]))
                named = 1;   /* "3D", "4o" stay as written */
            if (!named && S_add(out, v * m, b, blk->src_off + i, e - i, 1))
                return -1;
            while (e < len && (S_digit(s[e]) || s[e] == '.' || s[e] == ','))
                e++;
            i = e > i ? e : i + 1;
            continue;
        }
        if (!zh && S_alpha(c) && (i == 0 || !S_alpha(s[i - 1]))) {
            size_t e = i;
            for (size_t k = 0; k < sizeof S_en_words / sizeof *S_en_words; k++)
                if (S_word_at(s, len, i, S_en_words[k].w, &e)) {
                    size_t e2;
                    double m = S_en_scale(s, len, e, &e2);
                    if (m > 1 && e2 > e && S_alpha(s[e2 - 1]))
                        e = e2;
                    else
                        m = 1;
                    if (S_add(out, S_en_words[k].v * m, b, blk->src_off + i, e - i, 0))
                        return -1;
                    break;
                }
            while (e < len && S_alpha(s[e]))
                e++;
            i = e > i ? e : i + 1;
            continue;
        }
        if (zh && (unsigned char)c >= 0x80) {
            int adv;
            int cp = enf__utf8_decode(s + i, len - i, &adv);
            if (S_zh_digit(cp) >= 0 || cp == 0x5341) {
                /* a Chinese numeral: 一百万, 十二, 二十 */
                size_t j = i;
                double total = 0, section = 0, digit = 0;
                int any = 0;
                while (j < len) {
                    int a2;
                    int q = enf__utf8_decode(s + j, len - j, &a2);
                    int dg = S_zh_digit(q);
                    double u = S_zh_unit(q);
                    if (dg >= 0) {
                        digit = dg;
                    } else if (u >= 1e4) {
                        section = (section + digit) * u;
                        total += section;
                        section = digit = 0;
                    } else if (u > 0) {
                        section += (digit ? digit : 1) * u;
                        digit = 0;
                    } else {
                        break;
                    }
                    any = 1;
                    j += (size_t)a2;
                }
                if (any && S_add(out, total + section + digit, b, blk->src_off + i, j - i, 0))
                    return -1;
                i = j > i ? j : i + (size_t)adv;
                continue;
            }
            i += (size_t)adv;
            continue;
        }
        i++;
    }
    return 0;
}

static int S_eq(double a, double b)
{
    return fabs(a - b) <= 1e-9 * (fabs(a) > fabs(b) ? fabs(a) : fabs(b)) + 1e-12;
}

/* ---- matching the values of a bead, in O(n log n)
 *
 * The rule: each original value takes the first unused translated value
 * equal to it (S_eq); then a value that another equal value of its own side
 * already accounts for is not missing.  Done pairwise this was quadratic in
 * the numbers of one paragraph (a 4 MB paragraph took minutes), so the
 * values are grouped by exact value, sorted, and each lookup visits only
 * the groups within S_eq's tolerance -- the same choices, in order. */

typedef struct {
    double v;
    size_t *idx;       /* members' indexes in list order */
    size_t n, next;    /* next: the first member that may be unused */
    size_t used;       /* members used so far */
} S_group;

typedef struct {
    S_group *g;
    size_t n;
    size_t *of;        /* list index -> group */
    size_t *pool;
} S_groups;

typedef struct {
    double v;
    size_t i;
} S_key;

static int S_by_value(const void *a, const void *b)
{
    const S_key *x = a, *y = b;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static void S_groups_free(S_groups *gs)
{
    free(gs->g);
    free(gs->of);
    free(gs->pool);
}

static int S_groups_build(const S_nums *l, S_groups *gs)
{
    memset(gs, 0, sizeof *gs);
    if (!l->n)
        return 0;
    gs->pool = malloc(l->n * sizeof *gs->pool);
    gs->of = malloc(l->n * sizeof *gs->of);
    gs->g = malloc(l->n * sizeof *gs->g);
    if (!gs->pool || !gs->of || !gs->g) {
        S_groups_free(gs);
        return -1;
    }
    S_key *k = malloc(l->n * sizeof *k);
    if (!k) {
        S_groups_free(gs);
        return -1;
    }
    for (size_t i = 0; i < l->n; i++)
        k[i] = (S_key){l->v[i].v, i};
    qsort(k, l->n, sizeof *k, S_by_value);
    for (size_t i = 0; i < l->n; i++)
        gs->pool[i] = k[i].i;
    free(k);
    for (size_t i = 0; i < l->n; i++) {
        double v = l->v[gs->pool[i]].v;
        if (!gs->n || gs->g[gs->n - 1].v != v)
            gs->g[gs->n++] = (S_group){v, gs->pool + i, 0, 0, 0};
        gs->g[gs->n - 1].n++;
        gs->of[gs->pool[i]] = gs->n - 1;
    }
    return 0;
}

/* The groups whose value may be S_eq to v: [*lo, *hi). */
static void S_window(const S_groups *gs, double v, size_t *lo, size_t *hi)
{
    double d = 2e-9 * fabs(v) + 1e-11;
    size_t a = 0, b = gs->n;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (gs->g[m].v < v - d)
            a = m + 1;
        else
            b = m;
    }
    *lo = a;
    while (a < gs->n && gs->g[a].v <= v + d)
        a++;
    *hi = a;
}

/* A value of l becomes used when another value of l equal to it is used at
 * the time (earlier ones as this pass left them, later ones as before). */
static void S_settle(S_nums *l, S_groups *gs)
{
    for (size_t i = 0; i < gs->n; i++)
        gs->g[i].used = 0;
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].used)
            gs->g[gs->of[i]].used++;
    for (size_t a = 0; a < l->n; a++) {
        if (l->v[a].used)
            continue;
        size_t lo, hi;
        S_window(gs, l->v[a].v, &lo, &hi);
        for (size_t k = lo; k < hi; k++)
            if (gs->g[k].used && S_eq(l->v[a].v, gs->g[k].v)) {
                l->v[a].used = 1;
                gs->g[gs->of[a]].used++;
                break;
            }
    }
}

static int S_match(S_nums *en, S_nums *zh)
{
    S_groups ge, gz;
    if (S_groups_build(en, &ge))
        return -1;
    if (S_groups_build(zh, &gz)) {
        S_groups_free(&ge);
        return -1;
    }
    for (size_t a = 0; a < en->n; a++) {
        size_t lo, hi, best = (size_t)-1, bg = 0;
        S_window(&gz, en->v[a].v, &lo, &hi);
        for (size_t k = lo; k < hi; k++) {
            S_group *g = &gz.g[k];
            if (!S_eq(en->v[a].v, g->v))
                continue;
            while (g->next < g->n && zh->v[g->idx[g->next]].used)
                g->next++;
            if (g->next < g->n && g->idx[g->next] < best) {
                best = g->idx[g->next];
                bg = k;
            }
        }
        if (best != (size_t)-1) {
            en->v[a].used = zh->v[best].used = 1;
            gz.g[bg].next++;
        }
    }
    S_settle(en, &ge);
    S_settle(zh, &gz);
    S_groups_free(&ge);
    S_groups_free(&gz);
    return 0;
}

int enf__check_numbers(enf__check_ctx *c)
{
    if (!enf__rule_on(c, ENF_RULE_NUMBER_MISMATCH))
        return ENF_OK;
    int rc = ENF_OK;
    for (size_t i = 0; i < c->al->n_beads && rc == ENF_OK; i++) {
        const enf_bead *bd = &c->al->beads[i];
        if (!bd->n_en || !bd->n_zh)
            continue;
        S_nums en = {0}, zh = {0};
        for (size_t k = 0; k < bd->n_en && rc == ENF_OK; k++)
            if (c->en->blocks[bd->en + k].kind != ENF_BLOCK_CODE &&
                S_scan(c->en, bd->en + k, c->en_mask[bd->en + k], 0, &en))
                rc = ENF_ENOMEM;
        for (size_t k = 0; k < bd->n_zh && rc == ENF_OK; k++)
            if (c->zh->blocks[bd->zh + k].kind != ENF_BLOCK_CODE &&
                S_scan(c->zh, bd->zh + k, c->zh_mask[bd->zh + k], 1, &zh))
                rc = ENF_ENOMEM;
        if (S_match(&en, &zh)) {
            rc = ENF_ENOMEM;
            free(en.v);
            free(zh.v);
            break;
        }
        size_t zi = 0;
        for (size_t a = 0; a < en.n && rc == ENF_OK; a++) {
            if (en.v[a].used || !en.v[a].digits)
                continue;
            while (zi < zh.n && (zh.v[zi].used || !zh.v[zi].digits))
                zi++;
            if (zi >= zh.n)
                break;
            const S_num *x = &en.v[a], *y = &zh.v[zi++];
            char ef[128], zf[128];
            size_t el = x->len < 127 ? x->len : 127, zl = y->len < 127 ? y->len : 127;
            memcpy(ef, c->en->data + x->off, el);
            ef[el] = '\0';
            memcpy(zf, c->zh->data + y->off, zl);
            zf[zl] = '\0';
            /* a percent sign belongs to the number it follows */
            if (x->off + x->len < c->en->len && c->en->data[x->off + x->len] == '%' && el < 126)
                strcat(ef, "%");
            if (y->off + y->len < c->zh->len && c->zh->data[y->off + y->len] == '%' && zl < 126)
                strcat(zf, "%");
            enf__where w = {ENF_RULE_NUMBER_MISMATCH, {x->blk, y->blk}, {x->off, y->off}, {x->len, y->len},
                            NULL, ef, zf};
            rc = enf__report(c, &w, "number \"%s\" here, \"%s\" in the original (line %d)", zf, ef,
                             c->en->blocks[x->blk].start_line);
        }
        free(en.v);
        free(zh.v);
    }
    return rc;
}
