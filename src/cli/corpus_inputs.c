/* corpus_inputs.c — the input items of `enface corpus` (cmd_corpus.c): the
 * next document pair of a DIR, a manifest, JSONL on standard input or
 * --pairs, kept inside the input's directory unless --allow-outside. */
#include "corpus_run.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Whether path, once symlinks are resolved, lies inside root.  A file that
 * does not exist is left to the reader (it reports it missing). */
static int S_inside(const char *root, const char *path)
{
    char *real = realpath(path, NULL);
    if (!real)
        return 1;
    size_t n = strlen(root);
    int in = !strncmp(real, root, n) && (real[n] == '/' || (n == 1 && root[0] == '/'));
    free(real);
    return in;
}

/* A manifest, JSONL line or directory entry may not lead outside the
 * input's directory (a manifest line ../../etc/passwd would make a file
 * the user never meant to share into corpus text): 1 when it does not. */
static int S_confined(const cli_corpus_run *r, const cli_corpus_job *j)
{
    if (!r->root || !j->en_path || !j->zh_path)
        return 1;
    const char *bad = !S_inside(r->root, j->en_path) ? j->en_path
                      : !S_inside(r->root, j->zh_path) ? j->zh_path : NULL;
    if (!bad)
        return 1;
    if (r->kind == 0)
        cli_fail("%s: %s leads outside %s (a symbolic link?); refused (--allow-outside reads it)",
                 r->path, bad, r->root);
    else
        cli_fail("%s:%ld: %s is outside %s; refused (--allow-outside reads it)", r->path, r->line,
                 bad, r->root);
    return 0;
}

static char *S_join_path(const char *base, const char *p)
{
    if (!base || p[0] == '/') 
        return strdup(p);
    size_t n = strlen(base) + strlen(p) + 2;
    char *r = malloc(n);
    if (r)
        snprintf(r, n, "%s/%s", base, p);
    return r;
}

static int S_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

void cli_corpus_job_clear(cli_corpus_job *j)
{
    free(j->name);
    free(j->en_path);
    free(j->zh_path);
    free(j->en_text);
    free(j->zh_text);
    free(j->error);
    enf_corpus_pairs_free(&j->res);
    memset(j, 0, sizeof *j);
}

/* Next input item into *j: 1 got one, 0 end of input, -1 error (printed). */
int cli_corpus_next_item(cli_corpus_run *r, cli_corpus_job *j)
{
    memset(j, 0, sizeof *j);
    if (r->kind == 3) {
        if ((size_t)r->ent >= r->repo.n)
            return 0;
        const cli_pair_paths *pp = &r->repo.v[r->ent++];
        const char *pre = r->repo.prefix;
        j->name = strdup(pp->en ? pp->en : pp->zh);
        if (pp->en)
            j->en_path = S_join_path(NULL, pp->en);
        if (pp->zh)
            j->zh_path = S_join_path(NULL, pp->zh);
        /* the files as named from here: the root's prefix first */
        char **side[2] = {&j->en_path, &j->zh_path};
        for (int k = 0; k < 2; k++)
            if (*side[k] && pre[0]) {
                size_t n = strlen(pre) + strlen(*side[k]) + 1;
                char *q = malloc(n);
                if (q)
                    snprintf(q, n, "%s%s", pre, *side[k]);
                free(*side[k]);
                *side[k] = q;
            }
        char why[PATH_MAX + 64];
        if (!pp->en || !pp->zh) {
            snprintf(why, sizeof why, "no %s (%s%s missing)", pp->en ? "translation" : "original",
                     pre, pp->missing ? pp->missing : "");
            j->error = strdup(why);
        }
        if (!j->name || (pp->en && !j->en_path) || (pp->zh && !j->zh_path) ||
            (!(pp->en && pp->zh) && !j->error)) {
            cli_corpus_job_clear(j);
            cli_fail("out of memory");
            return -1;
        }
        return 1;
    }
    if (r->kind == 0) {
        while (r->ent < r->nents) {
            const char *d = r->ents[r->ent++]->d_name;
            if (d[0] == '.')
                continue;
            char *dir = S_join_path(r->path, d);
            if (!dir)
                return -1;
            struct stat st;
            if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
                free(dir);
                continue;
            }
            j->name = strdup(d);
            static const char *const ext[][2] = {{"en.md", "zh.md"}, {"en.html", "zh.html"}};
            for (int k = 0; k < 2 && !j->en_path; k++) {
                char *e = S_join_path(dir, ext[k][0]), *z = S_join_path(dir, ext[k][1]);
                if (e && z && S_exists(e) && S_exists(z)) {
                    j->en_path = e;
                    j->zh_path = z;
                } else {
                    free(e);
                    free(z);
                }
            }
            free(dir);
            if (j->en_path && !S_confined(r, j)) {
                cli_corpus_job_clear(j);
                return -1;
            }
            if (!j->en_path) {
                j->error = strdup("no en.md + zh.md (or en.html + zh.html) pair");
                j->layout_miss = 1;
            }
            return 1;
        }
        return 0;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&buf, &cap, r->f)) >= 0) {
        r->line++;
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            buf[--n] = '\0';
        if (n == 0 || buf[0] == '#')
            continue;
        enf_manifest_item it;
        enf_error merr = {0};
        int prc = enf_manifest_parse_line(buf, r->kind == 1 ? ENF_MANIFEST_TSV : ENF_MANIFEST_JSONL,
                                          r->kind == 1 ? r->path : "<stdin>", r->line, &it, &merr);
        if (prc == ENF_MANIFEST_SKIP)
            continue;
        if (prc != ENF_OK) {
            cli_fail_err(&merr);
            free(buf);
            return -1;
        }
        if (r->kind == 1) {
            j->en_path = S_join_path(r->base, it.en_path);
            j->zh_path = S_join_path(r->base, it.zh_path);
            j->name = it.name;
            it.name = NULL;
            if (!j->en_path || !j->zh_path) {
                enf_manifest_item_clear(&it);
                cli_corpus_job_clear(j);
                free(buf);
                cli_fail("out of memory");
                return -1;
            }
        } else {
            j->en_path = it.en_path;
            j->zh_path = it.zh_path;
            j->en_text = it.en_text;
            j->zh_text = it.zh_text;
            j->name = it.name;
            memset(&it, 0, sizeof it);
        }
        enf_manifest_item_clear(&it);
        free(buf);
        if (S_confined(r, j))
            return 1;
        cli_corpus_job_clear(j);
        return -1;
    }
    free(buf);
    if (ferror(r->f)) {
        cli_fail("%s: read error", r->path);
        return -1;
    }
    return 0;
}
