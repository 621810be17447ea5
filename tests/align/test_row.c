/* test_row.c — src/align/align_row.c: enf__row gives every cell of the
 * programme the cost and the shape that the plain loop over the shapes in
 * their order, with enf__bead_cost's full cost, gives: the same double
 * and, of equal costs, the first shape.  enf__row tries the shapes in
 * another order and stops a shape's cost once it cannot win; this test is
 * what says it still finds the same cell by cell.  Run on the pairs of
 * corpus/ (argv[1] is the project root) and on small documents, with the
 * default weights and with weights that make many beads cost the same. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align_internal.h"
#include "fixtures.h"

static const char *S_root;
static size_t S_ties;   /* cells where the best cost is reached by two shapes */

/* Every cell of en x zh in a band of the given half width around the
 * diagonal (0: the full rectangle), enf__row against the plain loop.  A
 * narrow band has rows whose shapes start out of range at either end,
 * where enf__row checks each start, and a middle where it does not. */
static void S_same_cells_in(const enf_doc *en, const enf_doc *zh, const char *params, long band,
                            const char *what)
{
    enf_align_opts o = {0};
    o.params = params;
    enf__bctx c;
    enf_error err = {0};
    assert_int_equal(enf__bctx_init(&c, en, zh, &o, &err), ENF_OK);
    long n = (long)c.n[0], m = (long)c.n[1], w = m + 1;
    double *want = malloc((size_t)(n + 1) * (size_t)w * sizeof *want);
    double *ring[ENF__MAX_MERGE + 1];
    for (int r = 0; r <= ENF__MAX_MERGE; r++)
        ring[r] = malloc((size_t)w * sizeof(double));
    unsigned char *bp = malloc((size_t)w);
    enf__cells *cx = NULL;
    assert_int_equal(enf__cells_new(&c, w, &cx), ENF_OK);
    /* row i's cells: [lo(i), hi(i)], rising with i and overlapping */
#define LO(i) (band ? ((i) - band > 0 ? ((i) - band < m ? (i) - band : m) : 0) : 0)
#define HI(i) (band ? ((i) + band < m ? (i) + band : m) : m)
    for (long k = 0; k < (n + 1) * w; k++)
        want[k] = ENF__INF;
    for (long i = 0; i <= n; i++) {
        double *rows[ENF__MAX_MERGE + 1];
        long rlo[ENF__MAX_MERGE + 1], rhi[ENF__MAX_MERGE + 1];
        for (int d = 0; d <= ENF__MAX_MERGE; d++) {
            rows[d] = d <= i ? ring[(i - d) % (ENF__MAX_MERGE + 1)] : NULL;
            rlo[d] = d <= i ? LO(i - d) : 1;
            rhi[d] = d <= i ? HI(i - d) : 0;
        }
        if (i == n)
            rhi[0] = m;   /* the last row reaches the corner */
        enf__row(&c, cx, i, rows, rlo, rhi, bp);
        for (long j = rlo[0]; j <= rhi[0]; j++) {
            double cur = i == 0 && j == 0 ? 0 : ENF__INF;
            int best = 0, ties = 0;
            for (int s = 0; s < ENF__NSHAPES; s++) {
                long pi = i - enf__shapes[s][0], pj = j - enf__shapes[s][1];
                if (pi < 0 || pj < 0)
                    continue;
                double b = want[pi * w + pj];
                if (b >= ENF__INF)
                    continue;
                float a, l;
                int ni = enf__shapes[s][0], nj = enf__shapes[s][1];
                double v = ni == 0 ? enf__bead_cost(&c, 0, 0, (size_t)pj, 1, &a, &l, ENF__INF)
                                   : enf__bead_cost(&c, (size_t)pi, ni, (size_t)pj, nj, &a, &l, ENF__INF);
                if (v >= ENF__INF)
                    continue;
                if (b + v == cur)
                    ties++;
                if (b + v < cur) {
                    cur = b + v;
                    best = s + 1;
                    ties = 0;
                }
            }
            S_ties += ties > 0;
            want[i * w + j] = cur;
            long at = j - rlo[0];
            if (memcmp(&cur, &rows[0][at], sizeof cur) || bp[at] != best)
                fail_msg("%s (%s, band %ld): cell %ld,%ld: enf__row %.17g shape %d, the loop %.17g "
                         "shape %d", what, params ? params : "default", band, i, j, rows[0][at], bp[at],
                         cur, best);
        }
    }
#undef LO
#undef HI
    enf__cells_free(cx);
    for (int r = 0; r <= ENF__MAX_MERGE; r++)
        free(ring[r]);
    free(bp);
    free(want);
    enf__bctx_free(&c);
}

static void S_same_cells(const enf_doc *en, const enf_doc *zh, const char *params, const char *what)
{
    S_same_cells_in(en, zh, params, 0, what);
    /* bands narrower than the longest merge (8) and wider */
    S_same_cells_in(en, zh, params, 3, what);
    S_same_cells_in(en, zh, params, 12, what);
}

/* Weights under which most beads cost nothing or the same: ties
 * everywhere, so the order of the shapes decides. */
static const char *const S_flat[] = {
    NULL,
    "w_anchor=0,w_length=0,no_anchor=0,skip=0,skip_anchored=0,merge2=0,merge22=0,merge_n=0,"
    "kind_mismatch=0,w_sent=0,w_colon=0",
    "w_anchor=0,w_length=0,no_anchor=1,skip=0.5,skip_anchored=0,merge2=1,merge22=2,merge_n=0,"
    "kind_mismatch=1,w_sent=0,w_colon=0",
};

static void S_pair(const enf_doc *en, const enf_doc *zh, const char *what)
{
    for (size_t k = 0; k < sizeof S_flat / sizeof *S_flat; k++)
        S_same_cells(en, zh, S_flat[k], what);
}

static void test_small(void **state)
{
    (void)state;
    enf_doc *en = fx_md("en.md", "# News\n\nThe model [ViT](https://arxiv.org/abs/2010.11929) is fast.\n\n"
                                 "It runs 3 times faster on 8 GPUs.\n\nA short one.\n\n- one\n- two\n\n"
                                 "```\ncode()\n```\n\nThe end: 42.\n");
    enf_doc *zh = fx_md("zh.md", "# 新闻\n\n模型 [ViT](https://arxiv.org/abs/2010.11929) 很快。"
                                 "它在 8 个 GPU 上快 3 倍。\n\n- 一\n- 二\n\n```\ncode()\n```\n\n"
                                 "译者注。\n\n结束：42。\n");
    S_pair(en, zh, "small");
    enf_doc_free(en);
    enf_doc_free(zh);
}

static void test_corpus(void **state)
{
    (void)state;
    static const char *const pairs[] = {"issue-101", "issue-102", "issue-103"};
    if (!S_root)
        fail_msg("usage: test_align_row PROJECT_ROOT");
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
        char pe[4096], pz[4096];
        snprintf(pe, sizeof pe, "%s/corpus/%s/en.md", S_root, pairs[k]);
        snprintf(pz, sizeof pz, "%s/corpus/%s/zh.md", S_root, pairs[k]);
        enf_doc *en = NULL, *zh = NULL;
        enf_error err = {0};
        if (enf_doc_read_file(pe, ENF_UNITS_MARKDOWN, &en, &err) ||
            enf_doc_read_file(pz, ENF_UNITS_MARKDOWN, &zh, &err))
            fail_msg("%s", err.msg);
        S_pair(en, zh, pairs[k]);
        enf_doc_free(en);
        enf_doc_free(zh);
    }
    /* the flat weights must have made ties, or the order went untested */
    if (S_ties < 100)
        fail_msg("only %zu cells with tied shapes", S_ties);
}

/* The sentence counts the cost reads: two English sentences however far
 * into the block the inner stop is (the scan for one goes eight bytes at a
 * time), and one when a stop has no space after it. */
static void test_sentence_counts(void **state)
{
    (void)state;
    char md[8192] = "";
    size_t at = 0;
    for (int k = 0; k < 40; k++) {
        at += (size_t)snprintf(md + at, sizeof md - at, "W%.*s! Next one%s\n\n", k,
                               "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
                               k % 2 ? "." : "");
        at += (size_t)snprintf(md + at, sizeof md - at, "W%.*s.x and v1.2 or 3?no%s\n\n", k,
                               "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
                               k % 3 ? "?" : "");
    }
    enf_doc *en = fx_md("en.md", md);
    enf_doc *zh = fx_md("zh.md", "一。二。\n");
    enf_align_opts o = {0};
    enf__bctx c;
    enf_error err = {0};
    assert_int_equal(enf__bctx_init(&c, en, zh, &o, &err), ENF_OK);
    assert_int_equal(c.n[0], 80);
    for (size_t i = 0; i < c.n[0]; i++)
        if (c.sents[0][i] != (i % 2 ? 1.0f : 2.0f))
            fail_msg("block %zu \"%s\": %g sentences", i, en->blocks[i].text, c.sents[0][i]);
    enf__bctx_free(&c);
    enf_doc_free(en);
    enf_doc_free(zh);
}

/* A translator's note never joins a merged run, whichever mark opens it;
 * a paragraph that only looks like one does. */
static void test_translator_notes(void **state)
{
    (void)state;
    static const char *const second[] = {"译者注：乙。", "译注：乙。", "注：乙。", "【译者注：乙】",
                                         "（译者注：乙）", "乙。", "注意乙。", "【乙】"};
    enf_doc *en = fx_md("en.md", "One.\n\nTwo.\n");
    for (size_t k = 0; k < sizeof second / sizeof *second; k++) {
        char md[256];
        snprintf(md, sizeof md, "甲。\n\n%s\n", second[k]);
        enf_doc *zh = fx_md("zh.md", md);
        enf_align_opts o = {0};
        enf__bctx c;
        enf_error err = {0};
        assert_int_equal(enf__bctx_init(&c, en, zh, &o, &err), ENF_OK);
        int want = k < 5 ? 1 : 2;
        if (c.run[1][0] != want)
            fail_msg("\"%s\": run of %d, want %d", second[k], c.run[1][0], want);
        enf__bctx_free(&c);
        enf_doc_free(zh);
    }
    enf_doc_free(en);
}

int main(int argc, char **argv)
{
    S_root = argc > 1 ? argv[1] : NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small),
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_sentence_counts),
        cmocka_unit_test(test_translator_notes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
