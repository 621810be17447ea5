/* report_links.c — the link and image targets shown under each block of the
 * report: those the reader recorded (enf_block.inlines), href= and src= in
 * HTML, bare http(s) URLs in text; made clickable only for safe schemes,
 * and flagged when the other side of the pair lacks them.  Also
 * the anchor lookup across a pair that the row renderer uses for numbers
 * and inline code. */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define S_MAX_URLS 200       /* per block shown under it */

typedef struct {
    char *url;               /* malloc-owned */
    int image;
} S_url;

typedef struct {
    S_url *v;
    size_t n, cap;
} S_urls;

/* Whether a link target from the input may become an href: http, https,
 * mailto or a relative reference.  Anything else (javascript:, data:,
 * vbscript:, ...) and anything with white space or control characters,
 * which browsers strip before reading the scheme, stays text. */
static int S_url_safe(const char *u)
{
    if (!*u)
        return 0;
    for (const unsigned char *p = (const unsigned char *)u; *p; p++)
        if (*p <= 0x20 || *p == 0x7F || *p == '\\')
            return 0;
    size_t i = 0;
    while (u[i] && u[i] != ':' && u[i] != '/' && u[i] != '?' && u[i] != '#')
        i++;
    if (u[i] != ':')
        return 1; /* no scheme: relative */
    return (i == 4 && !strncasecmp(u, "http", 4)) || (i == 5 && !strncasecmp(u, "https", 5)) ||
           (i == 6 && !strncasecmp(u, "mailto", 6));
}

static void S_urls_add(S_urls *l, const char *u, size_t n, int image)
{
    if (!n || n > 4096 || l->n >= S_MAX_URLS)
        return;
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->v[i].url) == n && !memcmp(l->v[i].url, u, n))
            return;
    if (enf__grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return;
    char *s = malloc(n + 1);
    if (!s)
        return;
    memcpy(s, u, n);
    s[n] = '\0';
    l->v[l->n].url = s;
    l->v[l->n].image = image;
    l->n++;
}

static void S_urls_free(S_urls *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].url);
    free(l->v);
}

/* href="..." / src="..." attributes in HTML source. */
static void S_scan_html_urls(const char *s, size_t len, S_urls *l)
{
    for (size_t i = 0; i + 5 < len; i++) {
        int href = !strncasecmp(s + i, "href=", 5), src = !strncasecmp(s + i, "src=", 4);
        if (!href && !src)
            continue;
        if (i > 0 && (s[i - 1] == '-' || s[i - 1] == '_' ||
                      ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z')))
            continue;
        size_t p = i + (href ? 5 : 4);
        char q = p < len && (s[p] == '"' || s[p] == '\'') ? s[p++] : 0;
        size_t e = p;
        while (e < len && (q ? s[e] != q : (s[e] != ' ' && s[e] != '>' && s[e] != '\n')))
            e++;
        S_urls_add(l, s + p, e - p, src);
        i = e;
    }
}

/* Bare http(s) URLs in plain text. */
static void S_scan_text_urls(const char *s, size_t len, S_urls *l)
{
    for (size_t i = 0; i + 8 < len; i++) {
        if (strncmp(s + i, "http://", 7) && strncmp(s + i, "https://", 8))
            continue;
        size_t e = i;
        while (e < len && (unsigned char)s[e] > 0x20 && (unsigned char)s[e] < 0x80 && s[e] != '<' &&
               s[e] != '>' && s[e] != '"' && s[e] != ')')
            e++;
        while (e > i && strchr(".,;:!?'", s[e - 1]))
            e--;
        S_urls_add(l, s + i, e - i, 0);
        i = e;
    }
}

/* The link and image targets of a block, as written in the source. */
static void S_block_urls(const enf_doc *d, const enf_block *b, S_urls *l)
{
    const char *src = d->data + b->src_off;
    size_t n = b->src_len;
    if (b->src_off + n > d->len)
        return;
    if (d->units == ENF_UNITS_MARKDOWN &&
        (b->kind == ENF_BLOCK_PARAGRAPH || b->kind == ENF_BLOCK_HEADING)) {
        /* the links, images and inline HTML the reader recorded */
        for (size_t k = 0; k < b->n_inlines; k++) {
            const enf_inline *x = &b->inlines[k];
            if ((x->kind == ENF_INLINE_LINK || x->kind == ENF_INLINE_IMAGE ||
                 x->kind == ENF_INLINE_AUTOLINK) && x->url)
                S_urls_add(l, x->url, strlen(x->url), x->kind == ENF_INLINE_IMAGE);
            else if (x->kind == ENF_INLINE_HTML)
                S_scan_html_urls(d->data + x->off, x->len, l);
        }
        S_scan_text_urls(b->text, b->text_len, l);
    } else if (b->kind == ENF_BLOCK_HTML || d->units == ENF_UNITS_HTML) {
        S_scan_html_urls(src, n, l);
        S_scan_text_urls(b->text, b->text_len, l);
        /* an HTML reader's span can hold more than the block (several
         * elements on one line): keep the targets that are its anchors */
        size_t k = 0;
        for (size_t i = 0; i < l->n; i++) {
            char norm[2048];
            enf_url_normalize(l->v[i].url, strlen(l->v[i].url), norm, sizeof norm);
            int mine = 0;
            for (size_t a = 0; a < b->n_anchors && !mine; a++)
                mine = (b->anchors[a].kind == ENF_ANCHOR_LINK ||
                        b->anchors[a].kind == ENF_ANCHOR_IMAGE) &&
                       !strcmp(b->anchors[a].value, norm);
            if (mine)
                l->v[k++] = l->v[i];
            else
                free(l->v[i].url);
        }
        l->n = k;
    } else if (b->kind != ENF_BLOCK_CODE) {
        S_scan_text_urls(b->text, b->text_len, l);
    }
}

/* ------------------------------------------------------------ anchors of a pair */

static int S_cmp_anchor(const void *x, const void *y)
{
    const enf_anchor *a = *(const enf_anchor *const *)x, *b = *(const enf_anchor *const *)y;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return strcmp(a->value, b->value);
}

/* Whether one side of a bead has an anchor of this kind and value.  The
 * side's anchors are sorted once per bead (c->ix), so a row with many
 * numbers or links costs n log n, not n squared (a 4 MB paragraph). */
int enf__report_has_anchor(enf__report_ctx *c, const enf_doc *d, const enf_bead *b, int side,
                           enf_anchor_kind kind, const char *val)
{
    size_t s = side ? b->zh : b->en, n = side ? b->n_zh : b->n_en;
    if (c->ix_bead != b || c->ix_side != side) {
        c->n_ix = 0;
        c->ix_bead = NULL;
        for (size_t i = s; i < s + n; i++) {
            const enf_block *B = &d->blocks[i];
            if (enf__grow((void **)&c->ix, &c->cap_ix, c->n_ix + B->n_anchors, sizeof *c->ix)) {
                c->oom = 1;
                return 0;
            }
            for (size_t k = 0; k < B->n_anchors; k++)
                c->ix[c->n_ix++] = &B->anchors[k];
        }
        if (c->n_ix)
            qsort(c->ix, c->n_ix, sizeof *c->ix, S_cmp_anchor);
        c->ix_bead = b;
        c->ix_side = side;
    }
    if (!c->n_ix)
        return 0;   /* no array at all yet: bsearch may not be given NULL */
    enf_anchor key = {0};
    key.kind = kind;
    key.value = val;
    const enf_anchor *kp = &key;
    return bsearch(&kp, c->ix, c->n_ix, sizeof *c->ix, S_cmp_anchor) != NULL;
}

static int S_has_link(enf__report_ctx *c, const enf_doc *d, const enf_bead *b, int side, const char *norm)
{
    return enf__report_has_anchor(c, d, b, side, ENF_ANCHOR_LINK, norm) ||
           enf__report_has_anchor(c, d, b, side, ENF_ANCHOR_IMAGE, norm);
}

/* ------------------------------------------------------------ the list */

void enf__report_block_links(enf__report_ctx *c, xmlNodePtr part, int side, const enf_block *B,
                             const enf_bead *bead, int *differs)
{
    const enf_doc *d = c->doc[side];
    S_urls urls = {0};
    S_block_urls(d, B, &urls);
    if (urls.n) {
        xmlNodePtr ul = enf__report_el(c, part, "ul", "links");
        for (size_t i = 0; i < urls.n; i++) {
            const char *u = urls.v[i].url;
            xmlNodePtr li = enf__report_el(c, ul, "li", NULL);
            enf__report_textz(c, li,
                              urls.v[i].image ? "image \xE2\x86\x92 " : "link \xE2\x86\x92 ");
            if (S_url_safe(u)) {
                xmlNodePtr a = enf__report_el(c, li, "a", NULL);
                enf__report_attr_text(a, "href", u, strlen(u));
                xmlSetProp(a, BAD_CAST "rel", BAD_CAST "noopener noreferrer");
                enf__report_textz(c, a, u);
            } else {
                xmlNodePtr sp = enf__report_el(c, li, "span", "unsafe");
                enf__report_textz(c, sp, u);
                enf__report_textz(c, li, " (not a web link)");
            }
            char norm[2048];
            enf_url_normalize(u, strlen(u), norm, sizeof norm);
            if ((side ? bead->n_en : bead->n_zh) && *norm &&
                !S_has_link(c, c->doc[!side], bead, !side, norm)) {
                *differs = 1;
                xmlNodePtr o = enf__report_el(c, li, "span", "only");
                enf__report_textz(c, o,
                                  side ? " only in the translation" : " only in the original");
            }
        }
    }
    S_urls_free(&urls);
}
