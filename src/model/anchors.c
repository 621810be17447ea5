/* anchors.c — what survives translation: link targets, arXiv ids, DOIs,
 * numbers, Latin-script tokens and code.  The readers hand over link targets
 * and code; this file scans the plain text for the rest and normalizes all
 * of them so that an English and a Chinese block can be compared. */
#include "enface/model.h"
#include "model_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(ENF_MAX_INPUT_BYTES < UINT32_MAX, "anchor offsets are 32-bit");
_Static_assert(ENF_ANCHOR__COUNT <= 256, "an anchor's kind is 8 bits");
_Static_assert(sizeof(enf_anchor) <= 16, "two million anchors in a long document");

unsigned enf_anchor_hash(const enf_anchor *a)
{
    return enf__anchor_hash((int)a->kind, a->value, strlen(a->value));
}

/* An anchor's place in the source; one beyond 32 bits (a document built in
 * memory past ENF_MAX_INPUT_BYTES) or longer than 24 (a 16 MiB code
 * block) stays unlocated. */
static void S_set_src(enf_anchor *a, size_t off, size_t len)
{
    if (len && len <= ENF_ANCHOR_MAX_SRC_LEN && off < UINT32_MAX && len < UINT32_MAX - off) {
        a->src_off = (uint32_t)off;
        a->src_len = (uint32_t)len;
    } else {
        a->src_off = ENF_ANCHOR_NO_OFFSET;
        a->src_len = 0;
    }
}

static int S_lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

static int S_prefix_ci(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    if (n < m)
        return 0;
    for (size_t i = 0; i < m; i++)
        if (S_lower((unsigned char)s[i]) != p[i])
            return 0;
    return 1;
}

static int S_lang_segment(const char *s, size_t n)
{
    static const char *const langs[] = {"zh", "zh-cn", "zh-hans", "zh-tw", "zh-hant",
                                        "cn", "en", "en-us", "zh_cn", NULL};
    for (int i = 0; langs[i]; i++)
        if (strlen(langs[i]) == n && S_prefix_ci(s, n, langs[i]))
            return 1;
    return 0;
}

static int S_tracking_param(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && s[k] != '=')
        k++;
    static const char *const names[] = {"ref", "source", "fbclid", "gclid", "spm",
                                        "from", "mc_cid", "mc_eid", NULL};
    if (S_prefix_ci(s, k, "utm_"))
        return 1;
    for (int i = 0; names[i]; i++)
        if (strlen(names[i]) == k && S_prefix_ci(s, k, names[i]))
            return 1;
    return 0;
}

size_t enf_url_normalize(const char *url, size_t len, char *out, size_t outsz)
{
    size_t o = 0;
#define PUT(c)                     \
    do {                           \
        if (o + 1 < outsz)         \
            out[o++] = (char)(c);  \
    } while (0)
    while (len > 0 && (url[0] == ' ' || url[0] == '<')) {
        url++;
        len--;
    }
    while (len > 0 && (url[len - 1] == ' ' || url[len - 1] == '>'))
        len--;
    /* fragment */
    for (size_t i = 0; i < len; i++)
        if (url[i] == '#') {
            len = i;
            break;
        }
    size_t i = 0;
    int absolute = 0;
    if (S_prefix_ci(url, len, "https://"))
        i = 8, absolute = 1;
    else if (S_prefix_ci(url, len, "http://"))
        i = 7, absolute = 1;
    else if (len >= 2 && url[0] == '/' && url[1] == '/')
        i = 2, absolute = 1;
    if (absolute) {
        if (S_prefix_ci(url + i, len - i, "www."))
            i += 4;
        size_t h = i;
        while (h < len && url[h] != '/' && url[h] != '?')
            h++;
        if (h - i == 5 && S_prefix_ci(url + i, 5, "hf.co")) {
            const char *hf = "huggingface.co";
            for (const char *p = hf; *p; p++)
                PUT(*p);
        } else {
            for (size_t k = i; k < h; k++)
                PUT(S_lower((unsigned char)url[k]));
        }
        i = h;
    }
    /* path, segment by segment */
    size_t q = i;
    while (q < len && url[q] != '?')
        q++;
    size_t p = i;
    while (p < q) {
        size_t e = p + 1;
        while (e < q && url[e] != '/')
            e++;
        const char *seg = url + p + (url[p] == '/');
        size_t seglen = e - p - (url[p] == '/');
        if (seglen == 0 || S_lang_segment(seg, seglen)) {
            p = e;
            continue;
        }
        if (url[p] == '/' || o > 0)
            PUT('/');
        for (size_t k = 0; k < seglen; k++)
            PUT(seg[k]);
        p = e;
    }
    /* query without tracking parameters */
    int first = 1;
    p = q + 1;
    while (p < len && q < len) {
        size_t e = p;
        while (e < len && url[e] != '&')
            e++;
        if (e > p && !S_tracking_param(url + p, e - p)) {
            PUT(first ? '?' : '&');
            first = 0;
            for (size_t k = p; k < e; k++)
                PUT(url[k]);
        }
        p = e + 1;
    }
    if (outsz)
        out[o < outsz ? o : outsz - 1] = '\0';
#undef PUT
    return o;
}

/* ---- collecting anchors */

#define S_SMALL 32   /* anchors a block's set holds before it allocates */

typedef struct {
    enf_anchor *v;
    unsigned *h;        /* per anchor: enf__anchor_hash */
    size_t n, cap, hcap;
    size_t *slots;      /* open addressing: index + 1, 0 = empty */
    size_t nslots;      /* power of two, > 2 * n */
    enf_arena *arena;
    const enf_arena *latin_of;   /* keep a Latin token only if interned there */
    int oom;
    /* where the value being added was found: in the source (an extra the
     * reader located) or in the block's text (the scan), for locating it
     * in the source afterwards; (size_t)-1 = neither */
    size_t at_off, at_len, t_off, t_len;
    enf_span *tpos;     /* per anchor: where in the text it was found
                           (kept only to locate the anchors: locate) */
    int locate;
    size_t tcap;
    /* the arrays start here, on the stack (most blocks have a few
     * anchors): grown onto the heap past them */
    enf_anchor v0[S_SMALL];
    unsigned h0[S_SMALL];
    enf_span tpos0[S_SMALL];
    size_t slots0[2 * S_SMALL];
} S_set;

/* enf__grow for an array that may still be its stack start small */
static int S_grow(void **p, size_t *cap, size_t need, size_t size, void *small)
{
    if (need <= *cap)
        return 0;
    if (*p != small)
        return enf__grow(p, cap, need, size);
    size_t nc = *cap * 2 > need ? *cap * 2 : need;
    void *n = malloc(nc * size);
    if (!n)
        return -1;
    memcpy(n, small, *cap * size);
    *p = n;
    *cap = nc;
    return 0;
}

static void S_set_init(S_set *s)
{
    s->v = s->v0;
    s->h = s->h0;
    s->tpos = s->tpos0;
    s->cap = s->hcap = s->tcap = S_SMALL;
}

static void S_set_free(S_set *s)
{
    if (s->v != s->v0)
        free(s->v);
    if (s->h != s->h0)
        free(s->h);
    if (s->tpos != s->tpos0)
        free(s->tpos);
    if (s->slots != s->slots0)
        free(s->slots);
}

static int S_rehash(S_set *s, size_t nslots)
{
    /* the table is rebuilt from the hashes, not read: the stack start can
     * be the new one whatever the old one was */
    size_t *ns = nslots <= 2 * S_SMALL ? s->slots0 : calloc(nslots, sizeof *ns);
    if (!ns)
        return -1;
    if (ns == s->slots0)
        memset(ns, 0, nslots * sizeof *ns);
    for (size_t i = 0; i < s->n; i++) {
        size_t k = s->h[i] & (nslots - 1);
        while (ns[k])
            k = (k + 1) & (nslots - 1);
        ns[k] = i + 1;
    }
    if (s->slots != s->slots0)
        free(s->slots);   /* NULL or the heap */
    s->slots = ns;
    s->nslots = nslots;
    return 0;
}

static void S_add(S_set *s, enf_anchor_kind kind, const char *val, size_t n)
{
    n = enf__utf8_whole(val, n);   /* a value cut to a buffer may end inside a character */
    if (n == 0 || s->oom)
        return;
    unsigned hs = enf__hash(val, n, 0), h = enf__anchor_hash_of((int)kind, hs);
    if (kind == ENF_ANCHOR_LATIN && s->latin_of && !enf__arena_has(s->latin_of, val, n, hs))
        return;
    if (2 * (s->n + 1) >= s->nslots && S_rehash(s, s->nslots ? s->nslots * 2 : 32)) {
        s->oom = 1;
        return;
    }
    size_t k = h & (s->nslots - 1);
    for (; s->slots[k]; k = (k + 1) & (s->nslots - 1)) {
        const enf_anchor *a = &s->v[s->slots[k] - 1];
        if (s->h[s->slots[k] - 1] == h && a->kind == kind && strlen(a->value) == n &&
            memcmp(a->value, val, n) == 0)
            return;
    }
    if (S_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v, s->v0) ||
        S_grow((void **)&s->h, &s->hcap, s->n + 1, sizeof *s->h, s->h0)) {
        s->oom = 1;
        return;
    }
    const char *copy = enf__arena_intern_hashed(s->arena, val, n, hs);
    if (!copy) {
        s->oom = 1;
        return;
    }
    if (s->locate) {
        if (S_grow((void **)&s->tpos, &s->tcap, s->n + 1, sizeof *s->tpos, s->tpos0)) {
            s->oom = 1;
            return;
        }
        s->tpos[s->n].off = s->t_off;
        s->tpos[s->n].len = s->t_len;
    }
    s->v[s->n].kind = kind;
    s->v[s->n].value = copy;
    s->h[s->n] = h;
    S_set_src(&s->v[s->n], s->at_off, s->at_len);
    s->n++;
    s->slots[k] = s->n;
}

/* arXiv id inside a normalized URL or after "arXiv:" */
static int S_arxiv_id(const char *s, size_t n, size_t *idlen)
{
    size_t k = 0;
    while (k < n && k < 4 && isdigit((unsigned char)s[k]))
        k++;
    if (k != 4 || k >= n || s[k] != '.')
        return 0;
    size_t d = k + 1;
    while (d < n && isdigit((unsigned char)s[d]))
        d++;
    if (d - k - 1 < 4 || d - k - 1 > 5)
        return 0;
    *idlen = d;
    return 1;
}

static void S_add_url(S_set *s, enf_anchor_kind kind, const char *url, size_t n)
{
    char buf[2048];
    size_t m = enf_url_normalize(url, n, buf, sizeof buf);
    if (m >= sizeof buf)
        m = sizeof buf - 1;
    S_add(s, kind, buf, m);
    /* the paper behind an arXiv link is the same whether abs/ or pdf/ */
    const char *ax = strstr(buf, "arxiv.org/");
    if (ax) {
        const char *p = ax + 10;
        while (*p && *p != '/')
            p++;
        if (*p == '/') {
            p++;
            size_t idl;
            if (S_arxiv_id(p, strlen(p), &idl)) {
                char id[32];
                int l = snprintf(id, sizeof id, "arxiv:%.*s", (int)idl, p);
                S_add(s, ENF_ANCHOR_ARXIV, id, (size_t)l);
            }
        }
    }
    const char *doi = strstr(buf, "doi.org/");
    if (doi && strncmp(doi + 8, "10.", 3) == 0) {
        char id[512];
        int l = snprintf(id, sizeof id, "doi:%s", doi + 8);
        for (int i = 4; i < l && i < (int)sizeof id; i++)
            id[i] = (char)S_lower((unsigned char)id[i]);
        S_add(s, ENF_ANCHOR_DOI, id, (size_t)(l < (int)sizeof id ? l : (int)sizeof id - 1));
    }
}

/* Fold a code point for anchor scanning: full-width ASCII to ASCII. */
static int S_fold(int cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFF01 + 0x21;
    return cp;
}

static int S_is_latin_letter(int cp)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

static inline int S_ascii_alnum(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u;
}

static int S_url_end(int cp)
{
    return cp <= ' ' || cp == '"' || cp == '<' || cp == '>' || cp == ')' || cp == ']' ||
           enf__is_cjk_punct(cp) || enf__is_han(cp) || cp == 0xFFFD;
}

/* The scale word after a number, if any: English thousand/million/billion
 * (and K/M/B glued to the digits), Chinese 千/万/亿 (after optional space). */
static double S_multiplier(const char *t, size_t n)
{
    static const struct {
        const char *word;
        double mult;
        int glued;   /* must follow the digits directly */
    } scales[] = {
        {" thousand", 1e3, 0}, {" million", 1e6, 0}, {" billion", 1e9, 0}, {" trillion", 1e12, 0},
        {"\xE5\x8D\x83", 1e3, 0},   /* 千 */
        {"\xE4\xB8\x87", 1e4, 0},   /* 万 */
        {"\xE4\xBA\xBF", 1e8, 0},   /* 亿 */
        {"K", 1e3, 1}, {"k", 1e3, 1}, {"M", 1e6, 1}, {"B", 1e9, 1},
    };
    for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++) {
        const char *w = scales[k].word;
        size_t skip = 0;
        if (!scales[k].glued && (unsigned char)w[0] >= 0x80 && n > 0 && t[0] == ' ')
            skip = 1;
        size_t m = strlen(w);
        if (n < skip + m || memcmp(t + skip, w, m) != 0)
            continue;
        /* a glued letter or an English word must end there: "7B" but not "7Bn..." */
        size_t e = skip + m;
        if ((scales[k].glued || w[0] == ' ') && e < n && isalnum((unsigned char)t[e]))
            continue;
        return scales[k].mult;
    }
    return 1;
}

/* Shortest decimal form of a number: "600000000", "1.5". */
static size_t S_format_number(double v, char *out, size_t outsz)
{
    int l = snprintf(out, outsz, "%.6f", v);
    if (l < 0 || (size_t)l >= outsz)
        return 0;
    while (l > 0 && out[l - 1] == '0')
        l--;
    if (l > 0 && out[l - 1] == '.')
        l--;
    out[l] = '\0';
    return (size_t)l;
}

/* Where a DOI whose suffix starts at t[e] ends: at white space or
 * non-ASCII, less what closes the sentence around it (trailing .,;:!?'"
 * and a bracket it did not open: "(see 10.5281/zenodo.123)," is
 * 10.5281/zenodo.123, as the same DOI before 。 or in a doi.org link is),
 * while 10.1016/S0140-6736(20)30183-5 keeps its brackets. */
static size_t S_doi_end(const char *t, size_t e, size_t n)
{
    size_t d = e;
    while (d < n && !isspace((unsigned char)t[d]) && (unsigned char)t[d] < 0x80)
        d++;
    for (;;) {
        if (d > e + 1 && strchr(".,;:!?'\"", t[d - 1])) {
            d--;
            continue;
        }
        if (d > e + 1 && (t[d - 1] == ')' || t[d - 1] == ']')) {
            char open = t[d - 1] == ')' ? '(' : '[';
            int depth = 0;
            for (size_t k = e; k < d; k++)
                depth += t[k] == open ? 1 : t[k] == t[d - 1] ? -1 : 0;
            if (depth < 0) {
                d--;
                continue;
            }
        }
        return d;
    }
}

static void S_scan_text(S_set *s, const char *t, size_t n)
{
    char tok[512];
    size_t i = 0;
    while (i < n) {
        /* white space and ASCII punctuation start nothing (every start
         * below is a letter, a digit or a full-width form) */
        unsigned char b0 = (unsigned char)t[i];
        if (b0 < 0x80 && !S_ascii_alnum(b0)) {
            i++;
            continue;
        }
        int adv;
        int cp = enf__utf8_decode(t + i, n - i, &adv);
        /* U+0800..U+EFFF (Han, kana, CJK punctuation) is no letter, digit
         * or URL start: only the full-width forms above it fold to ASCII */
        if (cp >= 0x800 && cp < 0xF000) {
            i += (size_t)adv;
            continue;
        }
        cp = S_fold(cp);
        /* URLs in running text (links are given by the reader already) */
        if ((cp == 'h' || cp == 'H') &&
            (S_prefix_ci(t + i, n - i, "http://") || S_prefix_ci(t + i, n - i, "https://"))) {
            size_t e = i;
            while (e < n) {
                int a2;
                int c2 = enf__utf8_decode(t + e, n - e, &a2);
                if (S_url_end(c2))
                    break;
                e += (size_t)a2;
            }
            while (e > i && strchr(".,;:!?'", t[e - 1]))
                e--;
            s->t_off = i, s->t_len = e - i;
            S_add_url(s, ENF_ANCHOR_LINK, t + i, e - i);
            i = e;
            continue;
        }
        if (cp >= '0' && cp <= '9') {
            /* number: digits, thousands separators, one decimal point, % */
            size_t o = 0, e = i;
            int seen_dot = 0;
            while (e < n && o + 4 < sizeof tok) {
                int a2;
                int c2 = S_fold(enf__utf8_decode(t + e, n - e, &a2));
                if (c2 >= '0' && c2 <= '9') {
                    tok[o++] = (char)c2;
                } else if (c2 == ',' && e + a2 < n && isdigit((unsigned char)t[e + a2]) && o > 0) {
                    /* thousands separator: drop */
                } else if (c2 == '.' && !seen_dot && e + a2 < n &&
                           isdigit((unsigned char)t[e + a2])) {
                    tok[o++] = '.';
                    seen_dot = 1;
                } else {
                    break;
                }
                e += (size_t)a2;
            }
            /* arXiv-looking ids and DOIs */
            s->t_off = i, s->t_len = e - i;
            size_t idl;
            if (S_arxiv_id(tok, o, &idl) && idl == o) {
                char id[32];
                int l = snprintf(id, sizeof id, "arxiv:%.*s", (int)o, tok);
                S_add(s, ENF_ANCHOR_ARXIV, id, (size_t)l);
            }
            if (o > 3 && tok[0] == '1' && tok[1] == '0' && tok[2] == '.' && e < n && t[e] == '/') {
                size_t d = S_doi_end(t, e, n);
                char id[512];
                int l = snprintf(id, sizeof id, "doi:%.*s%.*s", (int)o, tok, (int)(d - e), t + e);
                if (l > 0 && (size_t)l < sizeof id) {
                    for (int k = 4; k < l; k++)
                        id[k] = (char)S_lower((unsigned char)id[k]);
                    s->t_len = d - i;
                    S_add(s, ENF_ANCHOR_DOI, id, (size_t)l);
                }
                i = d;
                continue;
            }
            int a2 = 0;
            if (e < n && S_fold(enf__utf8_decode(t + e, n - e, &a2)) == '%') {
                tok[o++] = '%';
                e += (size_t)a2;
                s->t_len = e - i;
            } else {
                /* "600 million" and "6 亿" are the same number */
                double mult = S_multiplier(t + e, n - e);
                if (mult > 1) {
                    char val[64];
                    tok[o] = '\0';
                    o = S_format_number(strtod(tok, NULL) * mult, val, sizeof val);
                    memcpy(tok, val, o);
                }
            }
            S_add(s, ENF_ANCHOR_NUMBER, tok, o);
            i = e;
            continue;
        }
        if (S_is_latin_letter(cp)) {
            /* Latin token: letters and digits, joined by - . _ + inside */
            size_t o = 0, e = i;
            while (e < n) {
                /* ASCII letters and digits: copied as they are */
                while (e < n && S_ascii_alnum((unsigned char)t[e]) && o + 8 < sizeof tok)
                    tok[o++] = t[e++];
                if (e >= n)
                    break;
                int a2;
                int c2 = S_fold(enf__utf8_decode(t + e, n - e, &a2));
                int ok = S_is_latin_letter(c2) || (c2 >= '0' && c2 <= '9');
                if (!ok && (c2 == '-' || c2 == '.' || c2 == '_' || c2 == '+') && e + a2 < n) {
                    int a3;
                    int c3 = S_fold(enf__utf8_decode(t + e + a2, n - e - a2, &a3));
                    ok = S_is_latin_letter(c3) || (c3 >= '0' && c3 <= '9');
                }
                if (!ok)
                    break;
                if (o + 8 < sizeof tok) {
                    if (c2 < 0x80)
                        tok[o++] = (char)c2;
                    else {
                        memcpy(tok + o, t + e, (size_t)a2);
                        o += (size_t)a2;
                    }
                }
                e += (size_t)a2;
            }
            s->t_off = i, s->t_len = e - i;
            /* two letters or more: more bytes than the first one has */
            unsigned char c0 = (unsigned char)tok[0];
            if (o > (size_t)(c0 < 0x80 ? 1 : c0 >= 0xF0 ? 4 : c0 >= 0xE0 ? 3 : 2))
                S_add(s, ENF_ANCHOR_LATIN, tok, o);
            i = e;
            continue;
        }
        i += (size_t)adv;
    }
}

void enf__anchor_list_add(enf_anchor_list *x, enf_anchor_kind kind, const char *val)
{
    enf__anchor_list_add_at(x, kind, val, ENF_NO_OFFSET, 0);
}

void enf__anchor_list_add_at(enf_anchor_list *x, enf_anchor_kind kind, const char *val, size_t off,
                             size_t len)
{
    if (!val || !*val)
        return;
    if (enf__grow((void **)&x->v, &x->cap, x->n + 1, sizeof *x->v))
        return;   /* an anchor less: the block still reads */
    x->v[x->n].kind = kind;
    x->v[x->n].value = val;
    S_set_src(&x->v[x->n], off, len);
    x->n++;
}

/* Is p inside markup of the block that the text leaves out (a link's
 * destination, a raw HTML tag)?  Then a token found there is not the one
 * the text has. */
typedef struct {
    size_t a, b;   /* [a, b) of doc->data */
} S_range;

static int S_by_start(const void *x, const void *y)
{
    const S_range *r = x, *s = y;
    return r->a < s->a ? -1 : r->a > s->a;
}

/* The block's markup ranges (link destinations, inline HTML), sorted and
 * merged into disjoint ranges; *n 0 when there are none. */
static S_range *S_markup_ranges(const enf_block *b, size_t *n)
{
    *n = 0;
    S_range *r = b->n_inlines ? malloc(b->n_inlines * sizeof *r) : NULL;
    if (!r)
        return NULL;
    for (size_t k = 0; k < b->n_inlines; k++) {
        const enf_inline *x = &b->inlines[k];
        if (x->dest_len && x->kind != ENF_INLINE_AUTOLINK)
            r[(*n)++] = (S_range){x->dest_off, x->dest_off + x->dest_len};
        else if (x->kind == ENF_INLINE_HTML)
            r[(*n)++] = (S_range){x->off, x->off + x->len};
    }
    qsort(r, *n, sizeof *r, S_by_start);
    size_t w = 0;
    for (size_t k = 0; k < *n; k++) {
        if (w && r[k].a <= r[w - 1].b) {
            if (r[k].b > r[w - 1].b)
                r[w - 1].b = r[k].b;
        } else {
            r[w++] = r[k];
        }
    }
    *n = w;
    return r;
}

/* Whether p is inside one of r[0, n): *j is where the last call stopped
 * (positions mostly grow, so the walk is linear over the block). */
static int S_in_markup(const S_range *r, size_t n, size_t *j, size_t p)
{
    if (*j > n || (*j > 0 && p < r[*j - 1].b)) {
        size_t lo = 0, hi = n;   /* p went back: find its place again */
        while (lo < hi) {
            size_t m = lo + (hi - lo) / 2;
            if (r[m].b <= p)
                lo = m + 1;
            else
                hi = m;
        }
        *j = lo;
    }
    while (*j < n && r[*j].b <= p)
        (*j)++;
    return *j < n && r[*j].a <= p;
}

/* The anchors the scan found in the text, located in the source: each
 * token searched for from where the previous one was found (text and
 * source keep the same order).  After a few tokens not found (escapes,
 * entities, NFC changed them) the rest stay unlocated, so that the work
 * stays linear in the block. */
static void S_locate(S_set *s, const enf_block *b, const char *data)
{
    size_t cur = b->src_off, end = b->src_off + b->src_len;
    size_t last_t = (size_t)-1, last_tl = 0, last_off = 0;
    int misses = 0;
    size_t nr = 0, j = 0;
    S_range *r = S_markup_ranges(b, &nr);   /* NULL: no markup, or no memory to skip it */
    for (size_t k = 0; k < s->n && misses < 8; k++) {
        enf_anchor *a = &s->v[k];
        const enf_span *t = &s->tpos[k];
        if (a->src_len || t->off == (size_t)-1 || !t->len)
            continue;
        if (t->off == last_t && t->len == last_tl) {
            /* a second anchor of the same token (a URL's arXiv id) */
            S_set_src(a, last_off, t->len);
            continue;
        }
        const char *needle = b->text + t->off;
        size_t p = cur, hit = ENF_NO_OFFSET;
        while (p + t->len <= end) {
            const char *h = memchr(data + p, needle[0], end - p);
            if (!h || (size_t)(h - data) + t->len > end)
                break;
            p = (size_t)(h - data);
            if (!memcmp(h, needle, t->len) && !S_in_markup(r, nr, &j, p)) {
                hit = p;
                break;
            }
            p++;
        }
        if (hit == ENF_NO_OFFSET) {
            misses++;
            continue;
        }
        S_set_src(a, hit, t->len);
        last_t = t->off;
        last_tl = t->len;
        last_off = hit;
        cur = hit + t->len;
    }
    free(r);
}

int enf_anchors_build(enf_arena *arena, enf_block *block, const enf_anchor *extra, size_t n_extra)
{
    return enf__anchors_build_in(arena, block, extra, n_extra, NULL, NULL);
}

int enf__anchors_build_in(enf_arena *arena, enf_block *block, const enf_anchor *extra,
                          size_t n_extra, const char *data, const enf_arena *latin_of)
{
    S_set s;   /* its stack arrays are not cleared: only [0, n) is read */
    s.n = 0;
    s.slots = NULL;
    s.nslots = 0;
    s.oom = 0;
    s.at_off = s.at_len = s.t_len = 0;
    S_set_init(&s);
    s.arena = arena;
    s.latin_of = latin_of;
    s.t_off = (size_t)-1;
    s.locate = data != NULL;
    for (size_t i = 0; i < n_extra; i++) {
        const char *v = extra[i].value;
        s.at_off = extra[i].src_off;
        s.at_len = extra[i].src_len;
        if (extra[i].kind == ENF_ANCHOR_LINK || extra[i].kind == ENF_ANCHOR_IMAGE)
            S_add_url(&s, extra[i].kind, v, strlen(v));
        else
            S_add(&s, extra[i].kind, v, strlen(v));
    }
    s.at_off = ENF_NO_OFFSET;
    s.at_len = 0;
    if (block->kind != ENF_BLOCK_CODE)
        S_scan_text(&s, block->text, block->text_len);
    if (s.oom) {
        S_set_free(&s);
        return ENF_ENOMEM;
    }
    if (data)
        S_locate(&s, block, data);
    enf_anchor *v = NULL;
    if (s.n) {
        v = enf__arena_take(arena, s.n * sizeof *v);
        if (!v) {
            S_set_free(&s);
            return ENF_ENOMEM;
        }
        memcpy(v, s.v, s.n * sizeof *v);
    }
    S_set_free(&s);
    block->anchors = v;
    block->n_anchors = s.n;
    return ENF_OK;
}
