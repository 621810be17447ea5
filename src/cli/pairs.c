/* pairs.c — translation repository layouts (pairs.h).  A pattern holds one
 * placeholder: {name} matches a non-empty run without '/', {path} one or
 * more directory levels ("a", "guide/intro"; no empty, "." or ".."
 * segment).  A file matching two patterns is an error, not a guess.  An
 * empty EN pattern ("=zh/{path}.md") is a layout without originals (a
 * repository of machine translations): its files are checked alone. */
#include "pairs.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define S_PH_LEN 6   /* strlen("{name}") == strlen("{path}") */

static int S_fail(cli_repo *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->msg, sizeof r->msg, fmt, ap);
    va_end(ap);
    return -1;
}

/* The one placeholder of pat: its offset, and whether it is {path};
 * -1 when there is none or more than one. */
static long S_placeholder(const char *pat, int *is_path)
{
    long at = -1;
    for (const char *p = pat; (p = strchr(p, '{')); p++) {
        int name = !strncmp(p, "{name}", S_PH_LEN), path = !strncmp(p, "{path}", S_PH_LEN);
        if (!name && !path)
            return -1;
        if (at >= 0)
            return -1;
        at = p - pat;
        *is_path = path;
    }
    return at;
}

static int S_check_pattern(cli_repo *r, const char *pat, const char *where, int *is_path)
{
    if (!pat[0])
        return S_fail(r, "%s: empty pattern", where);
    if (S_placeholder(pat, is_path) < 0)
        return S_fail(r, "%s: pattern '%s' needs exactly one {name} or {path} (and no other '{')",
                      where, pat);
    if (pat[0] == '/' || strstr(pat, "..") || strstr(pat, "//"))
        return S_fail(r, "%s: pattern '%s' must be a relative path inside the root", where, pat);
    return 0;
}

int cli_repo_add_mapping(cli_repo *r, const char *spec, const char *en, const char *zh,
                         const char *where)
{
    char *buf = NULL;
    if (spec) {
        const char *eq = strchr(spec, '=');
        if (!eq || strchr(eq + 1, '='))
            return S_fail(r, "%s: '%s' is not EN_PATTERN=ZH_PATTERN", where, spec);
        buf = strdup(spec);
        if (!buf)
            return S_fail(r, "out of memory");
        buf[eq - spec] = '\0';
        en = buf;
        zh = buf + (eq - spec) + 1;
    }
    int zp = 0, ep;
    if (S_check_pattern(r, zh, where, &zp) || (en[0] && S_check_pattern(r, en, where, &ep))) {
        free(buf);
        return -1;
    }
    if (!en[0])
        ep = zp;
    if (ep != zp) {
        free(buf);
        return S_fail(r, "%s: '%s' and '%s' must use the same placeholder ({name} or {path})",
                      where, en, zh);
    }
    if (!strcmp(en, zh)) {
        free(buf);
        return S_fail(r, "%s: the English and Chinese patterns are the same ('%s')", where, en);
    }
    cli_mapping *v = realloc(r->maps, (r->n_maps + 1) * sizeof *v);
    if (!v) {
        free(buf);
        return S_fail(r, "out of memory");
    }
    r->maps = v;
    v[r->n_maps].en = strdup(en);
    v[r->n_maps].zh = strdup(zh);
    v[r->n_maps].path = ep;
    free(buf);
    if (!v[r->n_maps].en || !v[r->n_maps].zh) {
        free(v[r->n_maps].en);
        free(v[r->n_maps].zh);
        return S_fail(r, "out of memory");
    }
    r->n_maps++;
    return 0;
}

int cli_repo_set_root(cli_repo *r, const char *dir)
{
    char abs[PATH_MAX], cwd[PATH_MAX];
    struct stat sb;
    if (stat(dir, &sb) != 0)
        return S_fail(r, "%s: cannot open the root: %s", dir, strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return S_fail(r, "%s: the root is not a directory", dir);
    if (!realpath(dir, abs) || !getcwd(cwd, sizeof cwd))
        return S_fail(r, "%s: cannot resolve the root: %s", dir, strerror(errno));
    free(r->root_abs);
    free(r->prefix);
    r->root_abs = strdup(abs);
    size_t nc = strlen(cwd);
    char pre[PATH_MAX + 2];
    if (!strcmp(abs, cwd))
        pre[0] = '\0';
    else if (!strncmp(abs, cwd, nc) && (abs[nc] == '/' || nc == 1))
        snprintf(pre, sizeof pre, "%s/", abs + (nc == 1 ? 1 : nc + 1));
    else
        snprintf(pre, sizeof pre, "%s/", strcmp(abs, "/") ? abs : "");
    r->prefix = strdup(pre);
    if (!r->root_abs || !r->prefix)
        return S_fail(r, "out of memory");
    return 0;
}

/* ---- matching */

/* Match rel against pattern pat ({name} or {path}); the placeholder's
 * value goes to cap.  1 when it matches. */
static int S_match(const char *pat, int is_path, const char *rel, char *cap, size_t capsz)
{
    int ip;
    long at = S_placeholder(pat, &ip);
    size_t pre = (size_t)at, post = strlen(pat) - pre - S_PH_LEN, n = strlen(rel);
    if (n < pre + post + 1 || strncmp(rel, pat, pre) || strcmp(rel + n - post, pat + pre + S_PH_LEN))
        return 0;
    size_t len = n - pre - post;
    if (len >= capsz)
        return 0;
    memcpy(cap, rel + pre, len);
    cap[len] = '\0';
    if (!is_path)
        return strchr(cap, '/') == NULL;
    /* {path}: segments, none empty, "." or ".." */
    for (const char *s = cap;;) {
        const char *e = strchr(s, '/');
        size_t sl = e ? (size_t)(e - s) : strlen(s);
        if (sl == 0 || (sl == 1 && s[0] == '.') || (sl == 2 && s[0] == '.' && s[1] == '.'))
            return 0;
        if (!e)
            return 1;
        s = e + 1;
    }
}

static int S_expand(const char *pat, const char *cap, char *out, size_t outsz)
{
    int ip;
    long at = S_placeholder(pat, &ip);
    int n = snprintf(out, outsz, "%.*s%s%s", (int)at, pat, cap, pat + at + S_PH_LEN);
    return n < 0 || (size_t)n >= outsz ? -1 : 0;
}

/* Which pattern rel matches: *map and *side (0 EN, 1 ZH), cap filled.
 * 0 none, 1 one, -1 two (error in r->msg). */
static int S_classify(cli_repo *r, const char *rel, size_t *map, int *side, char *cap, size_t capsz)
{
    int found = 0;
    char c[PATH_MAX];
    for (size_t m = 0; m < r->n_maps; m++)
        for (int s = 0; s < 2; s++) {
            const char *pat = s ? r->maps[m].zh : r->maps[m].en;
            if (!pat[0] || !S_match(pat, r->maps[m].path, rel, c, sizeof c))
                continue;
            if (found) {
                const char *was = *side ? r->maps[*map].zh : r->maps[*map].en;
                return S_fail(r, "%s%s: matches two patterns, the %s '%s' and the %s '%s'%s; "
                              "make them disjoint", r->prefix, rel, *side ? "Chinese" : "English",
                              was, s ? "Chinese" : "English", pat,
                              m == *map ? "" : " of another mapping");
            }
            found = 1;
            *map = m;
            *side = s;
            snprintf(cap, capsz, "%s", c);
        }
    return found;
}

/* Whether rel is a regular file inside the root, symlinks resolved. */
static int S_inside_file(const cli_repo *r, const char *rel)
{
    char p[PATH_MAX * 2], real[PATH_MAX];
    snprintf(p, sizeof p, "%s/%s", r->root_abs, rel);
    struct stat sb;
    if (!realpath(p, real) || stat(real, &sb) != 0 || !S_ISREG(sb.st_mode))
        return 0;
    size_t n = strlen(r->root_abs);
    return !strncmp(real, r->root_abs, n) && (real[n] == '/' || n == 1);
}

static int S_add_pair(cli_repo *r, const char *en, const char *zh, const char *missing)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        cli_pair_paths *v = realloc(r->v, cap * sizeof *v);
        if (!v)
            return S_fail(r, "out of memory");
        r->v = v;
        r->cap = cap;
    }
    cli_pair_paths *p = &r->v[r->n];
    p->en = en ? strdup(en) : NULL;
    p->zh = zh ? strdup(zh) : NULL;
    p->missing = en && zh ? NULL : missing ? strdup(missing) : NULL;
    if ((en && !p->en) || (zh && !p->zh) || (!(en && zh) && missing && !p->missing)) {
        free(p->en);
        free(p->zh);
        free(p->missing);
        return S_fail(r, "out of memory");
    }
    r->n++;
    return 0;
}

/* rel, a file of the tree: its pair.  walking (a directory's files): a
 * file matching no pattern is skipped; walking 2 (the whole root): an EN
 * with its ZH is left to the ZH, found too. */
static int S_take(cli_repo *r, const char *rel, int walking)
{
    size_t m = 0;
    int side = 0;
    char cap[PATH_MAX], other[PATH_MAX];
    int k = S_classify(r, rel, &m, &side, cap, sizeof cap);
    if (k < 0)
        return -1;
    if (k == 0)
        return walking ? 0
                       : S_fail(r, "%s%s: matches no pattern of the pairs (%s=%s%s)", r->prefix, rel,
                                r->maps[0].en, r->maps[0].zh, r->n_maps > 1 ? ", ..." : "");
    if (side == 1 && !r->maps[m].en[0])
        return S_add_pair(r, NULL, rel, NULL);   /* no original, by the layout */
    if (S_expand(side ? r->maps[m].en : r->maps[m].zh, cap, other, sizeof other))
        return S_fail(r, "%s%s: path too long", r->prefix, rel);
    int has = S_inside_file(r, other);
    if (side == 1)
        return S_add_pair(r, has ? other : NULL, rel, other);
    if (has && walking == 2)
        return 0;
    return S_add_pair(r, rel, has ? other : NULL, other);
}

/* Walk root/rel (a directory), hidden entries and symlinked directories
 * skipped, symlinked files taken only when they resolve inside the root. */
static int S_walk(cli_repo *r, const char *rel, int depth, int walking)
{
    char dir[PATH_MAX * 2];
    snprintf(dir, sizeof dir, "%s%s%s", r->root_abs, rel[0] ? "/" : "", rel);
    if (depth > 64)
        return S_fail(r, "%s: directories nested too deep", dir);
    DIR *d = opendir(dir);
    if (!d)
        return S_fail(r, "%s: cannot open directory: %s", dir, strerror(errno));
    struct dirent *e;
    int rc = 0;
    char **names = NULL;
    size_t n = 0, cap = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 32;
            char **nv = realloc(names, cap * sizeof *nv);
            if (!nv) {
                rc = S_fail(r, "out of memory");
                break;
            }
            names = nv;
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = S_fail(r, "out of memory");
            break;
        }
        n++;
    }
    closedir(d);
    for (size_t i = 0; i < n && rc == 0; i++) {
        char sub[PATH_MAX], full[PATH_MAX * 3];
        int w = snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", names[i]);
        if (w < 0 || (size_t)w >= sizeof sub) {
            rc = S_fail(r, "%s/%s: path too long", dir, names[i]);
            break;
        }
        snprintf(full, sizeof full, "%s/%s", r->root_abs, sub);
        struct stat sb;
        if (lstat(full, &sb) != 0)
            continue;
        if (S_ISDIR(sb.st_mode))
            rc = S_walk(r, sub, depth + 1, walking);
        else if (S_ISREG(sb.st_mode) || (S_ISLNK(sb.st_mode) && S_inside_file(r, sub)))
            rc = S_take(r, sub, walking);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

static int S_cmp_pair(const void *a, const void *b)
{
    const cli_pair_paths *x = a, *y = b;
    int c = strcmp(x->zh ? x->zh : "", y->zh ? y->zh : "");
    if (c)
        return c;
    return strcmp(x->en ? x->en : "", y->en ? y->en : "");
}

int cli_repo_scan(cli_repo *r, const char *const *operands, size_t n_operands)
{
    if (!r->root_abs && cli_repo_set_root(r, "."))
        return -1;
    if (!r->n_maps)
        return S_fail(r, "no pairs: give --pairs 'EN_PATTERN=ZH_PATTERN' or a [pairs] section");
    if (!n_operands && S_walk(r, "", 0, 2))
        return -1;
    size_t nr = strlen(r->root_abs);
    for (size_t i = 0; i < n_operands; i++) {
        char real[PATH_MAX];
        struct stat sb;
        if (!realpath(operands[i], real) || stat(real, &sb) != 0)
            return S_fail(r, "%s: cannot open: %s", operands[i], strerror(errno));
        if (strncmp(real, r->root_abs, nr) || (real[nr] != '/' && real[nr] != '\0' && nr != 1))
            return S_fail(r, "%s: is outside the root %s", operands[i], r->root_abs);
        const char *rel = real + nr + (real[nr] == '/');
        if (nr == 1)
            rel = real + 1;
        if (S_ISDIR(sb.st_mode)) {
            if (S_walk(r, rel, 0, 1))
                return -1;
        } else if (S_take(r, rel, 0)) {
            return -1;
        }
    }
    if (r->n > 1)   /* qsort wants a non-NULL array, even of none */
        qsort(r->v, r->n, sizeof *r->v, S_cmp_pair);
    size_t w = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (w && !S_cmp_pair(&r->v[w - 1], &r->v[i])) {
            free(r->v[i].en);
            free(r->v[i].zh);
            free(r->v[i].missing);
            continue;
        }
        r->v[w++] = r->v[i];
    }
    r->n = w;
    return 0;
}

void cli_repo_free(cli_repo *r)
{
    for (size_t i = 0; i < r->n_maps; i++) {
        free(r->maps[i].en);
        free(r->maps[i].zh);
    }
    free(r->maps);
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].en);
        free(r->v[i].zh);
        free(r->v[i].missing);
    }
    free(r->v);
    free(r->root_abs);
    free(r->prefix);
    memset(r, 0, sizeof *r);
}
