/* fuzz_manifest.c — the lines of a corpus manifest (TSV, JSONL) and of
 * align's batch file (read_manifest.c) on arbitrary bytes: byte 0 picks
 * the kind, the rest is split into lines as the CLI reads them.  Every line
 * is either skipped, a complete item (both paths, or both texts, and a
 * name), or a one-line error naming where:line. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    enf_manifest_kind kind = (enf_manifest_kind)(data[0] % 3);
    char *buf = malloc(size);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = '\0';
    long ln = 0;
    char *p = buf, *end = buf + size - 1;
    while (p <= end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            nl = end;
        *nl = '\0';
        ln++;
        enf_manifest_item it;
        enf_error err = {0};
        int rc = enf_manifest_parse_line(p, kind, "m.tsv", ln, &it, &err);
        if (rc == ENF_OK) {
            FUZZ_ASSERT(it.name != NULL);
            FUZZ_ASSERT((it.en_path && it.zh_path && !it.en_text && !it.zh_text) ||
                        (!it.en_path && !it.zh_path && it.en_text && it.zh_text));
            if (it.en_path)
                FUZZ_ASSERT(it.en_path[0] && it.zh_path[0]);
            if (kind == ENF_MANIFEST_BATCH)
                FUZZ_ASSERT(it.name[0]);
        } else if (rc != ENF_MANIFEST_SKIP) {
            fuzz_check_error(rc, &err);
            FUZZ_ASSERT(strncmp(err.msg, "m.tsv:", 6) == 0 || strncmp(err.msg, "m.tsv: out of memory", 20) == 0);
        }
        enf_manifest_item_clear(&it);
        p = nl + 1;
    }
    free(buf);
    return 0;
}
