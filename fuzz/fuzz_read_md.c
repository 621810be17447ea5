/* fuzz_read_md.c — the Markdown reader and block extraction on arbitrary
 * bytes: either a Doc that satisfies fuzz_check_doc or a one-line error. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enf_doc *d = NULL;
    enf_error err = {0};
    int rc = enf_doc_read_markdown("fuzz.md", (const char *)data, size, &d, &err);
    fuzz_check_error(rc, &err);
    if (rc == ENF_OK) {
        fuzz_check_doc(d);
        fuzz_write_doc(d, ENF_ALIGN_FMT_JSONL);
    } else {
        FUZZ_ASSERT(d == NULL);
    }
    enf_doc_free(d);
    return 0;
}
