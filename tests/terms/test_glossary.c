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
    /* written back, a term that begins with '#' would be a comment line */
    S_load_fails("zh\ten\n标签\t#tag\n", "bad.tsv:2: English term \"#tag\" begins with '#'");
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

static void test_glossary_contexts(void **state)
{
    (void)state;
    S_load_fails("en\tzh\tsuspect\nx\t甲\t乙[soon]\n", "bad.tsv:2: \"乙[soon]\": unknown condition \"soon\"");
    S_load_fails("en\tzh\tsuspect\nx\t甲\t乙[near]\n", "bad.tsv:2: \"乙[near]\": near needs words");
    S_load_fails("en\tzh\tsuspect\nx\t甲\t乙[domain=丙]\n", "bad.tsv:2: \"乙[domain=丙]\": domain takes no words");
    S_load_fails("en\tzh\tsuspect\nx\t甲\t乙[near=丙,]\n", "bad.tsv:2: \"乙[near=丙,]\": an empty word in near");
    S_load_fails("en\tzh\tsuspect\nx\t甲\t乙[near=丙\n", "bad.tsv:2: \"乙[near=丙\": write a context as");
    S_load_fails("en\tzh\tsuspect\nx\t甲\t乙[notin=丙丁]\n", "bad.tsv:2: \"乙[notin=丙丁]\": notin word \"丙丁\" does not contain");
    S_load_fails("en\tzh\tsuspect\nx\t甲\t甲[domain]\n", "bad.tsv:2: suspect \"甲\" is also in zh");
    S_load_fails("en\tzh\tequivalents\nx\t甲|乙\t甲|丙\n", "bad.tsv:2: equivalent \"丙\" is not an approved");
    S_load_fails("en\tzh\tequivalents\nx\t甲|乙\t甲\n", "bad.tsv:2: an equivalents group needs two");
    /* one rendering written twice is not a group (the writer would write
     * one, which does not read back: found by fuzzing); nor is a rendering
     * in two groups */
    S_load_fails("en\tzh\tequivalents\nx\t甲|乙\t甲|甲|\n", "bad.tsv:2: an equivalents group needs two");
    S_load_fails("en\tzh\tequivalents\nx\t甲|乙|丙\t甲|乙;乙|丙\n", "bad.tsv:2: equivalent \"乙\" is in two groups");
    /* parsed, and written back as read; 7-field rows under the 9-column header */
    const char *tsv = "en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\tequivalents\tsuspect\n"
                      "paper\t论文|文章\t\t报纸[!near=新闻,媒体]\t\t\t\t论文|文章\t纸[num=篇;domain]|甘\n"
                      "model\t模型\t\t\t\t\t\n";
    enf_glossary *g = NULL;
    enf_error err = {0};
    assert_int_equal(enf_glossary_new(&g, &err), ENF_OK);
    assert_int_equal(enf_glossary_load_buffer(g, "c.tsv", tsv, strlen(tsv), 0, &err), ENF_OK);
    const enf_term *t = enf_glossary_term(g, 0);
    assert_int_equal(t->n_suspects, 2);
    assert_string_equal(t->suspects[0].zh, "纸");
    assert_int_equal(t->suspects[0].n_conds, 2);
    assert_int_equal(t->suspects[0].conds[0].kind, ENF_COND_NUM);
    assert_string_equal(t->suspects[0].conds[0].words[0], "篇");
    assert_int_equal(t->suspects[0].conds[1].kind, ENF_COND_DOMAIN);
    assert_int_equal(t->suspects[1].n_conds, 0);
    assert_string_equal(t->forbidden[0], "报纸");
    assert_int_equal(t->forbidden_ctx[0].conds[0].negate, 1);
    assert_int_equal(t->forbidden_ctx[0].conds[0].n_words, 2);
    assert_int_equal(t->group_of[0], 1);
    assert_int_equal(t->group_of[1], 1);
    assert_null(enf_glossary_term(g, 1)->forbidden_ctx);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(enf_glossary_write_tsv(g, f, &err), ENF_OK);
    fclose(f);
    assert_string_equal(buf, "en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\tequivalents\tsuspect\n"
                             "paper\t论文|文章\t\t报纸[!near=新闻,媒体]\t\t\t\t论文|文章\t纸[num=篇;domain]|甘\n"
                             "model\t模型\t\t\t\t\t\t\t\n");
    free(buf);
    /* evaluation on a text: num=篇 needs the measure word and a number */
    const char *txt = "两篇纸";
    assert_true(enf_context_holds(g, 0, &t->suspects[0], txt, strlen(txt), strlen("两篇"), strlen("纸"), NULL, 0) == 0);
    enf_match m = {1, ENF_MATCH_APPROVED, 0, 0, 1};
    assert_true(enf_context_holds(g, 0, &t->suspects[0], txt, strlen(txt), strlen("两篇"), strlen("纸"), &m, 1));
    const char *txt2 = "一张纸";
    assert_false(enf_context_holds(g, 0, &t->suspects[0], txt2, strlen(txt2), strlen("一张"), strlen("纸"), &m, 1));
    enf_glossary_free(g);
}

static enf_glossary *S_load_fmt(const char *text, int format)
{
    enf_glossary *g = NULL;
    enf_error err = {0};
    assert_int_equal(enf_glossary_new(&g, &err), ENF_OK);
    if (enf_glossary_load_buffer(g, "team", text, strlen(text), format, &err))
        fail_msg("%s", err.msg);
    return g;
}

static char *S_tsv(const enf_glossary *g)
{
    char *buf = NULL;
    size_t len = 0;
    enf_error err = {0};
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(enf_glossary_write_tsv(g, f, &err), ENF_OK);
    fclose(f);
    return buf;
}

static void test_glossary_team_formats(void **state)
{
    (void)state;
    /* a Markdown table found by its header, among other text */
    const char *md = "# 术语\n\n说明文字。\n\n| English | 建议翻译 |\n| --- | --- |\n"
                     "| attribute | _不翻译_ |\n| breaking | \"非兼容\"或\"不兼容\" |\n"
                     "| build (n.) | 构建版本 |\n| build (v.) | 构建 |\n"
                     "| listen/listener | 监听/监听器 |\n| class | JS 中译为\"类\"，CSS 中不翻译 |\n"
                     "| you | 你（不用\"您\"） |\n| empty | |\n\n后文。\n";
    enf_glossary *g = S_load_fmt(md, ENF_GLOSSARY_MD);
    char *out = S_tsv(g);
    assert_string_equal(out,
        "en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\tequivalents\tsuspect\n"
        "attribute\t\tmust\t\t\t\t不翻译\t\t\n"
        "breaking\t非兼容|不兼容\t\t\t\t\t\"非兼容\"或\"不兼容\"\t非兼容|不兼容\t\n"
        "build\t构建版本|构建\t\t\t\t\t(n.); (v.)\t构建版本|构建\t\n"
        "listen\t监听\t\t\t\t\t\t\t\n"
        "listener\t监听器\t\t\t\t\t\t\t\n"
        "class\t类\tok\t\t\t\tJS 中译为\"类\"，CSS 中不翻译\t类|class\t\n"
        "you\t你\t\t您\t\t\t你（不用\"您\"）\t\t\n");
    free(out);
    enf_glossary_free(g);
    /* CSV as Crowdin exports it (header, quoted fields, CRLF), and the MT form */
    g = S_load_fmt("\xEF\xBB\xBF\"Term [en]\",\"Term [zh-CN]\",\"Description [en]\"\r\n"
                   "\"token\",\"词元\",\"a unit, of text\"\r\n\"say \"\"hi\"\"\",\"打招呼\",\"\"\r\n", ENF_GLOSSARY_CSV);
    assert_int_equal(enf_glossary_count(g), 2);
    assert_string_equal(enf_glossary_term(g, 0)->note, "a unit, of text");
    assert_string_equal(enf_glossary_term(g, 1)->en, "say \"hi\"");
    enf_glossary_free(g);
    g = S_load_fmt("dataset,数据集\nGPU,GPU\n", ENF_GLOSSARY_CSV);
    assert_int_equal(enf_glossary_count(g), 2);
    char *buf = NULL;
    size_t len = 0;
    enf_error err = {0};
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(enf_glossary_write_csv(g, f, &err), ENF_OK);
    fclose(f);
    assert_string_equal(buf, "dataset,数据集\nGPU,GPU\n");
    free(buf);
    enf_glossary_free(g);
    /* errors name the file and line */
    assert_int_equal(enf_glossary_new(&g, &err), ENF_OK);
    const char *bad = "en,zh\nx,\"open\n";
    assert_int_equal(enf_glossary_load_buffer(g, "t.csv", bad, strlen(bad), ENF_GLOSSARY_CSV, &err), ENF_EINPUT);
    assert_string_equal(err.msg, "t.csv:2: a quoted field is not closed");
    const char *none = "# 术语\n\n| a | b |\n| - | - |\n| x | y |\n";
    assert_int_equal(enf_glossary_load_buffer(g, "t.md", none, strlen(none), ENF_GLOSSARY_MD, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "t.md: no glossary table"));
    enf_glossary_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glossary_load),
        cmocka_unit_test(test_glossary_errors),
        cmocka_unit_test(test_glossary_layers),
        cmocka_unit_test(test_glossary_contexts),
        cmocka_unit_test(test_glossary_team_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
