/* test_anchors.c — src/model/anchors.c: the anchors a block carries
 * (numbers with their scales, arXiv ids, DOIs, links, Latin tokens, code)
 * and enf_url_normalize. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static int S_has_anchor(const enf_block *b, enf_anchor_kind k, const char *v)
{
    for (size_t i = 0; i < b->n_anchors; i++)
        if (b->anchors[i].kind == k && !strcmp(b->anchors[i].value, v))
            return 1;
    return 0;
}

static void test_anchors_text(void **state)
{
    (void)state;
    enf_doc *d = fx_md("t.md", "模型 ViT 在 1,000 张图上达到 85.5% 的精度，见 arXiv:2110.07858 与 "
                               "https://arxiv.org/pdf/2106.10860v2。还有 `x = 1` 和 10.1000/ABC。\n");
    const enf_block *b = &d->blocks[0];
    assert_true(S_has_anchor(b, ENF_ANCHOR_LATIN, "ViT"));
    assert_true(S_has_anchor(b, ENF_ANCHOR_NUMBER, "1000"));
    assert_true(S_has_anchor(b, ENF_ANCHOR_NUMBER, "85.5%"));
    assert_true(S_has_anchor(b, ENF_ANCHOR_ARXIV, "arxiv:2110.07858"));
    assert_true(S_has_anchor(b, ENF_ANCHOR_ARXIV, "arxiv:2106.10860"));
    assert_true(S_has_anchor(b, ENF_ANCHOR_CODE, "x = 1"));
    assert_true(S_has_anchor(b, ENF_ANCHOR_DOI, "doi:10.1000/abc"));
    /* the URL ends at the Chinese full stop */
    assert_true(S_has_anchor(b, ENF_ANCHOR_LINK, "arxiv.org/pdf/2106.10860v2"));
    enf_doc_free(d);
}

static void test_number_scales(void **state)
{
    (void)state;
    enf_doc *zh = fx_md("t.md", "约 6 亿参数，31 万条，7B 模型。\n");
    enf_doc *en = fx_md("t.md", "About 600 million parameters, 310,000 rows, a 7B model, 3 thousands.\n");
    assert_true(S_has_anchor(&zh->blocks[0], ENF_ANCHOR_NUMBER, "600000000"));
    assert_true(S_has_anchor(&en->blocks[0], ENF_ANCHOR_NUMBER, "600000000"));
    assert_true(S_has_anchor(&zh->blocks[0], ENF_ANCHOR_NUMBER, "310000"));
    assert_true(S_has_anchor(&en->blocks[0], ENF_ANCHOR_NUMBER, "310000"));
    assert_true(S_has_anchor(&zh->blocks[0], ENF_ANCHOR_NUMBER, "7000000000"));
    /* "thousands" is not the word "thousand" followed by a boundary */
    assert_true(S_has_anchor(&en->blocks[0], ENF_ANCHOR_NUMBER, "3"));
    enf_doc_free(zh);
    enf_doc_free(en);
}

static void test_url_normalize(void **state)
{
    (void)state;
    char out[256];
    enf_url_normalize("HTTPS://www.HuggingFace.co/blog/zh/gradio-5/?utm_campaign=a&x=1#top", 68,
                      out, sizeof out);
    assert_string_equal(out, "huggingface.co/blog/gradio-5?x=1");
    const char *u = "http://hf.co/models/";
    enf_url_normalize(u, strlen(u), out, sizeof out);
    assert_string_equal(out, "huggingface.co/models");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_anchors_text),
        cmocka_unit_test(test_number_scales),
        cmocka_unit_test(test_url_normalize),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
