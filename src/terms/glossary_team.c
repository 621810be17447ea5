/* glossary_team.c — glossaries as documentation teams keep them: a
 * Markdown table (Vue, Hello Algo: "English | 建议翻译", "不翻译" = keep
 * verbatim), CSV as Crowdin and Weblate export it or as MT engines take it
 * (two columns, no header); read into the same entries as the TSV, and the
 * two-column CSV writer. */
#include "terms_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- cells into entries */

typedef struct {
    char **v;
    size_t n, cap;
} S_strs;

static int S_strs_add(S_strs *s, const char *p, size_t n)
{
    while (n && (*p == ' ' || *p == '\t'))
        p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    if (!n)
        return 0;
    for (size_t i = 0; i < s->n; i++)
        if (strlen(s->v[i]) == n && !memcmp(s->v[i], p, n))
            return 0;
    if (enf__grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v))
        return -1;
    char *c = malloc(n + 1);
    if (!c)
        return -1;
    memcpy(c, p, n);
    c[n] = '\0';
    s->v[s->n++] = c;
    return 0;
}

static void S_strs_free(S_strs *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* Markdown emphasis and code marks around a cell ("_不翻译_", "`ref`"). */
static void S_unmark(char *s)
{
    size_t n = strlen(s), w = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '`' && !((s[i] == '_' || s[i] == '*') &&
                             (i == 0 || i + 1 == n || s[i - 1] == ' ' || s[i + 1] == ' ' ||
                              (unsigned char)s[i - 1] >= 0x80 || (unsigned char)s[i + 1] >= 0x80)))
            s[w++] = s[i];
    s[w] = '\0';
}

static int S_starts(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

/* A quote preceded by one of these is a rendering not to use: 你（不用"您"）. */
static int S_negated_before(const char *s, const char *q)
{
    static const char *const neg[] = {"不用", "不要", "避免", "而非", "不是", "不译为", "勿用", NULL};
    for (int i = 0; neg[i]; i++) {
        size_t n = strlen(neg[i]);
        if ((size_t)(q - s) >= n && !memcmp(q - n, neg[i], n))
            return 1;
    }
    return 0;
}

/* Quoted renderings: "x" “x” 「x」 ‘x’ '类'; those after 不用 go to bad. */
static int S_quoted(const char *s, S_strs *out, S_strs *bad)
{
    static const char *const open[] = {"\"", "\xE2\x80\x9C", "\xE3\x80\x8C", "\xE2\x80\x98", "'", NULL};
    static const char *const close[] = {"\"", "\xE2\x80\x9D", "\xE3\x80\x8D", "\xE2\x80\x99", "'", NULL};
    int found = 0;
    for (const char *p = s; *p;) {
        int k = 0;
        while (open[k] && !S_starts(p, open[k]))
            k++;
        if (!open[k]) {
            p++;
            continue;
        }
        const char *b = p + strlen(open[k]);
        const char *e = strstr(b, close[k]);
        if (!e)
            break;
        int neg = S_negated_before(s, p);
        if (S_strs_add(neg ? bad : out, b, (size_t)(e - b)))
            return -1;
        found |= !neg;
        p = e + strlen(close[k]);
    }
    return found;
}

/* Split at '/', '、', '，', ',' and ';' (the lists teams write in a cell). */
static int S_split_cell(const char *s, S_strs *out)
{
    const char *st = s;
    for (const char *p = s;; ) {
        size_t sep = 0;
        if (!*p || *p == '/' || *p == ',' || *p == ';')
            sep = *p ? 1 : 0;
        else if (S_starts(p, "\xE3\x80\x81") || S_starts(p, "\xEF\xBC\x8C") || S_starts(p, "\xEF\xBC\x9B"))
            sep = 3;
        if (!*p || sep) {
            if (S_strs_add(out, st, (size_t)(p - st)))
                return -1;
            if (!*p)
                return 0;
            p += sep;
            st = p;
            continue;
        }
        p++;
    }
}

/* One row: English cell, Chinese cell, note cell (may be NULL). */
static int S_row(enf_glossary *g, const char *src, int line, char *en, char *zh, const char *note,
                 size_t first, enf_error *err)
{
    S_unmark(en);
    S_unmark(zh);
    /* "build (n.)", "emit (a value)": the qualifier is a note */
    char qual[256] = "";
    char *par = strchr(en, '(');
    if (!par)
        par = strstr(en, "\xEF\xBC\x88");
    if (par && par != en) {
        snprintf(qual, sizeof qual, "%s", par);
        *par = '\0';
    }
    S_strs ens = {0}, zhs = {0}, bad = {0};
    int rc = ENF_OK;
    if (S_split_cell(en, &ens)) {
        rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
        goto done;
    }
    int keep = strstr(zh, "\xE4\xB8\x8D\xE7\xBF\xBB\xE8\xAF\x91") != NULL;   /* 不翻译 */
    int q = S_quoted(zh, &zhs, &bad);
    /* without quotes the cell is the rendering, its (parenthesis) a note:
     * "影子 (影子 DOM/影子根)", "你（不用"您"）" */
    char plain[1024];
    snprintf(plain, sizeof plain, "%s", zh);
    char *pp = strchr(plain, '(');
    char *pf = strstr(plain, "\xEF\xBC\x88");
    if (pf && (!pp || pf < pp))
        pp = pf;
    if (pp && pp != plain)
        *pp = '\0';
    if (q < 0 || (!q && !keep && S_split_cell(plain, &zhs))) {
        rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
        goto done;
    }
    if (ens.n == 0 || (zhs.n == 0 && !keep))
        goto done;   /* an empty row: nothing to check */
    /* "listen/listener | 监听/监听器": paired one to one when the counts agree */
    int paired = ens.n > 1 && ens.n == zhs.n && !q;
    for (size_t i = 0; i < ens.n && rc == ENF_OK; i++) {
        const char *e = ens.v[i];
        /* a row for an English term seen before adds to that entry */
        const enf_term *old = NULL;
        for (size_t k = first; k < g->n && !old; k++)
            if (!strcasecmp(g->terms[k].en, e))
                old = &g->terms[k];
        S_strs all = {0};
        if (old)
            for (size_t k = 0; k < old->n_zh; k++)
                if (S_strs_add(&all, old->zh[k], strlen(old->zh[k])))
                    rc = ENF_ENOMEM;
        for (size_t k = 0; k < zhs.n; k++)
            if ((!paired || k == i) && S_strs_add(&all, zhs.v[k], strlen(zhs.v[k])))
                rc = ENF_ENOMEM;
        enf_term t = {0};
        t.source = src;
        t.line = old ? old->line : line;
        t.en = enf_arena_strndup(g->arena, e, strlen(e));
        t.verbatim = keep ? (all.n ? ENF_VERBATIM_OK : ENF_VERBATIM_MUST)
                          : old ? old->verbatim : ENF_VERBATIM_NO;
        char nb[1024];
        snprintf(nb, sizeof nb, "%s%s%s%s%s", old && old->note ? old->note : "", old && old->note ? "; " : "",
                 qual, *qual && (keep || q || bad.n || (note && *note)) ? " " : "",
                 note && *note ? note : (keep || q || bad.n) ? zh : "");
        t.note = *nb ? enf_arena_strndup(g->arena, nb, strlen(nb)) : NULL;
        const char **zv = enf_arena_alloc(g->arena, (all.n ? all.n : 1) * sizeof *zv);
        if (!t.en || !zv)
            rc = ENF_ENOMEM;
        for (size_t k = 0; k < all.n && zv; k++)
            if (!(zv[k] = enf_arena_strndup(g->arena, all.v[k], strlen(all.v[k]))))
                rc = ENF_ENOMEM;
        size_t nall = all.n;
        S_strs_free(&all);
        if (rc) {
            rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
            break;
        }
        t.zh = (const char *const *)zv;
        t.n_zh = nall;
        if (bad.n) {
            const char **bv = enf_arena_alloc(g->arena, bad.n * sizeof *bv);
            for (size_t k = 0; bv && k < bad.n; k++)
                bv[k] = enf_arena_strndup(g->arena, bad.v[k], strlen(bad.v[k]));
            t.forbidden = (const char *const *)bv;
            t.n_forbidden = bv ? bad.n : 0;
        }
        /* strings may not contain a '|', which the TSV uses as separator */
        for (size_t k = 0; k < t.n_zh; k++)
            if (strchr(t.zh[k], '|') || strchr(t.zh[k], '\t'))
                t.n_zh = 0;
        if (t.n_zh == 0 && t.verbatim != ENF_VERBATIM_MUST)
            continue;
        /* a team's table lists what is acceptable, not a preference order,
         * and its alternatives are often senses ("build (n.)" 构建版本,
         * "build (v.)" 构建; "JS 中译为'类'，CSS 中不翻译"): one equivalents
         * group, never inconsistent with each other */
        size_t nr = t.n_zh + 1;
        if (t.n_zh + (t.verbatim == ENF_VERBATIM_OK) >= 2) {
            unsigned *grp = enf_arena_alloc(g->arena, nr * sizeof *grp);
            if (!grp) {
                rc = enf_error_set(err, ENF_ENOMEM, "out of memory");
                break;
            }
            for (size_t k = 0; k < nr; k++)
                grp[k] = k < t.n_zh || t.verbatim == ENF_VERBATIM_OK ? 1 : 0;
            t.group_of = grp;
            t.n_group_of = nr;
        }
        if (old) {
            *(enf_term *)old = t;
            continue;
        }
        rc = enf__term_validate(&t, err);
        if (rc == ENF_OK)
            rc = enf__glossary_put(g, &t, first, err);
    }
done:
    S_strs_free(&ens);
    S_strs_free(&zhs);
    S_strs_free(&bad);
    return rc;
}

/* ---- header recognition */

static int S_is_en_header(const char *h)
{
    static const char *const v[] = {"english", "en", "英文", "英文术语", "原文", "term", "source", "term [en]",
                                    "en-us", "源", NULL};
    for (int i = 0; v[i]; i++)
        if (!strcasecmp(h, v[i]))
            return 1;
    return 0;
}

static int S_is_zh_header(const char *h)
{
    static const char *const v[] = {"建议翻译", "中文", "简体中文", "翻译", "译名", "译文", "zh", "zh-cn",
                                    "zh_cn", "zh-hans", "chinese", "target", "translation", "term [zh-cn]",
                                    "term [zh]", "目标", NULL};
    for (int i = 0; v[i]; i++)
        if (!strcasecmp(h, v[i]))
            return 1;
    return 0;
}

static int S_is_note_header(const char *h)
{
    static const char *const v[] = {"备注", "说明", "注释", "note", "notes", "description", "description [en]",
                                    "context", "comment", "comments", "translator_comments", NULL};
    for (int i = 0; v[i]; i++)
        if (!strcasecmp(h, v[i]))
            return 1;
    return 0;
}

static char *S_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* ---- Markdown tables */

/* Cells of a table row "| a | b |" into f (in place); returns the count. */
static int S_md_cells(char *line, char **f, int max)
{
    char *p = S_trim(line);
    if (*p != '|')
        return 0;
    p++;
    int n = 0;
    for (;;) {
        char *bar = p;
        while (*bar && !(*bar == '|' && (bar == p || bar[-1] != '\\')))
            bar++;
        if (!*bar)
            break;
        *bar = '\0';
        if (n < max)
            f[n++] = S_trim(p);
        p = bar + 1;
    }
    return n;
}

static int S_md_separator(const char *line)
{
    int dash = 0;
    for (const char *p = line; *p; p++) {
        if (*p == '-')
            dash = 1;
        else if (!strchr("|: \t\r", *p))
            return 0;
    }
    return dash;
}

int enf__glossary_load_md(enf_glossary *g, const char *name, const char *data, size_t len, enf_error *err)
{
    char *buf = NULL;
    int rc = enf__glossary_text(name, data, len, &buf, err);
    if (rc)
        return rc;
    const char *src = enf_arena_strndup(g->arena, name, strlen(name));
    size_t first = g->n;
    int ce = -1, cz = -1, cn = -1, lineno = 0, tables = 0;
    char *prev = NULL;
    for (char *line = buf; line && rc == ENF_OK;) {
        lineno++;
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *next = nl ? nl + 1 : NULL;
        char *f[32];
        if (S_md_separator(line) && strchr(line, '|') && prev) {
            /* the line before is a header: find the columns by name */
            int n = S_md_cells(prev, f, 32);
            ce = cz = cn = -1;
            for (int i = 0; i < n; i++) {
                S_unmark(f[i]);
                if (ce < 0 && S_is_en_header(f[i]))
                    ce = i;
                else if (cz < 0 && S_is_zh_header(f[i]))
                    cz = i;
                else if (cn < 0 && S_is_note_header(f[i]))
                    cn = i;
            }
            tables += ce >= 0 && cz >= 0;
            prev = NULL;
            line = next;
            continue;
        }
        char *copy = line;
        int n = ce >= 0 && cz >= 0 ? S_md_cells(line, f, 32) : 0;
        if (n == 0) {
            ce = ce >= 0 && *S_trim(copy) == '\0' ? ce : (*S_trim(copy) == '|' ? ce : -1);
            prev = line;
            line = next;
            continue;
        }
        if (ce < n && cz < n)
            rc = S_row(g, src, lineno, f[ce], f[cz], cn >= 0 && cn < n ? f[cn] : NULL, first, err);
        prev = NULL;
        line = next;
    }
    if (rc == ENF_OK && !tables)
        rc = enf_error_set(err, ENF_EINPUT,
                           "%s: no glossary table (a Markdown table with an English column and a Chinese "
                           "column such as | English | 建议翻译 |)", name);
    free(buf);
    return rc;
}

/* ---- CSV (RFC 4180: quoted fields, doubled quotes, CRLF) */

/* Next record from *p: fields into f (pointers into the buffer, unquoted
 * in place); returns the field count, 0 at the end, -1 on an unterminated
 * quote.  *line counts newlines. */
static int S_csv_record(char **p, char **f, int max, int *line)
{
    char *s = *p;
    if (!*s)
        return 0;
    int n = 0;
    for (;;) {
        char *w = s, *start = s;
        if (*s == '"') {
            s++;
            for (;;) {
                if (!*s)
                    return -1;
                if (*s == '"' && s[1] == '"') {
                    *w++ = '"';
                    s += 2;
                } else if (*s == '"') {
                    s++;
                    break;
                } else {
                    if (*s == '\n')
                        (*line)++;
                    *w++ = *s++;
                }
            }
            while (*s && *s != ',' && *s != '\n')
                s++;   /* text after a closing quote: dropped */
        } else {
            while (*s && *s != ',' && *s != '\n')
                *w++ = *s++;
        }
        char end = *s;
        *w = '\0';
        if (w > start && w[-1] == '\r')
            w[-1] = '\0';
        if (n < max)
            f[n++] = start;
        if (end == ',') {
            s++;
            continue;
        }
        if (end == '\n') {
            (*line)++;
            s++;
        }
        break;
    }
    *p = s;
    return n;
}

int enf__glossary_load_csv(enf_glossary *g, const char *name, const char *data, size_t len, enf_error *err)
{
    char *buf = NULL;
    int rc = enf__glossary_text(name, data, len, &buf, err);
    if (rc)
        return rc;
    const char *src = enf_arena_strndup(g->arena, name, strlen(name));
    size_t first = g->n;
    char *p = buf;
    if (S_starts(p, "\xEF\xBB\xBF"))
        p += 3;   /* Excel's byte-order mark */
    int line = 1, ce = -1, cz = -1, cn = -1, nrec = 0;
    char *f[64];
    for (;;) {
        int at = line;
        int n = S_csv_record(&p, f, 64, &line);
        if (n == 0)
            break;
        if (n < 0) {
            rc = enf_error_set(err, ENF_EINPUT, "%s:%d: a quoted field is not closed", name, at);
            break;
        }
        if (n == 1 && !*S_trim(f[0]))
            continue;   /* a blank line */
        if (nrec++ == 0) {
            for (int i = 0; i < n; i++) {
                char *h = S_trim(f[i]);
                if (ce < 0 && S_is_en_header(h))
                    ce = i;
                else if (cz < 0 && S_is_zh_header(h))
                    cz = i;
                else if (cn < 0 && S_is_note_header(h))
                    cn = i;
            }
            if (ce >= 0 && cz >= 0)
                continue;
            /* no header: the MT-engine form, English then Chinese */
            if (n < 2) {
                rc = enf_error_set(err, ENF_EINPUT,
                                   "%s:%d: neither a header with English and Chinese columns nor two columns",
                                   name, at);
                break;
            }
            ce = 0;
            cz = 1;
            cn = n > 2 ? 2 : -1;
        }
        if (ce < n && cz < n && (rc = S_row(g, src, at, S_trim(f[ce]), S_trim(f[cz]),
                                            cn >= 0 && cn < n ? S_trim(f[cn]) : NULL, first, err)))
            break;
    }
    free(buf);
    return rc;
}

/* ---- the MT engines' form */

static void S_csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

int enf_glossary_write_csv(const enf_glossary *g, FILE *f, enf_error *err)
{
    for (size_t i = 0; i < g->n; i++) {
        const enf_term *t = &g->terms[i];
        /* the preferred rendering; a must-stay name maps to itself */
        const char *zh = t->verbatim == ENF_VERBATIM_MUST || !t->n_zh ? t->en : t->zh[0];
        S_csv_field(f, t->en);
        fputc(',', f);
        S_csv_field(f, zh);
        fputc('\n', f);
    }
    if (ferror(f))
        return enf_error_set(err, ENF_EIO, "write error");
    return ENF_OK;
}
