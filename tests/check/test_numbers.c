/* test_numbers.c — src/check/check_numbers.c: numbers compared as
 * values across the ways each language writes them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static int S_mismatches(const char *en, const char *zh)
{
    enf_findings fs;
    fx_check(en, zh, NULL, NULL, &fs);
    int n = fx_count(&fs, "number.mismatch", 0, 0);
    enf_findings_free(&fs);
    return n;
}

static void test_scales(void **state)
{
    (void)state;
    assert_int_equal(S_mismatches("# A\n\nIt costs 2 billion dollars.\n", "# 甲\n\n它花费 20 亿美元。\n"), 0);
    assert_int_equal(S_mismatches("# A\n\nIt costs 2 billion dollars.\n", "# 甲\n\n它花费 2 亿美元。\n"), 1);
    /* inline math around the digits (hello-algo: $5850$ 亿年) */
    assert_int_equal(S_mismatches("# A\n\nAbout $585$ billion years.\n", "# 甲\n\n约 $5850$ 亿年。\n"), 0);
    assert_int_equal(S_mismatches("# A\n\nAbout $585$ billion years.\n", "# 甲\n\n约 $585$ 亿年。\n"), 1);
}

static void test_metric_prefix(void **state)
{
    (void)state;
    /* 千克 is the kilogram: 4 千克 is 4, not 4,000 */
    assert_int_equal(S_mismatches("# A\n\nIt weighs 4 kilograms.\n", "# 甲\n\n它重 4 千克。\n"), 0);
    assert_int_equal(S_mismatches("# A\n\nIt is 3 kilometres.\n", "# 甲\n\n它长 3 千米。\n"), 0);
    /* but 千 alone is a thousand */
    assert_int_equal(S_mismatches("# A\n\nWe had 4 thousand users.\n", "# 甲\n\n我们有 4 千个用户。\n"), 0);
    assert_int_equal(S_mismatches("# A\n\nWe had 4 users.\n", "# 甲\n\n我们有 4 千个用户。\n"), 1);
}

/* An English ordinal is its number: the 9th bit is 第 9 位 */
static void test_ordinals(void **state)
{
    (void)state;
    assert_int_equal(S_mismatches("# A\n\nIt overflows to the 9th bit, the 1st and 22nd too.\n",
                                  "# 甲\n\n它溢出到第 9 位，第 1 和第 22 位也是。\n"), 0);
    assert_int_equal(S_mismatches("# A\n\nIt overflows to the 8th bit and the 3rd.\n",
                                  "# 甲\n\n它溢出到第 9 位和第 3 位。\n"), 1);
    /* a word that merely starts with digits stays a name */
    assert_int_equal(S_mismatches("# A\n\nWe ran 4th-gen chips and 5thing.\n", "# 甲\n\n我们用了芯片。\n"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scales),
        cmocka_unit_test(test_metric_prefix),
        cmocka_unit_test(test_ordinals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
