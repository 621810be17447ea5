/* test_sent_aligner.c — src/align/sent_aligner.c: the sentence aligner on
 * small hand-made texts (1-3 split, 2-1 merge, insertion, empty sides) and
 * its options by name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align_sents_internal.h"
#include "fixtures.h"

/* The alignment of en[0, ne) and zh[0, nz) (NULL opts: the defaults). */
static enf_alignment *S_alignment(const enf_lexicon *lx, const enf_sent_opts *o,
                                  const char *const *en, size_t ne, const char *const *zh, size_t nz)
{
    size_t el[16], zl[16];
    for (size_t i = 0; i < ne; i++)
        el[i] = strlen(en[i]);
    for (size_t i = 0; i < nz; i++)
        zl[i] = strlen(zh[i]);
    enf_sent_aligner *sa = NULL;
    enf_alignment *al = NULL;
    enf_error err = {0};
    assert_int_equal(enf_sent_aligner_new(lx, o, en, el, ne, zh, zl, nz, &sa, &err), ENF_OK);
    assert_int_equal(enf_sent_aligner_align(sa, 0, ne, 0, nz, &al, &err), ENF_OK);
    enf_sent_aligner_free(sa);
    return al;
}

static const char *S_align_opts(const enf_lexicon *lx, const enf_sent_opts *o,
                                const char *const *en, size_t ne, const char *const *zh, size_t nz)
{
    static char buf[1024];
    enf_alignment *al = S_alignment(lx, o, en, ne, zh, nz);
    buf[0] = '\0';
    for (size_t k = 0; k < al->n_beads; k++) {
        const enf_bead *b = &al->beads[k];
        char t[64];
        snprintf(t, sizeof t, "%s%zu+%zu:%zu+%zu", k ? " " : "", b->en, b->n_en, b->zh, b->n_zh);
        strcat(buf, t);
    }
    enf_alignment_free(al);
    return buf;
}

static const char *S_align(const enf_lexicon *lx, const char *const *en, size_t ne,
                           const char *const *zh, size_t nz)
{
    return S_align_opts(lx, NULL, en, ne, zh, nz);
}

static const char *const S_en_text[] = {
    "The cat and the dog sleep.", "The bird flies.", "The fish swims.", "The horse runs.",
    "The cow eats grass.", "The red house.",
};

static void test_align_one_to_three(void **state)
{
    (void)state;
    enf_lexicon *lx = fx_lex();
    const char *zh[] = {"猫和狗睡觉。", "鸟飞，鱼游，马跑。", "牛吃草。", "红房子。"};
    assert_string_equal(S_align(lx, S_en_text, 6, zh, 4), "0+1:0+1 1+3:1+1 4+1:2+1 5+1:3+1");
    enf_lexicon_free(lx);
}

/* One Chinese sentence that five and six English sentences translate:
 * beads of up to six sentences a side. */
static void test_align_one_to_five_and_six(void **state)
{
    (void)state;
    enf_lexicon *lx = fx_lex();
    const char *en[] = {"The red house.", "The bird flies.", "The fish swims.", "The horse runs.",
                        "The cow eats grass.", "The cat sleeps.", "The red house."};
    const char *zh[] = {"红房子。", "鸟飞，鱼游，马跑，牛吃草，猫睡觉。", "红房子。"};
    assert_string_equal(S_align(lx, en, 7, zh, 3), "0+1:0+1 1+5:1+1 6+1:2+1");
    const char *en6[] = {"The red house.", "The bird flies.", "The fish swims.",
                         "The horse runs.", "The cow eats grass.", "The cat sleeps.",
                         "The dog sleeps.", "The red house."};
    const char *zh6[] = {"红房子。", "鸟飞，鱼游，马跑，牛吃草，猫睡觉，狗睡觉。", "红房子。"};
    assert_string_equal(S_align(lx, en6, 8, zh6, 3), "0+1:0+1 1+6:1+1 7+1:2+1");
    enf_lexicon_free(lx);
}

/* Every bead shape fits the similarity's member arrays and the mask
 * cache (a larger one would read past them). */
static void test_shapes_fit(void **state)
{
    (void)state;
    for (int k = 0; k < ENF__SENT_NSHAPES; k++)
        for (int side = 0; side < 2; side++) {
            assert_true(enf__sent_shape[k][side] <= ENF__SENT_MAXSIDE);
            assert_true(enf__sent_shape[k][side] < ENF__SENT_ROWS);
        }
}

static void test_align_two_to_one(void **state)
{
    (void)state;
    enf_lexicon *lx = fx_lex();
    /* two Chinese sentences rendered as one English sentence */
    const char *en[] = {"The cat sleeps while the dog eats grass.", "The bird flies.",
                        "The fish swims.", "The horse runs."};
    const char *zh[] = {"猫睡觉。", "狗吃草。", "鸟飞。", "鱼游。", "马跑。"};
    assert_string_equal(S_align(lx, en, 4, zh, 5), "0+1:0+2 1+1:2+1 2+1:3+1 3+1:4+1");
    enf_lexicon_free(lx);
}

static void test_align_insertion(void **state)
{
    (void)state;
    enf_lexicon *lx = fx_lex();
    /* an English sentence the translation left out: a 1-0 bead */
    const char *en[] = {"The cat sleeps.", "The dog eats grass.",
                        ("Nobody in the whole village had ever expected anything whatsoever "
                         "to happen there, not on a quiet afternoon like that one, obviously."),
                        "The bird flies.", "The fish swims.", "The horse runs.", "The cow sleeps."};
    const char *zh[] = {"猫睡觉。", "狗吃草。", "鸟飞。", "鱼游。", "马跑。", "牛睡觉。"};
    assert_string_equal(S_align(lx, en, 7, zh, 6),
                        "0+1:0+1 1+1:1+1 2+1:2+0 3+1:2+1 4+1:3+1 5+1:4+1 6+1:5+1");
    enf_lexicon_free(lx);
}

static void test_align_copied_latin(void **state)
{
    (void)state;
    /* a Chinese line that is mostly a URL is as long as its English line,
     * not 2.7 times as long: only Han characters are scaled, so the image
     * lines pair with each other instead of merging with the caption */
    const char *en[] = {
        "The model runs on encrypted data, so the server never sees the input.",
        "[img assets/fhe/pipeline_overview.png]",
        "Figure 2 shows the pipeline: the client encrypts, the server computes, and the client decrypts."};
    const char *zh[] = {
        "模型在加密数据上运行，因此服务器永远看不到输入。",
        "[img https://example.org/datasets/docs/resolve/main/blog/fhe/pipeline_overview.png]",
        "图 2 展示了这个流程：客户端加密，服务器计算，客户端解密。"};
    assert_string_equal(S_align(NULL, en, 3, zh, 3), "0+1:0+1 1+1:1+1 2+1:2+1");
}

/* A bead does not end inside a quotation on one side only.  The captain
 * speaks in one Chinese sentence that goes on in the next, and in three
 * English ones; the translation is loose, so by length alone the first
 * bead would end after the English attribution, where the English
 * quotation is closed and the Chinese one still open. */
static void test_align_quotation(void **state)
{
    (void)state;
    const char *en[] = {"'Very well,' said the old captain.", "'We sail at dawn.",
                        "Bring the ropes.'", "The crew went down to the harbour."};
    const char *zh[] = {"老船长说：“好，天亮出海。", "带上所有的绳子、地图和一个星期的干粮。”",
                        "船员们下到港口去了。"};
    enf_sent_opts o;
    enf_sent_opts_init(&o);
    assert_string_equal(S_align_opts(NULL, &o, en, 4, zh, 3), "0+2:0+1 2+1:1+1 3+1:2+1");
    o.w_quote = 0;
    assert_string_equal(S_align_opts(NULL, &o, en, 4, zh, 3), "0+1:0+1 1+2:1+1 3+1:2+1");
}

/* Quotation marks that say nothing cost nothing: a quote nothing closes
 * (a stray mark), and quotes on one side only (a prompt the translator
 * quotes and the English writes plainly).  The bead costs are those of an
 * aligner that ignores quotation marks.  S_cost_sum: the costs of the
 * beads of three sentences a side. */
static const char *const S_zh_plain[] = {"猫说：狗睡觉。", "鸟飞。", "鱼游。"};

static double S_cost_sum(const enf_sent_opts *o, const char *const *en, const char *const *zh)
{
    enf_lexicon *lx = fx_lex();
    enf_alignment *al = S_alignment(lx, o, en, 3, zh, 3);
    double sum = 0;
    assert_int_equal(al->n_beads, 3);   /* 1-1 each: the same beads either way */
    for (size_t k = 0; k < al->n_beads; k++)
        sum += al->beads[k].cost;
    enf_alignment_free(al);
    enf_lexicon_free(lx);
    return sum;
}

static void test_align_quotes_that_say_nothing(void **state)
{
    (void)state;
    const char *quoted[] = {"The cat said: \"The dog sleeps.", "The bird flies.\"", "The fish swims."};
    const char *plain[] = {"The cat said: the dog sleeps.", "The bird flies.", "The fish swims."};
    const char *stray[] = {"猫说：“狗睡觉。", "鸟飞。", "鱼游。"};
    const char *closed[] = {"猫说：“狗睡觉。", "鸟飞。”", "鱼游。"};
    const char *later[] = {"猫说：狗睡觉。", "“鸟飞。", "鱼游。”"};
    const char *within[] = {"猫说：“狗睡觉。”", "鸟飞。", "鱼游。"};
    enf_sent_opts on, off;
    enf_sent_opts_init(&on);
    enf_sent_opts_init(&off);
    off.w_quote = 0;
    /* quotations over sentences on both sides, one sentence apart: the
     * boundaries of the beads fall inside one of them, and pay */
    assert_true(S_cost_sum(&on, quoted, later) > S_cost_sum(&off, quoted, later));
    /* the same quotation on both sides: nothing */
    assert_true(S_cost_sum(&on, quoted, closed) == S_cost_sum(&off, quoted, closed));
    /* a quote nothing closes is a stray mark, not a quotation */
    assert_true(S_cost_sum(&on, quoted, stray) == S_cost_sum(&off, quoted, stray));
    /* quotes on one side only: a translator's choice, which says nothing */
    assert_true(S_cost_sum(&on, plain, closed) == S_cost_sum(&off, plain, closed));
    assert_true(S_cost_sum(&on, quoted, S_zh_plain) == S_cost_sum(&off, quoted, S_zh_plain));
    /* nor quotes that each close in their sentence */
    assert_true(S_cost_sum(&on, quoted, within) == S_cost_sum(&off, quoted, within));
}

static void test_align_empty_sides(void **state)
{
    (void)state;
    const char *zh[] = {"猫睡觉。"};
    assert_string_equal(S_align(NULL, S_en_text, 2, zh, 0), "0+1:0+0 1+1:0+0");
    assert_string_equal(S_align(NULL, S_en_text, 0, zh, 1), "0+0:0+1");
}

static void test_opts_set(void **state)
{
    (void)state;
    enf_sent_opts o;
    enf_error err = {0};
    enf_sent_opts_init(&o);
    assert_int_equal(enf_sent_opts_set(&o, "w_lex=2.5", &err), ENF_OK);
    assert_true(o.w_lex == 2.5);
    assert_int_equal(enf_sent_opts_set(&o, "bogus=1", &err), ENF_EUSAGE);
    assert_int_equal(enf_sent_opts_set(&o, "w_len=abc", &err), ENF_EUSAGE);
    assert_int_equal(enf_sent_opts_set(&o, "w_len", &err), ENF_EUSAGE);
}

/* Learning passes: one with a dictionary, none without (a few glossary
 * terms are no dictionary), what --param learn says when given. */
static void test_learn_needs_a_dictionary(void **state)
{
    (void)state;
    enf_sent_opts o;
    enf_sent_opts_init(&o);
    assert_int_equal(o.learn, -1);
    assert_int_equal(enf__sent_learn_passes(&o, NULL), 0);
    assert_int_equal(enf__sent_learn_passes(NULL, NULL), 0);
    enf_lexicon *small = fx_lex();   /* 26 headwords */
    assert_int_equal(enf__sent_learn_passes(&o, small), 0);
    enf_error err = {0};
    for (int k = 0; enf_lexicon_count(small) < ENF__SENT_DICT_MIN; k++) {
        char w[32];
        snprintf(w, sizeof w, "词%d", k);
        assert_int_equal(enf_lexicon_add_term(small, w, "word", &err), ENF_OK);
    }
    assert_int_equal(enf__sent_learn_passes(&o, small), 1);
    assert_int_equal(enf_sent_opts_set(&o, "learn=0", &err), ENF_OK);
    assert_int_equal(enf__sent_learn_passes(&o, small), 0);
    assert_int_equal(enf_sent_opts_set(&o, "learn=2", &err), ENF_OK);
    assert_int_equal(enf__sent_learn_passes(&o, NULL), 2);
    enf_lexicon_free(small);
}

/* A compound also matches its characters' first glosses: 摔交 is glossed
 * "wrestling", which the English does not say, but its 摔 "fall, throw"
 * is what the English says.  char_gloss counts the gloss words taken from
 * each character, in the dictionary's order: "throw" is 摔's second. */
static double S_compound_sim(int char_gloss)
{
    enf_lexicon *lx = fx_lex();
    enf_error err = {0};
    assert_int_equal(enf_lexicon_add_term(lx, "摔交", "wrestling", &err), ENF_OK);
    assert_int_equal(enf_lexicon_add_term(lx, "摔", "fall", &err), ENF_OK);
    assert_int_equal(enf_lexicon_add_term(lx, "摔", "throw", &err), ENF_OK);
    const char *en[] = {"The cat sleeps.", "The dog eats grass.", "The boy throws.",
                        "The bird flies.", "The fish swims."};
    const char *zh[] = {"猫睡觉。", "狗吃草。", "他摔交。", "鸟飞。", "鱼游。"};
    size_t el[5], zl[5];
    for (int i = 0; i < 5; i++) {
        el[i] = strlen(en[i]);
        zl[i] = strlen(zh[i]);
    }
    enf_sent_opts o;
    enf_sent_opts_init(&o);
    o.char_gloss = char_gloss;
    enf_sent_aligner *sa = NULL;
    assert_int_equal(enf_sent_aligner_new(lx, &o, en, el, 5, zh, zl, 5, &sa, &err), ENF_OK);
    double sim = -1;
    enf_sent_aligner_similarity(sa, 2, 1, 2, 1, &sim);
    enf_sent_aligner_free(sa);
    enf_lexicon_free(lx);
    return sim;
}

static void test_compound_char_glosses(void **state)
{
    (void)state;
    enf_sent_opts o;
    enf_sent_opts_init(&o);
    assert_int_equal(o.char_gloss, 2);
    assert_true(S_compound_sim(0) == 0);   /* nothing in common */
    assert_true(S_compound_sim(1) == 0);   /* "fall" only */
    assert_true(S_compound_sim(2) > 0.5);
    assert_true(S_compound_sim(-1) == S_compound_sim(2));   /* the default */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_align_one_to_three),
        cmocka_unit_test(test_shapes_fit),
        cmocka_unit_test(test_align_one_to_five_and_six),
        cmocka_unit_test(test_align_two_to_one),
        cmocka_unit_test(test_align_insertion),
        cmocka_unit_test(test_align_copied_latin),
        cmocka_unit_test(test_align_quotation),
        cmocka_unit_test(test_align_quotes_that_say_nothing),
        cmocka_unit_test(test_align_empty_sides),
        cmocka_unit_test(test_opts_set),
        cmocka_unit_test(test_learn_needs_a_dictionary),
        cmocka_unit_test(test_compound_char_glosses),
    };
    return cmocka_run_group_tests(tests, fx_cedict_setup, fx_cedict_teardown);
}
