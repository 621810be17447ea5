/* test_markup.c — src/check/check_markup.c: Markdown the translation broke
 * (stray emphasis, unclosed code, a space inside a link). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static void test_markup(void **state)
{
    (void)state;
    enf_findings fs;
    fx_check(NULL,
            "# 题\n\n[****论文****](https://x.org)\n\n[**论文**](https://x.org)**——短文\n\n"
            "好的 **粗体** 和 `代码`。\n\n坏的 `代码。\n\n链接 [甲] (https://x.org) 坏了。\n\n* 列表项\n",
            NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "markup.damaged", 3, 2), 1);
    assert_int_equal(fx_count(&fs, "markup.damaged", 5, 24), 1);
    assert_int_equal(fx_count(&fs, "markup.damaged", 7, 0), 0);
    assert_int_equal(fx_count(&fs, "markup.damaged", 9, 4), 1);
    assert_int_equal(fx_count(&fs, "markup.damaged", 11, 6), 1);
    assert_int_equal(fx_count(&fs, "markup.damaged", 13, 0), 0);
    assert_int_equal(fs.n, 4);
    enf_findings_free(&fs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
