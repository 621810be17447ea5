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

/* A quoted run (a prompt shown as typed) is kept on purpose; the same
 * words unquoted, or quoted on one side only, are left untranslated. */
static void test_quoted(void **state)
{
    (void)state;
    static const struct {
        const char *zh;
        int n;
    } cases[] = {
        {"# 题\n\n例如：\"Use Krea to create an image of a vibrant garden with victorian house\"。\n", 0},
        {"# 题\n\n例如：“Use Krea to create an image of a vibrant garden with victorian house.”\n", 0},
        {"# 题\n\n输入「Use Krea to create an image of a vibrant garden with victorian house」即可。\n", 0},
        {"# 题\n\n例如：Use Krea to create an image of a vibrant garden with victorian house。\n", 1},
        {"# 题\n\n例如：\"Use Krea to create an image of a vibrant garden with victorian house。\n", 1},
        /* an API name with a heading id: two words, not eight */
        {"# 题\n\n### app.config.compilerOptions.isCustomElement {#app-config-compileroptions-iscustomelement}\n", 0},
        {"# 题\n\n### app config compilerOptions isCustomElement and app config compiler options\n", 1},
        /* display math is LaTeX, not English */
        {"# 题\n\n$$\n\\begin{aligned} T(h) & = 2^0 h + 2^1 (h - 1) \\newline & \\rightarrow \\text{modulus} "
         "\\quad \\text{key} \\end{aligned}\n$$\n", 0},
        {"# 题\n\nbegin aligned T h equals two h plus two h minus one newline rightarrow modulus quad key\n", 1},
        /* a reference stays as it was published */
        {"# 参考文献\n\n[1] Thomas H. Cormen, et al. Introduction to Algorithms (3rd Edition).\n", 0},
        {"# 题\n\n见 Pearson, D. A polynomial-time algorithm for the change-making problem[J]. Operations "
         "Research Letters, 2005.\n", 0},
        {"# 题\n\n见 Pearson, D. A polynomial-time algorithm for the change-making problem, Operations "
         "Research Letters, 2005.\n", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        enf_findings fs;
        fx_check(NULL, cases[i].zh, NULL, NULL, &fs);
        if (fx_count(&fs, "untranslated", 0, 0) != cases[i].n)
            fail_msg("case %zu: %d findings, expected %d", i, fx_count(&fs, "untranslated", 0, 0), cases[i].n);
        enf_findings_free(&fs);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_untranslated_and_spacing),
        cmocka_unit_test(test_quoted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
