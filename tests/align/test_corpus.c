/* test_corpus.c — src/align/corpus.c: enf_corpus_align on a small
 * hand-written document pair: the exact sentence pairs and where they come
 * from, the filters (drop_code, drop_tables, min_score), kept code's
 * newlines, block pairs (opts.blocks), and the reasons a poorly aligned
 * document gives no pairs at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

/* heading, two paragraphs of two sentences, a code block and a table */
static const char S_en[] = "# Cats and dogs\n\n"
                           "The cat sleeps. The dog eats grass.\n\n"
                           "The bird flies over 3 red houses. The fish swims.\n\n"
                           "```\nprint(1)\n```\n\n"
                           "| a | b |\n|---|---|\n| 1 | 2 |\n";
static const char S_zh[] = "# 猫和狗\n\n"
                           "猫睡觉。狗吃草。\n\n"
                           "鸟飞过 3 座红房子。鱼游。\n\n"
                           "```\nprint(1)\n```\n\n"
                           "| a | b |\n|---|---|\n| 1 | 2 |\n";

/* The pairs as "en | zh | type block_bead en_block/zh_block en_sent/zh_sent"
 * lines; the scores are checked by the callers. */
static const char *S_pairs(const enf_corpus_pairs *p)
{
    static char buf[2048];
    buf[0] = '\0';
    for (size_t i = 0; i < p->n; i++) {
        const enf_corpus_pair *c = &p->v[i];
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s | %s | %s %zu %d/%d %zu/%zu\n", c->en,
                 c->zh, c->type, c->block_bead, c->en_block, c->zh_block, c->en_sent, c->zh_sent);
    }
    return buf;
}

static void S_corpus(const char *en_s, const char *zh_s, const enf_lexicon *lx,
                     const enf_corpus_opts *o, enf_corpus_pairs *p)
{
    enf_doc *en = fx_md("en.md", en_s), *zh = fx_md("zh.md", zh_s);
    enf_error err = {0};
    memset(p, 0, sizeof *p);
    if (enf_corpus_align(en, zh, lx, NULL, o, p, &err))
        fail_msg("%s", err.msg);
    enf_doc_free(en);
    enf_doc_free(zh);
}

static void test_corpus_pairs(void **state)
{
    (void)state;
    enf_lexicon *lx = fx_lex();
    enf_corpus_pairs p;
    S_corpus(S_en, S_zh, lx, NULL, &p);
    assert_string_equal(p.skipped, "");
    /* one pair per sentence; code and the table are one unit each (the
     * table's lines joined by spaces) */
    assert_string_equal(S_pairs(&p),
                        "Cats and dogs | 猫和狗 | 1-1 0 1/1 0/0\n"
                        "The cat sleeps. | 猫睡觉。 | 1-1 1 3/3 1/1\n"
                        "The dog eats grass. | 狗吃草。 | 1-1 1 3/3 2/2\n"
                        "The bird flies over 3 red houses. | 鸟飞过 3 座红房子。 | 1-1 2 5/5 3/3\n"
                        "The fish swims. | 鱼游。 | 1-1 2 5/5 4/4\n"
                        "print(1) | print(1) | 1-1 3 7/7 5/5\n"
                        "| a | b | |---|---| | 1 | 2 | | | a | b | |---|---| | 1 | 2 | | 1-1 4 11/11 6/6\n");
    /* with the dictionary every pair is near certain (0.989 to 0.995) */
    for (size_t i = 0; i < p.n; i++) {
        assert_true(p.v[i].score > 0.98 && p.v[i].score <= 1);
        assert_int_equal(p.v[i].n_en, 1);
        assert_int_equal(p.v[i].n_zh, 1);
    }
    enf_corpus_pairs_free(&p);
    assert_int_equal(p.n, 0);
    assert_null(p.v);
    enf_lexicon_free(lx);
}

static void test_corpus_drop_code_and_tables(void **state)
{
    (void)state;
    enf_lexicon *lx = fx_lex();
    enf_corpus_pairs p;
    enf_corpus_opts o = {0};
    o.drop_code = 1;
    S_corpus(S_en, S_zh, lx, &o, &p);
    assert_int_equal(p.n, 6);
    assert_null(strstr(S_pairs(&p), "print(1)"));
    /* the table is sentence 5 now: the numbering counts what was kept */
    assert_non_null(strstr(S_pairs(&p), "| 1-1 4 11/11 5/5\n"));
    enf_corpus_pairs_free(&p);
    o.drop_code = 0;
    o.drop_tables = 1;
    S_corpus(S_en, S_zh, lx, &o, &p);
    assert_int_equal(p.n, 6);
    assert_null(strstr(S_pairs(&p), "|---|"));
    assert_non_null(strstr(S_pairs(&p), "print(1) | print(1) | 1-1 3 7/7 5/5\n"));
    enf_corpus_pairs_free(&p);
    enf_lexicon_free(lx);
}

static void test_corpus_min_score(void **state)
{
    (void)state;
    /* without a dictionary only the pairs sharing an anchor (the number 3,
     * the code, the table) are confident; min_score keeps just those */
    enf_corpus_pairs p;
    S_corpus(S_en, S_zh, NULL, NULL, &p);
    assert_int_equal(p.n, 7);
    size_t confident = 0;
    for (size_t i = 0; i < p.n; i++)
        confident += p.v[i].score >= 0.9;
    assert_int_equal(confident, 3);
    enf_corpus_pairs_free(&p);
    enf_corpus_opts o = {0};
    o.min_score = 0.9;
    S_corpus(S_en, S_zh, NULL, &o, &p);
    assert_string_equal(S_pairs(&p),
                        "The bird flies over 3 red houses. | 鸟飞过 3 座红房子。 | 1-1 2 5/5 3/3\n"
                        "print(1) | print(1) | 1-1 3 7/7 5/5\n"
                        "| a | b | |---|---| | 1 | 2 | | | a | b | |---|---| | 1 | 2 | | 1-1 4 11/11 6/6\n");
    for (size_t i = 0; i < p.n; i++)
        assert_true(p.v[i].score >= 0.9);
    enf_corpus_pairs_free(&p);
}

static const char S_en_poor[] =
    "# Notes\n\nThe first note is about the weather in spring.\n\nThe second is about the garden.\n\n"
    "The third is about the river.\n\nThe fourth is about the hills.\n\nThe fifth is about the sea.\n\n"
    "The sixth is about the town.\n\nThe seventh is about the road.\n";
static const char S_zh_poor[] = "# 笔记\n\n一段无关的话。\n";

static void test_corpus_skipped(void **state)
{
    (void)state;
    /* eight English blocks, two Chinese: six of the ten have no
     * counterpart, more than half, so the document gives no pairs */
    enf_corpus_pairs p;
    S_corpus(S_en_poor, S_zh_poor, NULL, NULL, &p);
    assert_int_equal(p.n, 0);
    assert_string_equal(p.skipped, "block alignment poor: 6 of 10 blocks have no counterpart");
    enf_corpus_pairs_free(&p);
    /* a looser max_unpaired lets it through */
    enf_corpus_opts o = {0};
    o.max_unpaired = 0.7;
    S_corpus(S_en_poor, S_zh_poor, NULL, &o, &p);
    assert_string_equal(p.skipped, "");
    assert_true(p.n > 0);
    enf_corpus_pairs_free(&p);
    /* the mean score of the paired block beads (0.78 and 0.54 here) */
    const char *en = "# A\n\nOne paragraph about cats.\n\nAnother about dogs.\n\nA third about birds.\n\n"
                     "A fourth about fish.\n\nA fifth about cows.\n";
    const char *zh = "# 甲\n\n完全不同的一段话。\n";
    memset(&o, 0, sizeof o);
    o.min_block_score = 0.7;
    S_corpus(en, zh, NULL, &o, &p);
    assert_int_equal(p.n, 0);
    assert_string_equal(p.skipped, "block alignment poor: mean block score 0.66 < 0.70");
    enf_corpus_pairs_free(&p);
    o.min_block_score = 0;
    o.max_unpaired = 0.3;
    S_corpus(en, zh, NULL, &o, &p);
    assert_string_equal(p.skipped, "block alignment poor: 3 of 8 blocks have no counterpart");
    enf_corpus_pairs_free(&p);
    /* with the defaults it passes, and its one poor pair scores low: a
     * corpus builder's min_score is what keeps it out.  Only paired blocks
     * are cut into sentences, so the fourth paragraph is English sentence 1 */
    S_corpus(en, zh, NULL, NULL, &p);
    assert_string_equal(p.skipped, "");
    assert_string_equal(S_pairs(&p), "A | 甲 | 1-1 0 1/1 0/0\n"
                                     "A fourth about fish. A fifth about cows. | 完全不同的一段话。 | 2-1 4 9/3 1/1\n");
    assert_true(p.v[1].score < 0.3);
    enf_corpus_pairs_free(&p);
}

static void test_corpus_kept_code_newlines(void **state)
{
    (void)state;
    /* a kept code block is one unit whose newlines stay (the writers of
     * line-based formats flatten them); prose has them made spaces */
    const char *en = "# Run\n\nRun it.\n\n```\npip install x\npython -m x\n```\n";
    const char *zh = "# 运行\n\n运行它。\n\n```\npip install x\npython -m x\n```\n";
    enf_corpus_pairs p;
    S_corpus(en, zh, NULL, NULL, &p);
    assert_non_null(strstr(S_pairs(&p), "pip install x\npython -m x | pip install x\npython -m x | 1-1 2 "));
    enf_corpus_pairs_free(&p);
}

static void test_corpus_blocks(void **state)
{
    (void)state;
    /* opts.blocks: one pair per block bead, its blocks' texts, the block
     * bead's score; en_sent/zh_sent are block indexes */
    enf_lexicon *lx = fx_lex();
    enf_corpus_pairs p;
    enf_corpus_opts o = {0};
    o.blocks = 1;
    o.drop_code = 1;
    S_corpus(S_en, S_zh, lx, &o, &p);
    assert_string_equal(S_pairs(&p),
                        "Cats and dogs | 猫和狗 | 1-1 0 1/1 0/0\n"
                        "The cat sleeps. The dog eats grass. | 猫睡觉。狗吃草。 | 1-1 1 3/3 1/1\n"
                        "The bird flies over 3 red houses. The fish swims. | 鸟飞过 3 座红房子。鱼游。 | 1-1 2 5/5 2/2\n"
                        "| a | b | |---|---| | 1 | 2 | | | a | b | |---|---| | 1 | 2 | | 1-1 4 11/11 4/4\n");
    for (size_t i = 0; i < p.n; i++) {
        assert_true(p.v[i].score > 0 && p.v[i].score <= 1);
        assert_int_equal(p.v[i].n_en, 1);
        assert_int_equal(p.v[i].n_zh, 1);
    }
    enf_corpus_pairs_free(&p);
    /* min_score applies to the block bead's score */
    o.min_score = 1.01;
    S_corpus(S_en, S_zh, lx, &o, &p);
    assert_int_equal(p.n, 0);
    enf_corpus_pairs_free(&p);
    enf_lexicon_free(lx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_pairs),
        cmocka_unit_test(test_corpus_kept_code_newlines),
        cmocka_unit_test(test_corpus_blocks),
        cmocka_unit_test(test_corpus_drop_code_and_tables),
        cmocka_unit_test(test_corpus_min_score),
        cmocka_unit_test(test_corpus_skipped),
    };
    return cmocka_run_group_tests(tests, fx_cedict_setup, fx_cedict_teardown);
}
