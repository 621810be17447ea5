/* cmd_check.c — `enface check [EN] ZH`: load the glossaries (layered),
 * read the documents, align them (bilingual mode), run the checks and
 * write the findings; exit 1 when a finding is at or above --fail-on. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char S_help[] =
    "usage: enface check [OPTIONS] [EN] ZH\n"
    "\n"
    "Check a Chinese translation ZH against its original EN (bilingual mode) or\n"
    "alone (Chinese-only mode: glossary, markup, untranslated and spacing rules).\n"
    "Findings are printed as FILE:LINE:COL: SEVERITY: [RULE] MESSAGE (columns in\n"
    "characters); on a terminal the source line and a caret follow.\n"
    "\n"
    "options:\n"
    "  -g, --glossary FILE   a glossary (TSV, or TBX by extension .tbx/.xml); repeat to\n"
    "                        layer them, later files win for the same English term\n"
    "  -f, --format FMT      text (default), json, sarif (SARIF 2.1.0) or github\n"
    "                        (workflow annotations, most severe first, capped)\n"
    "  -o, --output FILE     write to FILE (atomically) instead of standard output\n"
    "  -u, --units UNITS     auto (default), markdown, html or lines\n"
    "      --fail-on LEVEL   exit 1 when a finding is at least LEVEL: error, warning\n"
    "                        (default), note, or never\n"
    "      --enable RULE     turn a rule (or family: glossary, link, ...) on\n"
    "      --disable RULE    turn a rule or family off\n"
    "      --severity RULE=LEVEL  set a rule's severity (off, note, warning, error)\n"
    "      --beads FILE      use this block alignment (enface align output) instead\n"
    "                        of aligning\n"
    "      --discover        print proposed glossary terms (TSV) from the aligned\n"
    "                        blocks instead of findings (needs EN and ZH)\n"
    "      --config FILE     read settings from FILE instead of the nearest\n"
    "                        .enface.ini (searched from ZH's directory upwards)\n"
    "      --no-config       do not read any .enface.ini\n"
    "      --list-rules      list the rules with their default severities\n"
    "  -h, --help            show this help\n"
    "\n"
    "Suppress findings in ZH with <!-- enface-disable RULE --> ... <!-- enface-enable RULE -->\n"
    "or <!-- enface-disable-next-line RULE --> (no RULE = all rules).\n"
    "Exit status: 0 no finding at or above --fail-on, 1 there are, 2 usage or input error.\n";

static int S_list_rules(void)
{
    for (int r = 0; r < ENF_RULE__COUNT; r++) {
        const enf_rule_info *ri = enf_rule_get((enf_rule)r);
        printf("%-22s %-8s %s%s\n", ri->id, enf_severity_name(ri->default_severity), ri->summary,
               ri->bilingual_only ? " [needs EN]" : "");
    }
    return ENF_EXIT_OK;
}

static int S_parse_format(const char *v, enf_findings_format *fmt)
{
    if (!strcmp(v, "text"))
        *fmt = ENF_FINDINGS_TEXT;
    else if (!strcmp(v, "json"))
        *fmt = ENF_FINDINGS_JSON;
    else if (!strcmp(v, "sarif"))
        *fmt = ENF_FINDINGS_SARIF;
    else if (!strcmp(v, "github"))
        *fmt = ENF_FINDINGS_GITHUB;
    else
        return -1;
    return 0;
}

typedef struct {
    const char *rule;
    int sev;
} S_ruleset;

int cmd_check(int argc, char **argv)
{
    const char *out = NULL, *paths[2] = {NULL, NULL}, *beads = NULL, *config = NULL, *format = NULL;
    enf_units units = ENF_UNITS_AUTO;
    int npaths = 0, discover = 0, no_config = 0, fail_on = -1;
    const char **gloss = calloc((size_t)argc + 1, sizeof *gloss);
    S_ruleset *rs = calloc((size_t)argc + 1, sizeof *rs);
    size_t ng = 0, nrs = 0;
    int rc = ENF_EXIT_ERROR;
    enf_glossary *g = NULL;
    enf_doc *en = NULL, *zh = NULL;
    enf_alignment *al = NULL;
    enf_findings fs = {0};
    enf_config cfg = {0};
    cfg.fail_on = -1;
    enf_error err = {0};
    enf_output *o = NULL;
    char *found_config = NULL;
    if (!gloss || !rs) {
        cli_fail("check: out of memory");
        goto done;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(S_help, stdout);
            rc = ENF_EXIT_OK;
            goto done;
        } else if (!strcmp(a, "--list-rules")) {
            rc = S_list_rules();
            goto done;
        } else if ((v = cli_opt_value(argc, argv, &i, "--glossary")) ||
                   (v = cli_opt_value(argc, argv, &i, "-g"))) {
            if (!*v)
                goto done;
            gloss[ng++] = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--format")) ||
                   (v = cli_opt_value(argc, argv, &i, "-f"))) {
            enf_findings_format fmt;
            if (!*v)
                goto done;
            if (S_parse_format(v, &fmt)) {
                cli_fail("check: unknown format '%s' (use text, json, sarif or github)", v);
                goto done;
            }
            format = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--output")) ||
                   (v = cli_opt_value(argc, argv, &i, "-o"))) {
            if (!*v)
                goto done;
            out = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--units")) ||
                   (v = cli_opt_value(argc, argv, &i, "-u"))) {
            if (!*v || cli_parse_units(v, &units)) {
                cli_fail("check: unknown units '%s' (use auto, markdown, html or lines)", v);
                goto done;
            }
        } else if ((v = cli_opt_value(argc, argv, &i, "--fail-on"))) {
            enf_severity s;
            if (!*v)
                goto done;
            if (!strcmp(v, "never"))
                fail_on = 99;
            else if (enf_severity_parse(v, &s) || s == ENF_SEV_NONE) {
                cli_fail("check: --fail-on needs error, warning, note or never, got '%s'", v);
                goto done;
            } else
                fail_on = (int)s;
        } else if ((v = cli_opt_value(argc, argv, &i, "--enable"))) {
            if (!*v)
                goto done;
            rs[nrs].rule = v;
            rs[nrs++].sev = -1;
        } else if ((v = cli_opt_value(argc, argv, &i, "--disable"))) {
            if (!*v)
                goto done;
            rs[nrs].rule = v;
            rs[nrs++].sev = ENF_SEV_NONE;
        } else if ((v = cli_opt_value(argc, argv, &i, "--severity"))) {
            if (!*v)
                goto done;
            const char *eq = strchr(v, '=');
            enf_severity s;
            if (!eq || enf_severity_parse(eq + 1, &s)) {
                cli_fail("check: --severity needs RULE=LEVEL (off, note, warning, error), got '%s'", v);
                goto done;
            }
            /* keep the rule name in argv's storage: cut at '=' in a copy */
            char *r = strdup(v);
            if (!r)
                goto done;
            r[eq - v] = '\0';
            rs[nrs].rule = r;
            rs[nrs++].sev = (int)s + 1000;   /* marks an owned copy */
        } else if ((v = cli_opt_value(argc, argv, &i, "--beads"))) {
            if (!*v)
                goto done;
            beads = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--config"))) {
            if (!*v)
                goto done;
            config = v;
        } else if (!strcmp(a, "--no-config")) {
            no_config = 1;
        } else if (!strcmp(a, "--discover")) {
            discover = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            cli_fail("check: unknown option '%s'; see 'enface check --help'", a);
            goto done;
        } else if (npaths < 2) {
            paths[npaths++] = a;
        } else {
            cli_fail("check: too many files; usage: enface check [OPTIONS] [EN] ZH");
            goto done;
        }
    }
    if (npaths == 0) {
        cli_fail("check: need a file; usage: enface check [OPTIONS] [EN] ZH");
        goto done;
    }
    if (discover && npaths != 2) {
        cli_fail("check: --discover needs both EN and ZH");
        goto done;
    }
    if (beads && npaths != 2) {
        cli_fail("check: --beads needs both EN and ZH");
        goto done;
    }
    const char *zh_path = paths[npaths - 1], *en_path = npaths == 2 ? paths[0] : NULL;

    enf_check_opts opts;
    enf_check_opts_init(&opts);
    /* settings: .enface.ini first, the command line over it */
    if (!no_config) {
        if (!config) {
            char dir[4096];
            const char *slash = strrchr(zh_path, '/');
            if (slash && (size_t)(slash - zh_path) < sizeof dir) {
                memcpy(dir, zh_path, (size_t)(slash - zh_path));
                dir[slash - zh_path] = '\0';
                if (!dir[0])
                    strcpy(dir, "/");
            } else {
                strcpy(dir, ".");
            }
            found_config = enf_config_find(dir);
            config = found_config;
        }
        if (config && enf_config_load(config, &cfg, &opts, &err)) {
            cli_fail_err(&err);
            goto done;
        }
    }
    for (size_t i = 0; i < nrs; i++) {
        int sev = rs[i].sev >= 1000 ? rs[i].sev - 1000 : rs[i].sev;
        if (enf_check_opts_set(&opts, rs[i].rule, sev, &err)) {
            cli_fail("check: %s", err.msg);
            goto done;
        }
    }
    if (fail_on < 0)
        fail_on = cfg.fail_on >= 0 ? cfg.fail_on : ENF_SEV_WARNING;
    enf_findings_format fmt = ENF_FINDINGS_TEXT;
    if (!format && cfg.format && S_parse_format(cfg.format, &fmt)) {
        cli_fail("%s: unknown format '%s' (use text, json, sarif or github)", config, cfg.format);
        goto done;
    }
    if (format)
        S_parse_format(format, &fmt);

    /* the config's glossaries first, so that -g files layer over them */
    if (cli_load_glossaries((const char *const *)cfg.glossaries, cfg.n_glossaries,
                            (const char *const *)gloss, ng, &g))
        goto done;
    opts.glossary = enf_glossary_count(g) ? g : NULL;

    if ((en_path && enf_doc_read_file(en_path, units, &en, &err)) ||
        enf_doc_read_file(zh_path, units, &zh, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    if (en) {
        if (beads) {
            char *buf = NULL;
            size_t len = 0;
            if (enf_read_text_file(beads, &buf, &len, &err)) {
                cli_fail_err(&err);
                goto done;
            }
            int r = enf_read_beads(beads, buf, len, en, zh, &al, &err);
            free(buf);
            if (r) {
                cli_fail_err(&err);
                goto done;
            }
        } else if (enf_align_blocks(en, zh, NULL, &al, &err)) {
            cli_fail_err(&err);
            goto done;
        }
    }
    if (enf_output_open(out, &o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    if (discover) {
        rc = cli_finish_output(o, enf_discover(en, zh, al, opts.glossary, 0, enf_output_file(o), &err),
                               &err);
        goto done;
    }
    if (enf_check(en, zh, al, &opts, &fs, &err)) {
        enf_output_abort(o);
        cli_fail_err(&err);
        goto done;
    }
    unsigned flags = 0;
    if (fmt == ENF_FINDINGS_TEXT && (!out || !strcmp(out, "-")) && isatty(1)) {
        flags |= ENF_WF_SOURCE;
        if (!getenv("NO_COLOR"))
            flags |= ENF_WF_COLOR;
    }
    if (cli_finish_output(o, enf_write_findings(enf_output_file(o), fmt, en, zh, &fs, flags, &err),
                          &err))
        goto done;
    if (flags & ENF_WF_SOURCE) {
        size_t c[4] = {0};
        for (size_t i = 0; i < fs.n; i++)
            c[fs.v[i].severity]++;
        fprintf(stderr, "%zu error%s, %zu warning%s, %zu note%s\n", c[3], c[3] == 1 ? "" : "s", c[2],
                c[2] == 1 ? "" : "s", c[1], c[1] == 1 ? "" : "s");
    }
    rc = fail_on <= ENF_SEV_ERROR && (int)enf_findings_max(&fs) >= fail_on && fs.n ? ENF_EXIT_FINDINGS
                                                                                     : ENF_EXIT_OK;
done:
    for (size_t i = 0; rs && i < nrs; i++)
        if (rs[i].sev >= 1000)
            free((char *)rs[i].rule);
    free(rs);
    free(gloss);
    free(found_config);
    enf_findings_free(&fs);
    enf_alignment_free(al);
    enf_doc_free(en);
    enf_doc_free(zh);
    enf_glossary_free(g);
    enf_config_free(&cfg);
    return rc;
}
