/* cmd_glossary.c — `enface glossary FILE...`: load and validate glossaries
 * (TSV, TBX, a Markdown table or CSV, layered in order) and write the
 * merged result as TSV, TBX or the MT engines' two-column CSV; the exchange
 * path with CAT tools.  `enface glossary import FILE -o team.tsv` is the
 * same conversion, named for what teams do with it. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *out;
    int tbx, check_only;
} S_args;

static int S_set_format(const char *cmd, const char *v, void *field)
{
    int *tbx = field;
    if (!strcmp(v, "tsv"))
        *tbx = 0;
    else if (!strcmp(v, "tbx"))
        *tbx = 1;
    else if (!strcmp(v, "csv"))
        *tbx = 2;
    else
        return cli_fail("%s: unknown format '%s' (use tsv, tbx or csv)", cmd, v);
    return 0;
}

static const cli_option S_options[] = {
    CLI_CHOICE("format", 'f', "FMT", S_args, tbx, S_set_format, "tsv tbx csv",
               "tsv (default), tbx (ISO 30042, TBX-Basic) or csv (two columns, no header, for MT engines)"),
    CLI_CHOICE("export", 0, "FMT", S_args, tbx, S_set_format, "csv tsv tbx", "csv, tsv or tbx: the same as --format"),
    CLI_STRING("output", 'o', "FILE", S_args, out,
               "write to FILE (atomically) instead of standard output"),
    CLI_FLAG("check", 0, S_args, check_only, 1, "only validate; print the number of terms"),
    CLI_END,
};

static const cli_usage S_usage = {
    "glossary",
    "usage: enface glossary [OPTIONS] FILE...\n"
    "       enface glossary import FILE... -o team.tsv\n"
    "\n"
    "Load and validate glossaries (TSV; by extension TBX .tbx/.xml, a Markdown\n"
    "table .md, CSV .csv), layered in order (a later file's entry for the same\n"
    "English term wins), and write the result.  Errors name FILE:LINE.\n",
    NULL,
    21,
};

static int S_glossary(const S_args *a, const cli_list *all)
{
    cli_list view = *all;
    const cli_list *files = &view;
    if (view.n && !strcmp(view.v[0], "import")) {
        view.v++;
        view.n--;
    }
    if (!files->n)
        return cli_fail("glossary: need a file; usage: enface glossary [OPTIONS] FILE...");
    enf_error err = {0};
    enf_glossary *g = NULL;
    if (enf_glossary_new(&g, &err))
        return cli_fail_err(&err);
    int rc = ENF_EXIT_ERROR;
    for (size_t i = 0; i < files->n; i++)
        if (enf_glossary_load(g, files->v[i], &err)) {
            cli_fail_err(&err);
            goto done;
        }
    if (a->check_only) {
        printf("%zu terms\n", enf_glossary_count(g));
        rc = ENF_EXIT_OK;
        goto done;
    }
    enf_output *o = NULL;
    if (enf_output_open(a->out, &o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    int r = a->tbx == 1 ? enf_glossary_write_tbx(g, enf_output_file(o), &err)
            : a->tbx == 2 ? enf_glossary_write_csv(g, enf_output_file(o), &err)
                          : enf_glossary_write_tsv(g, enf_output_file(o), &err);
    rc = cli_finish_output(o, r, &err);
done:
    enf_glossary_free(g);
    return rc;
}

int cmd_glossary(int argc, char **argv)
{
    S_args a = {0};
    cli_list files = {0};
    int rc = cli_parse_options(argc, argv, S_options, &S_usage, &a, &files);
    if (rc == CLI_PARSED)
        rc = S_glossary(&a, &files);
    cli_options_free(S_options, &a, &files);
    return rc;
}

const cli_option *cmd_glossary_options(void)
{
    return S_options;
}
