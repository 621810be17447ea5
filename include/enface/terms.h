/* enface/terms.h — the terms wing of libenface:
 * term lists and bilingual evidence: glossaries (TSV, TBX), term
 * matching, the CC-CEDICT lexicon and glossary discovery.
 *
 * Part of the public API (enface.h includes every wing).  Inside the
 * library only the wings listed in docs/architecture.md may include it.
 */
#ifndef ENFACE_TERMS_H
#define ENFACE_TERMS_H

#include "wings.h"

#if defined(ENF_WING) && !(ENF_WING & (ENF_WING_TERMS | ENF_WING_ALIGN | ENF_WING_CHECK | ENF_WING_WRITE | ENF_WING_REPORT | ENF_WING_CLI))
#error "enface/terms.h: this wing may not use the terms wing (docs/architecture.md)"
#endif

#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

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

/* The context language of glossary/README.md ("Contexts"): a rendering
 * written RENDERING[COND;COND...] counts only where every condition holds.
 * Used by the suspect column (a rendering wrong as this term, right in
 * general Chinese) and by forbidden items with an everyday sense
 * (报纸[!near=新闻,媒体]). */
typedef enum {
    ENF_COND_BEFORE = 0,   /* before=A,B: directly preceded by one of the words */
    ENF_COND_AFTER,        /* after=A,B: directly followed by one of the words */
    ENF_COND_NOTIN,        /* notin=W,V: not inside one of the words (甘 not in 甘肃) */
    ENF_COND_NEAR,         /* near=W,V: one of the words in the same sentence */
    ENF_COND_NUM,          /* num: preceded by a number and an optional measure word */
    ENF_COND_LATIN,        /* latin: the entry's English form in the same block */
    ENF_COND_DOMAIN        /* domain: another glossary term in the same block */
} enf_cond_kind;

typedef struct {
    enf_cond_kind kind;
    int negate;                      /* written !cond */
    const char *const *words;  size_t n_words;
} enf_cond;

typedef struct {
    const char *zh;                  /* the rendering itself */
    const enf_cond *conds;     size_t n_conds;   /* all must hold; none = always */
    const char *spec;                /* the item as written, for the TSV writer */
} enf_context;

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
    /* suspect renderings: wrong as this term where their context holds */
    const enf_context *suspects;   size_t n_suspects;
    /* NULL, or one context per forbidden item (n_conds 0: always forbidden) */
    const enf_context *forbidden_ctx;
    /* 近义 group names (the equivalents column): renderings of one group
     * are never inconsistent with each other; group_of[r] is the group of
     * rendering r in the S_rindex order (zh, verbatim, variants), 0 = none */
    const unsigned *group_of;      size_t n_group_of;
} enf_term;

typedef struct enf_glossary enf_glossary;

ENF_EXPORT int enf_glossary_new(enf_glossary **out, enf_error *err);
ENF_EXPORT void enf_glossary_free(enf_glossary *g);
/* Add the entries of a TSV (or TBX, by extension) file; later files win. */
ENF_EXPORT int enf_glossary_load(enf_glossary *g, const char *path, enf_error *err);
ENF_EXPORT size_t enf_glossary_count(const enf_glossary *g);
ENF_EXPORT const enf_term *enf_glossary_term(const enf_glossary *g, size_t i);

/* What a match found. */
typedef enum {
    ENF_MATCH_EN = 0,        /* the English term (in English text) */
    ENF_MATCH_APPROVED,      /* an approved Chinese rendering */
    ENF_MATCH_VERBATIM,      /* the English form kept inside Chinese text */
    ENF_MATCH_FORBIDDEN,
    ENF_MATCH_VARIANT,
    ENF_MATCH_SUSPECT        /* a suspect rendering (only from enf_glossary_match_suspects) */
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
ENF_EXPORT int enf_glossary_match(const enf_glossary *g, int lang, const char *text, size_t len,
                       enf_match **out, size_t *n_out, enf_error *err);

/* Matches of suspect renderings (kind ENF_MATCH_SUSPECT, rendering = index
 * into the term's suspects), in text order, none overlapping a match of
 * enf_glossary_match (a longer regular term wins); their contexts are not
 * evaluated here (enf_context_holds).  *out is malloc-owned. */
ENF_EXPORT int enf_glossary_match_suspects(const enf_glossary *g, const char *text, size_t len,
                                           enf_match **out, size_t *n_out, enf_error *err);

/* Whether every condition of ctx holds for the rendering at text[off, off+len)
 * of a block whose source is text[0, text_len); term is the entry's index;
 * matches are the block's regular matches (enf_glossary_match), used by
 * the domain condition. */
ENF_EXPORT int enf_context_holds(const enf_glossary *g, size_t term, const enf_context *ctx,
                                 const char *text, size_t text_len, size_t off, size_t len,
                                 const enf_match *matches, size_t n_matches);

/* ---------------------------------------------------------------- glossary files */

/* Write the glossary as TSV (glossary/README.md) or as TBX (ISO 30042,
 * TBX-Basic dialect: conceptEntry/langSec/termSec, administrativeStatus
 * preferred/admitted/deprecated/superseded; verbatim and flags as
 * x-enface-* termNotes).  enf_glossary_load reads .tbx/.xml files back. */
ENF_EXPORT int enf_glossary_write_tsv(const enf_glossary *g, FILE *f, enf_error *err);
ENF_EXPORT int enf_glossary_write_tbx(const enf_glossary *g, FILE *f, enf_error *err);
/* Load from a buffer; name is for messages, format is one of ENF_GLOSSARY_*
 * (1 = TBX, as before).  enf_glossary_load picks it by extension: .tbx/.xml
 * TBX, .md/.markdown a Markdown table, .csv CSV, anything else TSV.
 * Markdown: the first table whose header has an English column (English,
 * 英文, term, source) and a Chinese one (建议翻译, 中文, 简体中文, 翻译,
 * target); a cell "不翻译" keeps the term verbatim, quoted strings in a cell
 * ("非兼容"或"不兼容") are its renderings, '/' and '、' separate several.
 * CSV: the same header names (Crowdin's "Term [en]", Weblate's "source",
 * "target"), or no header and English, Chinese (the MT engines' form). */
#define ENF_GLOSSARY_TSV 0
#define ENF_GLOSSARY_TBX 1
#define ENF_GLOSSARY_MD  2
#define ENF_GLOSSARY_CSV 3
ENF_EXPORT int enf_glossary_load_buffer(enf_glossary *g, const char *name, const char *data,
                             size_t len, int format, enf_error *err);
/* Two columns, English and the preferred rendering, no header (what DeepL
 * and Google take as a glossary); a must-stay name maps to itself. */
ENF_EXPORT int enf_glossary_write_csv(const enf_glossary *g, FILE *f, enf_error *err);

/* A glossary read against aligned translations (glossary_lint.c): add
 * pair after pair, then enf_glossary_usage_lint writes one line per entry
 * the translations contradict, "SOURCE:LINE: warning: [lint.KIND] ...":
 * lint.unused (the English is in min_beads or more aligned paragraphs and
 * no Chinese writes an accepted form), lint.swapped (two such entries
 * whose approved forms stand in for each other in most of them),
 * lint.forbidden-used (a forbidden form in half or more of them).
 * *n_found counts the lines. */
typedef struct enf_glossary_usage enf_glossary_usage;
ENF_EXPORT int enf_glossary_usage_new(const enf_glossary *g, enf_glossary_usage **out, enf_error *err);
ENF_EXPORT int enf_glossary_usage_add(enf_glossary_usage *u, const enf_doc *en, const enf_doc *zh,
                                      const enf_alignment *al, enf_error *err);
ENF_EXPORT int enf_glossary_usage_lint(enf_glossary_usage *u, size_t min_beads, FILE *f, size_t *n_found,
                                       enf_error *err);
ENF_EXPORT void enf_glossary_usage_free(enf_glossary_usage *u);

/* Glossary discovery: English words and phrases (1-3 words, seen in two or
 * more aligned blocks) that the glossary g (may be NULL) lacks, with the
 * Chinese strings that co-occur with them in the aligned blocks, ranked;
 * written as glossary TSV (header included) with the evidence in the note
 * column.  At most max_terms rows (0 = 100). */
ENF_EXPORT int enf_discover(const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
                 const enf_glossary *g, size_t max_terms, FILE *f, enf_error *err);
typedef struct enf_lexicon enf_lexicon;
/* The same with a dictionary (lx, may be NULL): a translated term is then
 * proposed only when the dictionary pairs one of its words with one of its
 * rendering's, which leaves out the wrong pairs co-occurrence alone finds. */
ENF_EXPORT int enf_discover_dict(const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
                                 const enf_glossary *g, const enf_lexicon *lx, size_t max_terms,
                                 FILE *f, enf_error *err);

/* The same over many pairs (check --discover --pairs): add pair after pair
 * (their documents may be freed after), then write once; the note column
 * then names where each rendering is first seen (FILE:LINE of the Chinese),
 * which it also does for a term rendered differently in one pair. */
typedef struct enf_discovery enf_discovery;
ENF_EXPORT int enf_discovery_new(const enf_glossary *g, const enf_lexicon *lx, enf_discovery **out,
                                 enf_error *err);
ENF_EXPORT int enf_discovery_add(enf_discovery *d, const enf_doc *en, const enf_doc *zh,
                                 const enf_alignment *al, enf_error *err);
ENF_EXPORT int enf_discovery_write(enf_discovery *d, size_t max_terms, FILE *f, enf_error *err);
ENF_EXPORT void enf_discovery_free(enf_discovery *d);

/* ---------------------------------------------------------------- lexicon
 * Bilingual evidence for the sentence aligner (lexicon.c): a Chinese word
 * list with English glosses, read from CC-CEDICT ("cedict_ts.u8": lines
 * "TRAD SIMP [pin1 yin1] /gloss/gloss/", '#' comments) and from term pairs
 * (a glossary).  Chinese text is cut by longest match over the headwords;
 * English words are reduced by suffix stripping, and glosses the same way,
 * so "walked" meets the gloss "to walk".  Read-only once loaded: one
 * lexicon can serve many threads. */

ENF_EXPORT int enf_lexicon_new(enf_lexicon **out, enf_error *err);
ENF_EXPORT void enf_lexicon_free(enf_lexicon *lx);
/* Add every entry of a CC-CEDICT file (both the simplified and the
 * traditional headword).  The file is UTF-8 text (cedict_ts.u8, .txt) or
 * gzip-compressed text (the official cedict_1_0_ts_utf-8_mdbg.txt.gz),
 * recognised by its content, not its name.  Malformed lines are an
 * ENF_EINPUT error naming file:line; a damaged gzip file one naming it. */
ENF_EXPORT int enf_lexicon_load_cedict(enf_lexicon *lx, const char *path, enf_error *err);

/* Where enf_lexicon_load_cedict_cached took the entries from. */
typedef enum {
    ENF_LEXICON_PARSED = 0,       /* parsed; no cache was used or written */
    ENF_LEXICON_FROM_CACHE,       /* mapped from a valid cache file */
    ENF_LEXICON_CACHE_BUILT       /* parsed, and the cache (re)written */
} enf_lexicon_origin;

/* The same through a cache in cache_dir (created, mode 0700, when missing;
 * NULL = no cache): the parsed lexicon stored as a compact file that is
 * memory-mapped on the next load, named after the dictionary's real path
 * and valid only for the source's size, mtime and CRC-32 and this build's
 * parser.  A stale, truncated or damaged cache is never used: it is rebuilt
 * (written to a temporary file, then renamed).  The cache applies only when
 * lx is empty (otherwise this is enf_lexicon_load_cedict); a cache that
 * cannot be written is not an error.  origin (may be NULL) says which
 * happened.  The lexicon is the same, entry for entry, either way. */
ENF_EXPORT int enf_lexicon_load_cedict_cached(enf_lexicon *lx, const char *path,
                                              const char *cache_dir, enf_lexicon_origin *origin,
                                              enf_error *err);
/* The same from a buffer (path names it in messages; gzip data is
 * inflated). */
ENF_EXPORT int enf_lexicon_load_cedict_buffer(enf_lexicon *lx, const char *path, const char *data,
                                              size_t len, enf_error *err);
/* Add one term pair (e.g. a glossary entry): zh is a Chinese word, en an
 * English phrase whose words become its glosses. */
ENF_EXPORT int enf_lexicon_add_term(enf_lexicon *lx, const char *zh, const char *en, enf_error *err);
ENF_EXPORT size_t enf_lexicon_count(const enf_lexicon *lx);   /* distinct headwords */
/* Add a glossary's term pairs: each approved rendering and known variant
 * becomes a headword glossed by the English term (forbidden ones do not). */
ENF_EXPORT int enf_lexicon_add_glossary(enf_lexicon *lx, const enf_glossary *g, enf_error *err);

/* Cut Chinese text into words by longest match over the lexicon (single
 * characters where nothing matches; runs of Latin letters or digits are one
 * word).  Spans are byte offsets into s; *out is malloc-owned. */
ENF_EXPORT int enf_lexicon_segment_zh(const enf_lexicon *lx, const char *s, size_t len,
                           enf_span **out, size_t *n_out, enf_error *err);

/* The stem the lexicon reduces an English word to ("walked" -> "walk"),
 * NUL-terminated into buf; returns its length (0 for a stop word). */
ENF_EXPORT size_t enf_lexicon_stem_en(const char *word, size_t len, char *buf, size_t bufsz);

#ifdef __cplusplus
}
#endif
#endif
