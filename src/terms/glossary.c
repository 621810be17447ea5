/* glossary.c — term lists: the TSV format of glossary/README.md, layering
 * of several files (a later entry for the same English term replaces the
 * earlier one), validation with file:line messages, and the TSV writer.
 * TBX lives in tbx.c, matching in match.c. */
#include "read_internal.h"
#include "terms_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int enf_glossary_new(enf_glossary **out, enf_error *err)
{
    enf_glossary *g = calloc(1, sizeof *g);
    if (g)
        g->arena = enf_arena_new();
    if (!g || !g->arena) {
        free(g);
        *out = NULL;
        return enf_error_set(err, ENF_ENOMEM, "glossary: out of memory");
    }
    *out = g;
    return ENF_OK;
}

void enf_glossary_free(enf_glossary *g)
{
    if (!g)
        return;
    enf__gindex_free(g->index);
    free(g->terms);
    free(g->slots);
    enf_arena_free(g->arena);
    free(g);
}

size_t enf_glossary_count(const enf_glossary *g) { return g ? g->n : 0; }

const enf_term *enf_glossary_term(const enf_glossary *g, size_t i)
{
    return g && i < g->n ? &g->terms[i] : NULL;
}

static unsigned S_key_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)tolower((unsigned char)*s);
        h *= 16777619u;
    }
    return h;
}

static int S_key_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

static int S_rehash(enf_glossary *g, size_t want)
{
    size_t ns = 64;
    while (ns < want * 2)
        ns *= 2;
    size_t *sl = calloc(ns, sizeof *sl);
    if (!sl)
        return ENF_ENOMEM;
    for (size_t i = 0; i < g->n; i++) {
        size_t h = S_key_hash(g->terms[i].en) & (ns - 1);
        while (sl[h])
            h = (h + 1) & (ns - 1);
        sl[h] = i + 1;
    }
    free(g->slots);
    g->slots = sl;
    g->nslots = ns;
    return ENF_OK;
}

int enf__glossary_put(enf_glossary *g, const enf_term *t, size_t first_of_file, enf_error *err)
{
    if (g->n + 1 > g->nslots / 2 && S_rehash(g, g->n + 1))
        return enf_error_set(err, ENF_ENOMEM, "glossary: out of memory");
    size_t h = S_key_hash(t->en) & (g->nslots - 1);
    while (g->slots[h]) {
        enf_term *o = &g->terms[g->slots[h] - 1];
        if (S_key_eq(o->en, t->en)) {
            if (g->slots[h] - 1 >= first_of_file)
                return enf_error_set(err, ENF_EINPUT, "%s:%d: duplicate term \"%s\" (first on line %d)",
                                     t->source, t->line, t->en, o->line);
            *o = *t;   /* a later layer wins */
            return ENF_OK;
        }
        h = (h + 1) & (g->nslots - 1);
    }
    if (enf__grow((void **)&g->terms, &g->cap, g->n + 1, sizeof *g->terms))
        return enf_error_set(err, ENF_ENOMEM, "glossary: out of memory");
    g->terms[g->n++] = *t;
    g->slots[h] = g->n;
    return ENF_OK;
}

static int S_in(const char *s, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s, v[i]))
            return 1;
    return 0;
}

/* A character no glossary string may hold: C0 controls and the ones XML
 * forbids (a term with U+0001 could never match and would be written as
 * an empty TBX <term>). */
static int S_bad_char(const char *s, int *bad)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        int adv, cp = enf__utf8_decode(s + i, n - i, &adv);
        if (cp < 0x20 || cp == 0x7F || !enf__xml_char_ok(cp)) {
            *bad = cp;
            return 1;
        }
        i += (size_t)adv;
    }
    return 0;
}

static int S_strings_ok(const enf_term *t, enf_error *err)
{
    const char *const *lists[3] = {t->zh, t->forbidden, t->variants};
    size_t ns[3] = {t->n_zh, t->n_forbidden, t->n_variants};
    int bad = 0;
    const char *where = S_bad_char(t->en, &bad) ? t->en : NULL;
    for (int l = 0; l < 3 && !where; l++)
        for (size_t i = 0; i < ns[l] && !where; i++)
            if (S_bad_char(lists[l][i], &bad))
                where = lists[l][i];
    if (!where && t->note && S_bad_char(t->note, &bad))
        where = "the note";
    if (where)
        return enf_error_set(err, ENF_EINPUT,
                             "%s:%d: a control character (U+%04X) in this entry; remove it",
                             t->source, t->line, (unsigned)bad);
    return ENF_OK;
}

int enf__term_validate(const enf_term *t, enf_error *err)
{
    if (!t->en || !*t->en)
        return enf_error_set(err, ENF_EINPUT, "%s:%d: empty English term", t->source, t->line);
    /* the TSV writer puts the English term first, and a TSV line that
     * begins with '#' is a comment: such a term would not read back */
    if (t->en[strspn(t->en, " ")] == '#')
        return enf_error_set(err, ENF_EINPUT,
                             "%s:%d: English term \"%s\" begins with '#', which starts a comment in a "
                             "TSV glossary; write it without the '#'",
                             t->source, t->line, t->en);
    if (S_strings_ok(t, err))
        return ENF_EINPUT;
    if (t->n_zh == 0 && t->verbatim != ENF_VERBATIM_MUST)
        return enf_error_set(err, ENF_EINPUT,
                             "%s:%d: \"%s\" has no Chinese rendering (give one, or verbatim=must)",
                             t->source, t->line, t->en);
    for (size_t i = 0; i < t->n_suspects; i++)
        if (S_in(t->suspects[i].zh, t->zh, t->n_zh) || S_in(t->suspects[i].zh, t->variants, t->n_variants) ||
            S_in(t->suspects[i].zh, t->forbidden, t->n_forbidden))
            return enf_error_set(err, ENF_EINPUT,
                                 "%s:%d: suspect \"%s\" is also in zh, forbidden or variants of \"%s\"",
                                 t->source, t->line, t->suspects[i].zh, t->en);
    for (size_t i = 0; i < t->n_forbidden; i++) {
        if (S_in(t->forbidden[i], t->zh, t->n_zh) || S_in(t->forbidden[i], t->variants, t->n_variants))
            return enf_error_set(err, ENF_EINPUT,
                                 "%s:%d: \"%s\" is both approved and forbidden for \"%s\"",
                                 t->source, t->line, t->forbidden[i], t->en);
        if (t->verbatim != ENF_VERBATIM_NO && !strcmp(t->forbidden[i], t->en))
            return enf_error_set(err, ENF_EINPUT,
                                 "%s:%d: \"%s\" is kept verbatim and also forbidden",
                                 t->source, t->line, t->en);
    }
    return ENF_OK;
}

/* ---- TSV */

static char *S_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* Split "a|b|c" into an arena array of trimmed non-empty strings. */
static int S_split_list(enf_arena *a, char *s, const char *const **out, size_t *n_out)
{
    size_t n = 0, cap = 1;
    for (char *p = s; *p; p++)
        cap += *p == '|';
    const char **v = enf_arena_alloc(a, cap * sizeof *v);
    if (!v)
        return ENF_ENOMEM;
    char *p = s;
    for (;;) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        char *t = S_trim(p);
        if (*t) {
            v[n] = enf_arena_strndup(a, t, strlen(t));
            if (!v[n])
                return ENF_ENOMEM;
            n++;
        }
        if (!bar)
            break;
        p = bar + 1;
    }
    *out = (const char *const *)v;
    *n_out = n;
    return ENF_OK;
}

/* equivalents and suspect are optional columns after note: a file with the
 * 7-column header, and 7-field rows under the 9-column header, stay valid */
enum { S_COL_EN, S_COL_ZH, S_COL_VERBATIM, S_COL_FORBIDDEN, S_COL_VARIANTS, S_COL_FLAGS, S_COL_NOTE,
       S_COL_EQUIV, S_COL_SUSPECT, S_NCOLS };
static const char *const S_col_names[S_NCOLS] = {"en", "zh", "verbatim", "forbidden", "variants", "flags",
                                                 "note", "equivalents", "suspect"};

/* Parse a list whose items may carry a context into contexts; *bare gets
 * the rendering strings.  ctx_out is NULL when no item has a condition and
 * keep_null is set. */
static int S_contexts(enf_arena *a, const char *const *items, size_t n, const char *src, int line,
                      const enf_context **ctx_out, const char *const **bare, int keep_null, enf_error *err)
{
    *ctx_out = NULL;
    if (n == 0)
        return ENF_OK;
    enf_context *cv = enf_arena_alloc(a, n * sizeof *cv);
    const char **bv = enf_arena_alloc(a, n * sizeof *bv);
    if (!cv || !bv)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        int rc = enf__context_parse(a, items[i], &cv[i], src, line, err);
        if (rc)
            return rc;
        bv[i] = cv[i].zh;
        any |= cv[i].n_conds > 0;
    }
    if (any || !keep_null)
        *ctx_out = cv;
    *bare = (const char *const *)bv;
    return ENF_OK;
}

/* "对抗|对抗性;相似性|相似度": groups of renderings (zh, variants or the
 * verbatim form) never inconsistent with each other. */
static int S_equivalents(enf_arena *a, char *s, enf_term *t, enf_error *err)
{
    size_t nr = t->n_zh + 1 + t->n_variants;
    unsigned *grp = enf_arena_alloc(a, nr * sizeof *grp);
    if (!grp)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    memset(grp, 0, nr * sizeof *grp);
    unsigned gid = 0;
    for (char *p = s; p && *p;) {
        char *semi = strchr(p, ';');
        if (semi)
            *semi = '\0';
        gid++;
        const char *const *items = NULL;
        size_t ni = 0;
        size_t distinct = 0;
        if (S_split_list(a, p, &items, &ni))
            return enf_error_set(err, ENF_ENOMEM, "out of memory");
        if (ni < 2)
            return enf_error_set(err, ENF_EINPUT, "%s:%d: an equivalents group needs two renderings or more",
                                 t->source, t->line);
        for (size_t i = 0; i < ni; i++) {
            size_t r = nr;
            for (size_t k = 0; k < t->n_zh && r == nr; k++)
                if (!strcmp(items[i], t->zh[k]))
                    r = k;
            if (r == nr && t->verbatim == ENF_VERBATIM_OK && !strcmp(items[i], t->en))
                r = t->n_zh;
            for (size_t k = 0; k < t->n_variants && r == nr; k++)
                if (!strcmp(items[i], t->variants[k]))
                    r = t->n_zh + 1 + k;
            if (r == nr)
                return enf_error_set(err, ENF_EINPUT,
                                     "%s:%d: equivalent \"%s\" is not an approved rendering or variant of \"%s\"",
                                     t->source, t->line, items[i], t->en);
            if (grp[r] && grp[r] != gid)
                return enf_error_set(err, ENF_EINPUT, "%s:%d: equivalent \"%s\" is in two groups", t->source,
                                     t->line, items[i]);
            distinct += grp[r] != gid;
            grp[r] = gid;
        }
        /* "对抗|对抗" is one rendering: no group (and the writer could not
         * write it back) */
        if (distinct < 2)
            return enf_error_set(err, ENF_EINPUT, "%s:%d: an equivalents group needs two renderings or more",
                                 t->source, t->line);
        p = semi ? semi + 1 : NULL;
    }
    t->group_of = grp;
    t->n_group_of = nr;
    return ENF_OK;
}

int enf__term_extras(enf_arena *a, enf_term *t, const char *forbidden, const char *equiv, const char *suspect,
                     enf_error *err)
{
    int rc = ENF_OK;
    if (forbidden && *forbidden) {
        char *f = enf_arena_strndup(a, forbidden, strlen(forbidden));
        if (!f || S_split_list(a, f, &t->forbidden, &t->n_forbidden))
            return enf_error_set(err, ENF_ENOMEM, "out of memory");
        rc = S_contexts(a, t->forbidden, t->n_forbidden, t->source, t->line, &t->forbidden_ctx, &t->forbidden, 1, err);
    }
    if (rc == ENF_OK && suspect && *suspect) {
        char *sp = enf_arena_strndup(a, suspect, strlen(suspect));
        const char *const *items = NULL, *const *bare = NULL;
        size_t ni = 0;
        if (!sp || S_split_list(a, sp, &items, &ni))
            return enf_error_set(err, ENF_ENOMEM, "out of memory");
        rc = S_contexts(a, items, ni, t->source, t->line, &t->suspects, &bare, 0, err);
        t->n_suspects = ni;
    }
    if (rc == ENF_OK && equiv && *equiv) {
        char *e = enf_arena_strndup(a, equiv, strlen(equiv));
        if (!e)
            return enf_error_set(err, ENF_ENOMEM, "out of memory");
        rc = S_equivalents(a, e, t, err);
    }
    return rc;
}

int enf__glossary_text(const char *name, const char *data, size_t len, char **out, enf_error *err)
{
    *out = NULL;
    int rc = enf_utf8_check(name, data, len, err);
    if (rc)
        return rc;
    char *buf = malloc(len + 1);
    if (!buf)
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
    memcpy(buf, data, len);
    buf[len] = '\0';
    *out = buf;
    return ENF_OK;
}

static int S_load_tsv(enf_glossary *g, const char *name, const char *data, size_t len, enf_error *err)
{
    char *buf = NULL;
    int rc = enf__glossary_text(name, data, len, &buf, err);
    if (rc)
        return rc;
    const char *src = enf_arena_strndup(g->arena, name, strlen(name));
    int col[S_NCOLS];
    for (int i = 0; i < S_NCOLS; i++)
        col[i] = -1;
    int have_header = 0, lineno = 0;
    size_t first = g->n;
    char *line = buf;
    rc = ENF_OK;
    while (line && rc == ENF_OK) {
        lineno++;
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *next = nl ? nl + 1 : NULL;
        size_t ll = strlen(line);
        if (ll && line[ll - 1] == '\r')
            line[--ll] = '\0';
        char *t = line;
        while (*t == ' ')
            t++;
        if (*t == '\0' || *t == '#') {
            line = next;
            continue;
        }
        char *f[32];
        int nf = 0;
        for (char *p = line;;) {
            char *tab = strchr(p, '\t');
            if (nf < 32)
                f[nf++] = p;
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (!have_header) {
            for (int i = 0; i < nf; i++) {
                char *h = S_trim(f[i]);
                for (int k = 0; k < S_NCOLS; k++)
                    if (!strcmp(h, S_col_names[k]))
                        col[k] = i;
            }
            if (col[S_COL_EN] < 0 || col[S_COL_ZH] < 0) {
                rc = enf_error_set(err, ENF_EINPUT,
                                   "%s:%d: the first line must be the header (en, zh, verbatim, "
                                   "forbidden, variants, flags, note)", name, lineno);
                break;
            }
            have_header = 1;
            line = next;
            continue;
        }
        char *v[S_NCOLS];
        for (int k = 0; k < S_NCOLS; k++)
            v[k] = col[k] >= 0 && col[k] < nf ? S_trim(f[col[k]]) : (char *)"";
        enf_term term = {0};
        term.source = src;
        term.line = lineno;
        term.en = enf_arena_strndup(g->arena, v[S_COL_EN], strlen(v[S_COL_EN]));
        term.note = *v[S_COL_NOTE] ? enf_arena_strndup(g->arena, v[S_COL_NOTE], strlen(v[S_COL_NOTE])) : NULL;
        if (!term.en || S_split_list(g->arena, v[S_COL_ZH], &term.zh, &term.n_zh) ||
            S_split_list(g->arena, v[S_COL_FORBIDDEN], &term.forbidden, &term.n_forbidden) ||
            S_split_list(g->arena, v[S_COL_VARIANTS], &term.variants, &term.n_variants)) {
            rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
            break;
        }
        const char *vb = v[S_COL_VERBATIM];
        if (!*vb || !strcmp(vb, "no"))
            term.verbatim = ENF_VERBATIM_NO;
        else if (!strcmp(vb, "ok"))
            term.verbatim = ENF_VERBATIM_OK;
        else if (!strcmp(vb, "must"))
            term.verbatim = ENF_VERBATIM_MUST;
        else {
            rc = enf_error_set(err, ENF_EINPUT, "%s:%d: verbatim is \"%s\"; use empty, ok or must",
                               name, lineno, vb);
            break;
        }
        for (char *p = v[S_COL_FLAGS]; *p;) {
            char *comma = strchr(p, ',');
            if (comma)
                *comma = '\0';
            char *fl = S_trim(p);
            if (!strcmp(fl, "case"))
                term.flags |= ENF_TERM_CASE;
            else if (!strcmp(fl, "exact"))
                term.flags |= ENF_TERM_EXACT;
            else if (*fl) {
                rc = enf_error_set(err, ENF_EINPUT, "%s:%d: unknown flag \"%s\"; use case or exact",
                                   name, lineno, fl);
                break;
            }
            if (!comma)
                break;
            p = comma + 1;
        }
        if (rc == ENF_OK && term.n_forbidden)
            rc = S_contexts(g->arena, term.forbidden, term.n_forbidden, name, lineno, &term.forbidden_ctx,
                            &term.forbidden, 1, err);
        if (rc == ENF_OK && *v[S_COL_SUSPECT]) {
            const char *const *items = NULL, *const *bare = NULL;
            size_t ni = 0;
            if (S_split_list(g->arena, v[S_COL_SUSPECT], &items, &ni))
                rc = enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
            else
                rc = S_contexts(g->arena, items, ni, name, lineno, &term.suspects, &bare, 0, err);
            term.n_suspects = ni;
        }
        if (rc == ENF_OK && *v[S_COL_EQUIV])
            rc = S_equivalents(g->arena, v[S_COL_EQUIV], &term, err);
        if (rc == ENF_OK)
            rc = enf__term_validate(&term, err);
        if (rc == ENF_OK)
            rc = enf__glossary_put(g, &term, first, err);
        line = next;
    }
    if (rc == ENF_OK && !have_header)
        rc = enf_error_set(err, ENF_EINPUT, "%s: no header line; see glossary/README.md", name);
    free(buf);
    return rc;
}

int enf__glossary_reindex(enf_glossary *g, enf_error *err)
{
    enf__gindex_free(g->index);
    g->index = NULL;
    if (enf__gindex_build(g, &g->index))
        return enf_error_set(err, ENF_ENOMEM, "glossary: out of memory");
    return ENF_OK;
}

int enf_glossary_load_buffer(enf_glossary *g, const char *name, const char *data, size_t len,
                             int format, enf_error *err)
{
    if (len == 0)
        return enf_error_set(err, ENF_EINPUT, "%s: file is empty", name);
    int rc = format == ENF_GLOSSARY_TBX   ? enf__tbx_load(g, name, data, len, err)
             : format == ENF_GLOSSARY_MD  ? enf__glossary_load_md(g, name, data, len, err)
             : format == ENF_GLOSSARY_CSV ? enf__glossary_load_csv(g, name, data, len, err)
                                          : S_load_tsv(g, name, data, len, err);
    if (rc)
        return rc;
    return enf__glossary_reindex(g, err);
}

static int S_ends_with_ci(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && S_key_eq(s + n - m, suf);
}

int enf_glossary_load(enf_glossary *g, const char *path, enf_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    int rc = enf__read_whole_file(path, &buf, &len, err);
    if (rc)
        return rc;
    if ((rc = enf__input_check(path, buf, len, err))) {
        free(buf);
        return rc;
    }
    int format = S_ends_with_ci(path, ".tbx") || S_ends_with_ci(path, ".xml") ? ENF_GLOSSARY_TBX
                 : S_ends_with_ci(path, ".md") || S_ends_with_ci(path, ".markdown") ? ENF_GLOSSARY_MD
                 : S_ends_with_ci(path, ".csv") ? ENF_GLOSSARY_CSV
                                                : ENF_GLOSSARY_TSV;
    rc = enf_glossary_load_buffer(g, path, buf, len, format, err);
    free(buf);
    return rc;
}

static void S_put_list(FILE *f, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%s", i ? "|" : "", v[i]);
}

static void S_put_contexts(FILE *f, const enf_context *c, const char *const *bare, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%s", i ? "|" : "", c ? c[i].spec : bare[i]);
}

static void S_put_equivalents(FILE *f, const enf_term *t)
{
    unsigned maxg = 0;
    for (size_t r = 0; r < t->n_group_of; r++)
        maxg = t->group_of[r] > maxg ? t->group_of[r] : maxg;
    for (unsigned gi = 1; gi <= maxg; gi++) {
        int first = 1;
        for (size_t r = 0; r < t->n_group_of; r++) {
            if (t->group_of[r] != gi)
                continue;
            const char *s = r < t->n_zh ? t->zh[r] : r == t->n_zh ? t->en : t->variants[r - t->n_zh - 1];
            fprintf(f, "%s%s", first ? (gi > 1 ? ";" : "") : "|", s);
            first = 0;
        }
    }
}

int enf_glossary_write_tsv(const enf_glossary *g, FILE *f, enf_error *err)
{
    int extra = 0;
    for (size_t i = 0; i < g->n; i++)
        extra |= g->terms[i].n_suspects || g->terms[i].n_group_of;
    /* the two optional columns only when an entry uses them */
    fputs(extra ? "en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\tequivalents\tsuspect\n"
                : "en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\n", f);
    for (size_t i = 0; i < g->n; i++) {
        const enf_term *t = &g->terms[i];
        fprintf(f, "%s\t", t->en);
        S_put_list(f, t->zh, t->n_zh);
        fprintf(f, "\t%s\t", t->verbatim == ENF_VERBATIM_MUST ? "must" : t->verbatim == ENF_VERBATIM_OK ? "ok" : "");
        S_put_contexts(f, t->forbidden_ctx, t->forbidden, t->n_forbidden);
        fputc('\t', f);
        S_put_list(f, t->variants, t->n_variants);
        fprintf(f, "\t%s%s%s\t%s", (t->flags & ENF_TERM_CASE) ? "case" : "",
                (t->flags & ENF_TERM_CASE) && (t->flags & ENF_TERM_EXACT) ? "," : "",
                (t->flags & ENF_TERM_EXACT) ? "exact" : "", t->note ? t->note : "");
        if (extra) {
            fputc('\t', f);
            S_put_equivalents(f, t);
            fputc('\t', f);
            S_put_contexts(f, t->suspects, NULL, t->n_suspects);
        }
        fputc('\n', f);
    }
    if (ferror(f))
        return enf_error_set(err, ENF_EIO, "write error");
    return ENF_OK;
}
