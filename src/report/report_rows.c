/* report_rows.c — one row of the review page per bead: the number, type
 * and confidence, then each side's blocks (marked text, the markup of HTML
 * blocks, link targets), numbers and code missing from the other side, the
 * change since the previous translation, and a notes area with the row's
 * findings and the differences inside the pair.  A row's classes let the
 * toolbar filter rows; rendering a row counts what the summary reports. */
#include "report_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *enf__report_bead_class(const enf_bead *b)
{
    return b->n_en == 0 ? "b01" : b->n_zh == 0 ? "b10"
           : (b->n_en == 1 && b->n_zh == 1) ? "b11" : "bnm";
}

static void S_src_label(enf__report_ctx *c, xmlNodePtr parent, int side, const enf_block *B)
{
    xmlNodePtr s = enf__report_el(c, parent, "div", "src");
    const char *kind = enf_block_kind_name(B->kind);
    if (B->kind == ENF_BLOCK_PARAGRAPH && (B->flags & ENF_BF_TABLE))
        kind = "table";
    else if (B->kind == ENF_BLOCK_PARAGRAPH && (B->flags & ENF_BF_LIST_ITEM))
        kind = "list item";
    else if (B->kind == ENF_BLOCK_HEADING) {
        static char h[8];
        snprintf(h, sizeof h, "h%d", B->level);
        kind = h;
    }
    /* the file name is in the summary; a line number per block keeps a
     * 5,000-row page small */
    (void)side;
    enf__report_textf(c, s, "line %d \xC2\xB7 %s", B->start_line, kind);
}

static void S_render_block(enf__report_ctx *c, xmlNodePtr cell, int side, size_t bi,
                           const enf_bead *bead, int *differs, enf_buf *only_nums)
{
    const enf_doc *d = c->doc[side];
    const enf_block *B = &d->blocks[bi];
    xmlNodePtr part = enf__report_el(c, cell, "div", "part");
    enf__report_attr(part, "id", "%c%zu", side ? 'z' : 'e', bi + 1);
    if (c->whole[side][bi]) {
        size_t k = c->whole[side][bi];
        const enf_finding *f = &c->fs->v[c->order[k - 1]];
        char cls[32];
        snprintf(cls, sizeof cls, "part whole s%d", (int)f->severity);
        xmlSetProp(part, BAD_CAST "class", BAD_CAST cls);
        enf__report_attr(part, "data-fr", "%zu", c->rule_of[c->order[k - 1]]);
        enf__report_attr(part, "data-fs", "%d", (int)f->severity);
        enf__report_attr(part, "aria-describedby", "f%zu", k);
        enf__report_finding_title(part, f);
    }
    S_src_label(c, part, side, B);

    /* numbers and inline code missing from the other side */
    for (size_t k = 0; k < B->n_anchors; k++) {
        const enf_anchor *a = &B->anchors[k];
        if (a->kind != ENF_ANCHOR_NUMBER && a->kind != ENF_ANCHOR_CODE)
            continue;
        if (a->kind == ENF_ANCHOR_CODE && B->kind == ENF_BLOCK_CODE)
            continue;
        if ((side ? bead->n_en : bead->n_zh) == 0 ||
            enf__report_has_anchor(c, c->doc[!side], bead, !side, (enf_anchor_kind)a->kind, a->value))
            continue;
        *differs = 1;
        size_t vl = strlen(a->value);
        const char *p = enf__report_memmem(B->text, B->text_len, a->value, vl);
        if (p)
            enf__report_mark_add(c, side, bi, (size_t)(p - B->text), vl,
                                 a->kind == ENF_ANCHOR_NUMBER ? ENF__MARK_NUM : ENF__MARK_DCODE,
                                 0, 0);
        if (a->kind == ENF_ANCHOR_NUMBER) {
            if (only_nums->len)
                enf__buf_puts(only_nums, ", ");
            enf__buf_puts(only_nums, a->value);
        }
    }

    const enf__report_marks *m = &c->marks[side][bi];
    xmlNodePtr body;
    if (B->kind == ENF_BLOCK_HEADING) {
        char h[4];
        int lv = B->level < 1 ? 1 : B->level > 5 ? 5 : B->level;
        snprintf(h, sizeof h, "h%d", lv + 1);
        body = enf__report_el(c, part, h, NULL);
        enf__report_render_marked(c, body, B->text, B->text_len, m);
    } else if (B->kind == ENF_BLOCK_CODE) {
        xmlNodePtr pre = enf__report_el(c, part, "pre", NULL);
        body = enf__report_el(c, pre, "code", NULL);
        enf__report_render_marked(c, body, B->text, B->text_len, m);
    } else if (B->kind == ENF_BLOCK_PARAGRAPH && (B->flags & ENF_BF_TABLE) && m->n == 0 &&
               B->src_off + B->src_len <= d->len) {
        body = enf__report_el(c, part, "pre", "tbl");
        enf__report_text(c, body, d->data + B->src_off, B->src_len);
    } else {
        body = enf__report_el(c, part, "p", B->kind == ENF_BLOCK_HTML ? "html" : NULL);
        enf__report_render_marked(c, body, B->text, B->text_len, m);
        /* an HTML block's markup is part of what a reviewer checks: shown
         * as code under its text */
        if (B->kind == ENF_BLOCK_HTML && d->units != ENF_UNITS_HTML &&
            B->src_off + B->src_len <= d->len) {
            xmlNodePtr pre = enf__report_el(c, part, "pre", "hsrc");
            xmlNodePtr code = enf__report_el(c, pre, "code", NULL);
            size_t n = B->src_len > 2000 ? 2000 : B->src_len;
            while (n < B->src_len && n > 0 && ((unsigned char)d->data[B->src_off + n] & 0xC0) == 0x80)
                n--;
            enf__report_text(c, code, d->data + B->src_off, n);
            if (n < B->src_len)
                enf__report_textz(c, code, " \xE2\x80\xA6");
        }
    }

    enf__report_block_links(c, part, side, B, bead, differs);
}

static void S_render_diff(enf__report_ctx *c, xmlNodePtr parent, const char *a, size_t alen,
                          const char *b, size_t blen)
{
    enf_diff_op *ops = NULL;
    size_t n = 0;
    enf_error e2 = {0};
    if (enf_diff_text(a, alen, b, blen, &ops, &n, &e2)) {
        c->oom = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const enf_diff_op *o = &ops[i];
        if (o->kind == ENF_DIFF_EQUAL) {
            enf__report_text(c, parent, b + o->b_off, o->b_len);
        } else if (o->kind == ENF_DIFF_DELETE) {
            xmlNodePtr e = enf__report_el(c, parent, "del", NULL);
            enf__report_text(c, e, a + o->a_off, o->a_len);
        } else {
            xmlNodePtr e = enf__report_el(c, parent, "ins", NULL);
            enf__report_text(c, e, b + o->b_off, o->b_len);
        }
    }
    free(ops);
}

/* Texts of blocks joined by a blank line, into b. */
static void S_join(enf_buf *b, const enf_doc *d, const size_t *idx, size_t n, size_t first)
{
    for (size_t k = 0; k < n; k++) {
        const enf_block *B = &d->blocks[idx ? idx[k] : first + k];
        if (k)
            enf__buf_puts(b, "\n\n");
        enf__buf_put(b, B->text, B->text_len);
    }
}

void enf__report_finding_text(enf__report_ctx *c, xmlNodePtr li, const enf_finding *f)
{
    xmlNodePtr sv = enf__report_el(c, li, "span", "sev");
    enf__report_textz(c, sv, enf__report_sev_name((int)f->severity));
    enf__report_textz(c, li, " ");
    xmlNodePtr r = enf__report_el(c, li, "span", "rule");
    enf__report_textz(c, r, "[");
    enf__report_textz(c, r, f->rule);
    enf__report_textz(c, r, "]");
    enf__report_textz(c, li, " ");
    enf__report_textz(c, li, f->message);
    if (f->expected || f->found) {
        enf__report_textz(c, li, " (");
        if (f->expected) {
            enf__report_textz(c, li, "expected: ");
            enf__report_textz(c, li, f->expected);
        }
        if (f->expected && f->found)
            enf__report_textz(c, li, "; ");
        if (f->found) {
            enf__report_textz(c, li, "found: ");
            enf__report_textz(c, li, f->found);
        }
        enf__report_textz(c, li, ")");
    }
}

void enf__report_render_row(enf__report_ctx *c, xmlNodePtr rows, size_t r, size_t *next_finding)
{
    const enf_bead *b = &c->al->beads[r];
    char type[16], cls[64];
    enf_bead_type(b, type, sizeof type);
    const char *bt = c->zh_only ? "zo" : enf__report_bead_class(b);
    xmlNodePtr row = enf__report_el(c, rows, "div", NULL);
    enf__report_attr(row, "id", "r%zu", r + 1);

    xmlNodePtr no = enf__report_el(c, row, "div", "no");
    xmlNodePtr a = enf__report_el(c, no, "a", NULL);
    enf__report_attr(a, "href", "#r%zu", r + 1);
    enf__report_textf(c, a, "%zu", r + 1);
    if (!c->zh_only) {   /* a Chinese-only page has no pairing to describe */
        enf__report_el(c, no, "br", NULL);
        xmlNodePtr t = enf__report_el(c, no, "span", "bt");
        enf__report_textz(c, t, type);
        enf__report_el(c, no, "br", NULL);
        xmlNodePtr sc = enf__report_el(c, no, "span", "sc");
        enf__report_attr(sc, "title", "alignment confidence");
        enf__report_textf(c, sc, "%.2f", b->score);
    }

    int differs = 0;
    enf_buf nums[2] = {{0}, {0}};
    for (int s = c->zh_only; s < 2; s++) {
        size_t st = s ? b->zh : b->en, n = s ? b->n_zh : b->n_en;
        xmlNodePtr cell = enf__report_el(c, row, "div",
                                         n ? (s ? "cell zh" : "cell en")
                                           : (s ? "cell zh empty" : "cell en empty"));
        xmlSetProp(cell, BAD_CAST "lang", BAD_CAST(s ? "zh" : "en"));
        if (!n) {
            xmlNodePtr ph = enf__report_el(c, cell, "span", "ph");
            enf__report_textz(c, ph,
                              s ? "\xE2\x80\x94 not translated: no Chinese block for this "
                                  "English \xE2\x80\x94"
                                : "\xE2\x80\x94 added in the translation: no English block "
                                  "\xE2\x80\x94");
        }
        for (size_t i = st; i < st + n; i++)
            S_render_block(c, cell, s, i, b, &differs, &nums[s]);
        if (s == 1 && c->old_blocks) {
            enf_buf ob = {0}, nb = {0};
            S_join(&ob, c->opts->zh_old, c->old_blocks[r], c->n_old_blocks[r], 0);
            S_join(&nb, c->doc[1], NULL, b->n_zh, b->zh);
            if (ob.oom || nb.oom) {
                c->oom = 1;
            } else if (ob.len != nb.len || (ob.len && memcmp(ob.s, nb.s, ob.len))) {
                c->n_changed++;
                xmlNodePtr rev = enf__report_el(c, cell, "div", "rev");
                xmlNodePtr lab = enf__report_el(c, rev, "div", "src");
                enf__report_textz(c, lab, "changed since ");
                enf__report_textz(c, lab, c->opts->zh_old->name);
                enf__report_textz(c, lab, ":");
                S_render_diff(c, rev, ob.s ? ob.s : "", ob.len, nb.s ? nb.s : "", nb.len);
                differs |= 2;
            }
            enf__buf_free(&ob);
            enf__buf_free(&nb);
        }
    }

    /* what the original's change left stale here (--en-old) */
    int drift = c->n_drift ? enf__report_drift_row(c, row, r) : 0;

    /* findings of this row, and the differences inside the pair */
    size_t f0 = *next_finding, f1 = f0;
    while (f1 < c->n_order && enf__report_row_key(c, c->order[f1]) == r)
        f1++;
    int has_code_diff = 0;
    size_t ce = SIZE_MAX, cz = SIZE_MAX;
    for (size_t i = b->en; i < b->en + b->n_en && ce == SIZE_MAX; i++)
        if (c->doc[0]->blocks[i].kind == ENF_BLOCK_CODE)
            ce = i;
    for (size_t i = b->zh; i < b->zh + b->n_zh && cz == SIZE_MAX; i++)
        if (c->doc[1]->blocks[i].kind == ENF_BLOCK_CODE)
            cz = i;
    if (ce != SIZE_MAX && cz != SIZE_MAX) {
        const enf_block *E = &c->doc[0]->blocks[ce], *Z = &c->doc[1]->blocks[cz];
        has_code_diff = E->text_len != Z->text_len || memcmp(E->text, Z->text, E->text_len);
    }
    if (nums[0].len || nums[1].len || has_code_diff)
        differs |= 1;
    if (f1 > f0 || nums[0].len || nums[1].len || has_code_diff) {
        xmlNodePtr notes = enf__report_el(c, row, "div", "notes");
        if (f1 > f0) {
            xmlNodePtr ul = enf__report_el(c, notes, "ul", "fnotes");
            for (size_t k = f0; k < f1; k++) {
                size_t fi = c->order[k];
                const enf_finding *f = &c->fs->v[fi];
                snprintf(cls, sizeof cls, "fn s%d", (int)f->severity);
                xmlNodePtr li = enf__report_el(c, ul, "li", cls);
                enf__report_attr(li, "id", "f%zu", k + 1);
                enf__report_attr(li, "data-i", "%zu", k);
                enf__report_attr(li, "data-fr", "%zu", c->rule_of[fi]);
                enf__report_attr(li, "data-fs", "%d", (int)f->severity);
                xmlSetProp(li, BAD_CAST "tabindex", BAD_CAST "-1");
                enf__report_finding_text(c, li, f);
            }
        }
        if (nums[0].len || nums[1].len || has_code_diff) {
            xmlNodePtr pd = enf__report_el(c, notes, "div", "pd");
            enf__report_textz(c, pd, "Differences in this pair: ");
            for (int s = 0; s < 2; s++)
                if (nums[s].len) {
                    xmlNodePtr bb = enf__report_el(c, pd, "b", NULL);
                    enf__report_textz(c, bb, s ? "numbers only in the translation: "
                                               : "numbers only in the original: ");
                    enf__report_text(c, pd, nums[s].s, nums[s].len);
                    enf__report_textz(c, pd, ". ");
                }
            if (has_code_diff) {
                xmlNodePtr bb = enf__report_el(c, pd, "b", NULL);
                enf__report_textz(c, bb, "code changed");
                enf__report_textz(c, pd, " (original \xE2\x86\x92 translation):");
                const enf_block *E = &c->doc[0]->blocks[ce], *Z = &c->doc[1]->blocks[cz];
                xmlNodePtr pre = enf__report_el(c, pd, "pre", NULL);
                S_render_diff(c, pre, E->text, E->text_len, Z->text, Z->text_len);
            }
        }
    }
    *next_finding = f1;
    enf__buf_free(&nums[0]);
    enf__buf_free(&nums[1]);

    if (differs & 1)
        c->n_diff_rows++;
    snprintf(cls, sizeof cls, "row %s%s%s%s%s%s%s%s", bt,
             strcmp(bt, "b11") && !c->zh_only ? " nd" : "",
             (b->flags & ENF_BEAD_LOW_CONFIDENCE) ? " lc" : "", f1 > f0 ? " hf" : "",
             (differs & 1) ? " dx" : "", (differs & 2) ? " ch" : "", (drift & 1) ? " st" : "",
             (drift & 2) ? " ut" : "");
    xmlSetProp(row, BAD_CAST "class", BAD_CAST cls);
}
