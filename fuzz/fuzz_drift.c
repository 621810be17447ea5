/* fuzz_drift.c — `enface drift` on one input cut in three: the old
 * original, the new original and the translation, read as Markdown.  Byte
 * 0 picks the mode (classify, plain, section) and the source language
 * (guessed, English, Chinese); bytes 1-4 (two little-endian 16-bit
 * numbers) pick the cuts, modulo the rest.  Checks: every finding is
 * placed inside the translation, the SARIF and JSON writers run, and
 * enf_diff_text's edit script of the two originals tiles both texts in
 * order (the invariant its callers rely on). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The ops' spans tile a (EQUAL, DELETE) and b (EQUAL, INSERT) in order;
 * every offset, also the other side's of a DELETE or INSERT, is in range. */
static void S_check_diff(const char *a, size_t an, const char *b, size_t bn)
{
    enf_diff_op *ops = NULL;
    size_t n = 0;
    enf_error err = {0};
    int rc = enf_diff_text(a, an, b, bn, &ops, &n, &err);
    fuzz_check_error(rc, &err);
    if (rc != ENF_OK)
        return;
    size_t pa = 0, pb = 0;
    for (size_t i = 0; i < n; i++) {
        const enf_diff_op *o = &ops[i];
        FUZZ_ASSERT(o->a_off <= an && o->a_len <= an - o->a_off);
        FUZZ_ASSERT(o->b_off <= bn && o->b_len <= bn - o->b_off);
        if (o->kind != ENF_DIFF_INSERT) {
            FUZZ_ASSERT(o->a_off == pa);
            pa += o->a_len;
        } else {
            FUZZ_ASSERT(o->a_len == 0 && o->a_off == pa);
        }
        if (o->kind != ENF_DIFF_DELETE) {
            FUZZ_ASSERT(o->b_off == pb);
            pb += o->b_len;
        } else {
            FUZZ_ASSERT(o->b_len == 0 && o->b_off == pb);
        }
        if (o->kind == ENF_DIFF_EQUAL)
            FUZZ_ASSERT(o->a_len == o->b_len && !memcmp(a + o->a_off, b + o->b_off, o->a_len));
    }
    FUZZ_ASSERT(pa == an && pb == bn);
    free(ops);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 5 || size > 65536)
        return 0;
    size_t rest = size - 5;
    size_t c1 = ((size_t)data[1] | (size_t)data[2] << 8) % (rest + 1);
    size_t c2 = c1 + ((size_t)data[3] | (size_t)data[4] << 8) % (rest - c1 + 1);
    const char *s = (const char *)data + 5;
    static const char *const names[3] = {"old.md", "new.md", "tr.md"};
    const char *part[3] = {s, s + c1, s + c2};
    size_t len[3] = {c1, c2 - c1, rest - c2};
    enf_doc *d[3] = {NULL, NULL, NULL};
    enf_error err = {0};
    int rc = ENF_OK;
    for (int k = 0; k < 3 && rc == ENF_OK; k++) {
        rc = enf_doc_read_markdown(names[k], part[k], len[k], &d[k], &err);
        fuzz_check_error(rc, &err);
        if (rc == ENF_OK)
            fuzz_check_doc(d[k]);
    }
    if (rc == ENF_OK) {
        S_check_diff(d[0]->data, d[0]->len, d[1]->data, d[1]->len);
        enf_drift_opts o;
        enf_drift_opts_init(&o);
        static const enf_drift_mode modes[3] = {ENF_DRIFT_CLASSIFY, ENF_DRIFT_PLAIN, ENF_DRIFT_SECTION};
        static const int langs[3] = {ENF_LANG_AUTO, ENF_LANG_EN, ENF_LANG_ZH};
        o.mode = modes[data[0] % 3];
        o.source_lang = langs[(data[0] / 3) % 3];
        enf_findings fs = {0};
        rc = enf_drift(d[0], d[1], d[2], &o, &fs, &err);
        fuzz_check_error(rc, &err);
        if (rc == ENF_OK) {
            for (size_t i = 0; i < fs.n; i++) {
                const enf_finding *f = &fs.v[i];
                FUZZ_ASSERT(f->rule && f->message && !strchr(f->message, '\n'));
                fuzz_check_utf8(f->message, strlen(f->message));
                FUZZ_ASSERT(f->block[1] == ENF_NO_BLOCK || f->block[1] < d[2]->n_blocks);
                FUZZ_ASSERT(f->line[1] >= 0);
            }
            int lang = o.source_lang == ENF_LANG_AUTO ? enf_guess_lang(d[0]->data, d[0]->len) : o.source_lang;
            const enf_doc *en = lang == ENF_LANG_ZH ? d[2] : d[1];
            const enf_doc *zh = lang == ENF_LANG_ZH ? d[1] : d[2];
            FUZZ_ASSERT(enf_write_findings(fuzz_sink(), ENF_FINDINGS_SARIF, en, zh, &fs, ENF_WF_DRIFT,
                                           &err) == ENF_OK);
            FUZZ_ASSERT(enf_write_findings(fuzz_sink(), ENF_FINDINGS_JSON, en, zh, &fs, ENF_WF_DRIFT,
                                           &err) == ENF_OK);
        }
        enf_findings_free(&fs);
    }
    for (int k = 0; k < 3; k++)
        enf_doc_free(d[k]);
    return 0;
}
