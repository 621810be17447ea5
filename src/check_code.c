/* check_code.c — code.changed: code blocks of an aligned pair compared line
 * by line (a line whose code before a comment marker is unchanged is a
 * translated comment, allowed), and inline code spans compared as
 * multisets (an original span missing while the translation has a new one). */
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

static size_t S_trim_end(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
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

static int S_blocks(enf__check_ctx *c, size_t eb, size_t zb)
{
    const enf_block *e = &c->en->blocks[eb], *z = &c->zh->blocks[zb];
    const char *ep = e->text, *zp = z->text, *ee = e->text + e->text_len, *ze = z->text + z->text_len;
    int li = 0, reported = 0, rc = ENF_OK;
    while ((ep < ee || zp < ze) && rc == ENF_OK && reported < 5) {
        const char *en_nl = memchr(ep, '\n', (size_t)(ee - ep)), *zh_nl = memchr(zp, '\n', (size_t)(ze - zp));
        size_t el = (size_t)((en_nl ? en_nl : ee) - ep), zl = (size_t)((zh_nl ? zh_nl : ze) - zp);
        size_t ec = S_trim_end(ep, S_code_part(ep, el)), zc = S_trim_end(zp, S_code_part(zp, zl));
        int same_code = ec == zc && !memcmp(ep, zp, ec);
        int has_comment = ec < el || zc < zl;
        if (!same_code || (!has_comment && (S_trim_end(ep, el) != S_trim_end(zp, zl)))) {
            char ef[160], zf[160];
            size_t a = el < 150 ? el : 150, b2 = zl < 150 ? zl : 150;
            memcpy(ef, ep, a);
            ef[a] = '\0';
            memcpy(zf, zp, b2);
            zf[b2] = '\0';
            int zline = S_first_line(c->zh, zb) + li, eline = S_first_line(c->en, eb) + li;
            enf__where w = {ENF_RULE_CODE_CHANGED, {eb, zb},
                            {S_line_off(c->en, eb, eline), S_line_off(c->zh, zb, zline)}, {0, 0},
                            NULL, ef, zf};
            rc = enf__report(c, &w, "code line \"%s\" differs from the original's \"%s\" (line %d)", zf, ef,
                             eline);
            reported++;
        }
        ep = en_nl ? en_nl + 1 : ee;
        zp = zh_nl ? zh_nl + 1 : ze;
        li++;
    }
    return rc;
}

typedef struct {
    size_t blk, off, len;
    int used;
} S_span;

static int S_spans(const enf_doc *d, size_t b, S_span **v, size_t *n, size_t *cap)
{
    const enf_block *blk = &d->blocks[b];
    if (blk->kind == ENF_BLOCK_CODE)
        return 0;
    const char *s = d->data + blk->src_off;
    size_t len = blk->src_len;
    for (size_t i = 0; i < len;) {
        if (s[i] != '`') {
            i++;
            continue;
        }
        size_t r = 0;
        while (i + r < len && s[i + r] == '`')
            r++;
        size_t j = i + r, close = (size_t)-1;
        while (j < len) {
            if (s[j] == '`') {
                size_t m = 0;
                while (j + m < len && s[j + m] == '`')
                    m++;
                if (m == r) {
                    close = j;
                    break;
                }
                j += m;
            } else {
                j++;
            }
        }
        if (close == (size_t)-1) {
            i += r;
            continue;
        }
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 8;
            S_span *nv = realloc(*v, *cap * sizeof *nv);
            if (!nv)
                return -1;
            *v = nv;
        }
        S_span x = {b, blk->src_off + i + r, close - i - r, 0};
        (*v)[(*n)++] = x;
        i = close + r;
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
