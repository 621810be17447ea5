/* fuzz_config.c — .enface.ini (config.c, inih) on arbitrary bytes: rule
 * settings within the table and glossary paths that are strings, or a
 * one-line error naming file:line. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enf_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.fail_on = -1;
    enf_check_opts opts;
    enf_check_opts_init(&opts);
    enf_error err = {0};
    int rc = enf_config_load_buffer(".enface.ini", (const char *)data, size, &cfg, &opts, &err);
    fuzz_check_error(rc, &err);
    if (rc == ENF_OK) {
        for (int r = 0; r < ENF_RULE__COUNT; r++)
            FUZZ_ASSERT(opts.severity[r] >= ENF_SEV_NONE && opts.severity[r] <= ENF_SEV_ERROR);
        for (size_t i = 0; i < cfg.n_glossaries; i++)
            FUZZ_ASSERT(cfg.glossaries[i] != NULL);
        FUZZ_ASSERT(cfg.fail_on == ENF_FAIL_NEVER || (cfg.fail_on >= -1 && cfg.fail_on <= ENF_SEV_ERROR));
    }
    enf_config_free(&cfg);
    return 0;
}
