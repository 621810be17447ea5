/* write_findings_run.c — a repository's findings in one output
 * (enf_findings_writer, enface check --pairs): the pairs come one by one,
 * and what a format must see whole (one JSON document, one SARIF run, the
 * GitHub caps over the run) is held until the end. */
#include "write_findings.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *name;
    size_t n;
} S_file;

struct enf_findings_writer {
    FILE *f;
    enf_findings_format fmt;
    unsigned flags;
    char *root_uri;        /* "file:///abs/root/" */
    char *prefix;
    size_t n_pairs;
    size_t counts[4];
    json_t *findings;      /* json: findings; sarif: results; rdjson: diagnostics */
    json_t *files;         /* json: [{"en":..,"zh":..}] */
    json_t *rules;         /* sarif: the run's rules, and each rule's place */
    int rule_index[ENF_RULE__COUNT];
    /* github: the annotations shown, per severity, and the files' counts */
    char *ann[4];
    size_t ann_len[4], shown[4];
    FILE *ann_f[4];
    S_file *by_file;
    size_t n_files, cap_files;
};

static const size_t S_cap[4] = {0, 9, 10, 10};   /* one notice is the summary */

void enf_findings_writer_free(enf_findings_writer *w)
{
    if (!w)
        return;
    for (int s = 0; s < 4; s++) {
        if (w->ann_f[s])
            fclose(w->ann_f[s]);
        free(w->ann[s]);
    }
    for (size_t i = 0; i < w->n_files; i++)
        free(w->by_file[i].name);
    free(w->by_file);
    json_decref(w->findings);
    json_decref(w->files);
    json_decref(w->rules);
    free(w->root_uri);
    free(w->prefix);
    free(w);
}

int enf_findings_writer_new(FILE *f, enf_findings_format fmt, unsigned flags, const char *root,
                            const char *prefix, enf_findings_writer **out, enf_error *err)
{
    *out = NULL;
    if (fmt > ENF_FINDINGS_RDJSON)
        return enf_error_set(err, ENF_EUSAGE, "unknown findings format");
    enf_findings_writer *w = calloc(1, sizeof *w);
    if (!w)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    w->f = f;
    w->fmt = fmt;
    w->flags = flags;
    w->prefix = strdup(prefix ? prefix : "");
    int bad = !w->prefix;
    if (root) {
        json_t *u = enf__sarif_uri(root);
        const char *s = u ? json_string_value(u) : NULL;
        size_t n = s ? strlen(s) : 0;
        w->root_uri = s ? malloc(n + 9) : NULL;
        if (w->root_uri)
            snprintf(w->root_uri, n + 9, "file://%s%s", s, n && s[n - 1] == '/' ? "" : "/");
        json_decref(u);
        bad |= !w->root_uri;
    }
    if (fmt == ENF_FINDINGS_JSON || fmt == ENF_FINDINGS_SARIF || fmt == ENF_FINDINGS_RDJSON)
        bad |= !(w->findings = json_array());
    if (fmt == ENF_FINDINGS_JSON)
        bad |= !(w->files = json_array());
    if (fmt == ENF_FINDINGS_SARIF)
        bad |= !(w->rules = enf__sarif_rules(flags & ENF_WF_DRIFT ? "drift" : "check", w->rule_index));
    if (fmt == ENF_FINDINGS_GITHUB)
        for (int s = 1; s < 4; s++)
            bad |= !(w->ann_f[s] = open_memstream(&w->ann[s], &w->ann_len[s]));
    if (bad) {
        enf_findings_writer_free(w);
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    *out = w;
    return ENF_OK;
}

static int S_count_file(enf_findings_writer *w, const char *name, size_t n)
{
    if (!n)
        return ENF_OK;
    if (w->n_files == w->cap_files) {
        size_t cap = w->cap_files ? 2 * w->cap_files : 32;
        S_file *v = realloc(w->by_file, cap * sizeof *v);
        if (!v)
            return ENF_ENOMEM;
        w->by_file = v;
        w->cap_files = cap;
    }
    if (!(w->by_file[w->n_files].name = strdup(name)))
        return ENF_ENOMEM;
    w->by_file[w->n_files++].n = n;
    return ENF_OK;
}

int enf_findings_writer_add(enf_findings_writer *w, const enf_doc *en, const enf_doc *zh,
                            const enf_findings *fs, enf_error *err)
{
    const enf_doc *docs[2] = {en, zh};
    int rc = ENF_OK;
    w->n_pairs++;
    for (size_t i = 0; i < fs->n; i++)
        w->counts[fs->v[i].severity]++;
    switch (w->fmt) {
    case ENF_FINDINGS_TEXT:
        rc = enf__write_findings_text(w->f, en, zh, fs, w->flags);
        break;
    case ENF_FINDINGS_JSON: {
        json_t *o = json_object();
        json_object_set_new(o, "en", en ? json_string(en->name) : json_null());
        json_object_set_new(o, "zh", zh ? json_string(zh->name) : json_null());
        if (!o || json_array_append_new(w->files, o))
            rc = ENF_ENOMEM;
        for (size_t i = 0; i < fs->n && !rc; i++)
            if (json_array_append_new(w->findings, enf__json_finding(en, zh, &fs->v[i])))
                rc = ENF_ENOMEM;
        break;
    }
    case ENF_FINDINGS_SARIF:
        for (size_t i = 0; i < fs->n && !rc; i++) {
            json_t *res = enf__sarif_result(en, zh, &fs->v[i], w->root_uri ? w->prefix : NULL,
                                            w->rule_index, "the original");
            if (res && json_array_append_new(w->findings, res))
                rc = ENF_ENOMEM;
        }
        break;
    case ENF_FINDINGS_GITHUB:
        for (int sev = ENF_SEV_ERROR; sev >= ENF_SEV_NOTE; sev--)
            for (size_t i = 0; i < fs->n; i++) {
                const enf_finding *x = &fs->v[i];
                int s = enf__finding_side(x);
                if ((int)x->severity != sev || !docs[s] || w->shown[sev] >= S_cap[sev])
                    continue;
                w->shown[sev]++;
                enf__github_annotation(w->ann_f[sev], sev, docs[s]->name, x, s);
            }
        rc = S_count_file(w, zh ? zh->name : en ? en->name : "?", fs->n);
        break;
    case ENF_FINDINGS_RDJSON:
        for (size_t i = 0; i < fs->n && !rc; i++) {
            json_t *d;
            rc = enf__rdjson_diagnostic(en, zh, &fs->v[i], "the original", &d);
            if (!rc && d && json_array_append_new(w->findings, d))
                rc = ENF_ENOMEM;
        }
        break;
    }
    if (rc == ENF_ENOMEM)
        return enf_error_set(err, rc, "out of memory writing findings");
    if (rc || ferror(w->f))
        return enf_error_set(err, ENF_EIO, "write error");
    return ENF_OK;
}

static int S_by_count(const void *a, const void *b)
{
    const S_file *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->name, y->name);
}

static void S_github_end(enf_findings_writer *w)
{
    FILE *f = w->f;
    for (int sev = ENF_SEV_ERROR; sev >= ENF_SEV_NOTE; sev--) {
        fflush(w->ann_f[sev]);
        fwrite(w->ann[sev], 1, w->ann_len[sev], f);
    }
    const size_t *c = w->counts;
    size_t total = c[1] + c[2] + c[3];
    size_t hidden = total - w->shown[1] - w->shown[2] - w->shown[3];
    fprintf(f, "::notice title=enface check::%zu file%s, %zu finding%s: %zu error%s, %zu warning%s, %zu note%s",
            w->n_pairs, w->n_pairs == 1 ? "" : "s", total, total == 1 ? "" : "s", c[3],
            c[3] == 1 ? "" : "s", c[2], c[2] == 1 ? "" : "s", c[1], c[1] == 1 ? "" : "s");
    qsort(w->by_file, w->n_files, sizeof *w->by_file, S_by_count);
    for (size_t i = 0; i < w->n_files && i < 5; i++) {
        fputs(i ? ", " : "; most in ", f);
        enf__github_escape(f, w->by_file[i].name);
        fprintf(f, " (%zu)", w->by_file[i].n);
    }
    if (hidden)
        fprintf(f, "; %zu not shown as annotations (run enface check locally for all)", hidden);
    fputc('\n', f);
}

int enf_findings_writer_end(enf_findings_writer *w, enf_error *err)
{
    int rc = ENF_OK;
    switch (w->fmt) {
    case ENF_FINDINGS_TEXT: break;
    case ENF_FINDINGS_JSON: {
        json_t *root = json_object();
        json_object_set_new(root, "version", json_integer(1));
        if (w->root_uri)
            json_object_set_new(root, "root", json_string(w->root_uri));
        json_object_set_new(root, "files", w->files);
        json_object_set_new(root, "findings", w->findings);
        json_object_set_new(root, "summary", enf__json_summary(w->counts));
        w->files = w->findings = NULL;
        rc = json_dumpf(root, w->f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) ? ENF_EIO : ENF_OK;
        fputc('\n', w->f);
        json_decref(root);
        break;
    }
    case ENF_FINDINGS_SARIF:
        rc = enf__sarif_dump(w->f, w->findings, w->root_uri, w->rules);
        w->findings = w->rules = NULL;
        break;
    case ENF_FINDINGS_GITHUB: S_github_end(w); break;
    case ENF_FINDINGS_RDJSON:
        rc = enf__rdjson_dump(w->f, w->findings);
        w->findings = NULL;
        break;
    }
    int ioerr = ferror(w->f);
    enf_findings_writer_free(w);
    if (rc == ENF_ENOMEM)
        return enf_error_set(err, rc, "out of memory writing findings");
    if (rc || ioerr)
        return enf_error_set(err, ENF_EIO, "write error");
    return ENF_OK;
}
