/* test_segment.c — src/align/segment.c: sentence boundaries in English and
 * Chinese (short real sentences from ../shared/corpus, quoted as test
 * cases, then hand-written ones) and the language guess. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align_internal.h"
#include "fixtures.h"

/* Segment text and join the sentences with " | ". */
static const char *S_seg(const char *text, int lang)
{
    static char buf[8192];
    enf_span *sp = NULL;
    size_t n = 0;
    enf_error err = {0};
    assert_int_equal(enf_segment_sentences(text, strlen(text), lang, &sp, &n, &err), ENF_OK);
    /* the block aligner's count without the spans: the same number */
    size_t counted = 0;
    assert_int_equal(enf__count_sentences(text, strlen(text), lang, &counted, &err), ENF_OK);
    assert_int_equal(counted, n);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(buf, " | ");
        strncat(buf, text + sp[i].off, sp[i].len);
    }
    free(sp);
    return buf;
}

typedef struct {
    const char *text, *want;
} S_case;

/* English sentences from ../shared/corpus (hfblog), as block text. */
static const S_case S_en[] = {
    {"Adjust the ratio to a low number (i.e. 0.02). This is probably not going to look very "
     "good. However, in this tutorial, we're going to embrace the low fidelity.",
     "Adjust the ratio to a low number (i.e. 0.02). | This is probably not going to look very "
     "good. | However, in this tutorial, we're going to embrace the low fidelity."},
    {"Recent years have seen much important research on bias detection in AI systems with "
     "single modalities in both Natural Language Processing (Abid et al., 2021) as well as "
     "Computer Vision (Buolamwini and Gebru, 2018). To the extent that ML models are "
     "constructed by people, biases are present in all ML models.",
     "Recent years have seen much important research on bias detection in AI systems with "
     "single modalities in both Natural Language Processing (Abid et al., 2021) as well as "
     "Computer Vision (Buolamwini and Gebru, 2018). | To the extent that ML models are "
     "constructed by people, biases are present in all ML models."},
    {"The following obligations apply if you are developing open source GPAI models, e.g. "
     "LLMs, that do not present systemic risk. Developers can select from a list of open "
     "licenses on the Hub.",
     "The following obligations apply if you are developing open source GPAI models, e.g. "
     "LLMs, that do not present systemic risk. | Developers can select from a list of open "
     "licenses on the Hub."},
    {"3.5 years ago, Accelerate was a simple framework aimed at making training on multi-GPU "
     "and TPU systems easier. This is beginning to change.",
     "3.5 years ago, Accelerate was a simple framework aimed at making training on multi-GPU "
     "and TPU systems easier. | This is beginning to change."},
    {"Check out huggingface.co/docs for more. Today, we'll be revisiting practical workflows.",
     "Check out huggingface.co/docs for more. | Today, we'll be revisiting practical "
     "workflows."},
    {"This can manifest itself by an over- and under-representation of certain visual "
     "characteristics in images (e.g. all images of office workers having ties). We aim to "
     "provide a non-exhaustive list of bias sources below:",
     "This can manifest itself by an over- and under-representation of certain visual "
     "characteristics in images (e.g. all images of office workers having ties). | We aim to "
     "provide a non-exhaustive list of bias sources below:"},
    {"As shown in Fig. 3 of the paper, the loss drops. Is it enough? We think so!",
     "As shown in Fig. 3 of the paper, the loss drops. | Is it enough? | We think so!"},
    {"and REMEMBER... for Quality PRINTING", "and REMEMBER... for Quality PRINTING"},
    {"Introduction", "Introduction"},
};

/* Chinese sentences from ../shared/corpus (hfblog). */
static const S_case S_zh[] = {
    {"图像无处不在——商品照片、收据、截图、图表、徽标……这些图片中蕴含着丰富的结构化信息。"
     "现在，你终于可以在 AI Sheets 中直接处理图像内容。",
     "图像无处不在——商品照片、收据、截图、图表、徽标……这些图片中蕴含着丰富的结构化信息。 | "
     "现在，你终于可以在 AI Sheets 中直接处理图像内容。"},
    {"15 世纪初，中国航海家郑和在明朝初期领导了七次著名的远洋航行，史称“郑和下西洋”。"
     "他的航程穿越东南亚、中东，最终到达非洲。“出海”一词自此具有了特殊的全球化意义。",
     "15 世纪初，中国航海家郑和在明朝初期领导了七次著名的远洋航行，史称“郑和下西洋”。 | "
     "他的航程穿越东南亚、中东，最终到达非洲。 | “出海”一词自此具有了特殊的全球化意义。"},
    {"图像列支持的操作包括：提取文字、图像问答、目标检测；默认模型为 Qwen/Qwen2.5-VL-7B-Instruct，"
     "在速度与准确度间平衡良好。",
     "图像列支持的操作包括：提取文字、图像问答、目标检测； | 默认模型为 Qwen/Qwen2.5-VL-7B-Instruct，"
     "在速度与准确度间平衡良好。"},
    {"运行此代码，你将看到以下打印输出: “Circuit compiled with 8 bit-width”。该配置与 FHE 兼容。",
     "运行此代码，你将看到以下打印输出: “Circuit compiled with 8 bit-width”。 | 该配置与 FHE 兼容。"},
    {"小玄子笑道：“投不投降？”韦小宝道：“死也不降。”",
     "小玄子笑道：“投不投降？” | 韦小宝道：“死也不降。”"},
    {"这是为什么呢？！我们不知道……", "这是为什么呢？！ | 我们不知道……"},
    {"引言", "引言"},
};

static void test_segment_en(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof S_en / sizeof *S_en; i++)
        assert_string_equal(S_seg(S_en[i].text, ENF_LANG_EN), S_en[i].want);
}

static void test_segment_zh(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof S_zh / sizeof *S_zh; i++)
        assert_string_equal(S_seg(S_zh[i].text, ENF_LANG_ZH), S_zh[i].want);
}

static void test_segment_auto_and_empty(void **state)
{
    (void)state;
    assert_int_equal(enf_guess_lang("你好，世界。", strlen("你好，世界。")), ENF_LANG_ZH);
    assert_int_equal(enf_guess_lang("Hello, world.", 13), ENF_LANG_EN);
    assert_string_equal(S_seg("你好。再见。", ENF_LANG_AUTO), "你好。 | 再见。");
    assert_string_equal(S_seg("   ", ENF_LANG_EN), "");
}

/* Hand-written cases, one rule each. */
static const S_case S_en_rules[] = {
    /* abbreviations that end in a period inside a sentence */
    {"We use e.g. transformers. They work.", "We use e.g. transformers. | They work."},
    {"Smith et al. showed it. Jones et al. disagreed.",
     "Smith et al. showed it. | Jones et al. disagreed."},
    {"See Fig. 2 and Eq. 3. Then Sec. 4 follows.", "See Fig. 2 and Eq. 3. | Then Sec. 4 follows."},
    {"See Figs. 2 and 3. Then stop.", "See Figs. 2 and 3. | Then stop."},
    {"It costs approx. 5 dollars vs. 6 dollars. Done.",
     "It costs approx. 5 dollars vs. 6 dollars. | Done."},
    {"Dr. Who and Mr. Smith met in the U.S. Army. They left.",
     "Dr. Who and Mr. Smith met in the U.S. Army. | They left."},
    /* initials */
    {"J. R. R. Tolkien wrote it. A. Smith read it.", "J. R. R. Tolkien wrote it. | A. Smith read it."},
    /* decimals and URLs are not ends */
    {"It scored 3.14 on average. The rest was 0.5.", "It scored 3.14 on average. | The rest was 0.5."},
    {"Visit https://example.org/a.b/c.html. Then read docs.python.org for more.",
     "Visit https://example.org/a.b/c.html. | Then read docs.python.org for more."},
    /* an ellipsis ends a sentence before a capital, not before lower case */
    {"Wait... What happened? Nothing... and then it was over.",
     "Wait... | What happened? | Nothing... and then it was over."},
    /* a closing quote stays with its sentence; ?! is one end */
    {"He said \"Stop.\" Then he left.", "He said \"Stop.\" | Then he left."},
    {"Really?! Yes! No; maybe.", "Really?! | Yes! | No; maybe."},
    /* a "sentence" starting in lower case was no break */
    {"The model is good. the next one is better.", "The model is good. the next one is better."},
};

static const S_case S_zh_rules[] = {
    /* closing quotes and brackets stay with the sentence they close */
    {"他说：“好。”然后走了。", "他说：“好。” | 然后走了。"},
    {"书名是《三体》。作者是刘慈欣。", "书名是《三体》。 | 作者是刘慈欣。"},
    {"（见附录。）下一句。", "（见附录。） | 下一句。"},
    /* runs of terminators are one end; ； ends too */
    {"真的吗？！是的！", "真的吗？！ | 是的！"},
    {"第一步；第二步。", "第一步； | 第二步。"},
    /* a full stop in a decimal or URL is not an end; after Han text and
     * before a space it is */
    {"版本是 3.5。下一句。", "版本是 3.5。 | 下一句。"},
    {"访问 https://example.org/a.b 了解更多。下一句。", "访问 https://example.org/a.b 了解更多。 | 下一句。"},
    {"模型很好. 下一句.", "模型很好. | 下一句."},
    /* ASCII ! ? end before a space or Han text */
    {"他说 OK! 然后走了。真的?是的", "他说 OK! | 然后走了。 | 真的? | 是的"},
    /* …… before more of the sentence is a pause, at the end an end */
    {"等等……然后呢？", "等等……然后呢？"},
    {"他等了……。后来走了。", "他等了……。 | 后来走了。"},
    {"结束了……", "结束了……"},
    {"没有标点", "没有标点"},
};

static void test_segment_en_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof S_en_rules / sizeof *S_en_rules; i++)
        assert_string_equal(S_seg(S_en_rules[i].text, ENF_LANG_EN), S_en_rules[i].want);
}

static void test_segment_zh_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof S_zh_rules / sizeof *S_zh_rules; i++)
        assert_string_equal(S_seg(S_zh_rules[i].text, ENF_LANG_ZH), S_zh_rules[i].want);
}

static void test_segment_spans(void **state)
{
    (void)state;
    /* spans are byte offsets into the text, white space trimmed */
    const char *t = "  One.  Two.  ";
    enf_span *sp = NULL;
    size_t n = 0;
    enf_error err = {0};
    assert_int_equal(enf_segment_sentences(t, strlen(t), ENF_LANG_EN, &sp, &n, &err), ENF_OK);
    assert_int_equal(n, 2);
    assert_int_equal(sp[0].off, 2);
    assert_int_equal(sp[0].len, 4);
    assert_int_equal(sp[1].off, 8);
    assert_int_equal(sp[1].len, 4);
    free(sp);
    /* nothing in, nothing out, for either language */
    assert_int_equal(enf_segment_sentences("", 0, ENF_LANG_ZH, &sp, &n, &err), ENF_OK);
    assert_int_equal(n, 0);
    assert_null(sp);
    assert_string_equal(S_seg("    ", ENF_LANG_ZH), "");
    assert_string_equal(S_seg("", ENF_LANG_EN), "");
}

static void test_guess_lang(void **state)
{
    (void)state;
    /* Chinese when Han characters are at least a fifth of the letters */
    static const struct {
        const char *s;
        int lang;
    } cases[] = {
        {"", ENF_LANG_EN},         {"123 456", ENF_LANG_EN},      {"你好", ENF_LANG_ZH},
        {"a你", ENF_LANG_ZH},      {"abcd你", ENF_LANG_ZH},       {"abcde你", ENF_LANG_EN},
        {"Hello 世界", ENF_LANG_ZH}, {"GPU 加速的 Transformer 模型", ENF_LANG_ZH},
        /* full-width Latin letters and CJK punctuation are not Han */
        {"ＡＢＣ", ENF_LANG_EN},    {"。，！", ENF_LANG_EN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        if (enf_guess_lang(cases[i].s, strlen(cases[i].s)) != cases[i].lang)
            fail_msg("enf_guess_lang(\"%s\") != %d", cases[i].s, cases[i].lang);
    /* ENF_LANG_AUTO segments by the guess */
    assert_string_equal(S_seg("用 ViT 做分类。很好。", ENF_LANG_AUTO), "用 ViT 做分类。 | 很好。");
    assert_string_equal(S_seg("Hello world. Bye.", ENF_LANG_AUTO), "Hello world. | Bye.");
}

/* ICU reads the English as UTF-16: breaks after characters outside the
 * BMP (two UTF-16 units), in a text longer than the stack buffer, and in
 * text that is not UTF-8 (read through a UText instead) land on the
 * right bytes. */
static void test_segment_en_offsets(void **state)
{
    (void)state;
    assert_string_equal(S_seg("We love \xF0\x9F\xA4\x97 models. They are \xF0\x9F\x9A\x80 fast! "
                              "\xC3\x89t\xC3\xA9 ends.", ENF_LANG_EN),
                        "We love \xF0\x9F\xA4\x97 models. | They are \xF0\x9F\x9A\x80 fast! | "
                        "\xC3\x89t\xC3\xA9 ends.");
    assert_string_equal(S_seg("Bad \xFF byte here. Next one \xF0\x9F\xA4\x97 too.", ENF_LANG_EN),
                        "Bad \xFF byte here. | Next one \xF0\x9F\xA4\x97 too.");
    /* 3,000 emoji then two sentences: longer than the stack buffer */
    static char big[16000];
    size_t o = 0;
    for (int k = 0; k < 3000; k++) {
        memcpy(big + o, "\xF0\x9F\xA4\x97", 4);
        o += 4;
    }
    memcpy(big + o, " first. Second one.", 20);
    enf_span *sp = NULL;
    size_t n = 0;
    enf_error err = {0};
    assert_int_equal(enf_segment_sentences(big, strlen(big), ENF_LANG_EN, &sp, &n, &err), ENF_OK);
    assert_int_equal(n, 2);
    assert_int_equal(sp[0].off, 0);
    assert_int_equal(sp[0].len, o + 7);
    assert_int_equal(sp[1].off, o + 8);
    assert_int_equal(sp[1].len, 11);
    free(sp);
}

/* Each thread keeps one ICU iterator and sets it to every text: what it
 * cut before must not change what it cuts next.  The English cases in
 * order, in reverse, and after text read through a UText (not UTF-8) all
 * give what test_segment_en wants; so do two threads cutting them at
 * once, each with its own iterator (closed when the thread ends). */
static void S_all_en(int reverse)
{
    size_t n = sizeof S_en / sizeof *S_en;
    for (size_t k = 0; k < n; k++) {
        const S_case *c = &S_en[reverse ? n - 1 - k : k];
        assert_string_equal(S_seg(c->text, ENF_LANG_EN), c->want);
        assert_string_equal(S_seg("Bad \xFF byte here. Next one.", ENF_LANG_EN),
                            "Bad \xFF byte here. | Next one.");
    }
}

static void *S_cut_many(void *arg)
{
    int *bad = arg;
    size_t n = sizeof S_en / sizeof *S_en;
    for (int round = 0; round < 20; round++)
        for (size_t k = 0; k < n; k++) {
            enf_span *sp = NULL;
            size_t ns = 0;
            enf_error err = {0};
            const char *t = S_en[k].text;
            /* the sentences, counted by the " | " the case writes between them */
            size_t want = 1;
            for (const char *p = S_en[k].want; (p = strstr(p, " | ")); p += 3)
                want++;
            if (enf_segment_sentences(t, strlen(t), ENF_LANG_EN, &sp, &ns, &err) || ns != want)
                (*bad)++;
            free(sp);
        }
    return NULL;
}

static void test_segment_reused(void **state)
{
    (void)state;
    S_all_en(0);
    S_all_en(1);
    S_all_en(0);
    pthread_t th[2];
    int bad[2] = {0, 0};
    for (int k = 0; k < 2; k++)
        assert_int_equal(pthread_create(&th[k], NULL, S_cut_many, &bad[k]), 0);
    for (int k = 0; k < 2; k++)
        assert_int_equal(pthread_join(th[k], NULL), 0);
    assert_int_equal(bad[0] + bad[1], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_segment_en),
        cmocka_unit_test(test_segment_zh),
        cmocka_unit_test(test_segment_auto_and_empty),
        cmocka_unit_test(test_segment_en_rules),
        cmocka_unit_test(test_segment_zh_rules),
        cmocka_unit_test(test_segment_spans),
        cmocka_unit_test(test_segment_en_offsets),
        cmocka_unit_test(test_segment_reused),
        cmocka_unit_test(test_guess_lang),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
