/* write_corpus.h — the TMX (write_tmx.c) and PO (write_po.c) parts of the
 * corpus writer, used by write_corpus.c.  Internal. */
#ifndef ENFACE_WRITE_CORPUS_H
#define ENFACE_WRITE_CORPUS_H

#include "enface/write.h"

#include <stdlib.h>

typedef struct enf__tmx enf__tmx;

int enf__tmx_begin(FILE *f, const char *zh_lang, enf__tmx **out, enf_error *err);
int enf__tmx_add(enf__tmx *t, const char *doc, const enf_corpus_pair *p, enf_error *err);
int enf__tmx_end(enf__tmx *t, enf_error *err);   /* frees t */

/* The PO part (write_po.c). */
typedef struct enf__po enf__po;

int enf__po_begin(FILE *f, const char *zh_lang, double fuzzy_below, enf__po **out,
                  enf_error *err);
int enf__po_add(enf__po *t, const char *doc, const char *en_file, const char *zh_file,
                const enf_corpus_pair *p, enf_error *err);
void enf__po_end(enf__po *t);   /* frees t */

#endif
