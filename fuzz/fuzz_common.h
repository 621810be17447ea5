/* fuzz_common.h — what every enface fuzz target shares: an output sink and
 * the invariants a Doc and an Alignment must satisfy whatever the input.
 * A violated invariant calls abort(), which libFuzzer reports as a crash.
 *
 * Adding a target (say for a glossary TSV reader):
 *   1. write fuzz/fuzz_<name>.c defining LLVMFuzzerTestOneInput; call the
 *      reader on (data, size), check what it returns with the helpers
 *      below (or new ones here), free everything (leaks are crashes too);
 *   2. add <name> to the `fuzz_targets` list in fuzz/meson.build;
 *   3. add a seed rule for <name> to tools/fuzz (S_seeds), from files in
 *      corpus/ or tests/ - seeds are generated at run time, not committed.
 * See SECURITY.md, "Fuzzing". */
#ifndef ENFACE_FUZZ_COMMON_H
#define ENFACE_FUZZ_COMMON_H

#include "enface.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c)                                                              \
    do {                                                                            \
        if (!(c)) {                                                                 \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c); \
            abort();                                                                \
        }                                                                           \
    } while (0)

/* Writers are exercised into /dev/null: the point is that they run. */
static inline FILE *fuzz_sink(void)
{
    static FILE *f;
    if (!f)
        f = fopen("/dev/null", "w");
    FUZZ_ASSERT(f);
    return f;
}

/* A failed call must leave a one-line message and no result. */
static inline void fuzz_check_error(int rc, const enf_error *err)
{
    if (rc == ENF_OK)
        return;
    FUZZ_ASSERT(err->code == rc);
    FUZZ_ASSERT(err->msg[0] != '\0');
    FUZZ_ASSERT(strchr(err->msg, '\n') == NULL);
}

/* Valid UTF-8 without NUL: block texts and anchors are printed and written
 * to JSON, and jansson drops strings that are not UTF-8. */
static inline void fuzz_check_utf8(const char *s, size_t n)
{
    enf_error e;
    FUZZ_ASSERT(enf_utf8_check("fuzz", s, n, &e) == ENF_OK);
}

static inline void fuzz_check_doc(const enf_doc *d)
{
    FUZZ_ASSERT(d && d->data && d->arena);
    FUZZ_ASSERT(d->data[d->len] == '\0');
    FUZZ_ASSERT(d->n_blocks == 0 || d->blocks);
    int prev_id = -1;
    for (size_t i = 0; i < d->n_blocks; i++) {
        const enf_block *b = &d->blocks[i];
        FUZZ_ASSERT(b->text);
        FUZZ_ASSERT(strlen(b->text) == b->text_len);
        FUZZ_ASSERT(enf_utf8_count(b->text, b->text_len) == b->nchars);
        fuzz_check_utf8(b->text, b->text_len);
        FUZZ_ASSERT(b->src_off <= d->len && b->src_len <= d->len - b->src_off);
        FUZZ_ASSERT(b->start_line >= 1 && b->end_line >= b->start_line);
        /* enf_read_beads finds units by binary search over ids */
        FUZZ_ASSERT(b->id >= prev_id);
        prev_id = b->id;
        FUZZ_ASSERT(b->section < (int)i);
        FUZZ_ASSERT(b->kind <= ENF_BLOCK_LINE);
        FUZZ_ASSERT(b->n_anchors == 0 || b->anchors);
        for (size_t k = 0; k < b->n_anchors; k++) {
            FUZZ_ASSERT(b->anchors[k].kind < ENF_ANCHOR__COUNT);
            FUZZ_ASSERT(b->anchors[k].value);
            fuzz_check_utf8(b->anchors[k].value, strlen(b->anchors[k].value));
        }
    }
    if (d->n_blocks) {
        /* enf_doc_position scans from the start: only for the last block */
        int line, col;
        enf_doc_position(d, d->blocks[d->n_blocks - 1].src_off, &line, &col);
        FUZZ_ASSERT(line >= 1 && col >= 1);
    }
}

/* Every block of both documents is in exactly one bead, ranges in bounds. */
static inline void fuzz_check_alignment(const enf_alignment *al, const enf_doc *en,
                                        const enf_doc *zh)
{
    FUZZ_ASSERT(al);
    unsigned char *seen[2] = {calloc(en->n_blocks + 1, 1), calloc(zh->n_blocks + 1, 1)};
    FUZZ_ASSERT(seen[0] && seen[1]);
    for (size_t i = 0; i < al->n_beads; i++) {
        const enf_bead *b = &al->beads[i];
        FUZZ_ASSERT(b->n_en + b->n_zh > 0);
        FUZZ_ASSERT(b->en <= en->n_blocks && b->n_en <= en->n_blocks - b->en);
        FUZZ_ASSERT(b->zh <= zh->n_blocks && b->n_zh <= zh->n_blocks - b->zh);
        FUZZ_ASSERT(b->score >= 0.0 && b->score <= 1.0);
        for (size_t k = 0; k < b->n_en; k++) {
            FUZZ_ASSERT(!seen[0][b->en + k]);
            seen[0][b->en + k] = 1;
        }
        for (size_t k = 0; k < b->n_zh; k++) {
            FUZZ_ASSERT(!seen[1][b->zh + k]);
            seen[1][b->zh + k] = 1;
        }
    }
    for (size_t i = 0; i < en->n_blocks; i++)
        FUZZ_ASSERT(seen[0][i]);
    for (size_t i = 0; i < zh->n_blocks; i++)
        FUZZ_ASSERT(seen[1][i]);
    free(seen[0]);
    free(seen[1]);
}

/* Write a doc against itself with a 1-1 alignment built by hand (no DP:
 * the aligner has its own target), so the writers see every block text. */
static inline void fuzz_write_doc(const enf_doc *d, enf_align_format fmt)
{
    enf_alignment al = {0};
    al.beads = calloc(d->n_blocks + 1, sizeof *al.beads);
    FUZZ_ASSERT(al.beads);
    for (size_t i = 0; i < d->n_blocks; i++)
        al.beads[i] = (enf_bead){.en = i, .n_en = 1, .zh = i, .n_zh = 1, .score = 1};
    al.n_beads = d->n_blocks;
    enf_error err;
    FUZZ_ASSERT(enf_write_alignment(fuzz_sink(), fmt, d, d, &al, 1, &err) == ENF_OK);
    free(al.beads);
}

#endif
