/* test_blocks.c — src/align/align_blocks.c and align_cost.c: the
 * block aligner on small documents (omissions, merges, splits, lists,
 * sections, code) and on a long one (the band). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static const char *S_align(const char *en_s, const char *zh_s)
{
    enf_doc *en = fx_md("en.md", en_s), *zh = fx_md("zh.md", zh_s);
    enf_alignment *al = NULL;
    enf_error err = {0};
    assert_int_equal(enf_align_blocks(en, zh, NULL, &al, &err), ENF_OK);
    const char *r = fx_beads(en, zh, al);
    enf_alignment_free(al);
    enf_doc_free(en);
    enf_doc_free(zh);
    return r;
}

static void test_one_to_one(void **state)
{
    (void)state;
    const char *r = S_align("# News\n\nThe model [ViT](https://arxiv.org/abs/2010.11929) is fast.\n\n"
                            "It runs 3 times faster on 8 GPUs.\n",
                            "# 新闻\n\n模型 [ViT](https://arxiv.org/abs/2010.11929) 很快。\n\n"
                            "它在 8 个 GPU 上快 3 倍。\n");
    assert_string_equal(r, "[1]:[1]\n[3]:[3]\n[5]:[5]\n");
}

static void test_omitted_paragraph(void **state)
{
    (void)state;
    /* the middle paragraph has no translation: a 1-0 bead, not a merge */
    const char *r = S_align(
        "# A\n\nFirst see [x](https://a.org/1) about the 2021 results of the benchmark.\n\n"
        "Second paragraph with [y](https://b.org/2) and a long explanation of the method used here.\n\n"
        "Third with [z](https://c.org/3) and 42 results in the final table of the paper.\n",
        "# 甲\n\n首先见 [x](https://a.org/1)，关于基准 2021 年的结果。\n\n"
        "第三，[z](https://c.org/3)，论文最后的表里有 42 个结果。\n");
    assert_string_equal(r, "[1]:[1]\n[3]:[3]\n[5]:[]\n[7]:[5]\n");
}

static void test_list_flattened(void **state)
{
    (void)state;
    /* four list items translated as one paragraph: a 4-1 bead */
    const char *r = S_align("# L\n\n- alpha [a](https://a.org/a)\n- beta [b](https://a.org/b)\n"
                            "- gamma [c](https://a.org/c)\n- delta [d](https://a.org/d)\n\nEnd 77.\n",
                            "# 列\n\n阿尔法 [a](https://a.org/a)，贝塔 [b](https://a.org/b)，"
                            "伽马 [c](https://a.org/c)，德尔塔 [d](https://a.org/d)。\n\n结束 77。\n");
    assert_string_equal(r, "[1]:[1]\n[3,4,5,6]:[3]\n[8]:[5]\n");
}

static void test_list_item_stays_in_its_list(void **state)
{
    (void)state;
    /* the translation added a list item; the paragraph after the list is
     * longer in English, yet the extra item does not merge into it */
    const char *r = S_align("# Next\n\n- Multi-page apps with a navigation bar\n"
                            "- A richer table component with spreadsheet operations\n\n"
                            "And much more. With this foundation we are excited to see what "
                            "developers build with it in the coming months.\n",
                            "# 下一步\n\n- 支持多页面应用和导航栏\n- 更丰富的表格组件，支持电子表格操作\n"
                            "- 进一步减少内存消耗\n\n以及更多功能！我们非常期待开发者的应用。\n");
    assert_non_null(strstr(r, "[6]:[7]\n"));
    assert_null(strstr(r, "5,7"));
}

static void test_paragraph_split_in_three(void **state)
{
    (void)state;
    /* one English paragraph of three sentences, three Chinese paragraphs */
    const char *r = S_align("# Launch\n\nToday we are thrilled to announce the launch of the new "
                            "deployment feature for every model on the hub. It lets developers deploy "
                            "thousands of models to their cloud with one click. The model garden is a "
                            "tool to discover, customise and deploy models from many partners.\n\n"
                            "See [the guide](https://example.org/guide).\n",
                            "# 发布\n\n今天，我们想向大家宣布：新的部署功能正式上线！\n\n"
                            "这是一个新功能，让开发者可以一键将数千个模型部署到云端。\n\n"
                            "模型库是一个工具，用户能够发现、定制和部署来自众多合作伙伴的各种模型。\n\n"
                            "参见[指南](https://example.org/guide)。\n");
    assert_string_equal(r, "[1]:[1]\n[3]:[3,5,7]\n[5]:[9]\n");
}

static void test_empty_block_never_merges(void **state)
{
    (void)state;
    const char *r = S_align("# How to host a game\n\nUpload the build [here](https://example.org/up).\n",
                            "<h1>如何托管游戏</h1>\n\n<div>\n</div>\n\n"
                            "在[这里](https://example.org/up)上传构建。\n");
    assert_string_equal(r, "[1]:[1]\n[]:[3]\n[3]:[6]\n");
}

static void test_sentence_counts(void **state)
{
    (void)state;
    /* "Stay tuned. The future is bright!" became two short paragraphs; the
     * sentence counts (2 = 2, 2 = 1 + 1) tell the split from a merge with
     * the paragraph before */
    const char *r = S_align("# Outlook\n\nWe are currently working on integrating these new "
                            "quantization techniques into the library. Once we are done, you will be "
                            "able to replicate these results with a few lines of code.\n\n"
                            "Stay tuned. The future is bright!\n",
                            "# 展望\n\n我们正致力于将这些新的量化技术集成到库中。一旦完成，"
                            "你只需几行代码就可以复现我们的结果。\n\n敬请关注。\n\n未来一片光明！\n");
    assert_string_equal(r, "[1]:[1]\n[3]:[3]\n[5]:[5,7]\n");
}

static void test_colon_introduces_the_same_thing(void **state)
{
    (void)state;
    /* both sides introduce the list with a colon; the sentence the
     * translation added after its colon is unpaired, not merged */
    const char *r = S_align("# Why\n\nData is vital for machine learning, but many languages, domains "
                            "and tasks still lack high-quality datasets for training and evaluation. "
                            "The community already shares thousands of models every day.\n\n"
                            "Empowering the community to build datasets collectively will allow "
                            "people to:\n\n- Create chat datasets for a language\n"
                            "- Build benchmark datasets for a domain\n",
                            "# 为什么\n\n数据对于机器学习至关重要，但对很多语言、领域和任务而言，"
                            "我们仍然缺乏高质量数据集。社区每天都在分享数千个模型。\n\n"
                            "赋能社区协力构建数据集的好处有：\n\n"
                            "无需任何机器学习或编程基础，人人皆能为开源机器学习的发展作出贡献。\n\n"
                            "- 为特定语言创建聊天数据集\n- 为特定领域构建基准数据集\n");
    assert_string_equal(r, "[1]:[1]\n[3]:[3]\n[5]:[5]\n[]:[7]\n[7]:[9]\n[8]:[10]\n");
}

static void test_heading_goes_with_its_section(void **state)
{
    (void)state;
    /* the translation dropped the "Loading" section; 预处理 fits "Loading"
     * by length as well as "Preprocessing", but the paired section below
     * says which heading it translates */
    const char *r = S_align("# Guide\n\n## Loading\n\nThe loader reads every shard in order and "
                            "checks each checksum.\n\n## Preprocessing\n\n"
                            "Run the [tokenizer](https://a.org/tok) on every shard first.\n",
                            "# 指南\n\n## 预处理\n\n先对每个分片运行[分词器](https://a.org/tok)。\n");
    assert_string_equal(r, "[1]:[1]\n[3]:[]\n[5]:[]\n[7]:[3]\n[9]:[5]\n");
}

static void test_code_pairs_with_code(void **state)
{
    (void)state;
    const char *r = S_align("Intro text here.\n\n```\npip install enface\n```\n\nOutro text.\n",
                            "介绍文字。\n\n```\npip install enface\n```\n\n结尾文字。\n");
    assert_string_equal(r, "[1]:[1]\n[3]:[3]\n[7]:[7]\n");
}

static void test_long_document_band(void **state)
{
    (void)state;
    /* 3000 paragraphs with unique links, one Chinese paragraph dropped in the
     * middle: the banded programme must still find every pair */
    size_t n = 3000;
    char *en = malloc(n * 64), *zh = malloc(n * 64);
    size_t a = 0, b = 0;
    for (size_t i = 0; i < n; i++) {
        a += (size_t)sprintf(en + a, "Paragraph [%zu](https://x.org/%zu) says a thing.\n\n", i, i);
        if (i != 1500)
            b += (size_t)sprintf(zh + b, "段落 [%zu](https://x.org/%zu) 说了一件事。\n\n", i, i);
    }
    enf_doc *de = fx_md("en.md", en), *dz = fx_md("zh.md", zh);
    enf_alignment *al = NULL;
    enf_error err = {0};
    assert_int_equal(enf_align_blocks(de, dz, NULL, &al, &err), ENF_OK);
    assert_int_equal(al->n_beads, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(al->beads[i].en, i);
        assert_int_equal(al->beads[i].n_en, 1);
        assert_int_equal(al->beads[i].n_zh, i == 1500 ? 0 : 1);
    }
    enf_alignment_free(al);
    enf_doc_free(de);
    enf_doc_free(dz);
    free(en);
    free(zh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_to_one),
        cmocka_unit_test(test_omitted_paragraph),
        cmocka_unit_test(test_list_flattened),
        cmocka_unit_test(test_list_item_stays_in_its_list),
        cmocka_unit_test(test_paragraph_split_in_three),
        cmocka_unit_test(test_empty_block_never_merges),
        cmocka_unit_test(test_sentence_counts),
        cmocka_unit_test(test_colon_introduces_the_same_thing),
        cmocka_unit_test(test_heading_goes_with_its_section),
        cmocka_unit_test(test_code_pairs_with_code),
        cmocka_unit_test(test_long_document_band),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
