/* check.c — enf_check: options, and the driver that aligns (when needed),
 * masks the source of every block once,
 * runs each rule family (check_*.c), then applies the suppression comments
 * of the Chinese file and sorts the findings by place. */
#include "check_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void enf_check_opts_init(enf_check_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < ENF_RULE__COUNT; i++)
        o->severity[i] = enf_rule_get(i)->default_severity;
}

/* Whether rule id r is named by pattern p: the id, its family ("glossary"
 * or "glossary.*") or "all"/"*". */
static int S_rule_matches(const char *id, const char *p, size_t plen)
{
    if ((plen == 3 && !strncmp(p, "all", 3)) || (plen == 1 && p[0] == '*'))
        return 1;
    if (plen >= 2 && p[plen - 2] == '.' && p[plen - 1] == '*')
        plen -= 2;
    if (strlen(id) == plen && !strncmp(id, p, plen))
        return 1;
    return !strncmp(id, p, plen) && id[plen] == '.';
}

int enf_check_opts_set(enf_check_opts *o, const char *rule, int sev, enf_error *err)
{
    int hit = 0;
    for (int i = 0; i < ENF_RULE__COUNT; i++)
        if (S_rule_matches(enf_rule_get(i)->id, rule, strlen(rule))) {
            o->severity[i] = sev < 0 ? enf_rule_get(i)->enabled_severity : (enf_severity)sev;
            hit = 1;
        }
    if (!hit)
        return enf_error_set(err, ENF_EUSAGE, "unknown rule '%s' (see 'enface check --list-rules')", rule);
    return ENF_OK;
}

/* ---- places */

/* Line and column (code points) of byte off of d->data inside block b.
 * The last position computed is kept in the run's context (c->pos), so the
 * findings of one block, mostly reported in order, cost the distance
 * between them, and the blocks of one line (minified HTML) the distance
 * between blocks, not from the line start each time. */
void enf__pos(enf__check_ctx *c, const enf_doc *d, size_t b, size_t off, int *line, int *col)
{
    enf__poscache *pc = &c->pos;
    const enf_block *blk = &d->blocks[b];
    if (off == (size_t)-1 || off < blk->src_off || off > d->len) {
        *line = blk->start_line;
        *col = blk->start_col;
        return;
    }
    size_t from = blk->src_off, ls = from;
    int ln = blk->start_line, cl = blk->start_col;
    if (pc->d == d && pc->b == b && pc->off <= off) {
        from = pc->off;
        ln = pc->line;
        cl = pc->col;
        ls = pc->ls;
    } else {
        /* the start of from's line, by binary search in the line table */
        size_t lo = 0, hi = d->n_lines;
        while (hi - lo > 1) {
            size_t m = lo + (hi - lo) / 2;
            if (d->line_start[m] <= from)
                lo = m;
            else
                hi = m;
        }
        ls = d->n_lines ? d->line_start[lo] : 0;
        if (ls > from)
            ls = 0;
        if (pc->d == d && pc->ls == ls && pc->off <= from)
            cl = pc->col + (int)enf_utf8_count(d->data + pc->off, from - pc->off);
        else
            cl = (int)enf_utf8_count(d->data + ls, from - ls) + 1;
    }
    for (size_t i = from; i < off; i++) {
        unsigned char ch = (unsigned char)d->data[i];
        if (ch == '\n') {
            ln++;
            cl = 1;
            ls = i + 1;
        } else if ((ch & 0xC0) != 0x80) {
            cl++;
        }
    }
    *pc = (enf__poscache){d, b, off, ls, ln, cl};
    *line = ln;
    *col = cl;
}

/* Span of the source text data[off..off+len) in block->text: the same
 * occurrence (by count) of the same string, else 0/0 (whole block). */
static void S_text_span(const enf_doc *d, size_t b, size_t off, size_t len, size_t *toff, size_t *tlen)
{
    const enf_block *blk = &d->blocks[b];
    *toff = 0;
    *tlen = 0;
    if (off == (size_t)-1 || len == 0 || off < blk->src_off || off + len > d->len)
        return;
    if (blk->src_len > ((size_t)64 << 10))
        return;   /* a huge block: no per-finding search (it would be quadratic) */
    const char *needle = d->data + off;
    size_t k = 0;
    for (size_t i = blk->src_off; i + len <= off; i++)
        if (!memcmp(d->data + i, needle, len)) {
            k++;
            i += len - 1;
        }
    const char *t = blk->text, *end = blk->text + blk->text_len, *last = NULL;
    size_t seen = 0;
    while (t + len <= end) {
        const char *h = memchr(t, needle[0], (size_t)(end - t));
        if (!h || h + len > end)
            break;
        if (!memcmp(h, needle, len)) {
            last = h;
            if (seen++ == k)
                break;
            t = h + len;
        } else {
            t = h + 1;
        }
    }
    if (last) {
        *toff = (size_t)(last - blk->text);
        *tlen = len;
    }
}

int enf__report(enf__check_ctx *c, const enf__where *w, const char *fmt, ...)
{
    enf_severity sev = c->opts->severity[w->rule];
    if (sev == ENF_SEV_NONE)
        return ENF_OK;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    enf_finding f = {0};
    f.rule = (char *)enf_rule_get(w->rule)->id;
    f.severity = sev;
    f.message = msg;
    f.term = (char *)w->term;
    f.expected = (char *)w->expected;
    f.found = (char *)w->found;
    const enf_doc *docs[2] = {c->en, c->zh};
    for (int s = 0; s < 2; s++) {
        f.block[s] = w->blk[s];
        if (w->blk[s] == ENF_NO_BLOCK || !docs[s] || w->blk[s] >= docs[s]->n_blocks) {
            f.block[s] = ENF_NO_BLOCK;
            continue;
        }
        if (s == 1 && w->off[1] == ENF__AFTER_BLOCK) {
            /* the line after the block (its blank separator), or its end */
            const enf_block *blk = &docs[s]->blocks[w->blk[s]];
            if ((size_t)blk->end_line < docs[s]->n_lines) {
                f.line[s] = blk->end_line + 1;
                f.col[s] = 1;
            } else {
                f.line[s] = blk->end_line;
                f.col[s] = blk->end_col > 0 ? blk->end_col : 1;
            }
            f.block[s] = ENF_NO_BLOCK;   /* a place between blocks, in none */
            continue;
        }
        enf__pos(c, docs[s], w->blk[s], w->off[s], &f.line[s], &f.col[s]);
        S_text_span(docs[s], w->blk[s], w->off[s], w->len[s], &f.text_off[s], &f.text_len[s]);
        if (w->off[s] != (size_t)-1 && w->len[s] && w->off[s] + w->len[s] <= docs[s]->len) {
            f.src_off[s] = w->off[s];
            f.src_len[s] = w->len[s];
        }
    }
    return enf_findings_add(c->out, &f);
}

/* ---- suppression comments */

typedef struct {
    int line;          /* the directive's line */
    int kind;          /* 0 disable, 1 enable, 2 disable-next-line */
    char rules[256];   /* space separated; empty = all */
} S_directive;

static size_t S_directives(const enf_doc *zh, S_directive **out)
{
    size_t n = 0, cap = 0;
    S_directive *v = NULL;
    const char *s = zh->data, *end = zh->data + zh->len;
    int line = 1;
    const char *ls = s;
    for (const char *p = s; p < end; p++) {
        if (*p != '<' || end - p < 4 || memcmp(p, "<!--", 4) != 0)
            continue;
        for (; ls < p; ls++)
            line += *ls == '\n';
        const char *q = p + 4;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        int kind;
        size_t kl;
        if (end - q >= 24 && !memcmp(q, "enface-disable-next-line", 24))
            kind = 2, kl = 24;
        else if (end - q >= 14 && !memcmp(q, "enface-disable", 14))
            kind = 0, kl = 14;
        else if (end - q >= 13 && !memcmp(q, "enface-enable", 13))
            kind = 1, kl = 13;
        else
            continue;
        q += kl;
        const char *e = q;
        while (e + 2 < end && memcmp(e, "-->", 3) != 0)
            e++;
        if (enf__grow((void **)&v, &cap, n + 1, sizeof *v))
            break;
        S_directive *d = &v[n++];
        d->line = line;
        d->kind = kind;
        size_t rl = (size_t)(e - q);
        if (rl >= sizeof d->rules)
            rl = sizeof d->rules - 1;
        memcpy(d->rules, q, rl);
        d->rules[rl] = '\0';
        for (char *r = d->rules; *r; r++)
            if (*r == ',' || *r == '\t' || *r == '\n')
                *r = ' ';
    }
    *out = v;
    return n;
}

static int S_directive_names(const S_directive *d, const char *rule)
{
    const char *p = d->rules;
    int any = 0;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e > p) {
            any = 1;
            if (S_rule_matches(rule, p, (size_t)(e - p)))
                return 1;
        }
        p = e;
    }
    return !any;
}

static int S_suppressed(const S_directive *d, size_t n, const char *rule, int line)
{
    int off = 0;
    for (size_t i = 0; i < n && d[i].line <= line; i++) {
        if (!S_directive_names(&d[i], rule))
            continue;
        if (d[i].kind == 0)
            off = 1;
        else if (d[i].kind == 1)
            off = 0;
    }
    for (size_t i = 0; i < n; i++)
        if (d[i].kind == 2 && (d[i].line == line - 1 || d[i].line == line) && S_directive_names(&d[i], rule))
            return 1;
    return off;
}

void enf__suppress(const enf_doc *zh, enf_findings *out, size_t first,
                   int (*place)(const enf_finding *f, void *ctx), void *ctx)
{
    S_directive *dv = NULL;
    size_t nd = S_directives(zh, &dv);
    if (nd) {
        size_t w = first;
        for (size_t i = first; i < out->n; i++) {
            enf_finding *f = &out->v[i];
            int line = f->line[1] ? f->line[1] : 0;
            if (!line && place)
                line = place(f, ctx);
            if (line && S_suppressed(dv, nd, f->rule, line)) {
                free(f->rule);
                free(f->message);
                free(f->term);
                free(f->expected);
                free(f->found);
                continue;
            }
            out->v[w++] = *f;
        }
        out->n = w;
    }
    free(dv);
}

/* An English-only finding of enf_check: the place the block would sit in zh. */
typedef struct {
    const enf_alignment *al;
    const enf_doc *zh;
    const size_t *en_bead;
} S_enplace;

static int S_en_place(const enf_finding *f, void *ctx)
{
    const S_enplace *p = ctx;
    if (f->block[0] == ENF_NO_BLOCK || !p->al)
        return 0;
    size_t bi = p->en_bead[f->block[0]];
    for (size_t k = bi; k != (size_t)-1 && k < p->al->n_beads; k++)
        if (p->al->beads[k].n_zh)
            return p->zh->blocks[p->al->beads[k].zh].start_line;
    return 0;
}

/* ---- the driver */

int enf_check(const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
              const enf_check_opts *opts, enf_findings *out, enf_error *err)
{
    if (!zh || !out)
        return enf_error_set(err, ENF_EUSAGE, "enf_check: no Chinese document");
    if (err)
        err->msg[0] = '\0';   /* so that a message set below us is told from none */
    enf_check_opts defaults;
    if (!opts) {
        enf_check_opts_init(&defaults);
        opts = &defaults;
    }
    enf_alignment *own = NULL;
    if (en && !al) {
        int rc = enf_align_blocks(en, zh, NULL, &own, err);
        if (rc)
            return rc;
        al = own;
    }
    enf__check_ctx c = {0};
    c.en = en;
    c.zh = zh;
    c.al = en ? al : NULL;
    c.opts = opts;
    c.g = opts->glossary;
    c.out = out;
    size_t first = out->n;
    int rc = ENF_OK;
    const enf_doc *docs[2] = {en, zh};
    unsigned char **masks[2] = {NULL, NULL};
    size_t *maps[2] = {NULL, NULL};
    for (int s = 0; s < 2 && rc == ENF_OK; s++) {
        const enf_doc *d = docs[s];
        if (!d)
            continue;
        masks[s] = calloc(d->n_blocks ? d->n_blocks : 1, sizeof *masks[s]);
        maps[s] = malloc((d->n_blocks ? d->n_blocks : 1) * sizeof *maps[s]);
        if (!masks[s] || !maps[s]) {
            rc = ENF_ENOMEM;
            break;
        }
        for (size_t b = 0; b < d->n_blocks; b++) {
            maps[s][b] = (size_t)-1;
            const enf_block *blk = &d->blocks[b];
            if (b > 0 && blk->src_off == d->blocks[b - 1].src_off && blk->src_len == d->blocks[b - 1].src_len) {
                /* blocks that share a span (an HTML page read in another
                 * charset keeps each element's line) share its mask: one
                 * allocation per span, not per block */
                masks[s][b] = masks[s][b - 1];
                continue;
            }
            masks[s][b] = malloc(blk->src_len ? blk->src_len : 1);
            if (!masks[s][b]) {
                rc = ENF_ENOMEM;
                break;
            }
            enf__mask_markup(d->data + blk->src_off, blk->src_len, masks[s][b]);
        }
    }
    if (rc == ENF_OK && c.al) {
        for (size_t i = 0; i < c.al->n_beads; i++) {
            const enf_bead *bd = &c.al->beads[i];
            for (size_t k = 0; k < bd->n_en; k++)
                if (bd->en + k < en->n_blocks)
                    maps[0][bd->en + k] = i;
            for (size_t k = 0; k < bd->n_zh; k++)
                if (bd->zh + k < zh->n_blocks)
                    maps[1][bd->zh + k] = i;
        }
    }
    c.en_mask = masks[0];
    c.zh_mask = masks[1];
    c.en_bead = maps[0];
    c.zh_bead = maps[1];
    if (rc == ENF_OK)
        rc = enf__check_glossary(&c);
    if (rc == ENF_OK)
        rc = enf__check_markup(&c);
    if (rc == ENF_OK)
        rc = enf__check_untranslated(&c);
    if (rc == ENF_OK)
        rc = enf__check_spacing(&c);
    if (rc == ENF_OK && c.al) {
        rc = enf__check_links(&c);
        if (rc == ENF_OK)
            rc = enf__check_numbers(&c);
        if (rc == ENF_OK)
            rc = enf__check_code(&c);
        if (rc == ENF_OK)
            rc = enf__check_blocks(&c);
    }
    if (rc == ENF_OK) {
        S_enplace ep = {c.al, zh, maps[0]};
        enf__suppress(zh, out, first, S_en_place, &ep);
        enf_findings_sort(out);
    }
    for (int s = 0; s < 2; s++) {
        if (masks[s])
            for (size_t b = 0; b < docs[s]->n_blocks; b++)
                if (b == 0 || masks[s][b] != masks[s][b - 1])
                    free(masks[s][b]);
        free(masks[s]);
        free(maps[s]);
    }
    enf_alignment_free(own);
    /* a rule's own message (err filled below us) is kept */
    if (rc == ENF_ENOMEM && !(err && err->msg[0]))
        return enf_error_set(err, rc, "%s: out of memory", zh->name);
    return rc;
}
