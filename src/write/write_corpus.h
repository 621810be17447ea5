/* write_corpus.h — the TMX part of the corpus writer (write_tmx.c), used
 * by write_corpus.c.  Internal. */
#ifndef ENFACE_WRITE_CORPUS_H
#define ENFACE_WRITE_CORPUS_H

#include "enface/write.h"

#include <stdlib.h>

typedef struct enf__tmx enf__tmx;

int enf__tmx_begin(FILE *f, enf__tmx **out, enf_error *err);
int enf__tmx_add(enf__tmx *t, const char *doc, const enf_corpus_pair *p, enf_error *err);
int enf__tmx_end(enf__tmx *t, enf_error *err);   /* frees t */

#endif
