/* cmd_drift.c — `enface drift EN_OLD EN_NEW ZH`: which blocks of the
 * translation ZH went stale when its original changed from EN_OLD to
 * EN_NEW (enf_drift); findings written as `enface check` writes them, exit
 * 1 at or above --fail-on.  With --pairs, a git repository's pairs
 * (drift_repo.c). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    const char *out, *format, *source_lang, *mode;
    enf_units units;
    int fail_on, list_rules;
    cli_list glossaries;
    enf_drift_opts opts;
    /* --pairs */
    cli_list pairs;
    const char *root, *config, *en_rev, *source_commit_key, *summary;
    int no_config, update_source_commit;
} S_args;

/* --enable, --disable, --severity: applied in command-line order */
static int S_rule(const char *cmd, const char *rule, int sev, void *field)
{
    enf_error err = {0};
    if (enf_drift_opts_set(field, rule, sev, &err))
        return cli_fail("%s: %s", cmd, err.msg);
    return 0;
}

static int S_enable(const char *cmd, const char *v, void *field)
{
    return S_rule(cmd, v, -1, field);
}

static int S_disable(const char *cmd, const char *v, void *field)
{
    return S_rule(cmd, v, ENF_SEV_NONE, field);
}

static int S_severity(const char *cmd, const char *v, void *field)
{
    const char *eq = strchr(v, '=');
    enf_severity s;
    if (!eq || enf_severity_parse(eq + 1, &s))
        return cli_fail("%s: --severity needs RULE=LEVEL (off, note, warning, error), got '%s'", cmd, v);
    char rule[128];
    snprintf(rule, sizeof rule, "%.*s", (int)(eq - v), v);
    return S_rule(cmd, rule, (int)s, field);
}

static int S_set_lang(const char *cmd, const char *v, void *field)
{
    if (strcmp(v, "auto") && strcmp(v, "en") && strcmp(v, "zh"))
        return cli_fail("%s: --source-lang needs auto, en or zh, got '%s'", cmd, v);
    *(const char **)field = v;
    return 0;
}

static int S_set_mode(const char *cmd, const char *v, void *field)
{
    if (strcmp(v, "classify") && strcmp(v, "plain") && strcmp(v, "section"))
        return cli_fail("%s: --mode needs classify, plain or section, got '%s'", cmd, v);
    *(const char **)field = v;
    return 0;
}

static const cli_option S_options[] = {
    CLI_OPERAND("EN_OLD", "the original the translation was made from"),
    CLI_OPERAND("EN_NEW", "the original as it is now"),
    CLI_OPERAND("ZH", "the translation of EN_OLD"),
    CLI_OPERAND("FILE", "with --pairs: the pages to look at (either side)"),
    CLI_CHOICE("format", 'f', "FMT", S_args, format, cli_set_findings_format,
               "text json sarif github rdjson",
               "text (default), json, sarif (SARIF 2.1.0), github\n"
               "(workflow annotations, most severe first, capped) or\n"
               "rdjson (reviewdog's Diagnostic Format)"),
    CLI_STRING("output", 'o', "FILE", S_args, out,
               "write to FILE (atomically) instead of standard output"),
    CLI_CHOICE("fail-on", 0, "LEVEL", S_args, fail_on, cli_set_fail_on, "error warning note never",
               "exit 1 when a finding is at least LEVEL: error, warning\n"
               "(default), note, or never"),
    CLI_LIST("glossary", 'g', "FILE", S_args, glossaries,
             "a glossary (TSV or TBX): a changed glossary term is\n"
             "named as such; repeat to layer them"),
    CLI_CHOICE("source-lang", 0, "LANG", S_args, source_lang, S_set_lang, "auto en zh",
               "the originals' language: auto (default, guessed from\n"
               "EN_OLD), en (ZH is Chinese) or zh (the translation is\n"
               "English)"),
    CLI_CHOICE("units", 'u', "UNITS", S_args, units, cli_set_units, CLI_UNITS_CHOICES,
               "auto (default), markdown, commonmark, html, lines, or\n"
               "a docs site's Markdown (see --dialect)"),
    CLI_DIALECT(S_args, units),
    CLI_CALL("enable", 0, "RULE", S_args, opts, S_enable, "turn a drift rule (or \"drift\") on"),
    CLI_CALL("disable", 0, "RULE", S_args, opts, S_disable, "turn a drift rule off"),
    CLI_CALL("severity", 0, "RULE=LEVEL", S_args, opts, S_severity,
             "the severity of a change that matters (off, note,\n"
             "warning, error); minor edits stay notes"),
    CLI_CHOICE("mode", 0, "MODE", S_args, mode, S_set_mode, "classify plain section",
               "classify (default); plain or section: the baselines of\n"
               "tools/eval-drift (no classification; whole sections)"),
    CLI_FLAG("list-rules", 0, S_args, list_rules, 1,
             "list the drift rules with their default severities"),
    CLI_HEADING("In a git repository (--pairs):"),
    CLI_LIST("pairs", 0, "EN=ZH", S_args, pairs,
             "the layout, as for enface check ('{name}.md=zh/{name}.md',\n"
             "'en/{path}.md=zh-cn/{path}.md'); repeatable.  Also\n"
             ".enface.ini [pairs]"),
    CLI_STRING("en-rev", 0, "REV", S_args, en_rev,
               "the original now: at the git revision REV (default HEAD)"),
    CLI_STRING("source-commit-key", 0, "KEY", S_args, source_commit_key,
               "the translation's front-matter key naming the original's\n"
               "commit it was synced to, dotted when nested (default:\n"
               "l10n.sourceCommit or default_lang_commit; without one,\n"
               "the original's last commit at or before the\n"
               "translation's).  Also .enface.ini [drift]\n"
               "source-commit-key"),
    CLI_FLAG("update-source-commit", 0, S_args, update_source_commit, 1,
             "after the report, write REV's commit into the key of each\n"
             "translation of the run (name the pages you synced as\n"
             "FILE); only that key changes, atomically"),
    CLI_STRING("summary", 0, "FILE", S_args, summary,
               "write the Markdown table of stale pages, most stale\n"
               "first, to FILE (default: standard error)"),
    CLI_STRING("root", 0, "DIR", S_args, root,
               "the repository's root for --pairs (default: the\n"
               ".enface.ini's directory, else the current one)"),
    CLI_STRING("config", 0, "FILE", S_args, config,
               "read [pairs] and [drift] from FILE instead of the\n"
               "nearest .enface.ini"),
    CLI_FLAG("no-config", 0, S_args, no_config, 1, "do not read any .enface.ini"),
    CLI_END,
};

static const cli_usage S_usage = {
    "drift",
    "usage: enface drift [OPTIONS] EN_OLD EN_NEW ZH\n"
    "       enface drift [OPTIONS] --pairs EN=ZH [--en-rev REV] [FILE...]\n"
    "\n"
    "Which blocks of the translation ZH went stale when its original changed from\n"
    "EN_OLD to EN_NEW.  EN_OLD is aligned with ZH, EN_OLD and EN_NEW are compared\n"
    "block by block (white space and line wrapping are no change) and each change\n"
    "is reported in ZH: drift.stale (its original changed), drift.orphan (deleted),\n"
    "drift.untranslated (a new block, at the place its translation belongs),\n"
    "drift.moved (moved elsewhere).  A full stop or quotes added or dropped and\n"
    "typo-size edits are notes (unless ZH writes the edited word as EN_OLD did:\n"
    "spelling); another punctuation mark (a colon, comma, bracket, hyphen: ZH\n"
    "writes it too), a changed number, link, code or glossary term, a bullet gained\n"
    "or lost (markup), a negation, a rewrite and an added, removed or moved block\n"
    "are warnings.  The EN_NEW place is the related location; a word split or\n"
    "joined (VSCode -> VS Code) is a change, not white space.\n"
    "With a Chinese original (--source-lang zh, or guessed) the\n"
    "operands are ZH_OLD ZH_NEW EN; its punctuation edits are notes.\n"
    "\n"
    "In a git work tree, --pairs takes each translation against the original at\n"
    "REV since the revision it was synced to: its front-matter key, else the\n"
    "original's last commit at or before the translation's last commit.\n",
    "Suppress findings in ZH with <!-- enface-disable RULE --> ... <!-- enface-enable RULE -->\n"
    "or <!-- enface-disable-next-line RULE --> (no RULE = all rules).\n"
    "Exit status: 0 no finding at or above --fail-on, 1 there are, 2 usage or input error.\n",
    24,
};

static int S_list_rules(void)
{
    for (int r = 0; r < ENF_RULE__COUNT; r++) {
        const enf_rule_info *ri = enf_rule_get((enf_rule)r);
        if (!strcmp(ri->command, "drift"))
            printf("%-22s %-8s %s\n", ri->id, enf_severity_name(ri->default_severity), ri->summary);
    }
    return ENF_EXIT_OK;
}

static void S_set_opts(S_args *a, enf_glossary *g)
{
    a->opts.glossary = g;
    a->opts.source_lang = !a->source_lang || !strcmp(a->source_lang, "auto") ? ENF_LANG_AUTO
                          : !strcmp(a->source_lang, "zh")                    ? ENF_LANG_ZH
                                                                              : ENF_LANG_EN;
    a->opts.mode = !a->mode || !strcmp(a->mode, "classify") ? ENF_DRIFT_CLASSIFY
                   : !strcmp(a->mode, "plain")              ? ENF_DRIFT_PLAIN
                                                            : ENF_DRIFT_SECTION;
}

static int S_drift_repo(S_args *a, const cli_list *files)
{
    enf_glossary *g = NULL;
    if (a->glossaries.n && cli_load_glossaries(a->glossaries.v, a->glossaries.n, NULL, 0, &g))
        return ENF_EXIT_ERROR;
    S_set_opts(a, g);
    cli_drift_repo_args r = {
        .out = a->out,
        .format = a->format,
        .root = a->root,
        .config = a->config,
        .en_rev = a->en_rev,
        .source_commit_key = a->source_commit_key,
        .summary = a->summary,
        .no_config = a->no_config,
        .update_source_commit = a->update_source_commit,
        .fail_on = a->fail_on,
        .units = a->units,
        .pairs = &a->pairs,
        .opts = &a->opts,
    };
    int rc = cli_drift_repo(&r, files);
    enf_glossary_free(g);
    return rc;
}

static int S_drift(S_args *a, const cli_list *files)
{
    if (a->list_rules)
        return S_list_rules();
    if (a->pairs.n || a->en_rev || a->root || a->update_source_commit || a->summary ||
        a->source_commit_key || a->config || !files->n)
        return S_drift_repo(a, files);
    if (files->n != 3)
        return cli_fail("drift: need three files (or --pairs in a git repository); usage: enface "
                        "drift [OPTIONS] EN_OLD EN_NEW ZH");
    enf_findings_format fmt = ENF_FINDINGS_TEXT;
    if (a->format)
        cli_parse_findings_format(a->format, &fmt);
    int fail_on = a->fail_on < 0 ? ENF_SEV_WARNING : a->fail_on;
    enf_doc *d[3] = {NULL, NULL, NULL};
    enf_glossary *g = NULL;
    enf_findings fs = {0};
    enf_error err = {0};
    enf_output *o = NULL;
    enf_drift_stats st = {0};
    int rc = ENF_EXIT_ERROR;
    if (a->glossaries.n && cli_load_glossaries(a->glossaries.v, a->glossaries.n, NULL, 0, &g))
        goto done;
    for (int i = 0; i < 3; i++)
        if (enf_doc_read_file(files->v[i], a->units, &d[i], &err)) {
            cli_fail_err(&err);
            goto done;
        }
    S_set_opts(a, g);
    a->opts.stats = &st;
    if (enf_output_open(a->out, &o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    if (enf_drift(d[0], d[1], d[2], &a->opts, &fs, &err)) {
        enf_output_abort(o);
        cli_fail_err(&err);
        goto done;
    }
    if (!st.changed && !st.deleted && !st.inserted && !st.moved)
        fprintf(stderr, "enface: drift: no drift: %s and %s have the same blocks (white space aside)\n",
                files->v[0], files->v[1]);
    else if (st.changed == st.format_only && !st.deleted && !st.inserted && !st.moved)
        fprintf(stderr, "enface: drift: no drift: %s and %s differ in format only\n", files->v[0],
                files->v[1]);
    if (st.unaligned)
        fprintf(stderr,
                "enface: drift: warning: %s does not look like a translation of %s (%zu of %zu blocks "
                "paired); no drift reported\n",
                files->v[2], files->v[0], st.paired, st.src_blocks);
    unsigned flags = ENF_WF_DRIFT;
    if (fmt == ENF_FINDINGS_TEXT && (!a->out || !strcmp(a->out, "-")) && isatty(1)) {
        flags |= ENF_WF_SOURCE;
        if (!getenv("NO_COLOR"))
            flags |= ENF_WF_COLOR;
    }
    if (cli_finish_output(o, enf_write_findings(enf_output_file(o), fmt, d[1], d[2], &fs, flags, &err),
                          &err))
        goto done;
    rc = fail_on <= ENF_SEV_ERROR && (int)enf_findings_max(&fs) >= fail_on && fs.n ? ENF_EXIT_FINDINGS
                                                                                 : ENF_EXIT_OK;
done:
    enf_findings_free(&fs);
    for (int i = 0; i < 3; i++)
        enf_doc_free(d[i]);
    enf_glossary_free(g);
    return rc;
}

int cmd_drift(int argc, char **argv)
{
    S_args a = {.units = ENF_UNITS_AUTO, .fail_on = -1};
    enf_drift_opts_init(&a.opts);
    cli_list files = {0};
    int rc = cli_parse_options(argc, argv, S_options, &S_usage, &a, &files);
    if (rc == CLI_PARSED)
        rc = S_drift(&a, &files);
    cli_options_free(S_options, &a, &files);
    return rc;
}

const cli_option *cmd_drift_options(void)
{
    return S_options;
}
