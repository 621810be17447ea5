/* test_md.c — src/read/read_md.c: Markdown into blocks (kinds, ids,
 * sections, lists, flags). */
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

static void test_units_and_ids(void **state)
{
    (void)state;
    enf_doc *d = fx_md("t.md", "---\ntitle: x\n---\n\n# Title\n\nPara *one*\ncontinues.\n\n"
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
    enf_doc *d = fx_md("t.md", "**Bold heading**\n\n![alt](img/a.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    assert_int_equal(d->n_blocks, 3);
    assert_true(d->blocks[0].flags & ENF_BF_BOLD_ONLY);
    assert_true(d->blocks[1].flags & ENF_BF_IMAGE_ONLY);
    assert_true(S_has_anchor(&d->blocks[1], ENF_ANCHOR_IMAGE, "img/a.png"));
    assert_true(d->blocks[2].flags & ENF_BF_TABLE);
    enf_doc_free(d);
    /* display math, $$…$$ or \\[…\\]; inline math in prose is prose */
    d = fx_md("m.md", "$$\n\\begin{aligned} a &= b \\end{aligned}\n$$\n\n\\[ x^2 \\]\n\n"
                      "The cost is $O(n)$ here.\n\n$$ a $$ and more\n");
    assert_int_equal(d->n_blocks, 4);
    assert_true(d->blocks[0].flags & ENF_BF_MATH);
    assert_true(d->blocks[1].flags & ENF_BF_MATH);
    assert_false(d->blocks[2].flags & ENF_BF_MATH);
    assert_false(d->blocks[3].flags & ENF_BF_MATH);
    enf_doc_free(d);
}

/* front matter with CRLF line ends is front matter too (as list_blocks.py
 * and front_matter.c read it), not a rule and a setext heading */
static void test_front_matter_crlf(void **state)
{
    (void)state;
    enf_doc *d = fx_md("t.md", "---\r\ntitle: x\r\n---\r\n# T\r\n\r\nBody.\r\n");
    assert_int_equal(d->n_blocks, 2);
    assert_int_equal(d->blocks[0].id, 4);
    assert_int_equal(d->blocks[0].kind, ENF_BLOCK_HEADING);
    assert_string_equal(d->blocks[1].text, "Body.");
    enf_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_units_and_ids),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_front_matter_crlf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
