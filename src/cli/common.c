/* common.c — what several subcommands load the same way: glossaries and the
 * lexicon (dictionary + glossary terms) of the sentence aligner. */
#include "cli.h"

int cli_load_glossaries(const char *const *paths, int n, enf_glossary **out)
{
    enf_error err = {0};
    *out = NULL;
    if (enf_glossary_new(out, &err))
        return cli_fail_err(&err);
    for (int i = 0; i < n; i++)
        if (enf_glossary_load(*out, paths[i], &err)) {
            enf_glossary_free(*out);
            *out = NULL;
            return cli_fail_err(&err);
        }
    return ENF_EXIT_OK;
}

int cli_load_lexicon(const char *dict, const char *const *glossaries, int n_glossaries,
                     enf_lexicon **out)
{
    enf_error err = {0};
    enf_glossary *g = NULL;
    *out = NULL;
    if (!dict && n_glossaries == 0)
        return ENF_EXIT_OK;
    if (enf_lexicon_new(out, &err))
        return cli_fail_err(&err);
    int rc = ENF_EXIT_OK;
    if (dict && enf_lexicon_load_cedict(*out, dict, &err))
        rc = cli_fail_err(&err);
    else if (n_glossaries && (rc = cli_load_glossaries(glossaries, n_glossaries, &g)) == ENF_EXIT_OK &&
             enf_lexicon_add_glossary(*out, g, &err))
        rc = cli_fail_err(&err);
    enf_glossary_free(g);
    if (rc) {
        enf_lexicon_free(*out);
        *out = NULL;
    }
    return rc;
}
