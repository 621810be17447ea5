/* drift.c — enf_drift: which blocks of a translation went stale when its
 * original changed.  Three steps: align the old original with the
 * translation (enf_align_blocks); compare the old and new originals block
 * by block (a longest common subsequence of normalized block texts, then
 * moves, then the blocks left in each gap paired by similarity); classify
 * each change and report it on the translation's blocks through the beads.
 *
 * It lives in the check wing: it needs the aligner (below check) and
 * check's suppression comments, and its findings are check-like (the rule
 * table, the writers).  A wing of its own would add a layer with one file. */
#include "check_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void enf_drift_opts_init(enf_drift_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < ENF_RULE__COUNT; i++) {
        const enf_rule_info *ri = enf_rule_get(i);
        o->severity[i] = !strcmp(ri->command, "drift") ? ri->default_severity : ENF_SEV_NONE;
    }
    o->source_lang = ENF_LANG_AUTO;
}

int enf_drift_opts_set(enf_drift_opts *o, const char *rule, int sev, enf_error *err)
{
    enf_check_opts tmp;
    memcpy(tmp.severity, o->severity, sizeof tmp.severity);
    tmp.glossary = NULL;
    int rc = enf_check_opts_set(&tmp, rule, sev, err);
    if (rc)
        return rc;
    for (int i = 0; i < ENF_RULE__COUNT; i++)
        if (!strcmp(enf_rule_get(i)->command, "drift"))
            o->severity[i] = tmp.severity[i];
    return ENF_OK;
}

/* ---- the change of one block, classified */

typedef enum {
    S_C_NONE = 0,   /* format only */
    S_C_PUNCT,
    S_C_TYPO,
    S_C_NUMBER,
    S_C_LINK,
    S_C_CODE,
    S_C_TERM,
    S_C_NEGATION,
    S_C_REWRITE
} S_class;

static const char *const S_class_name[] = {
    "format", "punctuation", "typo", "number", "link", "code", "term", "negation", "rewrite",
};

typedef enum { S_SAME = 0, S_CHANGED, S_DELETED, S_MOVED } S_state;

typedef struct {
    S_state st;
    size_t peer;        /* block of the new original (SAME, CHANGED, MOVED) */
    S_class cls;
    char what[160];     /* what changed, for the message */
} S_old;

typedef struct {
    const enf_doc *so, *sn, *tr;
    const enf_drift_opts *o;
    int lang;           /* the original's language */
    enf_findings *out;
    char **key[2];      /* normalized block texts of so, sn */
    size_t *klen[2];
    uint64_t *hash[2];
    S_old *old;         /* per block of so */
    size_t *new_old;    /* per block of sn: its old block, or -1 (inserted) */
    size_t *src_bead;   /* old original block -> bead, or -1 */
    const enf_alignment *al;
    size_t *anchor_before; /* per block j of sn: the nearest k < j that kept its
                              place and its translation (S_point), or -1 */
} S_ctx;

#define S_NONE ((size_t)-1)

/* The bead's runs on the original's and the translation's side. */
static void S_bead_runs(const S_ctx *c, const enf_bead *b, size_t *s0, size_t *ns, size_t *t0, size_t *nt)
{
    if (c->lang == ENF_LANG_EN) {
        *s0 = b->en, *ns = b->n_en, *t0 = b->zh, *nt = b->n_zh;
    } else {
        *s0 = b->zh, *ns = b->n_zh, *t0 = b->en, *nt = b->n_en;
    }
}

static int S_is_space(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static uint64_t S_fnv(const char *s, size_t n, unsigned kind)
{
    uint64_t h = 1469598103934665603ull ^ kind;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* A block's key: its source with every white space character removed (so a
 * re-wrapped paragraph or re-indented code is the same block); in the
 * baselines, its source as written. */
static int S_keys(S_ctx *c, int side, const enf_doc *d)
{
    size_t n = d->n_blocks ? d->n_blocks : 1;
    c->key[side] = calloc(n, sizeof *c->key[side]);
    c->klen[side] = calloc(n, sizeof *c->klen[side]);
    c->hash[side] = calloc(n, sizeof *c->hash[side]);
    if (!c->key[side] || !c->klen[side] || !c->hash[side])
        return ENF_ENOMEM;
    for (size_t b = 0; b < d->n_blocks; b++) {
        const enf_block *blk = &d->blocks[b];
        const char *s = d->data + blk->src_off;
        char *k = malloc(blk->src_len + 1);
        if (!k)
            return ENF_ENOMEM;
        size_t o = 0;
        for (size_t i = 0; i < blk->src_len; i++)
            if (c->o->mode != ENF_DRIFT_CLASSIFY || !S_is_space((unsigned char)s[i]))
                k[o++] = s[i];
        k[o] = '\0';
        c->key[side][b] = k;
        c->klen[side][b] = o;
        c->hash[side][b] = S_fnv(k, o, (unsigned)blk->kind);
    }
    return ENF_OK;
}

static int S_same(const S_ctx *c, size_t i, size_t j)
{
    return c->hash[0][i] == c->hash[1][j] && c->klen[0][i] == c->klen[1][j] &&
           c->so->blocks[i].kind == c->sn->blocks[j].kind &&
           !memcmp(c->key[0][i], c->key[1][j], c->klen[0][i]);
}

/* Similarity of two texts in [0,1]: the share of bytes a token diff keeps. */
static double S_sim(const char *a, size_t an, const char *b, size_t bn)
{
    if (!an && !bn)
        return 1;
    enf_diff_op *ops = NULL;
    size_t n = 0;
    if (enf_diff_text(a, an, b, bn, &ops, &n, NULL))
        return 0;
    size_t eq = 0;
    for (size_t i = 0; i < n; i++)
        if (ops[i].kind == ENF_DIFF_EQUAL)
            eq += ops[i].a_len;
    free(ops);
    return 2.0 * (double)eq / (double)(an + bn);
}

/* A heading's explicit id, " {#id}" at the end of its text (VitePress,
 * MkDocs): its span in the text, or 0 when none. */
static size_t S_heading_id(const enf_block *b, size_t *off)
{
    *off = b->text_len;
    if (b->kind != ENF_BLOCK_HEADING || b->text_len < 4 || b->text[b->text_len - 1] != '}')
        return 0;
    const char *p = b->text + b->text_len - 1;
    while (p > b->text && *p != '{')
        p--;
    if (*p != '{' || p[1] != '#')
        return 0;
    while (p > b->text && p[-1] == ' ')
        p--;
    *off = (size_t)(p - b->text);
    return b->text_len - *off;
}

/* A block's text without its heading id. */
static size_t S_body_len(const enf_block *b)
{
    size_t off;
    S_heading_id(b, &off);
    return off;
}

static double S_block_sim(const S_ctx *c, size_t i, size_t j)
{
    const enf_block *a = &c->so->blocks[i], *b = &c->sn->blocks[j];
    if (a->kind != b->kind)
        return 0;
    return S_sim(a->text, S_body_len(a), b->text, S_body_len(b));
}

/* Whether the translation's blocks of old block i already hold s[0..n)
 * (an id, link or code the new original has: the translators were ahead). */
static int S_tr_has(const S_ctx *c, size_t i, const char *s, size_t n)
{
    if (!n || c->src_bead[i] == S_NONE)
        return 0;
    size_t s0, ns, t0, nt;
    const enf_bead *bd = &c->al->beads[c->src_bead[i]];
    if (c->lang == ENF_LANG_EN)
        s0 = bd->en, ns = bd->n_en, t0 = bd->zh, nt = bd->n_zh;
    else
        s0 = bd->zh, ns = bd->n_zh, t0 = bd->en, nt = bd->n_en;
    (void)s0, (void)ns;
    for (size_t t = t0; t < t0 + nt; t++) {
        const enf_block *tb = &c->tr->blocks[t];
        const char *src = c->tr->data + tb->src_off;
        for (size_t k = 0; k + n <= tb->src_len; k++)
            if (src[k] == s[0] && !memcmp(src + k, s, n))
                return 1;
    }
    return 0;
}

/* ---- classification */

static int S_is_word_cp(int cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7) || enf_is_han(cp);
}

static int S_all_punct(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int adv;
        int cp = enf_utf8_decode(s + i, n - i, &adv);
        if (S_is_word_cp(cp))
            return 0;
        i += (size_t)adv;
    }
    return 1;
}

/* Levenshtein distance in code points, capped at cap + 1. */
static int S_lev(const char *a, size_t an, const char *b, size_t bn, int cap)
{
    int ca[64], cb[64], na = 0, nb = 0;
    for (size_t i = 0; i < an && na < 64;) {
        int adv;
        ca[na++] = enf_utf8_decode(a + i, an - i, &adv);
        i += (size_t)adv;
    }
    for (size_t i = 0; i < bn && nb < 64;) {
        int adv;
        cb[nb++] = enf_utf8_decode(b + i, bn - i, &adv);
        i += (size_t)adv;
    }
    if (abs(na - nb) > cap)
        return cap + 1;
    int prev[65], cur[65];
    for (int j = 0; j <= nb; j++)
        prev[j] = j;
    for (int i = 1; i <= na; i++) {
        cur[0] = i;
        for (int j = 1; j <= nb; j++) {
            int d = prev[j - 1] + (ca[i - 1] != cb[j - 1]);
            if (prev[j] + 1 < d)
                d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            cur[j] = d;
        }
        memcpy(prev, cur, sizeof(int) * (size_t)(nb + 1));
    }
    return prev[nb] > cap ? cap + 1 : prev[nb];
}

/* How often a negation occurs in a text of language lang. */
static int S_negations(const char *s, size_t n, int lang)
{
    int k = 0;
    if (lang == ENF_LANG_ZH) {
        static const char *const neg[] = {"不", "没", "无", "非", "未", "别", "勿", "否"};
        for (size_t i = 0; i < n;) {
            int adv;
            enf_utf8_decode(s + i, n - i, &adv);
            for (size_t w = 0; w < sizeof neg / sizeof neg[0]; w++)
                if ((size_t)adv == strlen(neg[w]) && !memcmp(s + i, neg[w], (size_t)adv))
                    k++;
            i += (size_t)adv;
        }
        return k;
    }
    static const char *const neg[] = {"not", "no", "never", "cannot", "without", "none", "nothing",
                                      "neither", "nor", "unless"};
    for (size_t i = 0; i < n;) {
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
            i++;
            continue;
        }
        size_t e = i;
        while (e < n && ((s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' && s[e] <= 'Z')))
            e++;
        for (size_t w = 0; w < sizeof neg / sizeof neg[0]; w++)
            if (strlen(neg[w]) == e - i && !strncasecmp(s + i, neg[w], e - i))
                k++;
        /* don't, isn't, won't (also with a typographic apostrophe) */
        if (e - i >= 1 && (s[e - 1] == 'n' || s[e - 1] == 'N')) {
            if (e + 1 < n && s[e] == '\'' && (s[e + 1] == 't' || s[e + 1] == 'T'))
                k++;
            else if (e + 3 < n && !memcmp(s + e, "\xe2\x80\x99", 3) && (s[e + 3] == 't' || s[e + 3] == 'T'))
                k++;
        }
        i = e;
    }
    return k;
}

static int S_anchor_in(const enf_block *b, const enf_anchor *a)
{
    for (size_t i = 0; i < b->n_anchors; i++)
        if (b->anchors[i].kind == a->kind && b->anchors[i].hash == a->hash &&
            !strcmp(b->anchors[i].value, a->value))
            return 1;
    return 0;
}

/* Copy at most max code points of s[0..n) into buf, "…" when cut. */
static void S_short(char *buf, size_t bufsz, const char *s, size_t n, size_t max)
{
    size_t o = 0, cps = 0, i = 0;
    while (i < n && cps < max) {
        int adv;
        enf_utf8_decode(s + i, n - i, &adv);
        if (o + (size_t)adv + 4 >= bufsz)
            break;
        if (adv == 1 && (unsigned char)s[i] < 0x20)
            buf[o] = ' ';   /* a message is one line */
        else
            memcpy(buf + o, s + i, (size_t)adv);
        o += (size_t)adv;
        i += (size_t)adv;
        cps++;
    }
    if (i < n && o + 4 < bufsz) {
        memcpy(buf + o, "\xe2\x80\xa6", 3);
        o += 3;
    }
    buf[o] = '\0';
}

/* Step back or forward over whole UTF-8 characters. */
static size_t S_back(const char *s, size_t off, size_t bytes)
{
    size_t o = off > bytes ? off - bytes : 0;
    while (o > 0 && ((unsigned char)s[o] & 0xC0) == 0x80)
        o--;
    return o;
}

static size_t S_fwd(const char *s, size_t n, size_t off, size_t bytes)
{
    size_t o = off + bytes < n ? off + bytes : n;
    while (o < n && ((unsigned char)s[o] & 0xC0) == 0x80)
        o++;
    return o;
}

/* "«old» -> «new»": the changed stretch of the two texts with a little
 * context, each side shortened. */
static void S_excerpt(char *buf, size_t bufsz, const char *a, size_t an, const char *b, size_t bn,
                      const enf_diff_op *ops, size_t n)
{
    size_t a0 = an, a1 = 0, b0 = bn, b1 = 0;
    for (size_t i = 0; i < n; i++) {
        if (ops[i].kind == ENF_DIFF_EQUAL)
            continue;
        if (ops[i].a_off < a0)
            a0 = ops[i].a_off;
        if (ops[i].a_off + ops[i].a_len > a1)
            a1 = ops[i].a_off + ops[i].a_len;
        if (ops[i].b_off < b0)
            b0 = ops[i].b_off;
        if (ops[i].b_off + ops[i].b_len > b1)
            b1 = ops[i].b_off + ops[i].b_len;
    }
    if (a0 > a1)
        a0 = a1 = 0;
    if (b0 > b1)
        b0 = b1 = 0;
    size_t as = S_back(a, a0, 12), ae = S_fwd(a, an, a1, 12);
    size_t bs = S_back(b, b0, 12), be = S_fwd(b, bn, b1, 12);
    char x[256], y[256];
    S_short(x, sizeof x, a + as, ae - as, 60);
    S_short(y, sizeof y, b + bs, be - bs, 60);
    snprintf(buf, bufsz, "\"%s%s\" -> \"%s%s\"", as ? "\xe2\x80\xa6" : "", x, bs ? "\xe2\x80\xa6" : "", y);
}

/* Classify the change of old block i into new block j; fills what with
 * "CLASS: DETAIL". */
static S_class S_classify(const S_ctx *c, size_t i, size_t j, char *what, size_t wsz, char *msg,
                          size_t msz)
{
    const enf_block *a = &c->so->blocks[i], *b = &c->sn->blocks[j];
    enf_diff_op *ops = NULL;
    size_t n = 0;
    msg[0] = '\0';
    what[0] = '\0';
    /* a heading's id apart: the translation may have it already */
    size_t ia, ib;
    size_t la = S_heading_id(a, &ia), lb = S_heading_id(b, &ib);
    const char *ida = la ? memchr(a->text + ia, '{', la) : NULL, *idb = lb ? memchr(b->text + ib, '{', lb) : NULL;
    size_t lida = ida ? a->text_len - (size_t)(ida - a->text) : 0;
    size_t lidb = idb ? b->text_len - (size_t)(idb - b->text) : 0;
    int id_pending = (lida != lidb || (lida && memcmp(ida, idb, lida))) &&
                     !(lidb && S_tr_has(c, i, idb, lidb)) && !(!lidb && lida && !S_tr_has(c, i, ida, lida));
    if (enf_diff_text(a->text, ia, b->text, ib, &ops, &n, NULL) == ENF_OK)
        S_excerpt(msg, msz, a->text, ia, b->text, ib, ops, n);
    S_class cls = S_C_NONE;
    /* numbers, links, code: anchors one side has and the other lacks (a
     * link or code the translation already has, or no longer has, is done) */
    static const struct {
        enf_anchor_kind k;
        S_class cls;
        const char *name;
    } kinds[] = {
        {ENF_ANCHOR_NUMBER, S_C_NUMBER, "number"}, {ENF_ANCHOR_LINK, S_C_LINK, "link"},
        {ENF_ANCHOR_IMAGE, S_C_LINK, "image"},     {ENF_ANCHOR_ARXIV, S_C_LINK, "arXiv id"},
        {ENF_ANCHOR_DOI, S_C_LINK, "DOI"},         {ENF_ANCHOR_CODE, S_C_CODE, "code"},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && cls == S_C_NONE; k++) {
        const char *gone = NULL, *come = NULL;
        int checkable = kinds[k].k != ENF_ANCHOR_NUMBER;
        for (size_t x = 0; x < a->n_anchors && !gone; x++) {
            const enf_anchor *an = &a->anchors[x];
            if (an->kind != kinds[k].k || S_anchor_in(b, an))
                continue;
            if (checkable && strlen(an->value) >= 4 && !S_tr_has(c, i, an->value, strlen(an->value)))
                continue;
            gone = an->value;
        }
        for (size_t x = 0; x < b->n_anchors && !come; x++) {
            const enf_anchor *an = &b->anchors[x];
            if (an->kind != kinds[k].k || S_anchor_in(a, an))
                continue;
            if (checkable && strlen(an->value) >= 4 && S_tr_has(c, i, an->value, strlen(an->value)))
                continue;
            come = an->value;
        }
        if (gone || come) {
            char g[64], h[64];
            S_short(g, sizeof g, gone ? gone : "", gone ? strlen(gone) : 0, 24);
            S_short(h, sizeof h, come ? come : "", come ? strlen(come) : 0, 24);
            if (gone && come)
                snprintf(what, wsz, "%s %s -> %s", kinds[k].name, g, h);
            else if (gone)
                snprintf(what, wsz, "%s %s removed", kinds[k].name, g);
            else
                snprintf(what, wsz, "%s %s added", kinds[k].name, h);
            cls = kinds[k].cls;
        }
    }
    /* link targets as written (a fragment is a change: normalized anchors
     * drop it) and inline HTML: the spans one side has and the other lacks */
    for (int pass = 0; pass < 2 && cls == S_C_NONE; pass++) {
        const char *gone = NULL, *come = NULL;
        size_t gl = 0, cl = 0;
        for (int side = 0; side < 2; side++) {
            const enf_block *x = side ? b : a, *y = side ? a : b;
            const enf_doc *dx = side ? c->sn : c->so, *dy = side ? c->so : c->sn;
            for (size_t k = 0; k < x->n_inlines; k++) {
                const enf_inline *in = &x->inlines[k];
                const char *v;
                size_t vl;
                if (pass == 0 && (in->kind == ENF_INLINE_LINK || in->kind == ENF_INLINE_IMAGE ||
                                  in->kind == ENF_INLINE_AUTOLINK) && in->url)
                    v = in->url, vl = strlen(in->url);
                else if (pass == 1 && in->kind == ENF_INLINE_HTML)
                    v = dx->data + in->off, vl = in->len;
                else
                    continue;
                int found = 0;
                for (size_t q = 0; q < y->n_inlines && !found; q++) {
                    const enf_inline *o = &y->inlines[q];
                    if (o->kind != in->kind)
                        continue;
                    if (pass == 0 && o->url)
                        found = strlen(o->url) == vl && !memcmp(o->url, v, vl);
                    else if (pass == 1)
                        found = o->len == vl && !memcmp(dy->data + o->off, v, vl);
                }
                if (found)
                    continue;
                /* the translation already has the new one / lacks the old one */
                int has = S_tr_has(c, i, v, vl);
                if (side ? has : !has)
                    continue;
                if (side && !come)
                    come = v, cl = vl;
                if (!side && !gone)
                    gone = v, gl = vl;
            }
        }
        if (gone || come) {
            const char *name = pass ? "inline HTML" : "link";
            char g[64], h[64];
            S_short(g, sizeof g, gone ? gone : "", gl, 24);
            S_short(h, sizeof h, come ? come : "", cl, 24);
            if (gone && come)
                snprintf(what, wsz, "%s %s -> %s", name, g, h);
            else if (gone)
                snprintf(what, wsz, "%s %s removed", name, g);
            else
                snprintf(what, wsz, "%s %s added", name, h);
            cls = pass ? S_C_CODE : S_C_LINK;
        }
    }
    if (cls == S_C_NONE && id_pending) {
        char h[64];
        S_short(h, sizeof h, lidb ? idb : ida, lidb ? lidb : lida, 40);
        snprintf(what, wsz, "heading id %s %s", h, lidb ? (lida ? "changed" : "added") : "removed");
        cls = S_C_LINK;
    }
    /* a glossary term one side has and the other lacks */
    if (cls == S_C_NONE && c->o->glossary) {
        enf_match *ma = NULL, *mb = NULL;
        size_t na = 0, nb = 0;
        int gl = c->lang == ENF_LANG_ZH ? 1 : 0;
        if (!enf_glossary_match(c->o->glossary, gl, a->text, a->text_len, &ma, &na, NULL) &&
            !enf_glossary_match(c->o->glossary, gl, b->text, b->text_len, &mb, &nb, NULL)) {
            for (int side = 0; side < 2 && cls == S_C_NONE; side++) {
                const enf_match *m = side ? mb : ma, *o = side ? ma : mb;
                size_t nm = side ? nb : na, no = side ? na : nb;
                for (size_t x = 0; x < nm && cls == S_C_NONE; x++) {
                    int found = 0;
                    for (size_t y = 0; y < no && !found; y++)
                        found = o[y].term == m[x].term;
                    if (!found) {
                        const enf_term *t = enf_glossary_term(c->o->glossary, m[x].term);
                        snprintf(what, wsz, "glossary term \"%s\" %s", t ? t->en : "?",
                                 side ? "added" : "removed");
                        cls = S_C_TERM;
                    }
                }
            }
        }
        free(ma);
        free(mb);
    }
    if (cls == S_C_NONE &&
        S_negations(a->text, ia, c->lang) != S_negations(b->text, ib, c->lang)) {
        snprintf(what, wsz, "negation %s",
                 S_negations(a->text, ia, c->lang) < S_negations(b->text, ib, c->lang)
                     ? "added" : "removed");
        cls = S_C_NEGATION;
    }
    if (cls == S_C_NONE && n) {
        /* the text itself: nothing, punctuation, a typo-size edit or more */
        int text_same = 1, punct = 1, regions = 0, typo = 1;
        size_t i0 = 0;
        while (i0 < n) {
            if (ops[i0].kind == ENF_DIFF_EQUAL) {
                i0++;
                continue;
            }
            size_t e = i0;
            size_t da = ops[i0].a_off, dl = 0, ib = ops[i0].b_off, il = 0;
            while (e < n && ops[e].kind != ENF_DIFF_EQUAL) {
                dl += ops[e].a_len;
                il += ops[e].b_len;
                e++;
            }
            /* white space alone is no change */
            int blank = 1;
            for (size_t q = 0; q < dl; q++)
                blank &= S_is_space((unsigned char)a->text[da + q]);
            for (size_t q = 0; q < il; q++)
                blank &= S_is_space((unsigned char)b->text[ib + q]);
            if (!blank) {
                text_same = 0;
                regions++;
                if (!S_all_punct(a->text + da, dl) || !S_all_punct(b->text + ib, il))
                    punct = 0;
                if (dl > 48 || il > 48 || S_lev(a->text + da, dl, b->text + ib, il, 2) > 2)
                    typo = 0;
            }
            i0 = e;
        }
        if (text_same)
            cls = S_C_NONE;
        else if (a->kind == ENF_BLOCK_CODE || a->kind == ENF_BLOCK_HTML)
            cls = S_C_CODE;
        else if (punct)
            cls = S_C_PUNCT;
        else if (typo && regions <= 2)
            cls = S_C_TYPO;
        else
            cls = S_C_REWRITE;
        snprintf(what, wsz, "%s",
                 cls == S_C_TYPO      ? "typo-size edit"
                 : cls == S_C_REWRITE ? "rewritten"
                 : cls == S_C_CODE    ? (a->kind == ENF_BLOCK_CODE ? "code block" : "HTML block")
                                      : S_class_name[cls]);
    }
    free(ops);
    return cls;
}

static enf_severity S_severity(const S_ctx *c, enf_rule r, S_class cls)
{
    enf_severity s = c->o->severity[r];
    if (s == ENF_SEV_NONE)
        return s;
    if (c->o->mode == ENF_DRIFT_CLASSIFY && (cls == S_C_PUNCT || cls == S_C_TYPO))
        return ENF_SEV_NOTE;
    return s;
}

/* ---- the block diff */

/* Longest common subsequence of equal keys; pairs old i with new j. */
static int S_lcs(S_ctx *c)
{
    size_t n = c->so->n_blocks, m = c->sn->n_blocks;
    size_t p = 0, s = 0;
    while (p < n && p < m && S_same(c, p, p)) {
        c->old[p] = (S_old){S_SAME, p, S_C_NONE, ""};
        c->new_old[p] = p;
        p++;
    }
    while (s < n - p && s < m - p && S_same(c, n - 1 - s, m - 1 - s)) {
        c->old[n - 1 - s] = (S_old){S_SAME, m - 1 - s, S_C_NONE, ""};
        c->new_old[m - 1 - s] = n - 1 - s;
        s++;
    }
    size_t a = n - p - s, b = m - p - s;
    if (!a || !b)
        return ENF_OK;
    if ((a + 1) > ((size_t)24 << 20) / (b + 1))
        return ENF_OK;   /* too big to compare: every middle block changed */
    uint32_t *t = calloc((a + 1) * (b + 1), sizeof *t);
    if (!t)
        return ENF_ENOMEM;
#define T(i, j) t[(i) * (b + 1) + (j)]
    for (size_t i = a; i-- > 0;)
        for (size_t j = b; j-- > 0;)
            T(i, j) = S_same(c, p + i, p + j) ? T(i + 1, j + 1) + 1
                      : T(i + 1, j) >= T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
    size_t i = 0, j = 0;
    while (i < a && j < b) {
        if (S_same(c, p + i, p + j) && T(i, j) == T(i + 1, j + 1) + 1) {
            c->old[p + i] = (S_old){S_SAME, p + j, S_C_NONE, ""};
            c->new_old[p + j] = p + i;
            i++, j++;
        } else if (T(i + 1, j) >= T(i, j + 1)) {
            i++;
        } else {
            j++;
        }
    }
#undef T
    free(t);
    return ENF_OK;
}

/* Blocks left over with the same key on both sides moved (a short key, a
 * fence or "::: tip", is too common to say so). */
static void S_moves(S_ctx *c)
{
    size_t n = c->so->n_blocks, m = c->sn->n_blocks;
    for (size_t i = 0; i < n; i++) {
        if (c->old[i].st != S_DELETED || c->klen[0][i] < 16)
            continue;
        for (size_t j = 0; j < m; j++)
            if (c->new_old[j] == S_NONE && S_same(c, i, j)) {
                c->old[i] = (S_old){S_MOVED, j, S_C_REWRITE, ""};
                c->new_old[j] = i;
                break;
            }
    }
}

/* In each gap between kept blocks, pair the old and new blocks left by
 * similarity (a monotone programme: the pairing of greatest total
 * similarity, pairs below 0.35 not made). */
static int S_pair_gaps(S_ctx *c)
{
    size_t n = c->so->n_blocks, m = c->sn->n_blocks;
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        /* the gap: old [i, ie), new [j, je) up to the next kept pair */
        size_t ie = i, je = j;
        while (ie < n && c->old[ie].st != S_SAME)
            ie++;
        while (je < m && !(c->new_old[je] != S_NONE && c->old[c->new_old[je]].st == S_SAME))
            je++;
        size_t a = ie - i, b = je - j;
        if (a && b && a * b <= 40000) {
            double *sc = calloc((a + 1) * (b + 1), sizeof *sc);
            double *sim = calloc(a * b, sizeof *sim);
            if (!sc || !sim) {
                free(sc);
                free(sim);
                return ENF_ENOMEM;
            }
            for (size_t x = 0; x < a; x++)
                for (size_t y = 0; y < b; y++) {
                    double v = 0;
                    if (c->old[i + x].st == S_DELETED && c->new_old[j + y] == S_NONE) {
                        v = S_block_sim(c, i + x, j + y);
                        if (v < 0.35)
                            v = 0;
                    }
                    sim[x * b + y] = v;
                }
#define SC(x, y) sc[(x) * (b + 1) + (y)]
            for (size_t x = a + 1; x-- > 0;)
                for (size_t y = b + 1; y-- > 0;) {
                    if (x == a || y == b) {
                        SC(x, y) = 0;
                        continue;
                    }
                    double best = SC(x + 1, y) > SC(x, y + 1) ? SC(x + 1, y) : SC(x, y + 1);
                    if (sim[x * b + y] > 0 && SC(x + 1, y + 1) + sim[x * b + y] > best)
                        best = SC(x + 1, y + 1) + sim[x * b + y];
                    SC(x, y) = best;
                }
            size_t x = 0, y = 0;
            while (x < a && y < b) {
                double v = sim[x * b + y];
                if (v > 0 && SC(x, y) == SC(x + 1, y + 1) + v) {
                    c->old[i + x].st = S_CHANGED;
                    c->old[i + x].peer = j + y;
                    c->new_old[j + y] = i + x;
                    x++, y++;
                } else if (SC(x + 1, y) >= SC(x, y + 1)) {
                    x++;
                } else {
                    y++;
                }
            }
#undef SC
            free(sc);
            free(sim);
        }
        i = ie < n ? ie + 1 : n;
        j = je < m ? je + 1 : m;
    }
    return ENF_OK;
}

/* ---- reporting */

static int S_add(S_ctx *c, enf_rule r, enf_severity sev, size_t src_blk, size_t tr_blk, int tr_line,
                 const char *cls, const char *expected, const char *found, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 10, 11)))
#endif
    ;

static int S_add(S_ctx *c, enf_rule r, enf_severity sev, size_t src_blk, size_t tr_blk, int tr_line,
                 const char *cls, const char *expected, const char *found, const char *fmt, ...)
{
    if (sev == ENF_SEV_NONE)
        return ENF_OK;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    enf_finding f = {0};
    f.rule = (char *)enf_rule_get(r)->id;
    f.severity = sev;
    f.message = msg;
    f.term = (char *)cls;
    f.expected = (char *)expected;
    f.found = (char *)found;
    f.block[0] = src_blk;
    if (src_blk != ENF_NO_BLOCK) {
        f.line[0] = c->sn->blocks[src_blk].start_line;
        f.col[0] = c->sn->blocks[src_blk].start_col;
    }
    f.block[1] = tr_blk;
    if (tr_blk != ENF_NO_BLOCK && tr_line == 0) {
        f.line[1] = c->tr->blocks[tr_blk].start_line;
        f.col[1] = c->tr->blocks[tr_blk].start_col;
    } else {
        f.line[1] = tr_line > 0 ? tr_line : 1;
        f.col[1] = 1;
    }
    return enf_findings_add(c->out, &f);
}

/* The line of the translation after which the translation of new block j
 * belongs: after the translated block of the nearest earlier new block that
 * has an old one.  *after = that translated block, or ENF_NO_BLOCK (at the
 * top: the line of the first block). */
static int S_point(const S_ctx *c, size_t j, size_t *after)
{
    *after = ENF_NO_BLOCK;
    /* the scan back to that block, done once for all blocks (a long run of
     * inserted blocks made it quadratic) */
    for (size_t k = c->anchor_before[j]; k != S_NONE;) {
        size_t i = c->new_old[k];
        /* the bead's last translated block; a bead without one: the
         * nearest earlier bead that has one */
        for (size_t bi = c->src_bead[i] + 1; bi-- > 0;) {
            size_t s0, ns, t0, nt;
            S_bead_runs(c, &c->al->beads[bi], &s0, &ns, &t0, &nt);
            if (nt) {
                *after = t0 + nt - 1;
                const enf_block *tb = &c->tr->blocks[*after];
                int line = tb->end_line + 1;
                /* past the last line (the file ends with the block): the block's last line */
                return line <= (int)c->tr->n_lines && c->tr->line_start[line - 1] < c->tr->len ? line
                                                                                             : tb->end_line;
            }
        }
        break;
    }
    return c->tr->n_blocks ? c->tr->blocks[0].start_line : 1;
}

static int S_src_excerpt(const S_ctx *c, const enf_doc *d, size_t b, char *buf, size_t bufsz)
{
    (void)c;
    S_short(buf, bufsz, d->blocks[b].text, d->blocks[b].text_len, 60);
    return 0;
}

static int S_report(S_ctx *c)
{
    const enf_alignment *al = c->al;
    int rc = ENF_OK;
    int classify = c->o->mode == ENF_DRIFT_CLASSIFY;
    /* SECTION baseline: every block of a section with a change is changed */
    unsigned char *sec_dirty = NULL;
    if (c->o->mode == ENF_DRIFT_SECTION) {
        sec_dirty = calloc(c->so->n_blocks + 1, 1);
        if (!sec_dirty)
            return ENF_ENOMEM;
        for (size_t i = 0; i < c->so->n_blocks; i++)
            if (c->old[i].st != S_SAME) {
                const enf_block *b = &c->so->blocks[i];
                int s = b->kind == ENF_BLOCK_HEADING ? (int)i : b->section;
                sec_dirty[s < 0 ? c->so->n_blocks : (size_t)s] = 1;
            }
    }
    for (size_t bi = 0; bi < al->n_beads && rc == ENF_OK; bi++) {
        size_t s0, ns, t0, nt;
        S_bead_runs(c, &al->beads[bi], &s0, &ns, &t0, &nt);
        if (!ns || !nt)
            continue;
        /* the bead's most telling change: a move, then the most severe
         * classified change; deleted when all its blocks are */
        size_t worst = S_NONE, moved = S_NONE, n_del = 0, n_same = 0;
        for (size_t k = s0; k < s0 + ns; k++) {
            const S_old *o = &c->old[k];
            if (o->st == S_DELETED)
                n_del++;
            else if (o->st == S_MOVED)
                moved = moved == S_NONE ? k : moved;
            else if (o->st == S_CHANGED && (worst == S_NONE || o->cls > c->old[worst].cls))
                worst = k;
            else if (o->st == S_SAME)
                n_same++;
        }
        if (sec_dirty && n_same == ns) {
            const enf_block *b = &c->so->blocks[s0];
            int s = b->kind == ENF_BLOCK_HEADING ? (int)s0 : b->section;
            if (sec_dirty[s < 0 ? c->so->n_blocks : (size_t)s]) {
                for (size_t t = t0; t < t0 + nt && rc == ENF_OK; t++)
                    rc = S_add(c, ENF_RULE_DRIFT_STALE, c->o->severity[ENF_RULE_DRIFT_STALE],
                               c->old[s0].peer, t, 0, "section", NULL, NULL,
                               "its section of the original changed");
                continue;
            }
        }
        for (size_t t = t0; t < t0 + nt && rc == ENF_OK; t++) {
            if (moved != S_NONE) {
                size_t j = c->old[moved].peer, after;
                int line = S_point(c, j, &after);
                rc = S_add(c, ENF_RULE_DRIFT_MOVED, S_severity(c, ENF_RULE_DRIFT_MOVED, S_C_REWRITE), j,
                           t, 0, "moved", NULL, NULL,
                           "its original moved from line %d to line %d of %s: the translation "
                           "belongs at line %d",
                           c->so->blocks[moved].start_line, c->sn->blocks[j].start_line, c->sn->name,
                           line);
            } else if (worst != S_NONE) {
                const S_old *o = &c->old[worst];
                if (o->cls == S_C_NONE && classify)
                    continue;
                rc = S_add(c, ENF_RULE_DRIFT_STALE, S_severity(c, ENF_RULE_DRIFT_STALE, o->cls), o->peer,
                           t, 0, classify ? S_class_name[o->cls] : NULL, NULL, NULL,
                           "the original changed (%s): %s", o->what, o->what + strlen(o->what) + 1);
            } else if (n_del == ns) {
                char ex[256];
                S_src_excerpt(c, c->so, s0, ex, sizeof ex);
                rc = S_add(c, ENF_RULE_DRIFT_ORPHAN, S_severity(c, ENF_RULE_DRIFT_ORPHAN, S_C_REWRITE),
                           ENF_NO_BLOCK, t, 0, "deleted", NULL, NULL,
                           "its original (line %d of %s) was deleted: \"%s\"",
                           c->so->blocks[s0].start_line, c->so->name, ex);
            } else if (n_del) {
                /* part of a 2-1 (3-1, ...) bead went */
                size_t k = s0;
                while (c->old[k].st != S_DELETED)
                    k++;
                char ex[256];
                S_src_excerpt(c, c->so, k, ex, sizeof ex);
                rc = S_add(c, ENF_RULE_DRIFT_STALE, S_severity(c, ENF_RULE_DRIFT_STALE, S_C_REWRITE),
                           c->old[s0 == k ? k + 1 : s0].peer, t, 0, "deleted", NULL, NULL,
                           "part of its original (line %d of %s) was deleted: \"%s\"",
                           c->so->blocks[k].start_line, c->so->name, ex);
            }
        }
    }
    free(sec_dirty);
    /* new blocks: where their translation belongs */
    for (size_t j = 0; j < c->sn->n_blocks && rc == ENF_OK; j++) {
        if (c->new_old[j] != S_NONE)
            continue;
        size_t after;
        int line = S_point(c, j, &after);
        char ex[256];
        S_src_excerpt(c, c->sn, j, ex, sizeof ex);
        char where[64];
        if (after == ENF_NO_BLOCK)
            snprintf(where, sizeof where, "at the top");
        else
            snprintf(where, sizeof where, "after line %d", c->tr->blocks[after].end_line);
        rc = S_add(c, ENF_RULE_DRIFT_UNTRANSLATED,
                   S_severity(c, ENF_RULE_DRIFT_UNTRANSLATED, S_C_REWRITE), j, after, line, "inserted",
                   NULL, NULL, "new in the original (line %d of %s), not translated; it belongs %s: \"%s\"",
                   c->sn->blocks[j].start_line, c->sn->name, where, ex);
    }
    return rc;
}

/* ---- the driver */

/* Whether the translation is not one of the old original: fewer than half
 * its blocks paired, or the pairs' mean confidence low (over the real pairs
 * of ../shared/drift it is 0.8 or more; a page against another page's
 * translation gets about 0.5). */
static int S_unaligned(S_ctx *c, size_t *paired)
{
    *paired = 0;
    double sum = 0;
    size_t nb = 0;
    for (size_t bi = 0; bi < c->al->n_beads; bi++) {
        size_t s0, ns, t0, nt;
        S_bead_runs(c, &c->al->beads[bi], &s0, &ns, &t0, &nt);
        if (ns && nt) {
            sum += c->al->beads[bi].score;
            nb++;
            if (!(c->al->beads[bi].flags & ENF_BEAD_LOW_CONFIDENCE))
                *paired += ns;
        }
    }
    size_t n = c->so->n_blocks;
    return n >= 4 && (*paired * 2 < n || !nb || sum / (double)nb < 0.65);
}

int enf_drift(const enf_doc *src_old, const enf_doc *src_new, const enf_doc *tr,
              const enf_drift_opts *opts, enf_findings *out, enf_error *err)
{
    if (!src_old || !src_new || !tr || !out)
        return enf_error_set(err, ENF_EUSAGE, "enf_drift: needs the old and new original and the translation");
    if (err)
        err->msg[0] = '\0';
    enf_drift_opts defaults;
    if (!opts) {
        enf_drift_opts_init(&defaults);
        opts = &defaults;
    }
    S_ctx c = {0};
    c.so = src_old;
    c.sn = src_new;
    c.tr = tr;
    c.o = opts;
    c.out = out;
    c.lang = opts->source_lang;
    if (c.lang != ENF_LANG_EN && c.lang != ENF_LANG_ZH)
        c.lang = enf_guess_lang(src_old->data, src_old->len);
    enf_drift_stats st = {0};
    st.src_blocks = src_old->n_blocks;
    size_t first = out->n;
    size_t n = src_old->n_blocks, m = src_new->n_blocks;
    enf_alignment *al = NULL;
    int rc = S_keys(&c, 0, src_old);
    if (rc == ENF_OK)
        rc = S_keys(&c, 1, src_new);
    c.old = calloc(n ? n : 1, sizeof *c.old);
    c.new_old = malloc((m ? m : 1) * sizeof *c.new_old);
    c.src_bead = malloc((n ? n : 1) * sizeof *c.src_bead);
    if (!c.old || !c.new_old || !c.src_bead)
        rc = ENF_ENOMEM;
    if (rc == ENF_OK) {
        for (size_t i = 0; i < n; i++) {
            c.old[i].st = S_DELETED;
            c.old[i].peer = S_NONE;
            c.src_bead[i] = S_NONE;
        }
        for (size_t j = 0; j < m; j++)
            c.new_old[j] = S_NONE;
        rc = S_lcs(&c);
    }
    if (rc == ENF_OK && opts->mode == ENF_DRIFT_CLASSIFY) {
        S_moves(&c);
        rc = S_pair_gaps(&c);
    }
    int any = 0;
    for (size_t i = 0; i < n && !any; i++)
        any = c.old[i].st != S_SAME;
    for (size_t j = 0; j < m && !any; j++)
        any = c.new_old[j] == S_NONE;
    if (rc == ENF_OK && any) {
        /* the translation pairs with the old original */
        const enf_doc *en = c.lang == ENF_LANG_EN ? src_old : tr, *zh = c.lang == ENF_LANG_EN ? tr : src_old;
        rc = enf_align_blocks(en, zh, opts->align, &al, err);
        if (rc == ENF_OK) {
            c.al = al;
            for (size_t bi = 0; bi < al->n_beads; bi++) {
                size_t s0, ns, t0, nt;
                S_bead_runs(&c, &al->beads[bi], &s0, &ns, &t0, &nt);
                for (size_t k = s0; k < s0 + ns && k < n; k++)
                    c.src_bead[k] = bi;
            }
            {
                for (size_t i = 0; i < n; i++) {
                    S_old *o = &c.old[i];
                    if (o->st == S_CHANGED) {
                        char what[160], msg[600];
                        o->cls = S_classify(&c, i, o->peer, what, sizeof what, msg, sizeof msg);
                        /* what, then the excerpt after its NUL */
                        size_t wl = strlen(what);
                        if (wl + 2 < sizeof o->what) {
                            memcpy(o->what, what, wl + 1);
                            snprintf(o->what + wl + 1, sizeof o->what - wl - 1, "%s", msg);
                        }
                        if (o->cls == S_C_NONE)
                            st.format_only++;
                        st.changed++;
                    } else if (o->st == S_DELETED) {
                        st.deleted++;
                    } else if (o->st == S_MOVED) {
                        st.moved++;
                    } else {
                        st.unchanged++;
                    }
                }
                for (size_t j = 0; j < m; j++)
                    st.inserted += c.new_old[j] == S_NONE;
            }
            if (S_unaligned(&c, &st.paired)) {
                st.unaligned = 1;
                rc = S_add(&c, ENF_RULE_DRIFT_UNALIGNED, opts->severity[ENF_RULE_DRIFT_UNALIGNED],
                           ENF_NO_BLOCK, ENF_NO_BLOCK, 1, NULL, NULL, NULL,
                           "%s does not look like a translation of %s: the aligner paired %zu of its %zu "
                           "blocks; no drift reported",
                           tr->name, src_old->name, st.paired, n);
            } else {
                /* a moved block's translation is not yet where it belongs */
                c.anchor_before = malloc((m ? m : 1) * sizeof *c.anchor_before);
                if (!c.anchor_before) {
                    rc = ENF_ENOMEM;
                } else {
                    size_t last = S_NONE;
                    for (size_t j = 0; j < m; j++) {
                        c.anchor_before[j] = last;
                        size_t i = c.new_old[j];
                        if (i != S_NONE && c.src_bead[i] != S_NONE && c.old[i].st != S_MOVED)
                            last = j;
                    }
                    rc = S_report(&c);
                }
            }
        }
    }
    if (rc == ENF_OK) {
        enf__suppress(tr, out, first, NULL, NULL);
        enf_findings_sort(out);
    }
    if (opts->stats)
        *opts->stats = st;
    for (int s = 0; s < 2; s++) {
        const enf_doc *d = s ? src_new : src_old;
        if (c.key[s])
            for (size_t b = 0; b < d->n_blocks; b++)
                free(c.key[s][b]);
        free(c.key[s]);
        free(c.klen[s]);
        free(c.hash[s]);
    }
    free(c.old);
    free(c.new_old);
    free(c.anchor_before);
    free(c.src_bead);
    enf_alignment_free(al);
    if (rc == ENF_ENOMEM && !(err && err->msg[0]))
        return enf_error_set(err, rc, "%s: out of memory", tr->name);
    return rc;
}
