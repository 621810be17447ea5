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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff_chinese_by_character),
        cmocka_unit_test(test_diff_english_by_word),
        cmocka_unit_test(test_diff_mixed_and_empty),
        cmocka_unit_test(test_diff_very_different_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
