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

/* Write s with control characters (C0 but tab, DEL, C1: a document's
 * ANSI escapes, a newline in a file name) shown as \n, \x1B, \u0085 --
 * or, when replace is not 0, as that one character (keeps columns) -- so
 * no finding can split a line or drive the terminal. */
void enf__put_printable(FILE *f, const char *s, char replace);

#endif
