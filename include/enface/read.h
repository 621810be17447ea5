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

/* What enf_doc_read_file_opts reads, and what it may leave out of a
 * document that is only to be aligned (enface align): the block and
 * sentence aligners and the alignment writers read the blocks, their text
 * and anchors, nothing else.  The checks, the report and drift need all of
 * it: zero both fields for those. */
typedef struct {
    enf_units units;
    const char *encoding;     /* as enf_doc_read_file_as; NULL = UTF-8 */
    /* 1: no source and no inline spans are kept (enf_doc.data NULL, as
     * after enf_doc_drop_source; every block's inlines NULL; align_only
     * set), and the anchors found in a block's text are not located in
     * the source (src_len 0; in Markdown every anchor but a code block's).  At
     * 100k blocks a side they are a fifth of the peak and of the time.  The
     * block aligner counts such a Doc's sentences without keeping them
     * (enf_doc_sentences still cuts them when asked). */
    int align_only;
    /* NULL, or the other document of the pair, read first: a Latin-token
     * anchor (ENF_ANCHOR_LATIN: an English word) is kept only when that
     * document has the same value.  The block aligner gives a word found on
     * one side only no weight, so its beads are the same; at 100k blocks a
     * side two thirds of the English anchors are such words.  Markdown and
     * HTML; lines keep every token. */
    const enf_doc *latin_of;
} enf_read_opts;

ENF_EXPORT int enf_doc_read_file_opts(const char *path, const enf_read_opts *opts, enf_doc **out,
                                      enf_error *err);

/* data[0, len) in encoding to a malloc'd, NUL-terminated UTF-8 *out (the
 * strict conversion of enf_doc_read_file_as; name is for messages). */
ENF_EXPORT int enf_decode_to_utf8(const char *name, const char *data, size_t len,
                                  const char *encoding, char **out, size_t *out_len,
                                  enf_error *err);

/* As enf_doc_read_file, for bytes already in memory (a file at a git
 * revision): units ENF_UNITS_AUTO picks HTML or Markdown from name's
 * extension; name is used in messages. */
ENF_EXPORT int enf_doc_read_buffer(const char *name, const char *data, size_t len, enf_units units,
                                   enf_doc **out, enf_error *err);

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

/* ---------------------------------------------------------------- front matter */
/* The YAML front matter of a Markdown file ("---" ... "---" at its top),
 * read and written one scalar key at a time; a dotted key names a nested
 * one ("l10n.sourceCommit" is sourceCommit: under l10n:).  Not a YAML
 * parser: block mappings of plain or quoted scalars, which is what these
 * keys are. */
/* key's value (quotes and a trailing comment removed) into a malloc'd
 * *value, or *value NULL when the file has no such key. */
ENF_EXPORT int enf_front_matter_get(const char *data, size_t len, const char *key, char **value,
                                    enf_error *err);
/* data with key set to value into a malloc'd *out: only that key's line
 * changes; a missing key is added (under its parent, created when
 * absent), a missing front matter is added at the top. */
ENF_EXPORT int enf_front_matter_set(const char *data, size_t len, const char *key,
                                    const char *value, char **out, size_t *out_len,
                                    enf_error *err);

/* ---------------------------------------------------------------- git history */
/* A git work tree's history, read in-process with libgit2 (read_git.c).
 * Revisions are anything `git rev-parse` takes (HEAD~2, a branch, a
 * commit id); paths are relative to the work tree's root.  Errors name
 * the revision: "REV: no such revision", and in a shallow clone
 * "shallow clone: the history of PATH before ID is missing — fetch with
 * --unshallow". */
typedef struct enf_git enf_git;

#define ENF_GIT_ID_SIZE 41   /* a commit id in hex, with its NUL */

/* Open the repository whose work tree holds path (a directory, searched
 * upwards).  ENF_EINPUT when there is none or it is bare. */
ENF_EXPORT int enf_git_open(const char *path, enf_git **out, enf_error *err);
ENF_EXPORT void enf_git_free(enf_git *g);
/* The work tree's root: absolute, ending with '/'. */
ENF_EXPORT const char *enf_git_workdir(const enf_git *g);
/* Whether the repository is a shallow clone. */
ENF_EXPORT int enf_git_is_shallow(const enf_git *g);
/* The commit rev names, as 40 hex digits. */
ENF_EXPORT int enf_git_resolve(enf_git *g, const char *rev, char id[ENF_GIT_ID_SIZE],
                               enf_error *err);
/* The bytes of path at rev into a malloc'd, NUL-terminated *out
 * (ENF_EINPUT "REV:PATH: no such file at revision REV" when absent). */
ENF_EXPORT int enf_git_read_file(enf_git *g, const char *rev, const char *path, char **out,
                                 size_t *len, enf_error *err);
/* The last commit at or before rev that changed path (as `git log -1 REV
 * -- PATH`), or id "" when path is not in rev. */
ENF_EXPORT int enf_git_last_commit(enf_git *g, const char *rev, const char *path,
                                   char id[ENF_GIT_ID_SIZE], enf_error *err);
/* The paths changed between rev and to_rev, or with to_rev NULL between rev
 * and the work tree (committed since, staged, not staged, or new and not
 * yet added), both names of a rename; sorted, each once.  *paths and its
 * strings are the caller's (enf_git_paths_free). */
ENF_EXPORT int enf_git_changed(enf_git *g, const char *rev, const char *to_rev, char ***paths,
                               size_t *n, enf_error *err);
ENF_EXPORT void enf_git_paths_free(char **paths, size_t n);

/* ---------------------------------------------------------------- manifests */
/* One line of a list of document pairs: a corpus manifest (TSV
 * en_path<TAB>zh_path[<TAB>name], or JSONL {"en", "zh"} paths or
 * {"en_text", "zh_text"} texts, "id" optional) or align's batch file
 * (LEFT<TAB>RIGHT<TAB>OUTPUT: name holds OUTPUT).  Paths come back as
 * written; joining them to a base and confining them is the caller's. */
typedef enum {
    ENF_MANIFEST_TSV,
    ENF_MANIFEST_JSONL,
    ENF_MANIFEST_BATCH
} enf_manifest_kind;

typedef struct {
    char *en_path, *zh_path;   /* both, or neither (then the texts) */
    char *en_text, *zh_text;   /* JSONL's inline texts */
    char *name;                /* the name (TSV, JSONL id), or OUTPUT */
} enf_manifest_item;

/* line: NUL-terminated, newline removed; where and lineno name it in
 * messages.  ENF_OK: *item filled (malloc'd strings, enf_manifest_item_clear
 * frees them); ENF_MANIFEST_SKIP: nothing on the line (blank, '#' comment,
 * TSV header);
 * ENF_EINPUT: a one-line message "where:lineno: ...". */
#define ENF_MANIFEST_SKIP (-1)
ENF_EXPORT int enf_manifest_parse_line(const char *line, enf_manifest_kind kind, const char *where,
                                       long lineno, enf_manifest_item *item, enf_error *err);
ENF_EXPORT void enf_manifest_item_clear(enf_manifest_item *item);

#ifdef __cplusplus
}
#endif
#endif
