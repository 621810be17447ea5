/* cmd_glossary.c — `enface glossary FILE...`: load and validate glossaries
 * (TSV or TBX, layered in order) and write the merged result as TSV or TBX;
 * the exchange path with CAT tools. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char S_help[] =
    "usage: enface glossary [OPTIONS] FILE...\n"
    "\n"
    "Load and validate glossaries (TSV, or TBX by extension .tbx/.xml), layered in\n"
    "order (a later file's entry for the same English term wins), and write the\n"
    "result.  Errors name FILE:LINE.\n"
    "\n"
    "options:\n"
    "  -f, --format FMT   tsv (default) or tbx (ISO 30042, TBX-Basic)\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "      --check        only validate; print the number of terms\n"
    "  -h, --help         show this help\n";

int cmd_glossary(int argc, char **argv)
{
    const char *out = NULL;
    int tbx = 0, check_only = 0, nfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(S_help, stdout);
            return ENF_EXIT_OK;
        } else if ((v = cli_opt_value(argc, argv, &i, "--format")) ||
                   (v = cli_opt_value(argc, argv, &i, "-f"))) {
            if (!strcmp(v, "tsv"))
                tbx = 0;
            else if (!strcmp(v, "tbx"))
                tbx = 1;
            else
                return cli_fail("glossary: unknown format '%s' (use tsv or tbx)", v);
        } else if ((v = cli_opt_value(argc, argv, &i, "--output")) ||
                   (v = cli_opt_value(argc, argv, &i, "-o"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            out = v;
        } else if (!strcmp(a, "--check")) {
            check_only = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_fail("glossary: unknown option '%s'; see 'enface glossary --help'", a);
        } else {
            nfiles++;
        }
    }
    if (!nfiles)
        return cli_fail("glossary: need a file; usage: enface glossary [OPTIONS] FILE...");
    enf_error err = {0};
    enf_glossary *g = NULL;
    if (enf_glossary_new(&g, &err))
        return cli_fail_err(&err);
    int rc = ENF_EXIT_ERROR;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-f") || !strcmp(a, "--format") || !strcmp(a, "-o") || !strcmp(a, "--output")) {
            i++;
            continue;
        }
        if (a[0] == '-' && a[1] != '\0')
            continue;
        if (enf_glossary_load(g, a, &err)) {
            cli_fail_err(&err);
            goto done;
        }
    }
    if (check_only) {
        printf("%zu terms\n", enf_glossary_count(g));
        rc = ENF_EXIT_OK;
        goto done;
    }
    enf_output *o = NULL;
    if (enf_output_open(out, &o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    int r = tbx ? enf_glossary_write_tbx(g, enf_output_file(o), &err)
                : enf_glossary_write_tsv(g, enf_output_file(o), &err);
    rc = cli_finish_output(o, r, &err);
done:
    enf_glossary_free(g);
    return rc;
}
