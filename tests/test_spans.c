/* test_spans.c — what the readers record once for every later stage: the
 * inline spans of each block, the source offsets of anchors, HTML blocks'
 * own bytes (issue 17: not their whole line), and the sentence cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enface.h"

static enf_doc *S_md(const char *s)
{
    enf_doc *d = NULL;
    enf_error err = {0};
    assert_int_equal(enf_doc_read_markdown("t.md", s, strlen(s), &d, &err), ENF_OK);
    return d;
}

static enf_doc *S_html(const char *s)
{
    enf_doc *d = NULL;
    enf_error err = {0};
    assert_int_equal(enf_doc_read_html("t.html", s, strlen(s), &d, &err), ENF_OK);
    return d;
}

/* Bytes of d->data at [off, off + len), for assert_string_equal. */
static const char *S_at(const enf_doc *d, size_t off, size_t len)
{
    static char buf[4][256];
    static int k;
    char *b = buf[k++ & 3];
    assert_true(len < 256 && off + len <= d->len);
    memcpy(b, d->data + off, len);
    b[len] = '\0';
    return b;
}

static const enf_anchor *S_anchor(const enf_block *b, enf_anchor_kind k, const char *v)
{
    for (size_t i = 0; i < b->n_anchors; i++)
        if (b->anchors[i].kind == k && !strcmp(b->anchors[i].value, v))
            return &b->anchors[i];
    fail_msg("no anchor %s", v);
    return NULL;
}

static void test_md_spans(void **state)
{
    (void)state;
    const char *src = "Use `a b` and [the *docs*](http://x.org/d \"t\") or <http://y.org>.\n"
                      "Then ``x ` y``, ![pic](p.png) <b>bold</b> **strong**.\n";
    enf_doc *d = S_md(src);
    assert_int_equal(d->n_blocks, 1);
    const enf_block *b = &d->blocks[0];
    assert_int_equal(b->n_inlines, 9);
    const enf_inline *x = b->inlines;
    /* `a b` */
    assert_int_equal(x[0].kind, ENF_INLINE_CODE);
    assert_int_equal(x[0].off, 4);
    assert_int_equal(x[0].len, 5);
    assert_int_equal(x[0].inner_off, 5);
    assert_int_equal(x[0].inner_len, 3);
    /* the link, then the emphasis inside it */
    assert_int_equal(x[1].kind, ENF_INLINE_LINK);
    assert_int_equal(x[1].depth, 0);
    assert_string_equal(S_at(d, x[1].off, x[1].len), "[the *docs*](http://x.org/d \"t\")");
    assert_string_equal(S_at(d, x[1].inner_off, x[1].inner_len), "the *docs*");
    assert_string_equal(S_at(d, x[1].dest_off, x[1].dest_len), "http://x.org/d");
    assert_string_equal(x[1].url, "http://x.org/d");
    assert_int_equal(x[2].kind, ENF_INLINE_EMPH);
    assert_int_equal(x[2].depth, 1);
    assert_string_equal(S_at(d, x[2].off, x[2].len), "*docs*");
    assert_int_equal(x[3].kind, ENF_INLINE_AUTOLINK);
    assert_string_equal(S_at(d, x[3].off, x[3].len), "<http://y.org>");
    assert_string_equal(S_at(d, x[3].dest_off, x[3].dest_len), "http://y.org");
    /* second line: offsets count from the start of the file */
    assert_int_equal(x[4].kind, ENF_INLINE_CODE);
    assert_int_equal(x[4].off, 71);
    assert_string_equal(S_at(d, x[4].off, x[4].len), "``x ` y``");
    assert_string_equal(S_at(d, x[4].inner_off, x[4].inner_len), "x ` y");
    assert_int_equal(x[5].kind, ENF_INLINE_IMAGE);
    assert_string_equal(S_at(d, x[5].off, x[5].len), "![pic](p.png)");
    assert_string_equal(S_at(d, x[5].inner_off, x[5].inner_len), "pic");
    assert_string_equal(x[5].url, "p.png");
    assert_int_equal(x[6].kind, ENF_INLINE_HTML);
    assert_string_equal(S_at(d, x[6].off, x[6].len), "<b>");
    assert_int_equal(x[7].kind, ENF_INLINE_HTML);
    assert_string_equal(S_at(d, x[7].off, x[7].len), "</b>");
    assert_int_equal(x[8].kind, ENF_INLINE_STRONG);
    assert_string_equal(S_at(d, x[8].off, x[8].len), "**strong**");
    assert_string_equal(S_at(d, x[8].inner_off, x[8].inner_len), "strong");
    enf_doc_free(d);
}

/* cmark's own inline positions are wrong on continuation lines inside a
 * quote or list and after a multi-line link; the recorded spans are not. */
static void test_md_spans_containers(void **state)
{
    (void)state;
    const char *src = "> quote `q1`\n>   line `q2`\n\n"
                      "- item [multi\n  line](http://m.org/\n  \"title\") then `q3`\n"
                      "  and &amp; \\* `q4`\n";
    enf_doc *d = S_md(src);
    assert_int_equal(d->n_blocks, 2);
    const enf_block *b = &d->blocks[0];
    assert_int_equal(b->n_inlines, 2);
    assert_int_equal(b->inlines[0].off, 8);
    assert_int_equal(b->inlines[1].off, 22);
    assert_string_equal(S_at(d, b->inlines[1].off, b->inlines[1].len), "`q2`");
    b = &d->blocks[1];
    assert_int_equal(b->n_inlines, 3);
    assert_int_equal(b->inlines[0].kind, ENF_INLINE_LINK);
    assert_string_equal(S_at(d, b->inlines[0].off, b->inlines[0].len),
                        "[multi\n  line](http://m.org/\n  \"title\")");
    assert_string_equal(S_at(d, b->inlines[0].dest_off, b->inlines[0].dest_len), "http://m.org/");
    assert_string_equal(S_at(d, b->inlines[1].off, b->inlines[1].len), "`q3`");
    assert_int_equal(b->inlines[2].off, strstr(src, "`q4`") - src);
    enf_doc_free(d);
}

static void test_md_anchor_offsets(void **state)
{
    (void)state;
    const char *src = "# Intro\n\nSee [GPT-3](https://arxiv.org/abs/2005.14165) on `top_k`: 175 billion, "
                      "35%.\n\n```\nx = 1\n```\n";
    enf_doc *d = S_md(src);
    assert_int_equal(d->n_blocks, 3);
    const enf_block *b = &d->blocks[1];
    const enf_anchor *a = S_anchor(b, ENF_ANCHOR_LINK, "arxiv.org/abs/2005.14165");
    assert_string_equal(S_at(d, a->src_off, a->src_len), "https://arxiv.org/abs/2005.14165");
    a = S_anchor(b, ENF_ANCHOR_ARXIV, "arxiv:2005.14165");
    assert_string_equal(S_at(d, a->src_off, a->src_len), "https://arxiv.org/abs/2005.14165");
    a = S_anchor(b, ENF_ANCHOR_CODE, "top_k");
    assert_int_equal(a->src_off, strstr(src, "top_k`") - src);
    assert_int_equal(a->src_len, 5);
    a = S_anchor(b, ENF_ANCHOR_LATIN, "GPT-3");
    assert_int_equal(a->src_off, 14);
    assert_int_equal(a->src_len, 5);
    a = S_anchor(b, ENF_ANCHOR_NUMBER, "175000000000");
    assert_string_equal(S_at(d, a->src_off, a->src_len), "175");
    a = S_anchor(b, ENF_ANCHOR_NUMBER, "35%");
    assert_string_equal(S_at(d, a->src_off, a->src_len), "35%");
    /* a code block's anchor: the lines between its fences */
    a = S_anchor(&d->blocks[2], ENF_ANCHOR_CODE, "x = 1 ");
    assert_string_equal(S_at(d, a->src_off, a->src_len), "x = 1");
    enf_doc_free(d);
    /* a word written with an entity is not in the source as the text has
     * it: unlocated, with the documented marker */
    d = S_md("Caf&eacute; menu\n");
    a = S_anchor(&d->blocks[0], ENF_ANCHOR_LATIN, "Café");
    assert_int_equal(a->src_len, 0);
    assert_true(a->src_off == ENF_ANCHOR_NO_OFFSET);
    a = S_anchor(&d->blocks[0], ENF_ANCHOR_LATIN, "menu");
    assert_string_equal(S_at(d, a->src_off, a->src_len), "menu");
    assert_int_equal(sizeof *a, 16);
    enf_doc_free(d);
    /* a code block whose content is longer than an anchor's 24-bit length
     * keeps its anchor (the value is cut, as any code anchor's is),
     * unlocated; a shorter one is located */
    size_t n = ENF_ANCHOR_MAX_SRC_LEN + 100;
    char *big = malloc(n + 16);
    assert_non_null(big);
    memcpy(big, "```\n", 4);
    memset(big + 4, 'x', n);
    memcpy(big + 4 + n, "\n```\n", 6);
    enf_error err = {0};
    assert_int_equal(enf_doc_read_markdown("big.md", big, n + 9, &d, &err), ENF_OK);
    free(big);
    assert_int_equal(d->n_blocks, 1);
    const enf_block *B = &d->blocks[0];
    size_t k = 0;
    while (k < B->n_anchors && B->anchors[k].kind != ENF_ANCHOR_CODE)
        k++;
    assert_true(k < B->n_anchors);
    assert_int_equal(B->anchors[k].src_len, 0);
    assert_true(B->anchors[k].src_off == ENF_ANCHOR_NO_OFFSET);
    enf_doc_free(d);
}

static void test_html_spans(void **state)
{
    (void)state;
    const char *src = "<html><body><h1>Title <code>f()</code></h1><p>One <a href=\"http://a.org/x\">link "
                      "<b>bold</b></a> <img src=\"i.png\" alt=\"pic\"> <em>e</em>.</p><p>Two<p>Three"
                      "</body></html>\n";
    enf_doc *d = S_html(src);
    assert_int_equal(d->n_blocks, 4);
    /* each block is its element's bytes, not the line */
    assert_string_equal(S_at(d, d->blocks[0].src_off, d->blocks[0].src_len), "<h1>Title <code>f()</code></h1>");
    assert_int_equal(d->blocks[0].start_col, 13);
    assert_string_equal(S_at(d, d->blocks[2].src_off, d->blocks[2].src_len), "<p>Two");
    assert_string_equal(S_at(d, d->blocks[3].src_off, d->blocks[3].src_len), "<p>Three");
    const enf_block *h = &d->blocks[0];
    assert_int_equal(h->n_inlines, 1);
    assert_int_equal(h->inlines[0].kind, ENF_INLINE_CODE);
    assert_string_equal(S_at(d, h->inlines[0].inner_off, h->inlines[0].inner_len), "f()");
    const enf_anchor *a = S_anchor(h, ENF_ANCHOR_CODE, "f()");
    assert_string_equal(S_at(d, a->src_off, a->src_len), "f()");
    const enf_block *p = &d->blocks[1];
    assert_int_equal(p->n_inlines, 4);
    assert_int_equal(p->inlines[0].kind, ENF_INLINE_LINK);
    assert_string_equal(S_at(d, p->inlines[0].off, p->inlines[0].len),
                        "<a href=\"http://a.org/x\">link <b>bold</b></a>");
    assert_string_equal(S_at(d, p->inlines[0].inner_off, p->inlines[0].inner_len), "link <b>bold</b>");
    assert_string_equal(S_at(d, p->inlines[0].dest_off, p->inlines[0].dest_len), "http://a.org/x");
    assert_string_equal(p->inlines[0].url, "http://a.org/x");
    assert_int_equal(p->inlines[1].kind, ENF_INLINE_STRONG);
    assert_int_equal(p->inlines[1].depth, 1);
    assert_string_equal(S_at(d, p->inlines[1].inner_off, p->inlines[1].inner_len), "bold");
    assert_int_equal(p->inlines[2].kind, ENF_INLINE_IMAGE);
    assert_string_equal(S_at(d, p->inlines[2].off, p->inlines[2].len), "<img src=\"i.png\" alt=\"pic\">");
    assert_string_equal(S_at(d, p->inlines[2].dest_off, p->inlines[2].dest_len), "i.png");
    assert_int_equal(p->inlines[3].kind, ENF_INLINE_EMPH);
    assert_string_equal(S_at(d, p->inlines[3].off, p->inlines[3].len), "<em>e</em>");
    a = S_anchor(p, ENF_ANCHOR_LINK, "a.org/x");
    assert_string_equal(S_at(d, a->src_off, a->src_len), "http://a.org/x");
    a = S_anchor(p, ENF_ANCHOR_LATIN, "One");
    assert_string_equal(S_at(d, a->src_off, a->src_len), "One");
    enf_doc_free(d);
}

/* Issue 17: n paragraphs on one line (a minified page).  What every later
 * stage allocates and scans per block is its source span; summed over the
 * blocks it must grow with the input, not with blocks x line. */
static size_t S_span_work(size_t n, size_t *n_blocks)
{
    size_t cap = n * 40 + 64, o = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    o += (size_t)snprintf(s + o, cap - o, "<html><body>");
    for (size_t i = 0; i < n; i++)
        o += (size_t)snprintf(s + o, cap - o, "<p>para %zu <b>x</b></p>", i);
    o += (size_t)snprintf(s + o, cap - o, "</body></html>\n");
    enf_doc *d = S_html(s);
    size_t work = 0;
    for (size_t b = 0; b < d->n_blocks; b++)
        work += d->blocks[b].src_len;
    *n_blocks = d->n_blocks;
    /* and the checks run over it (Chinese-only) */
    enf_findings f = {0};
    enf_error err = {0};
    assert_int_equal(enf_check(NULL, d, NULL, NULL, &f, &err), ENF_OK);
    enf_findings_free(&f);
    enf_doc_free(d);
    free(s);
    return work;
}

static void test_html_one_line_growth(void **state)
{
    (void)state;
    size_t n1, n4;
    size_t w1 = S_span_work(2000, &n1), w4 = S_span_work(8000, &n4);
    assert_int_equal(n1, 2000);
    assert_int_equal(n4, 8000);
    /* before the fix each block's span was the whole line: w4 / w1 = 16 */
    assert_true(w4 <= 5 * w1);
    assert_true(w1 < 2000 * 40);
}

/* Sentences are cut once per block and kept on the Doc. */
static void test_sentence_cache(void **state)
{
    (void)state;
    enf_doc *d = S_md("One sentence here. Another one follows, e.g. this.\n\n第一句。第二句！\n");
    const enf_span *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    enf_error err = {0};
    assert_int_equal(enf_doc_sentences(d, 0, ENF_LANG_EN, &a, &na, &err), ENF_OK);
    assert_int_equal(na, 2);
    assert_int_equal(a[0].off, 0);
    assert_int_equal(a[0].len, 18);
    assert_int_equal(a[1].off, 19);
    assert_int_equal(a[1].len, 31);
    /* asked again: the same array, not a second cut */
    assert_int_equal(enf_doc_sentences(d, 0, ENF_LANG_EN, &b, &nb, &err), ENF_OK);
    assert_ptr_equal(a, b);
    assert_int_equal(nb, 2);
    assert_int_equal(enf_doc_sentences(d, 1, ENF_LANG_AUTO, &a, &na, &err), ENF_OK);
    assert_int_equal(na, 2);
    assert_int_equal(a[0].off, 0);
    assert_int_equal(a[0].len, 12);   /* 第一句。 */
    assert_int_equal(a[1].off, 12);
    /* the same as enf_segment_sentences */
    enf_span *sp = NULL;
    size_t ns = 0;
    assert_int_equal(enf_segment_sentences(d->blocks[1].text, d->blocks[1].text_len, ENF_LANG_ZH, &sp, &ns, &err),
                     ENF_OK);
    assert_int_equal(ns, na);
    assert_memory_equal(sp, a, ns * sizeof *sp);
    free(sp);
    assert_int_equal(enf_doc_sentences(d, 2, ENF_LANG_EN, &a, &na, &err), ENF_EUSAGE);
    enf_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_md_spans),
        cmocka_unit_test(test_md_spans_containers),
        cmocka_unit_test(test_md_anchor_offsets),
        cmocka_unit_test(test_html_spans),
        cmocka_unit_test(test_html_one_line_growth),
        cmocka_unit_test(test_sentence_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
