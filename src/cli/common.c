/* common.c — what several subcommands load the same way: glossaries, the
 * lexicon (dictionary + glossary terms) of the sentence aligner, and the
 * translation that check and report open with its settings. */
#include "cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int S_is_file(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* The installed ml.tsv of an executable in exe_dir: the configured
 * bindir taken off exe_dir's end gives the prefix the install is in now
 * (a DESTDIR staging or a moved tree), and its datadir holds enface's
 * data; 0 when exe_dir is not a bindir or bindir or datadir is not
 * relative to the prefix. */
static int S_installed_glossary(const char *exe_dir, char *out, size_t size)
{
    const char *bindir = ENF_BINDIR, *datadir = ENF_DATADIR_REL;
    size_t n = strlen(exe_dir), b = strlen(bindir);
    if (bindir[0] == '/' || datadir[0] == '/' || n <= b || exe_dir[n - b - 1] != '/' ||
        strcmp(exe_dir + n - b, bindir))
        return 0;
    int len = snprintf(out, size, "%.*s/%s/enface/ml.tsv", (int)(n - b - 1), exe_dir, datadir);
    return len > 0 && (size_t)len < size && S_is_file(out);
}

const char *cli_default_glossary(void)
{
    static char found[PATH_MAX + 64];
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        char build[PATH_MAX];
        if (realpath(ENF_BUILD_ROOT, build) && !strcmp(build, exe)) {
            snprintf(found, sizeof found, "%s/glossary/ml.tsv", ENF_SOURCE_ROOT);
            if (S_is_file(found))
                return found;
        }
        if (S_installed_glossary(exe, found, sizeof found) && realpath(found, exe) &&
            strlen(exe) < sizeof found) {
            strcpy(found, exe);
            return found;
        }
    }
    snprintf(found, sizeof found, "%s/ml.tsv", ENF_DATADIR);
    return S_is_file(found) ? found : NULL;
}

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

int cli_fail_output(const enf_output *o, const enf_error *err)
{
    /* a writer knows its FILE, not its name: say which file it was */
    const char *name = enf_output_name(o);
    size_t n = strlen(name);
    if (err->code != ENF_EIO || (!strncmp(err->msg, name, n) && err->msg[n] == ':'))
        return cli_fail_err(err);
    return cli_fail("%s: %s", name, err->msg);
}

int cli_finish_output(enf_output *o, int write_rc, const enf_error *write_err)
{
    enf_error err = {0};
    if (write_rc) {
        int rc = cli_fail_output(o, write_err);
        enf_output_abort(o);
        return rc;
    }
    if (enf_output_commit(o, &err))
        return cli_fail_err(&err);
    return ENF_EXIT_OK;
}

/* An absolute directory from an XDG variable, else $HOME/fallback (the XDG
 * base directory rule: a relative value is ignored); 0 when neither. */
static int S_xdg_dir(const char *var, const char *fallback, char *buf, size_t size)
{
    const char *v = getenv(var), *home = getenv("HOME");
    int n;
    if (v && v[0] == '/')
        n = snprintf(buf, size, "%s/enface", v);
    else if (home && home[0] == '/')
        n = snprintf(buf, size, "%s/%s/enface", home, fallback);
    else
        return 0;
    return n > 0 && (size_t)n < size;
}

/* dir/cedict_ts.u8, else dir/cedict_ts.u8.gz, into buf; 0 when neither. */
static int S_dict_in(const char *dir, char *buf, size_t size)
{
    static const char *const names[] = {"cedict_ts.u8", "cedict_ts.u8.gz"};
    for (size_t i = 0; i < 2; i++) {
        int n = snprintf(buf, size, "%s/%s", dir, names[i]);
        if (n > 0 && (size_t)n < size && S_is_file(buf))
            return 1;
    }
    return 0;
}

const char *cli_default_dict(const char **via)
{
    static char found[PATH_MAX + 64];
    char dir[PATH_MAX];
    const char *env = getenv("ENFACE_DICT");
    if (env) {
        /* set: the user's choice, even when empty (= none) or missing (the
         * load names it) */
        *via = "$ENFACE_DICT";
        return env[0] ? env : NULL;
    }
    if (S_xdg_dir("XDG_DATA_HOME", ".local/share", dir, sizeof dir) &&
        S_dict_in(dir, found, sizeof found)) {
        *via = "$XDG_DATA_HOME/enface";
        return found;
    }
    /* the install's share/enface: next to the executable, then the
     * configured prefix (as the default glossary) */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            int w = snprintf(dir, sizeof dir, "%s/../share/enface", exe);
            if (w > 0 && (size_t)w < sizeof dir && S_dict_in(dir, found, sizeof found)) {
                *via = "share/enface";
                return found;
            }
        }
    }
    if (S_dict_in(ENF_DATADIR, found, sizeof found)) {
        *via = "share/enface";
        return found;
    }
    return NULL;
}

int cli_load_lexicon(const char *dict, int no_dict, const char *const *glossaries,
                     size_t n_glossaries, enf_lexicon **out)
{
    enf_error err = {0};
    enf_glossary *g = NULL;
    const char *via = NULL;
    *out = NULL;
    if (dict && no_dict)
        return cli_fail("--dict and --no-dict contradict each other; give one");
    if (!dict && !no_dict)
        dict = cli_default_dict(&via);
    if (!dict && n_glossaries == 0)
        return ENF_EXIT_OK;
    if (enf_lexicon_new(out, &err))
        return cli_fail_err(&err);
    int rc = ENF_EXIT_OK;
    char cache[PATH_MAX];
    enf_lexicon_origin origin = ENF_LEXICON_PARSED;
    if (dict && enf_lexicon_load_cedict_cached(
                    *out, dict, S_xdg_dir("XDG_CACHE_HOME", ".cache", cache, sizeof cache) ? cache : NULL,
                    &origin, &err))
        rc = cli_fail_err(&err);
    else if (n_glossaries &&
             (rc = cli_load_glossaries(glossaries, n_glossaries, NULL, 0, &g)) == ENF_EXIT_OK &&
             enf_lexicon_add_glossary(*out, g, &err))
        rc = cli_fail_err(&err);
    /* a dictionary the command line did not name changes the alignment:
     * say which one (one line; --no-dict goes without) */
    if (rc == ENF_EXIT_OK && via)
        fprintf(stderr, "enface: dictionary %s (from %s%s; --no-dict to align without)\n", dict,
                via, origin == ENF_LEXICON_FROM_CACHE ? ", cached" : "");
    enf_glossary_free(g);
    if (rc) {
        enf_lexicon_free(*out);
        *out = NULL;
    }
    return rc;
}

/* The directory of a path: where the search for .enface.ini starts. */
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

int cli_pair_settings(cli_pair *p)
{
    enf_error err = {0};
    int rc;
    p->cfg.fail_on = -1;
    enf_check_opts_init(&p->check);
    /* settings: .enface.ini first, the command line over it */
    if (!p->no_config) {
        p->config_path = p->config;
        if (!p->config_path) {
            char dir[4096];
            if (p->config_from)
                snprintf(dir, sizeof dir, "%s", p->config_from);
            else
                S_dirname(p->zh_path, dir, sizeof dir);
            p->config_path = p->found_config = enf_config_find(dir);
        }
        if (p->config_path && enf_config_load(p->config_path, &p->cfg, &p->check, &err))
            return cli_fail_err(&err);
    }
    if (p->configured && (rc = p->configured(p, p->ctx)) != ENF_EXIT_OK)
        return rc;
    /* the config's glossaries first, so that -g files layer over them; or
     * (no -g) the default glossary with the config's over it */
    const char *const *cfg_g = (const char *const *)p->cfg.glossaries;
    if (p->default_glossary)
        rc = cli_load_glossaries(&p->default_glossary, 1, cfg_g, p->cfg.n_glossaries,
                                 &p->glossary);
    else
        rc = cli_load_glossaries(cfg_g, p->cfg.n_glossaries, p->glossaries, p->n_glossaries,
                                 &p->glossary);
    if (rc != ENF_EXIT_OK)
        return rc;
    p->check.glossary = enf_glossary_count(p->glossary) ? p->glossary : NULL;
    return ENF_EXIT_OK;
}

int cli_pair_read(cli_pair *p)
{
    enf_error err = {0};
    int rc;
    if ((p->en_path && enf_doc_read_file_as(p->en_path, p->units, p->encoding, &p->en, &err)) ||
        enf_doc_read_file_as(p->zh_path, p->units, p->encoding, &p->zh, &err) ||
        (p->en && enf_doc_pair_check(p->en, p->zh, 0, &err)))
        return cli_fail_err(&err);
    if (p->read && (rc = p->read(p, p->ctx)) != ENF_EXIT_OK)
        return rc;
    if (!p->en)
        return ENF_EXIT_OK;
    if (p->beads) {
        char *buf = NULL;
        size_t len = 0;
        if (enf_read_text_file(p->beads, &buf, &len, &err))
            return cli_fail_err(&err);
        rc = enf_read_beads(p->beads, buf, len, p->en, p->zh, &p->al, &err);
        free(buf);
        if (rc)
            return cli_fail_err(&err);
    } else if (enf_align_blocks(p->en, p->zh, p->align_opts, &p->al, &err)) {
        return cli_fail_err(&err);
    }
    return ENF_EXIT_OK;
}

int cli_open_pair(cli_pair *p)
{
    int rc = cli_pair_settings(p);
    return rc != ENF_EXIT_OK ? rc : cli_pair_read(p);
}

void cli_pair_drop_docs(cli_pair *p)
{
    enf_alignment_free(p->al);
    enf_doc_free(p->en);
    enf_doc_free(p->zh);
    p->al = NULL;
    p->en = p->zh = NULL;
}

void cli_close_pair(cli_pair *p)
{
    cli_pair_drop_docs(p);
    enf_glossary_free(p->glossary);
    enf_config_free(&p->cfg);
    free(p->found_config);
    p->al = NULL;
    p->en = p->zh = NULL;
    p->glossary = NULL;
    p->found_config = NULL;
}

/* ---- options check and drift share: the findings format, --fail-on */

int cli_parse_findings_format(const char *v, enf_findings_format *fmt)
{
    if (!strcmp(v, "text"))
        *fmt = ENF_FINDINGS_TEXT;
    else if (!strcmp(v, "json"))
        *fmt = ENF_FINDINGS_JSON;
    else if (!strcmp(v, "sarif"))
        *fmt = ENF_FINDINGS_SARIF;
    else if (!strcmp(v, "github"))
        *fmt = ENF_FINDINGS_GITHUB;
    else if (!strcmp(v, "rdjson"))
        *fmt = ENF_FINDINGS_RDJSON;
    else
        return -1;
    return 0;
}


int cli_set_findings_format(const char *cmd, const char *v, void *field)
{
    enf_findings_format fmt;
    if (cli_parse_findings_format(v, &fmt))
        return cli_fail("%s: unknown format '%s' (use text, json, sarif, github or rdjson)", cmd, v);
    *(const char **)field = v;
    return 0;
}


int cli_set_fail_on(const char *cmd, const char *v, void *field)
{
    enf_severity s;
    if (!strcmp(v, "never"))
        *(int *)field = ENF_FAIL_NEVER;
    else if (enf_severity_parse(v, &s) || s == ENF_SEV_NONE)
        return cli_fail("%s: --fail-on needs error, warning, note or never, got '%s'", cmd, v);
    else
        *(int *)field = (int)s;
    return 0;
}

