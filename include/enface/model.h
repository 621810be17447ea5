/* enface/model.h — the model wing of libenface:
 * the plain data every stage takes and returns: errors, the arena, UTF-8
 * text, the Doc (blocks, spans, anchors), alignments (beads), findings and
 * the rule table, atomic output files, text diffs.
 *
 * Part of the public API (enface.h includes every wing).  Inside the
 * library only the wings listed in docs/architecture.md may include it.
 */
#ifndef ENFACE_MODEL_H
#define ENFACE_MODEL_H

#include "wings.h"

#if defined(ENF_WING) && !(ENF_WING & (ENF_WING_MODEL | ENF_WING_READ | ENF_WING_TERMS | ENF_WING_ALIGN | ENF_WING_CHECK | ENF_WING_WRITE | ENF_WING_REPORT | ENF_WING_CLI))
#error "enface/model.h: this wing may not use the model wing (docs/architecture.md)"
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- errors */

typedef enum {
    ENF_OK = 0,
    ENF_EINPUT = 1,  /* the input is not acceptable (encoding, binary, size) */
    ENF_EIO = 2,     /* reading or writing a file failed */
    ENF_ENOMEM = 3,  /* out of memory */
    ENF_EUSAGE = 4   /* the caller passed something invalid */
} enf_status;

typedef struct {
    int code;        /* an enf_status */
    char msg[1024];  /* one line, no trailing newline */
} enf_error;

/* Fill err (which may be NULL) with code and a printf-style message; returns
 * code so callers can write `return enf_error_set(err, ENF_EIO, ...)`. */
ENF_EXPORT int enf_error_set(enf_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Largest input file accepted, in bytes.  Larger files are refused with a
 * clear error rather than read partially. */
#define ENF_MAX_INPUT_BYTES ((size_t)256 * 1024 * 1024)

/* ---------------------------------------------------------------- arena */

/* Per-document bump allocator: all the strings and arrays of one enf_doc
 * live in its arena and are released together by enf_doc_free. */
typedef struct enf_arena enf_arena;

ENF_EXPORT enf_arena *enf_arena_new(void);
ENF_EXPORT void *enf_arena_alloc(enf_arena *a, size_t size);       /* zeroed, aligned */
ENF_EXPORT char *enf_arena_strndup(enf_arena *a, const char *s, size_t n);
ENF_EXPORT void enf_arena_free(enf_arena *a);

/* ---------------------------------------------------------------- text */

/* Check that buf is valid UTF-8 without NUL bytes.  On failure returns
 * ENF_EINPUT with "NAME:LINE:COL: ..." in err. */
ENF_EXPORT int enf_utf8_check(const char *name, const char *buf, size_t len, enf_error *err);

/* Number of Unicode code points in s[0..len). */
ENF_EXPORT size_t enf_utf8_count(const char *s, size_t len);

/* Decode one code point at s (len bytes available); stores its byte length
 * in *adv (>= 1).  Invalid sequences decode as U+FFFD with *adv = 1. */
ENF_EXPORT int enf_utf8_decode(const char *s, size_t len, int *adv);

/* Whether a code point is a CJK ideograph / CJK punctuation. */
ENF_EXPORT int enf_is_han(int cp);
ENF_EXPORT int enf_is_cjk_punct(int cp);

/* A byte span [off, off + len) of a text. */
typedef struct {
    size_t off, len;
} enf_span;

/* Languages. */
#define ENF_LANG_AUTO (-1)
#define ENF_LANG_EN 0
#define ENF_LANG_ZH 1

/* ENF_LANG_ZH when at least a fifth of the letters of s are Han characters. */
ENF_EXPORT int enf_guess_lang(const char *s, size_t len);

/* ---------------------------------------------------------------- doc */

typedef enum {
    ENF_BLOCK_HEADING = 0,
    ENF_BLOCK_PARAGRAPH,
    ENF_BLOCK_CODE,
    ENF_BLOCK_HTML,
    ENF_BLOCK_LINE        /* one line of --units lines input */
} enf_block_kind;

/* Block flags. */
#define ENF_BF_BOLD_ONLY  0x01u  /* paragraph that is one strong/emph span */
#define ENF_BF_IMAGE_ONLY 0x02u  /* paragraph made of images only */
#define ENF_BF_TABLE      0x04u  /* pipe table (a paragraph to cmark) */
#define ENF_BF_LIST_ITEM  0x08u  /* first paragraph of a list item */
#define ENF_BF_MATH       0x10u  /* display math: a paragraph that is one
                                    $$…$$ or \[…\] (MkDocs arithmatex,
                                    VitePress and most blog engines) */

typedef enum {
    ENF_ANCHOR_LINK = 0,  /* link target, normalized */
    ENF_ANCHOR_IMAGE,     /* image source, normalized */
    ENF_ANCHOR_ARXIV,     /* "arxiv:2110.07858" */
    ENF_ANCHOR_DOI,       /* "doi:10.1000/xyz", lower case */
    ENF_ANCHOR_NUMBER,    /* "1000", "3.5", "35%" */
    ENF_ANCHOR_LATIN,     /* Latin-script token: "ViT", "GPT-3" */
    ENF_ANCHOR_CODE,      /* inline code or a code block's content */
    ENF_ANCHOR__COUNT
} enf_anchor_kind;

/* An anchor is one distinct value of a block; where it occurs first is
 * recorded so that later stages need not look for it again. */
typedef struct {
    const char *value;      /* normalized, NUL-terminated, in the doc arena
                               (kept once per distinct value: never modify) */
    uint32_t src_off;       /* its first occurrence in enf_doc.data, as */
    uint32_t src_len : 24;  /* written (a link's destination, a code span's
                               content, a number's digits); src_len 0 = not
                               located (src_off is then ENF_ANCHOR_NO_OFFSET,
                               as for one longer than ENF_ANCHOR_MAX_SRC_LEN) */
    uint32_t kind : 8;      /* an enf_anchor_kind */
    /* 16 bytes: an input is at most ENF_MAX_INPUT_BYTES, and a 100k-block
     * document has two million anchors */
} enf_anchor;

#define ENF_NO_OFFSET ((size_t)-1)
#define ENF_ANCHOR_NO_OFFSET UINT32_MAX
#define ENF_ANCHOR_MAX_SRC_LEN 0xFFFFFFu

/* A hash of an anchor's kind and value, equal for equal anchors of any
 * document (for tables that match anchors across documents). */
ENF_EXPORT unsigned enf_anchor_hash(const enf_anchor *a);

/* Inline spans: the markup inside a heading or paragraph (and a Markdown
 * HTML block's comments), recorded by the reader from its parser's tree
 * (cmark, libxml2) so that the checks and the report read them instead of
 * lexing the source again.  Ranges are byte ranges of enf_doc.data. */
typedef enum {
    ENF_INLINE_CODE = 0,    /* `x`: inner = between the backtick runs (spaces kept);
                               HTML <code> outside <pre> */
    ENF_INLINE_LINK,        /* [text](dest): inner = text; HTML <a href> */
    ENF_INLINE_IMAGE,       /* ![alt](src): inner = alt; HTML <img src> */
    ENF_INLINE_AUTOLINK,    /* <http://x>: inner = dest = the address */
    ENF_INLINE_HTML,        /* raw inline HTML: a tag or a comment, as written */
    ENF_INLINE_EMPH,        /* *x*, _x_; HTML <em>, <i> */
    ENF_INLINE_STRONG,      /* **x**, __x__; HTML <strong>, <b> */
    ENF_INLINE__COUNT
} enf_inline_kind;

typedef struct {
    enf_inline_kind kind;
    int depth;              /* spans it is inside (0 = directly in the block) */
    size_t off, len;        /* the whole span, delimiters included */
    size_t inner_off, inner_len;  /* its content (see the kinds) */
    size_t dest_off, dest_len;    /* link, image, autolink: the destination as
                               written; dest_len 0 = none in the span (a
                               reference link, an attribute-less <a>) */
    const char *url;        /* link, image, autolink: the destination as the
                               parser read it (escapes and entities decoded,
                               references resolved), NUL-terminated, in the
                               doc arena; NULL for the other kinds */
} enf_inline;

typedef struct {
    int id;                 /* unit id: 1-based start line, or 0-based line
                               index for --units lines */
    enf_block_kind kind;
    int level;              /* heading level 1..6; 0 otherwise */
    int list_depth;         /* nesting of lists around the block */
    int quote_depth;        /* nesting of block quotes around the block */
    int list_id;            /* innermost list (0 = none); equal ids = same list */
    int item_id;            /* innermost list item (0 = none) */
    int section;            /* index of the heading this block is under (-1);
                               for a heading, of its parent heading */
    unsigned flags;         /* ENF_BF_* */
    const char *text;       /* plain text, NFC, inline markup removed,
                               white space collapsed (NUL-terminated) */
    size_t text_len;        /* bytes */
    size_t nchars;          /* code points of text */
    uint32_t n_han;         /* ... of them Han characters (enf_is_han), */
    uint32_t n_cjk_punct;   /* CJK punctuation (enf_is_cjk_punct), */
    uint32_t n_latin;       /* ASCII letters, */
    uint32_t n_visible;     /* and above U+0020: counted once by the reader
                               for the stages that weigh a block's script */
    size_t src_off, src_len;/* byte span of the block in enf_doc.data */
    int start_line, start_col, end_line, end_col;   /* 1-based */
    const enf_anchor *anchors;
    size_t n_anchors;
    const enf_inline *inlines;  /* in source order (an outer span before the
                                   spans inside it) */
    size_t n_inlines;
} enf_block;

typedef enum {
    ENF_UNITS_AUTO = 0,     /* by file name: .html/.htm -> HTML, else Markdown */
    ENF_UNITS_MARKDOWN,     /* CommonMark, and the container syntax of docs sites
                               (MkDocs admonitions and tabs, VitePress ::: blocks)
                               where a file uses it */
    ENF_UNITS_HTML,
    ENF_UNITS_LINES,
    ENF_UNITS_COMMONMARK,   /* Markdown read as plain CommonMark only: the blocks
                               of ../shared/tools/list_blocks.py; the Doc's units
                               are ENF_UNITS_MARKDOWN */
    /* Markdown with one site's container syntax only (ENF_UNITS_MARKDOWN
     * reads all of them), for a file where another's would be misread; the
     * Doc's units are ENF_UNITS_MARKDOWN: */
    ENF_UNITS_MKDOCS,       /* MkDocs Material: !!! and ??? admonitions, === tabs */
    ENF_UNITS_VITEPRESS,    /* VitePress and Docusaurus: ::: containers */
    ENF_UNITS_HUGO          /* Hugo: lines that are one {{< >}} or {{% %}} shortcode */
} enf_units;

typedef struct {
    char *name;             /* file name as given, for messages */
    char *data;             /* the whole input, NUL-terminated; NULL once
                               enf_doc_drop_source has freed it */
    size_t len;
    enf_units units;
    enf_block *blocks;
    size_t n_blocks;
    size_t *line_start;     /* byte offset of each line; [n_lines] = len + 1 */
    size_t n_lines;
    enf_arena *arena;       /* owns everything reachable from blocks */
    struct enf__sent_cache *sent_cache;  /* private: enf_doc_sentences (align
                                            wing) fills it lazily, in the arena */
    const enf_arena *latin_of;  /* private, while the reader runs:
                                   enf_read_opts.latin_of's arena */
    int align_only;         /* read for aligning only (enf_read_opts): no
                               source (data NULL) and no inline spans */
} enf_doc;

ENF_EXPORT void enf_doc_free(enf_doc *doc);

/* Free the source text and its line table (data, line_start) of a Doc that
 * is only to be aligned: the blocks, their text and anchors stay, with
 * their lines and offsets, but nothing can be located in the source again
 * (enf_doc_position gives line and column 0).  The block aligner, the
 * sentence aligner and the alignment writers read no source; the checks,
 * the report and drift do.  At 100k blocks a side this is a sixth of what
 * `enface align` holds. */
ENF_EXPORT void enf_doc_drop_source(enf_doc *doc);

/* 1-based line and column (in code points) of a byte offset of doc->data;
 * 0 and 0 after enf_doc_drop_source. */
ENF_EXPORT void enf_doc_position(const enf_doc *doc, size_t off, int *line, int *col);

/* How Chinese a document is: the share of Han characters among the letters
 * (Han and Latin) of its blocks' text, code blocks left out; 0 without
 * letters.  *letters (may be NULL) gets how many letters there were. */
ENF_EXPORT double enf_doc_han_share(const enf_doc *doc, size_t *letters);

/* Refuse a pair that cannot be an original and its translation: the same
 * text twice, or (either_order 0) en looking Chinese and zh English, i.e.
 * swapped.  ENF_EINPUT with a line naming both files.  either_order: the
 * caller takes either file as the Chinese one (enf_align_sentences).  Two
 * Docs without their source (enf_doc_drop_source) are the same text when
 * their blocks are, kind and text. */
ENF_EXPORT int enf_doc_pair_check(const enf_doc *en, const enf_doc *zh, int either_order,
                                  enf_error *err);

/* Plain-text name of a block kind: "heading", "paragraph", "code_block",
 * "html_block", "line". */
ENF_EXPORT const char *enf_block_kind_name(enf_block_kind kind);

/* Fill a block's anchors from its text (numbers, arXiv ids, DOIs, URLs,
 * Latin tokens) plus the extra anchors given (link targets, inline code
 * found by the reader).  Used by the readers. */
ENF_EXPORT int enf_anchors_build(enf_arena *arena, enf_block *block,
                      const enf_anchor *extra, size_t n_extra);

/* Normalize a link target for comparison across languages: scheme, "www.",
 * host case, trailing slash, fragment, tracking parameters (utm_*, ref, ...)
 * and language path segments (/zh/, /zh-cn/, /en/) are dropped.  Writes a
 * NUL-terminated string into out (size outsz); returns its length. */
ENF_EXPORT size_t enf_url_normalize(const char *url, size_t len, char *out, size_t outsz);

/* ---------------------------------------------------------------- alignment */

/* A bead pairs a run of English units with a run of Chinese units.  Ranges
 * are indexes into enf_doc.blocks (or into sentence arrays for sentence
 * beads); n == 0 means that side is empty (1-0, 0-1 beads). */
typedef struct {
    size_t en, n_en;
    size_t zh, n_zh;
    double score;           /* confidence in [0,1]: 1 = certain */
    double cost;            /* the DP cost this bead contributed */
    float anchor_sim;       /* explanation: anchor similarity in [0,1], -1 none */
    float length_ratio;     /* explanation: zh chars / expected zh chars */
    unsigned flags;         /* ENF_BEAD_* */
} enf_bead;

#define ENF_BEAD_LOW_CONFIDENCE 0x01u
#define ENF_BEAD_PINNED         0x02u   /* fixed by a strong unique anchor */

typedef struct {
    enf_bead *beads;
    size_t n_beads;
    double en_per_han;      /* length ratio calibrated on this pair: English
                               characters per Han character */
} enf_alignment;

ENF_EXPORT void enf_alignment_free(enf_alignment *al);

/* "1-1", "2-1", "0-1" ... into buf (at least 16 bytes). */
ENF_EXPORT const char *enf_bead_type(const enf_bead *b, char *buf, size_t bufsz);

/* ---------------------------------------------------------------- findings */

typedef enum {
    ENF_SEV_NONE = 0,        /* rule turned off */
    ENF_SEV_NOTE,
    ENF_SEV_WARNING,
    ENF_SEV_ERROR
} enf_severity;

#define ENF_NO_BLOCK ((size_t)-1)

/* One problem, located on both sides where it has a place there (side 0 is
 * the English document, side 1 the Chinese).  All strings are owned by the
 * enf_findings list that holds the finding. */
typedef struct {
    char *rule;              /* "glossary.forbidden", "link.lost", ... */
    enf_severity severity;
    char *message;           /* one line, no file prefix */
    size_t block[2];         /* block index per side, or ENF_NO_BLOCK */
    int line[2], col[2];     /* 1-based source line and column (code
                                points); 0 = no place on that side */
    size_t text_off[2], text_len[2];  /* span in block->text, for highlighting;
                                         text_len 0 = the whole block */
    size_t src_off[2], src_len[2];    /* the same span in enf_doc.data (bytes);
                                         src_len 0 = none recorded */
    char *term, *expected, *found;    /* evidence; may be NULL */
} enf_finding;

typedef struct {
    enf_finding *v;
    size_t n, cap;
} enf_findings;

ENF_EXPORT void enf_findings_free(enf_findings *f);   /* frees the contents, not f */

/* Append a finding; strings are copied (any may be NULL except rule).
 * Returns ENF_OK or ENF_ENOMEM. */
ENF_EXPORT int enf_findings_add(enf_findings *f, const enf_finding *proto);
/* Sort by Chinese (else English) line, then column, then rule. */
ENF_EXPORT void enf_findings_sort(enf_findings *f);
/* Most severe severity present (ENF_SEV_NONE when empty). */
ENF_EXPORT enf_severity enf_findings_max(const enf_findings *f);

/* "off", "note", "warning", "error" (also "none"); returns -1 when unknown. */
ENF_EXPORT int enf_severity_parse(const char *s, enf_severity *out);
ENF_EXPORT const char *enf_severity_name(enf_severity s);

/* ---------------------------------------------------------------- rules
 * Every finding names a rule: an id, a default severity and a summary
 * (the rule families are in the check wing; writers read this table). */

typedef enum {
    ENF_RULE_GLOSSARY_MISSING = 0,
    ENF_RULE_GLOSSARY_FORBIDDEN,
    ENF_RULE_GLOSSARY_INCONSISTENT,
    ENF_RULE_GLOSSARY_VERBATIM,
    ENF_RULE_GLOSSARY_SUSPECT,    /* a rendering right in general Chinese, wrong here by its context */
    ENF_RULE_LINK_LOST,
    ENF_RULE_LINK_CHANGED,
    ENF_RULE_NUMBER_MISMATCH,
    ENF_RULE_CODE_CHANGED,
    ENF_RULE_UNTRANSLATED,
    ENF_RULE_MARKUP_DAMAGED,
    ENF_RULE_BLOCK_OMITTED,
    ENF_RULE_BLOCK_ADDED,
    ENF_RULE_SPACING_CJK_LATIN,
    ENF_RULE_BLOCK_MERGED,       /* several original blocks in one translated block */
    ENF_RULE_CODE_TRANSLATED,    /* code that differs only in translated comments, strings */
    /* enface drift (enf_drift): the translation against a change of its original */
    ENF_RULE_DRIFT_STALE,
    ENF_RULE_DRIFT_ORPHAN,
    ENF_RULE_DRIFT_UNTRANSLATED,
    ENF_RULE_DRIFT_MOVED,
    ENF_RULE_DRIFT_UNALIGNED,
    ENF_RULE__COUNT
} enf_rule;

typedef struct {
    const char *id;              /* "glossary.forbidden" */
    enf_severity default_severity;   /* ENF_SEV_NONE = off by default */
    enf_severity enabled_severity;   /* what --enable turns it on as */
    int bilingual_only;          /* needs the English document */
    const char *summary;         /* one line, for --help and SARIF */
    const char *command;         /* the command whose findings it names:
                                    "check" (enf_check) or "drift" (enf_drift);
                                    --list-rules and SARIF list one command's */
} enf_rule_info;

ENF_EXPORT const enf_rule_info *enf_rule_get(enf_rule r);
/* Rule index by id, or -1. */
ENF_EXPORT int enf_rule_find(const char *id);

/* ---------------------------------------------------------------- output */

/* Atomic output: data goes to a temporary file beside path and is renamed
 * over path only by enf_output_commit; enf_output_abort removes it, leaving
 * whatever was at path untouched.  path "-" or NULL writes to stdout; an
 * existing device or FIFO (/dev/null, /dev/stderr) is written in place,
 * not replaced; a directory is refused (ENF_EUSAGE). */
typedef struct enf_output enf_output;

ENF_EXPORT int enf_output_open(const char *path, enf_output **out, enf_error *err);
/* The same for rewriting an input on purpose (check --fix): path must be
 * an existing regular file; it may be an input of the run. */
ENF_EXPORT int enf_output_open_replace(const char *path, enf_output **out, enf_error *err);
ENF_EXPORT FILE *enf_output_file(enf_output *o);
/* The path the output goes to, "<stdout>" for standard output. */
ENF_EXPORT const char *enf_output_name(const enf_output *o);
ENF_EXPORT int enf_output_commit(enf_output *o, enf_error *err);   /* frees o */
ENF_EXPORT void enf_output_abort(enf_output *o);                    /* frees o */
/* Commit n outputs as a set (Moses PREFIX.en, .zh, .meta): every file is
 * written and checked first, and only when all are complete are they
 * renamed into place; otherwise none is and all are removed.  Frees all. */
ENF_EXPORT int enf_output_commit_set(enf_output **v, size_t n, enf_error *err);
/* Inputs are never outputs.  After enf_inputs_track(1), every regular file
 * the library reads (and each path given to enf_inputs_add, for files the
 * caller reads itself) is remembered by device and inode, and
 * enf_output_open and enf_output_commit refuse, with ENF_EUSAGE and a
 * message naming both files, to put an output over one of them — through
 * a symlink or a hard link too.  Off by default (a program that means to
 * rewrite its input leaves it off); process-wide and thread-safe.
 * enf_inputs_clear forgets every file remembered. */
ENF_EXPORT void enf_inputs_track(int on);
ENF_EXPORT int enf_inputs_add(const char *path, enf_error *err);
ENF_EXPORT void enf_inputs_clear(void);
/* Remove the temporary files of every output not yet committed or aborted.
 * Async-signal-safe (only unlink): for a program's SIGINT/SIGTERM handler,
 * so that an interrupted run leaves no temporary file behind. */
ENF_EXPORT void enf_output_remove_temporaries(void);

/* ---------------------------------------------------------------- diff
 * The difference between two versions of a text (diff.c).  Tokens are
 * words of Latin letters and digits and single other characters, so English
 * changes show word by word and Chinese ones character by character. */

typedef enum {
    ENF_DIFF_EQUAL = 0,      /* a[a_off..+a_len) == b[b_off..+b_len) */
    ENF_DIFF_DELETE,         /* a[a_off..+a_len) is not in b (b_len 0) */
    ENF_DIFF_INSERT          /* b[b_off..+b_len) is new (a_len 0) */
} enf_diff_kind;

typedef struct {
    enf_diff_kind kind;
    size_t a_off, a_len;     /* byte span in the old text */
    size_t b_off, b_len;     /* byte span in the new text */
} enf_diff_op;

/* A shortest edit script from a to b (Myers), in order; the spans of the
 * EQUAL and DELETE ops tile a, those of EQUAL and INSERT ops tile b.  Very
 * different middles are given as one delete and one insert.  *out is
 * malloc-owned by the caller (NULL when both texts are empty). */
ENF_EXPORT int enf_diff_text(const char *a, size_t alen, const char *b, size_t blen,
                  enf_diff_op **out, size_t *n_out, enf_error *err);

#ifdef __cplusplus
}
#endif
#endif
