/* read_internal.h — what the read wing lends the wings above it (not part
 * of the API): a whole file in memory with the input checks. */
#ifndef ENFACE_READ_INTERNAL_H
#define ENFACE_READ_INTERNAL_H

#include "enface/read.h"

/* The bytes of path ("-" = standard input) into a malloc'd *out: refuses
 * directories and files over ENF_MAX_INPUT_BYTES, and records the file for
 * the output guard (enf_inputs_track). */
int enf__read_whole_file(const char *path, char **out, size_t *outlen, enf_error *err);

/* enf_doc_read_markdown without copying the text: the doc takes data
 * (malloc'ed, len bytes), which is freed whatever happens. */
int enf__doc_read_markdown_owned(const char *name, char *data, size_t len, enf_doc **out,
                                 enf_error *err);

#endif
