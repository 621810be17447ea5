/* test_text.c — src/model/text.c: the UTF-8 guard every reader passes
 * through (empty files, invalid bytes, NUL) and NFC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

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

static void test_nfc(void **state)
{
    (void)state;
    /* e + combining acute becomes é; ASCII and CJK pass unchanged */
    enf_doc *d = fx_md("t.md", "Cafe\xCC\x81 \xE4\xB8\xAD\xE6\x96\x87 ok\n");
    assert_string_equal(d->blocks[0].text, "Caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 ok");
    assert_int_equal(d->blocks[0].nchars, 10);
    enf_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_nfc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
