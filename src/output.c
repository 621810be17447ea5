/* output.c — atomic output files: write to a temporary file in the target's
 * directory, rename over the target only when everything was written.  On
 * any error the user's existing file is untouched. */
#include "enface.h"
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct enf_output {
    FILE *f;
    char *path;   /* NULL for stdout */
    char *tmp;
};

int enf_output_open(const char *path, enf_output **out, enf_error *err)
{
    *out = NULL;
    enf_output *o = calloc(1, sizeof *o);
    if (!o)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
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
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        free(o->tmp);
        o->tmp = NULL;
        enf_output_abort(o);
        return enf_error_set(err, ENF_EIO, "%s: cannot create: %s", path, strerror(e));
    }
    /* mkstemp makes the file 0600; give it the mode the user would get
     * from a plain create, or keep the mode of the file it replaces */
    struct stat st;
    mode_t mode;
    if (stat(path, &st) == 0)
        mode = st.st_mode & 07777;
    else {
        mode_t um = umask(0);
        umask(um);
        mode = 0666 & ~um;
    }
    if (fchmod(fd, mode) != 0) {
        /* not fatal: the content is what matters */
    }
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
    if (!o->path) {
        if (fflush(o->f) != 0 || ferror(o->f))
            rc = enf_error_set(err, ENF_EIO, "<stdout>: write error: %s", strerror(errno));
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
        if (o->tmp)
            unlink(o->tmp);
    }
    free(o->path);
    free(o->tmp);
    free(o);
}
