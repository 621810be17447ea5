/* drift_classify.c — what kind of change a changed block of the original
 * went through (format, punctuation, typo, number, link, code, glossary
 * term, negation, rewrite), so that minor edits are notes and the message
 * names what changed. */
#include "drift_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const enf__drift_class_name[] = {
    "format", "punctuation", "typo", "punctuation mark", "markup", "spelling", "number", "link", "code", "term", "negation", "rewrite",
};

/* Whether the translation's blocks of old block i hold s[0..n): in their
 * source (an id, link or code the new original has: the translators were
 * ahead), or with word set in their text, with no ASCII letter or digit
 * right before or after it (a word the translation keeps as written). */
static int S_tr_find(const enf__drift_ctx *c, size_t i, const char *s, size_t n, int word)
{
    if (!n || c->src_bead[i] == ENF__DRIFT_NONE)
        return 0;
    size_t s0, ns, t0, nt;
    enf__drift_bead_runs(c, &c->al->beads[c->src_bead[i]], &s0, &ns, &t0, &nt);
    for (size_t t = t0; t < t0 + nt; t++) {
        const enf_block *tb = &c->tr->blocks[t];
        const char *h = word ? tb->text : c->tr->data + tb->src_off;
        size_t hn = word ? tb->text_len : tb->src_len;
        for (size_t k = 0; k + n <= hn; k++) {
            if (h[k] != s[0] || memcmp(h + k, s, n))
                continue;
            if (!word || !((k && isalnum((unsigned char)h[k - 1])) ||
                           (k + n < hn && isalnum((unsigned char)h[k + n]))))
                return 1;
        }
    }
    return 0;
}

static int S_tr_has(const enf__drift_ctx *c, size_t i, const char *s, size_t n)
{
    return S_tr_find(c, i, s, n, 0);
}

static int S_is_word_cp(int cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7) || enf__is_han(cp);
}

/* Whether s[0..n) has a mark a Chinese translation writes too: a colon,
 * comma, semicolon, bracket, question or exclamation mark, hyphen or dash
 * (： ， ； （） ？ ！ —).  Not a full stop (English writes them where
 * Chinese has none to change: etc., vs., a sentence that 。 ends anyway),
 * nor quotes and apostrophes (straight or curly is the English's own
 * typography). */
static int S_has_mark(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int adv, cp = enf__utf8_decode(s + i, n - i, &adv);
        if ((cp < 0x80 && strchr(":,;()[]{}!?-", cp) && cp) || cp == 0x2013 || cp == 0x2014)
            return 1;
        i += (size_t)adv;
    }
    return 0;
}

static int S_all_punct(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int adv;
        int cp = enf__utf8_decode(s + i, n - i, &adv);
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
        ca[na++] = enf__utf8_decode(a + i, an - i, &adv);
        i += (size_t)adv;
    }
    for (size_t i = 0; i < bn && nb < 64;) {
        int adv;
        cb[nb++] = enf__utf8_decode(b + i, bn - i, &adv);
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
            enf__utf8_decode(s + i, n - i, &adv);
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
        if (b->anchors[i].kind == a->kind && !strcmp(b->anchors[i].value, a->value))
            return 1;
    return 0;
}

/* Copy at most max code points of s[0..n) into buf, "…" when cut. */
void enf__drift_short(char *buf, size_t bufsz, const char *s, size_t n, size_t max)
{
    size_t o = 0, cps = 0, i = 0;
    while (i < n && cps < max) {
        int adv;
        enf__utf8_decode(s + i, n - i, &adv);
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
    enf__drift_short(x, sizeof x, a + as, ae - as, 60);
    enf__drift_short(y, sizeof y, b + bs, be - bs, 60);
    snprintf(buf, bufsz, "\"%s%s\" -> \"%s%s\"", as ? "\xe2\x80\xa6" : "", x, bs ? "\xe2\x80\xa6" : "", y);
}

/* Where a text block sits as far as the block diff's key tells (drift_diff.c):
 * "heading N", "list item" (it carries the bullet), "paragraph", and "in
 * a block quote".  Code and HTML blocks: "" (re-indenting them is no
 * change). */
static void S_structure(const enf_doc *d, size_t b, char *buf, size_t n)
{
    const enf_block *k = &d->blocks[b];
    buf[0] = '\0';
    if (k->kind == ENF_BLOCK_CODE || k->kind == ENF_BLOCK_HTML)
        return;
    int first = k->item_id && (b == 0 || d->blocks[b - 1].item_id != k->item_id);
    int o = k->kind == ENF_BLOCK_HEADING ? snprintf(buf, n, "heading %d", k->level)
            : first                      ? snprintf(buf, n, "list item")
                                         : snprintf(buf, n, "paragraph");
    if (k->quote_depth && o > 0 && (size_t)o < n)
        snprintf(buf + o, n - (size_t)o, " in a block quote");
}

static int S_word_byte(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           ch == '_' || ch == '-' || ch == '.' || ch == ' ';
}

/* The ASCII word(s) around s[off, off+len): the span grown to letters,
 * digits, '_', '-', '.' and inner spaces on both sides, trimmed. */
static void S_word_at(const char *s, size_t n, size_t off, size_t len, size_t *wo, size_t *wl)
{
    size_t a = off, e = off + len;
    while (a > 0 && S_word_byte((unsigned char)s[a - 1]) && s[a - 1] != ' ')
        a--;
    while (e < n && S_word_byte((unsigned char)s[e]) && s[e] != ' ')
        e++;
    while (a < e && (s[a] == ' ' || s[a] == '.' || s[a] == '-'))
        a++;
    while (e > a && (s[e - 1] == ' ' || s[e - 1] == '.' || s[e - 1] == '-'))
        e--;
    *wo = a;
    *wl = e - a;
}

/* An inline HTML tag that only styles its text (<u>, </b>, <br/>, no
 * attributes): adding or removing it changes how the text looks, not what
 * the translation must say. */
static int S_styling_tag(const char *s, size_t n)
{
    static const char *const tags[] = {"u", "b", "i", "em", "strong", "mark", "small", "br", "s"};
    if (n < 3 || s[0] != '<' || s[n - 1] != '>')
        return 0;
    size_t a = 1, e = n - 1;
    if (s[a] == '/')
        a++;
    while (e > a && (s[e - 1] == ' ' || s[e - 1] == '/'))
        e--;
    for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++)
        if (strlen(tags[k]) == e - a && !strncasecmp(s + a, tags[k], e - a))
            return 1;
    return 0;
}

/* Whether s[a, e) reads as a formula: short, and no word of four letters
 * or more that is not a TeX command (\log, \times): "$attrs and this.$"
 * between two Vue names is prose. */
static int S_formula(const char *s, size_t a, size_t e)
{
    if (e - a > 64)
        return 0;
    for (size_t k = a; k < e;) {
        if (!isalpha((unsigned char)s[k])) {
            k++;
            continue;
        }
        size_t w = k;
        while (w < e && isalpha((unsigned char)s[w]))
            w++;
        if (w - k >= 4 && !(k > a && s[k - 1] == '\\'))
            return 0;
        k = w;
    }
    return 1;
}

/* Whether byte off of text s[0..n) lies in inline TeX math, $...$ as
 * pandoc and KaTeX read it (the opening $ followed by a non-space, the
 * closing one preceded by a non-space and not followed by a digit) whose
 * content reads as a formula. */
static int S_in_math(const char *s, size_t n, size_t off)
{
    for (size_t i = 0; i < n && i <= off; i++) {
        if (s[i] != '$' || (i && s[i - 1] == '\\') || i + 1 >= n || enf__drift_is_space((unsigned char)s[i + 1]))
            continue;
        size_t e = i + 1;
        while (e < n && e - i <= 66 &&
               !(s[e] == '$' && s[e - 1] != '\\' && !enf__drift_is_space((unsigned char)s[e - 1]) &&
                 !(e + 1 < n && s[e + 1] >= '0' && s[e + 1] <= '9')))
            e++;
        if (e >= n)
            return 0;
        if (s[e] != '$' || !S_formula(s, i + 1, e))
            continue;   /* not math (or longer than a formula): the next $ may open one */
        if (off <= e)
            return off >= i;
        i = e;
    }
    return 0;
}

/* Whether the edit s[off, off+len) touches math: it starts in a formula
 * or holds one of its $ (math written or unwritten). */
static int S_edit_in_math(const char *s, size_t n, size_t off, size_t len)
{
    if (S_in_math(s, n, off))
        return 1;
    const char *d = memchr(s + off, '$', len);   /* the first $ edited is enough */
    return d && S_in_math(s, n, (size_t)(d - s));
}

static int S_has_han(const char *s, size_t n, size_t *cps)
{
    int han = 0;
    *cps = 0;
    for (size_t i = 0; i < n;) {
        int adv;
        han |= enf__is_han(enf__utf8_decode(s + i, n - i, &adv));
        i += (size_t)adv;
        ++*cps;
    }
    return han;
}

/* Classify the change of old block i into new block j; fills what with
 * "CLASS: DETAIL". */
enf__drift_class enf__drift_classify(const enf__drift_ctx *c, size_t i, size_t j, char *what,
                                     size_t wsz, char *msg, size_t msz)
{
    const enf_block *a = &c->so->blocks[i], *b = &c->sn->blocks[j];
    enf_diff_op *ops = NULL;
    size_t n = 0;
    msg[0] = '\0';
    what[0] = '\0';
    /* a heading's id apart: the translation may have it already */
    size_t ia, ib;
    size_t la = enf__drift_heading_id(a, &ia), lb = enf__drift_heading_id(b, &ib);
    const char *ida = la ? memchr(a->text + ia, '{', la) : NULL, *idb = lb ? memchr(b->text + ib, '{', lb) : NULL;
    size_t lida = ida ? a->text_len - (size_t)(ida - a->text) : 0;
    size_t lidb = idb ? b->text_len - (size_t)(idb - b->text) : 0;
    int id_pending = (lida != lidb || (lida && memcmp(ida, idb, lida))) &&
                     !(lidb && S_tr_has(c, i, idb, lidb)) && !(!lidb && lida && !S_tr_has(c, i, ida, lida));
    if (enf_diff_text(a->text, ia, b->text, ib, &ops, &n, NULL) == ENF_OK)
        S_excerpt(msg, msz, a->text, ia, b->text, ib, ops, n);
    enf__drift_class cls = ENF__DRIFT_C_NONE;
    /* numbers, links, code: anchors one side has and the other lacks (a
     * link or code the translation already has, or no longer has, is done) */
    static const struct {
        enf_anchor_kind k;
        enf__drift_class cls;
        const char *name;
    } kinds[] = {
        {ENF_ANCHOR_NUMBER, ENF__DRIFT_C_NUMBER, "number"}, {ENF_ANCHOR_LINK, ENF__DRIFT_C_LINK, "link"},
        {ENF_ANCHOR_IMAGE, ENF__DRIFT_C_LINK, "image"},     {ENF_ANCHOR_ARXIV, ENF__DRIFT_C_LINK, "arXiv id"},
        {ENF_ANCHOR_DOI, ENF__DRIFT_C_LINK, "DOI"},         {ENF_ANCHOR_CODE, ENF__DRIFT_C_CODE, "code"},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && cls == ENF__DRIFT_C_NONE; k++) {
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
            enf__drift_short(g, sizeof g, gone ? gone : "", gone ? strlen(gone) : 0, 24);
            enf__drift_short(h, sizeof h, come ? come : "", come ? strlen(come) : 0, 24);
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
    for (int pass = 0; pass < 2 && cls == ENF__DRIFT_C_NONE; pass++) {
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
                else if (pass == 1 && in->kind == ENF_INLINE_HTML &&
                         !S_styling_tag(dx->data + in->off, in->len))
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
            enf__drift_short(g, sizeof g, gone ? gone : "", gl, 24);
            enf__drift_short(h, sizeof h, come ? come : "", cl, 24);
            if (gone && come)
                snprintf(what, wsz, "%s %s -> %s", name, g, h);
            else if (gone)
                snprintf(what, wsz, "%s %s removed", name, g);
            else
                snprintf(what, wsz, "%s %s added", name, h);
            cls = pass ? ENF__DRIFT_C_CODE : ENF__DRIFT_C_LINK;
        }
    }
    if (cls == ENF__DRIFT_C_NONE && id_pending) {
        char h[64];
        enf__drift_short(h, sizeof h, lidb ? idb : ida, lidb ? lidb : lida, 40);
        snprintf(what, wsz, "heading id %s %s", h, lidb ? (lida ? "changed" : "added") : "removed");
        cls = ENF__DRIFT_C_LINK;
    }
    /* a glossary term one side has and the other lacks */
    if (cls == ENF__DRIFT_C_NONE && c->o->glossary) {
        enf_match *ma = NULL, *mb = NULL;
        size_t na = 0, nb = 0;
        int gl = c->lang == ENF_LANG_ZH ? 1 : 0;
        if (!enf_glossary_match(c->o->glossary, gl, a->text, a->text_len, &ma, &na, NULL) &&
            !enf_glossary_match(c->o->glossary, gl, b->text, b->text_len, &mb, &nb, NULL)) {
            for (int side = 0; side < 2 && cls == ENF__DRIFT_C_NONE; side++) {
                const enf_match *m = side ? mb : ma, *o = side ? ma : mb;
                size_t nm = side ? nb : na, no = side ? na : nb;
                for (size_t x = 0; x < nm && cls == ENF__DRIFT_C_NONE; x++) {
                    int found = 0;
                    for (size_t y = 0; y < no && !found; y++)
                        found = o[y].term == m[x].term;
                    if (!found) {
                        const enf_term *t = enf_glossary_term(c->o->glossary, m[x].term);
                        snprintf(what, wsz, "glossary term \"%s\" %s", t ? t->en : "?",
                                 side ? "added" : "removed");
                        cls = ENF__DRIFT_C_TERM;
                    }
                }
            }
        }
        free(ma);
        free(mb);
    }
    if (cls == ENF__DRIFT_C_NONE &&
        S_negations(a->text, ia, c->lang) != S_negations(b->text, ib, c->lang)) {
        snprintf(what, wsz, "negation %s",
                 S_negations(a->text, ia, c->lang) < S_negations(b->text, ib, c->lang)
                     ? "added" : "removed");
        cls = ENF__DRIFT_C_NEGATION;
    }
    if (cls == ENF__DRIFT_C_NONE && (n || a->kind == ENF_BLOCK_HTML)) {
        /* the text itself: nothing, punctuation, a typo-size edit or more */
        int text_same = 1, punct = 1, regions = 0, typo = 1, math = 0, marks = 0;
        size_t i0 = 0, word_off = 0, word_len = 0, nword_off = 0, nword_len = 0;
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
                blank &= enf__drift_is_space((unsigned char)a->text[da + q]);
            for (size_t q = 0; q < il; q++)
                blank &= enf__drift_is_space((unsigned char)b->text[ib + q]);
            if (!blank) {
                text_same = 0;
                regions++;
                if (!S_all_punct(a->text + da, dl) || !S_all_punct(b->text + ib, il))
                    punct = 0;
                marks |= S_has_mark(a->text + da, dl) || S_has_mark(b->text + ib, il);
                if (dl > 48 || il > 48 || S_lev(a->text + da, dl, b->text + ib, il, 2) > 2)
                    typo = 0;
                /* one Chinese character is a word: a typo is one character
                 * for another (的 for 得), not one added or dropped */
                size_t ca, cb;
                int han = S_has_han(a->text + da, dl, &ca) | S_has_han(b->text + ib, il, &cb);
                if (han && !(ca == 1 && cb == 1))
                    typo = 0;
                /* math and kept spellings only name a small edit (a rewrite
                 * of more regions is a warning anyway): looked for in the
                 * first two regions, so a long text costs no more */
                if (regions <= 2 && (S_edit_in_math(a->text, ia, da, dl) ||
                                     S_edit_in_math(b->text, b->text_len, ib, il)))
                    math = 1;
                /* the first edited word that the translation writes as the
                 * original did: its new spelling must reach the translation */
                size_t wo, wl;
                if (regions <= 2 && !word_len) {
                    S_word_at(a->text, ia, da, dl, &wo, &wl);
                    if (wl >= 3 && wl <= 48 && S_tr_find(c, i, a->text + wo, wl, 1)) {
                        word_off = wo, word_len = wl;
                        S_word_at(b->text, b->text_len, ib, il, &nword_off, &nword_len);
                    }
                }
            }
            i0 = e;
        }
        char sa[64], sb[64];
        S_structure(c->so, i, sa, sizeof sa);
        S_structure(c->sn, j, sb, sizeof sb);
        if (text_same && strcmp(sa, sb)) {
            snprintf(what, wsz, "markup: %s -> %s", sa, sb);
            free(ops);
            return ENF__DRIFT_C_MARKUP;
        }
        /* an HTML block's text is not all of it: a tag added or dropped
         * (</div>, <input />) changes the block */
        if (text_same && a->kind == ENF_BLOCK_HTML &&
            (c->klen[0][i] != c->klen[1][j] || memcmp(c->key[0][i], c->key[1][j], c->klen[0][i])))
            text_same = 0, punct = 0, typo = 0;
        if (text_same)
            cls = ENF__DRIFT_C_NONE;
        else if (a->kind == ENF_BLOCK_CODE || a->kind == ENF_BLOCK_HTML)
            cls = ENF__DRIFT_C_CODE;
        else if (math) {
            snprintf(what, wsz, "math");
            free(ops);
            return ENF__DRIFT_C_CODE;
        }
        else if (punct)
            /* Vue's translators changed the translation for 12 of 15 such
             * edits in the tuning cases: a colon dropped after "Example",
             * a comma, brackets, a hyphen (the 3 they kept: a full stop
             * after etc and vs and at a sentence end); hello-algo's kept 13
             * of 19 edits of a Chinese original (「」 to （）) */
            cls = marks && c->lang == ENF_LANG_EN ? ENF__DRIFT_C_MARK : ENF__DRIFT_C_PUNCT;
        else if (typo && regions <= 2 && word_len) {
            char g[64], h[64];
            enf__drift_short(g, sizeof g, a->text + word_off, word_len, 24);
            enf__drift_short(h, sizeof h, b->text + nword_off, nword_len, 24);
            snprintf(what, wsz, "spelling %s -> %s, which the translation writes as before", g, h);
            free(ops);
            return ENF__DRIFT_C_SPELLING;
        } else if (typo && regions <= 2)
            cls = ENF__DRIFT_C_TYPO;
        else
            cls = ENF__DRIFT_C_REWRITE;
        snprintf(what, wsz, "%s",
                 cls == ENF__DRIFT_C_TYPO      ? "typo-size edit"
                 : cls == ENF__DRIFT_C_REWRITE ? "rewritten"
                 : cls == ENF__DRIFT_C_CODE    ? (a->kind == ENF_BLOCK_CODE ? "code block" : "HTML block")
                                      : enf__drift_class_name[cls]);
    }
    free(ops);
    return cls;
}

enf_severity enf__drift_severity(const enf__drift_ctx *c, enf_rule r, enf__drift_class cls)
{
    enf_severity s = c->o->severity[r];
    if (s == ENF_SEV_NONE)
        return s;
    if (c->o->mode == ENF_DRIFT_CLASSIFY && (cls == ENF__DRIFT_C_PUNCT || cls == ENF__DRIFT_C_TYPO))
        return ENF_SEV_NOTE;
    return s;
}
