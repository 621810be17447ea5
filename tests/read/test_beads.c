/* test_beads.c — src/read/read_beads.c: a beads file read back and
 * written again unchanged; a unit that is not in the document refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static void test_read_beads_roundtrip(void **state)
{
    (void)state;
    enf_doc *en = fx_md("en.md", "a\n\nb\n\nc\n"), *zh = fx_md("zh.md", "甲\n\n乙\n");
    enf_alignment *al = NULL;
    enf_error err = {0};
    const char *txt = "[1]:[1]\n[3,5]:[3]\n";
    assert_int_equal(enf_read_beads("g.beads", txt, strlen(txt), en, zh, &al, &err), ENF_OK);
    assert_int_equal(al->n_beads, 2);
    assert_int_equal(al->beads[1].n_en, 2);
    assert_string_equal(fx_beads(en, zh, al), txt);
    enf_alignment_free(al);
    const char *bad = "[1]:[1]\n[4]:[3]\n";
    assert_int_equal(enf_read_beads("g.beads", bad, strlen(bad), en, zh, &al, &err), ENF_EINPUT);
    assert_string_equal(err.msg, "g.beads:2: 4 is not a unit of en.md");
    enf_doc_free(en);
    enf_doc_free(zh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_beads_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
