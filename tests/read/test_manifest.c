/* test_manifest.c — src/read/read_manifest.c: the lines of corpus
 * manifests (TSV, JSONL) and of align's batch file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enface.h"

static int S_parse(const char *line, enf_manifest_kind k, long ln, enf_manifest_item *it, enf_error *err)
{
    memset(err, 0, sizeof *err);
    return enf_manifest_parse_line(line, k, "m.tsv", ln, it, err);
}

static void test_tsv(void **state)
{
    (void)state;
    enf_manifest_item it;
    enf_error err;
    assert_int_equal(S_parse("en_path\tzh_path", ENF_MANIFEST_TSV, 1, &it, &err), ENF_MANIFEST_SKIP);
    assert_int_equal(S_parse("# comment", ENF_MANIFEST_TSV, 2, &it, &err), ENF_MANIFEST_SKIP);
    assert_int_equal(S_parse("", ENF_MANIFEST_TSV, 3, &it, &err), ENF_MANIFEST_SKIP);
    assert_int_equal(S_parse("a/en.md\ta/zh.md", ENF_MANIFEST_TSV, 4, &it, &err), ENF_OK);
    assert_string_equal(it.en_path, "a/en.md");
    assert_string_equal(it.zh_path, "a/zh.md");
    assert_string_equal(it.name, "a/en.md");
    enf_manifest_item_clear(&it);
    assert_int_equal(S_parse("a\tb\tdoc\textra", ENF_MANIFEST_TSV, 5, &it, &err), ENF_OK);
    assert_string_equal(it.name, "doc");
    enf_manifest_item_clear(&it);
    assert_int_equal(S_parse("a\t", ENF_MANIFEST_TSV, 6, &it, &err), ENF_EINPUT);
    assert_string_equal(err.msg, "m.tsv:6: expected en_path<TAB>zh_path[<TAB>name]");
    assert_int_equal(S_parse("\tb", ENF_MANIFEST_TSV, 7, &it, &err), ENF_EINPUT);
    assert_int_equal(S_parse("only one field", ENF_MANIFEST_TSV, 8, &it, &err), ENF_EINPUT);
}

static void test_batch(void **state)
{
    (void)state;
    enf_manifest_item it;
    enf_error err;
    assert_int_equal(S_parse("en.md\tzh.md\tout.beads", ENF_MANIFEST_BATCH, 1, &it, &err), ENF_OK);
    assert_string_equal(it.name, "out.beads");
    enf_manifest_item_clear(&it);
    /* the header line is data in a batch file, and OUTPUT is required */
    assert_int_equal(S_parse("en.md\tzh.md", ENF_MANIFEST_BATCH, 1, &it, &err), ENF_EINPUT);
    assert_string_equal(err.msg, "m.tsv:1: expected LEFT<TAB>RIGHT<TAB>OUTPUT");
    assert_int_equal(S_parse("en.md\tzh.md\t", ENF_MANIFEST_BATCH, 2, &it, &err), ENF_EINPUT);
}

static void test_jsonl(void **state)
{
    (void)state;
    enf_manifest_item it;
    enf_error err;
    assert_int_equal(S_parse("{\"en\": \"a.md\", \"zh\": \"b.md\"}", ENF_MANIFEST_JSONL, 1, &it, &err), ENF_OK);
    assert_string_equal(it.en_path, "a.md");
    assert_string_equal(it.name, "a.md");
    assert_null(it.en_text);
    enf_manifest_item_clear(&it);
    assert_int_equal(S_parse("{\"en_text\": \"Hi.\", \"zh_text\": \"你好。\"}", ENF_MANIFEST_JSONL, 7, &it, &err),
                     ENF_OK);
    assert_string_equal(it.zh_text, "你好。");
    assert_string_equal(it.name, "7");
    enf_manifest_item_clear(&it);
    /* a mix of the two forms once reached strdup(NULL) (issue 17) */
    assert_int_equal(S_parse("{\"en\":\"a\",\"en_text\":\"x\",\"zh_text\":\"y\"}", ENF_MANIFEST_JSONL, 2, &it, &err),
                     ENF_EINPUT);
    assert_non_null(strstr(err.msg, "m.tsv:2: expected a JSON object"));
    assert_int_equal(S_parse("[1, 2]", ENF_MANIFEST_JSONL, 3, &it, &err), ENF_EINPUT);
    assert_int_equal(S_parse("{\"en\": \"\", \"zh\": \"b\"}", ENF_MANIFEST_JSONL, 4, &it, &err), ENF_EINPUT);
    assert_int_equal(S_parse("{\"en\": 1, \"zh\": \"b\"}", ENF_MANIFEST_JSONL, 5, &it, &err), ENF_EINPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tsv),
        cmocka_unit_test(test_batch),
        cmocka_unit_test(test_jsonl),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
