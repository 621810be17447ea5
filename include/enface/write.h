/* enface/write.h — the write wing of libenface:
 * the output formats: alignments (beads, TSV, JSONL), findings (text,
 * JSON, SARIF, GitHub) and corpora (JSONL, TSV, TMX, Moses, PO).
 *
 * Part of the public API (enface.h includes every wing).  Inside the
 * library only the wings listed in docs/architecture.md may include it.
 */
#ifndef ENFACE_WRITE_H
#define ENFACE_WRITE_H

#include "wings.h"

#if defined(ENF_WING) && !(ENF_WING & (ENF_WING_WRITE | ENF_WING_CLI))
#error "enface/write.h: this wing may not use the write wing (docs/architecture.md)"
#endif

#include "model.h"
#include "align.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- findings writers */

typedef enum {
    ENF_FINDINGS_TEXT = 0,   /* zh.md:12:5: error: [rule] message */
    ENF_FINDINGS_JSON,       /* {"version":1,"findings":[...],"summary":{...}} */
    ENF_FINDINGS_SARIF,      /* SARIF 2.1.0 */
    ENF_FINDINGS_GITHUB,     /* ::error file=..,line=..,col=..,title=..::msg */
    ENF_FINDINGS_RDJSON      /* reviewdog's rdjson: {"source":..,"diagnostics":[..]},
                                columns in UTF-8 bytes */
} enf_findings_format;

#define ENF_WF_SOURCE 0x01u  /* text: print the source line and a caret */
#define ENF_WF_COLOR  0x02u  /* text: ANSI colours */
#define ENF_WF_DRIFT  0x04u  /* the findings are enf_drift's: sarif lists the
                                drift rules (else enf_check's rules); sarif
                                and rdjson call the related place "the
                                changed original" */

/* check --fix (write_fix.c): zh's source with each glossary.forbidden
 * finding's span (src_off/src_len, side 1) rewritten to its expected
 * rendering; spans in code blocks, or whose bytes are not the finding's
 * found text, are left.  *out is malloc'd and NUL-terminated; *n_fixed
 * counts the rewrites.  enf_write_fix_diff writes the change as a unified
 * diff of path (one hunk per changed line, no context). */
ENF_EXPORT int enf_fix_text(const enf_doc *zh, const enf_findings *fs, char **out, size_t *out_len,
                            size_t *n_fixed, enf_error *err);
ENF_EXPORT int enf_write_fix_diff(FILE *f, const char *path, const enf_doc *zh, const char *fixed,
                                  size_t fixed_len, enf_error *err);

/* Write findings located in en (may be NULL) and zh.  The text, github,
 * sarif and rdjson writers name the Chinese file when the finding has a
 * place there, else the English one. */
ENF_EXPORT int enf_write_findings(FILE *f, enf_findings_format fmt, const enf_doc *en,
                       const enf_doc *zh, const enf_findings *fs, unsigned flags,
                       enf_error *err);

/* A repository's findings, many pairs in one output (enface check --pairs):
 * new, one add per pair (its documents may be freed after), end.  text is
 * written as it comes; json is one document with one findings array (each
 * finding names its files) and a "files" array; sarif is one run whose
 * artifact URIs are relative to root (originalUriBaseIds %SRCROOT%);
 * github caps the annotations over the whole run (most severe first) and
 * ends with one summary naming the files with the most findings; rdjson is
 * one DiagnosticResult whose paths are the documents' names.  Nothing
 * but text is written before end, so a failed run leaves no partial
 * document.  root: the repository's absolute path; prefix: what the
 * documents' names start with ("" or "docs/"), taken off for URIs. */
typedef struct enf_findings_writer enf_findings_writer;

ENF_EXPORT int enf_findings_writer_new(FILE *f, enf_findings_format fmt, unsigned flags,
                                       const char *root, const char *prefix,
                                       enf_findings_writer **out, enf_error *err);
ENF_EXPORT int enf_findings_writer_add(enf_findings_writer *w, const enf_doc *en,
                                       const enf_doc *zh, const enf_findings *fs,
                                       enf_error *err);
/* Write what is held and free the writer (also on error). */
ENF_EXPORT int enf_findings_writer_end(enf_findings_writer *w, enf_error *err);
/* Free the writer without writing (a failed run). */
ENF_EXPORT void enf_findings_writer_free(enf_findings_writer *w);

/* ---------------------------------------------------------------- alignment writers */
typedef enum {
    ENF_ALIGN_FMT_BEADS = 0,
    ENF_ALIGN_FMT_TSV,
    ENF_ALIGN_FMT_JSONL
} enf_align_format;

/* Write an alignment.  beads: "[12,14]:[11]" per line (unit ids of the
 * left document first); tsv: type, score, lines and both texts; jsonl: one
 * object per bead with ids, lines, texts, type, score and flags.
 * explain adds the score components (tsv/jsonl) or a comment (beads). */
ENF_EXPORT int enf_write_alignment(FILE *f, enf_align_format fmt, const enf_doc *en,
                        const enf_doc *zh, const enf_alignment *al,
                        int explain, enf_error *err);

/* ---------------------------------------------------------------- corpus writers */
typedef enum {
    ENF_CORPUS_FMT_JSONL = 0,  /* {"translation": {"en": .., ZH_LANG: ..}, provenance} */
    ENF_CORPUS_FMT_TSV,        /* en<TAB>zh */
    ENF_CORPUS_FMT_TMX,        /* TMX 1.4b */
    ENF_CORPUS_FMT_JSONL_FLAT, /* the JSONL of enface <= 0.x: en, zh at the top level */
    ENF_CORPUS_FMT_MOSES,      /* line-aligned: English to f, Chinese to opts.zh,
                                  provenance TSV to opts.meta */
    ENF_CORPUS_FMT_PO          /* gettext PO: msgid English, msgstr Chinese */
} enf_corpus_format;

typedef struct {
    const char *zh_lang;  /* BCP 47 tag of the Chinese side ("zh-CN",
                             "zh-Hans"; NULL: "zh"): TMX xml:lang, the JSONL
                             translation key, the PO Language header */
    double fuzzy_below;   /* PO: entries scoring below are "#, fuzzy" */
    FILE *zh, *meta;      /* MOSES: the Chinese file and the provenance file */
} enf_corpus_writer_opts;

/* Whether tag is a well-formed BCP 47 tag (ICU) of a Chinese language
 * (zh or one of its members: cmn, yue, ...): ENF_OK, else ENF_EUSAGE with
 * the reason. */
ENF_EXPORT int enf_corpus_check_zh_lang(const char *tag, enf_error *err);

/* A streaming corpus writer: begin (TMX header), one call per document,
 * end (closes the TMX body).  doc is the document's name for provenance.
 * Texts with newlines (kept code blocks) keep them in JSONL, TMX and PO;
 * TSV and Moses turn newlines and tabs into spaces (one pair a line). */
typedef struct enf_corpus_writer enf_corpus_writer;

/* opts may be NULL (defaults; not for MOSES).  opts->zh_lang is checked
 * with enf_corpus_check_zh_lang. */
ENF_EXPORT int enf_corpus_writer_open(FILE *f, enf_corpus_format fmt,
                                      const enf_corpus_writer_opts *opts,
                                      enf_corpus_writer **out, enf_error *err);
ENF_EXPORT int enf_corpus_writer_new(FILE *f, enf_corpus_format fmt, enf_corpus_writer **out,
                          enf_error *err);   /* = open with NULL opts */
ENF_EXPORT int enf_corpus_writer_add(enf_corpus_writer *w, const char *doc, const enf_corpus_pairs *p,
                          enf_error *err);
/* add, naming the document's files (NULL: inline text): the PO writer's
 * "#:" references and the Moses meta name them; the other formats the doc. */
ENF_EXPORT int enf_corpus_writer_add_files(enf_corpus_writer *w, const char *doc,
                                           const char *en_file, const char *zh_file,
                                           const enf_corpus_pairs *p, enf_error *err);
/* Finish the output (TMX: close </body></tmx>) and free the writer. */
ENF_EXPORT int enf_corpus_writer_end(enf_corpus_writer *w, enf_error *err);

#ifdef __cplusplus
}
#endif
#endif
