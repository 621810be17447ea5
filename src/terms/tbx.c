/* tbx.c — glossary exchange with CAT tools: TBX (ISO 30042) read and
 * written with libxml2.  Reading never touches the network and never
 * expands entities: documents that declare entities are refused outright
 * (XXE and "billion laughs"), and text is taken from text nodes only.
 * Mapping: the en langSec's term is the English term; in the zh langSec
 * preferred/admitted terms are approved renderings (preferred first),
 * deprecated ones forbidden, superseded ones tolerated variants; the
 * verbatim rule and match flags travel as x-enface-* termNotes. */
#include "terms_internal.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

static int S_is(const xmlNode *n, const char *a, const char *b)
{
    return n->type == XML_ELEMENT_NODE &&
           (!strcmp((const char *)n->name, a) || (b && !strcmp((const char *)n->name, b)));
}

/* Text of an element from its text and CDATA descendants only, white space
 * collapsed and trimmed, into the arena. */
static void S_text_rec(const xmlNode *n, enf_buf *b)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            enf__buf_put_collapsed(b, (const char *)c->content, strlen((const char *)c->content));
        else if (c->type == XML_ELEMENT_NODE)
            S_text_rec(c, b);
    }
}

static char *S_text(enf_arena *a, const xmlNode *n)
{
    enf_buf b = {0};
    S_text_rec(n, &b);
    const char *s = b.s ? b.s : "";
    size_t len = b.len;
    while (len && s[len - 1] == ' ')
        len--;
    while (len && *s == ' ') {
        s++;
        len--;
    }
    char *r = enf_arena_strndup(a, s, len);
    enf__buf_free(&b);
    return r;
}

static char *S_attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

typedef struct {
    const char **v;
    size_t n, cap;
} S_list;

static int S_list_add(S_list *l, const char *s, int front)
{
    if (!s || !*s)
        return 0;
    if (enf__grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return -1;
    if (front) {
        memmove(l->v + 1, l->v, l->n * sizeof *l->v);
        l->v[0] = s;
    } else {
        l->v[l->n] = s;
    }
    l->n++;
    return 0;
}

static const char *const *S_list_arena(enf_arena *a, const S_list *l, size_t *n)
{
    const char **v = enf_arena_alloc(a, (l->n ? l->n : 1) * sizeof *v);
    if (v && l->n)
        memcpy(v, l->v, l->n * sizeof *v);
    *n = l->n;
    return (const char *const *)v;
}

static int S_entry(enf_glossary *g, const char *src, xmlNode *entry, size_t first, enf_error *err)
{
    enf_term t = {0};
    t.source = src;
    t.line = (int)xmlGetLineNo(entry);
    S_list zh = {0}, forb = {0}, var = {0};
    char *x_forb = NULL, *x_equiv = NULL, *x_susp = NULL;
    int rc = ENF_OK;
    for (xmlNode *c = entry->children; c && rc == ENF_OK; c = c->next) {
        if (S_is(c, "note", NULL) || (S_is(c, "descrip", NULL) && !t.note)) {
            t.note = S_text(g->arena, c);
            continue;
        }
        if (!S_is(c, "langSec", "langSet"))
            continue;
        xmlChar *lang = xmlNodeGetLang(c);
        int is_en = lang && !strncmp((const char *)lang, "en", 2);
        int is_zh = lang && !strncmp((const char *)lang, "zh", 2);
        xmlFree(lang);
        for (xmlNode *ts = c->children; ts && rc == ENF_OK; ts = ts->next) {
            if (!S_is(ts, "termSec", "tig") && !S_is(ts, "ntig", NULL))
                continue;
            char *term = NULL, *status = NULL, *verb = NULL, *flags = NULL;
            for (xmlNode *k = ts->children; k; k = k->next) {
                if (S_is(k, "termGrp", NULL)) {
                    for (xmlNode *q = k->children; q; q = q->next)
                        if (S_is(q, "term", NULL))
                            term = S_text(g->arena, q);
                }
                if (S_is(k, "term", NULL))
                    term = S_text(g->arena, k);
                if (S_is(k, "termNote", NULL)) {
                    char *type = S_attr(k, "type");
                    if (type && !strcmp(type, "administrativeStatus"))
                        status = S_text(g->arena, k);
                    else if (type && !strcmp(type, "x-enface-verbatim"))
                        verb = S_text(g->arena, k);
                    else if (type && !strcmp(type, "x-enface-flags"))
                        flags = S_text(g->arena, k);
                    else if (type && !strcmp(type, "x-enface-forbidden"))
                        x_forb = S_text(g->arena, k);
                    else if (type && !strcmp(type, "x-enface-equivalents"))
                        x_equiv = S_text(g->arena, k);
                    else if (type && !strcmp(type, "x-enface-suspect"))
                        x_susp = S_text(g->arena, k);
                    xmlFree(type);
                }
            }
            if (!term || !*term)
                continue;
            if (is_en) {
                if (!t.en)
                    t.en = term;
                if (verb && !strcmp(verb, "must"))
                    t.verbatim = ENF_VERBATIM_MUST;
                else if (verb && !strcmp(verb, "ok"))
                    t.verbatim = ENF_VERBATIM_OK;
                if (flags && strstr(flags, "case"))
                    t.flags |= ENF_TERM_CASE;
                if (flags && strstr(flags, "exact"))
                    t.flags |= ENF_TERM_EXACT;
            } else if (is_zh) {
                int r;
                if (status && strstr(status, "deprecated"))
                    r = S_list_add(&forb, term, 0);
                else if (status && strstr(status, "superseded"))
                    r = S_list_add(&var, term, 0);
                else
                    r = S_list_add(&zh, term, status && strstr(status, "preferred"));
                if (r)
                    rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory", src);
            }
        }
    }
    if (rc == ENF_OK && t.en) {
        t.zh = S_list_arena(g->arena, &zh, &t.n_zh);
        t.forbidden = S_list_arena(g->arena, &forb, &t.n_forbidden);
        t.variants = S_list_arena(g->arena, &var, &t.n_variants);
        /* the forbidden list with its contexts, when the writer gave it */
        rc = enf__term_extras(g->arena, &t, x_forb, x_equiv, x_susp, err);
        if (rc == ENF_OK)
            rc = enf__term_validate(&t, err);
        if (rc == ENF_OK)
            rc = enf__glossary_put(g, &t, first, err);
    }
    free(zh.v);
    free(forb.v);
    free(var.v);
    return rc;
}

static int S_walk(enf_glossary *g, const char *src, xmlNode *n, size_t first, enf_error *err)
{
    for (; n; n = n->next) {
        if (S_is(n, "conceptEntry", "termEntry")) {
            int rc = S_entry(g, src, n, first, err);
            if (rc)
                return rc;
            continue;
        }
        if (n->type == XML_ELEMENT_NODE) {
            int rc = S_walk(g, src, n->children, first, err);
            if (rc)
                return rc;
        }
    }
    return ENF_OK;
}

static void S_silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* What a TBX file may hold before libxml2 sees it: libxml2 2.9 checks each
 * new attribute against all earlier ones of its element, so one element
 * with 200,000 attributes took 273 s.  No real termbase comes near these. */
#define S_MAX_ATTRS 256
#define S_MAX_ATTR_BYTES ((size_t)64 * 1024)

static const char *S_skip_to(const char *p, const char *end, const char *stop, int *line)
{
    size_t n = strlen(stop);
    for (; p + n <= end; p++) {
        if (*p == '\n')
            (*line)++;
        if (!memcmp(p, stop, n))
            return p + n;
    }
    return end;
}

/* One pass over the raw bytes: the attributes of every start tag counted
 * and measured, and the encoding the declaration names. */
static int S_prescan(const char *name, const char *data, size_t len, enf_error *err)
{
    const char *p = data, *end = data + len;
    int line = 1;
    if (len > 5 && !memcmp(p, "<?xml", 5)) {
        const char *q = memchr(p, '>', len);
        /* the data is not NUL-terminated: search the declaration only */
        const char *enc = NULL;
        for (const char *k = p; q && !enc && k + 8 <= q; k++)
            if (!memcmp(k, "encoding", 8))
                enc = k;
        if (enc) {
            enc += 8;
            while (enc < q && (*enc == ' ' || *enc == '=' || *enc == '"' || *enc == '\''))
                enc++;
            /* an encoding name is letters, digits and ._:- (XML 1.0 EncName);
               anything else ends it, so no control byte reaches the message */
            size_t n = 0;
            while (enc + n < q && (isalnum((unsigned char)enc[n]) || strchr("._:-", enc[n])))
                n++;
            if (n == 0)
                return enf_error_set(err, ENF_EINPUT,
                                     "%s:1: the XML declaration's encoding is not a name; enface reads "
                                     "TBX as UTF-8: fix the declaration",
                                     name);
            if (!((n == 5 && !strncasecmp(enc, "utf-8", 5)) || (n == 4 && !strncasecmp(enc, "utf8", 4))))
                return enf_error_set(err, ENF_EINPUT,
                                     "%s:1: declares encoding \"%.*s\", but enface reads TBX as UTF-8 "
                                     "only; convert it (iconv -f %.*s -t UTF-8) and fix the declaration",
                                     name, (int)(n > 40 ? 40 : n), enc, (int)(n > 40 ? 40 : n), enc);
        }
    }
    while (p < end) {
        if (*p == '\n') {
            line++;
            p++;
            continue;
        }
        if (*p != '<') {
            p++;
            continue;
        }
        if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
            p = S_skip_to(p + 4, end, "-->", &line);
            continue;
        }
        if (end - p >= 9 && !memcmp(p, "<![CDATA[", 9)) {
            p = S_skip_to(p + 9, end, "]]>", &line);
            continue;
        }
        if (end - p >= 2 && (p[1] == '?' || p[1] == '!' || p[1] == '/')) {
            p = S_skip_to(p + 1, end, ">", &line);
            continue;
        }
        /* a start tag: count its attributes, measure their values */
        int tag_line = line, attrs = 0;
        char quote = 0;
        const char *vstart = NULL;
        for (p++; p < end; p++) {
            if (*p == '\n')
                line++;
            if (quote) {
                if (*p == quote) {
                    if ((size_t)(p - vstart) > S_MAX_ATTR_BYTES)
                        return enf_error_set(err, ENF_EINPUT,
                                             "%s:%d: an attribute value longer than %zu KiB; refused",
                                             name, tag_line, S_MAX_ATTR_BYTES >> 10);
                    quote = 0;
                }
            } else if (*p == '"' || *p == '\'') {
                quote = *p;
                vstart = p + 1;
            } else if (*p == '=') {
                if (++attrs > S_MAX_ATTRS)
                    return enf_error_set(err, ENF_EINPUT,
                                         "%s:%d: an element with more than %d attributes; refused",
                                         name, tag_line, S_MAX_ATTRS);
            } else if (*p == '>') {
                p++;
                break;
            }
        }
    }
    return ENF_OK;
}

int enf__tbx_load(enf_glossary *g, const char *name, const char *data, size_t len, enf_error *err)
{
    if (len > (size_t)INT32_MAX)
        return enf_error_set(err, ENF_EINPUT, "%s: too large", name);
    if (S_prescan(name, data, len, err))
        return ENF_EINPUT;
    xmlSetGenericErrorFunc(NULL, S_silent);
    xmlResetLastError();
    xmlDoc *doc = xmlReadMemory(data, (int)len, name, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        return enf_error_set(err, ENF_EINPUT, "%s:%d: not well-formed XML: %s", name, e ? e->line : 0,
                             e && e->message ? strtok(e->message, "\n") : "parse error");
    }
    if ((doc->intSubset && (doc->intSubset->entities || doc->intSubset->pentities)) ||
        (doc->extSubset && doc->extSubset->entities)) {
        xmlFreeDoc(doc);
        return enf_error_set(err, ENF_EINPUT, "%s: declares XML entities; refused (TBX needs none, and "
                                              "expanding them is unsafe)", name);
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || (strcmp((const char *)root->name, "tbx") && strcmp((const char *)root->name, "martif"))) {
        xmlFreeDoc(doc);
        return enf_error_set(err, ENF_EINPUT, "%s: not a TBX file (root element is not <tbx> or <martif>)", name);
    }
    const char *src = enf_arena_strndup(g->arena, name, strlen(name));
    int rc = S_walk(g, src, root, g->n, err);
    xmlFreeDoc(doc);
    return rc;
}

/* ---- writing */

static xmlNode *S_term_sec(xmlNode *lang, const char *term, const char *status)
{
    xmlNode *ts = xmlNewChild(lang, NULL, (const xmlChar *)"termSec", NULL);
    xmlNewTextChild(ts, NULL, (const xmlChar *)"term", (const xmlChar *)term);
    if (status) {
        xmlNode *tn = xmlNewTextChild(ts, NULL, (const xmlChar *)"termNote", (const xmlChar *)status);
        xmlNewProp(tn, (const xmlChar *)"type", (const xmlChar *)"administrativeStatus");
    }
    return ts;
}

static xmlNode *S_lang(xmlNode *entry, const char *lang)
{
    xmlNode *l = xmlNewChild(entry, NULL, (const xmlChar *)"langSec", NULL);
    xmlNs *xmlns = xmlSearchNsByHref(entry->doc, entry, (const xmlChar *)"http://www.w3.org/XML/1998/namespace");
    xmlSetNsProp(l, xmlns, (const xmlChar *)"lang", (const xmlChar *)lang);
    return l;
}

int enf_glossary_write_tbx(const enf_glossary *g, FILE *f, enf_error *err)
{
    enf__xml_silence();
    xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *root = xmlNewNode(NULL, (const xmlChar *)"tbx");
    xmlDocSetRootElement(doc, root);
    xmlNewNs(root, (const xmlChar *)"urn:iso:std:iso:30042:ed-2", NULL);
    xmlNewProp(root, (const xmlChar *)"type", (const xmlChar *)"TBX-Basic");
    xmlNewProp(root, (const xmlChar *)"style", (const xmlChar *)"dca");
    xmlNs *xmlns = xmlSearchNsByHref(doc, root, (const xmlChar *)"http://www.w3.org/XML/1998/namespace");
    xmlSetNsProp(root, xmlns, (const xmlChar *)"lang", (const xmlChar *)"en");
    xmlNode *hdr = xmlNewChild(root, NULL, (const xmlChar *)"tbxHeader", NULL);
    xmlNode *fd = xmlNewChild(hdr, NULL, (const xmlChar *)"fileDesc", NULL);
    xmlNode *sd = xmlNewChild(fd, NULL, (const xmlChar *)"sourceDesc", NULL);
    xmlNewTextChild(sd, NULL, (const xmlChar *)"p", (const xmlChar *)"enface glossary (en -> zh)");
    xmlNode *text = xmlNewChild(root, NULL, (const xmlChar *)"text", NULL);
    xmlNode *body = xmlNewChild(text, NULL, (const xmlChar *)"body", NULL);
    for (size_t i = 0; i < g->n; i++) {
        const enf_term *t = &g->terms[i];
        xmlNode *e = xmlNewChild(body, NULL, (const xmlChar *)"conceptEntry", NULL);
        char id[32];
        snprintf(id, sizeof id, "c%zu", i + 1);
        xmlNewProp(e, (const xmlChar *)"id", (const xmlChar *)id);
        if (t->note)
            xmlNewTextChild(e, NULL, (const xmlChar *)"note", (const xmlChar *)t->note);
        xmlNode *en = S_lang(e, "en");
        xmlNode *ts = S_term_sec(en, t->en, NULL);
        if (t->verbatim != ENF_VERBATIM_NO) {
            xmlNode *tn = xmlNewTextChild(ts, NULL, (const xmlChar *)"termNote",
                                          (const xmlChar *)(t->verbatim == ENF_VERBATIM_MUST ? "must" : "ok"));
            xmlNewProp(tn, (const xmlChar *)"type", (const xmlChar *)"x-enface-verbatim");
        }
        if (t->flags) {
            const char *fl = (t->flags & ENF_TERM_CASE) && (t->flags & ENF_TERM_EXACT) ? "case,exact"
                             : (t->flags & ENF_TERM_CASE) ? "case" : "exact";
            xmlNode *tn = xmlNewTextChild(ts, NULL, (const xmlChar *)"termNote", (const xmlChar *)fl);
            xmlNewProp(tn, (const xmlChar *)"type", (const xmlChar *)"x-enface-flags");
        }
        /* contexts, equivalents and suspects have no TBX-Basic home */
        char buf[8192];
        const char *xn[3] = {"x-enface-forbidden", "x-enface-equivalents", "x-enface-suspect"};
        for (int x = 0; x < 3; x++) {
            size_t n = 0;
            buf[0] = '\0';
            if (x == 0 && t->forbidden_ctx)
                for (size_t k = 0; k < t->n_forbidden && n < sizeof buf; k++)
                    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", k ? "|" : "", t->forbidden_ctx[k].spec);
            if (x == 2)
                for (size_t k = 0; k < t->n_suspects && n < sizeof buf; k++)
                    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", k ? "|" : "", t->suspects[k].spec);
            if (x == 1) {
                unsigned maxg = 0;
                for (size_t r = 0; r < t->n_group_of; r++)
                    maxg = t->group_of[r] > maxg ? t->group_of[r] : maxg;
                for (unsigned gi = 1; gi <= maxg; gi++) {
                    int first = 1;
                    for (size_t r = 0; r < t->n_group_of && n < sizeof buf; r++) {
                        if (t->group_of[r] != gi)
                            continue;
                        const char *s = r < t->n_zh ? t->zh[r] : r == t->n_zh ? t->en : t->variants[r - t->n_zh - 1];
                        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", first ? (gi > 1 ? ";" : "") : "|", s);
                        first = 0;
                    }
                }
            }
            if (n >= sizeof buf)
            {
                xmlFreeDoc(doc);
                return enf_error_set(err, ENF_EINPUT, "%s: an entry too long for TBX", t->en);
            }
            if (n) {
                xmlNode *tn = xmlNewTextChild(ts, NULL, (const xmlChar *)"termNote", (const xmlChar *)buf);
                xmlNewProp(tn, (const xmlChar *)"type", (const xmlChar *)xn[x]);
            }
        }
        if (t->n_zh + t->n_forbidden + t->n_variants == 0)
            continue;
        xmlNode *zh = S_lang(e, "zh");
        for (size_t k = 0; k < t->n_zh; k++)
            S_term_sec(zh, t->zh[k], k == 0 ? "preferredTerm-admn-sts" : "admittedTerm-admn-sts");
        for (size_t k = 0; k < t->n_variants; k++)
            S_term_sec(zh, t->variants[k], "supersededTerm-admn-sts");
        for (size_t k = 0; k < t->n_forbidden; k++)
            S_term_sec(zh, t->forbidden[k], "deprecatedTerm-admn-sts");
    }
    int r = xmlDocFormatDump(f, doc, 1);
    xmlFreeDoc(doc);
    if (r < 0 || ferror(f))
        return enf_error_set(err, ENF_EIO, "write error (TBX)");
    return ENF_OK;
}
