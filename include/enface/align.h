/* enface/align.h — the align wing of libenface:
 * pairing: the block aligner, sentence boundaries, the sentence aligner
 * and sentence pairs of a document pair (corpus).
 *
 * Part of the public API (enface.h includes every wing).  Inside the
 * library only the wings listed in docs/architecture.md may include it.
 */
#ifndef ENFACE_ALIGN_H
#define ENFACE_ALIGN_H

#include "wings.h"

#if defined(ENF_WING) && !(ENF_WING & (ENF_WING_ALIGN | ENF_WING_CHECK | ENF_WING_WRITE | ENF_WING_CLI))
#error "enface/align.h: this wing may not use the align wing (docs/architecture.md)"
#endif

#include "model.h"
#include "terms.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- block aligner */
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

/* Align two documents' blocks.  opts may be NULL for defaults. */
ENF_EXPORT int enf_align_blocks(const enf_doc *en, const enf_doc *zh,
                     const enf_align_opts *opts, enf_alignment **out,
                     enf_error *err);

/* ---------------------------------------------------------------- sentences
 * Sentence boundaries (segment.c).  English: ICU's sentence break iterator,
 * then breaks it should not have made are undone (abbreviations such as
 * "e.g.", "et al.", "Fig.", "Dr.", initials, decimals, URLs, ellipses
 * inside a sentence).  Chinese: after 。！？；…… (and "!?" ";"), with any
 * closing quotes and brackets that follow kept in the sentence.  lang:
 * ENF_LANG_EN, ENF_LANG_ZH, or ENF_LANG_AUTO (by the share of Han
 * characters).  Spans exclude surrounding white space; *out is
 * malloc-owned. */

ENF_EXPORT int enf_segment_sentences(const char *text, size_t len, int lang, enf_span **out,
                          size_t *n_out, enf_error *err);

/* The sentences of doc->blocks[block] (enf_segment_sentences on its text),
 * cut the first time they are asked for and kept on the Doc, so that the
 * block aligner's costs and the corpus cut each block once.  *out is
 * borrowed: in the Doc's arena, valid until enf_doc_free.  Thread safety:
 * the cache is filled without a lock, so one Doc must not be asked from two
 * threads at once (the corpus reads each Doc in one thread); Docs of their
 * own in each thread are fine. */
ENF_EXPORT int enf_doc_sentences(const enf_doc *doc, size_t block, int lang, const enf_span **out,
                      size_t *n_out, enf_error *err);

/* The sentence aligner (align_sents.c): a banded dynamic programme over
 * beads 1-1, 1-0, 0-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-4, 4-1, 2-3, 3-2 whose
 * cost adds bead priors, a loose Gale-Church length term (characters, the
 * English/Chinese ratio calibrated on the texts), and lexical similarity:
 * idf-weighted dictionary-gloss matches of the Chinese words (and of the
 * characters of compounds, char_gloss) against the English stems, plus numbers, Latin words, pinyin of names and punctuation
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
    double w_quote;         /* cost of a bead that ends inside a quotation on
                               one side only; < 0 = default */
    int learn;              /* enf_align_sentences, corpus: passes with word
                               pairs learned from the one before; default
                               -1 = one with a dictionary (1000 headwords or
                               more), none without */
    double learn_min;       /* a learned pair occurs in >= this many beads (3) */
    double learn_dice;      /* ... with at least this Dice coefficient (0.5) */
    int char_gloss;         /* a Chinese word of two characters or more also
                               matches the first this many gloss words of
                               each of its characters; < 0 = default (2),
                               0 = none */
} enf_sent_opts;

/* Defaults for every field (what a zeroed struct also means, except that
 * zero weights are taken literally once set by this function). */
ENF_EXPORT void enf_sent_opts_init(enf_sent_opts *o);

/* Set one field by name ("w_len=0.4"); for tuning scripts.  ENF_EUSAGE
 * with a message for an unknown name or a bad number. */
ENF_EXPORT int enf_sent_opts_set(enf_sent_opts *o, const char *assignment, enf_error *err);

/* A prepared pair of sentence lists: tokens, idf weights, the length ratio
 * and the chance similarity per bead shape are computed once, over all the
 * sentences, then any ranges can be aligned (whole texts, or the sentences
 * of each aligned block pair).  The strings must outlive the aligner. */
typedef struct enf_sent_aligner enf_sent_aligner;

ENF_EXPORT int enf_sent_aligner_new(const enf_lexicon *lx, const enf_sent_opts *opts,
                         const char *const *en, const size_t *en_len, size_t n_en,
                         const char *const *zh, const size_t *zh_len, size_t n_zh,
                         enf_sent_aligner **out, enf_error *err);
ENF_EXPORT void enf_sent_aligner_free(enf_sent_aligner *sa);

/* Lexical similarity of en[en0, +n_en) and zh[zh0, +n_zh) (a bead shape of
 * the aligner), less what random beads of that shape score, over 1 - that:
 * about 0 for unrelated text, up to 1.  Returns 0 when neither side has
 * evidence (or the shape is not one of the aligner's), 1 otherwise. */
ENF_EXPORT int enf_sent_aligner_similarity(enf_sent_aligner *sa, size_t en0, int n_en, size_t zh0, int n_zh,
                                double *sim);

/* Align en[en0, en0+n_en) with zh[zh0, zh0+n_zh); bead ranges in *out are
 * absolute sentence indexes.  Either range may be empty. */
ENF_EXPORT int enf_sent_aligner_align(enf_sent_aligner *sa, size_t en0, size_t n_en, size_t zh0,
                           size_t n_zh, enf_alignment **out, enf_error *err);

/* Learn word pairs from an alignment of this aligner's sentences: Chinese
 * and English words that keep meeting in the same confident beads (names
 * and their translations, a translator's habits) become extra glosses for
 * later calls of enf_sent_aligner_align. */
ENF_EXPORT int enf_sent_aligner_learn(enf_sent_aligner *sa, const enf_alignment *al, enf_error *err);

/* Whole-text alignment of two one-sentence-per-line documents
 * (--units lines).  Which side is Chinese is found from the text, so the
 * left document may be either language; beads index left->blocks in
 * bead.en and right->blocks in bead.zh, as enf_write_alignment expects. */
ENF_EXPORT int enf_align_sentences(const enf_doc *left, const enf_doc *right, const enf_lexicon *lx,
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
                               the document's sentence list (opts.blocks:
                               of the first block in the Doc's blocks) */
    size_t n_en, n_zh;      /* sentences (opts.blocks: blocks) on each side */
} enf_corpus_pair;

typedef struct {
    double min_score;        /* drop pairs scoring below (0 = keep all) */
    double min_ratio;        /* drop pairs whose zh/en character ratio, over
                                the document's own ratio, is below (0 = off) */
    double max_ratio;        /* ... or above (0 = off) */
    int drop_code;           /* skip code and HTML blocks (kept, a code
                               block is one unit with its newlines and tabs) */
    int drop_tables;         /* skip pipe tables */
    double max_unpaired;     /* skip the document when more than this share
                                of its blocks has no counterpart (0 = 0.5) */
    double min_block_score;  /* ... or its mean block bead score is below
                                (0 = 0.2) */
    int blocks;              /* one pair per block bead (its blocks joined
                                by a blank line, the block bead's score)
                                instead of per sentence bead: for
                                translation memories (-f po) */
} enf_corpus_opts;

typedef struct {
    enf_corpus_pair *v;
    size_t n, cap;
    char skipped[256];       /* non-empty: why the document gave no pairs */
} enf_corpus_pairs;

/* Align one document pair into *out (which the caller zeroes first and
 * later frees with enf_corpus_pairs_free).  A document whose block
 * alignment is poor is not an error: out->skipped says why. */
ENF_EXPORT int enf_corpus_align(const enf_doc *en, const enf_doc *zh, const enf_lexicon *lx,
                     const enf_sent_opts *sopts, const enf_corpus_opts *copts,
                     enf_corpus_pairs *out, enf_error *err);
ENF_EXPORT void enf_corpus_pairs_free(enf_corpus_pairs *p);

#ifdef __cplusplus
}
#endif
#endif
