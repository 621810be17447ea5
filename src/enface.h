/* enface.h — the whole public API of libenface.
 *
 * Data flow: file -> reader -> enf_doc (leaf blocks with anchors)
 *            -> enf_align_blocks -> enf_alignment (beads) -> writers/checks.
 * Every stage takes and returns the plain structures declared here.
 *
 * Conventions (after libgit2): functions return ENF_OK (0) or an error code
 * and fill an enf_error with a one-line message naming file:line:col where
 * known; results come back through out parameters; every *_new / *_read
 * has a matching *_free.  The library never exits or prints.
 */
#ifndef ENFACE_H
#define ENFACE_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ENFACE_VERSION "0.1.0"

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
int enf_error_set(enf_error *err, int code, const char *fmt, ...)
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

enf_arena *enf_arena_new(void);
void *enf_arena_alloc(enf_arena *a, size_t size);       /* zeroed, aligned */
char *enf_arena_strndup(enf_arena *a, const char *s, size_t n);
void enf_arena_free(enf_arena *a);

/* ---------------------------------------------------------------- text */

/* Check that buf is valid UTF-8 without NUL bytes.  On failure returns
 * ENF_EINPUT with "NAME:LINE:COL: ..." in err. */
int enf_utf8_check(const char *name, const char *buf, size_t len, enf_error *err);

/* Number of Unicode code points in s[0..len). */
size_t enf_utf8_count(const char *s, size_t len);

/* Decode one code point at s (len bytes available); stores its byte length
 * in *adv (>= 1).  Invalid sequences decode as U+FFFD with *adv = 1. */
int enf_utf8_decode(const char *s, size_t len, int *adv);

/* Whether a code point is a CJK ideograph / CJK punctuation. */
int enf_is_han(int cp);
int enf_is_cjk_punct(int cp);

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

typedef struct {
    enf_anchor_kind kind;
    const char *value;      /* normalized, NUL-terminated, in the doc arena */
    unsigned hash;          /* hash of kind and value, for quick matching */
} enf_anchor;

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
    size_t src_off, src_len;/* byte span of the block in enf_doc.data */
    int start_line, start_col, end_line, end_col;   /* 1-based */
    const enf_anchor *anchors;
    size_t n_anchors;
} enf_block;

typedef enum {
    ENF_UNITS_AUTO = 0,     /* by file name: .html/.htm -> HTML, else Markdown */
    ENF_UNITS_MARKDOWN,
    ENF_UNITS_HTML,
    ENF_UNITS_LINES
} enf_units;

typedef struct {
    char *name;             /* file name as given, for messages */
    char *data;             /* the whole input, NUL-terminated */
    size_t len;
    enf_units units;
    enf_block *blocks;
    size_t n_blocks;
    size_t *line_start;     /* byte offset of each line; [n_lines] = len + 1 */
    size_t n_lines;
    enf_arena *arena;       /* owns everything reachable from blocks */
} enf_doc;

/* Read a file (or "-" for standard input) into a Doc.  Refuses missing
 * files, directories, binary data, invalid UTF-8 and files larger than
 * ENF_MAX_INPUT_BYTES with ENF_EINPUT/ENF_EIO and a message naming the file. */
int enf_doc_read_file(const char *path, enf_units units, enf_doc **out, enf_error *err);

/* Parse a buffer.  name is used in messages; data need not be NUL-terminated. */
int enf_doc_read_markdown(const char *name, const char *data, size_t len,
                          enf_doc **out, enf_error *err);
int enf_doc_read_html(const char *name, const char *data, size_t len,
                      enf_doc **out, enf_error *err);
int enf_doc_read_lines(const char *name, const char *data, size_t len,
                       enf_doc **out, enf_error *err);

void enf_doc_free(enf_doc *doc);

/* Read a small untrusted text file (a beads file, a config file) with the
 * same checks as documents: not a directory, at most ENF_MAX_INPUT_BYTES,
 * valid UTF-8 without NUL ("FILE:LINE:COL: ..." otherwise).  An empty file
 * is allowed.  *out is malloc-owned by the caller and NUL-terminated. */
int enf_read_text_file(const char *path, char **out, size_t *len, enf_error *err);

/* 1-based line and column (in code points) of a byte offset of doc->data. */
void enf_doc_position(const enf_doc *doc, size_t off, int *line, int *col);

/* Plain-text name of a block kind: "heading", "paragraph", "code_block",
 * "html_block", "line". */
const char *enf_block_kind_name(enf_block_kind kind);

/* Fill a block's anchors from its text (numbers, arXiv ids, DOIs, URLs,
 * Latin tokens) plus the extra anchors given (link targets, inline code
 * found by the reader).  Used by the readers. */
int enf_anchors_build(enf_arena *arena, enf_block *block,
                      const enf_anchor *extra, size_t n_extra);

/* Normalize a link target for comparison across languages: scheme, "www.",
 * host case, trailing slash, fragment, tracking parameters (utm_*, ref, ...)
 * and language path segments (/zh/, /zh-cn/, /en/) are dropped.  Writes a
 * NUL-terminated string into out (size outsz); returns its length. */
size_t enf_url_normalize(const char *url, size_t len, char *out, size_t outsz);

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

typedef struct {
    int band;               /* half width of the search band; 0 = default */
    double low_confidence;  /* beads scoring below are flagged; 0 = default */
    const struct enf_lexicon *lexicon;  /* NULL, or bilingual evidence for
                               blocks without shared anchors (--dict) */
    const char *params;     /* NULL, or "name=value,..." overriding the cost
                               weights (for tools/tune-align; the CLI passes
                               --param values the sentence aligner does not
                               know); unknown names
                               are an ENF_EUSAGE error */
} enf_align_opts;

/* The aligner's programme has one cell per (en block, zh block) pair inside
 * the band (one byte each, kept; costs only for the last rows); more than
 * this many cells is refused with ENF_EINPUT rather than taking minutes:
 * at the default band that is about 260,000 blocks per document. */
#define ENF_MAX_ALIGN_CELLS ((size_t)32 * 1024 * 1024)

/* A review page is for reading: documents with more blocks than this
 * (both sides together) are refused by enf_report_write with ENF_EINPUT
 * instead of building a page no browser could show. */
#define ENF_MAX_REPORT_BLOCKS ((size_t)100000)

/* Align two documents' blocks.  opts may be NULL for defaults. */
int enf_align_blocks(const enf_doc *en, const enf_doc *zh,
                     const enf_align_opts *opts, enf_alignment **out,
                     enf_error *err);
void enf_alignment_free(enf_alignment *al);

/* "1-1", "2-1", "0-1" ... into buf (at least 16 bytes). */
const char *enf_bead_type(const enf_bead *b, char *buf, size_t bufsz);

/* ---------------------------------------------------------------- glossary
 * Term lists (glossary/README.md): English term, approved Chinese renderings
 * (first preferred), verbatim rule, forbidden renderings, known variants,
 * match flags.  Several files can be layered: a later entry for the same
 * English term replaces the earlier one.  (glossary.c, tbx.c, match.c) */

typedef enum {
    ENF_VERBATIM_NO = 0,    /* must be translated */
    ENF_VERBATIM_OK = 1,    /* the English form is also accepted ("Transformer") */
    ENF_VERBATIM_MUST = 2   /* must stay as written ("ViT", "BERT") */
} enf_verbatim;

#define ENF_TERM_CASE  0x01u   /* English match is case-sensitive */
#define ENF_TERM_EXACT 0x02u   /* no inflections (plural, -ing, -ed, -based) */

typedef struct {
    const char *en;
    const char *const *zh;         size_t n_zh;         /* approved, [0] preferred */
    const char *const *forbidden;  size_t n_forbidden;
    const char *const *variants;   size_t n_variants;   /* tolerated, count for consistency */
    enf_verbatim verbatim;
    unsigned flags;                /* ENF_TERM_* */
    const char *note;
    const char *source;            /* file the entry came from */
    int line;                      /* its line there */
} enf_term;

typedef struct enf_glossary enf_glossary;

int enf_glossary_new(enf_glossary **out, enf_error *err);
void enf_glossary_free(enf_glossary *g);
/* Add the entries of a TSV (or TBX, by extension) file; later files win. */
int enf_glossary_load(enf_glossary *g, const char *path, enf_error *err);
size_t enf_glossary_count(const enf_glossary *g);
const enf_term *enf_glossary_term(const enf_glossary *g, size_t i);

/* What a match found. */
typedef enum {
    ENF_MATCH_EN = 0,        /* the English term (in English text) */
    ENF_MATCH_APPROVED,      /* an approved Chinese rendering */
    ENF_MATCH_VERBATIM,      /* the English form kept inside Chinese text */
    ENF_MATCH_FORBIDDEN,
    ENF_MATCH_VARIANT
} enf_match_kind;

typedef struct {
    size_t term;             /* index into the glossary */
    enf_match_kind kind;
    size_t rendering;        /* index into zh / forbidden / variants */
    size_t off, len;         /* byte span in the matched text */
} enf_match;

/* All non-overlapping matches in text, longest first, never inside URLs,
 * inline code or a longer word; lang 0 = English text, 1 = Chinese text.
 * text may be Markdown source: code spans, link targets, autolinks, HTML
 * tags and comments, bare URLs (ending at white space or CJK punctuation)
 * and domain names are skipped.  English matching is by whole words with
 * plural and -ing/-ed forms (unless ENF_TERM_EXACT) and "pre-"/"fine-"
 * compounds joined; Chinese matching is longest-first over all renderings,
 * with a space between Chinese and Latin text ignored.  Matches are in text
 * order; off/len are bytes.  *out is malloc-owned by the caller. */
int enf_glossary_match(const enf_glossary *g, int lang, const char *text, size_t len,
                       enf_match **out, size_t *n_out, enf_error *err);

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
    char *term, *expected, *found;    /* evidence; may be NULL */
} enf_finding;

typedef struct {
    enf_finding *v;
    size_t n, cap;
} enf_findings;

void enf_findings_free(enf_findings *f);   /* frees the contents, not f */

/* Append a finding; strings are copied (any may be NULL except rule).
 * Returns ENF_OK or ENF_ENOMEM. */
int enf_findings_add(enf_findings *f, const enf_finding *proto);
/* Sort by Chinese (else English) line, then column, then rule. */
void enf_findings_sort(enf_findings *f);
/* Most severe severity present (ENF_SEV_NONE when empty). */
enf_severity enf_findings_max(const enf_findings *f);

/* "off", "note", "warning", "error" (also "none"); returns -1 when unknown. */
int enf_severity_parse(const char *s, enf_severity *out);
const char *enf_severity_name(enf_severity s);

/* ---------------------------------------------------------------- glossary files */

/* Write the glossary as TSV (glossary/README.md) or as TBX (ISO 30042,
 * TBX-Basic dialect: conceptEntry/langSec/termSec, administrativeStatus
 * preferred/admitted/deprecated/superseded; verbatim and flags as
 * x-enface-* termNotes).  enf_glossary_load reads .tbx/.xml files back. */
int enf_glossary_write_tsv(const enf_glossary *g, FILE *f, enf_error *err);
int enf_glossary_write_tbx(const enf_glossary *g, FILE *f, enf_error *err);
/* Load from a buffer; name is for messages, tbx selects the format. */
int enf_glossary_load_buffer(enf_glossary *g, const char *name, const char *data,
                             size_t len, int tbx, enf_error *err);

/* ---------------------------------------------------------------- check
 * enface check: every rule has an id and a default severity; the checks are
 * one file per rule family (check_glossary.c, check_links.c, ...), all run
 * by enf_check over a Chinese document and, in bilingual mode, its English
 * original and their block alignment. */

typedef enum {
    ENF_RULE_GLOSSARY_MISSING = 0,
    ENF_RULE_GLOSSARY_FORBIDDEN,
    ENF_RULE_GLOSSARY_INCONSISTENT,
    ENF_RULE_GLOSSARY_VERBATIM,
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
    ENF_RULE__COUNT
} enf_rule;

typedef struct {
    const char *id;              /* "glossary.forbidden" */
    enf_severity default_severity;   /* ENF_SEV_NONE = off by default */
    enf_severity enabled_severity;   /* what --enable turns it on as */
    int bilingual_only;          /* needs the English document */
    const char *summary;         /* one line, for --help and SARIF */
} enf_rule_info;

const enf_rule_info *enf_rule_get(enf_rule r);
/* Rule index by id, or -1. */
int enf_rule_find(const char *id);

typedef struct {
    enf_severity severity[ENF_RULE__COUNT];   /* ENF_SEV_NONE = rule off */
    const enf_glossary *glossary;             /* NULL = no glossary rules */
} enf_check_opts;

/* Default severities, no glossary. */
void enf_check_opts_init(enf_check_opts *o);
/* Set the severity of a rule, of a family ("glossary", "link", "block") or of
 * "all".  sev -1 means "enable at the rule's usual severity". */
int enf_check_opts_set(enf_check_opts *o, const char *rule, int sev, enf_error *err);

/* Check zh (the translation).  en may be NULL (Chinese-only mode: the
 * glossary, markup, untranslated and spacing rules run alone).  al is the
 * block alignment of en with zh; NULL = computed with enf_align_blocks.
 * Findings are appended to out, sorted, with suppression comments
 * (<!-- enface-disable RULE --> ... <!-- enface-enable RULE -->, RULE may be
 * a family or omitted for all; <!-- enface-disable-next-line RULE -->) in
 * zh applied. */
int enf_check(const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
              const enf_check_opts *opts, enf_findings *out, enf_error *err);

/* Glossary discovery: English words and phrases (1-3 words, seen in two or
 * more aligned blocks) that the glossary g (may be NULL) lacks, with the
 * Chinese strings that co-occur with them in the aligned blocks, ranked;
 * written as glossary TSV (header included) with the evidence in the note
 * column.  At most max_terms rows (0 = 100). */
int enf_discover(const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
                 const enf_glossary *g, size_t max_terms, FILE *f, enf_error *err);

/* ---------------------------------------------------------------- findings writers */

typedef enum {
    ENF_FINDINGS_TEXT = 0,   /* zh.md:12:5: error: [rule] message */
    ENF_FINDINGS_JSON,       /* {"version":1,"findings":[...],"summary":{...}} */
    ENF_FINDINGS_SARIF,      /* SARIF 2.1.0 */
    ENF_FINDINGS_GITHUB      /* ::error file=..,line=..,col=..,title=..::msg */
} enf_findings_format;

#define ENF_WF_SOURCE 0x01u  /* text: print the source line and a caret */
#define ENF_WF_COLOR  0x02u  /* text: ANSI colours */

/* Write findings located in en (may be NULL) and zh.  The text, github and
 * sarif writers name the Chinese file when the finding has a place there,
 * else the English one. */
int enf_write_findings(FILE *f, enf_findings_format fmt, const enf_doc *en,
                       const enf_doc *zh, const enf_findings *fs, unsigned flags,
                       enf_error *err);

/* ---------------------------------------------------------------- config */

/* .enface.ini (read with inih):
 *   [check]   glossary = PATH (repeatable, layered in order; relative to the
 *             file's directory), fail-on = LEVEL, format = text|json|sarif|github
 *   [rules]   RULE-OR-FAMILY = off|note|warning|error|on
 * Rule settings are applied to opts.  Errors name file:line. */
typedef struct {
    char **glossaries;
    size_t n_glossaries;
    int fail_on;             /* an enf_severity, or -1 when not set */
    char *format;            /* NULL when not set */
} enf_config;

int enf_config_load(const char *path, enf_config *cfg, enf_check_opts *opts, enf_error *err);
/* Find .enface.ini in dir or its parents; returns a malloc'd path or NULL. */
char *enf_config_find(const char *dir);
void enf_config_free(enf_config *cfg);

/* ---------------------------------------------------------------- output */

/* Atomic output: data goes to a temporary file beside path and is renamed
 * over path only by enf_output_commit; enf_output_abort removes it, leaving
 * whatever was at path untouched.  path "-" or NULL writes to stdout; an
 * existing device or FIFO (/dev/null, /dev/stderr) is written in place,
 * not replaced; a directory is refused (ENF_EUSAGE). */
typedef struct enf_output enf_output;

int enf_output_open(const char *path, enf_output **out, enf_error *err);
FILE *enf_output_file(enf_output *o);
int enf_output_commit(enf_output *o, enf_error *err);   /* frees o */
void enf_output_abort(enf_output *o);                    /* frees o */
/* Inputs are never outputs.  After enf_inputs_track(1), every regular file
 * the library reads (and each path given to enf_inputs_add, for files the
 * caller reads itself) is remembered by device and inode, and
 * enf_output_open and enf_output_commit refuse, with ENF_EUSAGE and a
 * message naming both files, to put an output over one of them — through
 * a symlink or a hard link too.  Off by default (a program that means to
 * rewrite its input leaves it off); process-wide and thread-safe.
 * enf_inputs_clear forgets every file remembered. */
void enf_inputs_track(int on);
int enf_inputs_add(const char *path, enf_error *err);
void enf_inputs_clear(void);
/* Remove the temporary files of every output not yet committed or aborted.
 * Async-signal-safe (only unlink): for a program's SIGINT/SIGTERM handler,
 * so that an interrupted run leaves no temporary file behind. */
void enf_output_remove_temporaries(void);

typedef enum {
    ENF_ALIGN_FMT_BEADS = 0,
    ENF_ALIGN_FMT_TSV,
    ENF_ALIGN_FMT_JSONL
} enf_align_format;

/* Write an alignment.  beads: "[12,14]:[11]" per line (unit ids of the
 * left document first); tsv: type, score, lines and both texts; jsonl: one
 * object per bead with ids, lines, texts, type, score and flags.
 * explain adds the score components (tsv/jsonl) or a comment (beads). */
int enf_write_alignment(FILE *f, enf_align_format fmt, const enf_doc *en,
                        const enf_doc *zh, const enf_alignment *al,
                        int explain, enf_error *err);

/* Parse a beads file (unit ids) against two docs into an alignment over
 * block indexes, for evaluation and for reusing a stored alignment. */
int enf_read_beads(const char *name, const char *data, size_t len,
                   const enf_doc *en, const enf_doc *zh,
                   enf_alignment **out, enf_error *err);

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
int enf_diff_text(const char *a, size_t alen, const char *b, size_t blen,
                  enf_diff_op **out, size_t *n_out, enf_error *err);

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
} enf_report_opts;

/* Write the page for en/zh and their alignment to f.  findings may be NULL
 * (the checks were not run: the page says so) or empty (clean); g may be
 * NULL (no term highlighting); opts may be NULL. */
int enf_report_write(FILE *f, const enf_doc *en, const enf_doc *zh,
                     const enf_alignment *al, const enf_findings *findings,
                     const enf_glossary *g, const enf_report_opts *opts,
                     enf_error *err);

/* ---------------------------------------------------------------- lexicon
 * Bilingual evidence for the sentence aligner (lexicon.c): a Chinese word
 * list with English glosses, read from CC-CEDICT ("cedict_ts.u8": lines
 * "TRAD SIMP [pin1 yin1] /gloss/gloss/", '#' comments) and from term pairs
 * (a glossary).  Chinese text is cut by longest match over the headwords;
 * English words are reduced by suffix stripping, and glosses the same way,
 * so "walked" meets the gloss "to walk".  Read-only once loaded: one
 * lexicon can serve many threads. */

typedef struct enf_lexicon enf_lexicon;

int enf_lexicon_new(enf_lexicon **out, enf_error *err);
void enf_lexicon_free(enf_lexicon *lx);
/* Add every entry of a CC-CEDICT file (both the simplified and the
 * traditional headword).  Malformed lines are an ENF_EINPUT error naming
 * file:line. */
int enf_lexicon_load_cedict(enf_lexicon *lx, const char *path, enf_error *err);
/* Add one term pair (e.g. a glossary entry): zh is a Chinese word, en an
 * English phrase whose words become its glosses. */
int enf_lexicon_add_term(enf_lexicon *lx, const char *zh, const char *en, enf_error *err);
size_t enf_lexicon_count(const enf_lexicon *lx);   /* distinct headwords */
/* Add a glossary's term pairs: each approved rendering and known variant
 * becomes a headword glossed by the English term (forbidden ones do not). */
int enf_lexicon_add_glossary(enf_lexicon *lx, const enf_glossary *g, enf_error *err);

/* Cut Chinese text into words by longest match over the lexicon (single
 * characters where nothing matches; runs of Latin letters or digits are one
 * word).  Spans are byte offsets into s; *out is malloc-owned. */
typedef struct {
    size_t off, len;
} enf_span;

int enf_lexicon_segment_zh(const enf_lexicon *lx, const char *s, size_t len,
                           enf_span **out, size_t *n_out, enf_error *err);

/* The stem the lexicon reduces an English word to ("walked" -> "walk"),
 * NUL-terminated into buf; returns its length (0 for a stop word). */
size_t enf_lexicon_stem_en(const char *word, size_t len, char *buf, size_t bufsz);

/* ---------------------------------------------------------------- sentences
 * Sentence boundaries (segment.c).  English: ICU's sentence break iterator,
 * then breaks it should not have made are undone (abbreviations such as
 * "e.g.", "et al.", "Fig.", "Dr.", initials, decimals, URLs, ellipses
 * inside a sentence).  Chinese: after 。！？；…… (and "!?" ";"), with any
 * closing quotes and brackets that follow kept in the sentence.  lang:
 * ENF_LANG_EN, ENF_LANG_ZH, or ENF_LANG_AUTO (by the share of Han
 * characters).  Spans exclude surrounding white space; *out is
 * malloc-owned. */

#define ENF_LANG_AUTO (-1)
#define ENF_LANG_EN 0
#define ENF_LANG_ZH 1

int enf_segment_sentences(const char *text, size_t len, int lang, enf_span **out,
                          size_t *n_out, enf_error *err);

/* ENF_LANG_ZH when at least a fifth of the letters of s are Han characters. */
int enf_guess_lang(const char *s, size_t len);

/* The sentence aligner (align_sents.c): a banded dynamic programme over
 * beads 1-1, 1-0, 0-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-4, 4-1, 2-3, 3-2 whose
 * cost adds bead priors, a loose Gale-Church length term (characters, the
 * English/Chinese ratio calibrated on the texts), and lexical similarity:
 * idf-weighted dictionary-gloss matches of the Chinese words against the
 * English stems, plus numbers, Latin words, pinyin of names and punctuation
 * cues (? ! quotes : ... dash ;), as the mean of the bead's pooled Dice and
 * each member sentence's own coverage, less what random beads of the same
 * shape score on these texts.  The search follows the length diagonal in a
 * band (+-band sentences), so time and memory grow linearly. */

typedef struct {
    int band;               /* half width of the band; 0 = 30 */
    double w_len;           /* weight of the length term; < 0 = default */
    double w_lex;           /* weight of the lexical term; < 0 = default */
    double p_merge;         /* cost of each sentence beyond 1-1; < 0 = default */
    double p_skip;          /* cost of a 1-0 or 0-1 bead; < 0 = default */
    double p_many;          /* extra cost of 2-2, 2-3, 3-2; < 0 = default */
    double len_var;         /* Gale-Church variance per char; <= 0 = default */
    double low_confidence;  /* beads scoring below are flagged; 0 = 0.3 */
    double pooled;          /* weight of the pooled coverage against the
                               members' mean in the similarity (0.5) */
    double gamma;           /* the lexical reward grows as members^gamma (1) */
    int learn;              /* enf_align_sentences: passes with word pairs
                               learned from the one before (default 1) */
    double learn_min;       /* a learned pair occurs in >= this many beads (3) */
    double learn_dice;      /* ... with at least this Dice coefficient (0.5) */
} enf_sent_opts;

/* Defaults for every field (what a zeroed struct also means, except that
 * zero weights are taken literally once set by this function). */
void enf_sent_opts_init(enf_sent_opts *o);

/* Set one field by name ("w_len=0.4"); for tuning scripts.  ENF_EUSAGE
 * with a message for an unknown name or a bad number. */
int enf_sent_opts_set(enf_sent_opts *o, const char *assignment, enf_error *err);

/* A prepared pair of sentence lists: tokens, idf weights, the length ratio
 * and the chance similarity per bead shape are computed once, over all the
 * sentences, then any ranges can be aligned (whole texts, or the sentences
 * of each aligned block pair).  The strings must outlive the aligner. */
typedef struct enf_sent_aligner enf_sent_aligner;

int enf_sent_aligner_new(const enf_lexicon *lx, const enf_sent_opts *opts,
                         const char *const *en, const size_t *en_len, size_t n_en,
                         const char *const *zh, const size_t *zh_len, size_t n_zh,
                         enf_sent_aligner **out, enf_error *err);
void enf_sent_aligner_free(enf_sent_aligner *sa);

/* Lexical similarity of en[en0, +n_en) and zh[zh0, +n_zh) (a bead shape of
 * the aligner), less what random beads of that shape score, over 1 - that:
 * about 0 for unrelated text, up to 1.  Returns 0 when neither side has
 * evidence (or the shape is not one of the aligner's), 1 otherwise. */
int enf_sent_aligner_similarity(enf_sent_aligner *sa, size_t en0, int n_en, size_t zh0, int n_zh,
                                double *sim);

/* Align en[en0, en0+n_en) with zh[zh0, zh0+n_zh); bead ranges in *out are
 * absolute sentence indexes.  Either range may be empty. */
int enf_sent_aligner_align(enf_sent_aligner *sa, size_t en0, size_t n_en, size_t zh0,
                           size_t n_zh, enf_alignment **out, enf_error *err);

/* Learn word pairs from an alignment of this aligner's sentences: Chinese
 * and English words that keep meeting in the same confident beads (names
 * and their translations, a translator's habits) become extra glosses for
 * later calls of enf_sent_aligner_align. */
int enf_sent_aligner_learn(enf_sent_aligner *sa, const enf_alignment *al, enf_error *err);

/* Whole-text alignment of two one-sentence-per-line documents
 * (--units lines).  Which side is Chinese is found from the text, so the
 * left document may be either language; beads index left->blocks in
 * bead.en and right->blocks in bead.zh, as enf_write_alignment expects. */
int enf_align_sentences(const enf_doc *left, const enf_doc *right, const enf_lexicon *lx,
                        const enf_sent_opts *opts, enf_alignment **out, enf_error *err);


/* ---------------------------------------------------------------- corpus
 * Sentence pairs from one document pair (corpus.c): align the blocks, cut
 * each side's blocks into sentences, prepare one sentence aligner over the
 * whole document (idf, length ratio, chance levels) and align the
 * sentences inside each block bead.  Writers: TMX 1.4b (write_tmx.c,
 * libxml2), two-column TSV and JSONL with provenance (write_corpus.c). */

typedef struct {
    char *en, *zh;          /* the sentence texts (several joined by a space
                               in English, directly in Chinese); malloc-owned */
    double score;           /* the sentence bead's confidence in [0,1] */
    char type[8];           /* sentence bead type, "1-2" = 1 en : 2 zh */
    size_t block_bead;      /* index of the block bead it came from */
    int en_block, zh_block; /* unit id (1-based start line) of the first
                               block on each side */
    size_t en_sent, zh_sent;/* index of the first sentence, per side, in
                               the document's sentence list */
    size_t n_en, n_zh;      /* sentences on each side */
} enf_corpus_pair;

typedef struct {
    double min_score;        /* drop pairs scoring below (0 = keep all) */
    double min_ratio;        /* drop pairs whose zh/en character ratio, over
                                the document's own ratio, is below (0 = off) */
    double max_ratio;        /* ... or above (0 = off) */
    int drop_code;           /* skip code and HTML blocks */
    int drop_tables;         /* skip pipe tables */
    double max_unpaired;     /* skip the document when more than this share
                                of its blocks has no counterpart (0 = 0.5) */
    double min_block_score;  /* ... or its mean block bead score is below
                                (0 = 0.2) */
} enf_corpus_opts;

typedef struct {
    enf_corpus_pair *v;
    size_t n, cap;
    char skipped[256];       /* non-empty: why the document gave no pairs */
} enf_corpus_pairs;

/* Align one document pair into *out (which the caller zeroes first and
 * later frees with enf_corpus_pairs_free).  A document whose block
 * alignment is poor is not an error: out->skipped says why. */
int enf_corpus_align(const enf_doc *en, const enf_doc *zh, const enf_lexicon *lx,
                     const enf_sent_opts *sopts, const enf_corpus_opts *copts,
                     enf_corpus_pairs *out, enf_error *err);
void enf_corpus_pairs_free(enf_corpus_pairs *p);

typedef enum {
    ENF_CORPUS_FMT_JSONL = 0,
    ENF_CORPUS_FMT_TSV,
    ENF_CORPUS_FMT_TMX
} enf_corpus_format;

/* A streaming corpus writer: begin (TMX header), one call per document,
 * end (closes the TMX body).  doc is the document's name for provenance. */
typedef struct enf_corpus_writer enf_corpus_writer;

int enf_corpus_writer_new(FILE *f, enf_corpus_format fmt, enf_corpus_writer **out,
                          enf_error *err);
int enf_corpus_writer_add(enf_corpus_writer *w, const char *doc, const enf_corpus_pairs *p,
                          enf_error *err);
/* Finish the output (TMX: close </body></tmx>) and free the writer. */
int enf_corpus_writer_end(enf_corpus_writer *w, enf_error *err);

#ifdef __cplusplus
}
#endif
#endif
