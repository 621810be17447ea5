/* cmd_report.c — `enface report EN ZH`: open the translation as `enface
 * check` does (cli_open_pair), check it, and write the self-contained HTML
 * review page atomically. */
#include "cli.h"

#include <limits.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    const char *out, *old, *title, *beads, *config, *en_old;
    cli_list glossaries;
    enf_units units;
    const char *encoding;
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
    CLI_STRING("en-old", 0, "EN_OLD", S_args, en_old,
               "ZH translates EN_OLD, an earlier version of EN: mark\n"
               "the rows enface drift EN_OLD EN ZH finds stale or not\n"
               "yet translated, with the English change"),
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
    CLI_CHOICE("units", 'u', "UNITS", S_args, units, cli_set_units, CLI_UNITS_CHOICES,
               "auto (default), markdown, commonmark, html, or a docs\n"
               "site's Markdown (see --dialect)"),
    CLI_DIALECT(S_args, units),
    CLI_STRING("encoding", 0, "ENCODING", S_args, encoding,
               "the documents' encoding when not UTF-8: GB18030, GBK,\n"
             "Big5, UTF-16LE ... (ICU names); converted strictly"),
    CLI_INT("band", 0, "N", S_args, band, 1, INT_MAX,
            "half width of the alignment search band (default 60)"),
    CLI_END,
};

static const cli_usage S_usage = {
    "report",
    "usage: enface report [OPTIONS] [EN] ZH     (-o FILE: the page)\n"
    "\n"
    "Write one self-contained HTML page to review ZH, the translation of EN:\n"
    "facing columns with one row per aligned pair, findings at their places,\n"
    "glossary terms, differences inside each pair, a summary and an alignment\n"
    "plot; with ZH alone, one column and the findings check has on it alone.\n"
    "The findings are those 'enface check [EN] ZH' reports with the same\n"
    "settings (.enface.ini, glossaries).  The page needs no network and runs\n"
    "no script but its own.  With --en-old, ZH is the translation of EN_OLD and\n"
    "the rows its change to EN left stale or untranslated are marked.  Without\n"
    "-o it goes to standard output, which must not be a terminal.\n",
    "Exit status: 0 page written (whatever the findings), 2 usage or input error.\n",
    23,
};

/* --old: read once the pair is, and with it held to the page's limit
 * before anything is aligned (cli_pair.read) */
typedef struct {
    const char *path;
    enf_doc *doc;
    const char *en_path;   /* --en-old */
    enf_doc *en_doc;
} S_old;

static int S_read_old(cli_pair *p, void *ctx)
{
    S_old *old = ctx;
    enf_error err = {0};
    const enf_doc *en = p->en, *zh = p->zh;
    if (old->path && enf_doc_read_file_as(old->path, p->units, p->encoding, &old->doc, &err))
        return cli_fail_err(&err);
    if (!en && zh->n_blocks > ENF_MAX_REPORT_BLOCKS)
        return cli_fail("%s: %zu blocks is too many for one review page (limit %zu); "
                        "split the document", zh->name, zh->n_blocks, ENF_MAX_REPORT_BLOCKS);
    if (!en)
        return ENF_EXIT_OK;
    if (old->en_path && enf_doc_read_file_as(old->en_path, p->units, p->encoding, &old->en_doc, &err))
        return cli_fail_err(&err);
    if (old->en_doc && old->en_doc->n_blocks + zh->n_blocks > ENF_MAX_REPORT_BLOCKS)
        return cli_fail("%s, %s: %zu blocks is too many for one review page (limit %zu); "
                        "split the document",
                        old->en_doc->name, zh->name, old->en_doc->n_blocks + zh->n_blocks,
                        ENF_MAX_REPORT_BLOCKS);
    if (en->n_blocks + zh->n_blocks > ENF_MAX_REPORT_BLOCKS)
        /* before aligning and checking: the page would be refused anyway */
        return cli_fail("%s, %s: %zu blocks is too many for one review page (limit %zu); "
                        "split the document",
                        en->name, zh->name, en->n_blocks + zh->n_blocks, ENF_MAX_REPORT_BLOCKS);
    if (old->doc && en->n_blocks + old->doc->n_blocks > ENF_MAX_REPORT_BLOCKS)
        /* --old is aligned and diffed too: 1M blocks there did not finish */
        return cli_fail("%s, %s: %zu blocks is too many for one review page (limit %zu); "
                        "split the document",
                        en->name, old->doc->name, en->n_blocks + old->doc->n_blocks,
                        ENF_MAX_REPORT_BLOCKS);
    return ENF_EXIT_OK;
}

static int S_report(const S_args *a, const cli_list *files)
{
    if (files->n > 2)
        return cli_fail("report: too many files; usage: enface report [OPTIONS] [EN] ZH");
    if (files->n == 0)
        return cli_fail("report: need a file; usage: enface report [OPTIONS] [EN] ZH");
    int zh_only = files->n == 1;
    if (zh_only && a->old)
        return cli_fail("report: --old needs the original: enface report --old ZH_OLD EN ZH");
    if (zh_only && a->beads)
        return cli_fail("report: --beads needs the original: enface report --beads FILE EN ZH");
    /* before any work: a page of HTML on a terminal helps no one */
    if ((!a->out || !strcmp(a->out, "-")) && isatty(STDOUT_FILENO))
        return cli_fail("report: will not write HTML to a terminal; give -o FILE "
                        "(or redirect standard output)");
    enf_align_opts aopts = {0};
    aopts.band = a->band;
    S_old old = {a->old, NULL, a->en_old, NULL};
    /* the settings of `enface check`: .enface.ini, then the command line */
    cli_pair p = {
        .en_path = zh_only ? NULL : files->v[0],
        .zh_path = files->v[files->n - 1],
        .units = a->units,
        .encoding = a->encoding,
        .config = a->config,
        .no_config = a->no_config,
        .glossaries = a->glossaries.v,
        .n_glossaries = a->glossaries.n,
        .beads = a->beads,
        .align_opts = &aopts,
        .read = S_read_old,
        .ctx = &old,
    };
    enf_error err = {0};
    enf_alignment *al_old = NULL;
    enf_findings findings = {0}, drift = {0};
    enf_output *o = NULL;
    int rc = cli_open_pair(&p);
    if (rc != ENF_EXIT_OK)
        goto done;
    rc = ENF_EXIT_ERROR;
    if ((old.doc && enf_align_blocks(p.en, old.doc, &aopts, &al_old, &err)) ||
        (!a->no_check && enf_check(p.en, p.zh, p.al, &p.check, &findings, &err))) {
        cli_fail_err(&err);
        goto done;
    }
    if (old.en_doc) {
        /* the drift of the translation's original to EN, as plain data */
        enf_drift_opts dopts;
        enf_drift_opts_init(&dopts);
        dopts.source_lang = ENF_LANG_EN;
        dopts.glossary = p.check.glossary;
        if (enf_drift(old.en_doc, p.en, p.zh, &dopts, &drift, &err)) {
            cli_fail_err(&err);
            goto done;
        }
    }
    enf_report_opts ropts = {0};
    ropts.title = a->title;
    ropts.zh_old = old.doc;
    ropts.al_old = al_old;
    ropts.drift = old.en_doc ? &drift : NULL;
    if (enf_output_open(a->out, &o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    rc = cli_finish_output(o, enf_report_write(enf_output_file(o), p.en, p.zh, p.al,
                                               a->no_check ? NULL : &findings, p.check.glossary,
                                               &ropts, &err),
                           &err);
done:
    enf_findings_free(&findings);
    enf_findings_free(&drift);
    enf_alignment_free(al_old);
    enf_doc_free(old.doc);
    enf_doc_free(old.en_doc);
    cli_close_pair(&p);
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

const cli_option *cmd_report_options(void)
{
    return S_options;
}
