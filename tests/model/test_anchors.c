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

static const enf_anchor *S_find(const enf_block *b, enf_anchor_kind k, const char *v)
{
    for (size_t i = 0; i < b->n_anchors; i++)
        if (b->anchors[i].kind == k && !strcmp(b->anchors[i].value, v))
            return &b->anchors[i];
    return NULL;
}

/* enf_anchor_hash: equal for equal anchors of two documents, whatever
 * their arenas; kind and value both count. */
static void test_anchor_hash(void **state)
{
    (void)state;
    enf_doc *en = fx_md("en.md", "Use ViT with 42 layers.\n");
    enf_doc *zh = fx_md("zh.md", "用 42 层的 ViT。\n");
    const enf_anchor *a = S_find(&en->blocks[0], ENF_ANCHOR_LATIN, "ViT");
    const enf_anchor *b = S_find(&zh->blocks[0], ENF_ANCHOR_LATIN, "ViT");
    const enf_anchor *n = S_find(&zh->blocks[0], ENF_ANCHOR_NUMBER, "42");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(n);
    assert_ptr_not_equal(a->value, b->value);
    assert_int_equal(enf_anchor_hash(a), enf_anchor_hash(b));
    assert_int_not_equal(enf_anchor_hash(a), enf_anchor_hash(n));
    enf_anchor other = *a;
    other.kind = ENF_ANCHOR_CODE;
    assert_int_not_equal(enf_anchor_hash(a), enf_anchor_hash(&other));
    enf_doc_free(en);
    enf_doc_free(zh);
}

/* A value that recurs across blocks is stored once per Doc (the memory of
 * a long document is its words, issue 15); distinct values stay apart. */
static void test_values_interned(void **state)
{
    (void)state;
    enf_doc *d = fx_md("t.md", "The ViT model, 42.\n\nAnother ViT model, 42.\n\nA ViTs model.\n");
    assert_int_equal(d->n_blocks, 3);
    const enf_anchor *a = S_find(&d->blocks[0], ENF_ANCHOR_LATIN, "ViT");
    const enf_anchor *b = S_find(&d->blocks[1], ENF_ANCHOR_LATIN, "ViT");
    const enf_anchor *c = S_find(&d->blocks[2], ENF_ANCHOR_LATIN, "ViTs");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_ptr_equal(a->value, b->value);
    assert_ptr_not_equal(a->value, c->value);
    assert_ptr_equal(S_find(&d->blocks[0], ENF_ANCHOR_NUMBER, "42")->value,
                     S_find(&d->blocks[1], ENF_ANCHOR_NUMBER, "42")->value);
    assert_ptr_equal(S_find(&d->blocks[0], ENF_ANCHOR_LATIN, "model")->value,
                     S_find(&d->blocks[2], ENF_ANCHOR_LATIN, "model")->value);
    enf_doc_free(d);
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

/* A block's anchors, in the order they were found, as "kind:value ...". */
static const char *S_anchors(const char *md)
{
    static const char *const kind[] = {"link", "image", "arxiv", "doi", "number", "latin", "code"};
    static char buf[2048];
    enf_doc *d = fx_md("t.md", md);
    assert_int_equal(d->n_blocks, 1);
    buf[0] = '\0';
    for (size_t i = 0; i < d->blocks[0].n_anchors; i++) {
        const enf_anchor *a = &d->blocks[0].anchors[i];
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s:%s", i ? " " : "", kind[a->kind],
                 a->value);
    }
    enf_doc_free(d);
    return buf;
}

static const char *S_url(const char *u)
{
    static char out[256];
    size_t n = enf_url_normalize(u, strlen(u), out, sizeof out);
    assert_int_equal(n, strlen(out));
    return out;
}

static void test_scales_english(void **state)
{
    (void)state;
    /* a scale word after a number multiplies it (and stays a Latin token);
     * K/M/B count only glued to the digits and not followed by a letter */
    assert_string_equal(S_anchors("About 600 million parameters, 1.5 billion tokens, 3 trillion, "
                                  "2 thousand, 7B, 13b, 70M, 5K rows, 2Bn.\n"),
                        "latin:About number:600000000 latin:million latin:parameters "
                        "number:1500000000 latin:billion latin:tokens number:3000000000000 "
                        "latin:trillion number:2000 latin:thousand number:7000000000 number:13 "
                        "number:70000000 number:5000 latin:rows number:2 latin:Bn");
}

static void test_scales_chinese(void **state)
{
    (void)state;
    /* 亿 = 1e8, 万 = 1e4, 千 = 1e3, with or without a space; full-width
     * digits and ％ fold to ASCII */
    assert_string_equal(S_anchors("约 6 亿参数，1.5亿，31 万条，3千，8 个，12.5%，２０２３年，５０％。\n"),
                        "number:600000000 number:150000000 number:310000 number:3000 number:8 "
                        "number:12.5% number:2023 number:50%");
    /* separators, a sign, a second dot */
    assert_string_equal(S_anchors("It grew 5.5x to 3.2% of 1,234,567 and -4 and 1.2.3.\n"),
                        "latin:It latin:grew number:5.5 latin:to number:3.2% latin:of number:1234567 "
                        "latin:and number:4 number:1.2 number:3");
}

static void test_arxiv_ids(void **state)
{
    (void)state;
    /* four digits, a dot, four or five digits: in text (also without the
     * "arXiv:" prefix, the version cut off) and in abs/ and pdf/ links */
    assert_string_equal(S_anchors("See arXiv:2110.07858, arXiv:1234.5 and 1706.03762v5 and "
                                  "https://arxiv.org/abs/1706.03762v5 and "
                                  "[p](https://arxiv.org/pdf/2106.10860v2.pdf).\n"),
                        "link:arxiv.org/pdf/2106.10860v2.pdf arxiv:arxiv:2106.10860 latin:See "
                        "latin:arXiv arxiv:arxiv:2110.07858 number:2110.07858 number:1234.5 "
                        "latin:and arxiv:arxiv:1706.03762 number:1706.03762 latin:v5 "
                        "link:arxiv.org/abs/1706.03762v5");
    /* six digits after the dot is not an arXiv id */
    assert_string_equal(S_anchors("A 12345.6789 id and 2110.078589.\n"),
                        "number:12345.6789 latin:id latin:and number:2110.078589");
}

static void test_dois(void **state)
{
    (void)state;
    /* in text and behind doi.org (any subdomain), lower-cased after "doi:";
     * the link keeps its case */
    assert_string_equal(S_anchors("DOI 10.1000/ABC.def-1 and https://doi.org/10.18653/V1/N19-1423 and "
                                  "https://dx.doi.org/10.1/x.\n"),
                        "latin:DOI doi:doi:10.1000/abc.def-1 latin:and link:doi.org/10.18653/V1/N19-1423 "
                        "doi:doi:10.18653/v1/n19-1423 link:dx.doi.org/10.1/x doi:doi:10.1/x");
    /* a DOI before Chinese punctuation ends there */
    assert_string_equal(S_anchors("数据见 10.5281/zenodo.123。\n"), "doi:doi:10.5281/zenodo.123");
}

/* A DOI in running English text leaves the sentence's closing punctuation
 * behind, as the same DOI before 。 or behind https://doi.org/ has none:
 * the English and Chinese blocks share the anchor.  Brackets it opens are
 * its own. */
static void test_doi_trailing_punctuation(void **state)
{
    (void)state;
    assert_string_equal(S_anchors("The data is at 10.5281/zenodo.123.\n"),
                        "latin:The latin:data latin:is latin:at doi:doi:10.5281/zenodo.123");
    assert_string_equal(S_anchors("(see 10.5281/zenodo.123), or later.\n"),
                        "latin:see doi:doi:10.5281/zenodo.123 latin:or latin:later");
    assert_string_equal(S_anchors("See 10.1016/S0140-6736(20)30183-5.\n"),
                        "latin:See doi:doi:10.1016/s0140-6736(20)30183-5");
    assert_string_equal(S_anchors("[10.1/a[b]]\n"), "doi:doi:10.1/a[b]");
    assert_string_equal(S_anchors("DOI \"10.1/x\".\n"), "latin:DOI doi:doi:10.1/x");
}

/* A block with many anchors (past the set's first, stack-held arrays),
 * each value repeated: every distinct one once, in order of first
 * occurrence, each located at its first occurrence. */
static void test_many_anchors(void **state)
{
    (void)state;
    char text[8192] = "";
    for (int round = 0; round < 2; round++)
        for (int k = 0; k < 300; k++) {
            char w[32];
            snprintf(w, sizeof w, "word%c%c %d ", 'a' + k % 26, 'a' + k / 26, 1000 + k);
            strcat(text, w);
        }
    strcat(text, "\n");
    enf_doc *d = fx_md("t.md", text);
    const enf_block *b = &d->blocks[0];
    assert_int_equal(b->n_anchors, 600);   /* 300 words, 300 numbers */
    for (int k = 0; k < 300; k++) {
        char w[16], n[16];
        snprintf(w, sizeof w, "word%c%c", 'a' + k % 26, 'a' + k / 26);
        snprintf(n, sizeof n, "%d", 1000 + k);
        assert_string_equal(b->anchors[2 * k].value, w);
        assert_string_equal(b->anchors[2 * k + 1].value, n);
        const char *at = strstr(d->data, w);
        assert_int_equal(b->anchors[2 * k].src_off, (size_t)(at - d->data));
    }
    enf_doc_free(d);
}

static void test_latin_tokens(void **state)
{
    (void)state;
    /* two or more letters or digits, joined by - . _ + between them;
     * single letters are not tokens; full-width letters fold */
    assert_string_equal(S_anchors("ViT and GPT-3 and a b I x86_64 C++ Node.js e.g. café naïve ab-. "
                                  "GPT-3.5-turbo Ｖｉｔ\n"),
                        "latin:ViT latin:and latin:GPT-3 latin:x86_64 latin:Node.js latin:e.g "
                        "latin:café latin:naïve latin:ab latin:GPT-3.5-turbo latin:Vit");
    /* each distinct value once */
    assert_string_equal(S_anchors("用 ViT 和 ViT 以及 GPT-3。\n"), "latin:ViT latin:GPT-3");
}

static void test_links_in_text(void **state)
{
    (void)state;
    /* a URL in running text ends at a space, a bracket or trailing
     * punctuation, and is normalized like a link target */
    assert_string_equal(S_anchors("Links https://Example.org/Path/?utm_source=x&id=3, (https://a.org/b) "
                                  "and http://x.org/a.b. end\n"),
                        "latin:Links link:example.org/Path?id=3 link:a.org/b latin:and "
                        "link:x.org/a.b latin:end");
}

static void test_code_block_not_scanned(void **state)
{
    (void)state;
    /* a code block's content is one code anchor, not numbers and tokens;
     * read_md.c folds its white space, the fence's last newline included
     * (an HTML <pre> without one gives no trailing space) */
    assert_string_equal(S_anchors("```\ncode 600 million ViT\n```\n"), "code:code 600 million ViT ");
}

static void test_url_normalize_rules(void **state)
{
    (void)state;
    /* scheme, www., host case, fragment and trailing slash go; hf.co is
     * huggingface.co; path case stays; empty segments go */
    assert_string_equal(S_url("https://hf.co/"), "huggingface.co");
    assert_string_equal(S_url("https://hf.com/x"), "hf.com/x");
    assert_string_equal(S_url("https://example.org"), "example.org");
    assert_string_equal(S_url("https://example.org/"), "example.org");
    assert_string_equal(S_url("https://example.org/A/B/"), "example.org/A/B");
    assert_string_equal(S_url("https://example.org/a//b"), "example.org/a/b");
    assert_string_equal(S_url("<https://example.org/a/>"), "example.org/a");
    assert_string_equal(S_url("//cdn.example.org/a.js"), "cdn.example.org/a.js");
    assert_string_equal(S_url("mailto:x@y.org"), "mailto:x@y.org");
    /* tracking parameters (any case), not names that merely start alike */
    assert_string_equal(S_url("https://huggingface.co/docs?ref=blog&fbclid=1&gclid=2&spm=3&from=4"
                              "&mc_cid=5&mc_eid=6&source=7&utm_medium=8"),
                        "huggingface.co/docs");
    assert_string_equal(S_url("https://example.org/docs/?a=1&refx=2&utm=3&REF=4"),
                        "example.org/docs?a=1&refx=2&utm=3");
    assert_string_equal(S_url("https://example.org?x=1"), "example.org?x=1");
    assert_string_equal(S_url("https://example.org/a?utm_source=x"), "example.org/a");
    /* language segments anywhere in the path, any case; relative paths too */
    assert_string_equal(S_url("https://example.org/en-us/docs/zh_cn/page/zh-TW/zh-hans/zh-hant/cn/en/"),
                        "example.org/docs/page");
    assert_string_equal(S_url("https://huggingface.co/zh-CN/docs"), "huggingface.co/docs");
    assert_string_equal(S_url("https://example.org/english/zhx/page"), "example.org/english/zhx/page");
    assert_string_equal(S_url("/zh/docs/intro/"), "/docs/intro");
    assert_string_equal(S_url("docs/zh/intro"), "docs/intro");
    /* a small buffer gets a NUL-terminated prefix and its length */
    char small[8];
    assert_int_equal(enf_url_normalize("https://example.org/a", 21, small, sizeof small), 7);
    assert_string_equal(small, "example");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_anchors_text),
        cmocka_unit_test(test_number_scales),
        cmocka_unit_test(test_url_normalize),
        cmocka_unit_test(test_scales_english),
        cmocka_unit_test(test_scales_chinese),
        cmocka_unit_test(test_arxiv_ids),
        cmocka_unit_test(test_dois),
        cmocka_unit_test(test_doi_trailing_punctuation),
        cmocka_unit_test(test_many_anchors),
        cmocka_unit_test(test_latin_tokens),
        cmocka_unit_test(test_links_in_text),
        cmocka_unit_test(test_code_block_not_scanned),
        cmocka_unit_test(test_url_normalize_rules),
        cmocka_unit_test(test_values_interned),
        cmocka_unit_test(test_anchor_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
