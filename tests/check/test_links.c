/* test_links.c — src/check/check_links.c: link.changed / link.lost over
 * the reader's inline spans, and the targets taken as the same (arXiv and
 * its Hugging Face paper page, http/https, index.html, trailing slash,
 * configured mirrors). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

/* Findings of link.changed + link.lost when the English links to en_url
 * and the Chinese to zh_url in one aligned paragraph; *sev (may be NULL)
 * the severity of the link.changed finding, -1 when there is none. */
static int S_link_result(const char *en_url, const char *zh_url, enf_check_opts *o, int *sev)
{
    char en[512], zh[512];
    snprintf(en, sizeof en, "# Title\n\nSee [the paper](%s) for 2 details.\n", en_url);
    snprintf(zh, sizeof zh, "# 标题\n\n详见[论文](%s)的 2 个细节。\n", zh_url);
    enf_findings fs;
    fx_check(en, zh, NULL, o, &fs);
    int n = fx_count(&fs, "link.changed", 0, 0) + fx_count(&fs, "link.lost", 0, 0);
    const enf_finding *f = fx_get(&fs, "link.changed");
    if (sev)
        *sev = f ? (int)f->severity : -1;
    enf_findings_free(&fs);
    return n;
}

static int S_link_findings(const char *en_url, const char *zh_url, enf_check_opts *o)
{
    return S_link_result(en_url, zh_url, o, NULL);
}

static void test_same_target(void **state)
{
    (void)state;
    static const char *const same[][2] = {
        {"https://arxiv.org/abs/2211.05105", "https://huggingface.co/papers/2211.05105"},
        {"https://huggingface.co/papers/2306.05685", "https://arxiv.org/abs/2306.05685"},
        {"https://arxiv.org/pdf/2205.01068.pdf", "https://huggingface.co/papers/2205.01068"},
        {"https://arxiv.org/pdf/2205.01068v2", "https://arxiv.org/abs/2205.01068"},
        {"https://arxiv.org/abs/2205.01068v3", "https://arxiv.org/html/2205.01068v1"},
        {"http://arxiv.org/abs/hep-th/9901001", "https://arxiv.org/pdf/hep-th/9901001v2.pdf"},
        {"http://example.org/a/b", "https://example.org/a/b"},
        {"https://example.org/docs/index.html", "https://example.org/docs/"},
        {"https://example.org/docs/", "https://example.org/docs"},
        {"https://example.org/index.htm", "https://example.org"},
        /* the Chinese edition of a site, the same page */
        {"https://vitejs.dev/guide/", "https://cn.vitejs.dev/guide/"},
        {"https://v2.vuejs.org/eol/", "https://v2.cn.vuejs.org/eol/"},
        {"https://unity.com/download", "https://unity.cn/download"},
        {"https://example.com/a", "https://example.com.cn/a"},
        {"https://en.wikipedia.org/wiki/Vue.js", "https://zh.wikipedia.org/wiki/Vue.js"},
        /* a relative path with and without ./ */
        {"./computed", "computed"},
        {"./images/a.png", "images/a.png"},
        /* a file localized for Chinese readers */
        {"./images/lifecycle.png", "./images/lifecycle_zh-CN.png"},
        {"img/flow.svg", "img/flow.zh.svg"},
        {"https://example.org/setup.md", "https://example.org/setup-cn.md"},
        /* a page of the same site with and without its extension */
        {"/api/sfc-script-setup", "/api/sfc-script-setup.html"},
        {"./guide/intro.md#start", "./guide/intro#start"},
    };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++)
        if (S_link_findings(same[i][0], same[i][1], NULL) != 0)
            fail_msg("%s and %s should be one target", same[i][0], same[i][1]);
    static const char *const differ[][2] = {
        {"https://arxiv.org/abs/2211.05105", "https://huggingface.co/papers/2211.05106"},
        {"https://arxiv.org/abs/2211.05105", "https://huggingface.co/2211.05105"},
        {"https://example.org/docs/index.html", "https://example.org/docs/intro.html"},
        {"https://example.org/myindex.html", "https://example.org/"},
        {"https://vitejs.dev/guide/", "https://cn.vitejs.dev/config/"},
        {"https://en.wikipedia.org/wiki/Cross-site_scripting", "https://zh.wikipedia.org/wiki/XSS"},
        {"https://cn.org/a", "https://zh.org/a"},
        {"https://unity.com/download", "https://unity.cn/buy"},
        {"computed", "./computing"},
        {"https://a.org/computed", "https://a.org/./computed/x"},
        {"./images/lifecycle.png", "./images/lifecycle_zh-CN.svg"},
        {"img/zh.png", "img/cn.png"},
        {"img/flow.png", "img/flowzh.png"},
        {"/api/setup.html", "/api/setup.htm"},
        {"https://example.org/a.html", "https://example.org/a"},
    };
    for (size_t i = 0; i < sizeof differ / sizeof *differ; i++)
        if (S_link_findings(differ[i][0], differ[i][1], NULL) != 1)
            fail_msg("%s and %s should differ", differ[i][0], differ[i][1]);
}

/* The severity of link.changed for (en, zh): the rule's for another page
 * of the same site, a note for another site, for a page of the site's
 * Chinese edition named in Chinese, and for a page written from the root
 * on one side and from the folder on the other. */
static int S_changed_severity(const char *en_url, const char *zh_url)
{
    int sev;
    S_link_result(en_url, zh_url, NULL, &sev);
    return sev;
}

static void test_other_site(void **state)
{
    (void)state;
    static const char *const same_site[][2] = {
        {"https://twitter.com/youyuxi", "https://twitter.com/yuxiyou"},
        {"https://nightwatchjs.org/", "https://v2.nightwatchjs.org/"},
        {"https://gist.github.com/a/1", "https://github.com/b/c"},
        {"https://example.com.cn/a", "https://www.example.com.cn/b"},
        {"./images/a.png", "/img/b.png"},
        /* the Chinese edition, another page of it: a typo or a stale link */
        {"https://vitejs.dev/guide/", "https://cn.vitejs.dev/config/"},
        {"https://en.wikipedia.org/wiki/Hash_table", "https://zh.wikipedia.org/wiki/Hash_map"},
        /* from the root and from the folder, but another page */
        {"./computed", "/guide/watchers"},
        {"/guide/computed", "watchers"},
    };
    for (size_t i = 0; i < sizeof same_site / sizeof *same_site; i++)
        if (S_changed_severity(same_site[i][0], same_site[i][1]) != ENF_SEV_ERROR)
            fail_msg("%s and %s: same site, an error", same_site[i][0], same_site[i][1]);
    static const char *const other[][2] = {
        {"https://vitejs.dev/config/", "https://vite.dev/config/"},
        {"./images/after.png", "https://user-images.githubusercontent.com/1/2.png"},
        {"https://github.com/sponsors/x", "mailto:sponsor@example.org"},
        {"https://html.spec.whatwg.org/a", "https://developer.mozilla.org/zh-CN/b"},
        {"https://a.example.co.uk/x", "https://b.other.co.uk/x"},
        /* a page of the Chinese edition named in Chinese: no rule maps
         * the original's page name to it */
        {"https://en.wikipedia.org/wiki/Hash_table", "https://zh.wikipedia.org/wiki/哈希表"},
        {"https://en.wikipedia.org/wiki/Hash_table",
         "https://zh.wikipedia.org/wiki/%E5%93%88%E5%B8%8C%E8%A1%A8"},
        /* the same page written from the site's root and from the page's
         * folder (the checker does not know where the page is served) */
        {"./computed", "/guide/computed"},
        {"/guide/computed#writable", "computed#writable"},
    };
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        if (S_changed_severity(other[i][0], other[i][1]) != ENF_SEV_NOTE)
            fail_msg("%s and %s: another site, a note", other[i][0], other[i][1]);
}

/* A link to the original's own file in its repository (an "Update on
 * GitHub" line) that the translation leaves out: a link.lost note; a link
 * to another file of the repository stays a warning.  (fx_check names the
 * original en.md.) */
static void test_own_source(void **state)
{
    (void)state;
    static const char *const urls[][2] = {
        {"https://github.com/org/blog/blob/main/en.md", "note"},
        {"https://github.com/org/blog/edit/main/posts/en.md#top", "note"},
        {"https://github.com/org/blog/blob/main/other-en.md", "warning"},
        {"https://github.com/org/blog/blob/main/other.md", "warning"},
        {"https://example.org/en.md", "warning"},
    };
    for (size_t i = 0; i < sizeof urls / sizeof *urls; i++) {
        char en[256];
        snprintf(en, sizeof en, "# Title\n\nSee 2 details ([source](%s)).\n", urls[i][0]);
        enf_findings fs;
        fx_check(en, "# 标题\n\n详见 2 个细节。\n", NULL, NULL, &fs);
        const enf_finding *f = fx_get(&fs, "link.lost");
        if (!f)
            fail_msg("%s: no link.lost", urls[i][0]);
        int want = !strcmp(urls[i][1], "note") ? ENF_SEV_NOTE : ENF_SEV_WARNING;
        if ((int)f->severity != want)
            fail_msg("%s: severity %d, want %s", urls[i][0], (int)f->severity, urls[i][1]);
        enf_findings_free(&fs);
    }
}

static void test_mirrors(void **state)
{
    (void)state;
    enf_check_opts o;
    enf_check_opts_init(&o);
    enf_link_equiv eq[] = {{"https://cn.vitejs.dev", "https://vitejs.dev"},
                           {"vite.dev/", "https://vitejs.dev"},
                           {"https://example.org/en-docs", "https://example.org/zh-docs"}};
    o.link_equiv = eq;
    o.n_link_equiv = 3;
    assert_int_equal(S_link_findings("https://vitejs.dev/guide/", "https://cn.vitejs.dev/guide/", &o), 0);
    assert_int_equal(S_link_findings("https://vitejs.dev", "https://cn.vitejs.dev", &o), 0);
    assert_int_equal(S_link_findings("https://vitejs.dev/config/", "http://vite.dev/config", &o), 0);
    /* either side may use either prefix */
    assert_int_equal(S_link_findings("https://cn.vitejs.dev/guide/", "https://vitejs.dev/guide/", &o), 0);
    assert_int_equal(S_link_findings("https://example.org/en-docs/a", "https://example.org/zh-docs/a", &o), 0);
    /* a prefix ends at a path segment; the rest must still agree */
    assert_int_equal(S_link_findings("https://vitejs.dev/guide/", "https://cn2.vitejs.devx/guide/", &o), 1);
    assert_int_equal(S_link_findings("https://vitejs.dev/guide/", "https://cn.vitejs.dev/config/", &o), 1);
    assert_int_equal(S_link_findings("https://example.org/en-docsx", "https://example.org/zh-docsx", &o), 1);
}

/* The targets come from the reader's spans: a reference link counts as
 * its resolved address, a broken link in the translation is not one. */
static void test_spans(void **state)
{
    (void)state;
    enf_findings fs;
    fx_check("# T\n\nRead [the docs][d] now.\n\n[d]: https://a.org/docs\n",
             "# 题\n\n现在读[文档](https://a.org/docs)。\n", NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "link.changed", 0, 0) + fx_count(&fs, "link.lost", 0, 0), 0);
    enf_findings_free(&fs);
    fx_check("# T\n\nRead [the docs][d] now.\n\n[d]: https://a.org/docs\n",
             "# 题\n\n现在读[文档](https://a.org/doc)。\n", NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "link.changed", 3, 0), 1);
    assert_string_equal(fx_get(&fs, "link.changed")->expected, "https://a.org/docs");
    enf_findings_free(&fs);
    /* "((url)" is no link: the link of the original is lost */
    fx_check("# T\n\nBuilt with [Phoenix](https://phoenixframework.org/) today.\n",
             "# 题\n\n今天用 [Phoenix]((https://phoenixframework.org/) 构建。\n", NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "link.lost", 3, 0), 1);
    assert_int_equal(fx_count(&fs, "link.changed", 0, 0), 0);
    enf_findings_free(&fs);
    /* raw HTML: href= inside an inline tag and in an HTML block */
    fx_check("# T\n\nSee <a href=\"https://a.org/x\">x</a> here.\n\n<div>\n<a href=\"https://b.org/y\">y</a>\n</div>\n",
             "# 题\n\n见 <a href=\"https://a.org/z\">x</a> 这里。\n\n<div>\n<a href=\"https://b.org/y\">y</a>\n</div>\n",
             NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "link.changed", 3, 0), 1);
    assert_int_equal(fx_count(&fs, "link.changed", 0, 0), 1);
    enf_findings_free(&fs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_target),
        cmocka_unit_test(test_mirrors),
        cmocka_unit_test(test_own_source),
        cmocka_unit_test(test_other_site),
        cmocka_unit_test(test_spans),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
