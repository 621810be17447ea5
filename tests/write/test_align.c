/* test_align.c — src/write/write_align.c: an alignment as JSONL and
 * TSV, escaping tabs and quotes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static void test_jsonl_and_tsv(void **state)
{
    (void)state;
    enf_doc *en = fx_md("en.md", "Tab\there.\n"), *zh = fx_md("zh.md", "制表\"符\"。\n");
    enf_alignment *al = NULL;
    enf_error err = {0};
    assert_int_equal(enf_align_blocks(en, zh, NULL, &al, &err), ENF_OK);
    char buf[2048];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    assert_int_equal(enf_write_alignment(f, ENF_ALIGN_FMT_JSONL, en, zh, al, 0, &err), ENF_OK);
    fclose(f);
    assert_non_null(strstr(buf, "\"type\":\"1-1\""));
    assert_non_null(strstr(buf, "\"zh\":[\"制表\\\"符\\\"。\"]"));
    f = fmemopen(buf, sizeof buf, "w");
    assert_int_equal(enf_write_alignment(f, ENF_ALIGN_FMT_TSV, en, zh, al, 0, &err), ENF_OK);
    fclose(f);
    assert_non_null(strstr(buf, "[1]\t[1]\tTab here.\t制表\"符\"。\n"));
    enf_alignment_free(al);
    enf_doc_free(en);
    enf_doc_free(zh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonl_and_tsv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
