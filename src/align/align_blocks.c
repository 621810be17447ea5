/* align_blocks.c — the block aligner: Doc x Doc -> Alignment.
 * A dynamic programme over beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2 and n-1/1-n
 * for a list flattened into one paragraph) whose costs come from
 * align_cost.c, a row of cells at a time (align_row.c).  Anchors unique to one block on each side pin the path, so
 * the programme runs in a band around it: time grows linearly with
 * document length.  After it, two passes mend what a monotone programme
 * cannot see: a heading goes with its section, and a moved section becomes
 * one bead. */
#include "align_internal.h"
#include "model_internal.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ---- band from pins */

typedef struct {
    int i, j;
} S_pin;

static int S_cmp_pin(const void *a, const void *b)
{
    const S_pin *x = a, *y = b;
    if (x->i != y->i)
        return (x->i > y->i) - (x->i < y->i);
    return (x->j > y->j) - (x->j < y->j);
}

/* Longest chain of pins increasing in both i and j (patience, O(k log k)). */
static size_t S_lis(S_pin *p, size_t k)
{
    if (k == 0)
        return 0;
    size_t *tail = malloc(k * sizeof *tail), *prev = malloc(k * sizeof *prev);
    if (!tail || !prev) {
        free(tail);
        free(prev);
        return 0;
    }
    size_t len = 0;
    for (size_t x = 0; x < k; x++) {
        size_t lo = 0, hi = len;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (p[tail[mid]].j < p[x].j && p[tail[mid]].i < p[x].i)
                lo = mid + 1;
            else
                hi = mid;
        }
        prev[x] = lo ? tail[lo - 1] : (size_t)-1;
        tail[lo] = x;
        if (lo == len)
            len++;
    }
    S_pin *out = malloc(len * sizeof *out);
    if (!out) {
        free(tail);
        free(prev);
        return 0;
    }
    size_t x = tail[len - 1];
    for (size_t q = len; q-- > 0;) {
        out[q] = p[x];
        x = prev[x];
    }
    memcpy(p, out, len * sizeof *out);
    free(out);
    free(tail);
    free(prev);
    return len;
}

static int S_band(const enf__bctx *c, int width, long *lo, long *hi)
{
    long n = (long)c->n[0], m = (long)c->n[1];
    size_t k = 0;
    S_pin *pins = malloc((c->table.n + 2) * sizeof *pins);
    if (!pins)
        return ENF_ENOMEM;
    for (size_t a = 0; a < c->table.n; a++) {
        const enf__banchor *e = &c->table.v[a];
        if (e->count[0] == 1 && e->count[1] == 1 && e->kind != ENF_ANCHOR_NUMBER &&
            e->kind != ENF_ANCHOR_LATIN)
            pins[k++] = (S_pin){e->first[0], e->first[1]};
    }
    qsort(pins, k, sizeof *pins, S_cmp_pin);
    k = S_lis(pins, k);
    /* centre line through (0,0), the pins and (n,m) */
    long pi = 0, pj = 0;
    size_t q = 0;
    for (long i = 0; i <= n; i++) {
        while (q < k && pins[q].i < i) {
            pi = pins[q].i;
            pj = pins[q].j;
            q++;
        }
        long ni = q < k ? pins[q].i : n, nj = q < k ? pins[q].j : m;
        double centre = ni > pi ? pj + (double)(nj - pj) * (double)(i - pi) / (double)(ni - pi) : pj;
        lo[i] = (long)centre - width;
        hi[i] = (long)centre + width;
        if (lo[i] < 0)
            lo[i] = 0;
        if (hi[i] > m)
            hi[i] = m;
    }
    free(pins);
    lo[0] = 0;
    hi[n] = m;
    /* rows must overlap so that a path exists */
    for (long i = 1; i <= n; i++)
        if (lo[i] < lo[i - 1])
            lo[i] = lo[i - 1];
    for (long i = n - 1; i >= 0; i--)
        if (hi[i] > hi[i + 1])
            hi[i] = hi[i + 1];
    for (long i = 0; i < n; i++)
        if (hi[i] < lo[i + 1])
            hi[i] = lo[i + 1];
    for (long i = 0; i <= n; i++)
        if (lo[i] > hi[i])
            lo[i] = hi[i];
    return ENF_OK;
}

/* A bead's cost, score and flags, from its blocks. */
static void S_score_bead(const enf__bctx *c, enf_bead *b, double lowc)
{
    b->cost = enf__bead_cost(c, b->en, (int)b->n_en, b->zh, (int)b->n_zh, &b->anchor_sim,
                          &b->length_ratio, ENF__INF);
    b->flags = 0;
    /* confidence: how much cheaper this bead was than leaving its blocks
     * unpaired */
    if (b->n_en && b->n_zh) {
        double alt = (double)(b->n_en + b->n_zh) * c->p.skip;
        double sc = (alt - b->cost) / alt;
        b->score = sc < 0 ? 0 : sc > 1 ? 1 : sc;
    } else {
        b->score = 0.5;
    }
    if (b->score < lowc)
        b->flags |= ENF_BEAD_LOW_CONFIDENCE;
}

/* ---- headings go with their sections
 * Headings without anchors pair on length alone, and "Loading" fits 预处理
 * as well as "Preprocessing" does.  When a heading pair is followed by
 * blocks of one side left unpaired, and the last of them is a heading of
 * the same level whose section is paired, that heading is the counterpart. */
static void S_slide_headings(const enf__bctx *c, enf_alignment *al, double lowc)
{
    size_t nb = al->n_beads;
    for (size_t k = 0; k + 2 < nb; k++) {
        enf_bead *b = &al->beads[k];
        if (b->n_en != 1 || b->n_zh != 1)
            continue;
        const enf_block *e = &c->doc[0]->blocks[b->en], *z = &c->doc[1]->blocks[b->zh];
        if (e->kind != ENF_BLOCK_HEADING || z->kind != ENF_BLOCK_HEADING)
            continue;
        int side = al->beads[k + 1].n_zh == 0 ? 0 : al->beads[k + 1].n_en == 0 ? 1 : -1;
        if (side < 0)
            continue;
        size_t r = k + 1;   /* the run of beads of that side only */
        while (r + 1 < nb && (side ? al->beads[r + 1].n_en : al->beads[r + 1].n_zh) == 0)
            r++;
        enf_bead *u = &al->beads[r];
        const enf_bead *after = r + 1 < nb ? &al->beads[r + 1] : NULL;
        if ((side ? u->n_zh : u->n_en) != 1 || !after || !after->n_en || !after->n_zh)
            continue;
        const enf_block *h = &c->doc[side]->blocks[side ? u->zh : u->en];
        const enf_block *mine = side ? z : e;
        if (h->kind != ENF_BLOCK_HEADING || h->level != mine->level)
            continue;
        if (side == 0) {
            u->zh = b->zh;
            u->n_zh = 1;
            b->n_zh = 0;
        } else {
            u->en = b->en;
            u->n_en = 1;
            b->n_en = 0;
        }
        S_score_bead(c, b, lowc);
        S_score_bead(c, u, lowc);
        k = r;
    }
}

/* ---- moved sections
 * The programme is monotone; a section moved elsewhere by the translator
 * comes out as blocks left unpaired on both sides.  When such an English
 * block and such a Chinese block share a strong anchor found nowhere else
 * (a link, code, an image), the blocks between them were reordered: the
 * beads from one to the other become one bead, as a gold alignment writes
 * a reordering. */

static void S_recover_moves(const enf__bctx *c, enf_alignment *al)
{
    size_t nb = al->n_beads;
    if (nb == 0)
        return;
    long *bead_of[2];
    bead_of[0] = malloc((c->n[0] + 1) * sizeof(long));
    bead_of[1] = malloc((c->n[1] + 1) * sizeof(long));
    size_t *reach = malloc(nb * sizeof *reach);  /* region end per start bead */
    if (!bead_of[0] || !bead_of[1] || !reach)
        goto out;
    for (size_t k = 0; k < nb; k++) {
        const enf_bead *b = &al->beads[k];
        for (size_t q = 0; q < b->n_en; q++)
            bead_of[0][b->en + q] = b->n_zh ? -1 : (long)k;
        for (size_t q = 0; q < b->n_zh; q++)
            bead_of[1][b->zh + q] = b->n_en ? -1 : (long)k;
        reach[k] = k;
    }
    int any = 0;
    for (size_t a = 0; a < c->table.n; a++) {
        const enf__banchor *e = &c->table.v[a];
        if (e->count[0] != 1 || e->count[1] != 1 || e->kind == ENF_ANCHOR_LATIN ||
            e->kind == ENF_ANCHOR_NUMBER)
            continue;
        long ke = bead_of[0][e->first[0]], kz = bead_of[1][e->first[1]];
        if (ke < 0 || kz < 0)
            continue;
        double wsum;
        double sim = enf__anchor_sim(c, (size_t)e->first[0], 1, (size_t)e->first[1], 1, &wsum);
        if (sim < 0.5 ||
            enf__kind_cost(c, &c->doc[0]->blocks[e->first[0]], &c->doc[1]->blocks[e->first[1]]) >= 1.0)
            continue;
        size_t lo = (size_t)(ke < kz ? ke : kz), hi = (size_t)(ke < kz ? kz : ke);
        if (hi > reach[lo])
            reach[lo] = hi;
        any = 1;
    }
    if (!any)
        goto out;
    /* regions: overlapping ones joined, kept when they hold a paired bead,
     * widened over the unpaired beads beside them (the moved section's
     * heading or an intro without anchors moved with it) */
    size_t *region_end = reach;  /* reused: region_end[k] > k starts a region */
    size_t last_end = 0;
    int have_last = 0;
    for (size_t k = 0; k < nb;) {
        size_t end = reach[k];
        for (size_t q = k; q <= end && q < nb; q++)
            if (reach[q] > end)
                end = reach[q];
        int paired = 0;
        for (size_t q = k; q <= end; q++)
            paired |= al->beads[q].n_en && al->beads[q].n_zh;
        for (size_t q = k; q <= end; q++)
            region_end[q] = q;
        if (end > k && paired) {
            size_t st = k;
            while (st > 0 && (!have_last || st - 1 > last_end) &&
                   !(al->beads[st - 1].n_en && al->beads[st - 1].n_zh))
                st--;
            while (end + 1 < nb && !(al->beads[end + 1].n_en && al->beads[end + 1].n_zh) &&
                   reach[end + 1] == end + 1)
                end++;
            region_end[st] = end;
            last_end = end;
            have_last = 1;
        }
        k = end + 1;
    }
    size_t w = 0;
    for (size_t k = 0; k < nb;) {
        size_t end = region_end[k];
        if (end > k) {
            enf_bead m = {0};
            int have_en = 0, have_zh = 0;
            for (size_t q = k; q <= end; q++) {
                const enf_bead *b = &al->beads[q];
                if (b->n_en && !have_en) {
                    m.en = b->en;
                    have_en = 1;
                }
                if (b->n_zh && !have_zh) {
                    m.zh = b->zh;
                    have_zh = 1;
                }
                m.n_en += b->n_en;
                m.n_zh += b->n_zh;
                m.cost += b->cost;
            }
            m.score = 0.5;
            m.anchor_sim = -1;
            m.flags = ENF_BEAD_LOW_CONFIDENCE;
            al->beads[w++] = m;
        } else {
            al->beads[w++] = al->beads[k];
        }
        k = end + 1;
    }
    al->n_beads = w;
out:
    free(bead_of[0]);
    free(bead_of[1]);
    free(reach);
}

/* ---- the programme */

/* The rows of back pointers: one block for all (bp[0] is its start). */
static void S_free_rows(unsigned char **bp)
{
    if (bp)
        free(bp[0]);
    free(bp);
}

int enf_align_blocks(const enf_doc *en, const enf_doc *zh, const enf_align_opts *opts,
                     enf_alignment **out, enf_error *err)
{
    *out = NULL;
    enf__bctx c;
    int rc = enf__bctx_init(&c, en, zh, opts, err);
    if (rc == ENF_EUSAGE) {
        enf__bctx_free(&c);
        return rc;
    }
    long n = (long)c.n[0], m = (long)c.n[1];
    long *lo = NULL, *hi = NULL;
    unsigned char **bp = NULL;        /* per row: 1 + shape of the best bead */
    double *ring[ENF__MAX_MERGE + 1] = {0}; /* costs of the last rows */
    enf_alignment *al = NULL;
    enf__cells *cx = NULL;
    size_t cells = 0;   /* in the band: bounds memory and time (SECURITY.md) */
    if (rc)
        goto fail;   /* err says why (the segmenter's or the lexicon's message) */
    int width = opts && opts->band > 0 ? opts->band : 60;
    lo = malloc((size_t)(n + 1) * sizeof *lo);
    hi = malloc((size_t)(n + 1) * sizeof *hi);
    bp = calloc((size_t)n + 1, sizeof *bp);
    if (!lo || !hi || !bp || S_band(&c, width, lo, hi))
        goto oom;
    for (long i = 0; i <= n; i++)
        cells += (size_t)(hi[i] - lo[i] + 1);
    if (cells > ENF_MAX_ALIGN_CELLS) {
        rc = enf_error_set(err, ENF_EINPUT,
                           "%s, %s: too many blocks to align (%ld x %ld); split them or lower --band",
                           en->name, zh->name, n, m);
        goto fail;
    }
    /* every cell of the band, row after row, in one block: enf__row
     * writes each cell of its row, so nothing needs clearing */
    long maxw = 1;
    if (!(bp[0] = malloc(cells)))
        goto oom;
    for (long i = 0; i <= n; i++) {
        if (hi[i] - lo[i] + 1 > maxw)
            maxw = hi[i] - lo[i] + 1;
        if (i)
            bp[i] = bp[i - 1] + (hi[i - 1] - lo[i - 1] + 1);
    }
    for (int r = 0; r <= ENF__MAX_MERGE; r++)
        if (!(ring[r] = malloc((size_t)maxw * sizeof(double))))
            goto oom;
    if (enf__cells_new(&c, maxw, &cx))
        goto oom;
    for (long i = 0; i <= n; i++) {
        double *rows[ENF__MAX_MERGE + 1];
        long rlo[ENF__MAX_MERGE + 1], rhi[ENF__MAX_MERGE + 1];
        for (int d = 0; d <= ENF__MAX_MERGE; d++) {
            rows[d] = d <= i ? ring[(i - d) % (ENF__MAX_MERGE + 1)] : NULL;
            rlo[d] = d <= i ? lo[i - d] : 1;
            rhi[d] = d <= i ? hi[i - d] : 0;
        }
        enf__row(&c, cx, i, rows, rlo, rhi, bp[i]);
    }
    al = calloc(1, sizeof *al);
    if (!al)
        goto oom;
    al->en_per_han = c.ratio;
    /* backtrack, once: the path's shapes from the end (a bead takes at
     * least one block, so there are at most n + m), then its beads in order */
    size_t nb = 0;
    unsigned char *path = malloc((size_t)(n + m) + 1);
    if (!path)
        goto oom;
    for (long i = n, j = m; i > 0 || j > 0; nb++) {
        unsigned char sh = bp[i][j - lo[i]];
        if (!sh)
            break;
        path[nb] = sh;
        i -= enf__shapes[sh - 1][0];
        j -= enf__shapes[sh - 1][1];
    }
    al->beads = calloc(nb ? nb : 1, sizeof *al->beads);
    if (!al->beads) {
        free(path);
        goto oom;
    }
    al->n_beads = nb;
    double lowc = opts && opts->low_confidence > 0 ? opts->low_confidence : 0.35;
    for (size_t k = nb, i = (size_t)n, j = (size_t)m; k > 0; k--) {
        unsigned char sh = path[nb - k];
        size_t di = (size_t)enf__shapes[sh - 1][0], dj = (size_t)enf__shapes[sh - 1][1];
        enf_bead *b = &al->beads[k - 1];
        i -= di;
        j -= dj;
        b->en = i;
        b->n_en = di;
        b->zh = j;
        b->n_zh = dj;
    }
    free(path);
    /* the path is out: the programme's memory goes before the passes */
    S_free_rows(bp);
    bp = NULL;
    for (size_t k = 0; k < nb; k++)
        S_score_bead(&c, &al->beads[k], lowc);
    S_slide_headings(&c, al, lowc);
    S_recover_moves(&c, al);
    rc = ENF_OK;
    goto done;
oom:
    rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory while aligning", en->name);
fail:
    enf_alignment_free(al);
    al = NULL;
done:
    S_free_rows(bp);
    for (int r = 0; r <= ENF__MAX_MERGE; r++)
        free(ring[r]);
    free(lo);
    free(hi);
    enf__cells_free(cx);
    enf__bctx_free(&c);
    *out = al;
    return rc;
}

