/* enface/read.h — the read wing of libenface:
 * files and buffers to Docs: the reader of each format (Markdown, HTML,
 * one unit per line), the checked reading of small text files, stored
 * alignments (beads files).
 *
 * Part of the public API (enface.h includes every wing).  Inside the
 * library only the wings listed in docs/architecture.md may include it.
 */
#ifndef ENFACE_READ_H
#define ENFACE_READ_H

#include "wings.h"

#if defined(ENF_WING) && !(ENF_WING & (ENF_WING_READ | ENF_WING_TERMS | ENF_WING_CHECK | ENF_WING_CLI))
#error "enface/read.h: this wing may not use the read wing (docs/architecture.md)"
#endif

#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- readers */
/* Read a file (or "-" for standard input) into a Doc.  Refuses missing
 * files, directories, binary data, invalid UTF-8 and files larger than
 * ENF_MAX_INPUT_BYTES with ENF_EINPUT/ENF_EIO and a message naming the file. */
ENF_EXPORT int enf_doc_read_file(const char *path, enf_units units, enf_doc **out, enf_error *err);

/* As enf_doc_read_file, for a file in another encoding (an ICU converter
 * name: "GB18030", "GBK", "Big5", "UTF-16LE" ...; NULL = UTF-8): the bytes
 * are converted strictly, and a byte the encoding does not define is an
 * ENF_EINPUT error naming FILE:LINE:COL. */
ENF_EXPORT int enf_doc_read_file_as(const char *path, enf_units units, const char *encoding,
                                    enf_doc **out, enf_error *err);

/* data[0, len) in encoding to a malloc'd, NUL-terminated UTF-8 *out (the
 * strict conversion of enf_doc_read_file_as; name is for messages). */
ENF_EXPORT int enf_decode_to_utf8(const char *name, const char *data, size_t len,
                                  const char *encoding, char **out, size_t *out_len,
                                  enf_error *err);

/* Parse a buffer.  name is used in messages; data need not be NUL-terminated. */
ENF_EXPORT int enf_doc_read_markdown(const char *name, const char *data, size_t len,
                          enf_doc **out, enf_error *err);
ENF_EXPORT int enf_doc_read_html(const char *name, const char *data, size_t len,
                      enf_doc **out, enf_error *err);
ENF_EXPORT int enf_doc_read_lines(const char *name, const char *data, size_t len,
                       enf_doc **out, enf_error *err);

/* Read a small untrusted text file (a beads file, a config file) with the
 * same checks as documents: not a directory, at most ENF_MAX_INPUT_BYTES,
 * valid UTF-8 without NUL ("FILE:LINE:COL: ..." otherwise).  An empty file
 * is allowed.  *out is malloc-owned by the caller and NUL-terminated. */
ENF_EXPORT int enf_read_text_file(const char *path, char **out, size_t *len, enf_error *err);

/* Parse a beads file (unit ids) against two docs into an alignment over
 * block indexes, for evaluation and for reusing a stored alignment. */
ENF_EXPORT int enf_read_beads(const char *name, const char *data, size_t len,
                   const enf_doc *en, const enf_doc *zh,
                   enf_alignment **out, enf_error *err);

#ifdef __cplusplus
}
#endif
#endif
