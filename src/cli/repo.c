/* repo.c — what `enface check --pairs` and `enface drift --pairs` share
 * about a translation repository: its root and layout from the command
 * line or .enface.ini (pairs.c finds the pairs), the pairs changed since
 * a revision (--changed-since), and the root's place in its git work tree
 * (enf_git_*, read_git.c). */
#include "cli.h"
#include "pairs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_dirname(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, size, ".");
    else if (slash == path)
        snprintf(dir, size, "/");
    else
        snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

int cli_repo_open(cli_repo *r, const cli_repo_spec *s, const char *const *files, size_t n_files)
{
    char root[4096];
    if (s->root)
        snprintf(root, sizeof root, "%s", s->root);
    else if (s->config_path)
        cli_dirname(s->config_path, root, sizeof root);
    else
        snprintf(root, sizeof root, ".");
    if (cli_repo_set_root(r, root))
        return cli_fail("%s: %s", s->cmd, r->msg);
    for (size_t i = 0; i < s->n_pairs; i++)
        if (cli_repo_add_mapping(r, s->pairs[i], NULL, NULL, "--pairs"))
            return cli_fail("%s: %s", s->cmd, r->msg);
    for (size_t i = 0; !s->n_pairs && s->cfg && i < s->cfg->n_pairs; i++)
        if (cli_repo_add_mapping(r, NULL, s->cfg->pairs_en[i], s->cfg->pairs_zh[i], s->config_path))
            return cli_fail("%s", r->msg);
    if (!r->n_maps)
        return cli_fail("%s: %s--pairs (or a [pairs] section in .enface.ini) for a repository; "
                        "usage: %s", s->cmd, s->need ? s->need : "need ", s->usage);
    if (cli_repo_scan(r, files, n_files))
        return cli_fail("%s: %s", s->cmd, r->msg);
    return ENF_EXIT_OK;
}

int cli_repo_need_originals(const cli_repo *r, const char *cmd, const char *why)
{
    for (size_t m = 0; m < r->n_maps; m++)
        if (!r->maps[m].en[0])
            return cli_fail("%s: '=%s' has no English pattern: %s, and this layout has none", cmd,
                            r->maps[m].zh, why);
    return ENF_EXIT_OK;
}

int cli_repo_git(const cli_repo *r, const char *cmd, enf_git **g, char **prefix)
{
    enf_error err = {0};
    *g = NULL;
    *prefix = NULL;
    if (enf_git_open(r->root_abs, g, &err))
        return cli_fail("%s: %s", cmd, err.msg);
    char *wd = realpath(enf_git_workdir(*g), NULL);
    size_t n = wd ? strlen(wd) : 0;
    if (!wd || strncmp(r->root_abs, wd, n) || (r->root_abs[n] != '/' && r->root_abs[n] != '\0')) {
        free(wd);
        enf_git_free(*g);
        *g = NULL;
        return cli_fail("%s: %s is not inside the work tree of its git repository", cmd,
                        r->root_abs);
    }
    const char *rel = r->root_abs + n + (r->root_abs[n] == '/');
    size_t rl = strlen(rel);
    *prefix = malloc(rl + 2);
    if (*prefix)
        snprintf(*prefix, rl + 2, "%s%s", rel, rl ? "/" : "");
    free(wd);
    if (!*prefix) {
        enf_git_free(*g);
        *g = NULL;
        return cli_fail("out of memory");
    }
    return ENF_EXIT_OK;
}

static int S_has(char **v, size_t n, const char *prefix, const char *rel)
{
    size_t np = strlen(prefix);
    size_t lo = 0, hi = n;
    /* v is sorted: binary search of prefix+rel */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(v[mid], prefix, np);
        if (!c)
            c = strcmp(v[mid] + np, rel);
        if (!c)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int cli_repo_keep_changed(cli_repo *r, const char *cmd, const char *rev)
{
    enf_git *g = NULL;
    char *prefix = NULL;
    int rc = cli_repo_git(r, cmd, &g, &prefix);
    if (rc)
        return rc;
    char **v = NULL;
    size_t n = 0;
    enf_error err = {0};
    if (enf_git_changed(g, rev, NULL, &v, &n, &err)) {
        free(prefix);
        enf_git_free(g);
        return cli_fail("%s: --changed-since %s", cmd, err.msg);
    }
    size_t w = 0;
    for (size_t i = 0; i < r->n; i++) {
        cli_pair_paths *p = &r->v[i];
        if ((p->en && S_has(v, n, prefix, p->en)) || (p->zh && S_has(v, n, prefix, p->zh))) {
            r->v[w++] = *p;
        } else {
            free(p->en);
            free(p->zh);
            free(p->missing);
        }
    }
    r->n = w;
    enf_git_paths_free(v, n);
    free(prefix);
    enf_git_free(g);
    return ENF_EXIT_OK;
}

static char *S_join(const char *prefix, const char *path)
{
    if (!path)
        return NULL;
    size_t n = strlen(prefix) + strlen(path) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s", prefix, path);
    return s;
}

int cli_repo_paths(const cli_repo *r, size_t i, char **en, char **zh)
{
    const cli_pair_paths *pp = &r->v[i];
    *en = S_join(r->prefix, pp->en);
    *zh = S_join(r->prefix, pp->zh);
    if ((pp->en && !*en) || (pp->zh && !*zh)) {
        free(*en);
        free(*zh);
        *en = *zh = NULL;
        return cli_fail("out of memory");
    }
    return ENF_EXIT_OK;
}
