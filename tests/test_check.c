/* test_check.c — glossary loading and matching, every check rule on small
 * hand-written cases, suppression, options, writers, TBX and config. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "enface.h"

static const char S_gloss[] =
    "# a test glossary\n"
    "en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\n"
    "transformer\t变换器\tok\t变压器|变形金刚|转换器\t\t\tmodel architecture\n"
    "vision transformer\t视觉Transformer|视觉变换器\tok\t视觉变形金刚\t\t\t\n"
    "ViT\t视觉Transformer\tmust\tvit\t\tcase\t\n"
    "paper\t论文\t\t报纸\t\t\t\n"
    "pre-trained model\t预训练模型\t\t\t\t\t\n"
    "pre-training\t预训练\t\t预学\t\t\t\n"
    "accuracy\t准确率\t\t\t准确性|精度\t\t\n"
    "convolutional neural network\t卷积神经网络\t\t\t\t\t\n"
    "CNN\t卷积神经网络\tmust\t美国有线电视新闻网\t\tcase\t\n"
    "BERT\t\tmust\t伯特\t\tcase\t\n"
    "attention\t注意力\t\t\t\t\t\n";

static enf_glossary *S_glossary(const char *tsv)
{
    enf_glossary *g = NULL;
    enf_error err = {0};
    assert_int_equal(enf_glossary_new(&g, &err), ENF_OK);
    int rc = enf_glossary_load_buffer(g, "g.tsv", tsv, strlen(tsv), 0, &err);
    if (rc)
        fail_msg("%s", err.msg);
    return g;
}

static enf_doc *S_md(const char *name, const char *s)
{
    enf_doc *d = NULL;
    enf_error err = {0};
    assert_int_equal(enf_doc_read_markdown(name, s, strlen(s), &d, &err), ENF_OK);
    return d;
}

/* Run the check; en may be NULL. */
static void S_check(const char *en_s, const char *zh_s, const enf_glossary *g, enf_check_opts *o,
                    enf_findings *fs)
{
    enf_doc *en = en_s ? S_md("en.md", en_s) : NULL, *zh = S_md("zh.md", zh_s);
    enf_check_opts def;
    if (!o) {
        enf_check_opts_init(&def);
        o = &def;
    }
    o->glossary = g;
    enf_error err = {0};
    memset(fs, 0, sizeof *fs);
    if (enf_check(en, zh, NULL, o, fs, &err))
        fail_msg("%s", err.msg);
    enf_doc_free(en);
    enf_doc_free(zh);
}

/* The number of findings of rule at zh line:col (col 0 = any, line 0 = any). */
static int S_count(const enf_findings *fs, const char *rule, int line, int col)
{
    int n = 0;
    for (size_t i = 0; i < fs->n; i++) {
        const enf_finding *f = &fs->v[i];
        int s = f->line[1] ? 1 : 0;
        if (!strcmp(f->rule, rule) && (!line || f->line[s] == line) && (!col || f->col[s] == col))
            n++;
    }
    return n;
}

static const enf_finding *S_get(const enf_findings *fs, const char *rule)
{
    for (size_t i = 0; i < fs->n; i++)
        if (!strcmp(fs->v[i].rule, rule))
            return &fs->v[i];
    return NULL;
}

/* ---- glossary files */

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
    enf_glossary *g = S_glossary(S_gloss);
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
    enf_glossary *g = S_glossary("en\tzh\tverbatim\nBERT\t\tmust\n");
    assert_int_equal(enf_glossary_count(g), 1);
    enf_glossary_free(g);
}

static void test_glossary_layers(void **state)
{
    (void)state;
    enf_glossary *g = S_glossary(S_gloss);
    enf_error err = {0};
    const char *over = "en\tzh\tforbidden\nTransformer\t转换器\t变压器\nconverter\t转换器\t\n";
    assert_int_equal(enf_glossary_load_buffer(g, "b.tsv", over, strlen(over), 0, &err), ENF_OK);
    assert_int_equal(enf_glossary_count(g), 12);
    const enf_term *t = enf_glossary_term(g, 0);
    assert_string_equal(t->zh[0], "转换器");   /* the later layer replaced the entry */
    assert_string_equal(t->source, "b.tsv");
    enf_findings fs;
    S_check(NULL, "# 题\n\n这个转换器很好。\n", g, NULL, &fs);
    assert_int_equal(S_count(&fs, "glossary.forbidden", 0, 0), 0);
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

/* ---- matching */

static size_t S_match(const enf_glossary *g, int lang, const char *text, enf_match *out, size_t max)
{
    enf_match *m = NULL;
    size_t n = 0;
    enf_error err = {0};
    assert_int_equal(enf_glossary_match(g, lang, text, strlen(text), &m, &n, &err), ENF_OK);
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = m[i];
    free(m);
    return n;
}

static void test_match_english(void **state)
{
    (void)state;
    enf_glossary *g = S_glossary(S_gloss);
    enf_match m[8];
    /* plural, -based, case folding */
    assert_int_equal(S_match(g, 0, "Transformers and Transformer-based models", m, 8), 2);
    assert_int_equal(m[0].term, 0);
    assert_int_equal(m[0].off, 0);
    assert_int_equal(m[0].len, 12);
    assert_int_equal(m[1].off, 17);
    assert_int_equal(m[1].len, 11);
    /* whole words only */
    assert_int_equal(S_match(g, 0, "transformerless retransformer papers", m, 8), 1);
    assert_string_equal(enf_glossary_term(g, m[0].term)->en, "paper");
    /* pre-trained / pretrained / pre-training / pretraining */
    assert_int_equal(S_match(g, 0, "a pretrained model, a pre-trained model", m, 8), 2);
    assert_string_equal(enf_glossary_term(g, m[0].term)->en, "pre-trained model");
    assert_string_equal(enf_glossary_term(g, m[1].term)->en, "pre-trained model");
    assert_int_equal(S_match(g, 0, "pretraining and pre-training", m, 8), 2);
    assert_string_equal(enf_glossary_term(g, m[0].term)->en, "pre-training");
    assert_string_equal(enf_glossary_term(g, m[1].term)->en, "pre-training");
    /* the longer phrase wins */
    assert_int_equal(S_match(g, 0, "the Vision Transformer", m, 8), 1);
    assert_string_equal(enf_glossary_term(g, m[0].term)->en, "vision transformer");
    /* case-sensitive: ViT but not vit; CNNs is a plural of CNN */
    assert_int_equal(S_match(g, 0, "ViT vit CNNs cnn", m, 8), 2);
    assert_string_equal(enf_glossary_term(g, m[0].term)->en, "ViT");
    assert_string_equal(enf_glossary_term(g, m[1].term)->en, "CNN");
    /* never inside URLs, link targets or inline code */
    assert_int_equal(S_match(g, 0, "see https://x.org/transformer and [a](https://y.org/paper) "
                                   "`transformer` <a href=\"/transformer\">", m, 8), 0);
    enf_glossary_free(g);
}

static void test_match_chinese(void **state)
{
    (void)state;
    enf_glossary *g = S_glossary(S_gloss);
    enf_match m[8];
    const char *s = "视觉变换器和变换器";
    assert_int_equal(S_match(g, 1, s, m, 8), 2);
    assert_string_equal(enf_glossary_term(g, m[0].term)->en, "vision transformer");
    assert_int_equal(m[0].kind, ENF_MATCH_APPROVED);
    assert_int_equal(m[0].len, strlen("视觉变换器"));
    assert_string_equal(enf_glossary_term(g, m[1].term)->en, "transformer");
    /* forbidden, verbatim, and the space between Chinese and Latin */
    assert_int_equal(S_match(g, 1, "变压器、视觉 Transformer、Transformers", m, 8), 3);
    assert_int_equal(m[0].kind, ENF_MATCH_FORBIDDEN);
    assert_string_equal(enf_glossary_term(g, m[1].term)->en, "vision transformer");
    assert_int_equal(m[2].kind, ENF_MATCH_VERBATIM);
    /* a Latin key does not fire inside a longer word */
    assert_int_equal(S_match(g, 1, "Transformerless 和 MobileViT", m, 8), 0);
    /* a URL ends at Chinese punctuation: the term after it is checked */
    assert_int_equal(S_match(g, 1, "见 https://x.org/变压器。变压器", m, 8), 1);
    assert_int_equal(m[0].off, strlen("见 https://x.org/变压器。"));
    /* nothing inside code */
    assert_int_equal(S_match(g, 1, "`变压器` 和 [变换器](https://x.org/变压器)", m, 8), 1);
    enf_glossary_free(g);
}

/* ---- rules, Chinese-only */

static void test_forbidden_columns(void **state)
{
    (void)state;
    enf_glossary *g = S_glossary(S_gloss);
    enf_findings fs;
    S_check(NULL, "# 标题\n\n😀 这篇报纸讲变压器。\n", g, NULL, &fs);
    assert_int_equal(fs.n, 2);
    /* columns count code points: the emoji is one */
    assert_int_equal(S_count(&fs, "glossary.forbidden", 3, 5), 1);
    assert_int_equal(S_count(&fs, "glossary.forbidden", 3, 8), 1);
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
    enf_glossary *g = S_glossary(S_gloss);
    enf_findings fs;
    S_check(NULL, "# 题\n\n准确率很高。\n\n准确率更高。\n\n精度一般。\n\n变换器和 Transformer。\n", g, NULL, &fs);
    assert_int_equal(S_count(&fs, "glossary.inconsistent", 7, 1), 1);
    const enf_finding *f = S_get(&fs, "glossary.inconsistent");
    assert_string_equal(f->message,
                        "\"精度\" for \"accuracy\", but this document uses \"准确率\" 2 times (first at line 3)");
    /* a tie goes to the glossary's order: zh before the verbatim form */
    assert_int_equal(S_count(&fs, "glossary.inconsistent", 9, 6), 1);
    assert_int_equal(fs.n, 2);
    enf_findings_free(&fs);
    /* a must-stay term and its expansion are not inconsistent */
    S_check(NULL, "# 题\n\nCNN 即卷积神经网络，CNN 很快。\n", g, NULL, &fs);
    assert_int_equal(fs.n, 0);
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

static void test_verbatim_altered(void **state)
{
    (void)state;
    enf_glossary *g = S_glossary("en\tzh\tverbatim\tforbidden\tflags\nGPT-3\t\tmust\t\t\nViT\t\tmust\tvit\tcase\n"
                                 "softmax\t\tmust\t\t\n");
    enf_findings fs;
    S_check(NULL, "# 题\n\n用 gpt-3 和 vit。\n\nSoftmax 和 SOFTMAX 都行。\n", g, NULL, &fs);
    assert_int_equal(S_count(&fs, "glossary.verbatim", 3, 3), 1);
    assert_int_equal(S_count(&fs, "glossary.forbidden", 3, 11), 1);
    /* a form written all in lower case takes any case */
    assert_int_equal(fs.n, 2);
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

static void test_markup(void **state)
{
    (void)state;
    enf_findings fs;
    S_check(NULL,
            "# 题\n\n[****论文****](https://x.org)\n\n[**论文**](https://x.org)**——短文\n\n"
            "好的 **粗体** 和 `代码`。\n\n坏的 `代码。\n\n链接 [甲] (https://x.org) 坏了。\n\n* 列表项\n",
            NULL, NULL, &fs);
    assert_int_equal(S_count(&fs, "markup.damaged", 3, 2), 1);
    assert_int_equal(S_count(&fs, "markup.damaged", 5, 24), 1);
    assert_int_equal(S_count(&fs, "markup.damaged", 7, 0), 0);
    assert_int_equal(S_count(&fs, "markup.damaged", 9, 4), 1);
    assert_int_equal(S_count(&fs, "markup.damaged", 11, 6), 1);
    assert_int_equal(S_count(&fs, "markup.damaged", 13, 0), 0);
    assert_int_equal(fs.n, 4);
    enf_findings_free(&fs);
}

static void test_untranslated_and_spacing(void **state)
{
    (void)state;
    enf_findings fs;
    const char *zh = "# 题\n\n这是 ViT 和 GPT-3。\n\n"
                     "The hospital case is a good reminder that accuracy is not the whole story.\n";
    S_check(NULL, zh, NULL, NULL, &fs);
    assert_int_equal(fs.n, 1);
    assert_int_equal(S_count(&fs, "untranslated", 5, 1), 1);
    enf_findings_free(&fs);
    /* spacing is off by default, on when enabled */
    enf_check_opts o;
    enf_check_opts_init(&o);
    enf_error err = {0};
    assert_int_equal(enf_check_opts_set(&o, "spacing.cjk-latin", -1, &err), ENF_OK);
    assert_int_equal(enf_check_opts_set(&o, "untranslated", ENF_SEV_NONE, &err), ENF_OK);
    S_check(NULL, "# 题\n\n用ViT做 GPT-3 和 https://x.org/a。\n", NULL, &o, &fs);
    assert_int_equal(fs.n, 2);
    assert_int_equal(S_count(&fs, "spacing.cjk-latin", 3, 2), 1);
    assert_int_equal(S_count(&fs, "spacing.cjk-latin", 3, 5), 1);
    assert_int_equal(fs.v[0].severity, ENF_SEV_NOTE);
    enf_findings_free(&fs);
    assert_int_equal(enf_check_opts_set(&o, "nonsense.rule", ENF_SEV_NONE, &err), ENF_EUSAGE);
}

static void test_suppression(void **state)
{
    (void)state;
    enf_glossary *g = S_glossary(S_gloss);
    enf_findings fs;
    S_check(NULL,
            "# 题\n\n报纸一。\n\n<!-- enface-disable glossary.forbidden -->\n\n报纸二。\n\n"
            "<!-- enface-enable glossary.forbidden -->\n\n报纸三。\n\n"
            "<!-- enface-disable-next-line glossary -->\n报纸四。\n\n<!-- enface-disable -->\n\n报纸五 ****。\n",
            g, NULL, &fs);
    assert_int_equal(fs.n, 2);
    assert_int_equal(S_count(&fs, "glossary.forbidden", 3, 1), 1);
    assert_int_equal(S_count(&fs, "glossary.forbidden", 11, 1), 1);
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

/* ---- rules, bilingual */

static void test_bilingual_rules(void **state)
{
    (void)state;
    enf_glossary *g = S_glossary(S_gloss);
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
    S_check(en, zh, g, NULL, &fs);
    assert_int_equal(S_count(&fs, "number.mismatch", 3, 36), 1);
    assert_int_equal(S_count(&fs, "number.mismatch", 0, 0), 1);   /* 20 亿 = 2 billion */
    assert_int_equal(S_count(&fs, "link.lost", 5, 1), 1);
    const enf_finding *f = S_get(&fs, "link.lost");
    assert_int_equal(f->line[0], 5);
    assert_int_equal(f->col[0], 39);
    assert_int_equal(S_count(&fs, "link.changed", 7, 31), 1);
    assert_int_equal(S_count(&fs, "glossary.forbidden", 7, 12), 1);
    assert_int_equal(S_count(&fs, "glossary.verbatim", 0, 0), 0);   /* not twice */
    assert_int_equal(S_count(&fs, "code.changed", 10, 1), 1);
    f = S_get(&fs, "code.changed");
    assert_string_equal(f->found, "x = f(8)");
    assert_string_equal(f->expected, "x = f(16)");
    assert_int_equal(S_count(&fs, "code.changed", 14, 5), 1);
    assert_int_equal(S_count(&fs, "block.omitted", 0, 0), 1);
    f = S_get(&fs, "block.omitted");
    assert_int_equal(f->line[0], 14);
    assert_int_equal(f->line[1], 0);
    assert_int_equal(S_count(&fs, "block.added", 16, 1), 1);
    assert_int_equal(S_count(&fs, "glossary.missing", 0, 0), 0);
    enf_findings_free(&fs);

    /* glossary.verbatim: a must-stay name translated (counted: one of two) */
    S_check("# A\n\nA CNN and a CNN [x](https://x.org/a).\n", "# 甲\n\n一个 CNN 和一个有线新闻网 [x](https://x.org/a)。\n",
            g, NULL, &fs);
    assert_int_equal(S_count(&fs, "glossary.verbatim", 3, 1), 1);
    assert_int_equal(fs.n, 1);
    enf_findings_free(&fs);

    /* glossary.missing: a term with no rendering in its aligned block */
    S_check("# A\n\nThe attention of [x](https://x.org/a) 2021.\n", "# 甲\n\n[x](https://x.org/a) 的关注 2021。\n",
            g, NULL, &fs);
    assert_int_equal(S_count(&fs, "glossary.missing", 3, 1), 1);
    f = S_get(&fs, "glossary.missing");
    assert_int_equal(f->line[0], 3);
    assert_int_equal(f->col[0], 5);
    assert_string_equal(f->term, "attention");
    assert_int_equal(f->severity, ENF_SEV_NOTE);   /* a hint by default */
    enf_findings_free(&fs);
    enf_glossary_free(g);
}

/* ---- writers */

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
    enf_glossary *g = S_glossary(S_gloss);
    enf_doc *zh = S_md("zh.md", "# 题\n\n这篇报纸讲变压器，精度和准确率和准确率。\n");
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
    enf_glossary *g = S_glossary(S_gloss);
    /* 15 errors and 12 warnings: 10 + 10 shown, errors first, then the summary */
    char doc[8192] = "# 题\n\n";
    for (int i = 0; i < 15; i++)
        strcat(doc, "报纸。\n\n");
    for (int i = 0; i < 13; i++)
        strcat(doc, i == 0 ? "准确率。\n\n" : "精度。\n\n");
    enf_doc *zh = S_md("zh.md", doc);
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
    zh = S_md("zh.md", doc);
    assert_int_equal(enf_check(NULL, zh, NULL, &o, &fs, &err), ENF_OK);
    assert_int_equal(S_count(&fs, "glossary.forbidden", 0, 0), 15);
    assert_int_equal(S_count(&fs, "glossary.inconsistent", 0, 0), 12);
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

/* ---- TBX */

static void test_tbx_roundtrip(void **state)
{
    (void)state;
    enf_glossary *g = S_glossary(S_gloss);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    enf_error err = {0};
    assert_int_equal(enf_glossary_write_tbx(g, f, &err), ENF_OK);
    fclose(f);
    assert_non_null(strstr(buf, "<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\" type=\"TBX-Basic\""));
    enf_glossary *h = NULL;
    assert_int_equal(enf_glossary_new(&h, &err), ENF_OK);
    if (enf_glossary_load_buffer(h, "g.tbx", buf, len, 1, &err))
        fail_msg("%s", err.msg);
    /* the same TSV comes out of both */
    char *a = NULL, *b = NULL;
    size_t al = 0, bl = 0;
    FILE *fa = open_memstream(&a, &al), *fb = open_memstream(&b, &bl);
    enf_glossary_write_tsv(g, fa, &err);
    enf_glossary_write_tsv(h, fb, &err);
    fclose(fa);
    fclose(fb);
    assert_string_equal(a, b);
    free(a);
    free(b);
    free(buf);
    enf_glossary_free(h);
    enf_glossary_free(g);
}

static void test_tbx_xxe(void **state)
{
    (void)state;
    enf_error err = {0};
    enf_glossary *g = NULL;
    assert_int_equal(enf_glossary_new(&g, &err), ENF_OK);
    const char *xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        "<tbx><text><body><conceptEntry><langSec xml:lang=\"en\"><termSec><term>&x;</term></termSec>"
        "</langSec><langSec xml:lang=\"zh\"><termSec><term>甲</term></termSec></langSec></conceptEntry>"
        "</body></text></tbx>\n";
    assert_int_equal(enf_glossary_load_buffer(g, "x.tbx", xxe, strlen(xxe), 1, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "x.tbx: declares XML entities; refused"));
    const char *laughs =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>\n"
        "<tbx><text><body/></text></tbx>\n";
    assert_int_equal(enf_glossary_load_buffer(g, "l.tbx", laughs, strlen(laughs), 1, &err), ENF_EINPUT);
    /* an external DTD is never fetched: the file still loads */
    const char *ext =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx SYSTEM \"http://127.0.0.1:9/x.dtd\">\n"
        "<tbx><text><body><conceptEntry><langSec xml:lang=\"en\"><termSec><term>cat</term></termSec>"
        "</langSec><langSec xml:lang=\"zh\"><termSec><term>猫</term></termSec></langSec></conceptEntry>"
        "</body></text></tbx>\n";
    if (enf_glossary_load_buffer(g, "e.tbx", ext, strlen(ext), 1, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(enf_glossary_count(g), 1);
    const char *bad = "<tbx><text>";
    assert_int_equal(enf_glossary_load_buffer(g, "bad.tbx", bad, strlen(bad), 1, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "bad.tbx:1: not well-formed XML"));
    enf_glossary_free(g);
}

/* ---- config */

static void test_config(void **state)
{
    (void)state;
    char dir[] = "/tmp/enface-cfg-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], sub[256];
    snprintf(path, sizeof path, "%s/.enface.ini", dir);
    snprintf(sub, sizeof sub, "%s/a", dir);
    FILE *f = fopen(path, "w");
    fputs("; defaults for this repository\n[check]\nglossary = glossary/ml.tsv\nglossary = /abs/extra.tsv\n"
          "fail-on = error\nformat = sarif\n[rules]\nglossary.missing = off\nspacing = on\nlink.lost = error\n",
          f);
    fclose(f);
    assert_int_equal(mkdir(sub, 0700), 0);
    char *found = enf_config_find(sub);
    assert_non_null(found);
    assert_string_equal(found, path);
    enf_config cfg = {0};
    cfg.fail_on = -1;
    enf_check_opts o;
    enf_check_opts_init(&o);
    enf_error err = {0};
    if (enf_config_load(found, &cfg, &o, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(cfg.n_glossaries, 2);
    char want[300];
    snprintf(want, sizeof want, "%s/glossary/ml.tsv", dir);
    assert_string_equal(cfg.glossaries[0], want);
    assert_string_equal(cfg.glossaries[1], "/abs/extra.tsv");
    assert_int_equal(cfg.fail_on, ENF_SEV_ERROR);
    assert_string_equal(cfg.format, "sarif");
    assert_int_equal(o.severity[ENF_RULE_GLOSSARY_MISSING], ENF_SEV_NONE);
    assert_int_equal(o.severity[ENF_RULE_SPACING_CJK_LATIN], ENF_SEV_NOTE);
    assert_int_equal(o.severity[ENF_RULE_LINK_LOST], ENF_SEV_ERROR);
    enf_config_free(&cfg);
    f = fopen(path, "w");
    fputs("[check]\nfail-on = error\n[rules]\nglossary.missing = loud\n", f);
    fclose(f);
    cfg.fail_on = -1;
    assert_int_equal(enf_config_load(path, &cfg, &o, &err), ENF_EINPUT);
    char msg[400];
    snprintf(msg, sizeof msg, "%s:4: \"loud\" is not a severity", path);
    assert_non_null(strstr(err.msg, msg));
    enf_config_free(&cfg);
    free(found);
    unlink(path);
    rmdir(sub);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glossary_load),
        cmocka_unit_test(test_glossary_errors),
        cmocka_unit_test(test_glossary_layers),
        cmocka_unit_test(test_match_english),
        cmocka_unit_test(test_match_chinese),
        cmocka_unit_test(test_forbidden_columns),
        cmocka_unit_test(test_inconsistent),
        cmocka_unit_test(test_verbatim_altered),
        cmocka_unit_test(test_markup),
        cmocka_unit_test(test_untranslated_and_spacing),
        cmocka_unit_test(test_suppression),
        cmocka_unit_test(test_bilingual_rules),
        cmocka_unit_test(test_writers),
        cmocka_unit_test(test_github_cap),
        cmocka_unit_test(test_tbx_roundtrip),
        cmocka_unit_test(test_tbx_xxe),
        cmocka_unit_test(test_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
