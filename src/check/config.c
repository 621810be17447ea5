/* config.c — .enface.ini, read with inih: default glossaries, fail-on
 * level, output format, rule severities and rule options (link mirrors)
 * for enface check.  Glossary paths are relative to the file's directory. */
#include "enface/check.h"
#include "enface/read.h"

#include <ini.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A pairs pattern holds one {name} or {path} (the command line checks
 * the rest, src/cli/pairs.c); here so that the error names file:line. */
static int S_pattern_ok(const char *v)
{
    int n = 0;
    for (const char *p = v; (p = strchr(p, '{')); p++) {
        if (strncmp(p, "{name}", 6) && strncmp(p, "{path}", 6))
            return 0;
        n++;
    }
    return n == 1;
}

typedef struct {
    const char *path;
    char dir[PATH_MAX];
    enf_config *cfg;
    enf_check_opts *opts;
    char msg[1200];
} S_state;

/* [rule.link.changed] equivalent = A B [C...]: B -> A, C -> A.  inih
 * calls once per line (a repeated key, or a continuation line), so each
 * line is one group of prefixes. */
static int S_equivalent(S_state *st, const char *value)
{
    enf_config *cfg = st->cfg;
    const char *ws = " \t";
    const char *p = value + strspn(value, ws);
    size_t first_len = strcspn(p, ws);
    const char *first = p;
    if (!first_len) {
        snprintf(st->msg, sizeof st->msg, "equivalent needs two or more prefixes (equivalent = PREFIX PREFIX...)");
        return 0;
    }
    p += first_len;
    int n = 0;
    for (p += strspn(p, ws); *p; p += strspn(p, ws)) {
        size_t l = strcspn(p, ws);
        enf_link_equiv *nv = realloc(cfg->link_equiv, (cfg->n_link_equiv + 1) * sizeof *nv);
        if (!nv)
            return 0;
        cfg->link_equiv = nv;
        char *from = strndup(p, l), *to = strndup(first, first_len);
        if (!from || !to) {
            free(from);
            free(to);
            return 0;
        }
        cfg->link_equiv[cfg->n_link_equiv++] = (enf_link_equiv){from, to};
        p += l;
        n++;
    }
    if (!n) {
        snprintf(st->msg, sizeof st->msg, "equivalent = \"%s\" names one prefix; give two or more", value);
        return 0;
    }
    return 1;
}

static int S_handler(void *user, const char *section, const char *name, const char *value)
{
    S_state *st = user;
    enf_config *cfg = st->cfg;
    if (!strcmp(section, "check")) {
        if (!strcmp(name, "glossary")) {
            char **nv = realloc(cfg->glossaries, (cfg->n_glossaries + 1) * sizeof *nv);
            if (!nv)
                return 0;
            cfg->glossaries = nv;
            size_t n = strlen(st->dir) + strlen(value) + 2;
            char *p = malloc(n);
            if (!p)
                return 0;
            if (value[0] == '/' || !st->dir[0])
                snprintf(p, n, "%s", value);
            else
                snprintf(p, n, "%s/%s", st->dir, value);
            cfg->glossaries[cfg->n_glossaries++] = p;
            return 1;
        }
        if (!strcmp(name, "fail-on")) {
            enf_severity s;
            if (!strcmp(value, "never")) {
                cfg->fail_on = ENF_FAIL_NEVER;
                return 1;
            }
            if (enf_severity_parse(value, &s) || s == ENF_SEV_NONE) {
                snprintf(st->msg, sizeof st->msg, "fail-on is \"%s\"; use error, warning, note or never", value);
                return 0;
            }
            cfg->fail_on = (int)s;
            return 1;
        }
        if (!strcmp(name, "format")) {
            free(cfg->format);
            cfg->format = strdup(value);
            return cfg->format != NULL;
        }
        snprintf(st->msg, sizeof st->msg, "unknown key \"%s\" in [check]", name);
        return 0;
    }
    if (!strcmp(section, "pairs")) {
        int en = !strcmp(name, "en"), zh = !strcmp(name, "zh");
        if (!en && !zh) {
            snprintf(st->msg, sizeof st->msg, "unknown key \"%s\" in [pairs] (use en = and zh =)", name);
            return 0;
        }
        /* en = (empty): a layout without originals */
        if (!(en && !value[0]) && !S_pattern_ok(value)) {
            snprintf(st->msg, sizeof st->msg,
                     "pattern \"%s\" needs exactly one {name} or {path}", value);
            return 0;
        }
        if (zh && (cfg->n_pairs == 0 || cfg->pairs_zh[cfg->n_pairs - 1])) {
            snprintf(st->msg, sizeof st->msg, "zh = \"%s\" has no en = before it", value);
            return 0;
        }
        if (en && cfg->n_pairs && !cfg->pairs_zh[cfg->n_pairs - 1]) {
            snprintf(st->msg, sizeof st->msg, "en = \"%s\" follows an en = without its zh =", value);
            return 0;
        }
        if (zh)
            return (cfg->pairs_zh[cfg->n_pairs - 1] = strdup(value)) != NULL;
        char **ne = realloc(cfg->pairs_en, (cfg->n_pairs + 1) * sizeof *ne);
        if (ne)
            cfg->pairs_en = ne;
        char **nz = realloc(cfg->pairs_zh, (cfg->n_pairs + 1) * sizeof *nz);
        if (nz)
            cfg->pairs_zh = nz;
        if (!ne || !nz || !(cfg->pairs_en[cfg->n_pairs] = strdup(value)))
            return 0;
        cfg->pairs_zh[cfg->n_pairs++] = NULL;
        return 1;
    }
    if (!strcmp(section, "drift")) {
        if (!strcmp(name, "source-commit-key")) {
            free(cfg->source_commit_key);
            cfg->source_commit_key = strdup(value);
            return cfg->source_commit_key != NULL;
        }
        snprintf(st->msg, sizeof st->msg, "unknown key \"%s\" in [drift] (use source-commit-key =)", name);
        return 0;
    }
    if (!strcmp(section, "rules")) {
        enf_severity s;
        int sev;
        if (!strcmp(value, "on"))
            sev = -1;
        else if (!enf_severity_parse(value, &s))
            sev = (int)s;
        else {
            snprintf(st->msg, sizeof st->msg, "\"%s\" is not a severity (off, note, warning, error, on)", value);
            return 0;
        }
        enf_error e = {0};
        if (st->opts && enf_check_opts_set(st->opts, name, sev, &e)) {
            snprintf(st->msg, sizeof st->msg, "%s", e.msg);
            return 0;
        }
        return 1;
    }
    if (!strcmp(section, "rule.link.changed")) {
        if (!strcmp(name, "equivalent"))
            return S_equivalent(st, value);
        snprintf(st->msg, sizeof st->msg, "unknown key \"%s\" in [rule.link.changed] (use equivalent =)", name);
        return 0;
    }
    if (!strncmp(section, "rule.", 5)) {
        snprintf(st->msg, sizeof st->msg, "[%s]: no options for that rule (rule options: [rule.link.changed])",
                 section);
        return 0;
    }
    snprintf(st->msg, sizeof st->msg,
             "unknown section [%s] (use [check], [rules], [pairs], [drift] and [rule.link.changed])", section);
    return 0;
}

static int S_parse(S_state *st, const char *text, enf_error *err)
{
    int r = ini_parse_string(text, S_handler, st);
    if (r < 0)
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", st->path);
    if (r > 0)
        return enf_error_set(err, ENF_EINPUT, "%s:%d: %s", st->path, r,
                             st->msg[0] ? st->msg : "syntax error");
    return ENF_OK;
}

int enf_config_load(const char *path, enf_config *cfg, enf_check_opts *opts, enf_error *err)
{
    S_state st;
    memset(&st, 0, sizeof st);
    st.path = path;
    st.cfg = cfg;
    st.opts = opts;
    const char *slash = strrchr(path, '/');
    if (slash) {
        size_t n = (size_t)(slash - path);
        if (n >= sizeof st.dir)
            n = sizeof st.dir - 1;
        memcpy(st.dir, path, n);
        st.dir[n] = '\0';
        if (n == 0)
            strcpy(st.dir, "/");
    }
    /* read with the checks every input gets (size, directory, UTF-8, NUL):
     * ini_parse on the path accepted a 300 MiB file of NUL bytes */
    char *text = NULL;
    size_t len = 0;
    int rc = enf_read_text_file(path, &text, &len, err);
    if (rc)
        return rc;
    rc = S_parse(&st, text, err);
    free(text);
    if (rc == ENF_OK && opts) {
        opts->link_equiv = cfg->link_equiv;
        opts->n_link_equiv = cfg->n_link_equiv;
    }
    if (rc == ENF_OK && cfg->n_pairs && !cfg->pairs_zh[cfg->n_pairs - 1])
        return enf_error_set(err, ENF_EINPUT, "%s: [pairs] en = \"%s\" has no zh =", path,
                             cfg->pairs_en[cfg->n_pairs - 1]);
    return rc;
}

int enf_config_load_buffer(const char *path, const char *data, size_t len, enf_config *cfg,
                           enf_check_opts *opts, enf_error *err)
{
    S_state st;
    memset(&st, 0, sizeof st);
    st.path = path;
    st.cfg = cfg;
    st.opts = opts;
    /* relative glossary paths: the current directory */
    int rc = enf_utf8_check(path, data, len, err);
    if (rc)
        return rc;
    char *text = strndup(data, len);
    if (!text)
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", path);
    rc = S_parse(&st, text, err);
    free(text);
    if (rc == ENF_OK && opts) {
        opts->link_equiv = cfg->link_equiv;
        opts->n_link_equiv = cfg->n_link_equiv;
    }
    return rc;
}


char *enf_config_find(const char *dir)
{
    char cur[PATH_MAX];
    if (!realpath(dir && *dir ? dir : ".", cur))
        return NULL;
    for (;;) {
        char p[PATH_MAX + 16];
        snprintf(p, sizeof p, "%s/.enface.ini", strcmp(cur, "/") ? cur : "");
        struct stat sb;
        if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode))
            return strdup(p);
        char *s = strrchr(cur, '/');
        if (!s || (s == cur && cur[1] == '\0'))
            return NULL;
        if (s == cur)
            cur[1] = '\0';
        else
            *s = '\0';
    }
}

void enf_config_free(enf_config *cfg)
{
    if (!cfg)
        return;
    for (size_t i = 0; i < cfg->n_glossaries; i++)
        free(cfg->glossaries[i]);
    free(cfg->glossaries);
    for (size_t i = 0; i < cfg->n_pairs; i++) {
        free(cfg->pairs_en[i]);
        free(cfg->pairs_zh[i]);
    }
    free(cfg->pairs_en);
    free(cfg->pairs_zh);
    free(cfg->format);
    for (size_t i = 0; i < cfg->n_link_equiv; i++) {
        free((char *)cfg->link_equiv[i].from);
        free((char *)cfg->link_equiv[i].to);
    }
    free(cfg->link_equiv);
    free(cfg->source_commit_key);
    memset(cfg, 0, sizeof *cfg);
    cfg->fail_on = -1;
}
