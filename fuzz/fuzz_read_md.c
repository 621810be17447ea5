/* fuzz_read_md.c — the Markdown reader and block extraction on arbitrary
 * bytes: either a Doc that satisfies fuzz_check_doc or a one-line error;
 * and the same Doc, block for block, when cmark reads the text in pieces
 * as small as they come (read_md.c, S_next_piece). */
#include "fuzz_common.h"
#include "read_internal.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void S_same(const enf_doc *a, const enf_doc *b)
{
    FUZZ_ASSERT(a->n_blocks == b->n_blocks);
    for (size_t k = 0; k < a->n_blocks; k++) {
        const enf_block *x = &a->blocks[k], *y = &b->blocks[k];
        FUZZ_ASSERT(x->id == y->id && x->kind == y->kind && x->level == y->level &&
                    x->list_depth == y->list_depth && x->quote_depth == y->quote_depth &&
                    x->list_id == y->list_id && x->item_id == y->item_id &&
                    x->section == y->section && x->flags == y->flags);
        FUZZ_ASSERT(x->text_len == y->text_len && !memcmp(x->text, y->text, x->text_len));
        FUZZ_ASSERT(x->src_off == y->src_off && x->src_len == y->src_len &&
                    x->start_line == y->start_line && x->start_col == y->start_col &&
                    x->end_line == y->end_line && x->end_col == y->end_col);
        FUZZ_ASSERT(x->n_anchors == y->n_anchors && x->n_inlines == y->n_inlines);
        for (size_t q = 0; q < x->n_anchors; q++)
            FUZZ_ASSERT(x->anchors[q].kind == y->anchors[q].kind &&
                        !strcmp(x->anchors[q].value, y->anchors[q].value) &&
                        x->anchors[q].src_off == y->anchors[q].src_off);
        for (size_t q = 0; q < x->n_inlines; q++)
            FUZZ_ASSERT(x->inlines[q].kind == y->inlines[q].kind &&
                        x->inlines[q].off == y->inlines[q].off &&
                        x->inlines[q].len == y->inlines[q].len);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enf_doc *d = NULL, *p = NULL;
    enf_error err = {0}, perr = {0};
    int rc = enf_doc_read_markdown("fuzz.md", (const char *)data, size, &d, &err);
    fuzz_check_error(rc, &err);
    int prc = enf__read_markdown_pieces("fuzz.md", (const char *)data, size, ENF__MD_ALL, 1, &p,
                                        &perr);
    FUZZ_ASSERT(prc == rc);
    if (rc == ENF_OK) {
        fuzz_check_doc(d);
        S_same(d, p);
        fuzz_write_doc(d, ENF_ALIGN_FMT_JSONL);
    } else {
        FUZZ_ASSERT(d == NULL && p == NULL);
    }
    enf_doc_free(d);
    enf_doc_free(p);
    return 0;
}
