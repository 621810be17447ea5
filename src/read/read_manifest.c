/* read_manifest.c — one line of a list of document pairs: a corpus
 * manifest (TSV or JSONL) or align's batch file.  Untrusted input: every
 * field is checked before it is kept, and a bad line is one message that
 * names where it is (tools/fuzz: manifest). */
#include "enface/read.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void enf_manifest_item_clear(enf_manifest_item *item)
{
    free(item->en_path);
    free(item->zh_path);
    free(item->en_text);
    free(item->zh_text);
    free(item->name);
    memset(item, 0, sizeof *item);
}

static int S_oom(enf_manifest_item *item, enf_error *err, const char *where)
{
    enf_manifest_item_clear(item);
    return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", where);
}

/* TSV: two or three fields (batch: three), none of the first two empty;
 * columns after the third are ignored. */
static int S_tsv(const char *line, int batch, const char *where, long lineno, enf_manifest_item *item,
                 enf_error *err)
{
    const char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    const char *t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
    int ok = t1 && t1 > line && t1[1] && t1[1] != '\t';
    if (batch)
        ok = ok && t2 && t2[1] && t2[1] != '\t';
    if (!ok)
        return enf_error_set(err, ENF_EINPUT, "%s:%ld: expected %s", where, lineno,
                             batch ? "LEFT<TAB>RIGHT<TAB>OUTPUT" : "en_path<TAB>zh_path[<TAB>name]");
    item->en_path = strndup(line, (size_t)(t1 - line));
    item->zh_path = t2 ? strndup(t1 + 1, (size_t)(t2 - t1 - 1)) : strdup(t1 + 1);
    item->name = t2 && t2[1] && t2[1] != '\t' ? (t3 ? strndup(t2 + 1, (size_t)(t3 - t2 - 1)) : strdup(t2 + 1))
                                        : strdup(item->en_path ? item->en_path : "");
    if (!item->en_path || !item->zh_path || !item->name)
        return S_oom(item, err, where);
    return ENF_OK;
}

static int S_jsonl(const char *line, const char *where, long lineno, enf_manifest_item *item,
                   enf_error *err)
{
    json_error_t je;
    json_t *o = json_loads(line, JSON_REJECT_DUPLICATES, &je);
    const char *en = NULL, *zh = NULL, *et = NULL, *zt = NULL, *id = NULL;
    if (!o || !json_is_object(o) ||
        json_unpack(o, "{s?s, s?s, s?s, s?s, s?s}", "en", &en, "zh", &zh, "en_text", &et, "zh_text", &zt,
                    "id", &id) != 0 ||
        /* one form or the other, whole ({"en", "en_text", "zh_text"} once
         * reached strdup(NULL)) */
        !((en && zh && !et && !zt) || (et && zt && !en && !zh)) || (en && (!en[0] || !zh[0]))) {
        json_decref(o);
        return enf_error_set(err, ENF_EINPUT,
                             "%s:%ld: expected a JSON object with either \"en\" and \"zh\" paths or "
                             "\"en_text\" and \"zh_text\" (not a mix)",
                             where, lineno);
    }
    char num[32];
    snprintf(num, sizeof num, "%ld", lineno);
    if (en) {
        item->en_path = strdup(en);
        item->zh_path = strdup(zh);
    } else {
        item->en_text = strdup(et);
        item->zh_text = strdup(zt);
    }
    item->name = strdup(id ? id : en ? en : num);
    json_decref(o);
    if (!item->name || (en ? !item->en_path || !item->zh_path : !item->en_text || !item->zh_text))
        return S_oom(item, err, where);
    return ENF_OK;
}

int enf_manifest_parse_line(const char *line, enf_manifest_kind kind, const char *where, long lineno,
                            enf_manifest_item *item, enf_error *err)
{
    memset(item, 0, sizeof *item);
    if (!line[0] || line[0] == '#')
        return ENF_MANIFEST_SKIP;
    if (kind == ENF_MANIFEST_TSV && lineno == 1 && !strncmp(line, "en_path\t", 8))
        return ENF_MANIFEST_SKIP;
    if (kind == ENF_MANIFEST_JSONL)
        return S_jsonl(line, where, lineno, item, err);
    return S_tsv(line, kind == ENF_MANIFEST_BATCH, where, lineno, item, err);
}
