/* fuzz_outputs.c — every output is valid whatever the documents: one input
 * split in two Markdown documents (bytes 0-1: the split), checked with a
 * small glossary, its findings written in every format into memory and
 * each output asserted valid UTF-8 (JSON and SARIF parsed back by
 * jansson, every message non-empty), and its sentence pairs written as
 * JSONL and TMX (parsed back by jansson and libxml2). */
#include "fuzz_common.h"

#include <jansson.h>
#include <libxml/parser.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char S_glossary[] =
    "en\tzh\tforbidden\tverbatim\n"
    "transformer\t变换器\t变压器\t\n"
    "ViT\t\t\tmust\n"
    "model\t模型\t\t\n";

static void S_valid(const char *buf, size_t n)
{
    enf_error e;
    FUZZ_ASSERT(enf_utf8_check("out", buf, n, &e) == ENF_OK || n == 0);
}

static char *S_write_findings(enf_findings_format fmt, const enf_doc *en, const enf_doc *zh,
                              const enf_findings *fs, size_t *n)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, n);
    FUZZ_ASSERT(f);
    enf_error err = {0};
    FUZZ_ASSERT(enf_write_findings(f, fmt, en, zh, fs, 0, &err) == ENF_OK);
    fclose(f);
    return buf;
}

static void S_check_json(const char *buf, size_t n, int sarif)
{
    json_error_t je;
    json_t *o = json_loadb(buf, n, 0, &je);
    FUZZ_ASSERT(o);
    json_t *list = sarif ? json_object_get(json_array_get(json_object_get(o, "runs"), 0), "results")
                         : json_object_get(o, "findings");
    FUZZ_ASSERT(json_is_array(list));
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x) {
        json_t *m = json_object_get(x, "message");
        if (sarif)
            m = json_object_get(m, "text");
        FUZZ_ASSERT(json_is_string(m) && json_string_length(m) > 0);
    }
    json_decref(o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    size_t rest = size - 2, split = ((size_t)data[0] | (size_t)data[1] << 8) % (rest + 1);
    const char *en_s = (const char *)data + 2, *zh_s = en_s + split;
    enf_doc *en = NULL, *zh = NULL;
    enf_error err = {0};
    if (enf_doc_read_markdown("en.md", en_s, split, &en, &err) ||
        enf_doc_read_markdown("zh.md", zh_s, rest - split, &zh, &err)) {
        enf_doc_free(en);
        return 0;
    }
    enf_glossary *g = NULL;
    FUZZ_ASSERT(enf_glossary_new(&g, &err) == ENF_OK);
    FUZZ_ASSERT(enf_glossary_load_buffer(g, "g.tsv", S_glossary, sizeof S_glossary - 1, 0, &err) == ENF_OK);
    enf_check_opts opts;
    enf_check_opts_init(&opts);
    opts.glossary = g;
    enf_findings fs = {0};
    int rc = enf_check(en, zh, NULL, &opts, &fs, &err);
    fuzz_check_error(rc, &err);
    if (rc == ENF_OK) {
        static const enf_findings_format fmts[] = {ENF_FINDINGS_TEXT, ENF_FINDINGS_JSON,
                                                   ENF_FINDINGS_SARIF, ENF_FINDINGS_GITHUB};
        for (size_t k = 0; k < 4; k++) {
            size_t n = 0;
            char *buf = S_write_findings(fmts[k], en, zh, &fs, &n);
            S_valid(buf, n);
            if (fmts[k] == ENF_FINDINGS_JSON || fmts[k] == ENF_FINDINGS_SARIF)
                S_check_json(buf, n, fmts[k] == ENF_FINDINGS_SARIF);
            free(buf);
        }
    }
    enf_findings_free(&fs);
    enf_corpus_pairs pairs = {0};
    rc = enf_corpus_align(en, zh, NULL, NULL, NULL, &pairs, &err);
    fuzz_check_error(rc, &err);
    if (rc == ENF_OK) {
        static const enf_corpus_format cf[] = {ENF_CORPUS_FMT_JSONL, ENF_CORPUS_FMT_TMX};
        for (size_t k = 0; k < 2; k++) {
            char *buf = NULL;
            size_t n = 0;
            FILE *f = open_memstream(&buf, &n);
            enf_corpus_writer *w = NULL;
            FUZZ_ASSERT(enf_corpus_writer_new(f, cf[k], &w, &err) == ENF_OK);
            FUZZ_ASSERT(enf_corpus_writer_add(w, "doc", &pairs, &err) == ENF_OK);
            FUZZ_ASSERT(enf_corpus_writer_end(w, &err) == ENF_OK);
            fclose(f);
            S_valid(buf, n);
            if (cf[k] == ENF_CORPUS_FMT_TMX) {
                xmlDocPtr x = xmlReadMemory(buf, (int)n, "c.tmx", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                                        XML_PARSE_NOWARNING);
                FUZZ_ASSERT(x);
                xmlFreeDoc(x);
            } else {
                size_t at = 0;
                while (at < n) {
                    const char *e = memchr(buf + at, '\n', n - at);
                    size_t len = e ? (size_t)(e - buf - at) : n - at;
                    json_error_t je;
                    json_t *o = json_loadb(buf + at, len, 0, &je);
                    FUZZ_ASSERT(o);
                    json_decref(o);
                    at += len + 1;
                }
            }
            free(buf);
        }
    }
    enf_corpus_pairs_free(&pairs);
    enf_glossary_free(g);
    enf_doc_free(en);
    enf_doc_free(zh);
    return 0;
}
