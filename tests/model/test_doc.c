/* test_doc.c — src/model/doc.c: one line-ending convention (CRLF, lone
 * CR, a byte-order mark) and the unit ids that follow from it; a Doc
 * without its source (enf_doc_drop_source). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static void test_line_endings(void **state)
{
    (void)state;
    enf_doc *d = fx_md("t.md", "\xEF\xBB\xBF# A\r\n\r\nb\rc\r\n\r\nd\n");
    assert_int_equal(d->n_blocks, 3);
    assert_int_equal(d->blocks[1].id, 3);
    assert_string_equal(d->blocks[1].text, "b c");
    assert_int_equal(d->blocks[2].id, 6);
    enf_doc_free(d);
}

/* The source goes, the blocks stay: their text, anchors and lines are the
 * reader's; a position in the source is no longer known. */
static void test_drop_source(void **state)
{
    (void)state;
    enf_doc *d = fx_md("t.md", "# A\n\nSee [ViT](https://example.org/vit), 2021.\n");
    int line = -1, col = -1;
    enf_doc_position(d, 5, &line, &col);
    assert_int_equal(line, 3);
    assert_int_equal(col, 1);
    size_t na = d->blocks[1].n_anchors;
    enf_doc_drop_source(d);
    assert_null(d->data);
    assert_null(d->line_start);
    assert_int_equal(d->n_blocks, 2);
    assert_string_equal(d->blocks[1].text, "See ViT, 2021.");
    assert_int_equal(d->blocks[1].start_line, 3);
    assert_int_equal(d->blocks[1].n_anchors, na);
    assert_true(na > 0);
    enf_doc_position(d, 5, &line, &col);
    assert_int_equal(line, 0);
    assert_int_equal(col, 0);
    enf_doc_drop_source(d);   /* twice: nothing left to free */
    /* the pair test still refuses a swapped pair, from the blocks */
    enf_doc *zh = fx_md("zh.md", "# 甲\n\n请看 [ViT](https://example.org/vit)，二〇二一年的模型。\n");
    enf_doc_drop_source(zh);
    enf_error err = {0};
    assert_int_equal(enf_doc_pair_check(zh, d, 0, &err), ENF_EINPUT);
    assert_int_equal(enf_doc_pair_check(d, zh, 0, &err), ENF_OK);
    enf_doc_free(zh);
    enf_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_endings),
        cmocka_unit_test(test_drop_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
