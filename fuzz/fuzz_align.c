/* fuzz_align.c — `enface align` end to end on one input split in two.
 * Byte 0 picks the units (Markdown, HTML, lines) and the band; bytes 1-2
 * (little endian) pick where the English part ends, modulo the rest.  Both
 * documents are read, aligned, checked and written in every format. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int S_read(enf_units u, const char *name, const char *s, size_t n, enf_doc **d,
                  enf_error *err)
{
    switch (u) {
    case ENF_UNITS_HTML: return enf_doc_read_html(name, s, n, d, err);
    case ENF_UNITS_LINES: return enf_doc_read_lines(name, s, n, d, err);
    default: return enf_doc_read_markdown(name, s, n, d, err);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    static const enf_units units[] = {ENF_UNITS_MARKDOWN, ENF_UNITS_HTML, ENF_UNITS_LINES};
    enf_units u = units[data[0] % 3];
    enf_align_opts opts = {0};
    opts.band = (data[0] >> 2) % 8 == 0 ? 0 : 1 + (data[0] >> 5);  /* often the default */
    size_t rest = size - 3;
    size_t split = ((size_t)data[1] | (size_t)data[2] << 8) % (rest + 1);
    const char *en_s = (const char *)data + 3, *zh_s = en_s + split;
    enf_doc *en = NULL, *zh = NULL;
    enf_alignment *al = NULL;
    enf_error err = {0};
    int rc = S_read(u, "en", en_s, split, &en, &err);
    fuzz_check_error(rc, &err);
    if (rc == ENF_OK) {
        rc = S_read(u, "zh", zh_s, rest - split, &zh, &err);
        fuzz_check_error(rc, &err);
    }
    if (rc == ENF_OK) {
        fuzz_check_doc(en);
        fuzz_check_doc(zh);
        rc = enf_align_blocks(en, zh, &opts, &al, &err);
        fuzz_check_error(rc, &err);
    }
    if (rc == ENF_OK) {
        fuzz_check_alignment(al, en, zh);
        for (int fmt = ENF_ALIGN_FMT_BEADS; fmt <= ENF_ALIGN_FMT_JSONL; fmt++)
            FUZZ_ASSERT(enf_write_alignment(fuzz_sink(), (enf_align_format)fmt, en, zh, al,
                                            fmt == ENF_ALIGN_FMT_BEADS, &err) == ENF_OK);
        /* the beads we write read back into the same alignment - when unit
         * ids are unique: HTML elements on one line share their line id */
        int unique = 1;
        for (size_t i = 1; i < en->n_blocks; i++)
            unique &= en->blocks[i].id > en->blocks[i - 1].id;
        for (size_t i = 1; i < zh->n_blocks; i++)
            unique &= zh->blocks[i].id > zh->blocks[i - 1].id;
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        FUZZ_ASSERT(f);
        FUZZ_ASSERT(enf_write_alignment(f, ENF_ALIGN_FMT_BEADS, en, zh, al, 0, &err) == ENF_OK);
        FUZZ_ASSERT(fclose(f) == 0);
        enf_alignment *again = NULL;
        if (unique) {
            FUZZ_ASSERT(enf_read_beads("again", buf, len, en, zh, &again, &err) == ENF_OK);
            FUZZ_ASSERT(again->n_beads == al->n_beads);
        }
        enf_alignment_free(again);
        free(buf);
    }
    enf_alignment_free(al);
    enf_doc_free(en);
    enf_doc_free(zh);
    return 0;
}
