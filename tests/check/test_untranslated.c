/* test_untranslated.c — src/check/check_untranslated.c and
 * check_spacing.c: English left in a translation, and the CJK-Latin
 * spacing rule (off by default) turned on by name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static void test_untranslated_and_spacing(void **state)
{
    (void)state;
    enf_findings fs;
    const char *zh = "# 题\n\n这是 ViT 和 GPT-3。\n\n"
                     "The hospital case is a good reminder that accuracy is not the whole story.\n";
    fx_check(NULL, zh, NULL, NULL, &fs);
    assert_int_equal(fs.n, 1);
    assert_int_equal(fx_count(&fs, "untranslated", 5, 1), 1);
    enf_findings_free(&fs);
    /* spacing is off by default, on when enabled */
    enf_check_opts o;
    enf_check_opts_init(&o);
    enf_error err = {0};
    assert_int_equal(enf_check_opts_set(&o, "spacing.cjk-latin", -1, &err), ENF_OK);
    assert_int_equal(enf_check_opts_set(&o, "untranslated", ENF_SEV_NONE, &err), ENF_OK);
    fx_check(NULL, "# 题\n\n用ViT做 GPT-3 和 https://x.org/a。\n", NULL, &o, &fs);
    assert_int_equal(fs.n, 2);
    assert_int_equal(fx_count(&fs, "spacing.cjk-latin", 3, 2), 1);
    assert_int_equal(fx_count(&fs, "spacing.cjk-latin", 3, 5), 1);
    assert_int_equal(fs.v[0].severity, ENF_SEV_NOTE);
    enf_findings_free(&fs);
    assert_int_equal(enf_check_opts_set(&o, "nonsense.rule", ENF_SEV_NONE, &err), ENF_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_untranslated_and_spacing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
