/* test_doc.c — src/model/doc.c: one line-ending convention (CRLF, lone
 * CR, a byte-order mark) and the unit ids that follow from it. */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_endings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
