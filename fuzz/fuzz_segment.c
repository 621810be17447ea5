/* fuzz_segment.c — the sentence segmenter (segment.c, ICU) and the Chinese
 * word cutter (lexicon.c, empty lexicon) on arbitrary UTF-8 text.  Byte 0
 * picks the language (auto, English, Chinese).  Spans must lie inside the
 * text, in order, without overlap, and start and end on characters; the
 * block aligner's count without spans (enf__count_sentences) must be
 * their number. */
#include "fuzz_common.h"
#include "align_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void S_check_spans(const char *s, size_t len, const enf_span *sp, size_t n)
{
    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        FUZZ_ASSERT(sp[i].off <= len && sp[i].len <= len - sp[i].off);
        FUZZ_ASSERT(sp[i].off >= prev_end);
        prev_end = sp[i].off + sp[i].len;
        FUZZ_ASSERT(sp[i].off == len || ((unsigned char)s[sp[i].off] & 0xC0) != 0x80);
        FUZZ_ASSERT(prev_end == len || ((unsigned char)s[prev_end] & 0xC0) != 0x80);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const int langs[] = {ENF_LANG_AUTO, ENF_LANG_EN, ENF_LANG_ZH};
    int lang = langs[data[0] % 3];
    const char *s = (const char *)data + 1;
    size_t len = size - 1;
    enf_error err = {0};
    if (enf_utf8_check("fuzz", s, len, &err) != ENF_OK)
        return 0;   /* the readers never hand on anything else */
    enf_span *sp = NULL;
    size_t n = 0;
    int rc = enf_segment_sentences(s, len, lang, &sp, &n, &err);
    fuzz_check_error(rc, &err);
    if (rc == ENF_OK) {
        S_check_spans(s, len, sp, n);
        size_t counted = 0;
        FUZZ_ASSERT(enf__count_sentences(s, len, lang, &counted, &err) == ENF_OK && counted == n);
    }
    free(sp);

    static enf_lexicon *lx;
    if (!lx)
        FUZZ_ASSERT(enf_lexicon_new(&lx, &err) == ENF_OK &&
                    enf_lexicon_add_term(lx, "变换器", "transformer", &err) == ENF_OK);
    sp = NULL;
    n = 0;
    rc = enf_lexicon_segment_zh(lx, s, len, &sp, &n, &err);
    fuzz_check_error(rc, &err);
    if (rc == ENF_OK)
        S_check_spans(s, len, sp, n);
    free(sp);
    return 0;
}
