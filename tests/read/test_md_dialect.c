/* test_md_dialect.c — src/read/md_dialect.c: the container syntax of docs
 * sites (MkDocs admonitions and tabs, VitePress containers) read as the
 * blocks the site shows, with spans that point into the source; and what
 * is left alone (fenced code, indented code, plain CommonMark mode). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "read_internal.h"

/* The block's source bytes are exactly `want`. */
static void S_span_is(const enf_doc *d, size_t i, const char *want)
{
    const enf_block *b = &d->blocks[i];
    assert_true(b->src_off + b->src_len <= d->len);
    char *got = strndup(d->data + b->src_off, b->src_len);
    assert_string_equal(got, want);
    free(got);
}

static void test_mkdocs_admonition(void **state)
{
    (void)state;
    enf_doc *d = fx_md("t.md", "# T\n\n!!! note \"A *title*\"\n\n    Content [one](https://a.org/x).\n"
                               "    Second line.\n\n    More.\n\nAfter.\n");
    assert_int_equal(d->n_blocks, 5);
    assert_int_equal(d->blocks[1].id, 3);
    assert_int_equal(d->blocks[1].kind, ENF_BLOCK_PARAGRAPH);
    assert_string_equal(d->blocks[1].text, "A title");
    S_span_is(d, 1, "A *title*");
    assert_int_equal(d->blocks[1].start_col, 11);
    assert_int_equal(d->blocks[2].id, 5);
    assert_int_equal(d->blocks[2].kind, ENF_BLOCK_PARAGRAPH);
    assert_string_equal(d->blocks[2].text, "Content one. Second line.");
    S_span_is(d, 2, "Content [one](https://a.org/x).\n    Second line.");
    assert_int_equal(d->blocks[2].start_col, 5);
    assert_int_equal(d->blocks[2].end_line, 6);
    /* the link's inline span is located in the source */
    const enf_block *b = &d->blocks[2];
    int found = 0;
    for (size_t k = 0; k < b->n_inlines; k++)
        if (b->inlines[k].kind == ENF_INLINE_LINK) {
            assert_memory_equal(d->data + b->inlines[k].off, "[one](https://a.org/x)", 22);
            found = 1;
        }
    assert_true(found);
    assert_int_equal(d->blocks[3].id, 8);
    assert_string_equal(d->blocks[4].text, "After.");
    assert_int_equal(d->blocks[4].id, 10);
    enf_doc_free(d);
}

static void test_mkdocs_untitled_nested_and_tabs(void **state)
{
    (void)state;
    enf_doc *d = fx_md("t.md", "??? tip\n\n    Outer.\n\n    !!! quote\n\n        Inner.\n\n"
                               "=== \"Python\"\n\n    ```python\n    # a comment\n    x = 1\n    ```\n\n"
                               "=== \"C\"\n\n    ```c\n    int x = 1;\n    ```\n");
    /* no unit for an untitled marker or a tab label */
    assert_int_equal(d->n_blocks, 4);
    assert_string_equal(d->blocks[0].text, "Outer.");
    assert_int_equal(d->blocks[0].id, 3);
    assert_string_equal(d->blocks[1].text, "Inner.");
    assert_int_equal(d->blocks[1].id, 7);
    S_span_is(d, 1, "Inner.");
    assert_int_equal(d->blocks[2].kind, ENF_BLOCK_CODE);
    assert_string_equal(d->blocks[2].text, "# a comment\nx = 1");
    assert_int_equal(d->blocks[2].id, 11);
    assert_int_equal(d->blocks[3].kind, ENF_BLOCK_CODE);
    assert_int_equal(d->blocks[3].id, 18);
    enf_doc_free(d);
}

static void test_vitepress(void **state)
{
    (void)state;
    enf_doc *d = fx_md("t.md", "Intro.\n::: tip Note\nTip *text*.\n:::\n\n:::warning\nCareful.\n:::\n");
    assert_int_equal(d->n_blocks, 4);
    assert_string_equal(d->blocks[0].text, "Intro.");
    assert_string_equal(d->blocks[1].text, "Note");
    assert_int_equal(d->blocks[1].id, 2);
    S_span_is(d, 1, "Note");
    assert_string_equal(d->blocks[2].text, "Tip text.");
    assert_int_equal(d->blocks[2].id, 3);
    assert_string_equal(d->blocks[3].text, "Careful.");
    assert_int_equal(d->blocks[3].id, 7);
    enf_doc_free(d);
}

static void test_docusaurus_and_hugo(void **state)
{
    (void)state;
    enf_doc *d = fx_md("t.md", "Intro.\n:::note[Your *title*]\nSome content.\n:::\n\n"
                               "Before.\n{{< note >}}\nA Pod is the smallest unit.\n{{< /note >}}\n"
                               "{{% tab name=\"kubectl\" %}}\nRun it.\n{{% /tab %}}\n"
                               "Use {{< glossary_tooltip text=\"Pods\" term_id=\"pod\" >}} here.\n");
    assert_int_equal(d->n_blocks, 7);
    assert_string_equal(d->blocks[0].text, "Intro.");
    assert_string_equal(d->blocks[1].text, "Your title");
    S_span_is(d, 1, "Your *title*");
    assert_int_equal(d->blocks[1].id, 2);
    assert_string_equal(d->blocks[2].text, "Some content.");
    assert_string_equal(d->blocks[3].text, "Before.");
    assert_string_equal(d->blocks[4].text, "A Pod is the smallest unit.");
    assert_int_equal(d->blocks[4].id, 8);
    assert_string_equal(d->blocks[5].text, "Run it.");
    assert_int_equal(d->blocks[5].id, 11);
    /* an inline shortcode stays in its paragraph */
    assert_int_equal(d->blocks[6].id, 13);
    assert_non_null(strstr(d->blocks[6].text, "glossary_tooltip"));
    enf_doc_free(d);
}

static void test_left_alone(void **state)
{
    (void)state;
    /* a marker inside fenced code, one in an indented code block, one with
       no indented content after it, and a tab marker that continues a
       paragraph (no blank line before it) */
    const char *s = "```\n!!! note\n\n    x\n```\n\n    !!! note\n\n        y\n\n!!! note\n\nNot content.\n\n"
                    "Heading\n=== \"x\"\n";
    enf_doc *d = fx_md("t.md", s);
    assert_int_equal(d->n_blocks, 5);
    assert_int_equal(d->blocks[0].kind, ENF_BLOCK_CODE);
    assert_int_equal(d->blocks[1].kind, ENF_BLOCK_CODE);
    assert_int_equal(d->blocks[1].id, 7);
    assert_string_equal(d->blocks[2].text, "!!! note");
    assert_string_equal(d->blocks[3].text, "Not content.");
    assert_string_equal(d->blocks[4].text, "Heading === \"x\"");
    enf_doc_free(d);
}

static void test_commonmark_mode(void **state)
{
    (void)state;
    const char *s = "!!! note \"T\"\n\n    Content.\n";
    enf_doc *d = NULL;
    enf_error err = {0};
    assert_int_equal(enf__read_markdown("t.md", s, strlen(s), 0, &d, &err), ENF_OK);
    assert_int_equal(d->n_blocks, 2);
    assert_int_equal(d->blocks[1].kind, ENF_BLOCK_CODE);
    assert_int_equal(d->units, ENF_UNITS_MARKDOWN);
    enf_doc_free(d);
}

/* s read with units; the blocks' texts joined with | into got. */
static enf_doc *S_texts(const char *s, enf_units units, char *got, size_t size)
{
    enf_doc *d = NULL;
    enf_error err = {0};
    assert_int_equal(enf_doc_read_buffer("t.md", s, strlen(s), units, &d, &err), ENF_OK);
    got[0] = '\0';
    for (size_t i = 0; i < d->n_blocks; i++) {
        strncat(got, i ? "|" : "", size - strlen(got) - 1);
        strncat(got, d->blocks[i].text, size - strlen(got) - 1);
    }
    return d;
}

/* pymdownx snippets: an include line and a block of file names are no
 * unit (the site shows another file there); in code, inside a line, or
 * with plain CommonMark they stay text. */
static void test_mkdocs_snippets(void **state)
{
    (void)state;
    const char *s = "Intro.\n\n--8<-- \"includes/abbr.md\"\n\n-8<-\na.md\nb.md\n-8<-\n\nAfter.\n\n"
                    "```\n--8<-- \"code.md\"\n```\n\nText --8<-- \"x.md\" inline.\n\n--8<-- \"a\" \"b\"\n";
    static const struct {
        enf_units units;
        const char *texts;
    } want[] = {
        {ENF_UNITS_MARKDOWN, "Intro.|After.|--8<-- \"code.md\"|Text --8<-- \"x.md\" inline.|--8<-- \"a\" \"b\""},
        {ENF_UNITS_MKDOCS, "Intro.|After.|--8<-- \"code.md\"|Text --8<-- \"x.md\" inline.|--8<-- \"a\" \"b\""},
        {ENF_UNITS_COMMONMARK, "Intro.|--8<-- \"includes/abbr.md\"|-8<- a.md b.md -8<-|After.|"
                               "--8<-- \"code.md\"|Text --8<-- \"x.md\" inline.|--8<-- \"a\" \"b\""},
    };
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        char got[512];
        enf_doc *d = S_texts(s, want[k].units, got, sizeof got);
        assert_string_equal(got, want[k].texts);
        if (want[k].units != ENF_UNITS_COMMONMARK)
            S_span_is(d, 1, "After.");   /* the map back to the source holds */
        enf_doc_free(d);
    }
    /* a fence that nothing closes (a blank line first) is text: it does
     * not swallow the rest of the file */
    char got[256];
    enf_doc *d = S_texts("A.\n\n--8<--\nb.md\n\nKept.\n\nAlso kept.\n", ENF_UNITS_MKDOCS, got, sizeof got);
    assert_string_equal(got, "A.|--8<-- b.md|Kept.|Also kept.");
    enf_doc_free(d);
}

/* One site's syntax only (--dialect, --units NAME): the other sites'
 * markers are read as CommonMark reads them. */
static void test_one_dialect(void **state)
{
    (void)state;
    const char *s = "!!! note \"T\"\n\n    Content.\n\n::: tip Hint\nBox.\n:::\n\n"
                    "{{< note >}}\nShort.\n{{< /note >}}\n";
    static const struct {
        enf_units units;
        size_t n_blocks;
        const char *texts;   /* the blocks' text, | between */
    } want[] = {
        {ENF_UNITS_MARKDOWN, 5, "T|Content.|Hint|Box.|Short."},
        {ENF_UNITS_COMMONMARK, 4, "!!! note \"T\"|Content.|::: tip Hint Box. :::|{{< note >}} Short. {{< /note >}}"},
        {ENF_UNITS_MKDOCS, 4, "T|Content.|::: tip Hint Box. :::|{{< note >}} Short. {{< /note >}}"},
        {ENF_UNITS_VITEPRESS, 5, "!!! note \"T\"|Content.|Hint|Box.|{{< note >}} Short. {{< /note >}}"},
        {ENF_UNITS_HUGO, 4, "!!! note \"T\"|Content.|::: tip Hint Box. :::|Short."},
    };
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        char got[512];
        enf_doc *d = S_texts(s, want[k].units, got, sizeof got);
        assert_string_equal(got, want[k].texts);
        assert_int_equal(d->n_blocks, want[k].n_blocks);
        assert_int_equal(d->units, ENF_UNITS_MARKDOWN);
        /* MkDocs content is prose only where MkDocs is read */
        assert_int_equal(d->blocks[1].kind, want[k].units == ENF_UNITS_MARKDOWN ||
                                                    want[k].units == ENF_UNITS_MKDOCS
                                                ? ENF_BLOCK_PARAGRAPH
                                                : ENF_BLOCK_CODE);
        enf_doc_free(d);
    }
}

static void test_front_matter_and_crlf(void **state)
{
    (void)state;
    enf_doc *d = fx_md("t.md", "---\ntitle: x\n---\n!!! note \"T\"\r\n\r\n    Body.\r\n");
    assert_int_equal(d->n_blocks, 2);
    assert_string_equal(d->blocks[0].text, "T");
    assert_int_equal(d->blocks[0].id, 4);
    assert_string_equal(d->blocks[1].text, "Body.");
    assert_int_equal(d->blocks[1].id, 6);
    enf_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mkdocs_admonition),
        cmocka_unit_test(test_mkdocs_untitled_nested_and_tabs),
        cmocka_unit_test(test_vitepress),
        cmocka_unit_test(test_docusaurus_and_hugo),
        cmocka_unit_test(test_left_alone),
        cmocka_unit_test(test_commonmark_mode),
        cmocka_unit_test(test_mkdocs_snippets),
        cmocka_unit_test(test_one_dialect),
        cmocka_unit_test(test_front_matter_and_crlf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
