/* test_front_matter.c — src/read/front_matter.c: a key of the YAML front
 * matter read (flat, nested, quoted, commented) and rewritten with every
 * other byte left as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static char *S_get(const char *s, const char *key)
{
    char *v = NULL;
    enf_error err = {0};
    assert_int_equal(enf_front_matter_get(s, strlen(s), key, &v, &err), ENF_OK);
    return v;
}

static void S_expect_get(const char *s, const char *key, const char *want)
{
    char *v = S_get(s, key);
    if (!want) {
        assert_null(v);
        return;
    }
    assert_non_null(v);
    assert_string_equal(v, want);
    free(v);
}

static void S_expect_set(const char *s, const char *key, const char *value, const char *want)
{
    char *out = NULL;
    size_t n = 0;
    enf_error err = {0};
    assert_int_equal(enf_front_matter_set(s, strlen(s), key, value, &out, &n, &err), ENF_OK);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
    /* and it reads back */
    S_expect_get(out, key, value);
    free(out);
}

static void test_get(void **state)
{
    (void)state;
    const char *otel = "---\ntitle: Hi\ndefault_lang_commit: 1a2b3c # synced\n---\n# Hi\n";
    S_expect_get(otel, "default_lang_commit", "1a2b3c");
    S_expect_get(otel, "title", "Hi");
    S_expect_get(otel, "missing", NULL);
    const char *mdn = "---\ntitle: \"A: b\"\nl10n:\n  sourceCommit: 'abc123'\nslug: x\n---\ntext\n";
    S_expect_get(mdn, "l10n.sourceCommit", "abc123");
    S_expect_get(mdn, "title", "A: b");
    S_expect_get(mdn, "sourceCommit", NULL);   /* nested, not top level */
    S_expect_get(mdn, "slug", "x");
    S_expect_get("# no front matter\n", "l10n.sourceCommit", NULL);
    S_expect_get("---\nnot closed: 1\n", "not closed", NULL);
    S_expect_get("---\r\nk: v\r\n---\r\n", "k", "v");
}

static void test_set(void **state)
{
    (void)state;
    /* only the value changes: the comment, quotes and other lines stay */
    S_expect_set("---\ntitle: Hi\ndefault_lang_commit: 1a2b3c # synced\n---\n# Hi\n",
                 "default_lang_commit", "ffee",
                 "---\ntitle: Hi\ndefault_lang_commit: ffee # synced\n---\n# Hi\n");
    S_expect_set("---\nl10n:\n  sourceCommit: 'abc123'\nslug: x\n---\ntext\n", "l10n.sourceCommit",
                 "def", "---\nl10n:\n  sourceCommit: 'def'\nslug: x\n---\ntext\n");
    /* added: at the end of the front matter, under an existing parent, or
     * with front matter of its own */
    S_expect_set("---\ntitle: Hi\n---\nx\n", "default_lang_commit", "ab",
                 "---\ntitle: Hi\ndefault_lang_commit: ab\n---\nx\n");
    S_expect_set("---\nl10n:\n    other: 1\ntitle: t\n---\nx\n", "l10n.sourceCommit", "ab",
                 "---\nl10n:\n    other: 1\n    sourceCommit: ab\ntitle: t\n---\nx\n");
    S_expect_set("---\ntitle: t\n---\nx\n", "l10n.sourceCommit", "ab",
                 "---\ntitle: t\nl10n:\n  sourceCommit: ab\n---\nx\n");
    S_expect_set("# Hi\n", "default_lang_commit", "ab", "---\ndefault_lang_commit: ab\n---\n# Hi\n");
    S_expect_set("", "k", "v", "---\nk: v\n---\n");
    S_expect_set("---\r\nt: 1\r\n---\r\nx\r\n", "k", "v", "---\r\nt: 1\r\nk: v\r\n---\r\nx\r\n");
    char *out = NULL;
    size_t n;
    enf_error err = {0};
    assert_int_equal(enf_front_matter_set("x", 1, "a..b", "v", &out, &n, &err), ENF_EUSAGE);
    assert_int_equal(enf_front_matter_set("x", 1, "k", "a\nb", &out, &n, &err), ENF_EUSAGE);
    assert_null(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_get),
        cmocka_unit_test(test_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
