/* test_diff.c — src/model/diff.c: enf_diff_text, the word- and
 * character-level difference the report shows between two versions of a
 * translation; every op list must tile both texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enface.h"

/* The ops as "=abc|-x|+y" for compact expectations; also checks that the
 * spans tile both texts. */
static const char *S_diff(const char *a, const char *b)
{
    static char buf[4096];
    enf_diff_op *ops = NULL;
    size_t n = 0, ea = 0, eb = 0;
    enf_error err = {0};
    assert_int_equal(enf_diff_text(a, strlen(a), b, strlen(b), &ops, &n, &err), ENF_OK);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const enf_diff_op *o = &ops[i];
        if (i)
            strcat(buf, "|");
        if (o->kind != ENF_DIFF_INSERT) {
            assert_int_equal(o->a_off, ea);
            ea += o->a_len;
        }
        if (o->kind != ENF_DIFF_DELETE) {
            assert_int_equal(o->b_off, eb);
            eb += o->b_len;
        }
        if (o->kind == ENF_DIFF_EQUAL)
            assert_memory_equal(a + o->a_off, b + o->b_off, o->a_len);
        strcat(buf, o->kind == ENF_DIFF_EQUAL ? "=" : o->kind == ENF_DIFF_DELETE ? "-" : "+");
        if (o->kind == ENF_DIFF_INSERT)
            strncat(buf, b + o->b_off, o->b_len);
        else
            strncat(buf, a + o->a_off, o->a_len);
    }
    assert_int_equal(ea, strlen(a));
    assert_int_equal(eb, strlen(b));
    free(ops);
    return buf;
}

static void test_diff_chinese_by_character(void **state)
{
    (void)state;
    assert_string_equal(S_diff("我喜欢猫。", "我爱猫。"), "=我|-喜欢|+爱|=猫。");
}

static void test_diff_english_by_word(void **state)
{
    (void)state;
    assert_string_equal(S_diff("the model runs fast", "the models run fast"),
                        "=the |-model|+models|= |-runs|+run|= fast");
}

static void test_diff_mixed_and_empty(void **state)
{
    (void)state;
    assert_string_equal(S_diff("", ""), "");
    assert_string_equal(S_diff("", "新"), "+新");
    assert_string_equal(S_diff("旧", ""), "-旧");
    assert_string_equal(S_diff("用 BERT 模型", "用 GPT 模型"), "=用 |-BERT|+GPT|= 模型");
}

static void test_diff_very_different_texts(void **state)
{
    (void)state;
    /* beyond the edit-distance cap the middle is one delete + one insert,
     * still tiling both texts */
    size_t n = 6000;
    char *a = malloc(n * 2 + 1), *b = malloc(n * 2 + 1);
    for (size_t i = 0; i < n; i++) {
        a[2 * i] = (char)('a' + i % 7);
        a[2 * i + 1] = ' ';
        b[2 * i] = (char)('a' + (i * 3 + 1) % 5);
        b[2 * i + 1] = ',';
    }
    a[2 * n] = b[2 * n] = '\0';
    enf_diff_op *ops = NULL;
    size_t nops = 0, ea = 0, eb = 0;
    enf_error err = {0};
    assert_int_equal(enf_diff_text(a, 2 * n, b, 2 * n, &ops, &nops, &err), ENF_OK);
    for (size_t i = 0; i < nops; i++) {
        if (ops[i].kind != ENF_DIFF_INSERT)
            ea += ops[i].a_len;
        if (ops[i].kind != ENF_DIFF_DELETE)
            eb += ops[i].b_len;
    }
    assert_int_equal(ea, 2 * n);
    assert_int_equal(eb, 2 * n);
    free(ops);
    free(a);
    free(b);
}

/* The ops with both spans, "=a0+4,b0+4 -a4+3 ...", for the side each op
 * is about (EQUAL both, DELETE a, INSERT b). */
static const char *S_spans(const char *a, const char *b)
{
    static char buf[1024];
    enf_diff_op *ops = NULL;
    size_t n = 0;
    enf_error err = {0};
    assert_int_equal(enf_diff_text(a, strlen(a), b, strlen(b), &ops, &n, &err), ENF_OK);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const enf_diff_op *o = &ops[i];
        char *p = buf + strlen(buf);
        size_t room = sizeof buf - strlen(buf);
        if (o->kind == ENF_DIFF_EQUAL)
            snprintf(p, room, "%s=a%zu+%zu,b%zu+%zu", i ? " " : "", o->a_off, o->a_len, o->b_off,
                     o->b_len);
        else if (o->kind == ENF_DIFF_DELETE)
            snprintf(p, room, "%s-a%zu+%zu", i ? " " : "", o->a_off, o->a_len);
        else
            snprintf(p, room, "%s+b%zu+%zu", i ? " " : "", o->b_off, o->b_len);
        if (o->kind == ENF_DIFF_DELETE)
            assert_int_equal(o->b_len, 0);
        if (o->kind == ENF_DIFF_INSERT)
            assert_int_equal(o->a_len, 0);
    }
    free(ops);
    return buf;
}

static void test_diff_spans(void **state)
{
    (void)state;
    /* byte offsets and lengths: a changed word between equal context */
    assert_string_equal(S_spans("the cat sat", "the dog sat"), "=a0+4,b0+4 -a4+3 +b4+3 =a7+4,b7+4");
    /* a Chinese character is three bytes, one token */
    assert_string_equal(S_spans("我喜欢猫。", "我喜欢狗。"), "=a0+9,b0+9 -a9+3 +b9+3 =a12+3,b12+3");
    /* added at the end, removed at the start */
    assert_string_equal(S_spans("the cat", "the cat sat"), "=a0+7,b0+7 +b7+4");
    assert_string_equal(S_spans("the cat sat", "cat sat"), "-a0+4 =a4+7,b0+7");
    /* identical texts: one equal op */
    assert_string_equal(S_spans("same text", "same text"), "=a0+9,b0+9");
}

static void test_diff_tokens(void **state)
{
    (void)state;
    /* a word is letters, digits, _ and Latin-1/Extended letters; everything
     * else (".", spaces, Han) is a token of its own */
    assert_string_equal(S_diff("running fast", "run fast"), "-running|+run|= fast");
    assert_string_equal(S_diff("model_v2 done", "model_v3 done"), "-model_v2|+model_v3|= done");
    assert_string_equal(S_diff("café au lait", "cafe au lait"), "-café|+cafe|= au lait");
    assert_string_equal(S_diff("GPU 3.5 倍", "GPU 3.6 倍"), "=GPU 3.|-5|+6|= 倍");
    assert_string_equal(S_diff("a b", "a  b"), "=a |+ |=b");
    assert_string_equal(S_diff("我喜欢猫", "我喜欢猫和狗"), "=我喜欢猫|+和狗");
    /* a shortest script: two edits around the one character kept */
    assert_string_equal(S_diff("甲乙丙", "丙乙甲"), "-甲乙|=丙|+乙甲");
}

static void test_diff_empty_is_null(void **state)
{
    (void)state;
    enf_diff_op *ops = (enf_diff_op *)&ops;
    size_t n = 99;
    enf_error err = {0};
    assert_int_equal(enf_diff_text("", 0, "", 0, &ops, &n, &err), ENF_OK);
    assert_null(ops);
    assert_int_equal(n, 0);
}

/* The offset a DELETE has in b, and an INSERT in a, is where the op sits
 * in the other text — also at the end of a text, where there is no token
 * to read it from (it was once read past the end of the token array:
 * garbage, and a heap overflow read when the array was full). */
static void test_diff_other_side_offset(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        enf_diff_kind kind;
        size_t a_off, b_off;   /* of the last op */
    } cases[] = {
        {"abc", "", ENF_DIFF_DELETE, 0, 0},
        {"", "abc", ENF_DIFF_INSERT, 0, 0},
        {"一二三四五六七八九十一二三四五六甲", "一二三四五六七八九十一二三四五六", ENF_DIFF_DELETE, 48, 48},
        {"一二三四五六七八九十一二三四五六", "一二三四五六七八九十一二三四五六甲", ENF_DIFF_INSERT, 48, 48},
        {"甲乙丙", "丙乙甲", ENF_DIFF_INSERT, 9, 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        enf_diff_op *ops = NULL;
        size_t n = 0;
        enf_error err = {0};
        const char *a = cases[i].a, *b = cases[i].b;
        assert_int_equal(enf_diff_text(a, strlen(a), b, strlen(b), &ops, &n, &err), ENF_OK);
        assert_true(n > 0);
        for (size_t k = 0; k < n; k++) {
            assert_true(ops[k].a_off <= strlen(a));
            assert_true(ops[k].b_off <= strlen(b));
        }
        assert_int_equal(ops[n - 1].kind, cases[i].kind);
        assert_int_equal(ops[n - 1].a_off, cases[i].a_off);
        assert_int_equal(ops[n - 1].b_off, cases[i].b_off);
        free(ops);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff_chinese_by_character),
        cmocka_unit_test(test_diff_english_by_word),
        cmocka_unit_test(test_diff_mixed_and_empty),
        cmocka_unit_test(test_diff_very_different_texts),
        cmocka_unit_test(test_diff_spans),
        cmocka_unit_test(test_diff_tokens),
        cmocka_unit_test(test_diff_empty_is_null),
        cmocka_unit_test(test_diff_other_side_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
