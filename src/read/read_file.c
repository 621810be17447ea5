/* read_file.c — files into memory with the checks every input gets (size,
 * directory, UTF-8, the output guard's record of what was read), and the
 * dispatch from a file name to the reader of its format. */
#include "enface/read.h"
#include "model_internal.h"
#include "read_internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int enf__read_whole_file(const char *path, char **out, size_t *outlen, enf_error *err)
{
    FILE *f;
    int is_stdin = strcmp(path, "-") == 0;
    if (is_stdin) {
        f = stdin;
    } else {
        struct stat st;
        if (stat(path, &st) != 0)
            return enf_error_set(err, ENF_EIO, "%s: cannot open: %s", path, strerror(errno));
        if (S_ISDIR(st.st_mode))
            return enf_error_set(err, ENF_EINPUT, "%s: is a directory, expected a file", path);
        if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > ENF_MAX_INPUT_BYTES)
            return enf_error_set(err, ENF_EINPUT,
                                 "%s: file is %llu MiB, larger than the %zu MiB limit",
                                 path, (unsigned long long)(st.st_size >> 20),
                                 ENF_MAX_INPUT_BYTES >> 20);
        f = fopen(path, "rb");
        if (!f)
            return enf_error_set(err, ENF_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    /* the file actually opened, whatever path led to it */
    struct stat fst;
    int have_st = fstat(fileno(f), &fst) == 0;
    if (have_st &&
        enf__inputs_note(is_stdin ? "<stdin>" : path, &fst, err)) {
        if (!is_stdin)
            fclose(f);
        return err ? err->code : ENF_ENOMEM;
    }
    /* a regular file's size is known: one buffer of that size and a byte
     * more (the NUL later stages add, and the read that meets the end),
     * read into once; grown only if the file grows meanwhile.  Doubling
     * from a small start would copy and touch the text twice. */
    size_t cap = 1 << 16, len = 0;
    if (!is_stdin && have_st && S_ISREG(fst.st_mode) && fst.st_size > 0 &&
        (uint64_t)fst.st_size <= ENF_MAX_INPUT_BYTES)
        cap = (size_t)fst.st_size + 1;
    char *buf = malloc(cap);
    if (!buf) {
        if (!is_stdin)
            fclose(f);
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", path);
    }
    for (;;) {
        if (len == cap) {
            if (cap > ENF_MAX_INPUT_BYTES) {
                free(buf);
                if (!is_stdin)
                    fclose(f);
                return enf_error_set(err, ENF_EINPUT, "%s: input larger than the %zu MiB limit",
                                     path, ENF_MAX_INPUT_BYTES >> 20);
            }
            /* grow to at most one byte over the limit: a pipe or device
             * that never ends costs 256 MiB, not 512 */
            size_t ncap = cap * 2 > ENF_MAX_INPUT_BYTES + 1 ? ENF_MAX_INPUT_BYTES + 1 : cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                if (!is_stdin)
                    fclose(f);
                return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", path);
            }
            buf = nb;
            cap = ncap;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    int bad = ferror(f);
    if (!is_stdin)
        fclose(f);
    if (bad) {
        free(buf);
        return enf_error_set(err, ENF_EIO, "%s: read error", path);
    }
    if (len > ENF_MAX_INPUT_BYTES) {
        free(buf);
        return enf_error_set(err, ENF_EINPUT, "%s: input larger than the %zu MiB limit",
                             path, ENF_MAX_INPUT_BYTES >> 20);
    }
    *out = buf;
    *outlen = len;
    return ENF_OK;
}

int enf_read_text_file(const char *path, char **out, size_t *len, enf_error *err)
{
    char *buf = NULL;
    size_t n = 0;
    *out = NULL;
    *len = 0;
    int rc = enf__read_whole_file(path, &buf, &n, err);
    if (rc)
        return rc;
    rc = enf_utf8_check(path, buf, n, err);
    char *nb = rc ? NULL : realloc(buf, n + 1);
    if (!nb) {
        free(buf);
        return rc ? rc : enf_error_set(err, ENF_ENOMEM, "%s: out of memory", path);
    }
    nb[n] = '\0';
    *out = nb;
    *len = n;
    return ENF_OK;
}

static int S_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (m > n)
        return 0;
    for (size_t i = 0; i < m; i++) {
        char a = s[n - m + i], b = suffix[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return 1;
}

void enf__read_opts_apply(enf_doc *d, const enf_read_opts *o)
{
    if (!o)
        return;
    d->align_only = o->align_only != 0;
    d->latin_of = o->latin_of ? o->latin_of->arena : NULL;
}

int enf_doc_read_file(const char *path, enf_units units, enf_doc **out, enf_error *err)
{
    return enf_doc_read_file_as(path, units, NULL, out, err);
}

int enf_doc_read_file_as(const char *path, enf_units units, const char *encoding, enf_doc **out,
                         enf_error *err)
{
    enf_read_opts o = {units, encoding, 0, NULL};
    return enf_doc_read_file_opts(path, &o, out, err);
}

int enf_doc_read_file_opts(const char *path, const enf_read_opts *o, enf_doc **out,
                           enf_error *err)
{
    enf_units units = o->units;
    const char *encoding = o->encoding;
    char *buf = NULL;
    size_t len = 0;
    *out = NULL;
    int rc = enf__read_whole_file(path, &buf, &len, err);
    if (rc)
        return rc;
    if (encoding && strcasecmp(encoding, "utf-8") && strcasecmp(encoding, "utf8")) {
        char *u = NULL;
        size_t ulen = 0;
        rc = enf_decode_to_utf8(path, buf, len, encoding, &u, &ulen, err);
        free(buf);
        if (rc)
            return rc;
        buf = u;
        len = ulen;
    }
    if (units == ENF_UNITS_AUTO)
        units = (S_ends_with(path, ".html") || S_ends_with(path, ".htm") ||
                 S_ends_with(path, ".xhtml"))
                    ? ENF_UNITS_HTML
                    : ENF_UNITS_MARKDOWN;
    switch (units) {
    case ENF_UNITS_HTML: rc = enf__read_html(path, buf, len, o, out, err); break;
    case ENF_UNITS_LINES: rc = enf__read_lines(path, buf, len, o, out, err); break;
    default:
        return enf__doc_read_markdown_owned(path, buf, len, enf__md_dialects_of(units), o, out,
                                            err);
    }
    free(buf);
    return rc;
}

int enf_doc_read_buffer(const char *name, const char *data, size_t len, enf_units units,
                        enf_doc **out, enf_error *err)
{
    *out = NULL;
    if (units == ENF_UNITS_AUTO)
        units = (S_ends_with(name, ".html") || S_ends_with(name, ".htm") ||
                 S_ends_with(name, ".xhtml"))
                    ? ENF_UNITS_HTML
                    : ENF_UNITS_MARKDOWN;
    switch (units) {
    case ENF_UNITS_HTML: return enf_doc_read_html(name, data, len, out, err);
    case ENF_UNITS_LINES: return enf_doc_read_lines(name, data, len, out, err);
    default: return enf__read_markdown(name, data, len, enf__md_dialects_of(units), out, err);
    }
}
