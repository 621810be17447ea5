/* read_git.c — a translation repository's history (enf_git_*): a file's
 * bytes at a revision, the last commit that changed a path, the paths
 * changed since a revision.  Read in-process with libgit2: no `git`
 * process to find, spawn and parse, and its object and diff API is exactly
 * the history question asked (a tree entry per commit, a tree-to-workdir
 * diff) rather than porcelain output to scrape. */
#include "enface/read.h"
#include "model_internal.h"

#include <dlfcn.h>
#include <git2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- libgit2, loaded on first use
 * Linked, libgit2 and what it pulls in (OpenSSL, Kerberos, mbedTLS,
 * libssh2, PCRE2: fourteen of the thirty libraries every run mapped) cost
 * each command its start-up, though only the repository modes read git
 * history.  It is opened when the first repository is (ENF_LIBGIT2_SONAME,
 * the version meson found the headers of), and its functions called
 * through this table. */
#ifndef ENF_LIBGIT2_SONAME
#define ENF_LIBGIT2_SONAME "libgit2.so"
#endif
#define S_GIT_API(X) \
    X(git_blob_free) \
    X(git_blob_lookup) \
    X(git_blob_rawcontent) \
    X(git_blob_rawsize) \
    X(git_commit_free) \
    X(git_commit_id) \
    X(git_commit_parent) \
    X(git_commit_parentcount) \
    X(git_commit_tree) \
    X(git_diff_free) \
    X(git_diff_get_delta) \
    X(git_diff_num_deltas) \
    X(git_diff_options_init) \
    X(git_diff_tree_to_tree) \
    X(git_diff_tree_to_workdir_with_index) \
    X(git_error_last) \
    X(git_libgit2_init) \
    X(git_libgit2_shutdown) \
    X(git_object_free) \
    X(git_object_peel) \
    X(git_oid_equal) \
    X(git_oid_tostr) \
    X(git_repository_commondir) \
    X(git_repository_free) \
    X(git_repository_is_shallow) \
    X(git_repository_open_ext) \
    X(git_repository_workdir) \
    X(git_revparse_single) \
    X(git_tree_entry_bypath) \
    X(git_tree_entry_free) \
    X(git_tree_entry_id) \
    X(git_tree_entry_type) \
    X(git_tree_free)

static struct {
#define S_MEMBER(f) __typeof__(f) *f;
    S_GIT_API(S_MEMBER)
#undef S_MEMBER
} S_git;

static pthread_once_t S_git_once = PTHREAD_ONCE_INIT;
static char S_git_error[256];

static void S_git_load(void)
{
    /* ENFACE_LIBGIT2 names another file (a libgit2 outside the library
     * path; the tests' missing-library case) */
    const char *so = getenv("ENFACE_LIBGIT2");
    if (!so || !*so)
        so = ENF_LIBGIT2_SONAME;
    void *h = dlopen(so, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(S_git_error, sizeof S_git_error,
                 "libgit2 is needed to read git history and cannot be loaded (%s); install it "
                 "(tools/setup)", e ? e : so);
        return;
    }
#define S_SYM(f)                                                                              \
    if (!S_git_error[0] && !(*(void **)&S_git.f = dlsym(h, #f)))                  \
        snprintf(S_git_error, sizeof S_git_error, "%s has no %s: another libgit2 than enface was " \
                 "built with", so, #f);
    S_GIT_API(S_SYM)
#undef S_SYM
}

struct enf_git {
    git_repository *repo;
    char *workdir;        /* absolute, ends with '/' */
    char **shallow;       /* the shallow clone's boundary commits (hex) */
    size_t n_shallow;
};

/* The message of libgit2's last error, or what. */
static const char *S_gerr(const char *what)
{
    const git_error *e = S_git.git_error_last();
    return e && e->message ? e->message : what;
}

static int S_load_shallow(enf_git *g)
{
    if (S_git.git_repository_is_shallow(g->repo) != 1)
        return ENF_OK;
    const char *dir = S_git.git_repository_commondir(g->repo);
    size_t n = strlen(dir) + sizeof "shallow";
    char *path = malloc(n);
    if (!path)
        return ENF_ENOMEM;
    snprintf(path, n, "%sshallow", dir);
    FILE *f = fopen(path, "r");
    free(path);
    if (!f)
        return ENF_OK;
    char line[128];
    while (fgets(line, sizeof line, f)) {
        size_t l = strcspn(line, "\r\n");
        if (l != GIT_OID_HEXSZ)
            continue;
        line[l] = '\0';
        char **v = realloc(g->shallow, (g->n_shallow + 1) * sizeof *v);
        if (!v || !(v[g->n_shallow] = strdup(line))) {
            if (v)
                g->shallow = v;
            fclose(f);
            return ENF_ENOMEM;
        }
        g->shallow = v;
        g->n_shallow++;
    }
    fclose(f);
    return ENF_OK;
}

static int S_is_boundary(const enf_git *g, const git_oid *id)
{
    char hex[GIT_OID_HEXSZ + 1];
    S_git.git_oid_tostr(hex, sizeof hex, id);
    for (size_t i = 0; i < g->n_shallow; i++)
        if (!strcmp(g->shallow[i], hex))
            return 1;
    return 0;
}

int enf_git_open(const char *path, enf_git **out, enf_error *err)
{
    *out = NULL;
    pthread_once(&S_git_once, S_git_load);
    if (S_git_error[0])
        return enf_error_set(err, ENF_EIO, "%s", S_git_error);
    if (S_git.git_libgit2_init() < 0)
        return enf_error_set(err, ENF_EIO, "libgit2: %s", S_gerr("cannot initialise"));
    enf_git *g = calloc(1, sizeof *g);
    if (!g) {
        S_git.git_libgit2_shutdown();
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    int rc = S_git.git_repository_open_ext(&g->repo, path, 0, NULL);
    if (rc < 0) {
        int code = rc == GIT_ENOTFOUND ? ENF_EINPUT : ENF_EIO;
        rc = enf_error_set(err, code, rc == GIT_ENOTFOUND ? "%s: not in a git repository"
                                                          : "%s: cannot open its git repository: %s",
                           path, S_gerr("unknown error"));
        enf_git_free(g);
        return rc;
    }
    const char *wd = S_git.git_repository_workdir(g->repo);
    if (!wd) {
        enf_git_free(g);
        return enf_error_set(err, ENF_EINPUT, "%s: a bare git repository has no work tree", path);
    }
    g->workdir = strdup(wd);
    if (!g->workdir || S_load_shallow(g)) {
        enf_git_free(g);
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    *out = g;
    return ENF_OK;
}

void enf_git_free(enf_git *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n_shallow; i++)
        free(g->shallow[i]);
    free(g->shallow);
    free(g->workdir);
    S_git.git_repository_free(g->repo);
    free(g);
    S_git.git_libgit2_shutdown();
}

const char *enf_git_workdir(const enf_git *g)
{
    return g->workdir;
}

int enf_git_is_shallow(const enf_git *g)
{
    return g->n_shallow > 0 || S_git.git_repository_is_shallow(g->repo) == 1;
}

/* rev to its commit. */
static int S_commit(enf_git *g, const char *rev, git_commit **out, enf_error *err)
{
    *out = NULL;
    git_object *obj = NULL;
    int rc = S_git.git_revparse_single(&obj, g->repo, rev);
    if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC) {
        if (enf_git_is_shallow(g))
            return enf_error_set(err, ENF_EINPUT,
                                 "%s: no such revision in this shallow clone (its history may be "
                                 "missing — fetch with --unshallow)", rev);
        return enf_error_set(err, ENF_EINPUT, "%s: no such revision", rev);
    }
    if (rc == GIT_EAMBIGUOUS)
        return enf_error_set(err, ENF_EINPUT, "%s: ambiguous revision (give more of the commit id)", rev);
    if (rc < 0)
        return enf_error_set(err, ENF_EIO, "%s: %s", rev, S_gerr("cannot resolve"));
    git_object *c = NULL;
    rc = S_git.git_object_peel(&c, obj, GIT_OBJECT_COMMIT);
    S_git.git_object_free(obj);
    if (rc < 0)
        return enf_error_set(err, ENF_EINPUT, "%s: not a commit", rev);
    *out = (git_commit *)c;
    return ENF_OK;
}

int enf_git_resolve(enf_git *g, const char *rev, char id[ENF_GIT_ID_SIZE], enf_error *err)
{
    git_commit *c = NULL;
    int rc = S_commit(g, rev, &c, err);
    if (rc)
        return rc;
    S_git.git_oid_tostr(id, ENF_GIT_ID_SIZE, S_git.git_commit_id(c));
    S_git.git_commit_free(c);
    return ENF_OK;
}

/* The tree entry id of path in commit c; 0 when absent. */
static int S_entry(git_commit *c, const char *path, git_oid *id, int *found)
{
    git_tree *t = NULL;
    *found = 0;
    if (S_git.git_commit_tree(&t, c) < 0)
        return -1;
    git_tree_entry *e = NULL;
    int rc = S_git.git_tree_entry_bypath(&e, t, path);
    if (rc == 0) {
        *id = *S_git.git_tree_entry_id(e);
        *found = S_git.git_tree_entry_type(e) == GIT_OBJECT_BLOB;
        S_git.git_tree_entry_free(e);
    }
    S_git.git_tree_free(t);
    return rc == 0 || rc == GIT_ENOTFOUND ? 0 : -1;
}

int enf_git_read_file(enf_git *g, const char *rev, const char *path, char **out, size_t *len,
                      enf_error *err)
{
    *out = NULL;
    *len = 0;
    git_commit *c = NULL;
    int rc = S_commit(g, rev, &c, err);
    if (rc)
        return rc;
    git_oid id;
    int found;
    if (S_entry(c, path, &id, &found) < 0) {
        S_git.git_commit_free(c);
        return enf_error_set(err, ENF_EIO, "%s:%s: %s", rev, path, S_gerr("cannot read the tree"));
    }
    S_git.git_commit_free(c);
    if (!found)
        return enf_error_set(err, ENF_EINPUT, "%s:%s: no such file at revision %s", rev, path, rev);
    git_blob *b = NULL;
    if (S_git.git_blob_lookup(&b, g->repo, &id) < 0)
        return enf_error_set(err, ENF_EIO, "%s:%s: %s", rev, path, S_gerr("cannot read the blob"));
    git_object_size_t n = S_git.git_blob_rawsize(b);
    if ((unsigned long long)n > ENF_MAX_INPUT_BYTES) {
        S_git.git_blob_free(b);
        return enf_error_set(err, ENF_EINPUT, "%s:%s: larger than %zu bytes", rev, path,
                             (size_t)ENF_MAX_INPUT_BYTES);
    }
    char *buf = malloc((size_t)n + 1);
    if (!buf) {
        S_git.git_blob_free(b);
        return enf_error_set(err, ENF_ENOMEM, "%s:%s: out of memory", rev, path);
    }
    memcpy(buf, S_git.git_blob_rawcontent(b), (size_t)n);
    buf[n] = '\0';
    S_git.git_blob_free(b);
    *out = buf;
    *len = (size_t)n;
    return ENF_OK;
}

/* History simplification as `git log -1 REV -- PATH` does it: from rev,
 * follow a parent in which path is the same (the change came from there);
 * the first commit with no such parent changed path. */
int enf_git_last_commit(enf_git *g, const char *rev, const char *path, char id[ENF_GIT_ID_SIZE],
                        enf_error *err)
{
    id[0] = '\0';
    git_commit *c = NULL;
    int rc = S_commit(g, rev, &c, err);
    if (rc)
        return rc;
    git_oid eid;
    int found;
    if (S_entry(c, path, &eid, &found) < 0)
        goto io;
    if (!found) {
        S_git.git_commit_free(c);
        return ENF_OK;   /* not in rev: no commit of it at or before rev */
    }
    for (;;) {
        unsigned np = S_git.git_commit_parentcount(c);
        git_commit *same = NULL;
        for (unsigned k = 0; k < np && !same; k++) {
            git_commit *p = NULL;
            int prc = S_git.git_commit_parent(&p, c, k);
            if (prc == GIT_ENOTFOUND && enf_git_is_shallow(g))
                goto shallow;   /* libgit2 without shallow support: the parent is absent */
            if (prc < 0)
                goto io;
            git_oid pid;
            int pfound;
            if (S_entry(p, path, &pid, &pfound) < 0) {
                S_git.git_commit_free(p);
                goto io;
            }
            if (pfound && S_git.git_oid_equal(&pid, &eid))
                same = p;
            else
                S_git.git_commit_free(p);
        }
        if (!same) {
            if (enf_git_is_shallow(g) && S_is_boundary(g, S_git.git_commit_id(c)))
                goto shallow;
            S_git.git_oid_tostr(id, ENF_GIT_ID_SIZE, S_git.git_commit_id(c));
            S_git.git_commit_free(c);
            return ENF_OK;
        }
        S_git.git_commit_free(c);
        c = same;
    }
shallow: {
        char hex[GIT_OID_HEXSZ + 1];
        S_git.git_oid_tostr(hex, sizeof hex, S_git.git_commit_id(c));
        S_git.git_commit_free(c);
        return enf_error_set(err, ENF_EINPUT,
                             "shallow clone: the history of %s before %.12s is missing — fetch "
                             "with --unshallow", path, hex);
    }
io:
    S_git.git_commit_free(c);
    return enf_error_set(err, ENF_EIO, "%s: %s", path, S_gerr("cannot read the history"));
}

typedef struct {
    char **v;
    size_t n, cap;
} S_paths;

static int S_push(S_paths *p, const char *s)
{
    if (!s)
        return 0;
    if (p->n && !strcmp(p->v[p->n - 1], s))
        return 0;
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 32;
        char **v = realloc(p->v, cap * sizeof *v);
        if (!v)
            return -1;
        p->v = v;
        p->cap = cap;
    }
    if (!(p->v[p->n] = strdup(s)))
        return -1;
    p->n++;
    return 0;
}

static int S_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int enf_git_changed(enf_git *g, const char *rev, const char *to_rev, char ***paths, size_t *n,
                    enf_error *err)
{
    *paths = NULL;
    *n = 0;
    git_commit *c = NULL, *c2 = NULL;
    git_tree *t = NULL, *t2 = NULL;
    git_diff *diff = NULL;
    S_paths p = {0};
    int rc = S_commit(g, rev, &c, err);
    if (rc)
        return rc;
    if (to_rev && (rc = S_commit(g, to_rev, &c2, err))) {
        S_git.git_commit_free(c);
        return rc;
    }
    git_diff_options o;
    S_git.git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
    /* a new file not yet added is a change too */
    o.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
    if (S_git.git_commit_tree(&t, c) < 0 || (c2 && S_git.git_commit_tree(&t2, c2) < 0))
        goto io;
    if ((c2 ? S_git.git_diff_tree_to_tree(&diff, g->repo, t, t2, &o)
            : S_git.git_diff_tree_to_workdir_with_index(&diff, g->repo, t, &o)) < 0)
        goto io;
    size_t nd = S_git.git_diff_num_deltas(diff);
    for (size_t i = 0; i < nd; i++) {
        const git_diff_delta *d = S_git.git_diff_get_delta(diff, i);
        if (S_push(&p, d->old_file.path) ||
            (d->new_file.path && (!d->old_file.path || strcmp(d->new_file.path, d->old_file.path)) &&
             S_push(&p, d->new_file.path))) {
            rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
            goto done;
        }
    }
    if (p.n)
        qsort(p.v, p.n, sizeof *p.v, S_cmp);
    /* one entry per path */
    size_t w = 0;
    for (size_t i = 0; i < p.n; i++) {
        if (w && !strcmp(p.v[w - 1], p.v[i]))
            free(p.v[i]);
        else
            p.v[w++] = p.v[i];
    }
    p.n = w;
    *paths = p.v;
    *n = p.n;
    p.v = NULL;
    p.n = 0;
    rc = ENF_OK;
    goto done;
io:
    rc = enf_error_set(err, ENF_EIO, "changes since %s: %s", rev, S_gerr("cannot compare"));
done:
    enf_git_paths_free(p.v, p.n);
    S_git.git_diff_free(diff);
    S_git.git_tree_free(t);
    S_git.git_tree_free(t2);
    S_git.git_commit_free(c);
    S_git.git_commit_free(c2);
    return rc;
}

void enf_git_paths_free(char **paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}
