/* test_glossary.c — src/check/check_glossary.c: forbidden renderings (and
 * their columns), inconsistent renderings within a document, altered
 * verbatim forms, a must-stay name left out of a shortened paragraph. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

/* A must-stay term with renderings beside it (an expansion, 🤗 for
 * Hugging Face): a rendering satisfies it, and a forbidden form is to be
 * replaced with the English form, named first. */
static void test_must_stay_renderings(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary("en\tzh\tverbatim\tforbidden\n"
                                  "Hugging Face\t🤗\tmust\t拥抱脸\n");
    enf_findings fs;
    fx_check("# News\n\nHugging Face released a model.\n", "# 新闻\n\n🤗 发布了一个模型。\n", g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.verbatim", 0, 0), 0);
    assert_int_equal(fx_count(&fs, "glossary.missing", 0, 0), 0);
    enf_findings_free(&fs);
    fx_check("# News\n\nHugging Face released a model.\n", "# 新闻\n\n拥抱脸发布了一个模型。\n", g, NULL, &fs);
    const enf_finding *f = fx_get(&fs, "glossary.forbidden");
    assert_non_null(f);
    assert_string_equal(f->expected, "Hugging Face");
    assert_string_equal(f->message, "\"拥抱脸\" for \"Hugging Face\" — use \"Hugging Face\" or \"🤗\"");
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

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
    /* an English form inside a capitalized name is no rendering */
    enf_glossary *gp = fx_glossary("en\tzh\tverbatim\tforbidden\tflags\nprompt\t提示词\tok\t\t\n");
    fx_check(NULL, "# 题\n\n写提示词。\n\n改提示词。\n\n用 Qwen Prompt Enhancer 和 Prompt Builder。\n", gp, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.inconsistent", 0, 0), 0);
    enf_findings_free(&fs);
    fx_check(NULL, "# 题\n\n写提示词。\n\n改提示词。\n\n用 Prompt 和 prompt Enhancer。\n", gp, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.inconsistent", 7, 0), 2);
    enf_findings_free(&fs);
    enf_glossary_free(gp);
    /* two approved renderings mixed: a note; a variant against them: a warning */
    enf_glossary *ga = fx_glossary("en\tzh\tverbatim\tforbidden\tvariants\tflags\n"
                                   "text-to-image\t文生图|文本到图像\t\t\t文字到图像\t\n");
    fx_check(NULL, "# 题\n\n文生图很快。\n\n文生图很好。\n\n文本到图像也行。\n\n文字到图像不行。\n", ga, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.inconsistent", 7, 1), 1);
    assert_int_equal(fx_get(&fs, "glossary.inconsistent")->severity, ENF_SEV_NOTE);
    assert_int_equal(fx_count(&fs, "glossary.inconsistent", 9, 1), 1);
    for (size_t k = 0; k < fs.n; k++)
        if (fs.v[k].line[1] == 9)
            assert_int_equal(fs.v[k].severity, ENF_SEV_WARNING);
    enf_findings_free(&fs);
    enf_glossary_free(ga);
    /* the English term in parentheses after its rendering (or the other
     * way round) is a gloss: neither form of the pair votes; elsewhere the
     * English form counts */
    fx_check(NULL, "# 题\n\n变换器（Transformer）很好。\n\n变换器很快。\n\nTransformer (变换器) 也行。\n", g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.inconsistent", 0, 0), 0);
    enf_findings_free(&fs);
    fx_check(NULL, "# 题\n\n变换器模型 (Transformer models) 很好。\n\n变换器很快。\n\n变换器更快。\n", g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.inconsistent", 0, 0), 0);
    enf_findings_free(&fs);
    /* not a gloss: a sentence between, or the parenthesis far from it */
    fx_check(NULL, "# 题\n\n变换器很好，我们用了很多年 (Transformer) 了。\n\n变换器很快。\n\n变换器更快。\n", g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.inconsistent", 3, 0), 1);
    enf_findings_free(&fs);
    fx_check(NULL, "# 题\n\n变换器（Transformer）很好。\n\n变换器很快。\n\n又是 Transformer 了。\n", g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.inconsistent", 7, 0), 1);
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

/* A must-stay name absent from a translated paragraph is a verbatim error,
 * unless the paragraph was clearly shortened (under 60% of the length the
 * document's ratio predicts): then it went with the rest, a missing-term
 * note. */
static void test_verbatim_shortened(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary("en\tzh\tverbatim\tforbidden\tflags\nOpenAI\t\tmust\t\t\n");
    /* two paragraphs of the same length set the document's ratio */
    const char *para = "The committee met again on Tuesday to discuss the new rules for the models that are "
                       "trained with very large amounts of compute, and it agreed on a first draft.";
    const char *zh_para = "委员会周二再次开会，讨论针对使用大量算力训练的模型的新规则，并就第一份草案达成了一致意见。";
    char en[2048], zh_full[2048], zh_short[2048];
    snprintf(en, sizeof en,
             "# Rules\n\n%s\n\n%s\n\nModels such as those of OpenAI that were trained with more than ten to the "
             "twenty-fifth operations are presumed to carry systemic risk and have further duties.\n",
             para, para);
    snprintf(zh_full, sizeof zh_full,
             "# 规则\n\n%s\n\n%s\n\n像那家公司那样、训练算力超过十的二十五次方次运算的模型被推定具有系统性风险，"
             "并承担更多义务。\n", zh_para, zh_para);
    snprintf(zh_short, sizeof zh_short, "# 规则\n\n%s\n\n%s\n\n大模型另有义务。\n", zh_para, zh_para);
    enf_findings fs;
    fx_check(en, zh_full, g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.verbatim", 7, 0), 1);
    assert_int_equal(fx_count(&fs, "glossary.missing", 0, 0), 0);
    enf_findings_free(&fs);
    fx_check(en, zh_short, g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.verbatim", 0, 0), 0);
    assert_int_equal(fx_count(&fs, "glossary.missing", 7, 0), 1);
    const enf_finding *f = fx_get(&fs, "glossary.missing");
    assert_int_equal(f->severity, ENF_SEV_NOTE);
    assert_non_null(strstr(f->message, "shortened"));
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

static const char S_ctx_gloss[] =
    "en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\tequivalents\tsuspect\n"
    "GAN\t生成对抗网络\tmust\t\t\tcase\t\t\t甘[notin=甘肃,甘心]\n"
    "training\t训练\t\t\t\t\t\t\t列车[domain]|列车[after=测试]\n"
    "segmentation\t分割\t\t\t\t\t\t\t分段[before=语义]\n"
    "paper\t论文\t\t报纸[!near=新闻,媒体]\t\t\t\t\t纸[num=篇]\n"
    "model\t模型\n"
    "similarity\t相似度|相似性\t\t\t\t\t\t相似度|相似性\n"
    "accuracy\t准确率\t\t\t准确性|精度\n"
    "precision\t精确率\t\t\t精度\n";

static void test_suspect(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(S_ctx_gloss);
    enf_findings fs;
    /* standalone: 甘 reported, 甘肃 and 甘心 not; a regular match wins (生成对抗网络) */
    fx_check(NULL, "# 题\n\n用甘生成图像，不在甘肃。\n\n甘心于此。\n", g, NULL, &fs);
    assert_int_equal(fs.n, 1);
    const enf_finding *f = fx_get(&fs, "glossary.suspect");
    assert_non_null(f);
    assert_int_equal(f->line[1], 3);
    assert_int_equal(f->col[1], 2);
    assert_string_equal(f->expected, "GAN");
    assert_string_equal(f->term, "GAN");
    assert_int_equal(f->severity, ENF_SEV_WARNING);
    enf_findings_free(&fs);
    /* domain: 列车 among other glossary terms, not alone; after=: 列车测试 */
    fx_check(NULL, "# 题\n\n列车晚点了。\n\n列车模型很大。\n\n修正列车测试差异。\n", g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.suspect", 3, 1), 0);
    assert_int_equal(fx_count(&fs, "glossary.suspect", 5, 1), 1);
    assert_int_equal(fx_count(&fs, "glossary.suspect", 7, 3), 1);
    assert_string_equal(fx_get(&fs, "glossary.suspect")->expected, "训练");
    enf_findings_free(&fs);
    /* a required neighbour before; a number and a given measure word */
    fx_check(NULL, "# 题\n\n语义分段很难，文章分段。\n\n读了两篇纸，买了一张纸。\n", g, NULL, &fs);
    assert_int_equal(fs.n, 2);
    assert_int_equal(fx_count(&fs, "glossary.suspect", 3, 3), 1);
    assert_int_equal(fx_count(&fs, "glossary.suspect", 5, 5), 1);
    enf_findings_free(&fs);
    /* off: nothing */
    enf_glossary_free(g);
}

static void test_forbidden_everyday_sense(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(S_ctx_gloss);
    enf_findings fs;
    fx_check(NULL, "# 报纸\n\n新闻媒体的报纸销量下降。这篇报纸很好。\n", g, NULL, &fs);
    assert_int_equal(fx_count(&fs, "glossary.forbidden", 1, 3), 1);
    assert_int_equal(fx_count(&fs, "glossary.forbidden", 3, 6), 0);   /* news words in the sentence */
    assert_int_equal(fx_count(&fs, "glossary.forbidden", 3, 15), 1);  /* the next sentence has none */
    assert_int_equal(fs.n, 2);
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

static void test_equivalents_and_fix(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(S_ctx_gloss);
    enf_findings fs;
    /* one equivalents group: never inconsistent */
    fx_check(NULL, "# 题\n\n相似度高。\n\n相似性低。\n\n相似性中。\n", g, NULL, &fs);
    assert_int_equal(fs.n, 0);
    enf_findings_free(&fs);
    /* the majority is a variant: the fix is the approved rendering */
    fx_check(NULL, "# 题\n\n准确性高。\n\n准确性低。\n\n准确率中。\n", g, NULL, &fs);
    assert_int_equal(fs.n, 1);
    const enf_finding *f = fx_get(&fs, "glossary.inconsistent");
    assert_int_equal(f->line[1], 7);
    assert_string_equal(f->expected, "准确率");
    assert_string_equal(f->message, "\"准确率\" for \"accuracy\", but this document uses \"准确性\" 2 times "
                                    "(first at line 3); the glossary prefers \"准确率\"");
    enf_findings_free(&fs);
    /* a rendering shared with another term is a note */
    fx_check(NULL, "# 题\n\n准确率高。\n\n准确率低。\n\n精度中。\n", g, NULL, &fs);
    f = fx_get(&fs, "glossary.inconsistent");
    assert_non_null(f);
    assert_int_equal(f->severity, ENF_SEV_NOTE);
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forbidden_columns),
        cmocka_unit_test(test_must_stay_renderings),
        cmocka_unit_test(test_inconsistent),
        cmocka_unit_test(test_verbatim_altered),
        cmocka_unit_test(test_verbatim_shortened),
        cmocka_unit_test(test_suspect),
        cmocka_unit_test(test_forbidden_everyday_sense),
        cmocka_unit_test(test_equivalents_and_fix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
