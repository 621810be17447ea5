/* write_findings_json.c — findings as one JSON document (jansson):
 * {"version":1,"files":{...},"findings":[...],"summary":{...}}. */
#include "write_findings.h"

#include <jansson.h>

static json_t *S_place(const enf_doc *d, const enf_finding *x, int s)
{
    if (!d || x->line[s] <= 0)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "file", json_string(d->name));
    json_object_set_new(o, "line", json_integer(x->line[s]));
    json_object_set_new(o, "col", json_integer(x->col[s]));
    json_object_set_new(o, "block", x->block[s] == ENF_NO_BLOCK ? json_null() : json_integer((json_int_t)x->block[s]));
    json_object_set_new(o, "text_off", json_integer((json_int_t)x->text_off[s]));
    json_object_set_new(o, "text_len", json_integer((json_int_t)x->text_len[s]));
    return o;
}

static json_t *S_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *enf__json_finding(const enf_doc *en, const enf_doc *zh, const enf_finding *x)
{
    json_t *o = json_object();
    json_object_set_new(o, "rule", json_string(x->rule));
    json_object_set_new(o, "severity", json_string(enf_severity_name(x->severity)));
    json_object_set_new(o, "message", json_string(x->message));
    json_object_set_new(o, "term", S_str(x->term));
    json_object_set_new(o, "expected", S_str(x->expected));
    json_object_set_new(o, "found", S_str(x->found));
    json_object_set_new(o, "zh", S_place(zh, x, 1));
    json_object_set_new(o, "en", S_place(en, x, 0));
    return o;
}

json_t *enf__json_summary(const size_t counts[4])
{
    json_t *sum = json_object();
    json_object_set_new(sum, "error", json_integer((json_int_t)counts[ENF_SEV_ERROR]));
    json_object_set_new(sum, "warning", json_integer((json_int_t)counts[ENF_SEV_WARNING]));
    json_object_set_new(sum, "note", json_integer((json_int_t)counts[ENF_SEV_NOTE]));
    return sum;
}

int enf__write_findings_json(FILE *f, const enf_doc *en, const enf_doc *zh, const enf_findings *fs)
{
    json_t *root = json_object(), *arr = json_array(), *files = json_object();
    if (!root || !arr || !files) {
        json_decref(root);
        json_decref(arr);
        json_decref(files);
        return ENF_ENOMEM;
    }
    size_t counts[4] = {0};
    for (size_t i = 0; i < fs->n; i++) {
        const enf_finding *x = &fs->v[i];
        counts[x->severity]++;
        json_array_append_new(arr, enf__json_finding(en, zh, x));
    }
    json_object_set_new(root, "version", json_integer(1));
    json_object_set_new(files, "en", en ? json_string(en->name) : json_null());
    json_object_set_new(files, "zh", zh ? json_string(zh->name) : json_null());
    json_object_set_new(root, "files", files);
    json_object_set_new(root, "findings", arr);
    json_object_set_new(root, "summary", enf__json_summary(counts));
    int r = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', f);
    json_decref(root);
    return r ? ENF_EIO : ENF_OK;
}
