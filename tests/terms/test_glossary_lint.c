/* test_glossary_lint.c — src/terms/glossary_lint.c: a glossary read
 * against aligned translations.  The d2l-zh case: a list that pairs
 * 过拟合 with underfitting and 欠拟合 with overfitting, against text that
 * uses them the right way round, is reported swapped; an entry no
 * translation follows is unused; a forbidden form the translators write
 * is reported; an entry the translations follow is not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static const char S_en[] =
    "# Fitting\n\n"
    "A large model trained for too long shows overfitting on the training set.\n\n"
    "We add dropout to reduce overfitting when the data set is small.\n\n"
    "Early stopping also limits overfitting, as the paper shows.\n\n"
    "A tiny model shows underfitting on every split of the data.\n\n"
    "More layers help against underfitting, the paper says.\n\n"
    "Underfitting is easy to see in the first epochs.\n";

static const char S_zh[] =
    "# 拟合\n\n"
    "训练太久的大模型会在训练集上出现过拟合。\n\n"
    "数据集小的时候，我们加入 dropout 来减轻过拟合。\n\n"
    "正如报纸所示，提前停止也能限制过拟合。\n\n"
    "很小的模型在数据的每个划分上都欠拟合。\n\n"
    "报纸说，更多的层有助于对付欠拟合。\n\n"
    "欠拟合在最初几个周期就很容易看出来。\n";

static const char S_gloss[] =
    "en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\n"
    "overfitting\t欠拟合\t\t\t\t\t\n"
    "underfitting\t过拟合\t\t\t\t\t\n"
    "dropout\t丢弃法\t\t\t\t\t\n"
    "paper\t论文\t\t报纸\t\t\t\n"
    "model\t模型\t\t\t\t\t\n";

static char *S_lint(const char *tsv, size_t min, size_t *found)
{
    enf_glossary *g = fx_glossary(tsv);
    enf_doc *en = fx_md("en.md", S_en), *zh = fx_md("zh.md", S_zh);
    enf_alignment *al = NULL;
    enf_error err = {0};
    assert_int_equal(enf_align_blocks(en, zh, NULL, &al, &err), ENF_OK);
    enf_glossary_usage *u = NULL;
    assert_int_equal(enf_glossary_usage_new(g, &u, &err), ENF_OK);
    assert_int_equal(enf_glossary_usage_add(u, en, zh, al, &err), ENF_OK);
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(enf_glossary_usage_lint(u, min, f, found, &err), ENF_OK);
    long n = ftell(f);
    char *out = calloc(1, (size_t)n + 1);
    rewind(f);
    assert_int_equal(fread(out, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    enf_glossary_usage_free(u);
    enf_alignment_free(al);
    enf_doc_free(en);
    enf_doc_free(zh);
    enf_glossary_free(g);
    return out;
}

static void test_lint(void **state)
{
    (void)state;
    size_t found = 0;
    char *out = S_lint(S_gloss, 3, &found);
    /* swapped: one line for the pair, at the first entry */
    assert_non_null(strstr(out, "g.tsv:2: warning: [lint.swapped] \"overfitting\" and \"underfitting\" (line 3) look "
                                "swapped"));
    assert_null(strstr(out, "g.tsv:3: warning: [lint.swapped]"));
    /* paper: the forbidden 报纸 in 2 of its 2 paragraphs, but 2 < 3 */
    assert_null(strstr(out, "\"paper\""));
    /* dropout is in one paragraph only: below the threshold */
    assert_null(strstr(out, "dropout"));
    assert_null(strstr(out, "\"model\""));
    assert_int_equal(found, 1);
    free(out);
    /* with a threshold of 1: dropout (kept in English) is unused, and 报纸 is
     * what the translators write for "paper" */
    out = S_lint(S_gloss, 1, &found);
    assert_non_null(strstr(out, "g.tsv:4: warning: [lint.unused] \"dropout\" is in 1 aligned paragraphs and no "
                                "translation writes \"丢弃法\""));
    assert_non_null(strstr(out, "g.tsv:5: warning: [lint.forbidden-used] the translations write the forbidden "
                                "\"报纸\" for \"paper\" in 2 of 2 aligned paragraphs"));
    assert_null(strstr(out, "\"model\""));
    assert_int_equal(found, 3);
    free(out);
    /* the same text against the right glossary: nothing */
    out = S_lint("en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\n"
                 "overfitting\t过拟合\t\t\t\t\t\nunderfitting\t欠拟合\t\t\t\t\t\n"
                 "dropout\t丢弃法\tok\t\t\t\t\nmodel\t模型\t\t\t\t\t\n",
                 1, &found);
    assert_string_equal(out, "");
    assert_int_equal(found, 0);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
