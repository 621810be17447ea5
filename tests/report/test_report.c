/* test_report.c — src/report/: the HTML report (rows, findings, escaping,
 * the revision diff, glossary colours); the page is parsed back with
 * libxml2's HTML parser and queried with XPath, so the tests see the
 * document a browser would build.  The diff itself: tests/model/test_diff.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "enface.h"

typedef struct {
    enf_doc *en, *zh, *old;
    enf_alignment *al, *al_old;
    htmlDocPtr html;
    xmlXPathContextPtr xp;
    char *page;
    size_t len;
} S_page;

static enf_doc *S_md(const char *name, const char *s)
{
    enf_doc *d = NULL;
    enf_error err = {0};
    assert_int_equal(enf_doc_read_markdown(name, s, strlen(s), &d, &err), ENF_OK);
    return d;
}

static void S_finding(enf_findings *fs, const char *rule, enf_severity sev, const char *msg,
                      size_t be, size_t bz, size_t off, size_t len)
{
    if (fs->n == fs->cap) {
        fs->cap = fs->cap ? fs->cap * 2 : 4;
        fs->v = realloc(fs->v, fs->cap * sizeof *fs->v);
        assert_non_null(fs->v);
    }
    enf_finding *f = &fs->v[fs->n++];
    memset(f, 0, sizeof *f);
    f->rule = strdup(rule);
    f->severity = sev;
    f->message = strdup(msg);
    f->block[0] = be;
    f->block[1] = bz;
    f->text_off[0] = f->text_off[1] = off;
    f->text_len[0] = f->text_len[1] = len;
}

static void S_findings_clear(enf_findings *fs)
{
    for (size_t i = 0; i < fs->n; i++) {
        free(fs->v[i].rule);
        free(fs->v[i].message);
    }
    free(fs->v);
    memset(fs, 0, sizeof *fs);
}

static const enf_glossary *S_glossary;

/* beads: a fixed alignment (unit ids), or NULL to run the aligner */
static void S_render_beads(S_page *p, const char *en, const char *zh, const char *beads,
                           const char *old, const enf_findings *fs)
{
    memset(p, 0, sizeof *p);
    enf_error err = {0};
    p->en = S_md("en.md", en);
    p->zh = S_md("zh.md", zh);
    if (beads)
        assert_int_equal(enf_read_beads("beads", beads, strlen(beads), p->en, p->zh, &p->al, &err),
                         ENF_OK);
    else
        assert_int_equal(enf_align_blocks(p->en, p->zh, NULL, &p->al, &err), ENF_OK);
    enf_report_opts opts = {0};
    if (old) {
        p->old = S_md("zh-old.md", old);
        assert_int_equal(enf_align_blocks(p->en, p->old, NULL, &p->al_old, &err), ENF_OK);
        opts.zh_old = p->old;
        opts.al_old = p->al_old;
    }
    FILE *f = open_memstream(&p->page, &p->len);
    assert_int_equal(enf_report_write(f, p->en, p->zh, p->al, fs, S_glossary, &opts, &err), ENF_OK);
    fclose(f);
    p->html = htmlReadMemory(p->page, (int)p->len, "page.html", "UTF-8",
                             HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    assert_non_null(p->html);
    p->xp = xmlXPathNewContext(p->html);
}

static void S_render(S_page *p, const char *en, const char *zh, const char *old,
                     const enf_findings *fs)
{
    S_render_beads(p, en, zh, NULL, old, fs);
}


static void S_free(S_page *p)
{
    xmlXPathFreeContext(p->xp);
    xmlFreeDoc(p->html);
    free(p->page);
    enf_alignment_free(p->al);
    enf_alignment_free(p->al_old);
    enf_doc_free(p->en);
    enf_doc_free(p->zh);
    enf_doc_free(p->old);
}

static int S_count(S_page *p, const char *xpath)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST xpath, p->xp);
    assert_non_null(o);
    int n = o->nodesetval ? o->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(o);
    return n;
}

/* string(xpath) into a static buffer */
static const char *S_str(S_page *p, const char *xpath)
{
    static char buf[4096];
    char q[512];
    snprintf(q, sizeof q, "string(%s)", xpath);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST q, p->xp);
    assert_non_null(o);
    snprintf(buf, sizeof buf, "%s", o->stringval ? (const char *)o->stringval : "");
    xmlXPathFreeObject(o);
    return buf;
}

#define ROW "//main[@id='rows']/div[contains(concat(' ',@class,' '),' row ')]"

static const char *S_en =
    "# News\n\n"
    "The model [ViT](https://arxiv.org/abs/2010.11929) runs `pip install vit` in 3 steps.\n\n"
    "A paragraph nobody translated, about 2021 results and [a link](https://a.org/x).\n\n"
    "```\nprint(1)\n```\n";
static const char *S_zh =
    "# 新闻\n\n"
    "模型 [ViT](https://arxiv.org/abs/2010.11929) 用 `pip install vit` 分 4 步运行。\n\n"
    "```\nprint(2)\n```\n\n"
    "译者自己加的一段话，没有原文。\n";
static const char *S_beads = "[1]:[1]\n[3]:[3]\n[5]:[]\n[7]:[5]\n[]:[9]\n";

static void test_report_rows_and_structure(void **state)
{
    (void)state;
    S_page p;
    S_render_beads(&p, S_en, S_zh, S_beads, NULL, NULL);
    assert_int_equal(S_count(&p, ROW), (int)p.al->n_beads);
    /* the heading is a heading, code is code, inline code is code */
    assert_string_equal(S_str(&p, "//div[@id='r1']//div[@lang='en']//h2"), "News");
    assert_string_equal(S_str(&p, "//div[@id='r1']//div[@lang='zh']//h2"), "新闻");
    assert_string_equal(S_str(&p, "//div[@id='e2']//p/code"), "pip install vit");
    assert_true(S_count(&p, "//pre/code[.='print(1)']") == 1);
    /* omitted and added text stand out */
    assert_int_equal(S_count(&p, ROW "[contains(@class,'b10')]"), 1);
    assert_int_equal(S_count(&p, ROW "[contains(@class,'b01')]"), 1);
    assert_int_equal(S_count(&p, "//div[contains(@class,'b10')]//div[contains(@class,'empty')]"), 1);
    /* link targets are visible and safe */
    assert_int_equal(S_count(&p, "//ul[@class='links']//a[@href='https://arxiv.org/abs/2010.11929']"), 2);
    /* differences inside the pair: 3 vs 4, code changed */
    assert_string_equal(S_str(&p, "//div[@id='e2']//mark[@class='dn']"), "3");
    assert_string_equal(S_str(&p, "//div[@id='z2']//mark[@class='dn']"), "4");
    assert_true(strstr(S_str(&p, "//div[contains(@class,'row')][.//pre/code[.='print(1)']]//div[@class='pd']"),
                       "code changed") != NULL);
    assert_int_equal(S_count(&p, "//div[@class='pd']/pre/del[.='1']"), 1);
    assert_int_equal(S_count(&p, "//div[@class='pd']/pre/ins[.='2']"), 1);
    /* summary, plot with one mark per bead linking to its row */
    assert_int_equal(S_count(&p, "//svg//circle"), (int)p.al->n_beads);
    assert_int_equal(S_count(&p, "//svg//a[@href='#r1']"), 1);
    assert_true(strstr(S_str(&p, "//section[@class='filters']"), "not run") != NULL);
    /* CSP: nothing external */
    assert_true(strstr(S_str(&p, "//meta[@http-equiv='Content-Security-Policy']/@content"),
                       "default-src 'none'") != NULL);
    assert_int_equal(S_count(&p, "//script"), 1);
    assert_int_equal(S_count(&p, "//*[@src]"), 0);
    S_free(&p);
}

static void test_report_findings(void **state)
{
    (void)state;
    enf_findings fs = {0};
    /* block indexes: en 0 heading, 1 paragraph, 2 omitted, 3 code */
    S_finding(&fs, "numbers.changed", ENF_SEV_ERROR, "3 became 4", 1, 1, 0, 5);
    S_finding(&fs, "text.omitted", ENF_SEV_WARNING, "paragraph not translated", 2, ENF_NO_BLOCK, 0, 0);
    S_finding(&fs, "glossary.inconsistent", ENF_SEV_NOTE, "terms vary", ENF_NO_BLOCK,
              ENF_NO_BLOCK, 0, 0);
    S_finding(&fs, "numbers.changed", ENF_SEV_NONE, "rule turned off", 1, 1, 0, 0);
    S_page p;
    S_render_beads(&p, S_en, S_zh, S_beads, NULL, &fs);
    /* the list at the top: every shown finding, in page order, linked */
    assert_int_equal(S_count(&p, "//section[@id='findings']//li"), 3);
    assert_int_equal(S_count(&p, "//section[@id='findings']//li//a[@href='#f1']"), 1);
    assert_int_equal(S_count(&p, "//section[@id='findings']//li//a[@href='#f2']"), 1);
    assert_true(strstr(S_str(&p, "//section[@id='findings']//li[3]"), "whole document") != NULL);
    /* in the rows: a note with rule and message, a highlighted span */
    assert_true(strstr(S_str(&p, "//li[@id='f1']"), "[numbers.changed] 3 became 4") != NULL);
    assert_string_equal(S_str(&p, "//div[@id='e2']//mark[contains(@class,'f ')]"), "The m");
    assert_string_equal(S_str(&p, "//div[@id='z2']//mark[contains(@class,'f ')]"), "模型");
    assert_true(strstr(S_str(&p, "//div[@id='e2']//mark[contains(@class,'f ')]/@title"),
                       "[numbers.changed] 3 became 4") != NULL);
    assert_string_equal(S_str(&p, "//div[@id='e3'][contains(@class,'whole s2')]/@aria-describedby"), "f2");
    assert_int_equal(S_count(&p, "//div[@id='e3']//mark"), 0);
    assert_true(strstr(S_str(&p, "//li[@id='f2']"), "paragraph not translated") != NULL);
    assert_int_equal(S_count(&p, ROW "[contains(@class,' hf')]"), 2);
    /* filters: one checkbox per rule, one per severity; the turned-off rule is absent */
    assert_int_equal(S_count(&p, "//input[@data-r]"), 3);
    assert_int_equal(S_count(&p, "//input[@data-s]"), 3);
    assert_false(strstr(p.page, "rule turned off"));
    S_free(&p);
    S_findings_clear(&fs);

    /* an empty list is a clean result, not "not run" */
    S_render_beads(&p, S_en, S_zh, S_beads, NULL, &fs);
    assert_string_equal(S_str(&p, "//section[@class='filters']/p"), "No findings.");
    S_free(&p);
}

static void test_report_escapes_everything(void **state)
{
    (void)state;
    const char *en = "# \\<script>document.title='PWNED'\\</script>\n\n"
                     "Click [me](javascript:alert(1)) or [there](JaVaScRiPt:alert(2)) "
                     "\"><img src=x onerror=alert(3)> &amp &lt;b&gt; \xE2\x80\xAE" "evil "
                     "`<script>alert(10)</script>`\n\n"
                     "<div onclick=\"alert(4)\"><a href=\"javascript:alert(5)\">x</a></textarea></div>\n";
    const char *zh = "# \\<script>document.title='PWNED'\\</script>\n\n"
                     "点 [我](data:text/html,<script>alert(6)</script>) \"><svg onload=alert(7)>\n\n"
                     "<iframe srcdoc=\"<script>alert(8)</script>\"></iframe>\n";
    enf_findings fs = {0};
    S_finding(&fs, "x.<b>", ENF_SEV_ERROR, "\"><script>alert(9)</script>", 1, 1, 0, 4);
    S_page p;
    S_render(&p, en, zh, NULL, &fs);
    assert_int_equal(S_count(&p, "//script"), 1);
    assert_int_equal(S_count(&p, "//img|//iframe|//textarea|//svg[not(@class='plot')]"), 0);
    assert_int_equal(S_count(&p, "//@*[starts-with(name(),'on')]"), 0);
    assert_int_equal(S_count(&p, "//@srcdoc"), 0);
    /* no href with a scheme other than http(s)/mailto ("x" from the img is relative) */
    assert_int_equal(S_count(&p, "//a[contains(translate(@href,'SCRIPTA','scripta'),'script:') or "
                                 "contains(translate(@href,'DATA','data'),'data:')]"), 0);
    assert_int_equal(S_count(&p, "//a[@href='x']"), 1);
    /* the payloads are there as text */
    assert_true(strstr(S_str(&p, "//div[@id='e1']//h2"), "<script>document.title='PWNED'</script>"));
    assert_true(strstr(S_str(&p, "//div[@id='e2']//ul[@class='links']"), "javascript:alert(1)"));
    assert_true(strstr(S_str(&p, "//div[@id='e2']//ul[@class='links']"), "not a web link"));
    assert_true(strstr(S_str(&p, "//li[@id='f1']"), "\"><script>alert(9)</script>"));
    assert_true(strstr(S_str(&p, "//div[@id='e2']//p"), "<script>alert(10)</script>"));
    assert_string_equal(S_str(&p, "//div[@id='e2']//p/code[1]"), "<script>alert(");
    assert_true(strstr(S_str(&p, "//div[@id='e3']//pre[@class='hsrc']"), "<a href=\"javascript:alert(5)\">"));
    assert_true(strstr(S_str(&p, "//div[@id='z3']//pre[@class='hsrc']"), "<iframe srcdoc="));
    assert_true(strstr(S_str(&p, "//title"), "en.md") != NULL);
    /* the right-to-left override is shown, not obeyed */
    assert_false(strstr(p.page, "\xE2\x80\xAE"));
    assert_int_equal(S_count(&p, "//span[@class='ctl'][.='U+202E']"), 1);
    S_free(&p);
    S_findings_clear(&fs);
}

static void test_report_revision_diff(void **state)
{
    (void)state;
    const char *en = "# Title\n\nFirst paragraph here.\n\nSecond paragraph there.\n";
    const char *old = "# 标题\n\n第一段在这里。\n\n第二段在那里。\n";
    const char *zh = "# 标题\n\n第一段在此。\n\n第二段在那里。\n";
    S_page p;
    S_render(&p, en, zh, old, NULL);
    assert_int_equal(S_count(&p, ROW "[contains(@class,' ch')]"), 1);
    assert_string_equal(S_str(&p, "//div[@id='r2']//div[@class='rev']/del"), "这里");
    assert_string_equal(S_str(&p, "//div[@id='r2']//div[@class='rev']/ins"), "此");
    assert_int_equal(S_count(&p, "//div[@id='r3']//div[@class='rev']"), 0);
    assert_int_equal(S_count(&p, "//option[@value='ch']"), 1);
    S_free(&p);
}

static void test_report_glossary_colours(void **state)
{
    (void)state;
    const char *tsv = "en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\n"
                      "model\t模型\t\t\t\t\t\n"
                      "transformer\t变换器\tok\t变压器\t\t\t\n";
    enf_glossary *g = NULL;
    enf_error err = {0};
    assert_int_equal(enf_glossary_new(&g, &err), ENF_OK);
    assert_int_equal(enf_glossary_load_buffer(g, "g.tsv", tsv, strlen(tsv), 0, &err), ENF_OK);
    S_glossary = g;
    S_page p;
    S_render(&p, "# A transformer model\n\nThe model is a transformer.\n",
             "# 一个变换器模型\n\n这个模型是一个变压器。\n", NULL, NULL);
    S_glossary = NULL;
    /* the same term has the same colour on both sides and in the legend */
    char en_model[64], zh_model[64], legend[64];
    snprintf(en_model, sizeof en_model, "%s", S_str(&p, "//div[@id='e1']//mark[.='model']/@class"));
    snprintf(zh_model, sizeof zh_model, "%s", S_str(&p, "//div[@id='z1']//mark[.='模型']/@class"));
    snprintf(legend, sizeof legend, "%s",
             S_str(&p, "//details[@class='terms']//tr[contains(.,'model')]//span/@class"));
    assert_true(strncmp(en_model, "g t", 3) == 0);
    assert_string_equal(en_model, zh_model);
    assert_string_equal(legend + 3, en_model + 2); /* "sw tN" vs "g tN" */
    assert_string_equal(S_str(&p, "//div[@id='e2']//mark[.='model']/@class"), en_model);
    /* a different term, a different colour; a forbidden rendering is marked */
    assert_string_not_equal(S_str(&p, "//div[@id='e1']//mark[.='transformer']/@class"), en_model);
    assert_true(strstr(S_str(&p, "//div[@id='z2']//mark[.='变压器']/@class"), "forbidden") != NULL);
    assert_true(strstr(S_str(&p, "//div[@id='z2']//mark[.='变压器']/@title"), "transformer") != NULL);
    S_free(&p);
    enf_glossary_free(g);
}

static void test_report_bad_input(void **state)
{
    (void)state;
    enf_doc *en = S_md("en.md", "# A\n"), *zh = S_md("zh.md", "# 甲\n");
    enf_alignment *al = NULL;
    enf_error err = {0};
    assert_int_equal(enf_align_blocks(en, zh, NULL, &al, &err), ENF_OK);
    enf_findings fs = {0};
    S_finding(&fs, "x", ENF_SEV_ERROR, "m", 5, ENF_NO_BLOCK, 0, 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(enf_report_write(f, en, zh, al, &fs, NULL, NULL, &err), ENF_EUSAGE);
    assert_non_null(strstr(err.msg, "block 5"));
    al->beads[0].n_zh = 7;
    assert_int_equal(enf_report_write(f, en, zh, al, NULL, NULL, NULL, &err), ENF_EUSAGE);
    fclose(f);
    free(buf);
    S_findings_clear(&fs);
    enf_alignment_free(al);
    enf_doc_free(en);
    enf_doc_free(zh);
}

/* ZH alone (en and al NULL): one column, one row per block, the findings
 * at their places, no alignment plot; a pairing half given is refused */
static void test_report_chinese_only(void **state)
{
    (void)state;
    S_page p;
    memset(&p, 0, sizeof p);
    p.zh = S_md("zh.md", S_zh);
    enf_findings fs = {0};
    S_finding(&fs, "markup.damaged", ENF_SEV_ERROR, "unbalanced", ENF_NO_BLOCK, 1, 0, 2);
    enf_error err = {0};
    FILE *f = open_memstream(&p.page, &p.len);
    assert_int_equal(enf_report_write(f, NULL, p.zh, NULL, &fs, NULL, NULL, &err), ENF_OK);
    fclose(f);
    p.html = htmlReadMemory(p.page, (int)p.len, "page.html", "UTF-8",
                            HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    assert_non_null(p.html);
    p.xp = xmlXPathNewContext(p.html);
    assert_string_equal(S_str(&p, "//main[@id='rows']/@class"), "rows zh-only");
    assert_int_equal(S_count(&p, ROW), (int)p.zh->n_blocks);
    assert_int_equal(S_count(&p, ROW "[contains(@class,' zo')]"), (int)p.zh->n_blocks);
    assert_int_equal(S_count(&p, "//div[contains(@class,'cell en')]"), 0);
    assert_int_equal(S_count(&p, "//div[contains(@class,'cell zh')]"), (int)p.zh->n_blocks);
    assert_int_equal(S_count(&p, "//svg"), 0);
    assert_int_equal(S_count(&p, "//span[@class='bt']"), 0);
    assert_string_equal(S_str(&p, "//title"), "enface report: zh.md");
    /* no English anywhere: the files and the terms name the translation only */
    assert_int_equal(S_count(&p, "//th[.='original']"), 0);
    assert_int_equal(S_count(&p, "//th[.='translation']"), 1);
    /* the finding: in the list, in the row of block 1, and counted */
    assert_int_equal(S_count(&p, "//section[@id='findings']//li"), 1);
    assert_int_equal(S_count(&p, ROW "[2]//li[contains(@class,'fn')]"), 1);
    assert_string_equal(S_str(&p, "//p[@id='nshown']/@data-n"), "1");
    assert_string_equal(S_str(&p, "//p[@id='nshown']"), "1 finding");
    /* the keys '?' shows */
    assert_int_equal(S_count(&p, "//div[@id='keys'][@hidden]//kbd"), 4);
    /* only the findings' Chinese side may name a block */
    char *buf = NULL;
    size_t len = 0;
    f = open_memstream(&buf, &len);
    fs.v[0].block[0] = 0;
    assert_int_equal(enf_report_write(f, NULL, p.zh, NULL, &fs, NULL, NULL, &err), ENF_EUSAGE);
    enf_alignment *al = NULL;
    enf_doc *en = S_md("en.md", S_en);
    assert_int_equal(enf_align_blocks(en, p.zh, NULL, &al, &err), ENF_OK);
    assert_int_equal(enf_report_write(f, NULL, p.zh, al, NULL, NULL, NULL, &err), ENF_EUSAGE);
    assert_int_equal(enf_report_write(f, en, p.zh, NULL, NULL, NULL, NULL, &err), ENF_EUSAGE);
    enf_report_opts opts = {.zh_old = p.zh, .al_old = al};
    assert_int_equal(enf_report_write(f, NULL, p.zh, NULL, NULL, NULL, &opts, &err), ENF_EUSAGE);
    assert_non_null(strstr(err.msg, "need the original"));
    fclose(f);
    free(buf);
    enf_alignment_free(al);
    enf_doc_free(en);
    S_findings_clear(&fs);
    S_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_rows_and_structure),
        cmocka_unit_test(test_report_findings),
        cmocka_unit_test(test_report_escapes_everything),
        cmocka_unit_test(test_report_revision_diff),
        cmocka_unit_test(test_report_glossary_colours),
        cmocka_unit_test(test_report_bad_input),
        cmocka_unit_test(test_report_chinese_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
