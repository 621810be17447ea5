/* test_read.c — readers and anchors: Markdown/HTML/lines -> Doc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "enface.h"

static enf_doc *S_md(const char *s)
{
    enf_doc *d = NULL;
    enf_error err = {0};
    assert_int_equal(enf_doc_read_markdown("t.md", s, strlen(s), &d, &err), ENF_OK);
    return d;
}

static int S_has_anchor(const enf_block *b, enf_anchor_kind k, const char *v)
{
    for (size_t i = 0; i < b->n_anchors; i++)
        if (b->anchors[i].kind == k && !strcmp(b->anchors[i].value, v))
            return 1;
    return 0;
}

static void test_units_and_ids(void **state)
{
    (void)state;
    enf_doc *d = S_md("---\ntitle: x\n---\n\n# Title\n\nPara *one*\ncontinues.\n\n"
                      "- item [a](https://Example.org/a/?utm_source=x)\n- item two\n\n"
                      "```python\nprint(1)\n```\n\n<div>html</div>\n");
    assert_int_equal(d->n_blocks, 6);
    assert_int_equal(d->blocks[0].id, 5);
    assert_int_equal(d->blocks[0].kind, ENF_BLOCK_HEADING);
    assert_int_equal(d->blocks[0].level, 1);
    assert_string_equal(d->blocks[1].text, "Para one continues.");
    assert_int_equal(d->blocks[1].id, 7);
    assert_int_equal(d->blocks[1].section, 0);
    assert_int_equal(d->blocks[2].list_depth, 1);
    assert_true(d->blocks[2].list_id != 0);
    assert_int_equal(d->blocks[2].list_id, d->blocks[3].list_id);
    assert_true(d->blocks[2].item_id != d->blocks[3].item_id);
    assert_true(S_has_anchor(&d->blocks[2], ENF_ANCHOR_LINK, "example.org/a"));
    assert_int_equal(d->blocks[4].kind, ENF_BLOCK_CODE);
    assert_string_equal(d->blocks[4].text, "print(1)");
    assert_int_equal(d->blocks[5].kind, ENF_BLOCK_HTML);
    enf_doc_free(d);
}

static void test_flags(void **state)
{
    (void)state;
    enf_doc *d = S_md("**Bold heading**\n\n![alt](img/a.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    assert_int_equal(d->n_blocks, 3);
    assert_true(d->blocks[0].flags & ENF_BF_BOLD_ONLY);
    assert_true(d->blocks[1].flags & ENF_BF_IMAGE_ONLY);
    assert_true(S_has_anchor(&d->blocks[1], ENF_ANCHOR_IMAGE, "img/a.png"));
    assert_true(d->blocks[2].flags & ENF_BF_TABLE);
    enf_doc_free(d);
}

static void test_anchors_text(void **state)
{
    (void)state;
    enf_doc *d = S_md("模型 ViT 在 1,000 张图上达到 85.5% 的精度，见 arXiv:2110.07858 与 "
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
    enf_doc *zh = S_md("约 6 亿参数，31 万条，7B 模型。\n");
    enf_doc *en = S_md("About 600 million parameters, 310,000 rows, a 7B model, 3 thousands.\n");
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

static void test_bad_input(void **state)
{
    (void)state;
    enf_doc *d = NULL;
    enf_error err = {0};
    assert_int_equal(enf_doc_read_markdown("e.md", "", 0, &d, &err), ENF_EINPUT);
    assert_string_equal(err.msg, "e.md: file is empty");
    assert_int_equal(enf_doc_read_markdown("b.md", "ab\ncd\xC3\x28", 7, &d, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "b.md:2:3: invalid UTF-8"));
    assert_int_equal(enf_doc_read_markdown("n.md", "a\0b", 3, &d, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "n.md:1:2: NUL byte"));
    /* overlong encoding and a UTF-16 surrogate are invalid too */
    assert_int_equal(enf_doc_read_markdown("o.md", "\xC0\xAF", 2, &d, &err), ENF_EINPUT);
    assert_int_equal(enf_doc_read_markdown("s.md", "\xED\xA0\x80", 3, &d, &err), ENF_EINPUT);
    assert_null(d);
    assert_int_equal(enf_doc_read_file("/nonexistent/x.md", ENF_UNITS_AUTO, &d, &err), ENF_EIO);
    assert_int_equal(enf_doc_read_file("/", ENF_UNITS_AUTO, &d, &err), ENF_EINPUT);
}

static void test_line_endings(void **state)
{
    (void)state;
    enf_doc *d = S_md("\xEF\xBB\xBF# A\r\n\r\nb\rc\r\n\r\nd\n");
    assert_int_equal(d->n_blocks, 3);
    assert_int_equal(d->blocks[1].id, 3);
    assert_string_equal(d->blocks[1].text, "b c");
    assert_int_equal(d->blocks[2].id, 6);
    enf_doc_free(d);
}

static void test_nfc(void **state)
{
    (void)state;
    /* e + combining acute becomes é; ASCII and CJK pass unchanged */
    enf_doc *d = S_md("Cafe\xCC\x81 \xE4\xB8\xAD\xE6\x96\x87 ok\n");
    assert_string_equal(d->blocks[0].text, "Caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 ok");
    assert_int_equal(d->blocks[0].nchars, 10);
    enf_doc_free(d);
}

static void test_lines(void **state)
{
    (void)state;
    enf_doc *d = NULL;
    enf_error err = {0};
    const char *s = "one\n\nthree\n";
    assert_int_equal(enf_doc_read_lines("l.txt", s, strlen(s), &d, &err), ENF_OK);
    assert_int_equal(d->n_blocks, 3);
    assert_int_equal(d->blocks[0].id, 0);
    assert_int_equal(d->blocks[2].id, 2);
    assert_string_equal(d->blocks[2].text, "three");
    enf_doc_free(d);
}

static void test_html(void **state)
{
    (void)state;
    enf_doc *d = NULL;
    enf_error err = {0};
    const char *s = "<html><head><title>t</title><style>p{}</style></head><body>\n"
                    "<h2>Head &amp; more</h2>\n<p>Text <a href=\"https://x.org/a/\">link</a></p>\n"
                    "<script>var x = '<p>no</p>';</script>\n<ul><li>one<ul><li>two</li></ul></li></ul>\n"
                    "<pre>code\n  here</pre>\n<table><tr><td>cell</td></tr></table>\n</body></html>\n";
    assert_int_equal(enf_doc_read_html("h.html", s, strlen(s), &d, &err), ENF_OK);
    assert_int_equal(d->n_blocks, 6);
    assert_int_equal(d->blocks[0].kind, ENF_BLOCK_HEADING);
    assert_int_equal(d->blocks[0].level, 2);
    assert_string_equal(d->blocks[0].text, "Head & more");
    assert_int_equal(d->blocks[0].id, 2);
    assert_string_equal(d->blocks[1].text, "Text link");
    assert_true(S_has_anchor(&d->blocks[1], ENF_ANCHOR_LINK, "x.org/a"));
    assert_string_equal(d->blocks[2].text, "one");
    assert_string_equal(d->blocks[3].text, "two");
    assert_int_equal(d->blocks[3].list_depth, 2);
    assert_int_equal(d->blocks[4].kind, ENF_BLOCK_CODE);
    assert_string_equal(d->blocks[4].text, "code\n  here");
    assert_true(d->blocks[5].flags & ENF_BF_TABLE);
    enf_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_units_and_ids), cmocka_unit_test(test_flags),
        cmocka_unit_test(test_anchors_text),  cmocka_unit_test(test_url_normalize),
        cmocka_unit_test(test_number_scales), cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_bad_input),     cmocka_unit_test(test_line_endings),
        cmocka_unit_test(test_lines),         cmocka_unit_test(test_html),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
