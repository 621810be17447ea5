/* fuzz_cedict.c — the CC-CEDICT reader (lexicon.c) on arbitrary bytes: a
 * lexicon that segments a fixed Chinese text into spans that tile it on
 * character boundaries, or a one-line error. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enf_lexicon *lx = NULL;
    enf_error err = {0};
    FUZZ_ASSERT(enf_lexicon_new(&lx, &err) == ENF_OK);
    int rc = enf_lexicon_load_cedict_buffer(lx, "fuzz.u8", (const char *)data, size, &err);
    fuzz_check_error(rc, &err);
    if (rc == ENF_OK) {
        static const char text[] = "变换器模型在 ImageNet 上训练，准确率 93.5%。";
        enf_span *sp = NULL;
        size_t n = 0;
        FUZZ_ASSERT(enf_lexicon_segment_zh(lx, text, sizeof text - 1, &sp, &n, &err) == ENF_OK);
        size_t at = 0;
        for (size_t i = 0; i < n; i++) {
            FUZZ_ASSERT(sp[i].off >= at && sp[i].len > 0 && sp[i].off + sp[i].len <= sizeof text - 1);
            fuzz_check_utf8(text + sp[i].off, sp[i].len);
            at = sp[i].off + sp[i].len;
        }
        free(sp);
    }
    enf_lexicon_free(lx);
    return 0;
}
