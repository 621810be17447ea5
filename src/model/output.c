/* output.c — atomic output files: write to a temporary file in the target's
 * directory, rename over the target only when everything was written.  On
 * any error the user's existing file is untouched.  With input tracking on,
 * an output is never renamed over a file this process read. */
#include "enface/model.h"
#include "model_internal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct enf_output {
    FILE *f;
    char *path;   /* NULL for stdout */
    char *tmp;
    int slot;     /* index in S_live, or -1 */
    int direct;   /* path is a device or FIFO: written in place */
    int replace;  /* enf_output_open_replace: path is an input on purpose */
};

/* The temporary files not yet committed or aborted, for
 * enf_output_remove_temporaries (called from signal handlers: it may only
 * read this table and call unlink). */
#define S_MAX_LIVE 16
static char *volatile S_live[S_MAX_LIVE];

static int S_live_add(char *tmp)
{
    for (int i = 0; i < S_MAX_LIVE; i++)
        if (!S_live[i]) {
            S_live[i] = tmp;
            return i;
        }
    return -1;
}

static void S_live_remove(enf_output *o)
{
    if (o->slot >= 0)
        S_live[o->slot] = NULL;
    o->slot = -1;
}

/* ---- the inputs an output must not replace
 *
 * Files are compared by device and inode, which sees through symlinks,
 * hard links and "./x" vs "x".  Readers run in corpus worker threads, so
 * the table has a lock. */
typedef struct {
    dev_t dev;
    ino_t ino;
    char *path;
} S_input;

static pthread_mutex_t S_inputs_mu = PTHREAD_MUTEX_INITIALIZER;
static S_input *S_inputs;
static size_t S_n_inputs, S_cap_inputs;
static int S_tracking;

void enf_inputs_track(int on)
{
    pthread_mutex_lock(&S_inputs_mu);
    S_tracking = on;
    pthread_mutex_unlock(&S_inputs_mu);
}

void enf_inputs_clear(void)
{
    pthread_mutex_lock(&S_inputs_mu);
    for (size_t i = 0; i < S_n_inputs; i++)
        free(S_inputs[i].path);
    free(S_inputs);
    S_inputs = NULL;
    S_n_inputs = S_cap_inputs = 0;
    pthread_mutex_unlock(&S_inputs_mu);
}

int enf__inputs_note(const char *path, const struct stat *st, enf_error *err)
{
    /* only regular files can be replaced by a rename */
    if (!S_ISREG(st->st_mode))
        return ENF_OK;
    int rc = ENF_OK;
    pthread_mutex_lock(&S_inputs_mu);
    if (S_tracking) {
        int known = 0;
        for (size_t i = 0; i < S_n_inputs && !known; i++)
            known = S_inputs[i].dev == st->st_dev && S_inputs[i].ino == st->st_ino;
        char *copy = known ? NULL : strdup(path);
        if (known) {
            /* already there */
        } else if (!copy || enf__grow((void **)&S_inputs, &S_cap_inputs, S_n_inputs + 1,
                                      sizeof *S_inputs)) {
            free(copy);
            /* without the record the guard could not keep its promise */
            rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory", path);
        } else {
            S_inputs[S_n_inputs++] = (S_input){st->st_dev, st->st_ino, copy};
        }
    }
    pthread_mutex_unlock(&S_inputs_mu);
    return rc;
}

int enf_inputs_add(const char *path, enf_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return ENF_OK;   /* a file that does not exist cannot be overwritten */
    return enf__inputs_note(path, &st, err);
}

/* ENF_EUSAGE when the file at path is one of the tracked inputs. */
static int S_not_an_input(const char *path, enf_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return ENF_OK;
    int rc = ENF_OK;
    pthread_mutex_lock(&S_inputs_mu);
    for (size_t i = 0; i < S_n_inputs; i++)
        if (S_inputs[i].dev == st.st_dev && S_inputs[i].ino == st.st_ino) {
            if (!strcmp(S_inputs[i].path, path))
                rc = enf_error_set(err, ENF_EUSAGE,
                                   "%s: is an input of this run; refusing to write the output "
                                   "over it (choose another -o file)", path);
            else
                rc = enf_error_set(err, ENF_EUSAGE,
                                   "%s: is the same file as the input %s; refusing to write "
                                   "the output over it (choose another -o file)",
                                   path, S_inputs[i].path);
            break;
        }
    pthread_mutex_unlock(&S_inputs_mu);
    return rc;
}

void enf_output_remove_temporaries(void)
{
    for (int i = 0; i < S_MAX_LIVE; i++) {
        char *t = S_live[i];
        if (t)
            unlink(t);
    }
}

static int S_open(const char *path, int replace_input, enf_output **out, enf_error *err);

int enf_output_open(const char *path, enf_output **out, enf_error *err)
{
    return S_open(path, 0, out, err);
}

int enf_output_open_replace(const char *path, enf_output **out, enf_error *err)
{
    if (!path || !strcmp(path, "-"))
        return enf_error_set(err, ENF_EUSAGE, "a file to rewrite is needed, not standard output");
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return enf_error_set(err, ENF_EUSAGE, "%s: not a regular file; only a file can be rewritten", path);
    return S_open(path, 1, out, err);
}

static int S_open(const char *path, int replace_input, enf_output **out, enf_error *err)
{
    *out = NULL;
    enf_output *o = calloc(1, sizeof *o);
    if (!o)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    o->slot = -1;
    o->replace = replace_input;
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        *out = o;
        return ENF_OK;
    }
    struct stat st;
    int exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        enf_output_abort(o);
        return enf_error_set(err, ENF_EUSAGE, "%s: is a directory, expected a file name", path);
    }
    if (!replace_input && S_not_an_input(path, err)) {
        enf_output_abort(o);
        return ENF_EUSAGE;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        /* /dev/null, /dev/stdout, a FIFO: renaming a temporary file over
         * it would replace the device with a regular file */
        o->direct = 1;
        o->path = strdup(path);
        o->f = o->path ? fopen(path, "wb") : NULL;
        if (!o->f) {
            int e = errno;
            enf_output_abort(o);
            return enf_error_set(err, ENF_EIO, "%s: cannot write: %s", path, strerror(e));
        }
        *out = o;
        return ENF_OK;
    }
    size_t n = strlen(path);
    o->path = strdup(path);
    o->tmp = malloc(n + 32);
    if (!o->path || !o->tmp) {
        enf_output_abort(o);
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    snprintf(o->tmp, n + 32, "%s.tmp-XXXXXX", path);
    /* no signal between creating the file and registering it for
     * enf_output_remove_temporaries */
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    int fd = mkstemp(o->tmp);
    if (fd >= 0)
        o->slot = S_live_add(o->tmp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        int e = errno;
        free(o->tmp);
        o->tmp = NULL;
        enf_output_abort(o);
        return enf_error_set(err, ENF_EIO, "%s: cannot create: %s", path, strerror(e));
    }
    /* mkstemp makes the file 0600: give it the mode the file it replaces
     * had, or the mode a new file would get */
    mode_t mode;
    if (exists) {
        mode = st.st_mode & 07777;
    } else {
        mode_t um = umask(0);
        umask(um);
        mode = 0666 & ~um;
    }
    (void)fchmod(fd, mode);
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        close(fd);
        unlink(o->tmp);
        enf_output_abort(o);
        return enf_error_set(err, ENF_EIO, "%s: cannot write", path);
    }
    *out = o;
    return ENF_OK;
}

FILE *enf_output_file(enf_output *o) { return o->f; }

const char *enf_output_name(const enf_output *o) { return o->path ? o->path : "<stdout>"; }

/* Commit, phase 1: everything but the rename.  0 ready (o->f closed,
 * the temporary complete), else the error (the temporary removed). */
static int S_prepare(enf_output *o, enf_error *err)
{
    if (!o->path || o->direct) {
        int rc = ENF_OK;
        if (fflush(o->f) != 0 || ferror(o->f))
            rc = enf_error_set(err, ENF_EIO, "%s: write error: %s",
                               o->path ? o->path : "<stdout>", strerror(errno));
        if (o->direct && fclose(o->f) != 0 && !rc)
            rc = enf_error_set(err, ENF_EIO, "%s: write error: %s", o->path, strerror(errno));
        if (o->direct)
            o->f = NULL;
        return rc;
    }
    int bad = fflush(o->f) != 0 || ferror(o->f);
    int e = errno;
    if (fclose(o->f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    o->f = NULL;
    if (bad) {
        unlink(o->tmp);
        return enf_error_set(err, ENF_EIO, "%s: write failed (%s); the previous file is unchanged",
                             o->path, strerror(e));
    }
    if (!o->replace && S_not_an_input(o->path, err)) {
        /* an input read after the output was opened (corpus documents,
         * a glossary named in .enface.ini) */
        unlink(o->tmp);
        return ENF_EUSAGE;
    }
    return ENF_OK;
}

/* Phase 2: rename a prepared temporary into place (rename 0) or remove it;
 * frees o. */
static int S_finish(enf_output *o, int rename_it, enf_error *err)
{
    int rc = ENF_OK;
    if (o->path && !o->direct && o->tmp) {
        if (!rename_it) {
            unlink(o->tmp);
        } else if (rename(o->tmp, o->path) != 0) {
            int e = errno;
            unlink(o->tmp);
            rc = enf_error_set(err, ENF_EIO, "%s: cannot rename into place: %s", o->path,
                               strerror(e));
        }
    }
    S_live_remove(o);
    free(o->path);
    free(o->tmp);
    free(o);
    return rc;
}

int enf_output_commit(enf_output *o, enf_error *err)
{
    int rc = S_prepare(o, err);
    if (rc) {
        /* S_prepare removed the temporary */
        free(o->tmp);
        o->tmp = NULL;
        S_finish(o, 0, NULL);
        return rc;
    }
    return S_finish(o, 1, err);
}

int enf_output_commit_set(enf_output **v, size_t n, enf_error *err)
{
    int rc = ENF_OK;
    size_t k = 0;
    for (; k < n && !rc; k++)
        rc = S_prepare(v[k], err);
    if (rc) {
        /* v[k-1] failed and removed its temporary; the others are dropped */
        for (size_t i = 0; i < n; i++) {
            if (i == k - 1) {
                free(v[i]->tmp);
                v[i]->tmp = NULL;
            } else if (i >= k && v[i]->f && v[i]->path) {
                fclose(v[i]->f);
                v[i]->f = NULL;
            }
            S_finish(v[i], 0, NULL);
        }
        return rc;
    }
    for (size_t i = 0; i < n; i++) {
        int r = S_finish(v[i], 1, rc ? NULL : err);
        if (r && !rc)
            rc = r;
    }
    return rc;
}

void enf_output_abort(enf_output *o)
{
    if (!o)
        return;
    if (o->path && o->f) {
        fclose(o->f);
        if (o->tmp && !o->direct)
            unlink(o->tmp);
    }
    S_live_remove(o);
    free(o->path);
    free(o->tmp);
    free(o);
}
