/* fuzz_read_beads.c — enf_read_beads on arbitrary bytes against two fixed
 * small documents.  A beads file that parses must give beads in bounds, and
 * writing them back and reading that again must give the same beads. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char S_en[] = "# Title\n\nOne [a](https://a.org).\n\n- item 1\n- item 2\n\n"
                           "```\ncode\n```\n\nLast 2024.\n";
static const char S_zh[] = "# 标题\n\n一 [a](https://a.org)。\n\n- 项 1\n- 项 2\n\n"
                           "```\ncode\n```\n\n最后 2024。\n\n补充。\n";

static enf_doc *S_en_doc, *S_zh_doc;

static void S_init(void)
{
    enf_error err;
    if (S_en_doc)
        return;
    FUZZ_ASSERT(enf_doc_read_markdown("en.md", S_en, sizeof S_en - 1, &S_en_doc, &err) == 0);
    FUZZ_ASSERT(enf_doc_read_markdown("zh.md", S_zh, sizeof S_zh - 1, &S_zh_doc, &err) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    S_init();
    enf_alignment *al = NULL;
    enf_error err = {0};
    int rc = enf_read_beads("fuzz.beads", (const char *)data, size, S_en_doc, S_zh_doc, &al, &err);
    fuzz_check_error(rc, &err);
    if (rc != ENF_OK) {
        FUZZ_ASSERT(al == NULL);
        return 0;
    }
    for (size_t i = 0; i < al->n_beads; i++) {
        const enf_bead *b = &al->beads[i];
        FUZZ_ASSERT(b->en <= S_en_doc->n_blocks && b->n_en <= S_en_doc->n_blocks - b->en);
        FUZZ_ASSERT(b->zh <= S_zh_doc->n_blocks && b->n_zh <= S_zh_doc->n_blocks - b->zh);
    }
    /* round trip through the writer */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    FUZZ_ASSERT(f);
    FUZZ_ASSERT(enf_write_alignment(f, ENF_ALIGN_FMT_BEADS, S_en_doc, S_zh_doc, al, 0, &err) == 0);
    FUZZ_ASSERT(fclose(f) == 0);
    enf_alignment *again = NULL;
    rc = enf_read_beads("again.beads", buf, len, S_en_doc, S_zh_doc, &again, &err);
    /* a bead [] : [] is dropped by the writer's reader; everything else returns */
    FUZZ_ASSERT(rc == ENF_OK);
    size_t k = 0;
    for (size_t i = 0; i < al->n_beads; i++) {
        const enf_bead *b = &al->beads[i];
        if (b->n_en + b->n_zh == 0)
            continue;
        FUZZ_ASSERT(k < again->n_beads);
        const enf_bead *c = &again->beads[k++];
        FUZZ_ASSERT(b->n_en == c->n_en && b->n_zh == c->n_zh);
        FUZZ_ASSERT(!b->n_en || b->en == c->en);
        FUZZ_ASSERT(!b->n_zh || b->zh == c->zh);
    }
    FUZZ_ASSERT(k == again->n_beads);
    enf_alignment_free(again);
    enf_alignment_free(al);
    free(buf);
    return 0;
}
