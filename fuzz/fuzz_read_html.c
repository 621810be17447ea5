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
        fuzz_write_doc(d, ENF_ALIGN_FMT_TSV);
    } else {
        FUZZ_ASSERT(d == NULL);
    }
    enf_doc_free(d);
    return 0;
}
