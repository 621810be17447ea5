/* drift_diff.c — the block diff of enf_drift: the old and new originals
 * compared block by block on normalized keys (a longest common
 * subsequence), then moves, then the blocks left in each gap paired by
 * similarity (changed blocks). */
#include "drift_internal.h"

#include <stdlib.h>
#include <string.h>

static uint64_t S_fnv(const char *s, size_t n, unsigned kind)
{
    uint64_t h = 1469598103934665603ull ^ kind;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static int S_alnum(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* A block's key: its source with white space removed (so a re-wrapped
 * paragraph or re-indented code is the same block), except that a run of
 * it between two ASCII letters or digits is one space: "VSCode" and
 * "VS Code" are different words.  In the baselines, its source as
 * written. */
int enf__drift_keys(enf__drift_ctx *c, int side, const enf_doc *d)
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
        char *k = malloc(blk->src_len + 5);
        if (!k)
            return ENF_ENOMEM;
        size_t o = 0;
        if (c->o->mode == ENF_DRIFT_CLASSIFY) {
            /* where the block sits: a paragraph that becomes a list item
             * (the block's span starts after the marker) is a change */
            /* (re-indenting is not: code moved into a list item, a
             * paragraph out of one, keep their key) */
            int code = blk->kind == ENF_BLOCK_CODE || blk->kind == ENF_BLOCK_HTML;
            int first = blk->item_id && (b == 0 || d->blocks[b - 1].item_id != blk->item_id);
            k[o++] = (char)('0' + (code ? 0 : blk->quote_depth > 9 ? 9 : blk->quote_depth));
            k[o++] = !code && first ? 'i' : '-';
            k[o++] = '|';
            k[o++] = '|';
        }
        for (size_t i = 0; i < blk->src_len; i++) {
            if (c->o->mode != ENF_DRIFT_CLASSIFY || !enf__drift_is_space((unsigned char)s[i])) {
                k[o++] = s[i];
                continue;
            }
            size_t e = i;
            while (e < blk->src_len && enf__drift_is_space((unsigned char)s[e]))
                e++;
            if (o && e < blk->src_len && S_alnum((unsigned char)k[o - 1]) && S_alnum((unsigned char)s[e]))
                k[o++] = ' ';
            i = e - 1;
        }
        k[o] = '\0';
        c->key[side][b] = k;
        c->klen[side][b] = o;
        c->hash[side][b] = S_fnv(k, o, (unsigned)blk->kind);
    }
    return ENF_OK;
}

static int S_same(const enf__drift_ctx *c, size_t i, size_t j)
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
size_t enf__drift_heading_id(const enf_block *b, size_t *off)
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
    enf__drift_heading_id(b, &off);
    return off;
}

static double S_block_sim(const enf__drift_ctx *c, size_t i, size_t j)
{
    const enf_block *a = &c->so->blocks[i], *b = &c->sn->blocks[j];
    if (a->kind != b->kind)
        return 0;
    return S_sim(a->text, S_body_len(a), b->text, S_body_len(b));
}

/* ---- the block diff */

/* Longest common subsequence of equal keys; pairs old i with new j. */
int enf__drift_lcs(enf__drift_ctx *c)
{
    size_t n = c->so->n_blocks, m = c->sn->n_blocks;
    size_t p = 0, s = 0;
    while (p < n && p < m && S_same(c, p, p)) {
        c->old[p] = (enf__drift_old){ENF__DRIFT_SAME, p, ENF__DRIFT_C_NONE, ""};
        c->new_old[p] = p;
        p++;
    }
    while (s < n - p && s < m - p && S_same(c, n - 1 - s, m - 1 - s)) {
        c->old[n - 1 - s] = (enf__drift_old){ENF__DRIFT_SAME, m - 1 - s, ENF__DRIFT_C_NONE, ""};
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
            c->old[p + i] = (enf__drift_old){ENF__DRIFT_SAME, p + j, ENF__DRIFT_C_NONE, ""};
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
void enf__drift_moves(enf__drift_ctx *c)
{
    size_t n = c->so->n_blocks, m = c->sn->n_blocks;
    size_t pre = c->o->mode == ENF_DRIFT_CLASSIFY ? 4 : 0;   /* the key's place prefix */
    for (size_t i = 0; i < n; i++) {
        if (c->old[i].st != ENF__DRIFT_DELETED || c->klen[0][i] < 16 + pre)
            continue;
        for (size_t j = 0; j < m; j++)
            if (c->new_old[j] == ENF__DRIFT_NONE && S_same(c, i, j)) {
                c->old[i] = (enf__drift_old){ENF__DRIFT_MOVED, j, ENF__DRIFT_C_REWRITE, ""};
                c->new_old[j] = i;
                break;
            }
    }
}

/* In each gap between kept blocks, pair the old and new blocks left by
 * similarity (a monotone programme: the pairing of greatest total
 * similarity, pairs below 0.35 not made). */
int enf__drift_pair_gaps(enf__drift_ctx *c)
{
    size_t n = c->so->n_blocks, m = c->sn->n_blocks;
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        /* the gap: old [i, ie), new [j, je) up to the next kept pair */
        size_t ie = i, je = j;
        while (ie < n && c->old[ie].st != ENF__DRIFT_SAME)
            ie++;
        while (je < m && !(c->new_old[je] != ENF__DRIFT_NONE && c->old[c->new_old[je]].st == ENF__DRIFT_SAME))
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
                    if (c->old[i + x].st == ENF__DRIFT_DELETED && c->new_old[j + y] == ENF__DRIFT_NONE) {
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
                    c->old[i + x].st = ENF__DRIFT_CHANGED;
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
