/* check_code.c — code.changed: code blocks of an aligned pair compared line
 * by line (a line whose code before a comment marker is unchanged is a
 * translated comment, allowed), and inline code spans compared as
 * multisets (an original span missing while the translation has a new one);
 * the spans are those the reader recorded (enf_block.inlines). */
#include "check_internal.h"

#include <stdlib.h>
#include <string.h>

/* Length of the code part of a line: up to "#" or "//" that starts a comment. */
static size_t S_code_part(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '#' && (i == 0 || s[i - 1] == ' '))
            return i;
        if (s[i] == '/' && i + 1 < n && s[i + 1] == '/' && (i == 0 || s[i - 1] == ' '))
            return i;
    }
    return n;
}

/* First line of a code block's content in the file. */
static int S_first_line(const enf_doc *d, size_t b)
{
    const char *s = enf__blk_src(d, b);
    size_t n = d->blocks[b].src_len;
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    if (i < n && (s[i] == '`' || s[i] == '~'))
        return d->blocks[b].start_line + 1;
    return d->blocks[b].start_line;
}

/* Byte offset in d->data where line `line` starts (line >= block start). */
static size_t S_line_off(const enf_doc *d, size_t b, int line)
{
    size_t off = d->blocks[b].src_off;
    int ln = d->blocks[b].start_line;
    while (ln < line && off < d->len) {
        if (d->data[off] == '\n')
            ln++;
        off++;
    }
    while (off < d->len && d->data[off] == ' ' && off + 1 < d->len)
        off++;
    return off;
}

typedef struct {
    const char *s;
    size_t len;      /* the line without its newline */
    int line;        /* file line */
} S_line;

/* Non-blank lines of a code block's text. */
static size_t S_lines(const enf_doc *d, size_t b, S_line **out)
{
    const enf_block *blk = &d->blocks[b];
    size_t cap = 16, n = 0;
    S_line *v = malloc(cap * sizeof *v);
    int ln = S_first_line(d, b);
    for (const char *p = blk->text, *end = blk->text + blk->text_len; v && p <= end; ln++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        size_t k = 0;
        while (p + k < e && (p[k] == ' ' || p[k] == '\t'))
            k++;
        if (p + k < e) {
            if (enf__grow((void **)&v, &cap, n + 1, sizeof *v)) {
                free(v);
                v = NULL;
                break;
            }
            v[n].s = p;
            v[n].len = (size_t)(e - p);
            v[n].line = ln;
            n++;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    *out = v;
    return v ? n : 0;
}

/* Lines equal up to white space, or up to a translated trailing comment. */
static int S_same_line(const S_line *a, const S_line *b)
{
    size_t ac = S_code_part(a->s, a->len), bc = S_code_part(b->s, b->len);
    const char *p = a->s, *pe = a->s + ac, *q = b->s, *qe = b->s + bc;
    for (;;) {
        while (p < pe && (*p == ' ' || *p == '\t'))
            p++;
        while (q < qe && (*q == ' ' || *q == '\t'))
            q++;
        if (p == pe || q == qe)
            return p == pe && q == qe;
        if (*p != *q)
            return 0;
        p++;
        q++;
    }
}

#define S_LCS_MAX 2000

static int S_blocks(enf__check_ctx *c, size_t eb, size_t zb)
{
    S_line *el = NULL, *zl = NULL;
    size_t ne = S_lines(c->en, eb, &el), nz = S_lines(c->zh, zb, &zl);
    int rc = ENF_OK, reported = 0;
    if (!el || !zl) {
        free(el);
        free(zl);
        return ENF_ENOMEM;
    }
    /* pair lines by a longest common subsequence; unpaired Chinese lines
     * facing unpaired English lines are changes */
    size_t *ematch = malloc((ne + 1) * sizeof *ematch), *zmatch = malloc((nz + 1) * sizeof *zmatch);
    unsigned short *t = NULL;
    if (ne <= S_LCS_MAX && nz <= S_LCS_MAX)
        t = calloc((ne + 1) * (nz + 1), sizeof *t);
    if (!ematch || !zmatch || !t) {
        free(ematch);
        free(zmatch);
        free(t);
        free(el);
        free(zl);
        return ne > S_LCS_MAX || nz > S_LCS_MAX ? ENF_OK : ENF_ENOMEM;
    }
    for (size_t i = ne; i-- > 0;)
        for (size_t j = nz; j-- > 0;)
            t[i * (nz + 1) + j] = S_same_line(&el[i], &zl[j])
                                      ? (unsigned short)(t[(i + 1) * (nz + 1) + j + 1] + 1)
                                      : (t[(i + 1) * (nz + 1) + j] > t[i * (nz + 1) + j + 1]
                                             ? t[(i + 1) * (nz + 1) + j]
                                             : t[i * (nz + 1) + j + 1]);
    for (size_t i = 0; i < ne; i++)
        ematch[i] = (size_t)-1;
    for (size_t j = 0; j < nz; j++)
        zmatch[j] = (size_t)-1;
    for (size_t i = 0, j = 0; i < ne && j < nz;) {
        if (S_same_line(&el[i], &zl[j])) {
            ematch[i] = j;
            zmatch[j] = i;
            i++;
            j++;
        } else if (t[(i + 1) * (nz + 1) + j] >= t[i * (nz + 1) + j + 1]) {
            i++;
        } else {
            j++;
        }
    }
    /* walk both; report each unmatched Chinese line against the unmatched
     * English line of the same gap (or the gap itself) */
    size_t i = 0;
    for (size_t j = 0; j < nz && rc == ENF_OK && reported < 5; j++) {
        if (zmatch[j] != (size_t)-1) {
            i = zmatch[j] + 1;
            continue;
        }
        const S_line *e = i < ne && ematch[i] == (size_t)-1 ? &el[i] : NULL;
        if (e)
            i++;
        char ef[160], zf[160];
        size_t a = e ? (e->len < 150 ? e->len : 150) : 0, b2 = zl[j].len < 150 ? zl[j].len : 150;
        if (e)
            memcpy(ef, e->s, a);
        ef[a] = '\0';
        memcpy(zf, zl[j].s, b2);
        zf[b2] = '\0';
        enf__where w = {ENF_RULE_CODE_CHANGED, {eb, zb},
                        {e ? S_line_off(c->en, eb, e->line) : (size_t)-1, S_line_off(c->zh, zb, zl[j].line)},
                        {0, 0}, NULL, e ? ef : NULL, zf};
        if (e)
            rc = enf__report(c, &w, "code line \"%s\" differs from the original's \"%s\" (line %d)", zf, ef,
                             e->line);
        else
            rc = enf__report(c, &w, "code line \"%s\" is not in the original", zf);
        reported++;
    }
    /* English lines with no counterpart at all */
    for (size_t q = 0; q < ne && rc == ENF_OK && reported < 5; q++) {
        if (ematch[q] != (size_t)-1)
            continue;
        int paired = 0;
        for (size_t j = 0; j < nz; j++)
            if (zmatch[j] == (size_t)-1)
                paired = 1;
        if (paired)
            continue;   /* already reported as changed above */
        char ef[160];
        size_t a = el[q].len < 150 ? el[q].len : 150;
        memcpy(ef, el[q].s, a);
        ef[a] = '\0';
        enf__where w = {ENF_RULE_CODE_CHANGED, {eb, zb}, {S_line_off(c->en, eb, el[q].line), (size_t)-1},
                        {0, 0}, NULL, ef, NULL};
        rc = enf__report(c, &w, "code line \"%s\" (line %d of the original) is missing here", ef, el[q].line);
        reported++;
    }
    free(t);
    free(ematch);
    free(zmatch);
    free(el);
    free(zl);
    return rc;
}

typedef struct {
    size_t blk, off, len;
    int used;
} S_span;

/* The inline code of block b, as the reader recorded it: the content
 * between the backtick runs (or of an HTML <code>). */
static int S_spans(const enf_doc *d, size_t b, S_span **v, size_t *n, size_t *cap)
{
    const enf_block *blk = &d->blocks[b];
    if (blk->kind == ENF_BLOCK_CODE)
        return 0;
    for (size_t k = 0; k < blk->n_inlines; k++) {
        const enf_inline *x = &blk->inlines[k];
        if (x->kind != ENF_INLINE_CODE)
            continue;
        if (enf__grow((void **)v, cap, *n + 1, sizeof **v))
            return -1;
        S_span s = {b, x->inner_off, x->inner_len, 0};
        (*v)[(*n)++] = s;
    }
    return 0;
}

int enf__check_code(enf__check_ctx *c)
{
    if (!enf__rule_on(c, ENF_RULE_CODE_CHANGED))
        return ENF_OK;
    int rc = ENF_OK;
    for (size_t i = 0; i < c->al->n_beads && rc == ENF_OK; i++) {
        const enf_bead *bd = &c->al->beads[i];
        if (!bd->n_en || !bd->n_zh)
            continue;
        /* code blocks, paired in order */
        size_t zk = 0;
        for (size_t k = 0; k < bd->n_en && rc == ENF_OK; k++) {
            size_t eb = bd->en + k;
            if (c->en->blocks[eb].kind != ENF_BLOCK_CODE)
                continue;
            while (zk < bd->n_zh && c->zh->blocks[bd->zh + zk].kind != ENF_BLOCK_CODE)
                zk++;
            if (zk >= bd->n_zh)
                break;
            rc = S_blocks(c, eb, bd->zh + zk);
            zk++;
        }
        /* inline code */
        S_span *es = NULL, *zs = NULL;
        size_t en = 0, ec = 0, zn = 0, zc = 0;
        for (size_t k = 0; k < bd->n_en && rc == ENF_OK; k++)
            if (S_spans(c->en, bd->en + k, &es, &en, &ec))
                rc = ENF_ENOMEM;
        for (size_t k = 0; k < bd->n_zh && rc == ENF_OK; k++)
            if (S_spans(c->zh, bd->zh + k, &zs, &zn, &zc))
                rc = ENF_ENOMEM;
        for (size_t a = 0; a < en; a++)
            for (size_t b = 0; b < zn; b++)
                if (!zs[b].used && es[a].len == zs[b].len &&
                    !memcmp(c->en->data + es[a].off, c->zh->data + zs[b].off, es[a].len)) {
                    es[a].used = zs[b].used = 1;
                    break;
                }
        size_t zi = 0;
        for (size_t a = 0; a < en && rc == ENF_OK; a++) {
            if (es[a].used)
                continue;
            while (zi < zn && zs[zi].used)
                zi++;
            if (zi >= zn)
                break;
            S_span *y = &zs[zi++];
            char ef[160], zf[160];
            size_t a1 = es[a].len < 150 ? es[a].len : 150, b1 = y->len < 150 ? y->len : 150;
            memcpy(ef, c->en->data + es[a].off, a1);
            ef[a1] = '\0';
            memcpy(zf, c->zh->data + y->off, b1);
            zf[b1] = '\0';
            enf__where w = {ENF_RULE_CODE_CHANGED, {es[a].blk, y->blk}, {es[a].off, y->off},
                            {es[a].len, y->len}, NULL, ef, zf};
            rc = enf__report(c, &w, "inline code `%s` differs from the original's `%s` (line %d)", zf, ef,
                             c->en->blocks[es[a].blk].start_line);
        }
        free(es);
        free(zs);
    }
    return rc;
}
