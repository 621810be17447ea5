/* report_internal.h — what the report's files share: the context one page
 * is built in (filled by the setup in report.c, read by the row and summary
 * renderers), the marks that highlight spans of a block's text, and the
 * helpers each file offers the others.  Not part of the API.
 *   report.c          entry point, checks of the inputs, setup, page skeleton
 *   report_html.c     libxml2 element, attribute and text helpers
 *   report_links.c    link targets of a block, and anchors across a pair
 *   report_marks.c    marks, and text rendered with its highlights
 *   report_rows.c     one row per bead: blocks, differences, its findings
 *   report_summary.c  the summary at the top, the plot and the toolbar
 *   report_drift.c    the rows a change of the original left stale */
#ifndef ENFACE_REPORT_INTERNAL_H
#define ENFACE_REPORT_INTERNAL_H

#include "enface/report.h"
#include "model_internal.h"

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#define ENF__REPORT_PALETTE 12         /* term colours .t0 .. .t11 */

/* Kinds of marks, outermost first when marks nest. */
enum { ENF__MARK_CODE = 0, ENF__MARK_TERM, ENF__MARK_NUM, ENF__MARK_DCODE, ENF__MARK_FIND };

typedef struct {
    size_t off, len;
    int kind;
    size_t a;                /* finding page number, term index */
    int b;                   /* severity, match kind */
} enf__report_mark;

typedef struct {
    enf__report_mark *v;
    size_t n, cap;
} enf__report_marks;

typedef struct {
    const enf_doc *doc[2];
    const enf_alignment *al;
    const enf_findings *fs;
    const enf_glossary *g;
    const enf_report_opts *opts;
    int zh_only;             /* no original: one column, the Chinese; doc[0]
                                is empty and al one 0-1 bead per block */
    htmlDocPtr html;
    int oom;
    size_t *row_of[2];       /* block -> row (bead index), SIZE_MAX = none */
    enf__report_marks *marks[2]; /* per block */
    size_t *whole[2];        /* per block: page number of its most severe
                                whole-block finding, 0 = none */
    size_t *order;           /* findings shown, in page order */
    size_t n_order;
    size_t *page_no;         /* finding index -> 1-based page number, 0 = hidden */
    char **rules;            /* distinct rules, in order of first appearance */
    size_t n_rules;
    size_t *rule_of;         /* finding index -> rule index */
    size_t *rule_count;
    int *rule_sev;           /* highest severity per rule */
    size_t sev_count[4];
    size_t *term_slot;       /* term -> colour slot + 1 (0 = not seen) */
    size_t *term_count[2];
    size_t n_terms, n_slots;
    /* revision diff: old zh blocks per row */
    size_t **old_blocks;
    size_t *n_old_blocks;
    size_t n_changed, n_diff_rows;
    /* enf__report_has_anchor: the anchors of one side of one bead, sorted
     * (kind, value), built when the bead or side changes */
    const enf_bead *ix_bead;
    int ix_side;
    const enf_anchor **ix;
    size_t n_ix, cap_ix;
    /* drift (opts->drift): (row, finding index) pairs sorted by row */
    size_t *drift;
    size_t n_drift;
    size_t n_stale_rows, n_untranslated_rows;
} enf__report_ctx;

/* ------------------------------------------------------------ report_html.c */

/* A new child element of parent with class cls (none when NULL or "");
 * NULL and c->oom set when out of memory. */
xmlNodePtr enf__report_el(enf__report_ctx *c, xmlNodePtr parent, const char *name, const char *cls);

/* An attribute formatted by us (not from the inputs); n may be NULL. */
void enf__report_attr(xmlNodePtr n, const char *name, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Append text from the inputs to a node: always a text node, with hidden
 * control characters shown as visible markers. */
void enf__report_text(enf__report_ctx *c, xmlNodePtr parent, const char *s, size_t len);
void enf__report_textz(enf__report_ctx *c, xmlNodePtr parent, const char *s);
void enf__report_textf(enf__report_ctx *c, xmlNodePtr parent, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* An attribute value from input text: controls replaced, length capped. */
void enf__report_attr_text(xmlNodePtr n, const char *name, const char *s, size_t len);

const char *enf__report_sev_name(int sev);

/* ------------------------------------------------------------ report_links.c */

/* Whether side's blocks of bead b hold an anchor of kind with value val. */
int enf__report_has_anchor(enf__report_ctx *c, const enf_doc *d, const enf_bead *b, int side, enf_anchor_kind kind,
                           const char *val);

/* The link and image targets of block B under part, each marked when the
 * other side of the bead lacks it (then *differs = 1). */
void enf__report_block_links(enf__report_ctx *c, xmlNodePtr part, int side, const enf_block *B,
                             const enf_bead *bead, int *differs);

/* ------------------------------------------------------------ report_marks.c */

/* Mark len bytes at off of block blk's text (len 0: the whole block). */
void enf__report_mark_add(enf__report_ctx *c, int side, size_t blk, size_t off, size_t len,
                          int kind, size_t a, int b);
const char *enf__report_memmem(const char *h, size_t hn, const char *n, size_t nn);
/* title="[rule] message" of a highlighted finding. */
void enf__report_finding_title(xmlNodePtr e, const enf_finding *f);
void enf__report_render_marked(enf__report_ctx *c, xmlNodePtr parent, const char *text,
                               size_t len, const enf__report_marks *m);

/* ------------------------------------------------------------ report.c */

/* The row (bead index) finding fi is shown in, SIZE_MAX = none. */
size_t enf__report_row_key(const enf__report_ctx *c, size_t fi);

/* ------------------------------------------------------------ report_rows.c */

/* The class of a bead's type: b01 added, b10 omitted, b11, bnm merged. */
const char *enf__report_bead_class(const enf_bead *b);

/* Severity, rule, message, expected and found of a finding, into li. */
void enf__report_finding_text(enf__report_ctx *c, xmlNodePtr li, const enf_finding *f);
/* Row r under rows; *next_finding: the first finding (in page order) not
 * yet shown, advanced past this row's. */
void enf__report_render_row(enf__report_ctx *c, xmlNodePtr rows, size_t r, size_t *next_finding);

/* ------------------------------------------------------------ report_drift.c */

/* Put opts->drift's findings on their rows (after row_of is built). */
int enf__report_drift_setup(enf__report_ctx *c);
/* The drift findings of row r, as a box under row; returns 1 when it has
 * a stale block, | 2 when a block not translated yet, 0 when none. */
int enf__report_drift_row(enf__report_ctx *c, xmlNodePtr row, size_t r);

/* ------------------------------------------------------------ report_summary.c */

void enf__report_summary(enf__report_ctx *c, xmlNodePtr body, const char *title);
void enf__report_toolbar(enf__report_ctx *c, xmlNodePtr body);

#endif
