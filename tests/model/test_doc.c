/* test_doc.c — src/model/doc.c: one line-ending convention (CRLF, lone
 * CR, a byte-order mark) and the unit ids that follow from it; a Doc
 * without its source (enf_doc_drop_source); the line table. */
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

/* The line table against a count by hand, on texts of every length from 1
 * to 70 whose bytes are newlines and their near misses (0x4A, 0x2A, 0x0B,
 * and 0x8A inside U+008A), in every position of an eight-byte word. */
static void test_line_table(void **state)
{
    (void)state;
    static const char *const pieces[] = {"\n", "J", "*", "\x0b", "\xC2\x8A", "a", "\n\n"};
    unsigned seed = 7;
    for (int round = 0; round < 400; round++) {
        char text[256];
        size_t len = 1, want = 1;
        size_t target = 1 + (size_t)(round % 70);
        text[0] = 'x';   /* a file of newlines only is refused as empty */
        while (len < target) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % 7];
            size_t n = strlen(p);
            memcpy(text + len, p, n);
            len += n;
        }
        for (size_t i = 0; i < len; i++)
            want += text[i] == '\n';
        enf_doc *d = NULL;
        enf_error err = {0};
        assert_int_equal(enf_doc_read_buffer("t.txt", text, len, ENF_UNITS_LINES, &d, &err), ENF_OK);
        assert_int_equal(d->n_lines, want);
        size_t l = 1;
        for (size_t i = 0; i < len; i++)
            if (text[i] == '\n')
                assert_int_equal(d->line_start[l++], i + 1);
        assert_int_equal(d->line_start[want], len + 1);
        enf_doc_free(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_endings),
        cmocka_unit_test(test_drop_source),
        cmocka_unit_test(test_line_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
