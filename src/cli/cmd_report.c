/* cmd_report.c — `enface report EN ZH`: read, align, check (with the same
 * settings as `enface check`), and write the self-contained HTML review
 * page atomically. */
#include "cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *out, *old, *title, *beads, *config;
    cli_list glossaries;
    enf_units units;
    int band, no_check, no_config;
} S_args;

static const cli_option S_options[] = {
    CLI_STRING("output", 'o', "FILE", S_args, out,
               "write to FILE (atomically); default standard output"),
    CLI_LIST("glossary", 'g', "FILE", S_args, glossaries,
             "check and highlight this glossary's terms (repeatable;\n"
             "later files win for the same English term)"),
    CLI_STRING("old", 0, "ZH_OLD", S_args, old,
               "also show what changed since ZH_OLD, an earlier\n"
               "version of the translation, row by row"),
    CLI_STRING("beads", 0, "FILE", S_args, beads,
               "use this block alignment (enface align output)"),
    CLI_FLAG("no-check", 0, S_args, no_check, 1,
             "leave out the findings (alignment and terms only)"),
    CLI_STRING("config", 0, "FILE", S_args, config,
               "read settings from FILE instead of the nearest\n"
               ".enface.ini (searched from ZH's directory upwards)"),
    CLI_FLAG("no-config", 0, S_args, no_config, 1, "do not read any .enface.ini"),
    /* an empty title is a title: the page's <title> is then empty */
    {.name = "title", .value = "TEXT", .help = "page title (default: \"EN <-> ZH\")",
     .kind = CLI_OPT_STRING, .offset = offsetof(S_args, title), .empty_ok = 1},
    CLI_CALL("units", 'u', "UNITS", S_args, units, cli_set_units,
             "auto (default), markdown or html"),
    CLI_INT("band", 0, "N", S_args, band, 1, INT_MAX,
            "half width of the alignment search band (default 60)"),
    CLI_END,
};

static const cli_usage S_usage = {
    "report",
    "usage: enface report [OPTIONS] EN ZH\n"
    "\n"
    "Write one self-contained HTML page to review ZH, the translation of EN:\n"
    "facing columns with one row per aligned pair, findings at their places,\n"
    "glossary terms, differences inside each pair, a summary and an alignment\n"
    "plot.  The findings are those 'enface check EN ZH' reports with the same\n"
    "settings (.enface.ini, glossaries).  The page needs no network and runs\n"
    "no script but its own.\n",
    "Exit status: 0 page written (whatever the findings), 2 usage or input error.\n",
    23,
};

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

static int S_report(const S_args *a, const cli_list *files)
{
    const char *out = a->out, *old = a->old, *title = a->title, *beads = a->beads;
    const char *config = a->config;
    enf_units units = a->units;
    enf_align_opts aopts = {0};
    int no_check = a->no_check, no_config = a->no_config;
    aopts.band = a->band;
    if (files->n > 2)
        return cli_fail("report: too many files; usage: enface report [OPTIONS] EN ZH");
    if (files->n != 2)
        return cli_fail("report: need two files; usage: enface report [OPTIONS] EN ZH");
    const char *paths[2] = {files->v[0], files->v[1]};

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
                            a->glossaries.v, a->glossaries.n, &g))
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

int cmd_report(int argc, char **argv)
{
    S_args a = {.units = ENF_UNITS_AUTO};
    cli_list files = {0};
    int rc = cli_parse_options(argc, argv, S_options, &S_usage, &a, &files);
    if (rc == CLI_PARSED)
        rc = S_report(&a, &files);
    cli_options_free(S_options, &a, &files);
    return rc;
}
