/* fuzz_read_lines.c — the one-unit-per-line reader on arbitrary bytes:
 * ids must be the 0-based line indexes. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enf_doc *d = NULL;
    enf_error err = {0};
    int rc = enf_doc_read_lines("fuzz.txt", (const char *)data, size, &d, &err);
    fuzz_check_error(rc, &err);
    if (rc == ENF_OK) {
        fuzz_check_doc(d);
        for (size_t i = 0; i < d->n_blocks; i++)
            FUZZ_ASSERT(d->blocks[i].id == (int)i);
    } else {
        FUZZ_ASSERT(d == NULL);
    }
    enf_doc_free(d);
    return 0;
}
