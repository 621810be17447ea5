/* test_glossary.c — src/terms/glossary.c: loading the TSV glossary, its
 * errors (each with file:line), and later layers replacing entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static void S_load_fails(const char *tsv, const char *msg)
{
    enf_glossary *g = NULL;
    enf_error err = {0};
    assert_int_equal(enf_glossary_new(&g, &err), ENF_OK);
    assert_int_equal(enf_glossary_load_buffer(g, "bad.tsv", tsv, strlen(tsv), 0, &err), ENF_EINPUT);
    if (!strstr(err.msg, msg))
        fail_msg("message \"%s\" lacks \"%s\"", err.msg, msg);
    enf_glossary_free(g);
}

static void test_glossary_load(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(fx_gloss);
    assert_int_equal(enf_glossary_count(g), 11);
    const enf_term *t = enf_glossary_term(g, 0);
    assert_string_equal(t->en, "transformer");
    assert_int_equal(t->n_zh, 1);
    assert_int_equal(t->n_forbidden, 3);
    assert_string_equal(t->forbidden[2], "转换器");
    assert_int_equal(t->verbatim, ENF_VERBATIM_OK);
    assert_int_equal(t->line, 3);
    assert_string_equal(t->note, "model architecture");
    assert_int_equal(enf_glossary_term(g, 2)->flags, ENF_TERM_CASE);
    enf_glossary_free(g);
}

static void test_glossary_errors(void **state)
{
    (void)state;
    S_load_fails("en\tzh\nx\ty\nx\tz\n", "bad.tsv:3: duplicate term \"x\" (first on line 2)");
    S_load_fails("en\tzh\tforbidden\nx\t甲|乙\t乙\n", "bad.tsv:2: \"乙\" is both approved and forbidden");
    S_load_fails("en\tzh\nx\t\n", "bad.tsv:2: \"x\" has no Chinese rendering");
    S_load_fails("en\tzh\nx\ty\xff\n", "bad.tsv:2:4: invalid UTF-8");
    S_load_fails("term\tchinese\nx\ty\n", "bad.tsv:1: the first line must be the header");
    S_load_fails("en\tzh\tflags\nx\ty\tloud\n", "bad.tsv:2: unknown flag \"loud\"");
    S_load_fails("en\tzh\tverbatim\nx\ty\tmaybe\n", "bad.tsv:2: verbatim is \"maybe\"");
    /* must-stay terms may have no Chinese */
    enf_glossary *g = fx_glossary("en\tzh\tverbatim\nBERT\t\tmust\n");
    assert_int_equal(enf_glossary_count(g), 1);
    enf_glossary_free(g);
}

static void test_glossary_layers(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(fx_gloss);
    enf_error err = {0};
    const char *over = "en\tzh\tforbidden\nTransformer\t转换器\t变压器\nconverter\t转换器\t\n";
    assert_int_equal(enf_glossary_load_buffer(g, "b.tsv", over, strlen(over), 0, &err), ENF_OK);
    assert_int_equal(enf_glossary_count(g), 12);
    const enf_term *t = enf_glossary_term(g, 0);
    assert_string_equal(t->zh[0], "转换器");   /* the later layer replaced the entry */
    assert_string_equal(t->source, "b.tsv");
    enf_findings fs;
    fx_check(NULL, "# 题\n\n这个转换器很好。\n", g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.forbidden", 0, 0), 0);
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glossary_load),
        cmocka_unit_test(test_glossary_errors),
        cmocka_unit_test(test_glossary_layers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
