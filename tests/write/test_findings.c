/* test_findings.c — src/write/write_findings*.c: the findings as
 * text (with the source line and caret), JSON, SARIF, GitHub
 * annotations (and their cap) and reviewdog's rdjson. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static char *S_write(enf_findings_format fmt, const enf_doc *zh, const enf_findings *fs, unsigned flags)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    enf_error err = {0};
    assert_int_equal(enf_write_findings(f, fmt, NULL, zh, fs, flags, &err), ENF_OK);
    fclose(f);
    return buf;
}

static void test_writers(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(fx_gloss);
    enf_doc *zh = fx_md("zh.md", "# 题\n\n这篇报纸讲变压器，精度和准确率和准确率。\n");
    enf_check_opts o;
    enf_check_opts_init(&o);
    o.glossary = g;
    enf_findings fs = {0};
    enf_error err = {0};
    assert_int_equal(enf_check(NULL, zh, NULL, &o, &fs, &err), ENF_OK);
    assert_int_equal(fs.n, 3);
    char *t = S_write(ENF_FINDINGS_TEXT, zh, &fs, 0);
    assert_string_equal(t,
                        "zh.md:3:3: error: [glossary.forbidden] \"报纸\" for \"paper\" — use \"论文\"\n"
                        "zh.md:3:6: error: [glossary.forbidden] \"变压器\" for \"transformer\" — use \"变换器\" or \"transformer\"\n"
                        "zh.md:3:10: warning: [glossary.inconsistent] \"精度\" for \"accuracy\", but this document uses \"准确率\" 2 times (first at line 3)\n");
    free(t);
    t = S_write(ENF_FINDINGS_TEXT, zh, &fs, ENF_WF_SOURCE);
    /* the caret sits under 报纸: two wide characters before it */
    assert_non_null(strstr(t, "\n  这篇报纸讲变压器，精度和准确率和准确率。\n      ^~~~\n"));
    free(t);
    t = S_write(ENF_FINDINGS_JSON, zh, &fs, 0);
    json_error_t je;
    json_t *j = json_loads(t, 0, &je);
    assert_non_null(j);
    assert_int_equal(json_array_size(json_object_get(j, "findings")), 3);
    json_t *f0 = json_array_get(json_object_get(j, "findings"), 0);
    assert_string_equal(json_string_value(json_object_get(f0, "rule")), "glossary.forbidden");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(f0, "zh"), "col")), 3);
    assert_true(json_is_null(json_object_get(f0, "en")));
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "summary"), "error")), 2);
    json_decref(j);
    free(t);
    t = S_write(ENF_FINDINGS_SARIF, zh, &fs, 0);
    j = json_loads(t, 0, &je);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "version")), "2.1.0");
    json_t *run = json_array_get(json_object_get(j, "runs"), 0);
    assert_int_equal(json_array_size(json_object_get(run, "results")), 3);
    json_decref(j);
    free(t);
    t = S_write(ENF_FINDINGS_GITHUB, zh, &fs, 0);
    assert_string_equal(t,
                        "::error file=zh.md,line=3,col=3,title=glossary.forbidden::\"报纸\" for \"paper\" — use \"论文\"\n"
                        "::error file=zh.md,line=3,col=6,title=glossary.forbidden::\"变压器\" for \"transformer\" — use \"变换器\" or \"transformer\"\n"
                        "::warning file=zh.md,line=3,col=10,title=glossary.inconsistent::\"精度\" for \"accuracy\", but this document uses \"准确率\" 2 times (first at line 3)\n"
                        "::notice title=enface check::2 errors, 1 warning, 0 notes\n");
    free(t);
    enf_findings_free(&fs);
    enf_doc_free(zh);
    enf_glossary_free(g);
}

static void test_github_cap(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(fx_gloss);
    /* 15 errors and 12 warnings: 10 + 10 shown, errors first, then the summary */
    char doc[8192] = "# 题\n\n";
    for (int i = 0; i < 15; i++)
        strcat(doc, "报纸。\n\n");
    for (int i = 0; i < 13; i++)
        strcat(doc, i == 0 ? "准确率。\n\n" : "精度。\n\n");
    enf_doc *zh = fx_md("zh.md", doc);
    enf_check_opts o;
    enf_check_opts_init(&o);
    o.glossary = g;
    enf_findings fs = {0};
    enf_error err = {0};
    assert_int_equal(enf_check(NULL, zh, NULL, &o, &fs, &err), ENF_OK);
    /* 精度 is the majority now: the one 准确率 is the minority */
    enf_findings_free(&fs);
    memset(&fs, 0, sizeof fs);
    enf_doc_free(zh);
    strcpy(doc, "# 题\n\n");
    for (int i = 0; i < 12; i++)
        strcat(doc, "精度。\n\n");
    for (int i = 0; i < 15; i++)
        strcat(doc, "报纸和准确率和准确率。\n\n");
    zh = fx_md("zh.md", doc);
    assert_int_equal(enf_check(NULL, zh, NULL, &o, &fs, &err), ENF_OK);
    assert_int_equal(fx_count(&fs, "glossary.forbidden", 0, 0), 15);
    assert_int_equal(fx_count(&fs, "glossary.inconsistent", 0, 0), 12);
    char *t = S_write(ENF_FINDINGS_GITHUB, zh, &fs, 0);
    int errors = 0, warnings = 0, notices = 0, lines = 0;
    const char *first_warning = strstr(t, "::warning"), *last_error = NULL;
    for (const char *p = t; (p = strstr(p, "::error")); p++)
        last_error = p, errors++;
    for (const char *p = t; (p = strstr(p, "::warning")); p++)
        warnings++;
    for (const char *p = t; (p = strstr(p, "::notice")); p++)
        notices++;
    for (const char *p = t; *p; p++)
        lines += *p == '\n';
    assert_int_equal(errors, 10);
    assert_int_equal(warnings, 10);
    assert_int_equal(notices, 1);
    assert_int_equal(lines, 21);
    assert_true(last_error < first_warning);
    assert_non_null(strstr(t, "::notice title=enface check::15 errors, 12 warnings, 0 notes; 7 not shown"));
    free(t);
    enf_findings_free(&fs);
    enf_doc_free(zh);
    enf_glossary_free(g);
}

static json_t *S_path(json_t *j, const char *a, const char *b, const char *c, const char *d)
{
    const char *keys[] = {a, b, c, d};
    for (int i = 0; i < 4 && keys[i] && j; i++)
        j = json_object_get(j, keys[i]);
    return j;
}

static void test_rdjson(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(fx_gloss);
    /* a file name with a byte that is not UTF-8: the path keeps the rest */
    enf_doc *zh = fx_md("zh\xff.md", "# 题\n\n这篇报纸讲变压器，精度和准确率和准确率。\n");
    enf_check_opts o;
    enf_check_opts_init(&o);
    o.glossary = g;
    enf_findings fs = {0};
    enf_error err = {0};
    assert_int_equal(enf_check(NULL, zh, NULL, &o, &fs, &err), ENF_OK);
    char *t = S_write(ENF_FINDINGS_RDJSON, zh, &fs, 0);
    json_error_t je;
    json_t *j = json_loads(t, 0, &je);
    assert_non_null(j);
    assert_string_equal(json_string_value(S_path(j, "source", "name", NULL, NULL)), "enface");
    json_t *ds = json_object_get(j, "diagnostics");
    assert_int_equal(json_array_size(ds), 3);
    json_t *d0 = json_array_get(ds, 0), *d1 = json_array_get(ds, 1), *d2 = json_array_get(ds, 2);
    assert_string_equal(json_string_value(json_object_get(d0, "message")),
                        "\"报纸\" for \"paper\" — use \"论文\"");
    assert_string_equal(json_string_value(json_object_get(d0, "severity")), "ERROR");
    assert_string_equal(json_string_value(json_object_get(d2, "severity")), "WARNING");
    assert_string_equal(json_string_value(S_path(d0, "code", "value", NULL, NULL)),
                        "glossary.forbidden");
    assert_string_equal(json_string_value(S_path(d0, "location", "path", NULL, NULL)), "zh.md");
    json_t *start = S_path(d0, "location", "range", "start", NULL);
    assert_int_equal(json_integer_value(json_object_get(start, "line")), 3);
    /* columns are UTF-8 bytes: 这篇 (6 bytes) before 报纸, 这篇报纸讲 (15) before 变压器 */
    assert_int_equal(json_integer_value(json_object_get(start, "column")), 7);
    start = S_path(d1, "location", "range", "start", NULL);
    assert_int_equal(json_integer_value(json_object_get(start, "column")), 16);
    assert_null(json_object_get(d0, "related_locations"));   /* Chinese-only */
    json_decref(j);
    free(t);
    /* no finding: still one document */
    enf_findings none = {0};
    t = S_write(ENF_FINDINGS_RDJSON, zh, &none, 0);
    j = json_loads(t, 0, &je);
    assert_non_null(j);
    assert_int_equal(json_array_size(json_object_get(j, "diagnostics")), 0);
    json_decref(j);
    free(t);
    enf_findings_free(&fs);
    enf_doc_free(zh);

    /* bilingual: the original is the related location */
    enf_doc *en = fx_md("en.md", "# Title\n\nSee [the docs](https://example.com/a) for more about the model.\n");
    zh = fx_md("zh.md", "# 标题\n\n更多关于模型的内容见[文档](https://example.org/b)。\n");
    enf_alignment *al = NULL;
    assert_int_equal(enf_align_blocks(en, zh, NULL, &al, &err), ENF_OK);
    memset(&fs, 0, sizeof fs);
    assert_int_equal(enf_check(en, zh, al, &o, &fs, &err), ENF_OK);
    assert_int_equal(fx_count(&fs, "link.changed", 3, 16), 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(enf_write_findings(f, ENF_FINDINGS_RDJSON, en, zh, &fs, 0, &err), ENF_OK);
    fclose(f);
    j = json_loads(buf, 0, &je);
    assert_non_null(j);
    int related = 0;
    json_t *d;
    size_t i;
    json_array_foreach(json_object_get(j, "diagnostics"), i, d) {
        assert_string_equal(json_string_value(S_path(d, "location", "path", NULL, NULL)), "zh.md");
        json_t *r = json_array_get(json_object_get(d, "related_locations"), 0);
        if (!r)
            continue;
        related++;
        /* 更多关于模型的内容见[文档]( : 12 Han (36 bytes) and 3 ASCII before the target */
        assert_int_equal(json_integer_value(json_object_get(
                             S_path(d, "location", "range", "start", NULL), "column")), 40);
        assert_string_equal(json_string_value(json_object_get(r, "message")), "the original");
        assert_string_equal(json_string_value(S_path(r, "location", "path", NULL, NULL)), "en.md");
        json_t *rs = S_path(r, "location", "range", "start", NULL);
        assert_int_equal(json_integer_value(json_object_get(rs, "line")), 3);
    }
    assert_true(related >= 1);
    json_decref(j);
    free(buf);
    enf_findings_free(&fs);
    enf_alignment_free(al);
    enf_doc_free(en);
    enf_doc_free(zh);
    enf_glossary_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writers),
        cmocka_unit_test(test_github_cap),
        cmocka_unit_test(test_rdjson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
