/* test_drift.c — src/check/drift.c: enf_drift on hand-written changes of a
 * four-block original, one test per kind of change, each asserting the
 * exact findings (rule, severity, place in the translation, place in the
 * new original). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static const char S_old[] = "# Title {#title}\n\n"
                            "First paragraph about apples and 3 pears.\n\n"
                            "Second paragraph uses `foo()` in code.\n\n"
                            "Third paragraph mentions https://example.com/x for details.\n";

static const char S_zh[] = "# 标题 {#title}\n\n"
                           "第一段关于苹果和 3 个梨。\n\n"
                           "第二段在代码中使用 `foo()`。\n\n"
                           "第三段提到 https://example.com/x 以了解详情。\n";

/* enf_drift of old -> en_new against zh, into fs (zeroed first); st may
 * be NULL. */
static void S_drift_of(const char *old, const char *en_new, const char *zh, enf_findings *fs,
                       enf_drift_stats *st)
{
    enf_doc *a = fx_md("old.md", old), *b = fx_md("new.md", en_new), *z = fx_md("zh.md", zh);
    enf_drift_opts o;
    enf_drift_opts_init(&o);
    o.stats = st;
    enf_error err = {0};
    memset(fs, 0, sizeof *fs);
    assert_int_equal(enf_drift(a, b, z, &o, fs, &err), ENF_OK);
    enf_doc_free(a);
    enf_doc_free(b);
    enf_doc_free(z);
}

/* enf_drift of S_old -> en_new against S_zh. */
static void S_drift(const char *en_new, enf_findings *fs, enf_drift_stats *st)
{
    S_drift_of(S_old, en_new, S_zh, fs, st);
}

static void S_drift3(const char *old, const char *en_new, const char *zh, enf_findings *fs)
{
    S_drift_of(old, en_new, zh, fs, NULL);
}

/* The one finding there must be. */
static const enf_finding *S_one(const enf_findings *fs, const char *rule, enf_severity sev,
                                int zh_line, int new_line)
{
    assert_int_equal(fs->n, 1);
    const enf_finding *f = &fs->v[0];
    assert_string_equal(f->rule, rule);
    assert_int_equal(f->severity, sev);
    assert_int_equal(f->line[1], zh_line);
    assert_int_equal(f->line[0], new_line);
    return f;
}

static void test_changed(void **state)
{
    (void)state;
    enf_findings fs;
    S_drift("# Title {#title}\n\nFirst paragraph about apples and 3 pears.\n\n"
            "Second paragraph uses `bar()` in code.\n\n"
            "Third paragraph mentions https://example.com/x for details.\n",
            &fs, NULL);
    const enf_finding *f = S_one(&fs, "drift.stale", ENF_SEV_WARNING, 5, 5);
    assert_int_equal(f->col[1], 1);
    assert_string_equal(f->term, "code");
    assert_non_null(strstr(f->message, "code foo() -> bar()"));
    assert_non_null(strstr(f->message, "\"…agraph uses foo() in code.\" -> \"…agraph uses bar() in code.\""));
    enf_findings_free(&fs);
}

static void test_classes(void **state)
{
    (void)state;
    enf_findings fs;
    /* edits of the first paragraph (line 3), one class each */
    static const struct {
        const char *first;      /* the new first paragraph */
        enf_severity sev;
        const char *term, *says;
    } edits[] = {
        /* a full stop dropped: a note (Chinese ends the sentence anyway) */
        {"First paragraph about apples and 3 pears", ENF_SEV_NOTE, "punctuation", NULL},
        /* another mark (! for .): a warning, the translation writes it (！) */
        {"First paragraph about apples and 3 pears!", ENF_SEV_WARNING, "punctuation mark",
         "(punctuation mark)"},
        /* quotes added: a note (the English's own typography) */
        {"First paragraph about \u2018apples\u2019 and 3 pears.", ENF_SEV_NOTE, "punctuation", NULL},
        {"First paragraph about apples; and 3 pears.", ENF_SEV_WARNING, "punctuation mark", NULL},
        {"First paragraph abot apples and 3 pears.", ENF_SEV_NOTE, "typo", NULL},
        {"First paragraph about apples and 4 pears.", ENF_SEV_WARNING, "number", "number 3 -> 4"},
        {"First paragraph not about apples and 3 pears.", ENF_SEV_WARNING, "negation", NULL},
    };
    for (size_t k = 0; k < sizeof edits / sizeof *edits; k++) {
        char doc[512];
        snprintf(doc, sizeof doc,
                 "# Title {#title}\n\n%s\n\nSecond paragraph uses `foo()` in code.\n\n"
                 "Third paragraph mentions https://example.com/x for details.\n",
                 edits[k].first);
        S_drift(doc, &fs, NULL);
        const enf_finding *f = S_one(&fs, "drift.stale", edits[k].sev, 3, 3);
        assert_string_equal(f->term, edits[k].term);
        if (edits[k].says)
            assert_non_null(strstr(f->message, edits[k].says));
        enf_findings_free(&fs);
    }
    /* a link */
    S_drift("# Title {#title}\n\nFirst paragraph about apples and 3 pears.\n\n"
            "Second paragraph uses `foo()` in code.\n\n"
            "Third paragraph mentions https://example.com/y for details.\n",
            &fs, NULL);
    assert_string_equal(S_one(&fs, "drift.stale", ENF_SEV_WARNING, 7, 7)->term, "link");
    enf_findings_free(&fs);
    /* rewritten */
    S_drift("# Title {#title}\n\nThe opening paragraph talks about fruit and 3 pears.\n\n"
            "Second paragraph uses `foo()` in code.\n\n"
            "Third paragraph mentions https://example.com/x for details.\n",
            &fs, NULL);
    assert_string_equal(S_one(&fs, "drift.stale", ENF_SEV_WARNING, 3, 3)->term, "rewrite");
    enf_findings_free(&fs);
}

static void test_deleted(void **state)
{
    (void)state;
    enf_findings fs;
    S_drift("# Title {#title}\n\nFirst paragraph about apples and 3 pears.\n\n"
            "Second paragraph uses `foo()` in code.\n",
            &fs, NULL);
    const enf_finding *f = S_one(&fs, "drift.orphan", ENF_SEV_WARNING, 7, 0);
    assert_non_null(strstr(f->message, "(line 7 of old.md) was deleted"));
    enf_findings_free(&fs);
}

static void test_inserted(void **state)
{
    (void)state;
    enf_findings fs;
    /* at the start: before the first block */
    S_drift("New opening paragraph here.\n\n# Title {#title}\n\nFirst paragraph about apples and 3 pears.\n\n"
            "Second paragraph uses `foo()` in code.\n\n"
            "Third paragraph mentions https://example.com/x for details.\n",
            &fs, NULL);
    const enf_finding *f = S_one(&fs, "drift.untranslated", ENF_SEV_WARNING, 1, 1);
    assert_int_equal(f->block[1], ENF_NO_BLOCK);
    assert_non_null(strstr(f->message, "it belongs at the top"));
    enf_findings_free(&fs);
    /* in the middle: after the translation of the block before it */
    S_drift("# Title {#title}\n\nFirst paragraph about apples and 3 pears.\n\n"
            "A brand new middle paragraph.\n\n"
            "Second paragraph uses `foo()` in code.\n\n"
            "Third paragraph mentions https://example.com/x for details.\n",
            &fs, NULL);
    f = S_one(&fs, "drift.untranslated", ENF_SEV_WARNING, 4, 5);
    assert_int_equal(f->block[1], 1);
    assert_non_null(strstr(f->message, "it belongs after line 3"));
    enf_findings_free(&fs);
    /* at the end: the file ends with the last block, so on its line */
    S_drift("# Title {#title}\n\nFirst paragraph about apples and 3 pears.\n\n"
            "Second paragraph uses `foo()` in code.\n\n"
            "Third paragraph mentions https://example.com/x for details.\n\n"
            "A closing paragraph at the end.\n",
            &fs, NULL);
    f = S_one(&fs, "drift.untranslated", ENF_SEV_WARNING, 7, 9);
    assert_int_equal(f->block[1], 3);
    assert_non_null(strstr(f->message, "it belongs after line 7"));
    enf_findings_free(&fs);
}

static void test_moved(void **state)
{
    (void)state;
    enf_findings fs;
    enf_drift_stats st;
    /* a section of two blocks moves to the end: one finding per block, at
     * its new place, no orphan and no untranslated */
    S_drift("# Title {#title}\n\nThird paragraph mentions https://example.com/x for details.\n\n"
            "## Part {#part}\n\nFirst paragraph about apples and 3 pears.\n\n"
            "Second paragraph uses `foo()` in code.\n",
            &fs, &st);
    /* the heading is new (untranslated); Third moved before First and Second */
    assert_int_equal(st.moved, 1);
    assert_int_equal(st.deleted, 0);
    assert_int_equal(fs.n, 2);
    assert_string_equal(fs.v[0].rule, "drift.untranslated");
    assert_int_equal(fs.v[0].line[0], 5);
    assert_string_equal(fs.v[1].rule, "drift.moved");
    assert_int_equal(fs.v[1].severity, ENF_SEV_WARNING);
    assert_int_equal(fs.v[1].line[1], 7);
    assert_int_equal(fs.v[1].line[0], 3);
    assert_non_null(strstr(fs.v[1].message, "moved from line 7 to line 3 of new.md"));
    assert_non_null(strstr(fs.v[1].message, "belongs at line 2"));
    enf_findings_free(&fs);
}

static void test_whitespace_only(void **state)
{
    (void)state;
    enf_findings fs;
    enf_drift_stats st;
    S_drift("# Title   {#title}\n\nFirst paragraph about\napples and 3   pears.\n\n"
            "Second paragraph uses `foo()` in code.\n\n\n"
            "Third paragraph mentions https://example.com/x for details.\n",
            &fs, &st);
    assert_int_equal(fs.n, 0);
    assert_int_equal(st.changed + st.deleted + st.inserted + st.moved, 0);
    enf_findings_free(&fs);
    /* the same text: nothing, and the aligner is not even run */
    S_drift(S_old, &fs, &st);
    assert_int_equal(fs.n, 0);
    assert_int_equal(st.paired, 0);
    enf_findings_free(&fs);
}

static void test_suppressed(void **state)
{
    (void)state;
    enf_doc *a = fx_md("old.md", S_old);
    enf_doc *b = fx_md("new.md", "# Title {#title}\n\nFirst paragraph about apples and 3 pears.\n\n"
                                  "Second paragraph uses `bar()` in code.\n\n"
                                  "Third paragraph mentions https://example.com/x for details.\n");
    enf_doc *z = fx_md("zh.md", "# 标题 {#title}\n\n第一段关于苹果和 3 个梨。\n\n"
                                 "<!-- enface-disable-next-line drift.stale -->\n"
                                 "第二段在代码中使用 `foo()`。\n\n"
                                 "第三段提到 https://example.com/x 以了解详情。\n");
    enf_findings fs = {0};
    enf_error err = {0};
    assert_int_equal(enf_drift(a, b, z, NULL, &fs, &err), ENF_OK);
    assert_int_equal(fs.n, 0);
    enf_findings_free(&fs);
    enf_doc_free(a);
    enf_doc_free(b);
    enf_doc_free(z);
}

static void test_reversed(void **state)
{
    (void)state;
    /* a Chinese original with an English translation: the same findings,
     * now in the English file */
    enf_doc *a = fx_md("zh-old.md", S_zh);
    enf_doc *b = fx_md("zh-new.md", "# 标题 {#title}\n\n第一段关于苹果和 3 个梨。\n\n"
                                     "第二段在代码中使用 `bar()`。\n\n"
                                     "第三段提到 https://example.com/x 以了解详情。\n");
    enf_doc *t = fx_md("en.md", S_old);
    enf_drift_opts o;
    enf_drift_opts_init(&o);   /* source language guessed: Chinese */
    enf_findings fs = {0};
    enf_error err = {0};
    assert_int_equal(enf_drift(a, b, t, &o, &fs, &err), ENF_OK);
    const enf_finding *f = S_one(&fs, "drift.stale", ENF_SEV_WARNING, 5, 5);
    assert_string_equal(f->term, "code");
    enf_findings_free(&fs);
    enf_doc_free(a);
    enf_doc_free(b);
    enf_doc_free(t);
}

static void test_not_a_translation(void **state)
{
    (void)state;
    enf_doc *a = fx_md("old.md", S_old);
    enf_doc *b = fx_md("new.md", "# Other\n\nSomething else entirely.\n");
    enf_doc *z = fx_md("zh.md", "# 无关\n\n这是另一篇文章。\n\n```\nint x = 42;\n```\n\n"
                                 "完全不同的内容，没有任何共同之处。\n\n还有一段。\n\n最后一段。\n");
    enf_drift_opts o;
    enf_drift_stats st;
    enf_drift_opts_init(&o);
    o.stats = &st;
    enf_findings fs = {0};
    enf_error err = {0};
    assert_int_equal(enf_drift(a, b, z, &o, &fs, &err), ENF_OK);
    assert_int_equal(st.unaligned, 1);
    S_one(&fs, "drift.unaligned", ENF_SEV_WARNING, 1, 0);
    enf_findings_free(&fs);
    enf_doc_free(a);
    enf_doc_free(b);
    enf_doc_free(z);
}

/* A word split or joined is a change, not white space; its old spelling
 * kept in the translation makes it a warning. */
static void test_word_spelling(void **state)
{
    (void)state;
    static const char old[] = "# Editors\n\nThe recommended setup is VSCode with the official extension.\n";
    static const char zh[] = "# 编辑器\n\n推荐使用 VSCode 和官方扩展。\n";
    enf_findings fs;
    S_drift3(old, "# Editors\n\nThe recommended setup is VS Code with the official extension.\n", zh, &fs);
    const enf_finding *f = S_one(&fs, "drift.stale", ENF_SEV_WARNING, 3, 3);
    assert_string_equal(f->term, "spelling");
    assert_non_null(strstr(f->message, "spelling VSCode -> VS Code"));
    enf_findings_free(&fs);
    /* the translation does not write the word: a typo-size note */
    S_drift3(old, "# Editors\n\nThe recommended setup is VS Code with the official extension.\n",
             "# 编辑器\n\n推荐使用微软的编辑器和官方扩展。\n", &fs);
    assert_string_equal(S_one(&fs, "drift.stale", ENF_SEV_NOTE, 3, 3)->term, "typo");
    enf_findings_free(&fs);
    /* re-wrapping between the words is still no change */
    S_drift3(old, "# Editors\n\nThe recommended setup is VSCode\nwith the official extension.\n", zh, &fs);
    assert_int_equal(fs.n, 0);
    enf_findings_free(&fs);
}

/* A paragraph that gains or loses its list bullet is a markup change; code
 * moved into a list item (re-indented) is not. */
static void test_markup(void **state)
{
    (void)state;
    static const char old[] = "# Testing\n\n- **DON'T**\n\n  Don't assert the private state of a component.\n\n"
                              "```js\nexpect(wrapper.vm.count).toBe(1)\n```\n";
    static const char zh[] = "# 测试\n\n- **不要**\n\n  不要断言组件的私有状态。\n\n"
                             "```js\nexpect(wrapper.vm.count).toBe(1)\n```\n";
    enf_findings fs;
    S_drift3(old, "# Testing\n\n**DON'T**\n\n- Don't assert the private state of a component.\n\n"
                  "```js\nexpect(wrapper.vm.count).toBe(1)\n```\n", zh, &fs);
    assert_int_equal(fs.n, 2);
    assert_string_equal(fs.v[0].rule, "drift.stale");
    assert_int_equal(fs.v[0].severity, ENF_SEV_WARNING);
    assert_string_equal(fs.v[0].term, "markup");
    assert_non_null(strstr(fs.v[0].message, "markup: list item -> paragraph"));
    assert_int_equal(fs.v[0].line[1], 3);
    assert_non_null(strstr(fs.v[1].message, "markup: paragraph -> list item"));
    assert_int_equal(fs.v[1].line[1], 5);
    enf_findings_free(&fs);
    S_drift3(old, "# Testing\n\n- **DON'T**\n\n  Don't assert the private state of a component.\n\n"
                  "  ```js\n  expect(wrapper.vm.count).toBe(1)\n  ```\n", zh, &fs);
    assert_int_equal(fs.n, 0);
    enf_findings_free(&fs);
    /* an HTML block whose tags changed and text did not */
    static const char html[] = "# Forms\n\nA demo.\n\n<div class=\"demo\">\n  <input v-model=\"text\">\n</div>\n";
    static const char html_zh[] = "# 表单\n\n一个示例。\n\n<div class=\"demo\">\n  <input v-model=\"text\">\n</div>\n";
    S_drift3(html, "# Forms\n\nA demo.\n\n<div class=\"demo\">\n  <input v-model=\"text\" />\n</div>\n", html_zh, &fs);
    assert_string_equal(S_one(&fs, "drift.stale", ENF_SEV_WARNING, 5, 5)->term, "code");
    enf_findings_free(&fs);
}

/* A Chinese original's edits: <u> styling added is no code change (the
 * 「」 -> （） change, a note); one character for another is a typo, one
 * dropped is not (一个字 is a word); a change in $...$ math is a warning. */
static void test_chinese_original_edits(void **state)
{
    (void)state;
    static const char old[] = "# 堆\n\n「堆 heap」是一种满足特定条件的完全二叉树。\n\n"
                              "其中的常数项可以取任意值。\n\n建队操作的复杂度为 $O(m)$ 。\n\n"
                              "我们在后面介绍建队操作。\n";
    static const char en[] = "# Heap\n\nA heap is a complete binary tree that satisfies certain conditions.\n\n"
                             "The constant term can take any value.\n\nBuilding a heap takes $O(m)$ time.\n\n"
                             "We introduce building a heap later.\n";
    enf_findings fs;
    S_drift3(old, "# 堆\n\n<u>堆（heap）</u>是一种满足特定条件的完全二叉树。\n\n"
                  "其中的常数可以取任意值。\n\n建队操作的复杂度为 $O(n)$ 。\n\n"
                  "我们在后面介绍建堆操作。\n", en, &fs);
    assert_int_equal(fs.n, 4);
    static const struct {
        int line;
        enf_severity sev;
        const char *term;
    } want[] = {
        {3, ENF_SEV_NOTE, "punctuation"},
        {5, ENF_SEV_WARNING, "rewrite"},
        {7, ENF_SEV_WARNING, "code"},
        {9, ENF_SEV_NOTE, "typo"},
    };
    for (size_t k = 0; k < 4; k++) {
        assert_string_equal(fs.v[k].rule, "drift.stale");
        assert_int_equal(fs.v[k].line[1], want[k].line);
        assert_int_equal(fs.v[k].severity, want[k].sev);
        assert_string_equal(fs.v[k].term, want[k].term);
    }
    assert_non_null(strstr(fs.v[2].message, "(math)"));
    enf_findings_free(&fs);
    /* two $ between Vue names are no formula */
    S_drift3("# Attrs\n\nRead `$attrs` for them, not this.$emit in the template.\n",
             "# Attrs\n\nRead `$attrs` for all of them, not this.$emit in the template.\n",
             "# 透传\n\n读取 `$attrs` 获得它们，而不是模板中的 this.$emit。\n", &fs);
    assert_string_equal(S_one(&fs, "drift.stale", ENF_SEV_WARNING, 3, 3)->term, "rewrite");
    enf_findings_free(&fs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_changed),        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_deleted),        cmocka_unit_test(test_inserted),
        cmocka_unit_test(test_moved),          cmocka_unit_test(test_whitespace_only),
        cmocka_unit_test(test_suppressed),     cmocka_unit_test(test_reversed),
        cmocka_unit_test(test_not_a_translation), cmocka_unit_test(test_word_spelling),
        cmocka_unit_test(test_markup),            cmocka_unit_test(test_chinese_original_edits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
