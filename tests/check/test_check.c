/* test_check.c — src/check/check.c: the driver over an aligned pair (every
 * bilingual rule family on one document) and the suppression comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static void test_suppression(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(fx_gloss);
    enf_findings fs;
    fx_check(NULL,
            "# 题\n\n报纸一。\n\n<!-- enface-disable glossary.forbidden -->\n\n报纸二。\n\n"
            "<!-- enface-enable glossary.forbidden -->\n\n报纸三。\n\n"
            "<!-- enface-disable-next-line glossary -->\n报纸四。\n\n<!-- enface-disable -->\n\n报纸五 ****。\n",
            g, NULL, &fs);
    assert_int_equal(fs.n, 2);
    assert_int_equal(fx_count(&fs, "glossary.forbidden", 3, 1), 1);
    assert_int_equal(fx_count(&fs, "glossary.forbidden", 11, 1), 1);
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

static void test_bilingual_rules(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(fx_gloss);
    enf_findings fs;
    const char *en = "# News\n\n"
                     "The transformer paper by [Ann](https://a.org/ann) reports 7.5% and 2 billion.\n\n"
                     "Attention is all you need, says [Bob](https://b.org/bob) in 2017.\n\n"
                     "A CNN and another CNN, both from [Cy](https://c.org/1234).\n\n"
                     "```\nx = f(16)\ny = 2\n```\n\n"
                     "This rather long paragraph about nothing in particular was dropped by the "
                     "translator entirely, which is sad because it explained the whole method in "
                     "some detail.\n\n"
                     "Use `run(1)` then stop.\n";
    const char *zh = "# 新闻\n\n"
                     "[Ann](https://a.org/ann) 的变换器论文报告了 75% 和 20 亿。\n\n"
                     "Bob 在 2017 年说，注意力就是一切。\n\n"
                     "一个 CNN 和另一个美国有线电视新闻网，都来自 [Cy](https://c.org/1243)。\n\n"
                     "```\nx = f(8)\ny = 2\n```\n\n"
                     "先用 `run(2)` 然后停。\n\n"
                     "译者注：这是译者加的一段话，原文没有。\n";
    fx_check(en, zh, g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "number.mismatch", 3, 36), 1);
    assert_int_equal(fx_count(&fs, "number.mismatch", 0, 0), 1);   /* 20 亿 = 2 billion */
    assert_int_equal(fx_count(&fs, "link.lost", 5, 1), 1);
    const enf_finding *f = fx_get(&fs, "link.lost");
    assert_int_equal(f->line[0], 5);
    assert_int_equal(f->col[0], 39);
    assert_int_equal(fx_count(&fs, "link.changed", 7, 31), 1);
    assert_int_equal(fx_count(&fs, "glossary.forbidden", 7, 12), 1);
    assert_int_equal(fx_count(&fs, "glossary.verbatim", 0, 0), 0);   /* not twice */
    assert_int_equal(fx_count(&fs, "code.changed", 10, 1), 1);
    f = fx_get(&fs, "code.changed");
    assert_string_equal(f->found, "x = f(8)");
    assert_string_equal(f->expected, "x = f(16)");
    assert_int_equal(fx_count(&fs, "code.changed", 14, 5), 1);
    assert_int_equal(fx_count(&fs, "block.omitted", 0, 0), 1);
    f = fx_get(&fs, "block.omitted");
    assert_int_equal(f->line[0], 14);
    /* placed in zh where the text is missing: the line after the code
     * block of the preceding bead */
    assert_int_equal(f->line[1], 13);
    assert_int_equal(f->col[1], 1);
    assert_int_equal(fx_count(&fs, "block.added", 16, 1), 1);
    assert_int_equal(fx_count(&fs, "glossary.missing", 0, 0), 0);
    enf_findings_free(&fs);

    /* a must-stay name written once for the original's twice: a note (the
     * translator may say "it"); rendered in a form the glossary forbids:
     * an error, whichever count */
    fx_check("# A\n\nA CNN and a CNN [x](https://x.org/a).\n", "# 甲\n\n一个 CNN 和一个有线新闻网 [x](https://x.org/a)。\n",
            g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.verbatim", 0, 0), 0);
    assert_int_equal(fx_count(&fs, "glossary.missing", 3, 1), 1);
    assert_string_equal(fx_get(&fs, "glossary.missing")->message,
                        "\"CNN\": 2 mentions in the original's paragraph (line 3), 1 here");
    assert_int_equal(fs.n, 1);
    enf_findings_free(&fs);
    fx_check("# A\n\nA CNN and a CNN [x](https://x.org/a).\n",
             "# 甲\n\n一个 CNN 和一个美国有线电视新闻网 [x](https://x.org/a)。\n", g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.forbidden", 3, 0), 1);
    assert_int_equal(fs.n, 1);
    enf_findings_free(&fs);
    /* absent altogether: an error */
    fx_check("# A\n\nA CNN and a CNN [x](https://x.org/a).\n", "# 甲\n\n一个网络和另一个网络 [x](https://x.org/a)。\n",
            g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.verbatim", 3, 1), 1);
    enf_findings_free(&fs);

    /* glossary.missing: a term with no rendering in its aligned block */
    fx_check("# A\n\nThe attention of [x](https://x.org/a) 2021.\n", "# 甲\n\n[x](https://x.org/a) 的关注 2021。\n",
            g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.missing", 3, 1), 1);
    f = fx_get(&fs, "glossary.missing");
    assert_int_equal(f->line[0], 3);
    assert_int_equal(f->col[0], 5);
    assert_string_equal(f->term, "attention");
    assert_int_equal(f->severity, ENF_SEV_NOTE);   /* a hint by default */
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

/* A translator's note the original lacks is added on purpose: its label
 * and the blocks after it are block.added notes; an added paragraph
 * elsewhere keeps the rule's warning. */
static void test_translator_note(void **state)
{
    (void)state;
    const char *en = "# Setup\n\nInstall the package with pip first.\n\nThen run the server on port 8000.\n";
    const char *zh = "# 安装\n\n先用 pip 安装这个包。\n\n另外，国内用户可以使用镜像源加快下载。\n\n"
                     "然后在 8000 端口运行服务器。\n\n**译者注**\n\n[1] 本文中的“服务器”指本地开发服务器。\n";
    enf_findings fs;
    fx_check(en, zh, NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "block.added", 0, 0), 3);
    size_t notes = 0, warnings = 0;
    for (size_t i = 0; i < fs.n; i++)
        if (!strcmp(fs.v[i].rule, "block.added")) {
            if (fs.v[i].severity == ENF_SEV_NOTE) {
                notes++;
                assert_true(fs.v[i].line[1] >= 9);
                assert_non_null(strstr(fs.v[i].message, "translator's note"));
            } else {
                warnings++;
                assert_int_equal(fs.v[i].line[1], 5);
                assert_int_equal(fs.v[i].severity, ENF_SEV_WARNING);
            }
        }
    assert_int_equal(notes, 2);
    assert_int_equal(warnings, 1);
    enf_findings_free(&fs);
    /* the credits a translation adds: the original's address, the
     * translator; a paragraph that merely starts with 原文 is not one */
    zh = "# 安装\n\n> 英文原文：<https://example.org/setup>\n>\n> 译者：张三\n\n先用 pip 安装这个包。\n\n"
         "然后在 8000 端口运行服务器。\n\n原文中的这一段讲的是另一个版本。\n";
    fx_check(en, zh, NULL, NULL, &fs);
    notes = warnings = 0;
    for (size_t i = 0; i < fs.n; i++)
        if (!strcmp(fs.v[i].rule, "block.added")) {
            if (fs.v[i].severity == ENF_SEV_NOTE) {
                notes++;
                assert_int_equal(fs.v[i].line[1], 3);
            } else {
                warnings++;
                assert_int_equal(fs.v[i].line[1], 11);
            }
        }
    assert_int_equal(notes, 1);
    assert_int_equal(warnings, 1);
    enf_findings_free(&fs);
}

/* A blog translation that shows the page's title from its front matter as
 * a heading the original leaves to the site: a block.added note; another
 * added heading keeps the warning. */
static void test_title_heading(void **state)
{
    (void)state;
    const char *en = "---\ntitle: \"Setup guide\"\n---\n\nInstall the package with pip first.\n";
    const char *zh = "---\ntitle: \"安装指南\"\n---\n\n# 安装指南\n\n先用 pip 安装这个包。\n\n# 另一个标题\n";
    enf_findings fs;
    fx_check(en, zh, NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "block.added", 0, 0), 2);
    for (size_t i = 0; i < fs.n; i++)
        if (!strcmp(fs.v[i].rule, "block.added"))
            assert_int_equal(fs.v[i].severity, fs.v[i].line[1] == 5 ? ENF_SEV_NOTE : ENF_SEV_WARNING);
    enf_findings_free(&fs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suppression),
        cmocka_unit_test(test_bilingual_rules),
        cmocka_unit_test(test_translator_note),
        cmocka_unit_test(test_title_heading),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
