/* test_glossary.c — src/check/check_glossary.c: forbidden renderings (and
 * their columns), inconsistent renderings within a document, altered
 * verbatim forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static void test_forbidden_columns(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(fx_gloss);
    enf_findings fs;
    fx_check(NULL, "# 标题\n\n😀 这篇报纸讲变压器。\n", g, NULL, &fs);
    assert_int_equal(fs.n, 2);
    /* columns count code points: the emoji is one */
    assert_int_equal(fx_count(&fs, "glossary.forbidden", 3, 5), 1);
    assert_int_equal(fx_count(&fs, "glossary.forbidden", 3, 8), 1);
    const enf_finding *f = &fs.v[0];
    assert_string_equal(f->found, "报纸");
    assert_string_equal(f->term, "paper");
    assert_string_equal(f->expected, "论文");
    assert_string_equal(f->message, "\"报纸\" for \"paper\" — use \"论文\"");
    assert_int_equal(f->severity, ENF_SEV_ERROR);
    assert_int_equal(f->block[1], 1);
    assert_int_equal(f->block[0], ENF_NO_BLOCK);
    assert_int_equal(f->line[0], 0);
    /* the highlight span is in block->text */
    assert_int_equal(f->text_len[1], strlen("报纸"));
    assert_int_equal(f->text_off[1], strlen("😀 这篇"));
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

static void test_inconsistent(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(fx_gloss);
    enf_findings fs;
    fx_check(NULL, "# 题\n\n准确率很高。\n\n准确率更高。\n\n精度一般。\n\n变换器和 Transformer。\n", g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.inconsistent", 7, 1), 1);
    const enf_finding *f = fx_get(&fs, "glossary.inconsistent");
    assert_string_equal(f->message,
                        "\"精度\" for \"accuracy\", but this document uses \"准确率\" 2 times (first at line 3)");
    /* a tie goes to the glossary's order: zh before the verbatim form */
    assert_int_equal(fx_count(&fs, "glossary.inconsistent", 9, 6), 1);
    assert_int_equal(fs.n, 2);
    enf_findings_free(&fs);
    /* a must-stay term and its expansion are not inconsistent */
    fx_check(NULL, "# 题\n\nCNN 即卷积神经网络，CNN 很快。\n", g, NULL, &fs);
    assert_int_equal(fs.n, 0);
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

static void test_verbatim_altered(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary("en\tzh\tverbatim\tforbidden\tflags\nGPT-3\t\tmust\t\t\nViT\t\tmust\tvit\tcase\n"
                                 "softmax\t\tmust\t\t\n");
    enf_findings fs;
    fx_check(NULL, "# 题\n\n用 gpt-3 和 vit。\n\nSoftmax 和 SOFTMAX 都行。\n", g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.verbatim", 3, 3), 1);
    assert_int_equal(fx_count(&fs, "glossary.forbidden", 3, 11), 1);
    /* a form written all in lower case takes any case */
    assert_int_equal(fs.n, 2);
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forbidden_columns),
        cmocka_unit_test(test_inconsistent),
        cmocka_unit_test(test_verbatim_altered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
