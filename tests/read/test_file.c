/* test_file.c — src/read/read_file.c: enf_doc_read_file_opts, and the
 * English words it leaves out of an original only to be aligned
 * (enf_read_opts.latin_of): those the translation does not have, and no
 * other anchor; the block aligner's beads do not change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"

static const char S_en[] =
    "# Training ViT on ImageNet\n\n"
    "We trained the ViT model for 300 epochs, see [the paper](https://arxiv.org/abs/2010.11929).\n\n"
    "The results beat ResNet by 2.5 points on ImageNet.\n\n"
    "```python\nmodel = ViT()\n```\n\n"
    "A short note the translation leaves out, about nothing at all.\n\n"
    "- Use `torch.compile` for speed\n- Try DeiT next\n";
static const char S_zh[] =
    "# 在 ImageNet 上训练 ViT\n\n"
    "我们把 ViT 模型训练了 300 个周期，见[论文](https://arxiv.org/abs/2010.11929)。\n\n"
    "结果在 ImageNet 上比 ResNet 高 2.5 分。\n\n"
    "```python\nmodel = ViT()\n```\n\n"
    "- 用 `torch.compile` 提速\n- 接下来试试 DeiT\n";

/* s written to a new file named like suffix; the path is in path. */
static void S_file(char *path, size_t size, const char *suffix, const char *s)
{
    snprintf(path, size, "/tmp/enf-test-file-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    assert_true(fd >= 0);
    assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
    close(fd);
}

static int S_has(const enf_doc *d, enf_anchor_kind kind, const char *v)
{
    for (size_t b = 0; b < d->n_blocks; b++)
        for (size_t k = 0; k < d->blocks[b].n_anchors; k++)
            if (d->blocks[b].anchors[k].kind == kind && !strcmp(d->blocks[b].anchors[k].value, v))
                return 1;
    return 0;
}

static size_t S_count(const enf_doc *d, int latin)
{
    size_t n = 0;
    for (size_t b = 0; b < d->n_blocks; b++)
        for (size_t k = 0; k < d->blocks[b].n_anchors; k++)
            n += (d->blocks[b].anchors[k].kind == ENF_ANCHOR_LATIN) == latin;
    return n;
}

static void S_pair(const char *suffix, const char *en_s, const char *zh_s)
{
    char pe[64], pz[64];
    S_file(pe, sizeof pe, suffix, en_s);
    S_file(pz, sizeof pz, suffix, zh_s);
    enf_error err = {0};
    enf_doc *zh = NULL, *all = NULL, *kept = NULL;
    enf_read_opts o = {ENF_UNITS_AUTO, NULL, 0, NULL};
    assert_int_equal(enf_doc_read_file_opts(pz, &o, &zh, &err), ENF_OK);
    assert_int_equal(enf_doc_read_file_opts(pe, &o, &all, &err), ENF_OK);
    o.latin_of = zh;
    assert_int_equal(enf_doc_read_file_opts(pe, &o, &kept, &err), ENF_OK);
    assert_null(kept->latin_of);   /* not kept past the read */
    o.align_only = 1;
    enf_doc *lean = NULL;
    assert_int_equal(enf_doc_read_file_opts(pe, &o, &lean, &err), ENF_OK);
    /* no source, no inline spans, anchors not located; the rest as read
     * with them */
    assert_null(lean->data);
    assert_null(lean->line_start);
    assert_true(lean->align_only);
    assert_false(kept->align_only);
    assert_int_equal(lean->n_blocks, kept->n_blocks);
    size_t spans = 0, located = 0, kept_located = 0;
    for (size_t b = 0; b < kept->n_blocks; b++) {
        const enf_block *x = &kept->blocks[b], *y = &lean->blocks[b];
        spans += x->n_inlines;
        assert_null(y->inlines);
        assert_int_equal(y->n_inlines, 0);
        assert_string_equal(y->text, x->text);
        assert_int_equal(y->flags, x->flags);
        assert_int_equal(y->n_anchors, x->n_anchors);
        for (size_t k = 0; k < x->n_anchors; k++) {
            assert_int_equal(y->anchors[k].kind, x->anchors[k].kind);
            assert_string_equal(y->anchors[k].value, x->anchors[k].value);
            /* found in the text: not located (Markdown: only a code
             * block's content is) */
            if (y->anchors[k].src_len) {
                if (!strcmp(suffix, ".md"))
                    assert_int_equal(y->anchors[k].kind, ENF_ANCHOR_CODE);
                assert_int_equal(y->anchors[k].src_off, x->anchors[k].src_off);
                assert_int_equal(y->anchors[k].src_len, x->anchors[k].src_len);
                located++;
            }
            kept_located += x->anchors[k].src_len != 0;
        }
    }
    assert_true(spans > 0);
    assert_true(kept_located > located);
    /* the same text twice, without sources: refused as with them */
    enf_doc *lean2 = NULL;
    assert_int_equal(enf_doc_read_file_opts(pe, &o, &lean2, &err), ENF_OK);
    assert_int_equal(enf_doc_pair_check(lean, lean2, 0, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "are identical"));
    enf_doc_free(lean2);

    /* the words both have stay, the others go; links, numbers, code stay */
    assert_true(S_has(all, ENF_ANCHOR_LATIN, "ViT") && S_has(kept, ENF_ANCHOR_LATIN, "ViT"));
    assert_true(S_has(kept, ENF_ANCHOR_LATIN, "ResNet"));
    assert_true(S_has(all, ENF_ANCHOR_LATIN, "epochs"));
    assert_false(S_has(kept, ENF_ANCHOR_LATIN, "epochs"));
    assert_false(S_has(kept, ENF_ANCHOR_LATIN, "note"));
    assert_true(S_count(kept, 1) < S_count(all, 1));
    assert_int_equal(S_count(kept, 0), S_count(all, 0));
    assert_true(S_has(kept, ENF_ANCHOR_NUMBER, "300"));
    assert_true(S_has(kept, ENF_ANCHOR_ARXIV, "arxiv:2010.11929"));
    /* blocks, text and lines are the same */
    assert_int_equal(kept->n_blocks, all->n_blocks);
    for (size_t b = 0; b < all->n_blocks; b++) {
        assert_string_equal(kept->blocks[b].text, all->blocks[b].text);
        assert_int_equal(kept->blocks[b].start_line, all->blocks[b].start_line);
    }

    /* the same beads, cost for cost */
    enf_alignment *a1 = NULL, *a2 = NULL;
    assert_int_equal(enf_align_blocks(all, zh, NULL, &a1, &err), ENF_OK);
    assert_int_equal(enf_align_blocks(kept, zh, NULL, &a2, &err), ENF_OK);
    char b1[4096];
    snprintf(b1, sizeof b1, "%s", fx_beads(all, zh, a1));
    assert_string_equal(fx_beads(kept, zh, a2), b1);
    enf_alignment *a3 = NULL;
    assert_int_equal(enf_align_blocks(lean, zh, NULL, &a3, &err), ENF_OK);
    assert_string_equal(fx_beads(lean, zh, a3), b1);
    enf_alignment_free(a3);
    /* both sides lean: the same beads, and the sentences the aligner
     * counts are not kept on a Doc read for aligning only */
    enf_read_opts oz = {ENF_UNITS_AUTO, NULL, 1, NULL};
    enf_doc *zl = NULL;
    assert_int_equal(enf_doc_read_file_opts(pz, &oz, &zl, &err), ENF_OK);
    assert_int_equal(enf_align_blocks(lean, zl, NULL, &a3, &err), ENF_OK);
    assert_string_equal(fx_beads(lean, zl, a3), b1);
    assert_non_null(zh->sent_cache);
    assert_null(zl->sent_cache);
    enf_alignment_free(a3);
    enf_doc_free(zl);
    enf_doc_free(lean);
    assert_int_equal(a1->n_beads, a2->n_beads);
    for (size_t k = 0; k < a1->n_beads; k++) {
        assert_true(a1->beads[k].cost == a2->beads[k].cost);
        assert_true(a1->beads[k].anchor_sim == a2->beads[k].anchor_sim);
    }
    enf_alignment_free(a1);
    enf_alignment_free(a2);
    enf_doc_free(zh);
    enf_doc_free(all);
    enf_doc_free(kept);
    unlink(pe);
    unlink(pz);
}

static void test_latin_of_markdown(void **state)
{
    (void)state;
    S_pair(".md", S_en, S_zh);
}

static void test_latin_of_html(void **state)
{
    (void)state;
    S_pair(".html",
           "<h1>Training ViT on ImageNet</h1><p>We trained the ViT model for 300 epochs, see "
           "<a href=\"https://arxiv.org/abs/2010.11929\">the paper</a>.</p>"
           "<p>The results beat ResNet by 2.5 points on ImageNet.</p>"
           "<p>A short note the translation leaves out, about nothing at all.</p>",
           "<h1>在 ImageNet 上训练 ViT</h1><p>我们把 ViT 模型训练了 300 个周期，见"
           "<a href=\"https://arxiv.org/abs/2010.11929\">论文</a>。</p>"
           "<p>结果在 ImageNet 上比 ResNet 高 2.5 分。</p>");
}

/* The options' units and encoding are those of enf_doc_read_file_as. */
static void test_opts_units_encoding(void **state)
{
    (void)state;
    char p[64];
    S_file(p, sizeof p, ".txt", "\xD6\xD0\xCE\xC4\n\nline\n");   /* 中文 in GBK */
    enf_error err = {0};
    enf_doc *d = NULL;
    enf_read_opts o = {ENF_UNITS_LINES, "GBK", 0, NULL};
    assert_int_equal(enf_doc_read_file_opts(p, &o, &d, &err), ENF_OK);
    assert_int_equal(d->n_blocks, 3);
    assert_string_equal(d->blocks[0].text, "中文");
    enf_doc_free(d);
    /* lines: no source when aligning only, and every word kept */
    enf_doc *other = fx_md("o.md", "nothing in common\n");
    o.encoding = NULL;
    o.align_only = 1;
    o.latin_of = other;
    char q[64];
    S_file(q, sizeof q, ".txt", "Deep learning works.\n");
    assert_int_equal(enf_doc_read_file_opts(q, &o, &d, &err), ENF_OK);
    assert_null(d->data);
    assert_int_equal(d->n_blocks, 1);
    assert_true(d->blocks[0].n_anchors >= 3);   /* Deep, learning, works */
    enf_doc_free(d);
    enf_doc_free(other);
    unlink(q);
    unlink(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_latin_of_markdown),
        cmocka_unit_test(test_latin_of_html),
        cmocka_unit_test(test_opts_units_encoding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
