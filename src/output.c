/* output.c — atomic output files: write to a temporary file in the target's
 * directory, rename over the target only when everything was written.  On
 * any error the user's existing file is untouched. */
#include "enface.h"
#include "internal.h"

#include <errno.h>
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

void enf_output_remove_temporaries(void)
{
    for (int i = 0; i < S_MAX_LIVE; i++) {
        char *t = S_live[i];
        if (t)
            unlink(t);
    }
}

int enf_output_open(const char *path, enf_output **out, enf_error *err)
{
    *out = NULL;
    enf_output *o = calloc(1, sizeof *o);
    if (!o)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    o->slot = -1;
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

int enf_output_commit(enf_output *o, enf_error *err)
{
    int rc = ENF_OK;
    if (!o->path || o->direct) {
        if (fflush(o->f) != 0 || ferror(o->f))
            rc = enf_error_set(err, ENF_EIO, "%s: write error: %s",
                               o->path ? o->path : "<stdout>", strerror(errno));
        if (o->direct && fclose(o->f) != 0 && !rc)
            rc = enf_error_set(err, ENF_EIO, "%s: write error: %s", o->path, strerror(errno));
        free(o->path);
        free(o);
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
        rc = enf_error_set(err, ENF_EIO, "%s: write failed (%s); the previous file is unchanged",
                           o->path, strerror(e));
    } else if (rename(o->tmp, o->path) != 0) {
        e = errno;
        unlink(o->tmp);
        rc = enf_error_set(err, ENF_EIO, "%s: cannot rename into place: %s", o->path, strerror(e));
    }
    S_live_remove(o);
    free(o->path);
    free(o->tmp);
    free(o);
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
