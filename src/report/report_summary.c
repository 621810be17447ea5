/* report_summary.c — the top of the review page: the files, the alignment
 * in numbers, the findings by rule and severity with their filter boxes,
 * the glossary terms met with their colours, the alignment plot (an SVG
 * with one mark per bead), the list of all findings, and the toolbar that
 * chooses which rows to show.  Written after the rows, whose rendering
 * counts the differences reported here. */
#include "report_internal.h"

#include <stdio.h>
#include <string.h>

/* "file:line:col / file:line:col", the places of a finding in the list. */
static void S_finding_place(enf__report_ctx *c, xmlNodePtr parent, const enf_finding *f)
{
    int any = 0;
    for (int s = 0; s < 2; s++) {
        if (f->block[s] == ENF_NO_BLOCK && !f->line[s])
            continue;
        if (any)
            enf__report_textz(c, parent, " / ");
        int line = f->line[s];
        if (!line && f->block[s] < c->doc[s]->n_blocks)
            line = c->doc[s]->blocks[f->block[s]].start_line;
        enf__report_textz(c, parent, c->doc[s]->name);
        if (f->col[s])
            enf__report_textf(c, parent, ":%d:%d", line, f->col[s]);
        else
            enf__report_textf(c, parent, ":%d", line);
        any = 1;
    }
    if (!any)
        enf__report_textz(c, parent, "whole document");
}

static void S_row2(enf__report_ctx *c, xmlNodePtr tbl, const char *k, const char *v)
{
    xmlNodePtr tr = enf__report_el(c, tbl, "tr", NULL);
    xmlNodePtr th = enf__report_el(c, tr, "th", NULL);
    enf__report_textz(c, th, k);
    xmlNodePtr td = enf__report_el(c, tr, "td", NULL);
    enf__report_textz(c, td, v);
}

static void S_plot(enf__report_ctx *c, xmlNodePtr parent)
{
    const double W = 1000;
    size_t ne = c->doc[0]->n_blocks ? c->doc[0]->n_blocks : 1;
    size_t nz = c->doc[1]->n_blocks ? c->doc[1]->n_blocks : 1;
    xmlNodePtr svg = enf__report_el(c, parent, "svg", "plot");
    xmlSetProp(svg, BAD_CAST "xmlns", BAD_CAST "http://www.w3.org/2000/svg");
    xmlSetProp(svg, BAD_CAST "viewBox", BAD_CAST "-20 -20 1040 1040");
    xmlSetProp(svg, BAD_CAST "role", BAD_CAST "img");
    enf__report_attr(svg, "aria-label", "alignment plot: English position across, "
                                        "Chinese position down, one mark per bead");
    xmlNodePtr line = enf__report_el(c, svg, "line", "diag");
    xmlSetProp(line, BAD_CAST "x1", BAD_CAST "0");
    xmlSetProp(line, BAD_CAST "y1", BAD_CAST "0");
    xmlSetProp(line, BAD_CAST "x2", BAD_CAST "1000");
    xmlSetProp(line, BAD_CAST "y2", BAD_CAST "1000");
    double rad = c->al->n_beads > 2000 ? 5 : c->al->n_beads > 300 ? 8 : 12;
    for (size_t r = 0; r < c->al->n_beads; r++) {
        const enf_bead *b = &c->al->beads[r];
        double x = W * ((double)b->en + (double)b->n_en / 2) / (double)ne;
        double y = W * ((double)b->zh + (double)b->n_zh / 2) / (double)nz;
        char type[16], cls[48];
        enf_bead_type(b, type, sizeof type);
        xmlNodePtr a = enf__report_el(c, svg, "a", NULL);
        enf__report_attr(a, "href", "#r%zu", r + 1);
        snprintf(cls, sizeof cls, "m %s%s", enf__report_bead_class(b),
                 (b->flags & ENF_BEAD_LOW_CONFIDENCE) ? " lc" : "");
        xmlNodePtr m = enf__report_el(c, a, "circle", cls);
        enf__report_attr(m, "cx", "%.0f", x);
        enf__report_attr(m, "cy", "%.0f", y);
        enf__report_attr(m, "r", "%.0f", rad);
        xmlNodePtr ti = enf__report_el(c, m, "title", NULL);
        enf__report_textf(c, ti, "row %zu: %s, score %.2f", r + 1, type, b->score);
    }
}

/* The alignment in numbers: rows, bead types, confidence, differences. */
static void S_alignment(enf__report_ctx *c, xmlNodePtr cols)
{
    char buf[256];
    xmlNodePtr sec = enf__report_el(c, cols, "section", NULL);
    enf__report_textz(c, enf__report_el(c, sec, "h2", NULL), "Alignment");
    xmlNodePtr tbl = enf__report_el(c, sec, "table", "t");
    size_t ntypes = 0, low = 0;
    char types[32][16];
    size_t counts[32] = {0};
    double sum = 0, minsc = 1;
    for (size_t r = 0; r < c->al->n_beads; r++) {
        const enf_bead *b = &c->al->beads[r];
        char type[16];
        enf_bead_type(b, type, sizeof type);
        size_t k = 0;
        while (k < ntypes && strcmp(types[k], type))
            k++;
        if (k == ntypes && ntypes < 32)
            memcpy(types[ntypes++], type, sizeof type);
        if (k < ntypes)
            counts[k]++;
        sum += b->score;
        if (b->score < minsc)
            minsc = b->score;
        low += (b->flags & ENF_BEAD_LOW_CONFIDENCE) != 0;
    }
    snprintf(buf, sizeof buf, "%zu", c->al->n_beads);
    S_row2(c, tbl, "rows (beads)", buf);
    for (size_t k = 0; k < ntypes; k++) {
        snprintf(buf, sizeof buf, "%zu", counts[k]);
        char lab[48];
        snprintf(lab, sizeof lab, "%s%s", types[k],
                 !strncmp(types[k], "0-", 2) ? " (added)" : !strcmp(types[k] + strlen(types[k]) - 2, "-0")
                     ? " (omitted)" : "");
        S_row2(c, tbl, lab, buf);
    }
    snprintf(buf, sizeof buf, "mean %.2f, lowest %.2f", c->al->n_beads ? sum / (double)c->al->n_beads : 1.0,
             c->al->n_beads ? minsc : 1.0);
    S_row2(c, tbl, "confidence", buf);
    snprintf(buf, sizeof buf, "%zu", low);
    S_row2(c, tbl, "low confidence", buf);
    snprintf(buf, sizeof buf, "%zu", c->n_diff_rows);
    S_row2(c, tbl, "pairs with differences", buf);
}

void enf__report_summary(enf__report_ctx *c, xmlNodePtr body, const char *title)
{
    char buf[256];
    xmlNodePtr hd = enf__report_el(c, body, "header", "sum");
    xmlNodePtr h1 = enf__report_el(c, hd, "h1", NULL);
    enf__report_textz(c, h1, title);
    xmlNodePtr cols = enf__report_el(c, hd, "div", "cols");

    xmlNodePtr sec = enf__report_el(c, cols, "section", NULL);
    enf__report_textz(c, enf__report_el(c, sec, "h2", NULL), "Files");
    xmlNodePtr tbl = enf__report_el(c, sec, "table", "t");
    for (int s = c->zh_only; s < 2; s++) {
        const enf_doc *d = c->doc[s];
        size_t chars = 0;
        for (size_t i = 0; i < d->n_blocks; i++)
            chars += d->blocks[i].nchars;
        snprintf(buf, sizeof buf, "%zu blocks, %zu characters", d->n_blocks, chars);
        xmlNodePtr tr = enf__report_el(c, tbl, "tr", NULL);
        enf__report_textz(c, enf__report_el(c, tr, "th", NULL), s ? "translation" : "original");
        xmlNodePtr td = enf__report_el(c, tr, "td", NULL);
        enf__report_textz(c, td, d->name);
        enf__report_textz(c, td, " \xC2\xB7 ");
        enf__report_textz(c, td, buf);
    }
    if (c->opts && c->opts->zh_old) {
        snprintf(buf, sizeof buf, " \xC2\xB7 %zu blocks; %zu rows changed", c->opts->zh_old->n_blocks,
                 c->n_changed);
        xmlNodePtr tr = enf__report_el(c, tbl, "tr", NULL);
        enf__report_textz(c, enf__report_el(c, tr, "th", NULL), "previous translation");
        xmlNodePtr td = enf__report_el(c, tr, "td", NULL);
        enf__report_textz(c, td, c->opts->zh_old->name);
        enf__report_textz(c, td, buf);
    }

    /* alignment (none on a Chinese-only page) */
    if (!c->zh_only)
        S_alignment(c, cols);

    /* findings by rule, with the filters */
    sec = enf__report_el(c, cols, "section", "filters");
    enf__report_textz(c, enf__report_el(c, sec, "h2", NULL), "Findings");
    if (!c->fs) {
        xmlNodePtr p = enf__report_el(c, sec, "p", "muted");
        enf__report_textz(c, p, "The checks were not run for this report.");
    } else if (!c->n_order) {
        xmlNodePtr p = enf__report_el(c, sec, "p", NULL);
        enf__report_textz(c, p, "No findings.");
    } else {
        /* report.js counts the findings the filters and the row view let
         * through; without script every finding is shown */
        xmlNodePtr cnt = enf__report_el(c, sec, "p", NULL);
        xmlSetProp(cnt, BAD_CAST "id", BAD_CAST "nshown");
        enf__report_attr(cnt, "data-n", "%zu", c->n_order);
        enf__report_textf(c, cnt, "%zu finding%s", c->n_order, c->n_order == 1 ? "" : "s");
        tbl = enf__report_el(c, sec, "table", "t");
        for (size_t r = 0; r < c->n_rules; r++) {
            xmlNodePtr tr = enf__report_el(c, tbl, "tr", NULL);
            xmlNodePtr td = enf__report_el(c, tr, "td", NULL);
            xmlNodePtr lab = enf__report_el(c, td, "label", NULL);
            xmlNodePtr in = enf__report_el(c, lab, "input", "needs-js");
            xmlSetProp(in, BAD_CAST "type", BAD_CAST "checkbox");
            xmlSetProp(in, BAD_CAST "checked", BAD_CAST "checked");
            enf__report_attr(in, "data-r", "%zu", r);
            xmlNodePtr rs = enf__report_el(c, lab, "span", "rule");
            enf__report_textz(c, rs, c->rules[r]);
            xmlNodePtr n = enf__report_el(c, tr, "td", "n");
            enf__report_textf(c, n, "%zu", c->rule_count[r]);
            enf__report_textz(c, enf__report_el(c, tr, "td", "muted"),
                              enf__report_sev_name(c->rule_sev[r]));
        }
        xmlNodePtr p = enf__report_el(c, sec, "p", NULL);
        for (int s = ENF_SEV_ERROR; s >= ENF_SEV_NOTE; s--) {
            xmlNodePtr lab = enf__report_el(c, p, "label", NULL);
            xmlNodePtr in = enf__report_el(c, lab, "input", "needs-js");
            xmlSetProp(in, BAD_CAST "type", BAD_CAST "checkbox");
            xmlSetProp(in, BAD_CAST "checked", BAD_CAST "checked");
            enf__report_attr(in, "data-s", "%d", s);
            enf__report_textf(c, lab, "%s (%zu)", enf__report_sev_name(s), c->sev_count[s]);
        }
    }

    if (c->g) {
        sec = enf__report_el(c, cols, "section", NULL);
        enf__report_textz(c, enf__report_el(c, sec, "h2", NULL), "Glossary terms");
        {
            /* long lists stay folded: the colours are in the rows anyway */
            xmlNodePtr det = enf__report_el(c, sec, "details", "terms");
            if (c->n_slots <= 12)
                xmlSetProp(det, BAD_CAST "open", BAD_CAST "open");
            enf__report_textf(c, enf__report_el(c, det, "summary", NULL), "%zu terms found",
                              c->n_slots);
            tbl = enf__report_el(c, enf__report_el(c, det, "div", NULL), "table", "t");
            xmlNodePtr tr = enf__report_el(c, tbl, "tr", NULL);
            enf__report_textz(c, enf__report_el(c, tr, "th", NULL), "term");
            if (!c->zh_only)   /* a Chinese-only page has no original to count in */
                enf__report_textz(c, enf__report_el(c, tr, "th", NULL), "original");
            enf__report_textz(c, enf__report_el(c, tr, "th", NULL), "translation");
            for (size_t slot = 1; slot <= c->n_slots; slot++)
                for (size_t t = 0; t < c->n_terms; t++) {
                    if (c->term_slot[t] != slot)
                        continue;
                    const enf_term *term = enf_glossary_term(c->g, t);
                    tr = enf__report_el(c, tbl, "tr", NULL);
                    xmlNodePtr td = enf__report_el(c, tr, "td", NULL);
                    snprintf(buf, sizeof buf, "sw t%zu", (slot - 1) % ENF__REPORT_PALETTE);
                    enf__report_el(c, td, "span", buf);
                    enf__report_textz(c, td, term ? term->en : "");
                    if (term && term->n_zh) {
                        enf__report_textz(c, td, " \xE2\x86\x92 ");
                        enf__report_textz(c, td, term->zh[0]);
                    }
                    if (!c->zh_only)
                        enf__report_textf(c, enf__report_el(c, tr, "td", "n"), "%zu",
                                          c->term_count[0][t]);
                    enf__report_textf(c, enf__report_el(c, tr, "td", "n"), "%zu",
                                      c->term_count[1][t]);
                }
            if (!c->n_slots)
                enf__report_textz(c, enf__report_el(c, sec, "p", "muted"),
                                  "No glossary term occurs in these files.");
        }
    }

    if (!c->zh_only) {
        sec = enf__report_el(c, cols, "section", NULL);
        enf__report_textz(c, enf__report_el(c, sec, "h2", NULL), "Alignment plot");
        S_plot(c, sec);
        xmlNodePtr cap = enf__report_el(c, sec, "div", "muted");
        enf__report_textz(c, cap, "original \xE2\x86\x92 across, translation \xE2\x86\x93 down; "
                                  "red omitted, orange added, purple merged");
    }

    if (c->n_order) {
        xmlNodePtr fl = enf__report_el(c, hd, "section", NULL);
        xmlSetProp(fl, BAD_CAST "id", BAD_CAST "findings");
        enf__report_textz(c, enf__report_el(c, fl, "h2", NULL), "All findings");
        xmlNodePtr ol = enf__report_el(c, fl, "ol", NULL);
        for (size_t k = 0; k < c->n_order; k++) {
            size_t fi = c->order[k];
            const enf_finding *f = &c->fs->v[fi];
            char cls[16];
            snprintf(cls, sizeof cls, "s%d", (int)f->severity);
            xmlNodePtr li = enf__report_el(c, ol, "li", cls);
            enf__report_attr(li, "data-fr", "%zu", c->rule_of[fi]);
            enf__report_attr(li, "data-fs", "%d", (int)f->severity);
            xmlNodePtr a;
            if (enf__report_row_key(c, fi) != SIZE_MAX) {
                a = enf__report_el(c, li, "a", NULL);
                enf__report_attr(a, "href", "#f%zu", k + 1);
            } else {
                a = enf__report_el(c, li, "span", NULL);
            }
            S_finding_place(c, a, f);
            enf__report_textz(c, li, " ");
            enf__report_finding_text(c, li, f);
        }
    }
}

void enf__report_toolbar(enf__report_ctx *c, xmlNodePtr body)
{
    xmlNodePtr bar = enf__report_el(c, body, "nav", "tools needs-js");
    xmlNodePtr lab = enf__report_el(c, bar, "label", NULL);
    enf__report_textz(c, lab, "Show ");
    xmlNodePtr sel = enf__report_el(c, lab, "select", NULL);
    xmlSetProp(sel, BAD_CAST "id", BAD_CAST "view");
    static const char *opts[][2] = {{"", "all rows"},
                                    {"f", "rows with findings"},
                                    {"nd", "rows that are not 1-1"},
                                    {"lc", "low-confidence rows"},
                                    {"dx", "rows with differences"},
                                    {"ch", "rows changed since the previous translation"}};
    /* a Chinese-only page has no pairing: all rows, or those with findings */
    size_t nopt = c->zh_only ? 2 : c->old_blocks ? 6 : 5;
    for (size_t i = 0; i < nopt; i++) {
        xmlNodePtr o = enf__report_el(c, sel, "option", NULL);
        xmlSetProp(o, BAD_CAST "value", BAD_CAST opts[i][0]);
        enf__report_textz(c, o, opts[i][1]);
    }
    enf__report_textz(c, bar, " \xC2\xB7 keys: j / n next finding, k / p previous, ? all keys "
                              "\xC2\xB7 ");
    xmlNodePtr pos = enf__report_el(c, bar, "span", NULL);
    xmlSetProp(pos, BAD_CAST "id", BAD_CAST "pos");
    xmlSetProp(pos, BAD_CAST "aria-live", BAD_CAST "polite");

    /* the keys, shown by '?' (report.js) */
    static const char *keys[][2] = {{"j, n", "next finding"},
                                    {"k, p", "previous finding"},
                                    {"?", "show or hide this list"},
                                    {"Esc", "hide this list"}};
    xmlNodePtr box = enf__report_el(c, body, "div", "keys");
    xmlSetProp(box, BAD_CAST "id", BAD_CAST "keys");
    xmlSetProp(box, BAD_CAST "role", BAD_CAST "dialog");
    xmlSetProp(box, BAD_CAST "aria-label", BAD_CAST "keyboard keys");
    xmlSetProp(box, BAD_CAST "hidden", BAD_CAST "hidden");
    enf__report_textz(c, enf__report_el(c, box, "h2", NULL), "Keys");
    xmlNodePtr tbl = enf__report_el(c, box, "table", "t");
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        xmlNodePtr tr = enf__report_el(c, tbl, "tr", NULL);
        enf__report_textz(c, enf__report_el(c, enf__report_el(c, tr, "th", NULL), "kbd", NULL),
                          keys[i][0]);
        enf__report_textz(c, enf__report_el(c, tr, "td", NULL), keys[i][1]);
    }
}
