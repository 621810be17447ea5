/* cmd_report.c — `enface report EN ZH`: read, align, check (with the same
 * settings as `enface check`), and write the self-contained HTML review
 * page atomically. */
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
    "plot.  The findings are those 'enface check EN ZH' reports with the same\n"
    "settings (.enface.ini, glossaries).  The page needs no network and runs\n"
    "no script but its own.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE    write to FILE (atomically); default standard output\n"
    "  -g, --glossary FILE  check and highlight this glossary's terms (repeatable;\n"
    "                       later files win for the same English term)\n"
    "      --old ZH_OLD     also show what changed since ZH_OLD, an earlier\n"
    "                       version of the translation, row by row\n"
    "      --beads FILE     use this block alignment (enface align output)\n"
    "      --no-check       leave out the findings (alignment and terms only)\n"
    "      --config FILE    read settings from FILE instead of the nearest\n"
    "                       .enface.ini (searched from ZH's directory upwards)\n"
    "      --no-config      do not read any .enface.ini\n"
    "      --title TEXT     page title (default: \"EN <-> ZH\")\n"
    "  -u, --units UNITS    auto (default), markdown or html\n"
    "      --band N         half width of the alignment search band (default 60)\n"
    "  -h, --help           show this help\n"
    "\n"
    "Exit status: 0 page written (whatever the findings), 2 usage or input error.\n";

/* The directory of a path, for finding .enface.ini like `enface check`. */
static void S_dirname(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (slash && (size_t)(slash - path) < size) {
        memcpy(dir, path, (size_t)(slash - path));
        dir[slash - path] = '\0';
        if (!dir[0])
            snprintf(dir, size, "/");
    } else {
        snprintf(dir, size, ".");
    }
}

int cmd_report(int argc, char **argv)
{
    const char *out = NULL, *old = NULL, *title = NULL, *beads = NULL, *config = NULL;
    const char *paths[2] = {NULL, NULL};
    const char *glossaries[64];
    size_t n_glossaries = 0;
    enf_units units = ENF_UNITS_AUTO;
    enf_align_opts aopts = {0};
    int npaths = 0, no_check = 0, no_config = 0;
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
        } else if ((v = cli_opt_value(argc, argv, &i, "--beads"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            beads = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--config"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            config = v;
        } else if (!strcmp(a, "--no-config")) {
            no_config = 1;
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
    enf_findings findings = {0};
    enf_config cfg = {0};
    cfg.fail_on = -1;
    char *found_config = NULL, *beads_buf = NULL;
    enf_output *o = NULL;
    int rc = ENF_EXIT_ERROR;

    /* the settings of `enface check`: .enface.ini, then the command line */
    enf_check_opts copts;
    enf_check_opts_init(&copts);
    if (!no_config) {
        if (!config) {
            char dir[4096];
            S_dirname(paths[1], dir, sizeof dir);
            config = found_config = enf_config_find(dir);
        }
        if (config && enf_config_load(config, &cfg, &copts, &err)) {
            cli_fail_err(&err);
            goto done;
        }
    }
    if (cli_load_glossaries((const char *const *)cfg.glossaries, cfg.n_glossaries,
                            (const char *const *)glossaries, n_glossaries, &g))
        goto done;
    copts.glossary = enf_glossary_count(g) ? g : NULL;

    if (enf_doc_read_file(paths[0], units, &en, &err) ||
        enf_doc_read_file(paths[1], units, &zh, &err) ||
        (old && enf_doc_read_file(old, units, &zh_old, &err))) {
        cli_fail_err(&err);
        goto done;
    }
    if (en->n_blocks + zh->n_blocks > ENF_MAX_REPORT_BLOCKS) {
        /* before aligning and checking: the page would be refused anyway */
        cli_fail("%s, %s: %zu blocks is too many for one review page (limit %zu); split the document",
                 en->name, zh->name, en->n_blocks + zh->n_blocks, ENF_MAX_REPORT_BLOCKS);
        goto done;
    }
    if (zh_old && en->n_blocks + zh_old->n_blocks > ENF_MAX_REPORT_BLOCKS) {
        /* --old is aligned and diffed too: 1M blocks there did not finish */
        cli_fail("%s, %s: %zu blocks is too many for one review page (limit %zu); split the document",
                 en->name, zh_old->name, en->n_blocks + zh_old->n_blocks, ENF_MAX_REPORT_BLOCKS);
        goto done;
    }
    if (beads) {
        size_t blen = 0;
        if (enf_read_text_file(beads, &beads_buf, &blen, &err)) {
            cli_fail_err(&err);
            goto done;
        }
        if (enf_read_beads(beads, beads_buf, blen, en, zh, &al, &err)) {
            cli_fail_err(&err);
            goto done;
        }
    } else if (enf_align_blocks(en, zh, &aopts, &al, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    if ((zh_old && enf_align_blocks(en, zh_old, &aopts, &al_old, &err)) ||
        (!no_check && enf_check(en, zh, al, &copts, &findings, &err))) {
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
    rc = cli_finish_output(o, enf_report_write(enf_output_file(o), en, zh, al,
                                               no_check ? NULL : &findings, copts.glossary,
                                               &ropts, &err),
                           &err);
done:
    enf_findings_free(&findings);
    enf_glossary_free(g);
    enf_config_free(&cfg);
    free(found_config);
    free(beads_buf);
    enf_alignment_free(al);
    enf_alignment_free(al_old);
    enf_doc_free(en);
    enf_doc_free(zh);
    enf_doc_free(zh_old);
    return rc;
}
