/* alignment.c — the alignment every aligner returns and every writer,
 * check and report reads: beads over block (or sentence) indexes. */
#include "enface/model.h"

#include <stdio.h>
#include <stdlib.h>

void enf_alignment_free(enf_alignment *al)
{
    if (!al)
        return;
    free(al->beads);
    free(al);
}

const char *enf_bead_type(const enf_bead *b, char *buf, size_t bufsz)
{
    snprintf(buf, bufsz, "%zu-%zu", b->n_en, b->n_zh);
    return buf;
}
