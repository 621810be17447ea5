/* cmd_report.c — `enface report EN ZH`: read, align, check, and write the
 * self-contained HTML review page (atomically). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char S_help[] =
    "usage: enface report [OPTIONS] EN ZH\n"
    "\n"
    "Write one self-contained HTML page to review ZH, the translation of EN:\n"
    "facing columns with one row per aligned pair, findings at their places,\n"
    "glossary terms, differences inside each pair, a summary and an alignment\n"
    "plot.  The findings are those of 'enface check' with its default rules\n"
    "(and the glossary rules when a glossary is given).  The page needs no\n"
    "network and runs no script but its own.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE    write to FILE (atomically); default standard output\n"
    "  -g, --glossary FILE  highlight this glossary's terms (repeatable; later\n"
    "                       files override earlier ones)\n"
    "      --old ZH_OLD     also show what changed since ZH_OLD, an earlier\n"
    "                       version of the translation, row by row\n"
    "      --no-check       do not run the checks of 'enface check' (the page then\n"
    "                       shows the alignment only)\n"
    "      --title TEXT     page title (default: \"EN <-> ZH\")\n"
    "  -u, --units UNITS    auto (default), markdown or html\n"
    "      --band N         half width of the alignment search band (default 60)\n"
    "  -h, --help           show this help\n"
    "\n"
    "Exit status: 0 page written (whatever the findings), 2 usage or input error.\n";

/* The findings of `enface check` with its default rules and the glossary,
 * for the page.  NULL (and a message) when the checks fail. */
static enf_findings *S_run_checks(const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
                                  const enf_glossary *g, enf_error *err)
{
    enf_check_opts opts;
    enf_check_opts_init(&opts);
    opts.glossary = g;
    enf_findings *fs = calloc(1, sizeof *fs);
    if (!fs) {
        enf_error_set(err, ENF_ENOMEM, "report: out of memory");
        return NULL;
    }
    if (enf_check(en, zh, al, &opts, fs, err)) {
        enf_findings_free(fs);
        free(fs);
        return NULL;
    }
    return fs;
}

int cmd_report(int argc, char **argv)
{
    const char *out = NULL, *old = NULL, *title = NULL, *paths[2] = {NULL, NULL};
    const char *glossaries[64];
    size_t n_glossaries = 0;
    enf_units units = ENF_UNITS_AUTO;
    enf_align_opts aopts = {0};
    int npaths = 0, no_check = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(S_help, stdout);
            return ENF_EXIT_OK;
        } else if ((v = cli_opt_value(argc, argv, &i, "--output")) ||
                   (v = cli_opt_value(argc, argv, &i, "-o"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            out = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--glossary")) ||
                   (v = cli_opt_value(argc, argv, &i, "-g"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            if (n_glossaries == sizeof glossaries / sizeof *glossaries)
                return cli_fail("report: too many --glossary files");
            glossaries[n_glossaries++] = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--old"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            old = v;
        } else if (!strcmp(a, "--no-check")) {
            no_check = 1;
        } else if ((v = cli_opt_value(argc, argv, &i, "--title"))) {
            title = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--units")) ||
                   (v = cli_opt_value(argc, argv, &i, "-u"))) {
            if (cli_parse_units(v, &units))
                return cli_fail("report: unknown units '%s' (use auto, markdown, html or lines)", v);
        } else if ((v = cli_opt_value(argc, argv, &i, "--band"))) {
            aopts.band = atoi(v);
            if (aopts.band <= 0)
                return cli_fail("report: --band needs a positive number, got '%s'", v);
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_fail("report: unknown option '%s'; see 'enface report --help'", a);
        } else if (npaths < 2) {
            paths[npaths++] = a;
        } else {
            return cli_fail("report: too many files; usage: enface report [OPTIONS] EN ZH");
        }
    }
    if (npaths != 2)
        return cli_fail("report: need two files; usage: enface report [OPTIONS] EN ZH");

    enf_error err = {0};
    enf_doc *en = NULL, *zh = NULL, *zh_old = NULL;
    enf_alignment *al = NULL, *al_old = NULL;
    enf_glossary *g = NULL;
    enf_findings *findings = NULL;
    enf_output *o = NULL;
    int rc = ENF_EXIT_ERROR;
    if (enf_doc_read_file(paths[0], units, &en, &err) ||
        enf_doc_read_file(paths[1], units, &zh, &err) ||
        (old && enf_doc_read_file(old, units, &zh_old, &err)) ||
        enf_align_blocks(en, zh, &aopts, &al, &err) ||
        (zh_old && enf_align_blocks(en, zh_old, &aopts, &al_old, &err))) {
        cli_fail_err(&err);
        goto done;
    }
    if (n_glossaries) {
        if (enf_glossary_new(&g, &err)) {
            cli_fail_err(&err);
            goto done;
        }
        for (size_t i = 0; i < n_glossaries; i++)
            if (enf_glossary_load(g, glossaries[i], &err)) {
                cli_fail_err(&err);
                goto done;
            }
    }
    if (!no_check && !(findings = S_run_checks(en, zh, al, g, &err))) {
        cli_fail_err(&err);
        goto done;
    }
    enf_report_opts ropts = {0};
    ropts.title = title;
    ropts.zh_old = zh_old;
    ropts.al_old = al_old;
    if (enf_output_open(out, &o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    if (enf_report_write(enf_output_file(o), en, zh, al, findings, g, &ropts, &err)) {
        enf_output_abort(o);
        cli_fail_err(&err);
        goto done;
    }
    if (enf_output_commit(o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    rc = ENF_EXIT_OK;
done:
    if (findings) {
        enf_findings_free(findings);
        free(findings);
    }
    enf_glossary_free(g);
    enf_alignment_free(al);
    enf_alignment_free(al_old);
    enf_doc_free(en);
    enf_doc_free(zh);
    enf_doc_free(zh_old);
    return rc;
}
