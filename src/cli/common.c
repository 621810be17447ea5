/* common.c — what several subcommands load the same way: glossaries and the
 * lexicon (dictionary + glossary terms) of the sentence aligner. */
#include "cli.h"

int cli_load_glossaries(const char *const *first, size_t n_first, const char *const *then,
                        size_t n_then, enf_glossary **out)
{
    enf_error err = {0};
    *out = NULL;
    if (enf_glossary_new(out, &err))
        return cli_fail_err(&err);
    for (size_t i = 0; i < n_first + n_then; i++)
        if (enf_glossary_load(*out, i < n_first ? first[i] : then[i - n_first], &err)) {
            enf_glossary_free(*out);
            *out = NULL;
            return cli_fail_err(&err);
        }
    return ENF_EXIT_OK;
}

void cli_warn_shared_ids(const enf_doc *doc)
{
    for (size_t i = 1; i < doc->n_blocks; i++) {
        if (doc->blocks[i].id != doc->blocks[i - 1].id)
            continue;
        size_t k = i + 1;
        while (k < doc->n_blocks && doc->blocks[k].id == doc->blocks[i].id)
            k++;
        fprintf(stderr,
                "enface: warning: %s:%d: %zu blocks start on this line, so their bead ids are the "
                "same; use --format jsonl or tsv, or put each block on its own line\n",
                doc->name, doc->blocks[i].id, k - i + 1);
        return;
    }
}

int cli_finish_output(enf_output *o, int write_rc, const enf_error *write_err)
{
    enf_error err = {0};
    if (write_rc) {
        enf_output_abort(o);
        return cli_fail_err(write_err);
    }
    if (enf_output_commit(o, &err))
        return cli_fail_err(&err);
    return ENF_EXIT_OK;
}

int cli_load_lexicon(const char *dict, const char *const *glossaries, size_t n_glossaries,
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
    else if (n_glossaries &&
             (rc = cli_load_glossaries(glossaries, n_glossaries, NULL, 0, &g)) == ENF_EXIT_OK &&
             enf_lexicon_add_glossary(*out, g, &err))
        rc = cli_fail_err(&err);
    enf_glossary_free(g);
    if (rc) {
        enf_lexicon_free(*out);
        *out = NULL;
    }
    return rc;
}
