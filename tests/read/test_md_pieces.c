/* test_md_pieces.c — src/read/read_md.c: a long document is read by cmark
 * a piece at a time (S_next_piece); the Doc must be the one the whole
 * text gives, field for field.  Pieces of 1 byte end a piece at every
 * line that may start a block; tricky fixtures, the bundled corpus/ and
 * every Markdown file of ../shared/corpus (when it is there; argv[1] is
 * the project root) are read both ways. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "read_internal.h"

static const char *S_root;
static size_t S_files, S_blocks;

static int S_str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Every field of every block, its anchors and inline spans. */
static void S_same(const enf_doc *a, const enf_doc *b, const char *what)
{
    if (a->n_blocks != b->n_blocks)
        fail_msg("%s: %zu blocks whole, %zu in pieces", what, a->n_blocks, b->n_blocks);
    for (size_t k = 0; k < a->n_blocks; k++) {
        const enf_block *x = &a->blocks[k], *y = &b->blocks[k];
        int same = x->id == y->id && x->kind == y->kind && x->level == y->level &&
                   x->list_depth == y->list_depth && x->quote_depth == y->quote_depth &&
                   x->list_id == y->list_id && x->item_id == y->item_id &&
                   x->section == y->section && x->flags == y->flags &&
                   x->text_len == y->text_len && !memcmp(x->text, y->text, x->text_len) &&
                   x->nchars == y->nchars && x->n_han == y->n_han && x->n_latin == y->n_latin &&
                   x->n_cjk_punct == y->n_cjk_punct && x->n_visible == y->n_visible &&
                   x->src_off == y->src_off && x->src_len == y->src_len &&
                   x->start_line == y->start_line && x->start_col == y->start_col &&
                   x->end_line == y->end_line && x->end_col == y->end_col &&
                   x->n_anchors == y->n_anchors && x->n_inlines == y->n_inlines;
        for (size_t q = 0; same && q < x->n_anchors; q++) {
            const enf_anchor *p = &x->anchors[q], *r = &y->anchors[q];
            same = p->kind == r->kind && !strcmp(p->value, r->value) && p->src_off == r->src_off &&
                   p->src_len == r->src_len;
        }
        for (size_t q = 0; same && q < x->n_inlines; q++) {
            const enf_inline *p = &x->inlines[q], *r = &y->inlines[q];
            same = p->kind == r->kind && p->depth == r->depth && p->off == r->off &&
                   p->len == r->len && p->inner_off == r->inner_off &&
                   p->inner_len == r->inner_len && p->dest_off == r->dest_off &&
                   p->dest_len == r->dest_len && S_str_eq(p->url, r->url);
        }
        if (!same)
            fail_msg("%s: block %zu (line %d) differs read in pieces", what, k, x->start_line);
    }
}

static void S_both(const char *name, const char *s, size_t n, unsigned dialects)
{
    enf_doc *whole = NULL, *pieces = NULL;
    enf_error e1 = {0}, e2 = {0};
    int r1 = enf__read_markdown_pieces(name, s, n, dialects, SIZE_MAX, &whole, &e1);
    int r2 = enf__read_markdown_pieces(name, s, n, dialects, 1, &pieces, &e2);
    assert_int_equal(r1, r2);
    if (r1 == ENF_OK) {
        S_same(whole, pieces, name);
        S_blocks += whole->n_blocks;
    } else {
        assert_string_equal(e1.msg, e2.msg);
    }
    enf_doc_free(whole);
    enf_doc_free(pieces);
}

static void S_both_all(const char *name, const char *s)
{
    S_both(name, s, strlen(s), ENF__MD_ALL);
    S_both(name, s, strlen(s), 0);
}

/* Blocks that run past a blank line and a line in column 1, or end at one
 * that a later line changes: each must come out as from the whole text. */
static void test_fixtures(void **state)
{
    (void)state;
    S_both_all("fence.md", "# T\n\npara one\n\n```\ncode\n\nnot a paragraph\n\n# nor a heading\n```\n\n"
                           "after\n\n~~~~\n~~~\n\nstill code\n~~~~\n\nend\n");
    S_both_all("unclosed.md", "a\n\n```\nrest\n\nof the\n\ndocument\n");
    S_both_all("html.md", "a\n\n<pre>\nx\n\ny\n</pre>\n\nb\n\n<!-- a\n\ncomment -->\n\nc\n\n"
                          "<div>\nd\n\ne\n</div>\n\n<script>\n\nf\n</script>\n\ng\n");
    S_both_all("lists.md", "- one\n\n- two\n\n  more of two\n\n- three\n\n1. a\n\n2. b\n\npara\n\n"
                           "* x\n\n\n* y\n\nz\n");
    S_both_all("setext.md", "a\n\nHeading\n=======\n\nb\n\nOther\n---\n\nc\n");
    S_both_all("quote.md", "> q\n\n> r\n\ns\n\n>\n> t\n\nu\n");
    S_both_all("indented.md", "a\n\n    code\n\n    more\n\nb\n");
    S_both_all("front.md", "---\ntitle: x\n\nmore: y\n---\n\n# A\n\nb\n\nc\n");
    S_both_all("mkdocs.md", "# A\n\n!!! note \"N\"\n\n    inside\n\n    more\n\nout\n\n"
                            "=== \"Python\"\n\n    ```python\n    x = 1\n\n    y = 2\n    ```\n\nend\n\n"
                            "::: tip\nvite\n\nstill\n:::\n\nlast\n");
    S_both_all("refs.md", "a [link][r]\n\nb\n\n[r]: https://example.org\n\nc\n");
    S_both_all("empty.md", "");
    S_both_all("blank.md", "\n\n\n");
    S_both_all("nonl.md", "a\n\nb");
    S_both_all("table.md", "| a | b |\n|---|---|\n| 1 | 2 |\n\nx\n\n| c |\n|---|\n");
    S_both_all("math.md", "$$\nx\n\ny\n$$\n\nz\n");
    /* a byte-order mark starting a line: cmark drops it only at the start
     * of its input (found by fuzz/fuzz_read_md.c) */
    S_both_all("bom.md", "# a\n\n\xEF\xBB\xBF tip\n\nb\n\n\xEF\xBB\xBF\n\n\xEF\xBB\xBF" "c\n");
}

/* Pieces come from an arena of 1 MiB blocks (read_md_pieces.c): a
 * paragraph and a code block of more than a block each, whose buffers
 * cmark grows by realloc past a block's end and into blocks of their own,
 * and short blocks around them that reuse the arena piece after piece. */
static void test_large_blocks(void **state)
{
    (void)state;
    size_t cap = 4u << 20, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    n += (size_t)sprintf(s + n, "# Start\n\nshort\n\n");
    for (int k = 0; n < (3u << 19); k++)
        n += (size_t)sprintf(s + n, "word%d and [link %d](https://example.org/%d) more words\n", k, k, k);
    n += (size_t)sprintf(s + n, "\nbetween\n\n```\n");
    for (int k = 0; n < (3u << 20); k++)
        n += (size_t)sprintf(s + n, "code line %d = %d;\n", k, k * 7);
    n += (size_t)sprintf(s + n, "```\n\n");
    for (int k = 0; k < 2000; k++)
        n += (size_t)sprintf(s + n, "Para %d.\n\n", k);
    S_both("large.md", s, n, 0);
    free(s);
}

static int S_visit(const char *path, const struct stat *st, int type, struct FTW *f)
{
    (void)st;
    (void)f;
    size_t n = strlen(path);
    if (type != FTW_F || n < 3 || strcmp(path + n - 3, ".md"))
        return 0;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 65536 + 1 > cap) {
            cap = (len + 65536 + 1) * 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        size_t got = fread(buf + len, 1, 65536, fp);
        len += got;
        if (got == 0)
            break;
    }
    fclose(fp);
    S_both(path, buf, len, ENF__MD_ALL);
    free(buf);
    S_files++;
    return 0;
}

static void test_corpora(void **state)
{
    (void)state;
    if (!S_root)
        skip();
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corpus", S_root);
    assert_int_equal(nftw(dir, S_visit, 16, FTW_PHYS), 0);
    size_t own = S_files;
    assert_true(own >= 6);
    snprintf(dir, sizeof dir, "%s/../shared/corpus", S_root);
    if (nftw(dir, S_visit, 16, FTW_PHYS) != 0 || S_files - own == 0)
        print_message("test_md_pieces: ../shared/corpus absent, only corpus/ read\n");
    print_message("test_md_pieces: %zu files, %zu blocks, the same read in pieces\n", S_files,
                  S_blocks);
}

int main(int argc, char **argv)
{
    S_root = argc > 1 ? argv[1] : NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_large_blocks),
        cmocka_unit_test(test_corpora),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
