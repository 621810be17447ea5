/* test_html.c — src/read/read_html.c: HTML into blocks (head, script
 * and style skipped, nested lists, pre, tables). */
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
        cmocka_unit_test(test_html),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
