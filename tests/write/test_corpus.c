/* test_corpus.c — src/write/write_corpus.c and write_po.c: the exact bytes
 * of the JSONL (translation object, --zh-lang key), Moses and PO writers
 * (escaping, multi-line strings, msgctxt for a repeated msgid, fuzzy below
 * the floor, the header), and which language tags enf_corpus_check_zh_lang
 * accepts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

/* Two pairs of document "doc": a plain one and one with quotes, a
 * backslash, a tab and a newline (a kept code block). */
static void S_pairs(enf_corpus_pairs *p)
{
    memset(p, 0, sizeof *p);
    p->v = calloc(2, sizeof *p->v);
    assert_non_null(p->v);
    p->n = p->cap = 2;
    p->v[0] = (enf_corpus_pair){.en = strdup("Hello."), .zh = strdup("你好。"), .score = 0.9,
                                .type = "1-1", .block_bead = 0, .en_block = 3, .zh_block = 4,
                                .en_sent = 0, .zh_sent = 0, .n_en = 1, .n_zh = 1};
    p->v[1] = (enf_corpus_pair){.en = strdup("say \"hi\"\\\tnow\nprint(1)"),
                                .zh = strdup("说 \"hi\"\\\tnow\nprint(1)"),
                                .score = 0.1, .type = "1-1", .block_bead = 1, .en_block = 5,
                                .zh_block = 7, .en_sent = 1, .zh_sent = 1, .n_en = 1, .n_zh = 1};
}

/* What the writer wrote for the pairs added once per name in docs. */
static char *S_write(enf_corpus_format fmt, const enf_corpus_writer_opts *o,
                     const char *const *docs, size_t ndocs)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    enf_corpus_writer *w = NULL;
    enf_error err = {0};
    enf_corpus_pairs p;
    S_pairs(&p);
    if (enf_corpus_writer_open(f, fmt, o, &w, &err))
        fail_msg("%s", err.msg);
    for (size_t i = 0; i < ndocs; i++)
        if (enf_corpus_writer_add_files(w, docs[i], "en.md", "zh.md", &p, &err))
            fail_msg("%s", err.msg);
    if (enf_corpus_writer_end(w, &err))
        fail_msg("%s", err.msg);
    fclose(f);
    enf_corpus_pairs_free(&p);
    return buf;
}

static void test_corpus_jsonl(void **state)
{
    (void)state;
    const char *docs[] = {"doc"};
    char *s = S_write(ENF_CORPUS_FMT_JSONL, NULL, docs, 1);
    assert_string_equal(
        s,
        "{\"translation\":{\"en\":\"Hello.\",\"zh\":\"你好。\"},\"doc\":\"doc\",\"block_bead\":0,"
        "\"en_block\":3,\"zh_block\":4,\"en_sents\":[0,1],\"zh_sents\":[0,1],\"type\":\"1-1\","
        "\"score\":0.9}\n"
        "{\"translation\":{\"en\":\"say \\\"hi\\\"\\\\\\tnow\\nprint(1)\",\"zh\":\"说 "
        "\\\"hi\\\"\\\\\\tnow\\nprint(1)\"},\"doc\":\"doc\",\"block_bead\":1,\"en_block\":5,"
        "\"zh_block\":7,\"en_sents\":[1,2],\"zh_sents\":[1,2],\"type\":\"1-1\",\"score\":0.1}\n");
    free(s);
    enf_corpus_writer_opts o = {.zh_lang = "zh-Hant-TW"};
    s = S_write(ENF_CORPUS_FMT_JSONL, &o, docs, 1);
    assert_non_null(strstr(s, "{\"translation\":{\"en\":\"Hello.\",\"zh-Hant-TW\":\"你好。\"}"));
    free(s);
    s = S_write(ENF_CORPUS_FMT_JSONL_FLAT, &o, docs, 1);
    assert_non_null(strstr(s, "\"type\":\"1-1\",\"score\":0.9,\"en\":\"Hello.\",\"zh\":\"你好。\"}\n"));
    free(s);
}

static void test_corpus_moses(void **state)
{
    (void)state;
    char *zb = NULL, *mb = NULL;
    size_t zl = 0, ml = 0;
    FILE *zf = open_memstream(&zb, &zl), *mf = open_memstream(&mb, &ml);
    enf_corpus_writer_opts o = {.zh = zf, .meta = mf};
    const char *docs[] = {"doc"};
    char *s = S_write(ENF_CORPUS_FMT_MOSES, &o, docs, 1);
    fclose(zf);
    fclose(mf);
    /* one line per pair in each file: tabs and newlines made spaces */
    assert_string_equal(s, "Hello.\nsay \"hi\"\\ now print(1)\n");
    assert_string_equal(zb, "你好。\n说 \"hi\"\\ now print(1)\n");
    assert_string_equal(mb, "doc\t0\t3\t4\t0+1\t0+1\t1-1\t0.900\n"
                            "doc\t1\t5\t7\t1+1\t1+1\t1-1\t0.100\n");
    free(s);
    free(zb);
    free(mb);
    /* without its two other files the Moses writer refuses */
    enf_corpus_writer *w = NULL;
    enf_error err = {0};
    assert_int_equal(enf_corpus_writer_open(stdout, ENF_CORPUS_FMT_MOSES, NULL, &w, &err),
                     ENF_EUSAGE);
    assert_null(w);
}

static void test_corpus_po(void **state)
{
    (void)state;
    enf_corpus_writer_opts o = {.zh_lang = "zh-CN", .fuzzy_below = 0.2};
    const char *docs[] = {"doc", "doc2"};
    char *s = S_write(ENF_CORPUS_FMT_PO, &o, docs, 2);
    const char *header_end = strstr(s, "\"X-Generator: enface ");
    assert_non_null(header_end);
    assert_non_null(strstr(s, "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: enface corpus\\n\"\n"
                              "\"Language: zh_CN\\n\"\n"));
    assert_non_null(strstr(s, "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"));
    const char *body = strstr(header_end, "\n\n");
    assert_non_null(body);
    /* the second document's entries repeat the first's msgids: each gets
     * the place it comes from as msgctxt */
    assert_string_equal(body,
                        "\n\n"
                        "#. zh: zh.md:4; block pair 1-1, score 0.900\n"
                        "#: en.md:3\n"
                        "msgid \"Hello.\"\n"
                        "msgstr \"你好。\"\n"
                        "\n"
                        "#. zh: zh.md:7; block pair 1-1, score 0.100\n"
                        "#: en.md:5\n"
                        "#, fuzzy\n"
                        "msgid \"\"\n"
                        "\"say \\\"hi\\\"\\\\\\tnow\\n\"\n"
                        "\"print(1)\"\n"
                        "msgstr \"\"\n"
                        "\"说 \\\"hi\\\"\\\\\\tnow\\n\"\n"
                        "\"print(1)\"\n"
                        "\n"
                        "#. zh: zh.md:4; block pair 1-1, score 0.900\n"
                        "#: en.md:3\n"
                        "msgctxt \"doc2:3\"\n"
                        "msgid \"Hello.\"\n"
                        "msgstr \"你好。\"\n"
                        "\n"
                        "#. zh: zh.md:7; block pair 1-1, score 0.100\n"
                        "#: en.md:5\n"
                        "#, fuzzy\n"
                        "msgctxt \"doc2:5\"\n"
                        "msgid \"\"\n"
                        "\"say \\\"hi\\\"\\\\\\tnow\\n\"\n"
                        "\"print(1)\"\n"
                        "msgstr \"\"\n"
                        "\"说 \\\"hi\\\"\\\\\\tnow\\n\"\n"
                        "\"print(1)\"\n");
    free(s);
    /* the same document name twice: the context is numbered */
    const char *same[] = {"doc", "doc", "doc"};
    s = S_write(ENF_CORPUS_FMT_PO, &o, same, 3);
    assert_non_null(strstr(s, "msgctxt \"doc:3\"\nmsgid \"Hello.\""));
    assert_non_null(strstr(s, "msgctxt \"doc:3 #2\"\nmsgid \"Hello.\""));
    free(s);
}

static void test_corpus_po_written_form(void **state)
{
    (void)state;
    /* msgids equal once the control characters PO cannot hold are dropped
     * are one msgid to gettext: the second gets a msgctxt; and a dropped
     * character does not expose a leading newline */
    enf_corpus_pairs p = {0};
    p.v = calloc(2, sizeof *p.v);
    assert_non_null(p.v);
    p.n = p.cap = 2;
    p.v[0] = (enf_corpus_pair){.en = strdup("A\001b"), .zh = strdup("甲"), .score = 1,
                               .type = "1-1", .en_block = 1, .zh_block = 1};
    p.v[1] = (enf_corpus_pair){.en = strdup("\001\nAb"), .zh = strdup("乙"), .score = 1,
                               .type = "1-1", .en_block = 9, .zh_block = 9};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    enf_corpus_writer *w = NULL;
    enf_error err = {0};
    assert_int_equal(enf_corpus_writer_open(f, ENF_CORPUS_FMT_PO, NULL, &w, &err), ENF_OK);
    assert_int_equal(enf_corpus_writer_add(w, "d", &p, &err), ENF_OK);
    assert_int_equal(enf_corpus_writer_end(w, &err), ENF_OK);
    fclose(f);
    assert_non_null(strstr(buf, "#: d:1\nmsgid \"Ab\"\nmsgstr \"甲\"\n"));
    assert_non_null(strstr(buf, "#: d:9\nmsgctxt \"d:9\"\nmsgid \"Ab\"\nmsgstr \"乙\"\n"));
    free(buf);
    enf_corpus_pairs_free(&p);
}

static void test_corpus_zh_lang(void **state)
{
    (void)state;
    static const char *const good[] = {"zh", "zh-CN", "zh-Hans", "zh-Hant-TW", "zh-Hans-CN",
                                       "yue", "yue-HK", "cmn-Hans", "zh-cmn-Hans", NULL};
    static const char *const bad[] = {"", "zh_CN", "en", "en-US", "zh-", "-zh", "zh--CN",
                                      "zh-CN-", "zh CN", "x", "123", "zh-toolongsubtag", NULL};
    enf_error err = {0};
    for (int i = 0; good[i]; i++)
        if (enf_corpus_check_zh_lang(good[i], &err))
            fail_msg("'%s' refused: %s", good[i], err.msg);
    for (int i = 0; bad[i]; i++)
        if (enf_corpus_check_zh_lang(bad[i], &err) != ENF_EUSAGE)
            fail_msg("'%s' accepted", bad[i]);
    /* a writer opened with a bad tag is not created */
    enf_corpus_writer *w = NULL;
    enf_corpus_writer_opts o = {.zh_lang = "zh_CN"};
    assert_int_equal(enf_corpus_writer_open(stdout, ENF_CORPUS_FMT_TMX, &o, &w, &err), ENF_EUSAGE);
    assert_null(w);
    assert_non_null(strstr(err.msg, "zh_CN"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_jsonl),
        cmocka_unit_test(test_corpus_moses),
        cmocka_unit_test(test_corpus_po),
        cmocka_unit_test(test_corpus_po_written_form),
        cmocka_unit_test(test_corpus_zh_lang),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
