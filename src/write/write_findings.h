/* write_findings.h — the findings writers' shared declarations (internal). */
#ifndef ENFACE_WRITE_FINDINGS_H
#define ENFACE_WRITE_FINDINGS_H

#include "enface/write.h"
#include "model_internal.h"

int enf__write_findings_text(FILE *f, const enf_doc *en, const enf_doc *zh, const enf_findings *fs,
                             unsigned flags);
int enf__write_findings_json(FILE *f, const enf_doc *en, const enf_doc *zh, const enf_findings *fs);
int enf__write_findings_sarif(FILE *f, const enf_doc *en, const enf_doc *zh, const enf_findings *fs,
                              unsigned flags);
int enf__write_findings_github(FILE *f, const enf_doc *en, const enf_doc *zh, const enf_findings *fs);
int enf__write_findings_rdjson(FILE *f, const enf_doc *en, const enf_doc *zh, const enf_findings *fs,
                               unsigned flags);

/* The pieces the repository writer (write_findings_run.c) shares with the
 * one-pair writers.  jansson's json_t is declared opaque here. */
struct json_t;
struct json_t *enf__json_finding(const enf_doc *en, const enf_doc *zh, const enf_finding *x);
struct json_t *enf__json_summary(const size_t counts[4]);
/* prefix not NULL: URIs are names without it, relative to %SRCROOT% */
/* index: each rule's place in the run's rule list (enf__sarif_rules, -1:
 * not listed); related: the text of the original's related location */
struct json_t *enf__sarif_result(const enf_doc *en, const enf_doc *zh, const enf_finding *x,
                                 const char *prefix, const int *index, const char *related);
/* The rules of a command ("check", "drift") for the run's driver. */
struct json_t *enf__sarif_rules(const char *command, int *index);
struct json_t *enf__sarif_uri(const char *path);
/* Dump one run of results and rules (both stolen); root_uri: %SRCROOT%,
 * or NULL. */
int enf__sarif_dump(FILE *f, struct json_t *results, const char *root_uri, struct json_t *rules);
/* One rdjson diagnostic (*out NULL when the finding has no place in the
 * documents given); related: the message of the original's location.
 * ENF_OK or ENF_ENOMEM.  Dump the DiagnosticResult (diagnostics stolen). */
int enf__rdjson_diagnostic(const enf_doc *en, const enf_doc *zh, const enf_finding *x,
                           const char *related, struct json_t **out);
int enf__rdjson_dump(FILE *f, struct json_t *diagnostics);
void enf__github_annotation(FILE *f, int sev, const char *file, const enf_finding *x, int s);
void enf__github_escape(FILE *f, const char *s);

/* Write s with control characters (C0 but tab, DEL, C1: a document's
 * ANSI escapes, a newline in a file name) shown as \n, \x1B, \u0085 --
 * or, when replace is not 0, as that one character (keeps columns) -- so
 * no finding can split a line or drive the terminal. */
void enf__put_printable(FILE *f, const char *s, char replace);

#endif
