/* fuzz_glossary_tbx.c — the TBX reader (tbx.c, libxml2: no network, documents declaring entities refused)
 * on arbitrary bytes: a glossary whose terms are valid UTF-8, that the
 * matcher can run over a fixed text and that both writers can write, or a
 * one-line error. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enf_glossary *g = NULL;
    enf_error err = {0};
    FUZZ_ASSERT(enf_glossary_new(&g, &err) == ENF_OK);
    int rc = enf_glossary_load_buffer(g, "fuzz.tbx", (const char *)data, size, 1, &err);
    fuzz_check_error(rc, &err);
    if (rc == ENF_OK)
        fuzz_check_glossary(g, 1 == 0);
    enf_glossary_free(g);
    return 0;
}
