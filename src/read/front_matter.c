/* front_matter.c — one scalar key of a Markdown file's YAML front matter,
 * read or rewritten in place (enface drift: the English commit a
 * translation was synced to, as MDN's l10n.sourceCommit or OpenTelemetry's
 * default_lang_commit).  Line-based on purpose: a rewrite must leave every
 * other byte of the file as it was, which a YAML round trip does not. */
#include "enface/read.h"
#include "model_internal.h"
#include "read_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t off, len;     /* the line, without its end of line */
    size_t indent;
    size_t key, key_len; /* "key:" at the start after the indent, or key_len 0 */
    size_t val, val_len; /* the value after ':' (trimmed, comment removed) */
} S_line;

/* The front matter's lines: [*body, *end) is between the "---" lines;
 * 0 when the file has none. */
int enf__front_matter_bounds(const char *s, size_t len, size_t *body, size_t *end)
{
    size_t e = 0;
    while (e < len && s[e] != '\n')
        e++;
    size_t l = e;
    while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '\t' || s[l - 1] == '\r'))
        l--;
    if (l != 3 || memcmp(s, "---", 3) != 0 || e >= len)
        return 0;
    size_t p = e + 1;
    while (p < len) {
        size_t q = p;
        while (q < len && s[q] != '\n')
            q++;
        size_t r = q;
        while (r > p && (s[r - 1] == ' ' || s[r - 1] == '\t' || s[r - 1] == '\r'))
            r--;
        if (r - p == 3 && (!memcmp(s + p, "---", 3) || !memcmp(s + p, "...", 3))) {
            *body = e + 1;
            *end = p;
            return 1;
        }
        p = q + 1;
    }
    return 0;
}

static void S_parse(const char *s, size_t off, size_t end, S_line *ln, size_t *next)
{
    size_t q = off;
    while (q < end && s[q] != '\n')
        q++;
    *next = q < end ? q + 1 : end;
    size_t l = q;
    if (l > off && s[l - 1] == '\r')
        l--;
    memset(ln, 0, sizeof *ln);
    ln->off = off;
    ln->len = l - off;
    size_t i = off;
    while (i < l && s[i] == ' ')
        i++;
    ln->indent = i - off;
    if (i >= l || s[i] == '#' || s[i] == '-')
        return;
    size_t k = i, kend;
    if (s[k] == '"' || s[k] == '\'') {
        char qc = s[k];
        size_t e = k + 1;
        while (e < l && s[e] != qc)
            e++;
        if (e >= l || e + 1 >= l || s[e + 1] != ':')
            return;
        ln->key = k + 1;
        ln->key_len = e - k - 1;
        kend = e + 1;
    } else {
        size_t e = k;
        while (e < l && s[e] != ':')
            e++;
        if (e >= l || (e + 1 < l && s[e + 1] != ' ' && s[e + 1] != '\t'))
            return;
        ln->key = k;
        ln->key_len = e - k;
        while (ln->key_len && (s[k + ln->key_len - 1] == ' ' || s[k + ln->key_len - 1] == '\t'))
            ln->key_len--;
        kend = e;
    }
    size_t v = kend + 1;
    while (v < l && (s[v] == ' ' || s[v] == '\t'))
        v++;
    size_t ve = l;
    if (v < l && (s[v] == '"' || s[v] == '\'')) {
        char qc = s[v];
        size_t e = v + 1;
        while (e < l && s[e] != qc)
            e++;
        ln->val = v + 1;
        ln->val_len = e - v - 1;
        return;
    }
    for (size_t c = v; c < l; c++)
        if (s[c] == '#' && c > v && (s[c - 1] == ' ' || s[c - 1] == '\t')) {
            ve = c;
            break;
        }
    while (ve > v && (s[ve - 1] == ' ' || s[ve - 1] == '\t'))
        ve--;
    ln->val = v;
    ln->val_len = ve - v;
}

/* Find key (dotted) in the front matter [body, end).  *line = the key's
 * line; else *parent = the deepest existing parent's line (or
 * (size_t)-1), *depth how many parts were found, *child_indent the indent
 * of the parent's children. */
typedef struct {
    int found;
    S_line line;
    int depth;
    S_line parent;
    size_t parent_end;   /* the end of the parent's block (insertion point) */
    size_t child_indent;
} S_find;

static int S_key_eq(const char *s, const S_line *ln, const char *part, size_t plen)
{
    return ln->key_len == plen && !memcmp(s + ln->key, part, plen);
}

static void S_lookup(const char *s, size_t body, size_t end, const char *key, S_find *f)
{
    memset(f, 0, sizeof *f);
    f->parent_end = end;
    size_t lo = body, hi = end, indent = 0;
    int have_indent = 1;
    const char *part = key;
    for (;;) {
        const char *dot = strchr(part, '.');
        size_t plen = dot ? (size_t)(dot - part) : strlen(part);
        int hit = 0;
        size_t p = lo;
        while (p < hi) {
            S_line ln;
            size_t next;
            S_parse(s, p, hi, &ln, &next);
            if (ln.key_len && !have_indent) {
                indent = ln.indent;
                have_indent = 1;
                f->child_indent = indent;
            }
            if (ln.key_len && ln.indent == indent && S_key_eq(s, &ln, part, plen)) {
                hit = 1;
                if (!dot) {
                    f->found = 1;
                    f->line = ln;
                    return;
                }
                /* its block: the following lines indented deeper (or blank) */
                size_t b = next, bend = next;
                while (bend < hi) {
                    S_line c;
                    size_t n2;
                    S_parse(s, bend, hi, &c, &n2);
                    int blank = c.indent == c.len;
                    if (!blank && c.indent <= indent)
                        break;
                    bend = n2;
                }
                f->depth++;
                f->parent = ln;
                f->parent_end = bend;
                f->child_indent = indent + 2;
                lo = b;
                hi = bend;
                have_indent = 0;
                break;
            }
            p = next;
        }
        if (!hit)
            return;
        part = dot + 1;
    }
}

int enf_front_matter_get(const char *data, size_t len, const char *key, char **value,
                         enf_error *err)
{
    *value = NULL;
    size_t body, end;
    if (!enf__front_matter_bounds(data, len, &body, &end))
        return ENF_OK;
    S_find f;
    S_lookup(data, body, end, key, &f);
    if (!f.found)
        return ENF_OK;
    *value = strndup(data + f.line.val, f.line.val_len);
    if (!*value)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    return ENF_OK;
}

/* Append s[0..n) to the growing buffer. */
typedef struct {
    char *v;
    size_t n, cap;
    int oom;
} S_buf;

static void S_put(S_buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *v = realloc(b->v, cap);
        if (!v) {
            b->oom = 1;
            return;
        }
        b->v = v;
        b->cap = cap;
    }
    memcpy(b->v + b->n, s, n);
    b->n += n;
    b->v[b->n] = '\0';
}

static void S_puts(S_buf *b, const char *s)
{
    S_put(b, s, strlen(s));
}

static void S_spaces(S_buf *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        S_put(b, " ", 1);
}

/* The lines "KEY: VALUE" for the parts of key from part on, nested from indent. */
static void S_new_keys(S_buf *b, const char *part, size_t indent, const char *value, const char *eol)
{
    for (;;) {
        const char *dot = strchr(part, '.');
        size_t plen = dot ? (size_t)(dot - part) : strlen(part);
        S_spaces(b, indent);
        S_put(b, part, plen);
        S_puts(b, ":");
        if (!dot) {
            S_puts(b, " ");
            S_puts(b, value);
            S_puts(b, eol);
            return;
        }
        S_puts(b, eol);
        indent += 2;
        part = dot + 1;
    }
}

int enf_front_matter_set(const char *data, size_t len, const char *key, const char *value,
                         char **out, size_t *out_len, enf_error *err)
{
    *out = NULL;
    *out_len = 0;
    if (!*key || key[0] == '.' || key[strlen(key) - 1] == '.' || strstr(key, "..") ||
        strpbrk(key, ":#\n\r\"'") || strpbrk(value, "\n\r"))
        return enf_error_set(err, ENF_EUSAGE, "front matter key '%s': not a plain key", key);
    const char *nl = memchr(data, '\n', len);
    const char *eol = nl && nl > data && nl[-1] == '\r' ? "\r\n" : "\n";
    S_buf b = {0};
    size_t body, end;
    if (!enf__front_matter_bounds(data, len, &body, &end)) {
        S_puts(&b, "---");
        S_puts(&b, eol);
        S_new_keys(&b, key, 0, value, eol);
        S_puts(&b, "---");
        S_puts(&b, eol);
        S_put(&b, data, len);
    } else {
        S_find f;
        S_lookup(data, body, end, key, &f);
        if (f.found) {
            size_t vs = f.line.val, ve = f.line.val + f.line.val_len;
            S_put(&b, data, vs);
            S_puts(&b, value);
            S_put(&b, data + ve, len - ve);
        } else {
            /* the parts not found, at the end of the deepest parent found */
            const char *part = key;
            for (int d = 0; d < f.depth; d++)
                part = strchr(part, '.') + 1;
            size_t at = f.parent_end;
            /* after a last line without its end of line */
            S_put(&b, data, at);
            if (at > 0 && data[at - 1] != '\n')
                S_puts(&b, eol);
            S_new_keys(&b, part, f.depth ? f.child_indent : 0, value, eol);
            S_put(&b, data + at, len - at);
        }
    }
    if (b.oom) {
        free(b.v);
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    if (!b.v) {
        b.v = calloc(1, 1);
        if (!b.v)
            return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    *out = b.v;
    *out_len = b.n;
    return ENF_OK;
}
