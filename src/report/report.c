/* report.c — Doc + Alignment (+ Findings, glossary, an older revision)
 * -> one self-contained HTML review page.  The page is a libxml2 HTML tree:
 * text from the inputs only ever becomes text nodes or attribute values
 * (libxml2 escapes them), link targets become hrefs only for safe schemes,
 * and the CSS and script are constants whose hashes the page's
 * Content-Security-Policy names (report_assets.h, made by
 * tools/embed-assets).
 * This file holds the entry point (enf_report_write: the inputs checked,
 * the page's head and skeleton, the output) and the setup that sorts the
 * findings into rows and marks terms and code; the rows, the summary and
 * the helpers live in report_*.c (see report_internal.h). */
#include "report_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include "report_assets.h"

/* ------------------------------------------------------------ setup */

static int S_finding_row(const enf__report_ctx *c, const enf_finding *f)
{
    for (int s = 0; s < 2; s++)
        if (f->block[s] != ENF_NO_BLOCK && f->block[s] < c->doc[s]->n_blocks &&
            c->row_of[s][f->block[s]] != SIZE_MAX)
            return (int)s;
    return -1;
}

size_t enf__report_row_key(const enf__report_ctx *c, size_t fi)
{
    const enf_finding *f = &c->fs->v[fi];
    int s = S_finding_row(c, f);
    return s < 0 ? SIZE_MAX : c->row_of[s][f->block[s]];
}

/* Findings in page order: by row, then as found.  The row is computed
 * into the sort key first, so the comparison needs no context (a global
 * for qsort made enf_report_write non-reentrant). */
typedef struct {
    size_t row, i;
} S_key;

static int S_cmp_finding(const void *a, const void *b)
{
    const S_key *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static int S_setup(enf__report_ctx *c)
{
    for (int s = 0; s < 2; s++) {
        size_t n = c->doc[s]->n_blocks;
        c->row_of[s] = malloc((n ? n : 1) * sizeof(size_t));
        c->marks[s] = calloc(n ? n : 1, sizeof(enf__report_marks));
        c->whole[s] = calloc(n ? n : 1, sizeof(size_t));
        if (!c->row_of[s] || !c->marks[s] || !c->whole[s])
            return -1;
        for (size_t i = 0; i < n; i++)
            c->row_of[s][i] = SIZE_MAX;
    }
    for (size_t r = 0; r < c->al->n_beads; r++) {
        const enf_bead *b = &c->al->beads[r];
        for (size_t i = b->en; i < b->en + b->n_en; i++)
            if (c->row_of[0][i] == SIZE_MAX)
                c->row_of[0][i] = r;
        for (size_t i = b->zh; i < b->zh + b->n_zh; i++)
            if (c->row_of[1][i] == SIZE_MAX)
                c->row_of[1][i] = r;
    }
    /* findings: page order, rules, marks */
    size_t nf = c->fs ? c->fs->n : 0;
    c->order = malloc((nf ? nf : 1) * sizeof *c->order);
    c->page_no = calloc(nf ? nf : 1, sizeof *c->page_no);
    c->rule_of = calloc(nf ? nf : 1, sizeof *c->rule_of);
    c->rules = calloc(nf ? nf : 1, sizeof *c->rules);
    c->rule_count = calloc(nf ? nf : 1, sizeof *c->rule_count);
    c->rule_sev = calloc(nf ? nf : 1, sizeof *c->rule_sev);
    if (!c->order || !c->page_no || !c->rule_of || !c->rules || !c->rule_count || !c->rule_sev)
        return -1;
    for (size_t i = 0; i < nf; i++) {
        const enf_finding *f = &c->fs->v[i];
        if (f->severity <= ENF_SEV_NONE || f->severity > ENF_SEV_ERROR)
            continue;
        c->order[c->n_order++] = i;
    }
    S_key *keys = malloc((c->n_order ? c->n_order : 1) * sizeof *keys);
    if (!keys)
        return -1;
    for (size_t k = 0; k < c->n_order; k++)
        keys[k] = (S_key){enf__report_row_key(c, c->order[k]), c->order[k]};
    qsort(keys, c->n_order, sizeof *keys, S_cmp_finding);
    for (size_t k = 0; k < c->n_order; k++)
        c->order[k] = keys[k].i;
    free(keys);
    for (size_t k = 0; k < c->n_order; k++) {
        size_t i = c->order[k];
        const enf_finding *f = &c->fs->v[i];
        const char *rule = f->rule ? f->rule : "";
        c->page_no[i] = k + 1;
        size_t r = 0;
        while (r < c->n_rules && strcmp(c->rules[r], rule))
            r++;
        if (r == c->n_rules)
            c->rules[c->n_rules++] = (char *)rule;
        c->rule_of[i] = r;
        c->rule_count[r]++;
        if ((int)f->severity > c->rule_sev[r])
            c->rule_sev[r] = (int)f->severity;
        c->sev_count[f->severity]++;
        for (int s = 0; s < 2; s++)
            if (f->block[s] != ENF_NO_BLOCK && f->block[s] < c->doc[s]->n_blocks)
            {
                size_t bi = f->block[s];
                if (f->text_len[s] == 0) {
                    /* a finding about the whole block: a bar beside it */
                    if (!c->whole[s][bi] ||
                        c->fs->v[c->order[c->whole[s][bi] - 1]].severity < f->severity)
                        c->whole[s][bi] = k + 1;
                } else {
                    enf__report_mark_add(c, s, bi, f->text_off[s], f->text_len[s],
                                         ENF__MARK_FIND, k + 1, (int)f->severity);
                }
            }
    }
    /* inline code, from the readers' code anchors */
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < c->doc[s]->n_blocks; i++) {
            const enf_block *B = &c->doc[s]->blocks[i];
            if (B->kind == ENF_BLOCK_CODE)
                continue;
            size_t from = 0;
            for (size_t k = 0; k < B->n_anchors; k++) {
                const enf_anchor *a = &B->anchors[k];
                if (a->kind != ENF_ANCHOR_CODE)
                    continue;
                size_t vl = strlen(a->value);
                const char *p =
                    enf__report_memmem(B->text + from, B->text_len - from, a->value, vl);
                if (!p)
                    p = enf__report_memmem(B->text, B->text_len, a->value, vl);
                if (p) {
                    enf__report_mark_add(c, s, i, (size_t)(p - B->text), vl, ENF__MARK_CODE, 0, 0);
                    from = (size_t)(p - B->text) + vl;
                }
            }
        }
    if (c->g) {
        c->n_terms = enf_glossary_count(c->g);
        c->term_slot = calloc(c->n_terms ? c->n_terms : 1, sizeof *c->term_slot);
        c->term_count[0] = calloc(c->n_terms ? c->n_terms : 1, sizeof(size_t));
        c->term_count[1] = calloc(c->n_terms ? c->n_terms : 1, sizeof(size_t));
        if (!c->term_slot || !c->term_count[0] || !c->term_count[1])
            return -1;
        /* in reading order, so the first terms met get distinct colours */
        for (size_t r = 0; r < c->al->n_beads; r++) {
            const enf_bead *b = &c->al->beads[r];
            for (int s = 0; s < 2; s++) {
                size_t st = s ? b->zh : b->en, n = s ? b->n_zh : b->n_en;
                for (size_t i = st; i < st + n; i++) {
                    const enf_block *B = &c->doc[s]->blocks[i];
                    enf_match *m = NULL;
                    size_t nm = 0;
                    enf_error e2 = {0};
                    if (enf_glossary_match(c->g, s, B->text, B->text_len, &m, &nm, &e2))
                        continue;
                    for (size_t k = 0; k < nm; k++) {
                        if (m[k].term >= c->n_terms)
                            continue;
                        if (!c->term_slot[m[k].term])
                            c->term_slot[m[k].term] = ++c->n_slots;
                        c->term_count[s][m[k].term]++;
                        enf__report_mark_add(c, s, i, m[k].off, m[k].len, ENF__MARK_TERM,
                                             m[k].term, (int)m[k].kind);
                    }
                    free(m);
                }
            }
        }
    }
    /* revision: old zh blocks per row, through the English they align to */
    if (c->opts && c->opts->zh_old && c->opts->al_old) {
        size_t nr = c->al->n_beads;
        c->old_blocks = calloc(nr ? nr : 1, sizeof *c->old_blocks);
        c->n_old_blocks = calloc(nr ? nr : 1, sizeof *c->n_old_blocks);
        if (!c->old_blocks || !c->n_old_blocks)
            return -1;
        /* first 0-n row at each English position */
        size_t nen = c->doc[0]->n_blocks;
        size_t *ins_row = malloc((nen + 1) * sizeof *ins_row);
        if (!ins_row)
            return -1;
        for (size_t i = 0; i <= nen; i++)
            ins_row[i] = SIZE_MAX;
        for (size_t r = 0; r < nr; r++) {
            const enf_bead *b = &c->al->beads[r];
            if (b->n_en == 0 && b->en <= nen && ins_row[b->en] == SIZE_MAX)
                ins_row[b->en] = r;
        }
        const enf_alignment *ao = c->opts->al_old;
        for (size_t k = 0; k < ao->n_beads; k++) {
            const enf_bead *b = &ao->beads[k];
            size_t row = SIZE_MAX;
            if (b->n_en && b->en < nen)
                row = c->row_of[0][b->en];
            else if (b->en <= nen && ins_row[b->en] != SIZE_MAX)
                row = ins_row[b->en];
            else if (b->en > 0 && b->en - 1 < nen)
                row = c->row_of[0][b->en - 1];
            if (row == SIZE_MAX)
                row = nr ? (b->en == 0 ? 0 : nr - 1) : SIZE_MAX;
            if (row == SIZE_MAX || !b->n_zh)
                continue;
            size_t *nv = realloc(c->old_blocks[row], (c->n_old_blocks[row] + b->n_zh) * sizeof *nv);
            if (!nv) {
                free(ins_row);
                return -1;
            }
            c->old_blocks[row] = nv;
            for (size_t i = b->zh; i < b->zh + b->n_zh; i++)
                nv[c->n_old_blocks[row]++] = i;
        }
        free(ins_row);
    }
    if (enf__report_drift_setup(c))
        return -1;
    return c->oom ? -1 : 0;
}

/* ------------------------------------------------------------ entry */

static void S_ctx_free(enf__report_ctx *c)
{
    for (int s = 0; s < 2; s++) {
        if (c->marks[s])
            for (size_t i = 0; i < c->doc[s]->n_blocks; i++)
                free(c->marks[s][i].v);
        free(c->marks[s]);
        free(c->row_of[s]);
        free(c->whole[s]);
        free(c->term_count[s]);
    }
    if (c->old_blocks)
        for (size_t r = 0; r < c->al->n_beads; r++)
            free(c->old_blocks[r]);
    free(c->old_blocks);
    free(c->drift);
    free(c->ix);
    free(c->n_old_blocks);
    free(c->order);
    free(c->page_no);
    free(c->rule_of);
    free(c->rules);
    free(c->rule_count);
    free(c->rule_sev);
    free(c->term_slot);
    if (c->html)
        xmlFreeDoc(c->html);
}

static int S_check_alignment(const enf_alignment *al, const enf_doc *en, const enf_doc *zh,
                             enf_error *err)
{
    for (size_t r = 0; r < al->n_beads; r++) {
        const enf_bead *b = &al->beads[r];
        if (b->en > en->n_blocks || b->n_en > en->n_blocks - b->en || b->zh > zh->n_blocks ||
            b->n_zh > zh->n_blocks - b->zh)
            return enf_error_set(err, ENF_EUSAGE, "report: bead %zu is outside the documents", r + 1);
    }
    return ENF_OK;
}

/* A Chinese-only page is drawn as a pairing with an empty original: one
 * 0-1 bead per block, so rows, findings and terms take the one path. */
static char S_no_name[] = "";

static int S_write(FILE *f, const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
                   const enf_findings *findings, const enf_glossary *g,
                   const enf_report_opts *opts, int zh_only, enf_error *err);

int enf_report_write(FILE *f, const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
                     const enf_findings *findings, const enf_glossary *g,
                     const enf_report_opts *opts, enf_error *err)
{
    if (!f || !zh || (!en) != (!al))
        return enf_error_set(err, ENF_EUSAGE, "report: missing document or alignment");
    if (en)
        return S_write(f, en, zh, al, findings, g, opts, 0, err);
    if (opts && (opts->zh_old || opts->al_old))
        return enf_error_set(err, ENF_EUSAGE,
                             "report: the changes since an older translation need the original");
    if (zh->n_blocks > ENF_MAX_REPORT_BLOCKS)
        return enf_error_set(err, ENF_EINPUT,
                             "%s: %zu blocks is too many for one review page (limit %zu); "
                             "split the document", zh->name, zh->n_blocks, ENF_MAX_REPORT_BLOCKS);
    enf_doc none = {.name = S_no_name};
    enf_alignment one = {0};
    one.beads = calloc(zh->n_blocks ? zh->n_blocks : 1, sizeof *one.beads);
    if (!one.beads)
        return enf_error_set(err, ENF_ENOMEM, "report: out of memory");
    one.n_beads = zh->n_blocks;
    for (size_t i = 0; i < zh->n_blocks; i++)
        one.beads[i] = (enf_bead){.zh = i, .n_zh = 1, .score = 1, .anchor_sim = -1};
    int rc = S_write(f, &none, zh, &one, findings, g, opts, 1, err);
    free(one.beads);
    return rc;
}

static int S_write(FILE *f, const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
                   const enf_findings *findings, const enf_glossary *g,
                   const enf_report_opts *opts, int zh_only, enf_error *err)
{
    if (en->n_blocks + zh->n_blocks > ENF_MAX_REPORT_BLOCKS)
        return enf_error_set(err, ENF_EINPUT,
                             "%s, %s: %zu blocks is too many for one review page (limit %zu); "
                             "split the document", en->name, zh->name, en->n_blocks + zh->n_blocks,
                             ENF_MAX_REPORT_BLOCKS);
    int rc = S_check_alignment(al, en, zh, err);
    if (rc)
        return rc;
    if (opts && (!opts->zh_old) != (!opts->al_old))
        return enf_error_set(err, ENF_EUSAGE, "report: an old translation needs its alignment");
    if (opts && opts->zh_old && (rc = S_check_alignment(opts->al_old, en, opts->zh_old, err)))
        return rc;
    for (size_t i = 0; findings && i < findings->n; i++)
        for (int s = 0; s < 2; s++) {
            size_t bi = findings->v[i].block[s];
            if (bi != ENF_NO_BLOCK && bi >= (s ? zh : en)->n_blocks)
                return enf_error_set(err, ENF_EUSAGE, "report: finding %zu names block %zu of %s, "
                                     "which has %zu", i + 1, bi, (s ? zh : en)->name,
                                     (s ? zh : en)->n_blocks);
        }

    enf__report_ctx c = {0};
    c.doc[0] = en;
    c.doc[1] = zh;
    c.al = al;
    c.fs = findings;
    c.g = g;
    c.opts = opts;
    c.zh_only = zh_only;
    if (S_setup(&c)) {
        S_ctx_free(&c);
        return enf_error_set(err, ENF_ENOMEM, "report: out of memory");
    }

    char title[512];
    if (opts && opts->title)
        snprintf(title, sizeof title, "%s", opts->title);
    else if (zh_only)
        snprintf(title, sizeof title, "%s", zh->name);
    else
        snprintf(title, sizeof title, "%s \xE2\x86\x94 %s", en->name, zh->name);

    c.html = htmlNewDocNoDtD(NULL, NULL);
    if (!c.html) {
        S_ctx_free(&c);
        return enf_error_set(err, ENF_ENOMEM, "report: out of memory");
    }
    xmlCreateIntSubset(c.html, BAD_CAST "html", NULL, NULL);
    xmlNodePtr root = xmlNewDocNode(c.html, NULL, BAD_CAST "html", NULL);
    xmlDocSetRootElement(c.html, root);
    xmlSetProp(root, BAD_CAST "lang", BAD_CAST "en");
    xmlNodePtr head = enf__report_el(&c, root, "head", NULL);
    xmlNodePtr m = enf__report_el(&c, head, "meta", NULL);
    xmlSetProp(m, BAD_CAST "charset", BAD_CAST "utf-8");
    m = enf__report_el(&c, head, "meta", NULL);
    xmlSetProp(m, BAD_CAST "http-equiv", BAD_CAST "Content-Security-Policy");
    xmlSetProp(m, BAD_CAST "content", BAD_CAST S_csp);
    m = enf__report_el(&c, head, "meta", NULL);
    xmlSetProp(m, BAD_CAST "name", BAD_CAST "viewport");
    xmlSetProp(m, BAD_CAST "content", BAD_CAST "width=device-width, initial-scale=1");
    /* following a link from the page tells the site nothing about it */
    m = enf__report_el(&c, head, "meta", NULL);
    xmlSetProp(m, BAD_CAST "name", BAD_CAST "referrer");
    xmlSetProp(m, BAD_CAST "content", BAD_CAST "no-referrer");
    m = enf__report_el(&c, head, "meta", NULL);
    xmlSetProp(m, BAD_CAST "name", BAD_CAST "generator");
    xmlSetProp(m, BAD_CAST "content", BAD_CAST "enface " ENFACE_VERSION);
    xmlNodePtr ti = enf__report_el(&c, head, "title", NULL);
    enf__report_textz(&c, ti, "enface report: ");
    enf__report_textz(&c, ti, title);
    xmlNodePtr st = enf__report_el(&c, head, "style", NULL);
    if (st)
        xmlAddChild(st, xmlNewDocText(c.html, BAD_CAST S_css));
    xmlNodePtr body = enf__report_el(&c, root, "body", NULL);

    /* rows first: they count the differences the summary reports */
    xmlNodePtr rows = xmlNewDocNode(c.html, NULL, BAD_CAST "main", NULL);
    xmlSetProp(rows, BAD_CAST "id", BAD_CAST "rows");
    xmlSetProp(rows, BAD_CAST "class", BAD_CAST(zh_only ? "rows zh-only" : "rows"));
    size_t next = 0;
    for (size_t r = 0; r < al->n_beads && !c.oom; r++)
        enf__report_render_row(&c, rows, r, &next);
    enf__report_summary(&c, body, title);
    enf__report_toolbar(&c, body);
    xmlAddChild(body, rows);
    xmlNodePtr sc = enf__report_el(&c, body, "script", NULL);
    if (sc)
        xmlAddChild(sc, xmlNewDocText(c.html, BAD_CAST S_js));
    if (c.oom) {
        S_ctx_free(&c);
        return enf_error_set(err, ENF_ENOMEM, "report: out of memory");
    }

    enf__xml_silence();
    xmlOutputBufferPtr out = xmlOutputBufferCreateFile(f, NULL);
    if (!out) {
        S_ctx_free(&c);
        return enf_error_set(err, ENF_ENOMEM, "report: out of memory");
    }
    htmlDocContentDumpFormatOutput(out, c.html, "UTF-8", 1);
    int wrote = xmlOutputBufferClose(out);
    S_ctx_free(&c);
    if (wrote < 0 || ferror(f))
        return enf_error_set(err, ENF_EIO, "cannot write the page: %s",
                             errno ? strerror(errno) : "write error");
    return ENF_OK;
}
