/* check_links.c — link.lost / link.changed: the link and image targets of
 * each aligned pair, normalized (enf_url_normalize) and compared as
 * multisets.  A target of the original missing from the translation is
 * "changed" when the translation has an extra target in the same bead
 * (paired in order), else "lost" unless it occurs in a neighbouring bead. */
#include "check_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t blk, off, len;     /* the raw target in doc->data */
    char norm[512];
    int used;
} S_link;

typedef struct {
    S_link *v;
    size_t n, cap;
} S_links;

static int S_push(S_links *l, size_t blk, const char *data, size_t off, size_t len)
{
    if (len == 0)
        return ENF_OK;
    if (enf__grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return ENF_ENOMEM;
    S_link *x = &l->v[l->n++];
    x->blk = blk;
    x->off = off;
    x->len = len;
    x->used = 0;
    enf_url_normalize(data + off, len, x->norm, sizeof x->norm);
    return ENF_OK;
}

/* Targets of one block: "](dest)" and "<http...>"; HTML blocks by their
 * anchors are not located, so they are read the same way from href=. */
static int S_extract(const enf_doc *d, size_t b, S_links *l)
{
    const enf_block *blk = &d->blocks[b];
    if (blk->kind == ENF_BLOCK_CODE)
        return ENF_OK;
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
                        int cp = enf_utf8_decode(s + e, len - e, &adv);
                        if (enf_is_cjk_punct(cp))
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
            if (S_push(l, b, d->data, blk->src_off + st, e - st))
                return ENF_ENOMEM;
            i = e;
        }
    }
    return ENF_OK;
}

static int S_extract_range(const enf_doc *d, size_t first, size_t n, S_links *l)
{
    for (size_t k = 0; k < n; k++)
        if (S_extract(d, first + k, l))
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

static void S_raw(const enf_doc *d, const S_link *x, char *buf, size_t sz)
{
    size_t n = x->len < sz - 1 ? x->len : sz - 1;
    memcpy(buf, d->data + x->off, n);
    buf[n] = '\0';
}

int enf__check_links(enf__check_ctx *c)
{
    if (!enf__rule_on(c, ENF_RULE_LINK_LOST) && !enf__rule_on(c, ENF_RULE_LINK_CHANGED))
        return ENF_OK;
    int rc = ENF_OK;
    const enf_alignment *al = c->al;
    for (size_t i = 0; i < al->n_beads && rc == ENF_OK; i++) {
        const enf_bead *bd = &al->beads[i];
        if (!bd->n_en || !bd->n_zh)
            continue;
        S_links el = {0}, zl = {0};
        if (S_extract_range(c->en, bd->en, bd->n_en, &el) || S_extract_range(c->zh, bd->zh, bd->n_zh, &zl)) {
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
                rc = enf__report(c, &w, "link target \"%s\" differs from the original's \"%s\" (line %d)",
                                 zraw, eraw, c->en->blocks[x->blk].start_line);
                continue;
            }
            /* moved to a neighbouring block? */
            int near = 0;
            S_links nl = {0};
            if (i > 0 && al->beads[i - 1].n_zh)
                S_extract_range(c->zh, al->beads[i - 1].zh, al->beads[i - 1].n_zh, &nl);
            if (i + 1 < al->n_beads && al->beads[i + 1].n_zh)
                S_extract_range(c->zh, al->beads[i + 1].zh, al->beads[i + 1].n_zh, &nl);
            for (size_t q = 0; q < nl.n; q++)
                if (!strcmp(nl.v[q].norm, x->norm))
                    near = 1;
            free(nl.v);
            if (near)
                continue;
            enf__where w = {ENF_RULE_LINK_LOST, {x->blk, bd->zh}, {x->off, (size_t)-1}, {x->len, 0},
                            NULL, eraw, NULL};
            rc = enf__report(c, &w, "the link to \"%s\" (line %d of the original) is missing here",
                             eraw, c->en->blocks[x->blk].start_line);
        }
        free(eord);
        free(zord);
        free(el.v);
        free(zl.v);
    }
    return rc;
}
