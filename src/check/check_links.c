/* check_links.c — link.lost / link.changed: the link and image targets of
 * each aligned pair (the reader's inline spans), normalized
 * (enf_url_normalize), made canonical (mirrors, arXiv, index.html: see
 * S_canon) and compared as multisets.  A target of the original missing from the translation is
 * "changed" when the translation has an extra target in the same bead
 * (paired in order), else "lost" unless it occurs in a neighbouring bead. */
#include "check_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    size_t blk, off, len;     /* where the target is written in doc->data */
    const char *url;          /* the target as the reader decoded it, or NULL
                                 (then the written bytes at off) */
    char norm[512];
    int absolute;             /* http(s) or scheme-relative: norm starts with its host */
    int used;
} S_link;

typedef struct {
    S_link *v;
    size_t n, cap;
} S_links;

/* The mirrors of the run, normalized once. */
typedef struct {
    char from[256], to[256];
    size_t from_len;
} S_mirror;

typedef struct {
    S_mirror *v;
    size_t n;
} S_mirrors;

/* An arXiv id at s: "2211.05105" (4 digits, a dot, 4 or 5 digits) or an
 * old-style "hep-th/9901001"; returns its length, 0 when none. */
static size_t S_arxiv_id(const char *s)
{
    size_t i = 0;
    while (s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 4 && s[i] == '.') {
        size_t j = i + 1;
        while (s[j] >= '0' && s[j] <= '9')
            j++;
        return j - i - 1 == 4 || j - i - 1 == 5 ? j : 0;
    }
    i = 0;
    while ((s[i] >= 'a' && s[i] <= 'z') || s[i] == '-' || s[i] == '.')
        i++;
    if (i == 0 || s[i] != '/')
        return 0;
    size_t j = i + 1;
    while (s[j] >= '0' && s[j] <= '9')
        j++;
    return j - i - 1 == 7 ? j : 0;
}

/* Whether norm starts with prefix p (length n) at a boundary of a path
 * segment or the query. */
static int S_at_prefix(const char *norm, const char *p, size_t n)
{
    return n && !strncmp(norm, p, n) && (norm[n] == '\0' || norm[n] == '/' || norm[n] == '?' || p[n - 1] == '/');
}

/* The host of an absolute normalized target without its language labels:
 * the Chinese (or English) edition of a site is the site ("cn.vitejs.dev",
 * "v2.cn.vuejs.org", "zh.wikipedia.org"; "unity.cn" and "x.com.cn" as
 * "unity.com", "x.com"), so that the same page there is the same target. */
static void S_site(char *norm)
{
    size_t h = strcspn(norm, "/?");
    char host[256], out[256];
    if (h == 0 || h >= sizeof host)
        return;
    memcpy(host, norm, h);
    host[h] = '\0';
    const char *lab[32];
    size_t n = 0;
    for (char *p = host, *q; n < 32 && p; p = q) {
        q = strchr(p, '.');
        if (q)
            *q++ = '\0';
        lab[n++] = p;
    }
    if (n < 2)
        return;
    /* the top-level domain: .cn for .com, .com.cn for .com */
    if (!strcmp(lab[n - 1], "cn")) {
        if (n >= 3 && !strcmp(lab[n - 2], "com"))
            n--;
        else
            lab[n - 1] = "com";
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        /* a language label before the site's own two */
        if (i + 2 < n && (!strcmp(lab[i], "cn") || !strcmp(lab[i], "zh") || !strcmp(lab[i], "zh-cn") ||
                          !strcmp(lab[i], "zh-hans") || !strcmp(lab[i], "en")))
            continue;
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", o ? "." : "", lab[i]);
        if (o >= sizeof out)
            return;
    }
    size_t rest = strlen(norm + h);
    if (o + rest >= 512)
        return;
    memmove(norm + o, norm + h, rest + 1);
    memcpy(norm, out, o);
}

/* A file localized for Chinese readers is the same file: a language tag
 * at the end of its name, before the extension (lifecycle_zh-CN.png,
 * diagram.zh.svg, setup-cn.md), is dropped from the key. */
static void S_locale_file(char *norm)
{
    static const char *const tag[] = {"zh-cn", "zh_cn", "zh-hans", "zh_hans", "zh-hant", "zh-tw", "zh", "cn"};
    size_t q = strcspn(norm, "?#");
    size_t slash = 0;
    for (size_t i = 0; i < q; i++)
        if (norm[i] == '/')
            slash = i + 1;
    size_t dot = q;
    for (size_t i = q; i > slash; i--)
        if (norm[i - 1] == '.') {
            dot = i - 1;
            break;
        }
    for (size_t t = 0; t < sizeof tag / sizeof *tag; t++) {
        size_t n = strlen(tag[t]);
        if (dot < slash + n + 2 || !strchr("_-.", norm[dot - n - 1]) || strncasecmp(norm + dot - n, tag[t], n))
            continue;
        memmove(norm + dot - n - 1, norm + dot, strlen(norm + dot) + 1);
        return;
    }
}

/* The comparison key of a normalized target, in place: the mirrors (the
 * first that matches), then the built-in equivalences (check.h). */
static void S_canon(char *norm, size_t sz, const S_mirrors *m, int absolute)
{
    for (size_t i = 0; m && i < m->n; i++)
        if (S_at_prefix(norm, m->v[i].from, m->v[i].from_len)) {
            size_t tl = strlen(m->v[i].to), rest = strlen(norm + m->v[i].from_len);
            if (tl + rest >= sz)
                rest = tl < sz ? sz - 1 - tl : 0;
            if (tl < sz) {
                memmove(norm + tl, norm + m->v[i].from_len, rest);
                memcpy(norm, m->v[i].to, tl);
                norm[tl + rest] = '\0';
            }
            break;
        }
    if (absolute)
        S_site(norm);
    S_locale_file(norm);
    /* a page of the same site with and without its extension: static site
     * generators (VitePress, MkDocs, Hugo) serve "x.html" as "x", and
     * their sources link "x.md" */
    if (!absolute) {
        size_t q = strcspn(norm, "?#");
        static const char *const ext[] = {".html", ".md"};
        for (size_t i = 0; i < 2; i++) {
            size_t k = strlen(ext[i]);
            if (q > k && !strncmp(norm + q - k, ext[i], k) && norm[q - k - 1] != '/') {
                memmove(norm + q - k, norm + q, strlen(norm + q) + 1);
                break;
            }
        }
    }
    /* "./x" is "x" */
    while (!absolute && norm[0] == '.' && norm[1] == '/')
        memmove(norm, norm + 2, strlen(norm + 2) + 1);
    /* a paper: arxiv.org/{abs,pdf,html}/ID[vN][.pdf], huggingface.co/papers/ID */
    const char *rest = NULL;
    static const char *const paper[] = {"arxiv.org/abs/", "arxiv.org/pdf/", "arxiv.org/html/",
                                        "export.arxiv.org/abs/", "huggingface.co/papers/"};
    for (size_t i = 0; i < sizeof paper / sizeof *paper && !rest; i++)
        if (!strncmp(norm, paper[i], strlen(paper[i])))
            rest = norm + strlen(paper[i]);
    size_t idl = rest ? S_arxiv_id(rest) : 0;
    if (idl) {
        const char *e = rest + idl;
        if (*e == 'v' && e[1] >= '0' && e[1] <= '9') {
            e++;
            while (*e >= '0' && *e <= '9')
                e++;
        }
        if (!strncmp(e, ".pdf", 4))
            e += 4;
        if (*e == '\0' || *e == '/' || *e == '?') {
            char id[64];
            snprintf(id, sizeof id, "arxiv:%.*s", (int)idl, rest);
            snprintf(norm, sz, "%s", id);
            return;
        }
    }
    /* a directory's index page is the directory */
    size_t n = strlen(norm);
    static const char *const index[] = {"index.html", "index.htm"};
    for (size_t i = 0; i < 2; i++) {
        size_t k = strlen(index[i]);
        if (n >= k && !strcmp(norm + n - k, index[i]) && (n == k || norm[n - k - 1] == '/')) {
            norm[n == k ? 0 : n - k - 1] = '\0';
            break;
        }
    }
}

static int S_push(S_links *l, const S_mirrors *m, size_t blk, const char *data, size_t off, size_t len,
                  const char *url)
{
    if (len == 0 && (!url || !*url))
        return ENF_OK;
    if (enf__grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return ENF_ENOMEM;
    S_link *x = &l->v[l->n++];
    x->blk = blk;
    x->off = off;
    x->len = len;
    x->url = url;
    x->used = 0;
    const char *raw = url ? url : data + off;
    size_t rl = url ? strlen(url) : len;
    enf_url_normalize(raw, rl, x->norm, sizeof x->norm);
    while (rl && (*raw == ' ' || *raw == '<'))
        raw++, rl--;
    int absolute = (rl >= 2 && raw[0] == '/' && raw[1] == '/') || (rl >= 7 && !strncasecmp(raw, "http://", 7)) ||
                   (rl >= 8 && !strncasecmp(raw, "https://", 8));
    x->absolute = absolute;
    S_canon(x->norm, sizeof x->norm, m, absolute);
    return ENF_OK;
}

/* The site of a target, for telling a wrong page from a deliberate choice
 * of another resource: the registrable domain of an absolute target (its
 * last two host labels, three under a country code's com/co/org/net/ac/
 * gov/edu), the scheme of mailto: and the like, "" for a target inside
 * the document's own site. */
static void S_site_key(const S_link *x, char *out, size_t sz)
{
    const char *n = x->norm;
    out[0] = '\0';
    if (!x->absolute) {
        size_t k = strcspn(n, ":/?#");
        if (n[k] == ':')
            snprintf(out, sz, "%.*s:", (int)k, n);
        return;
    }
    size_t h = strcspn(n, "/?#:");
    size_t dots[3] = {0, 0, 0}, nd = 0;   /* positions after the last three dots */
    for (size_t i = h; i > 0; i--)
        if (n[i - 1] == '.' && nd < 3)
            dots[nd++] = i;
    size_t from = 0;
    if (nd >= 2) {
        from = dots[1];
        size_t tld = h - dots[0];
        size_t sld = dots[0] - 1 - dots[1];
        const char *s2 = n + dots[1];
        if (tld == 2 && nd >= 3 &&
            ((sld == 3 && (!strncmp(s2, "com", 3) || !strncmp(s2, "org", 3) || !strncmp(s2, "net", 3) ||
                           !strncmp(s2, "gov", 3) || !strncmp(s2, "edu", 3))) ||
             (sld == 2 && (!strncmp(s2, "co", 2) || !strncmp(s2, "ac", 2)))))
            from = dots[2];
    }
    snprintf(out, sz, "%.*s", (int)(h - from), n + from);
}

/* href="..." targets in a raw inline tag (the reader records the tag,
 * not its attributes). */
static int S_hrefs(const enf_doc *d, const S_mirrors *m, size_t b, size_t from, size_t len, S_links *l)
{
    const char *s = d->data + from;
    for (size_t i = 0; i + 6 < len; i++) {
        if (strncmp(s + i, "href=", 5))
            continue;
        size_t st = i + 5;
        char q = s[st];
        if (q != '"' && q != '\'')
            continue;
        size_t e = ++st;
        while (e < len && s[e] != q)
            e++;
        if (e > st && S_push(l, m, b, d->data, from + st, e - st, NULL))
            return ENF_ENOMEM;
        i = e;
    }
    return ENF_OK;
}

/* Targets in a Markdown HTML block, which has no inline spans (its
 * anchors are not located): href="...", and the "](dest)" and
 * "<http...>" that some sites still render inside it. */
static int S_lex_html(const enf_doc *d, const S_mirrors *m, size_t b, S_links *l)
{
    const enf_block *blk = &d->blocks[b];
    const char *s = d->data + blk->src_off;
    size_t len = blk->src_len;
    for (size_t i = 0; i + 1 < len; i++) {
        size_t st = 0, e = 0;
        if (s[i] == ']' && s[i + 1] == '(') {
            st = i + 2;
            while (st < len && s[st] == ' ')
                st++;
            if (st < len && s[st] == '<') {
                st++;
                e = st;
                while (e < len && s[e] != '>' && s[e] != '\n')
                    e++;
            } else {
                e = st;
                int depth = 0;
                while (e < len && s[e] != ' ' && s[e] != '\n') {
                    if (s[e] == '(')
                        depth++;
                    if (s[e] == ')' && depth-- == 0)
                        break;
                    if ((unsigned char)s[e] >= 0x80) {
                        /* a destination MT ran into the text ends at CJK punctuation */
                        int adv;
                        int cp = enf__utf8_decode(s + e, len - e, &adv);
                        if (enf__is_cjk_punct(cp))
                            break;
                        e += (size_t)adv;
                        continue;
                    }
                    e++;
                }
            }
        } else if (s[i] == '<' && (!strncmp(s + i + 1, "http://", 7) || !strncmp(s + i + 1, "https://", 8))) {
            st = i + 1;
            e = st;
            while (e < len && s[e] != '>' && s[e] != ' ' && s[e] != '\n')
                e++;
        } else if ((s[i] == 'h' && i + 5 < len && !strncmp(s + i, "href=", 5))) {
            st = i + 5;
            char q = s[st];
            if (q == '"' || q == '\'') {
                st++;
                e = st;
                while (e < len && s[e] != q)
                    e++;
            }
        }
        if (e > st && st > 0) {
            if (S_push(l, m, b, d->data, blk->src_off + st, e - st, NULL))
                return ENF_ENOMEM;
            i = e;
        }
    }
    return ENF_OK;
}

/* Targets of one block: the link, image and autolink spans the reader
 * recorded (enf_block.inlines; the destination as the parser decoded it,
 * so reference links count too), and href= inside raw HTML. */
static int S_extract(const enf_doc *d, const S_mirrors *m, size_t b, S_links *l)
{
    const enf_block *blk = &d->blocks[b];
    if (blk->kind == ENF_BLOCK_CODE)
        return ENF_OK;
    if (blk->kind == ENF_BLOCK_HTML && d->units != ENF_UNITS_HTML)
        return S_lex_html(d, m, b, l);
    for (size_t k = 0; k < blk->n_inlines; k++) {
        const enf_inline *x = &blk->inlines[k];
        int rc = ENF_OK;
        if (x->kind == ENF_INLINE_LINK || x->kind == ENF_INLINE_IMAGE || x->kind == ENF_INLINE_AUTOLINK)
            rc = x->dest_len ? S_push(l, m, b, d->data, x->dest_off, x->dest_len, x->url)
                             : S_push(l, m, b, d->data, x->off, 0, x->url);
        else if (x->kind == ENF_INLINE_HTML)
            rc = S_hrefs(d, m, b, x->off, x->len, l);
        if (rc)
            return rc;
    }
    return ENF_OK;
}

static int S_extract_range(const enf_doc *d, const S_mirrors *m, size_t first, size_t n, S_links *l)
{
    for (size_t k = 0; k < n; k++)
        if (S_extract(d, m, first + k, l))
            return ENF_ENOMEM;
    return ENF_OK;
}

/* ---- the targets of a bead sorted by normalized value, so that matching
 * costs n log n, not n squared (a 4 MB paragraph of links took minutes) */

typedef struct {
    const char *norm;
    size_t i;
} S_key;

static int S_by_norm(const void *a, const void *b)
{
    const S_key *x = a, *y = b;
    int c = strcmp(x->norm, y->norm);
    return c ? c : (x->i < y->i ? -1 : x->i > y->i);
}

/* l's indexes ordered by (norm, index): *out malloc'd (NULL when empty). */
static int S_sorted(const S_links *l, size_t **out)
{
    *out = NULL;
    if (!l->n)
        return ENF_OK;
    S_key *k = malloc(l->n * sizeof *k);
    size_t *v = malloc(l->n * sizeof *v);
    if (!k || !v) {
        free(k);
        free(v);
        return ENF_ENOMEM;
    }
    for (size_t i = 0; i < l->n; i++)
        k[i] = (S_key){l->v[i].norm, i};
    qsort(k, l->n, sizeof *k, S_by_norm);
    for (size_t i = 0; i < l->n; i++)
        v[i] = k[i].i;
    free(k);
    *out = v;
    return ENF_OK;
}

/* The first position of ord (sorted by norm) whose norm is s, or n. */
static size_t S_lower(const S_links *l, const size_t *ord, const char *s)
{
    size_t a = 0, b = l->n;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (strcmp(l->v[ord[m]].norm, s) < 0)
            a = m + 1;
        else
            b = m;
    }
    return a;
}

/* The target for messages: as decoded, else as written, cut on a whole
 * character. */
/* Whether a target's path names its page in Chinese (written as is or
 * percent-encoded): a page of the site's Chinese edition whose name was
 * translated (zh.wikipedia.org/wiki/%E8%B7%A8...), which no rule can map
 * to the original's. */
static int S_chinese_path(const char *raw)
{
    const char *p = strstr(raw, "://");
    p = p ? strchr(p + 3, '/') : raw;
    for (; p && *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0xE3 && c <= 0xE9)
            return 1;   /* the lead byte of a CJK character */
        if (c == '%' && (p[1] == 'E' || p[1] == 'e') && p[2] >= '3' && p[2] <= '9')
            return 1;
    }
    return 0;
}

/* The last segment of a path (with its fragment), for "./computed" and
 * "/guide/computed" written on one page: the same page, written from
 * the page's folder and from the site's root. */
static const char *S_last_segment(const char *norm)
{
    const char *q = strchr(norm, '#');
    size_t end = q ? (size_t)(q - norm) : strlen(norm);
    while (end > 0 && norm[end - 1] == '/')
        end--;
    size_t k = end;
    while (k > 0 && norm[k - 1] != '/')
        k--;
    return norm + k;
}

static int S_relative(const S_link *x)
{
    return !x->absolute && x->norm[0] != '/' && x->norm[strcspn(x->norm, ":/?#")] != ':';
}

/* Whether url is a link to the original's own file in its repository
 * (".../blob/main/elixir-bumblebee.md", an "Update on GitHub" or "Edit
 * this page" link): a translation leaves it out, or links its own. */
static int S_own_source(const char *en_name, const char *url)
{
    const char *base = strrchr(en_name, '/');
    base = base ? base + 1 : en_name;
    size_t bl = strlen(base), ul = strcspn(url, "?#");
    if (!bl || ul <= bl || strncmp(url + ul - bl, base, bl) || url[ul - bl - 1] != '/')
        return 0;
    return strstr(url, "/blob/") || strstr(url, "/edit/") || strstr(url, "/tree/");
}

static void S_raw(const enf_doc *d, const S_link *x, char *buf, size_t sz)
{
    const char *s = x->url ? x->url : d->data + x->off;
    size_t n = x->url ? strlen(x->url) : x->len;
    if (n > sz - 1) {
        n = sz - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
}

int enf__check_links(enf__check_ctx *c)
{
    if (!enf__rule_on(c, ENF_RULE_LINK_LOST) && !enf__rule_on(c, ENF_RULE_LINK_CHANGED))
        return ENF_OK;
    int rc = ENF_OK;
    const enf_alignment *al = c->al;
    S_mirrors mir = {NULL, 0};
    if (c->opts->n_link_equiv) {
        mir.v = calloc(c->opts->n_link_equiv, sizeof *mir.v);
        if (!mir.v)
            return ENF_ENOMEM;
        for (size_t k = 0; k < c->opts->n_link_equiv; k++) {
            const enf_link_equiv *q = &c->opts->link_equiv[k];
            S_mirror *x = &mir.v[mir.n];
            x->from_len = enf_url_normalize(q->from, strlen(q->from), x->from, sizeof x->from);
            enf_url_normalize(q->to, strlen(q->to), x->to, sizeof x->to);
            if (x->from_len && x->from_len < sizeof x->from)
                mir.n++;
        }
    }
    const S_mirrors *m = &mir;
    for (size_t i = 0; i < al->n_beads && rc == ENF_OK; i++) {
        const enf_bead *bd = &al->beads[i];
        if (!bd->n_en || !bd->n_zh)
            continue;
        S_links el = {0}, zl = {0};
        if (S_extract_range(c->en, m, bd->en, bd->n_en, &el) || S_extract_range(c->zh, m, bd->zh, bd->n_zh, &zl)) {
            rc = ENF_ENOMEM;
        }
        /* match equal targets: each original target takes the first unused
         * equal one of the translation */
        size_t *eord = NULL, *zord = NULL;
        if (rc == ENF_OK && (S_sorted(&el, &eord) || S_sorted(&zl, &zord)))
            rc = ENF_ENOMEM;
        for (size_t a = 0; a < el.n && rc == ENF_OK; a++) {
            size_t k = S_lower(&zl, zord, el.v[a].norm);
            while (k < zl.n && zl.v[zord[k]].used && !strcmp(zl.v[zord[k]].norm, el.v[a].norm))
                k++;
            if (k < zl.n && !strcmp(zl.v[zord[k]].norm, el.v[a].norm))
                zl.v[zord[k]].used = el.v[a].used = 1;
        }
        size_t zi = 0;
        for (size_t a = 0; a < el.n && rc == ENF_OK; a++) {
            S_link *x = &el.v[a];
            if (x->used)
                continue;
            /* a duplicate of a target that was matched is not lost (no
             * original target becomes used after the matching above) */
            int dup = 0;
            for (size_t k = S_lower(&el, eord, x->norm);
                 k < el.n && !dup && !strcmp(el.v[eord[k]].norm, x->norm); k++)
                dup = el.v[eord[k]].used;
            if (dup)
                continue;
            while (zi < zl.n && zl.v[zi].used)
                zi++;
            char eraw[512], zraw[512];
            S_raw(c->en, x, eraw, sizeof eraw);
            if (zi < zl.n) {
                S_link *y = &zl.v[zi++];
                y->used = 1;
                S_raw(c->zh, y, zraw, sizeof zraw);
                enf__where w = {ENF_RULE_LINK_CHANGED, {x->blk, y->blk}, {x->off, y->off}, {x->len, y->len},
                                NULL, eraw, zraw};
                /* another site (a Chinese page, the repository's copy, an
                 * image hosted elsewhere) is most often chosen for the
                 * reader: a note; the same site with another page is a
                 * typo or a stale link: the rule's severity */
                char es[256], zs[256];
                S_site_key(x, es, sizeof es);
                S_site_key(y, zs, sizeof zs);
                /* so is a page of the site's Chinese edition named in
                 * Chinese, and the same page written from the root and
                 * from the page's folder: a note to look at */
                size_t before = c->out->n;
                int note = 1;
                if (strcmp(es, zs))
                    rc = enf__report(c, &w, "link target \"%s\" is on another site than the original's \"%s\" "
                                     "(line %d)", zraw, eraw, c->en->blocks[x->blk].start_line);
                else if (S_chinese_path(zraw) && !S_chinese_path(eraw))
                    rc = enf__report(c, &w, "link target \"%s\" is a page named in Chinese, the original's \"%s\" "
                                     "(line %d): the same page?", zraw, eraw, c->en->blocks[x->blk].start_line);
                else if (((S_relative(x) && y->norm[0] == '/') || (S_relative(y) && x->norm[0] == '/')) &&
                         !strcmp(S_last_segment(x->norm), S_last_segment(y->norm)))
                    rc = enf__report(c, &w, "link target \"%s\" is written from the site's root or from this "
                                     "page's folder, the original's \"%s\" the other way (line %d): the "
                                     "same page?", zraw, eraw, c->en->blocks[x->blk].start_line);
                else {
                    note = 0;
                    rc = enf__report(c, &w, "link target \"%s\" differs from the original's \"%s\" (line %d)",
                                     zraw, eraw, c->en->blocks[x->blk].start_line);
                }
                if (note)
                    enf__cap_since(c, before, ENF_SEV_NOTE);
                continue;
            }
            /* moved to a neighbouring block? */
            int near = 0;
            S_links nl = {0};
            if (i > 0 && al->beads[i - 1].n_zh)
                S_extract_range(c->zh, m, al->beads[i - 1].zh, al->beads[i - 1].n_zh, &nl);
            if (i + 1 < al->n_beads && al->beads[i + 1].n_zh)
                S_extract_range(c->zh, m, al->beads[i + 1].zh, al->beads[i + 1].n_zh, &nl);
            for (size_t q = 0; q < nl.n; q++)
                if (!strcmp(nl.v[q].norm, x->norm))
                    near = 1;
            free(nl.v);
            if (near)
                continue;
            enf__where w = {ENF_RULE_LINK_LOST, {x->blk, bd->zh}, {x->off, (size_t)-1}, {x->len, 0},
                            NULL, eraw, NULL};
            size_t before = c->out->n;
            if (S_own_source(c->en->name, eraw)) {
                rc = enf__report(c, &w, "the link to the original's own source \"%s\" (line %d of the "
                                 "original) is left out here", eraw, c->en->blocks[x->blk].start_line);
                enf__cap_since(c, before, ENF_SEV_NOTE);
            } else
                rc = enf__report(c, &w, "the link to \"%s\" (line %d of the original) is missing here",
                                 eraw, c->en->blocks[x->blk].start_line);
        }
        free(eord);
        free(zord);
        free(el.v);
        free(zl.v);
    }
    free(mir.v);
    return rc;
}
