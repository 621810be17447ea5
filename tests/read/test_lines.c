/* test_lines.c — src/read/read_lines.c: --units lines, one block per
 * line with 0-based ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
