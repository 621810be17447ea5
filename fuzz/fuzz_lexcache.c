/* fuzz_lexcache.c — the dictionary cache reader (lexicon_cache.c) on
 * arbitrary bytes: the input is stamped as this build's image (magic,
 * layout, parser id, size, CRC: enf__lexcache_seal) so that mutations reach
 * the structural checks behind the checksum; an image the reader accepts
 * must give a lexicon that segments and tokenises a fixed text and takes a
 * new term (the copy out of the mapping) without a fault or a hang. */
#include "fuzz_common.h"
#include "lexicon.h"
#include "lexicon_data.h"

#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char S_path[64];

static void S_remove(void)
{
    unlink(S_path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = S_path;
    if (!S_path[0]) {
        strcpy(S_path, "/tmp/enface-fuzz-lexcache-XXXXXX");
        int fd = mkstemp(S_path);
        FUZZ_ASSERT(fd >= 0);
        close(fd);
        atexit(S_remove);
    }
    unsigned char *img = malloc(size ? size : 1);
    FUZZ_ASSERT(img);
    memcpy(img, data, size);
    enf__lexcache_seal(img, size);
    FILE *f = fopen(path, "wb");
    FUZZ_ASSERT(f && fwrite(img, 1, size, f) == size && fclose(f) == 0);
    free(img);

    enf_lexicon *lx = NULL;
    enf_error err = {0};
    FUZZ_ASSERT(enf_lexicon_new(&lx, &err) == ENF_OK);
    if (enf__lexcache_read(lx, path, NULL) == 1) {
        static const char text[] = "变换器模型在 ImageNet 上训练，准确率 93.5%。";
        enf_span *sp = NULL;
        size_t n = 0, at = 0;
        FUZZ_ASSERT(enf_lexicon_segment_zh(lx, text, sizeof text - 1, &sp, &n, &err) == ENF_OK);
        for (size_t i = 0; i < n; i++) {
            FUZZ_ASSERT(sp[i].off >= at && sp[i].len > 0 && sp[i].off + sp[i].len <= sizeof text - 1);
            at = sp[i].off + sp[i].len;
        }
        free(sp);
        enf__ztok *zt = NULL;
        enf__etok *et = NULL;
        size_t nz = 0, cz = 0, ne = 0, ce = 0;
        static const char en[] = "Qingyang trained the Transformer models on ImageNet.";
        FUZZ_ASSERT(enf__lex_tokens_zh(lx, text, sizeof text - 1, &zt, &nz, &cz) == 0);
        FUZZ_ASSERT(enf__lex_tokens_en(lx, en, sizeof en - 1, &et, &ne, &ce) == 0);
        free(zt);
        free(et);
        FUZZ_ASSERT(enf_lexicon_add_term(lx, "变换器", "transformer", &err) == ENF_OK);
    }
    enf_lexicon_free(lx);
    return 0;
}
