/* write_findings_rdjson.c — findings as reviewdog's Diagnostic Format in
 * its rdjson form (jansson): one DiagnosticResult, {"source": {"name":
 * "enface"}, "diagnostics": [...]}, for `reviewdog -f=rdjson`.  A
 * diagnostic is placed as a SARIF result is (the Chinese file, the
 * original as a related location); its column counts UTF-8 bytes, as the
 * format does, where enface's count code points. */
#include "write_findings.h"

#include <jansson.h>
#include <stdlib.h>

/* A string for JSON: jansson refuses invalid UTF-8 (a file name is bytes),
 * so such a string loses its broken bytes rather than the whole field. */
static json_t *S_string(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    char *clean = enf__strdup_utf8(s);
    j = clean ? json_string(clean) : NULL;
    free(clean);
    return j;
}

/* Set o[key] = v (stolen, freed on failure, as jansson does); a failure
 * (out of memory) is remembered in *bad, so that no object goes out with a
 * field missing. */
static void S_set(json_t *o, const char *key, json_t *v, int *bad)
{
    if (json_object_set_new(o, key, v))
        *bad = 1;
}

static const char *S_severity(enf_severity s)
{
    switch (s) {
    case ENF_SEV_ERROR: return "ERROR";
    case ENF_SEV_WARNING: return "WARNING";
    case ENF_SEV_NOTE: return "INFO";
    default: return "UNKNOWN_SEVERITY";
    }
}

/* The 1-based UTF-8 byte column of code point column col on line; 0 when
 * the line is not in the document. */
static int S_byte_col(const enf_doc *d, int line, int col)
{
    if (line < 1 || (size_t)line > d->n_lines || col < 1)
        return 0;
    size_t start = d->line_start[line - 1], end = d->line_start[line] - 1, off = start;
    if (end > d->len)
        end = d->len;
    for (int k = 1; k < col && off < end; k++) {
        int adv;
        enf_utf8_decode(d->data + off, end - off, &adv);
        off += (size_t)adv;
    }
    return (int)(off - start) + 1;
}

static json_t *S_location(const enf_doc *d, const enf_finding *x, int s, int *bad)
{
    json_t *start = json_object(), *range = json_object(), *loc = json_object();
    S_set(start, "line", json_integer(x->line[s]), bad);
    int col = S_byte_col(d, x->line[s], x->col[s]);
    if (col > 0)
        S_set(start, "column", json_integer(col), bad);
    S_set(range, "start", start, bad);
    S_set(loc, "path", S_string(d->name), bad);
    S_set(loc, "range", range, bad);
    return loc;
}

int enf__rdjson_diagnostic(const enf_doc *en, const enf_doc *zh, const enf_finding *x,
                           const char *related, json_t **out)
{
    const enf_doc *docs[2] = {en, zh};
    int s = enf__finding_side(x), bad = 0;
    *out = NULL;
    if (!docs[s])
        return ENF_OK;   /* no place in the documents given */
    json_t *o = json_object(), *code = json_object();
    S_set(o, "message", S_string(x->message), &bad);
    S_set(o, "location", S_location(docs[s], x, s, &bad), &bad);
    S_set(o, "severity", json_string(S_severity(x->severity)), &bad);
    S_set(code, "value", S_string(x->rule), &bad);
    S_set(o, "code", code, &bad);
    if (s == 1 && en && x->line[0] > 0) {
        json_t *rel = json_array(), *r = json_object();
        S_set(r, "message", json_string(related), &bad);
        S_set(r, "location", S_location(en, x, 0, &bad), &bad);
        if (json_array_append_new(rel, r))
            bad = 1;
        S_set(o, "related_locations", rel, &bad);
    }
    if (bad) {
        json_decref(o);
        return ENF_ENOMEM;
    }
    *out = o;
    return ENF_OK;
}

int enf__rdjson_dump(FILE *f, json_t *diagnostics)
{
    json_t *root = json_object(), *source = json_object();
    if (!root || !source || !diagnostics) {
        json_decref(root);
        json_decref(source);
        json_decref(diagnostics);
        return ENF_ENOMEM;
    }
    json_object_set_new(source, "name", json_string("enface"));
    json_object_set_new(root, "source", source);
    json_object_set_new(root, "diagnostics", diagnostics);
    int r = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', f);
    json_decref(root);
    return r ? ENF_EIO : ENF_OK;
}

int enf__write_findings_rdjson(FILE *f, const enf_doc *en, const enf_doc *zh,
                               const enf_findings *fs, unsigned flags)
{
    const char *related = flags & ENF_WF_DRIFT ? "the changed original" : "the original";
    json_t *diags = json_array();
    for (size_t i = 0; i < fs->n && diags; i++) {
        json_t *d;
        if (enf__rdjson_diagnostic(en, zh, &fs->v[i], related, &d) ||
            (d && json_array_append_new(diags, d))) {
            json_decref(diags);
            return ENF_ENOMEM;
        }
    }
    return enf__rdjson_dump(f, diags);
}
