/* enface/report.h — the report wing of libenface:
 * the review page: one self-contained HTML file per Doc pair.
 *
 * Part of the public API (enface.h includes every wing).  Inside the
 * library only the wings listed in docs/architecture.md may include it.
 */
#ifndef ENFACE_REPORT_H
#define ENFACE_REPORT_H

#include "wings.h"

#if defined(ENF_WING) && !(ENF_WING & (ENF_WING_REPORT | ENF_WING_CLI))
#error "enface/report.h: this wing may not use the report wing (docs/architecture.md)"
#endif

#include "model.h"
#include "terms.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- report
 * One self-contained HTML page to review a translation (report.c): facing
 * columns with one row per bead, findings at their places and in a list,
 * glossary terms coloured alike on both sides, differences inside a pair
 * (links on one side only, numbers, code), a summary with an alignment
 * plot, and optionally the changes since an older revision of the
 * translation.  The page is built with libxml2's tree API (input text is
 * always a text node or an attribute value, never markup), carries its CSS
 * and script inline and a Content-Security-Policy that forbids anything
 * else; links from the inputs become hrefs only for http, https, mailto and
 * relative targets. */

typedef struct {
    const char *title;            /* NULL: "EN-NAME ↔ ZH-NAME" */
    /* Revision diff: an older version of the translation and its
     * alignment to the same English document (both or neither).  Each row
     * then shows what changed in its Chinese text since that version:
     * the old blocks aligned to the same English blocks, diffed against
     * the current ones. */
    const enf_doc *zh_old;
    const enf_alignment *al_old;
    /* Drift: the findings of enf_drift(EN_OLD, en, zh), for a translation
     * made from an older original EN_OLD (or NULL).  Rows holding a stale,
     * orphaned or moved Chinese block are marked stale, rows holding a new
     * English block not translated yet are marked so, each with the
     * English change (the finding's message) shown in the row. */
    const enf_findings *drift;
} enf_report_opts;

/* Write the page for en/zh and their alignment to f.  findings may be NULL
 * (the checks were not run: the page says so) or empty (clean); g may be
 * NULL (no term highlighting); opts may be NULL.  en and al both NULL: a
 * Chinese-only page (one column, zh's blocks with their findings, as
 * enf_check reports them on zh alone; no opts->zh_old). */

/* A review page is for reading: documents with more blocks than this
 * (both sides together) are refused by enf_report_write with ENF_EINPUT
 * instead of building a page no browser could show. */
#define ENF_MAX_REPORT_BLOCKS ((size_t)100000)

ENF_EXPORT int enf_report_write(FILE *f, const enf_doc *en, const enf_doc *zh,
                     const enf_alignment *al, const enf_findings *findings,
                     const enf_glossary *g, const enf_report_opts *opts,
                     enf_error *err);

#ifdef __cplusplus
}
#endif
#endif
