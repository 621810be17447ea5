/* test_sentences.c — sentence segmentation (on short real sentences from
 * ../shared/corpus, quoted as test cases), the CC-CEDICT reader on a tiny
 * dictionary written here, Chinese longest match, English stemming, and the
 * sentence aligner on small hand-made texts (1-3 split, 2-1 merge,
 * insertion). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "enface.h"

/* Segment text and join the sentences with " | ". */
static const char *S_seg(const char *text, int lang)
{
    static char buf[8192];
    enf_span *sp = NULL;
    size_t n = 0;
    enf_error err = {0};
    assert_int_equal(enf_segment_sentences(text, strlen(text), lang, &sp, &n, &err), ENF_OK);
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

/* ---- a tiny CC-CEDICT of our own */

static const char S_dict[] =
    "# a test dictionary\n"
    "#! version=1\n"
    "貓 猫 [mao1] /cat/CL:隻|只[zhi1]/\n"
    "狗 狗 [gou3] /dog/\n"
    "鳥 鸟 [niao3] /bird/\n"
    "魚 鱼 [yu2] /fish/\n"
    "馬 马 [ma3] /horse/surname Ma/\n"
    "牛 牛 [niu2] /cow/ox/\n"
    "飛 飞 [fei1] /to fly/\n"
    "游 游 [you2] /to swim/\n"
    "跑 跑 [pao3] /to run/\n"
    "吃 吃 [chi1] /to eat/\n"
    "草 草 [cao3] /grass/straw/\n"
    "和 和 [he2] /and/\n"
    "睡覺 睡觉 [shui4 jiao4] /to go to bed/to sleep/\n"
    "睡 睡 [shui4] /to sleep/\n"
    "房子 房子 [fang2 zi5] /house/building (CL:棟|栋[dong4])/\n"
    "紅 红 [hong2] /red/\n"
    "清 清 [qing1] /clear/\n"
    "揚 扬 [yang2] /to raise/\n";

static char S_dict_path[64];

static int S_setup(void **state)
{
    (void)state;
    strcpy(S_dict_path, "/tmp/enface-test-dict-XXXXXX");
    int fd = mkstemp(S_dict_path);
    if (fd < 0)
        return -1;
    FILE *f = fdopen(fd, "w");
    fputs(S_dict, f);
    fclose(f);
    return 0;
}

static int S_teardown(void **state)
{
    (void)state;
    unlink(S_dict_path);
    return 0;
}

static enf_lexicon *S_lex(void)
{
    enf_lexicon *lx = NULL;
    enf_error err = {0};
    assert_int_equal(enf_lexicon_new(&lx, &err), ENF_OK);
    assert_int_equal(enf_lexicon_load_cedict(lx, S_dict_path, &err), ENF_OK);
    return lx;
}

static void test_cedict_reader(void **state)
{
    (void)state;
    enf_lexicon *lx = S_lex();
    /* 18 simplified headwords, plus the traditional forms that differ */
    assert_int_equal(enf_lexicon_count(lx), 18 + 8);
    /* longest match: 睡觉 is one word, 房子 too */
    const char *s = "猫睡觉在红房子";
    enf_span *sp = NULL;
    size_t n = 0;
    enf_error err = {0};
    assert_int_equal(enf_lexicon_segment_zh(lx, s, strlen(s), &sp, &n, &err), ENF_OK);
    char buf[256] = "";
    for (size_t i = 0; i < n; i++) {
        strcat(buf, i ? "/" : "");
        strncat(buf, s + sp[i].off, sp[i].len);
    }
    assert_string_equal(buf, "猫/睡觉/在/红/房子");
    free(sp);
    enf_lexicon_free(lx);
}

static void test_cedict_bad(void **state)
{
    (void)state;
    char path[64] = "/tmp/enface-test-bad-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs("# header\n狗 狗 [gou3] /dog/\nthis is not a dictionary line\n", f);
    fclose(f);
    enf_lexicon *lx = NULL;
    enf_error err = {0};
    assert_int_equal(enf_lexicon_new(&lx, &err), ENF_OK);
    assert_int_equal(enf_lexicon_load_cedict(lx, path, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, ":3:"));
    assert_int_equal(enf_lexicon_load_cedict(lx, "/nonexistent/cedict.u8", &err), ENF_EIO);
    enf_lexicon_free(lx);
    unlink(path);
}

static void test_glossary_terms(void **state)
{
    (void)state;
    char path[64] = "/tmp/enface-test-terms-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs("en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\n"
          "transformer\t变换器\tok\t变压器\t转换器\t\t\n"
          "attention head\t注意力头|注意头\t\t\t\t\t\n", f);
    fclose(f);
    enf_lexicon *lx = NULL;
    enf_glossary *g = NULL;
    enf_error err = {0};
    assert_int_equal(enf_lexicon_new(&lx, &err), ENF_OK);
    assert_int_equal(enf_glossary_new(&g, &err), ENF_OK);
    assert_int_equal(enf_glossary_load(g, path, &err), ENF_OK);
    assert_int_equal(enf_lexicon_add_glossary(lx, g, &err), ENF_OK);
    /* approved renderings and variants, not forbidden ones */
    assert_int_equal(enf_lexicon_count(lx), 4);
    const char *s = "注意力头和变换器";
    enf_span *sp = NULL;
    size_t n = 0;
    assert_int_equal(enf_lexicon_segment_zh(lx, s, strlen(s), &sp, &n, &err), ENF_OK);
    assert_int_equal(n, 3);
    assert_int_equal(sp[0].len, strlen("注意力头"));
    assert_int_equal(sp[2].len, strlen("变换器"));
    free(sp);
    enf_glossary_free(g);
    enf_lexicon_free(lx);
    unlink(path);
}

static void test_stemmer(void **state)
{
    (void)state;
    char a[64], b[64];
    static const char *const same[][2] = {{"walked", "walk"},    {"walking", "walks"},
                                          {"went", "go"},        {"came", "come"},
                                          {"stopped", "stop"},   {"cities", "city"},
                                          {"making", "make"},    {"horses", "horse"}};
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        size_t na = enf_lexicon_stem_en(same[i][0], strlen(same[i][0]), a, sizeof a);
        size_t nb = enf_lexicon_stem_en(same[i][1], strlen(same[i][1]), b, sizeof b);
        assert_true(na > 0);
        assert_string_equal(a, b);
        (void)nb;
    }
    assert_int_equal(enf_lexicon_stem_en("the", 3, a, sizeof a), 0);
}

/* ---- the aligner on hand-made texts */

static const char *S_align(const enf_lexicon *lx, const char *const *en, size_t ne,
                           const char *const *zh, size_t nz)
{
    static char buf[1024];
    size_t el[16], zl[16];
    for (size_t i = 0; i < ne; i++)
        el[i] = strlen(en[i]);
    for (size_t i = 0; i < nz; i++)
        zl[i] = strlen(zh[i]);
    enf_sent_aligner *sa = NULL;
    enf_alignment *al = NULL;
    enf_error err = {0};
    assert_int_equal(enf_sent_aligner_new(lx, NULL, en, el, ne, zh, zl, nz, &sa, &err), ENF_OK);
    assert_int_equal(enf_sent_aligner_align(sa, 0, ne, 0, nz, &al, &err), ENF_OK);
    buf[0] = '\0';
    for (size_t k = 0; k < al->n_beads; k++) {
        const enf_bead *b = &al->beads[k];
        char t[64];
        snprintf(t, sizeof t, "%s%zu+%zu:%zu+%zu", k ? " " : "", b->en, b->n_en, b->zh, b->n_zh);
        strcat(buf, t);
    }
    enf_alignment_free(al);
    enf_sent_aligner_free(sa);
    return buf;
}

static const char *const S_en_text[] = {
    "The cat and the dog sleep.", "The bird flies.", "The fish swims.", "The horse runs.",
    "The cow eats grass.", "The red house.",
};

static void test_align_one_to_three(void **state)
{
    (void)state;
    enf_lexicon *lx = S_lex();
    const char *zh[] = {"猫和狗睡觉。", "鸟飞，鱼游，马跑。", "牛吃草。", "红房子。"};
    assert_string_equal(S_align(lx, S_en_text, 6, zh, 4), "0+1:0+1 1+3:1+1 4+1:2+1 5+1:3+1");
    enf_lexicon_free(lx);
}

static void test_align_two_to_one(void **state)
{
    (void)state;
    enf_lexicon *lx = S_lex();
    /* two Chinese sentences rendered as one English sentence */
    const char *en[] = {"The cat sleeps while the dog eats grass.", "The bird flies.",
                        "The fish swims.", "The horse runs."};
    const char *zh[] = {"猫睡觉。", "狗吃草。", "鸟飞。", "鱼游。", "马跑。"};
    assert_string_equal(S_align(lx, en, 4, zh, 5), "0+1:0+2 1+1:2+1 2+1:3+1 3+1:4+1");
    enf_lexicon_free(lx);
}

static void test_align_insertion(void **state)
{
    (void)state;
    enf_lexicon *lx = S_lex();
    /* an English sentence the translation left out: a 1-0 bead */
    const char *en[] = {"The cat sleeps.", "The dog eats grass.",
                        ("Nobody in the whole village had ever expected anything whatsoever "
                         "to happen there, not on a quiet afternoon like that one, obviously."),
                        "The bird flies.", "The fish swims.", "The horse runs.", "The cow sleeps."};
    const char *zh[] = {"猫睡觉。", "狗吃草。", "鸟飞。", "鱼游。", "马跑。", "牛睡觉。"};
    assert_string_equal(S_align(lx, en, 7, zh, 6),
                        "0+1:0+1 1+1:1+1 2+1:2+0 3+1:2+1 4+1:3+1 5+1:4+1 6+1:5+1");
    enf_lexicon_free(lx);
}

static void test_align_empty_sides(void **state)
{
    (void)state;
    const char *zh[] = {"猫睡觉。"};
    assert_string_equal(S_align(NULL, S_en_text, 2, zh, 0), "0+1:0+0 1+1:0+0");
    assert_string_equal(S_align(NULL, S_en_text, 0, zh, 1), "0+0:0+1");
}

static void test_opts_set(void **state)
{
    (void)state;
    enf_sent_opts o;
    enf_error err = {0};
    enf_sent_opts_init(&o);
    assert_int_equal(enf_sent_opts_set(&o, "w_lex=2.5", &err), ENF_OK);
    assert_true(o.w_lex == 2.5);
    assert_int_equal(enf_sent_opts_set(&o, "bogus=1", &err), ENF_EUSAGE);
    assert_int_equal(enf_sent_opts_set(&o, "w_len=abc", &err), ENF_EUSAGE);
    assert_int_equal(enf_sent_opts_set(&o, "w_len", &err), ENF_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_segment_en),
        cmocka_unit_test(test_segment_zh),
        cmocka_unit_test(test_segment_auto_and_empty),
        cmocka_unit_test(test_cedict_reader),
        cmocka_unit_test(test_cedict_bad),
        cmocka_unit_test(test_glossary_terms),
        cmocka_unit_test(test_stemmer),
        cmocka_unit_test(test_align_one_to_three),
        cmocka_unit_test(test_align_two_to_one),
        cmocka_unit_test(test_align_insertion),
        cmocka_unit_test(test_align_empty_sides),
        cmocka_unit_test(test_opts_set),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
