/* write_fix.c — `enface check --fix`: the Chinese document with each
 * forbidden rendering rewritten to the glossary's approved one, and the
 * unified diff of that rewrite for `--diff`.  Only glossary.forbidden
 * findings are applied (never a suspect, which needs a reader's
 * judgement), each at the byte span the check recorded; the glossary
 * matcher never reports inside code, link targets, HTML tags or front
 * matter, and a span inside a code block, or whose bytes are not what was
 * found, is left alone.  A replacement never holds a line break, so the
 * rewritten text has the original's lines. */
#include "write_findings.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t off, len;
    const char *to;
} S_edit;

static int S_by_off(const void *a, const void *b)
{
    const S_edit *x = a, *y = b;
    return x->off < y->off ? -1 : x->off > y->off;
}

/* The block of zh that holds byte off, or NULL. */
static const enf_block *S_block_at(const enf_doc *zh, size_t off)
{
    size_t lo = 0, hi = zh->n_blocks;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const enf_block *b = &zh->blocks[mid];
        if (off < b->src_off)
            hi = mid;
        else if (off >= b->src_off + b->src_len)
            lo = mid + 1;
        else
            return b;
    }
    return NULL;
}

int enf_fix_text(const enf_doc *zh, const enf_findings *fs, char **out, size_t *out_len, size_t *n_fixed,
                 enf_error *err)
{
    *out = NULL;
    *out_len = 0;
    *n_fixed = 0;
    S_edit *ed = NULL;
    size_t ne = 0, cap = 0;
    for (size_t i = 0; i < fs->n; i++) {
        const enf_finding *f = &fs->v[i];
        if (strcmp(f->rule, "glossary.forbidden") || !f->src_len[1] || !f->expected || !f->found)
            continue;
        size_t off = f->src_off[1], len = f->src_len[1];
        if (off + len > zh->len || strlen(f->found) != len || memcmp(zh->data + off, f->found, len) ||
            strchr(f->expected, '\n') || strchr(f->expected, '\r'))
            continue;
        const enf_block *b = S_block_at(zh, off);
        if (!b || b->kind == ENF_BLOCK_CODE || off + len > b->src_off + b->src_len)
            continue;
        if (enf__grow((void **)&ed, &cap, ne + 1, sizeof *ed)) {
            free(ed);
            return enf_error_set(err, ENF_ENOMEM, "fix: out of memory");
        }
        ed[ne].off = off;
        ed[ne].len = len;
        ed[ne].to = f->expected;
        ne++;
    }
    if (ne)
        qsort(ed, ne, sizeof *ed, S_by_off);
    size_t total = zh->len + 1;
    for (size_t i = 0; i < ne; i++)
        total += strlen(ed[i].to);
    char *s = malloc(total);
    if (!s) {
        free(ed);
        return enf_error_set(err, ENF_ENOMEM, "fix: out of memory");
    }
    size_t o = 0, at = 0, done = 0;
    for (size_t i = 0; i < ne; i++) {
        if (ed[i].off < at)
            continue;   /* overlaps the previous edit */
        memcpy(s + o, zh->data + at, ed[i].off - at);
        o += ed[i].off - at;
        size_t tl = strlen(ed[i].to);
        memcpy(s + o, ed[i].to, tl);
        o += tl;
        at = ed[i].off + ed[i].len;
        done++;
    }
    memcpy(s + o, zh->data + at, zh->len - at);
    o += zh->len - at;
    s[o] = '\0';
    free(ed);
    *out = s;
    *out_len = o;
    *n_fixed = done;
    return ENF_OK;
}

/* The next line of s[*at, n): its start and length without the line
 * break; 0 at the end. */
static int S_line(const char *s, size_t n, size_t *at, const char **ln, size_t *len)
{
    if (*at >= n)
        return 0;
    const char *p = s + *at, *nl = memchr(p, '\n', n - *at);
    size_t l = nl ? (size_t)(nl - p) : n - *at;
    *ln = p;
    *len = l;
    *at += l + (nl != NULL);
    return 1;
}

int enf_write_fix_diff(FILE *f, const char *path, const enf_doc *zh, const char *fixed, size_t fixed_len,
                       enf_error *err)
{
    size_t a = 0, b = 0;
    const char *x, *y;
    size_t xl, yl;
    int line = 0, header = 0;
    while (S_line(zh->data, zh->len, &a, &x, &xl)) {
        if (!S_line(fixed, fixed_len, &b, &y, &yl))
            return enf_error_set(err, ENF_EUSAGE, "fix: the rewrite changed the number of lines");
        line++;
        if (xl == yl && !memcmp(x, y, xl))
            continue;
        if (!header) {
            fprintf(f, "--- %s\n+++ %s\n", path, path);
            header = 1;
        }
        /* the last line without its line break, as diff(1) marks it */
        const char *eol = a >= zh->len && zh->len && zh->data[zh->len - 1] != '\n' ? "\n\\ No newline at end of file"
                                                                              : "";
        fprintf(f, "@@ -%d +%d @@\n-%.*s%s\n+%.*s%s\n", line, line, (int)xl, x, eol, (int)yl, y, eol);
    }
    if (ferror(f))
        return enf_error_set(err, ENF_EIO, "fix: write failed");
    return ENF_OK;
}
