/* fuzz_read_html.c — the HTML reader (libxml2, no network, no entity
 * expansion from outside) on arbitrary bytes. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enf_doc *d = NULL;
    enf_error err = {0};
    int rc = enf_doc_read_html("fuzz.html", (const char *)data, size, &d, &err);
    fuzz_check_error(rc, &err);
    if (rc == ENF_OK) {
        fuzz_check_doc(d);
        enf_alignment *al = NULL;
        if (enf_align_blocks(d, d, NULL, &al, &err) == ENF_OK) {
            fuzz_check_alignment(al, d, d);
            enf_write_alignment(fuzz_sink(), ENF_ALIGN_FMT_TSV, d, d, al, 1, &err);
        }
        enf_alignment_free(al);
    } else {
        FUZZ_ASSERT(d == NULL);
    }
    enf_doc_free(d);
    return 0;
}
