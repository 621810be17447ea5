/* write_findings_sarif.c — findings as SARIF 2.1.0 (jansson) for code
 * scanning: one run, the rule table in tool.driver.rules, each result
 * located in the Chinese file with the original as a related location;
 * columns are Unicode code points (run.columnKind). */
#include "write_findings.h"

#include <jansson.h>
#include <string.h>

/* A relative URI reference for a path: unreserved bytes and '/' kept. */
json_t *enf__sarif_uri(const char *path)
{
    char buf[4096];
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)path; *p && n + 4 < sizeof buf; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            buf[n++] = (char)*p;
        else
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%%%02X", *p);
    }
    buf[n] = '\0';
    return json_string(buf);
}

static const char *S_level(enf_severity s)
{
    switch (s) {
    case ENF_SEV_ERROR: return "error";
    case ENF_SEV_WARNING: return "warning";
    case ENF_SEV_NOTE: return "note";
    default: return "none";
    }
}

/* A document's URI: its name, or (prefix not NULL, a repository run) its
 * name without prefix, relative to %SRCROOT% */
static json_t *S_uri_of(const char *name, const char *prefix)
{
    size_t n = prefix ? strlen(prefix) : 0;
    return enf__sarif_uri(prefix && !strncmp(name, prefix, n) ? name + n : name);
}

static json_t *S_location(const enf_doc *d, const enf_finding *x, int s, const char *prefix)
{
    json_t *region = json_object();
    json_object_set_new(region, "startLine", json_integer(x->line[s]));
    json_object_set_new(region, "startColumn", json_integer(x->col[s]));
    json_t *art = json_object();
    json_object_set_new(art, "uri", S_uri_of(d->name, prefix));
    if (prefix)
        json_object_set_new(art, "uriBaseId", json_string("%SRCROOT%"));
    json_t *phys = json_object();
    json_object_set_new(phys, "artifactLocation", art);
    json_object_set_new(phys, "region", region);
    json_t *loc = json_object();
    json_object_set_new(loc, "physicalLocation", phys);
    return loc;
}

json_t *enf__sarif_rules(const char *command, int *index)
{
    /* the rules of the command that made the findings, in table order;
     * index[rule] is its place in the list (-1: not listed) */
    int n_listed = 0;
    json_t *rules = json_array();
    for (int r = 0; r < ENF_RULE__COUNT; r++) {
        const enf_rule_info *ri = enf_rule_get((enf_rule)r);
        index[r] = -1;
        if (strcmp(ri->command, command) != 0)
            continue;
        index[r] = n_listed++;
        json_t *o = json_object(), *sd = json_object(), *dc = json_object();
        json_object_set_new(o, "id", json_string(ri->id));
        json_object_set_new(sd, "text", json_string(ri->summary));
        json_object_set_new(o, "shortDescription", sd);
        json_object_set_new(dc, "level", json_string(S_level(ri->default_severity)));
        if (ri->default_severity == ENF_SEV_NONE)
            json_object_set_new(dc, "enabled", json_false());
        json_object_set_new(o, "defaultConfiguration", dc);
        json_array_append_new(rules, o);
    }
    return rules;
}

json_t *enf__sarif_result(const enf_doc *en, const enf_doc *zh, const enf_finding *x,
                          const char *prefix, const int *index, const char *related)
{
    const enf_doc *docs[2] = {en, zh};
    int s = enf__finding_side(x);
    if (!docs[s])
        return NULL;
    json_t *res = json_object(), *msg = json_object(), *locs = json_array();
    int ri = enf_rule_find(x->rule);
    json_object_set_new(res, "ruleId", json_string(x->rule));
    if (ri >= 0 && index[ri] >= 0)
        json_object_set_new(res, "ruleIndex", json_integer(index[ri]));
    json_object_set_new(res, "level", json_string(S_level(x->severity)));
    json_object_set_new(msg, "text", json_string(x->message));
    json_object_set_new(res, "message", msg);
    json_array_append_new(locs, S_location(docs[s], x, s, prefix));
    json_object_set_new(res, "locations", locs);
    if (s == 1 && en && x->line[0] > 0) {
        json_t *rel = json_array(), *l = S_location(en, x, 0, prefix), *m = json_object();
        json_object_set_new(l, "id", json_integer(1));
        json_object_set_new(m, "text", json_string(related));
        json_object_set_new(l, "message", m);
        json_array_append_new(rel, l);
        json_object_set_new(res, "relatedLocations", rel);
    }
    if (x->term || x->expected || x->found) {
        json_t *p = json_object();
        if (x->term)
            json_object_set_new(p, "term", json_string(x->term));
        if (x->expected)
            json_object_set_new(p, "expected", json_string(x->expected));
        if (x->found)
            json_object_set_new(p, "found", json_string(x->found));
        json_object_set_new(res, "properties", p);
    }
    return res;
}

int enf__sarif_dump(FILE *f, json_t *results, const char *root_uri, json_t *rules)
{
    json_t *driver = json_object(), *tool = json_object(), *run = json_object(), *runs = json_array();
    json_object_set_new(driver, "name", json_string("enface"));
    json_object_set_new(driver, "version", json_string(ENFACE_VERSION));
    json_object_set_new(driver, "rules", rules);
    json_object_set_new(tool, "driver", driver);
    json_object_set_new(run, "tool", tool);
    if (root_uri) {
        json_t *base = json_object(), *src = json_object();
        json_object_set_new(src, "uri", json_string(root_uri));
        json_object_set_new(base, "%SRCROOT%", src);
        json_object_set_new(run, "originalUriBaseIds", base);
    }
    json_object_set_new(run, "results", results);
    json_object_set_new(run, "columnKind", json_string("unicodeCodePoints"));
    json_array_append_new(runs, run);
    json_t *root = json_object();
    json_object_set_new(root, "$schema", json_string("https://json.schemastore.org/sarif-2.1.0.json"));
    json_object_set_new(root, "version", json_string("2.1.0"));
    json_object_set_new(root, "runs", runs);
    int r = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', f);
    json_decref(root);
    return r ? ENF_EIO : ENF_OK;
}

int enf__write_findings_sarif(FILE *f, const enf_doc *en, const enf_doc *zh, const enf_findings *fs,
                              unsigned flags)
{
    int drift = (flags & ENF_WF_DRIFT) != 0;
    int index[ENF_RULE__COUNT];
    json_t *rules = enf__sarif_rules(drift ? "drift" : "check", index);
    json_t *results = json_array();
    for (size_t i = 0; i < fs->n; i++) {
        json_t *res = enf__sarif_result(en, zh, &fs->v[i], NULL, index,
                                        drift ? "the changed original" : "the original");
        if (res)
            json_array_append_new(results, res);
    }
    return enf__sarif_dump(f, results, NULL, rules);
}
