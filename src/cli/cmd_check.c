/* cmd_check.c — `enface check [EN] ZH`: open the translation with its
 * settings (cli_open_pair: config, glossaries, documents, alignment), run
 * the checks and write the findings; exit 1 at or above --fail-on. */
#include "cli.h"
#include "pairs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int S_list_rules(void)
{
    for (int r = 0; r < ENF_RULE__COUNT; r++) {
        const enf_rule_info *ri = enf_rule_get((enf_rule)r);
        if (strcmp(ri->command, "check") != 0)
            continue;   /* enface drift's rules: 'enface drift --list-rules' */
        printf("%-22s %-8s %s%s\n", ri->id, enf_severity_name(ri->default_severity), ri->summary,
               ri->bilingual_only ? " [needs EN]" : "");
    }
    return ENF_EXIT_OK;
}

/* --enable, --disable and --severity, in command-line order: later ones
 * win for the same rule */
typedef struct {
    char *rule;   /* malloc'd */
    int sev;      /* an enf_severity, or -1 to enable at the default */
} S_ruleset;

typedef struct {
    S_ruleset *v;
    size_t n, cap;
} S_rules;

typedef struct {
    const char *out, *beads, *config, *format, *root, *changed_since, *dict;
    enf_units units;
    const char *encoding;
    int discover, no_config, fail_on, list_rules, no_default_glossary, fix, diff;
    cli_list glossaries, pairs;
    S_rules rules;
} S_args;

static int S_add_rule(void *field, const char *rule, size_t len, int sev)
{
    S_rules *rs = field;
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? 2 * rs->cap : 8;
        S_ruleset *v = realloc(rs->v, cap * sizeof *v);
        if (!v)
            return cli_fail("out of memory");
        rs->v = v;
        rs->cap = cap;
    }
    char *r = strndup(rule, len);
    if (!r)
        return cli_fail("out of memory");
    rs->v[rs->n].rule = r;
    rs->v[rs->n++].sev = sev;
    return 0;
}

static int S_enable(const char *cmd, const char *v, void *field)
{
    (void)cmd;
    return S_add_rule(field, v, strlen(v), -1);
}

static int S_disable(const char *cmd, const char *v, void *field)
{
    (void)cmd;
    return S_add_rule(field, v, strlen(v), ENF_SEV_NONE);
}

static int S_severity(const char *cmd, const char *v, void *field)
{
    const char *eq = strchr(v, '=');
    enf_severity s;
    if (!eq || enf_severity_parse(eq + 1, &s))
        return cli_fail("%s: --severity needs RULE=LEVEL (off, note, warning, error), got '%s'",
                        cmd, v);
    return S_add_rule(field, v, (size_t)(eq - v), (int)s);
}

static const cli_option S_options[] = {
    CLI_LIST("glossary", 'g', "FILE", S_args, glossaries,
             "a glossary (TSV, or TBX by extension .tbx/.xml); repeat to\n"
             "layer them, later files win for the same English term"),
    CLI_FLAG("no-default-glossary", 0, S_args, no_default_glossary, 1,
             "without -g, use no glossary (not the default ml.tsv;\n"
             "the config's glossaries still apply)"),
    CLI_CHOICE("format", 'f', "FMT", S_args, format, cli_set_findings_format,
               "text json sarif github rdjson",
               "text (default), json, sarif (SARIF 2.1.0), github\n"
               "(workflow annotations, most severe first, capped) or\n"
               "rdjson (reviewdog's Diagnostic Format)"),
    CLI_STRING("output", 'o', "FILE", S_args, out,
               "write to FILE (atomically) instead of standard output"),
    CLI_CHOICE("units", 'u', "UNITS", S_args, units, cli_set_units, CLI_UNITS_CHOICES,
               "auto (default), markdown, commonmark, html, lines, or\n"
               "a docs site's Markdown (see --dialect)"),
    CLI_DIALECT(S_args, units),
    CLI_STRING("encoding", 0, "ENCODING", S_args, encoding,
               "the documents' encoding when not UTF-8: GB18030, GBK,\n"
             "Big5, UTF-16LE ... (ICU names); converted strictly"),
    CLI_CHOICE("fail-on", 0, "LEVEL", S_args, fail_on, cli_set_fail_on, "error warning note never",
               "exit 1 when a finding is at least LEVEL: error, warning\n"
               "(default), note, or never"),
    CLI_CALL("enable", 0, "RULE", S_args, rules, S_enable,
             "turn a rule (or family: glossary, link, ...) on"),
    CLI_CALL("disable", 0, "RULE", S_args, rules, S_disable, "turn a rule or family off"),
    CLI_CALL("severity", 0, "RULE=LEVEL", S_args, rules, S_severity,
             "set a rule's severity (off, note, warning, error)"),
    CLI_STRING("beads", 0, "FILE", S_args, beads,
               "use this block alignment (enface align output) instead\n"
               "of aligning"),
    CLI_FLAG("discover", 0, S_args, discover, 1,
             "print proposed glossary terms (TSV) from the aligned\n"
             "blocks instead of findings (needs EN and ZH)"),
    CLI_FLAG("fix", 0, S_args, fix, 1,
             "rewrite each forbidden rendering in ZH to the glossary's\n"
             "approved one (prose only, never a suspect), atomically"),
    CLI_FLAG("diff", 0, S_args, diff, 1, "with --fix: print the change as a unified diff, write nothing"),
    CLI_STRING("dict", 0, "FILE", S_args, dict,
               "with --discover: a CC-CEDICT dictionary (cedict_ts.u8);\n"
               "a term's rendering must then share a dictionary pair"),
    CLI_STRING("config", 0, "FILE", S_args, config,
               "read settings from FILE instead of the nearest\n"
               ".enface.ini (searched from ZH's directory upwards)"),
    CLI_FLAG("no-config", 0, S_args, no_config, 1, "do not read any .enface.ini"),
    CLI_LIST("pairs", 0, "EN=ZH", S_args, pairs,
             "check a repository: the layout as two patterns, each\n"
             "with {name} (one directory level) or {path} (any), e.g.\n"
             "'{name}.md=zh/{name}.md'; repeatable.  Without FILE,\n"
             "every pair under the root; with FILE or DIR (of either\n"
             "side), only their pairs.  Also .enface.ini [pairs].\n"
             "'={path}.md': Chinese files without originals, each\n"
             "checked alone"),
    CLI_STRING("root", 0, "DIR", S_args, root,
               "the repository's root for --pairs (default: the\n"
               ".enface.ini's directory, else the current one)"),
    CLI_STRING("changed-since", 0, "REV", S_args, changed_since,
               "with --pairs: only the pairs of which either file\n"
               "changed since the git revision REV (committed, staged,\n"
               "not staged or new), as a pull request's job wants"),
    CLI_FLAG("list-rules", 0, S_args, list_rules, 1,
             "list the rules with their default severities"),
    CLI_END,
};

static const cli_usage S_usage = {
    "check",
    "usage: enface check [OPTIONS] [EN] ZH\n"
    "       enface check [OPTIONS] --pairs EN_PATTERN=ZH_PATTERN [FILE|DIR...]\n"
    "\n"
    "Check a Chinese translation ZH against its original EN (bilingual mode) or\n"
    "alone (Chinese-only mode: glossary, markup, untranslated and spacing rules).\n"
    "Findings are printed as FILE:LINE:COL: SEVERITY: [RULE] MESSAGE (columns in\n"
    "characters); on a terminal the source line and a caret follow.\n",
    "Suppress findings in ZH with <!-- enface-disable RULE --> ... <!-- enface-enable RULE -->\n"
    "or <!-- enface-disable-next-line RULE --> (no RULE = all rules).\n"
    "Exit status: 0 no finding at or above --fail-on, 1 there are, 2 usage or input error.\n",
    24,
};

/* What the command line makes of the settings: its own over the config's. */
typedef struct {
    const S_args *a;
    int fail_on;
    enf_findings_format fmt;
} S_settings;

static int S_configured(cli_pair *p, void *ctx)
{
    S_settings *set = ctx;
    enf_error err = {0};
    for (size_t i = 0; i < set->a->rules.n; i++)
        if (enf_check_opts_set(&p->check, set->a->rules.v[i].rule, set->a->rules.v[i].sev, &err))
            return cli_fail("check: %s", err.msg);
    set->fail_on = set->a->fail_on;
    if (set->fail_on < 0)
        set->fail_on = p->cfg.fail_on >= 0 ? p->cfg.fail_on : ENF_SEV_WARNING;
    set->fmt = ENF_FINDINGS_TEXT;
    if (!set->a->format && p->cfg.format && cli_parse_findings_format(p->cfg.format, &set->fmt))
        return cli_fail("%s: unknown format '%s' (use text, json, sarif, github or rdjson)", p->config_path,
                        p->cfg.format);
    if (set->a->format)
        cli_parse_findings_format(set->a->format, &set->fmt);
    return ENF_EXIT_OK;
}


/* Without -g, the default glossary (ml.tsv) under the config's. */
static const char *S_default_glossary(const S_args *a)
{
    return a->glossaries.n || a->no_default_glossary ? NULL : cli_default_glossary();
}

/* Say which default glossary the run used (after its output: an error
 * stays one line). */
static void S_note_glossary(const cli_pair *p)
{
    if (p->default_glossary)
        fprintf(stderr, "enface: glossary: %s (the default; -g FILE or --no-default-glossary "
                        "to change)\n", p->default_glossary);
}

/* ---- a repository: every pair of the layout in one run */

/* "a.md, b.md, c.md and 4 more" on stderr: the pages not translated */
static void S_untranslated(const cli_repo *r)
{
    size_t n = 0, shown = 0;
    for (size_t i = 0; i < r->n; i++)
        n += !r->v[i].zh;
    if (!n)
        return;
    fprintf(stderr, "enface: %zu page%s not translated (no Chinese file):", n, n == 1 ? "" : "s");
    for (size_t i = 0; i < r->n && shown < 10; i++)
        if (!r->v[i].zh)
            fprintf(stderr, "%s %s%s", shown++ ? "," : "", r->prefix, r->v[i].en);
    if (n > shown)
        fprintf(stderr, " and %zu more", n - shown);
    fputc('\n', stderr);
}

/* check --discover --pairs: one discovery over every pair with both
 * files, written once. */
static int S_discover_repo(const S_args *a, cli_pair *p, cli_repo *r)
{
    enf_error err = {0};
    enf_lexicon *lx = NULL;
    enf_discovery *d = NULL;
    enf_output *o = NULL;
    char *en = NULL, *zh = NULL;
    int rc = cli_load_lexicon(a->dict, a->dict == NULL, NULL, 0, &lx);
    if (rc != ENF_EXIT_OK)
        return rc;
    rc = ENF_EXIT_ERROR;
    if (enf_discovery_new(p->glossary, lx, &d, &err) || enf_output_open(a->out, &o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++) {
        free(en);
        free(zh);
        if (cli_repo_paths(r, i, &en, &zh) != ENF_EXIT_OK)
            goto done;
        if (!en || !zh)
            continue;
        p->en_path = en;
        p->zh_path = zh;
        if ((rc = cli_pair_read(p)) != ENF_EXIT_OK)
            goto done;
        rc = ENF_EXIT_ERROR;
        if (enf_discovery_add(d, p->en, p->zh, p->al, &err)) {
            cli_fail_err(&err);
            goto done;
        }
        n++;
        cli_pair_drop_docs(p);
    }
    if (!n) {
        cli_fail("check: --discover: no pair with both files under the root");
        goto done;
    }
    rc = cli_finish_output(o, enf_discovery_write(d, 1000, enf_output_file(o), &err), &err);
    o = NULL;
    if (rc == ENF_EXIT_OK)
        fprintf(stderr, "enface: discovered over %zu pair%s\n", n, n == 1 ? "" : "s");
done:
    if (o)
        enf_output_abort(o);
    free(en);
    free(zh);
    enf_discovery_free(d);
    enf_lexicon_free(lx);
    return rc;
}

static int S_check_repo(const S_args *a, const cli_list *files, const char *config)
{
    if (a->fix)
        return cli_fail("check: --fix takes one pair (or one Chinese file), not --pairs");
    if (a->beads)
        return cli_fail("check: --beads takes one pair, not --pairs");
    S_settings set = {.a = a};
    cli_pair p = {
        .units = a->units,
        .encoding = a->encoding,
        .config = config ? config : a->config,
        .no_config = a->no_config,
        .config_from = ".",
        .glossaries = a->glossaries.v,
        .n_glossaries = a->glossaries.n,
        .default_glossary = S_default_glossary(a),
        .configured = S_configured,
        .ctx = &set,
    };
    cli_repo r = {0};
    enf_findings fs = {0};
    enf_error err = {0};
    enf_output *o = NULL;
    enf_findings_writer *w = NULL;
    char *path_en = NULL, *path_zh = NULL;
    int rc = cli_pair_settings(&p);
    if (rc != ENF_EXIT_OK)
        goto done;
    rc = ENF_EXIT_ERROR;
    cli_repo_spec spec = {
        .cmd = "check",
        .usage = "enface check [OPTIONS] [EN] ZH",
        .need = "need a file, or ",
        .root = a->root,
        .config_path = p.config_path,
        .cfg = &p.cfg,
        .pairs = a->pairs.v,
        .n_pairs = a->pairs.n,
    };
    if (cli_repo_open(&r, &spec, files->v, files->n) != ENF_EXIT_OK)
        goto done;
    if (a->changed_since && cli_repo_keep_changed(&r, "check", a->changed_since) != ENF_EXIT_OK)
        goto done;
    if (a->discover) {
        rc = S_discover_repo(a, &p, &r);
        if (rc == ENF_EXIT_OK)
            S_note_glossary(&p);
        goto done;
    }
    if (enf_output_open(a->out, &o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    unsigned flags = 0;
    if (set.fmt == ENF_FINDINGS_TEXT && (!a->out || !strcmp(a->out, "-")) && isatty(1)) {
        flags |= ENF_WF_SOURCE;
        if (!getenv("NO_COLOR"))
            flags |= ENF_WF_COLOR;
    }
    if (enf_findings_writer_new(enf_output_file(o), set.fmt, flags, r.root_abs, r.prefix, &w,
                                &err)) {
        enf_output_abort(o);
        cli_fail_err(&err);
        goto done;
    }
    size_t c[4] = {0}, n_files = 0;
    for (size_t i = 0; i < r.n; i++) {
        const cli_pair_paths *pp = &r.v[i];
        if (!pp->zh)
            continue;
        free(path_en);
        free(path_zh);
        if (cli_repo_paths(&r, i, &path_en, &path_zh) != ENF_EXIT_OK) {
            enf_output_abort(o);
            goto done;
        }
        if (!pp->en && pp->missing)
            fprintf(stderr, "enface: note: %s has no original (no %s%s): checked Chinese-only\n",
                    path_zh, r.prefix, pp->missing);
        p.en_path = path_en;
        p.zh_path = path_zh;
        if ((rc = cli_pair_read(&p)) != ENF_EXIT_OK) {
            enf_output_abort(o);
            goto done;
        }
        rc = ENF_EXIT_ERROR;
        if (enf_check(p.en, p.zh, p.al, &p.check, &fs, &err)) {
            enf_output_abort(o);
            cli_fail_err(&err);
            goto done;
        }
        if (enf_findings_writer_add(w, p.en, p.zh, &fs, &err)) {
            enf_output_abort(o);
            cli_fail_err(&err);
            goto done;
        }
        for (size_t k = 0; k < fs.n; k++)
            c[fs.v[k].severity]++;
        n_files++;
        enf_findings_free(&fs);
        cli_pair_drop_docs(&p);
    }
    rc = enf_findings_writer_end(w, &err);
    w = NULL;
    if (cli_finish_output(o, rc, &err)) {
        rc = ENF_EXIT_ERROR;
        goto done;
    }
    S_note_glossary(&p);
    S_untranslated(&r);
    size_t total = c[1] + c[2] + c[3];
    fprintf(stderr, "%zu file%s, %zu finding%s: %zu error%s, %zu warning%s, %zu note%s\n", n_files,
            n_files == 1 ? "" : "s", total, total == 1 ? "" : "s", c[3], c[3] == 1 ? "" : "s", c[2],
            c[2] == 1 ? "" : "s", c[1], c[1] == 1 ? "" : "s");
    int worst = c[3] ? ENF_SEV_ERROR : c[2] ? ENF_SEV_WARNING : c[1] ? ENF_SEV_NOTE : ENF_SEV_NONE;
    rc = set.fail_on <= ENF_SEV_ERROR && worst && worst >= set.fail_on ? ENF_EXIT_FINDINGS
                                                                        : ENF_EXIT_OK;
done:
    enf_findings_writer_free(w);
    free(path_en);
    free(path_zh);
    enf_findings_free(&fs);
    cli_repo_free(&r);
    cli_close_pair(&p);
    return rc;
}

/* Whether the .enface.ini a one-pair check would read has a [pairs]
 * section: then the operands are a repository's files.  Its path, or
 * NULL. */
static char *S_config_with_pairs(const S_args *a, const cli_list *files)
{
    if (a->no_config || !files->n)
        return NULL;
    char dir[4096], *path;
    if (a->config) {
        path = strdup(a->config);
    } else {
        cli_dirname(files->v[files->n - 1], dir, sizeof dir);
        path = enf_config_find(dir);
    }
    if (!path)
        return NULL;
    enf_config cfg = {0};
    enf_error err = {0};
    int has = !enf_config_load(path, &cfg, NULL, &err) && cfg.n_pairs;
    enf_config_free(&cfg);
    if (!has) {
        free(path);
        return NULL;
    }
    return path;
}

/* --fix: ZH rewritten in place (atomically) with its forbidden renderings
 * replaced, or with --diff the change printed; exit 0, or 2 on an error. */
static int S_fix(const S_args *a, const cli_pair *p, const enf_findings *fs)
{
    enf_error err = {0};
    char *fixed = NULL;
    size_t len = 0, n = 0;
    if (enf_fix_text(p->zh, fs, &fixed, &len, &n, &err))
        return cli_fail_err(&err);
    int rc = ENF_EXIT_OK;
    if (a->diff) {
        if (enf_write_fix_diff(stdout, p->zh_path, p->zh, fixed, len, &err) || fflush(stdout)) {
            rc = err.code ? cli_fail_err(&err) : cli_fail("%s: write failed", "<stdout>");
        } else {
            fprintf(stderr, "%s: %zu forbidden rendering%s to fix (nothing written)\n", p->zh_path, n,
                    n == 1 ? "" : "s");
        }
    } else if (n) {
        enf_output *o = NULL;
        if (enf_output_open_replace(p->zh_path, &o, &err)) {
            rc = cli_fail_err(&err);
        } else {
            int w = fwrite(fixed, 1, len, enf_output_file(o)) == len ? ENF_OK
                                                                   : enf_error_set(&err, ENF_EIO, "%s: write failed",
                                                                                   p->zh_path);
            rc = cli_finish_output(o, w, &err);
            if (rc == ENF_EXIT_OK)
                fprintf(stderr, "%s: fixed %zu forbidden rendering%s\n", p->zh_path, n, n == 1 ? "" : "s");
        }
    } else {
        fprintf(stderr, "%s: nothing to fix\n", p->zh_path);
    }
    free(fixed);
    return rc;
}

static int S_check(const S_args *a, const cli_list *files)
{
    if (a->list_rules)
        return S_list_rules();
    if (a->pairs.n || a->root || a->changed_since || !files->n)
        return S_check_repo(a, files, NULL);
    char *config = S_config_with_pairs(a, files);
    if (config) {
        int rc = S_check_repo(a, files, config);
        free(config);
        return rc;
    }
    if (files->n > 2)
        return cli_fail("check: too many files; usage: enface check [OPTIONS] [EN] ZH");
    if (a->discover && files->n != 2)
        return cli_fail("check: --discover needs both EN and ZH");
    if (a->dict && !a->discover)
        return cli_fail("check: --dict is read by --discover only");
    if (a->beads && files->n != 2)
        return cli_fail("check: --beads needs both EN and ZH");
    if (a->diff && !a->fix)
        return cli_fail("check: --diff shows what --fix would change; give both");
    if (a->fix && (a->out || a->discover))
        return cli_fail("check: --fix rewrites ZH itself; it takes no -o or --discover");
    if (a->fix && a->encoding)
        return cli_fail("check: --fix writes UTF-8 back; convert the file first (iconv) instead of --encoding");

    S_settings set = {.a = a};
    cli_pair p = {
        .en_path = files->n == 2 ? files->v[0] : NULL,
        .zh_path = files->v[files->n - 1],
        .units = a->units,
        .encoding = a->encoding,
        .config = a->config,
        .no_config = a->no_config,
        .glossaries = a->glossaries.v,
        .n_glossaries = a->glossaries.n,
        .default_glossary = S_default_glossary(a),
        .beads = a->beads,
        .configured = S_configured,
        .ctx = &set,
    };
    enf_findings fs = {0};
    enf_error err = {0};
    enf_output *o = NULL;
    int rc = cli_open_pair(&p);
    if (rc != ENF_EXIT_OK)
        goto done;
    rc = ENF_EXIT_ERROR;
    if (enf_output_open(a->out, &o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    if (a->discover) {
        enf_lexicon *lx = NULL;
        /* the dictionary filter is asked for (--dict), never found by default */
        if ((rc = cli_load_lexicon(a->dict, a->dict == NULL, NULL, 0, &lx)) != ENF_EXIT_OK) {
            enf_output_abort(o);
            goto done;
        }
        rc = cli_finish_output(o,
                               enf_discover_dict(p.en, p.zh, p.al, p.check.glossary, lx, 0,
                                                 enf_output_file(o), &err),
                               &err);
        enf_lexicon_free(lx);
        if (rc == ENF_EXIT_OK)
            S_note_glossary(&p);
        goto done;
    }
    if (enf_check(p.en, p.zh, p.al, &p.check, &fs, &err)) {
        enf_output_abort(o);
        cli_fail_err(&err);
        goto done;
    }
    if (a->fix) {
        enf_output_abort(o);   /* stdout: nothing written to it */
        rc = S_fix(a, &p, &fs);
        goto done;
    }
    unsigned flags = 0;
    if (set.fmt == ENF_FINDINGS_TEXT && (!a->out || !strcmp(a->out, "-")) && isatty(1)) {
        flags |= ENF_WF_SOURCE;
        if (!getenv("NO_COLOR"))
            flags |= ENF_WF_COLOR;
    }
    if (cli_finish_output(
            o, enf_write_findings(enf_output_file(o), set.fmt, p.en, p.zh, &fs, flags, &err), &err))
        goto done;
    S_note_glossary(&p);
    if (flags & ENF_WF_SOURCE) {
        size_t c[4] = {0};
        for (size_t i = 0; i < fs.n; i++)
            c[fs.v[i].severity]++;
        fprintf(stderr, "%zu error%s, %zu warning%s, %zu note%s\n", c[3], c[3] == 1 ? "" : "s", c[2],
                c[2] == 1 ? "" : "s", c[1], c[1] == 1 ? "" : "s");
    }
    rc = set.fail_on <= ENF_SEV_ERROR && (int)enf_findings_max(&fs) >= set.fail_on && fs.n
             ? ENF_EXIT_FINDINGS
             : ENF_EXIT_OK;
done:
    enf_findings_free(&fs);
    cli_close_pair(&p);
    return rc;
}

int cmd_check(int argc, char **argv)
{
    S_args a = {.units = ENF_UNITS_AUTO, .fail_on = -1};
    cli_list files = {0};
    int rc = cli_parse_options(argc, argv, S_options, &S_usage, &a, &files);
    if (rc == CLI_PARSED)
        rc = S_check(&a, &files);
    for (size_t i = 0; i < a.rules.n; i++)
        free(a.rules.v[i].rule);
    free(a.rules.v);
    cli_options_free(S_options, &a, &files);
    return rc;
}

const cli_option *cmd_check_options(void)
{
    return S_options;
}
