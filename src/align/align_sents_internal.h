/* align_sents_internal.h — what the files of the sentence aligner share;
 * not part of the public API (that is enf_sent_* in enface.h).
 *
 *   sent_aligner.c   options (enf_sent_opts_*), the aligner object
 *                    (enf_sent_aligner_new / _free) and the hash set below
 *   sent_sim.c       matchable tokens, idf weights, the lexical similarity of
 *                    a bead and its chance normalisation
 *                    (enf_sent_aligner_similarity)
 *   sent_learn.c     the learning pass: word pairs a first alignment implies
 *                    (enf_sent_aligner_learn)
 *   align_sents.c    the bead cost and the banded search
 *                    (enf_sent_aligner_align, enf_align_sentences) */
#ifndef ENFACE_ALIGN_SENTS_INTERNAL_H
#define ENFACE_ALIGN_SENTS_INTERNAL_H

#include "enface/align.h"

#include <stddef.h>
#include <stdint.h>

#define ENF__SENT_MAXTOK 128   /* tokens per sentence that carry evidence */
#define ENF__SENT_NSHAPES 14
#define ENF__SENT_MAXSIDE 6    /* sentences on a side of a bead, at most */
#define ENF__SENT_DICT_MIN 1000 /* headwords that make a lexicon a dictionary */
#define ENF__SENT_ROWS 8       /* mask cache rows (> the largest bead side) */
#define ENF__SENT_LENSTEP 32   /* length-cost table: steps per unit of delta */
#define ENF__SENT_LENTAB (14 * ENF__SENT_LENSTEP)

/* Bead shapes as (Chinese count, English count); defined in align_sents.c. */
extern const int enf__sent_shape[ENF__SENT_NSHAPES][2];

/* A Chinese token that can match: its gloss hashes (in the lexicon) or one
 * hash of its own (numbers, Latin words, cues), and its pinyin. */
typedef struct {
    const uint64_t *gl;
    const uint64_t *py;
    uint64_t one;
    uint32_t ngl, npy;
} enf__sent_tok;

typedef struct {
    size_t tok, ntok;          /* into zt / et */
    double wtot;
    double nchars;
    /* of the sentences before this one (the last entry, one past the end,
     * has the totals): characters, and how many have evidence (wtot > 0);
     * a run's are one subtraction (character counts are exact in a double) */
    double cum_chars;
    double cum_han;            /* Chinese side: of those characters, the Han
                                  ones and CJK punctuation (the rest, Latin
                                  words, numbers, URLs, is copied as written
                                  and counts as English characters) */
    size_t cum_ev;
    int quote;                 /* after this sentence a quotation is open
                               (1), closed (0), or as before it (-1: no
                               quotation mark), by enf__quote_open_after */
} enf__sent_info;

typedef struct {
    uint64_t z[2], e[2];       /* covered zh tokens of s by t; en tokens of t by s */
    double cz, ce;             /* their idf weights: the 1-1 coverages, kept
                                  because most beads have one sentence a side */
} enf__sent_mask;

/* What one Chinese sentence offers: each gloss/pinyin/number/cue hash with
 * the mask of the sentence's tokens that carry it, so pairing it with an
 * English sentence costs one lookup per English token. */
typedef struct {
    uint64_t *k;
    uint64_t (*m)[2];
    uint32_t *st;              /* a slot is in use when st[i] == gen: a new
                                  build bumps gen instead of clearing (the
                                  chance estimate builds one per random bead) */
    uint32_t gen;
    size_t slots;              /* in use, a power of 2 */
    size_t cap;                /* allocated */
} enf__sent_gmap;

typedef struct {
    long s;                    /* zh sentence cached in this row, -1 none */
    long lo;                   /* first en sentence cached */
    enf__sent_mask *m;
    unsigned char *ok;
    enf__sent_gmap g;          /* the gloss map of sentence s */
} enf__sent_row;

/* A growable set used for document-wide universes and df counts. */
typedef struct {
    uint64_t *k;
    uint32_t *c;
    size_t n, slots;
} enf__sent_map;

struct enf_sent_aligner {
    enf_sent_opts o;
    const enf_lexicon *lx;
    const char *const *ztext, *const *etext;   /* the caller's sentences */
    const size_t *zlen, *elen;
    size_t nz, ne;
    enf__sent_map learn;       /* Chinese token key -> 1 + group index */
    uint64_t *lpool;           /* learned English hashes, by group */
    uint32_t *loff, *lcnt;
    size_t n_learned;
    uint64_t *xgl;             /* gloss arrays of tokens with learned pairs */
    enf__sent_info *zs, *es;
    enf__sent_tok *zt;         /* Chinese tokens, per sentence runs */
    uint64_t *et;              /* English token hashes, per sentence runs */
    float *zw, *ew;            /* idf weights of zt / et */
    double ratio;              /* en chars per zh char */
    double ratio_han;          /* en chars per Han character, the rest of the
                                  Chinese text counted one for one */
    double chance[ENF__SENT_NSHAPES];
    /* -log(2 P(Z > d)) for d = k / ENF__SENT_LENSTEP */
    float lencost[ENF__SENT_LENTAB + 2];
    enf__sent_row rows[ENF__SENT_ROWS];
    long width;
    /* the range being aligned: whether a quotation is open before each
     * sentence (from the range's start, where none is), and its ends, where
     * both sides end whatever is open */
    unsigned char *zquoted, *equoted;
    size_t zend, eend;
};

/* ---------------------------------------------------------------- sets
 * (sent_aligner.c) */

/* The first slot to probe for hash h in an open-addressing table of nslots
 * (a power of 2) slots. */
static inline size_t enf__sent_slot(uint64_t h, size_t nslots)
{
    return (size_t)(h * 0x9E3779B97F4A7C15ull >> 21) & (nslots - 1);
}

/* Add inc to h's count (inserting it); 0, or -1 when out of memory. */
int enf__sent_map_add(enf__sent_map *m, uint64_t h, uint32_t inc);
/* h's count (at least 1 when present), 0 when absent. */
uint32_t enf__sent_map_get(const enf__sent_map *m, uint64_t h);
void enf__sent_map_free(enf__sent_map *m);

/* ---------------------------------------------------------------- similarity
 * (sent_sim.c) */

/* (Re)build the matchable tokens of every sentence, their idf weights and
 * the chance similarity per shape; 0, or -1 when out of memory. */
int enf__sent_prepare(enf_sent_aligner *sa);

/* Lexical similarity of zh[s0, s0+a) with en[t0, t0+b); *defined is 0 when
 * no member sentence has evidence; *members_out (may be NULL) counts those
 * that have. */
double enf__sent_sim(enf_sent_aligner *sa, size_t s0, int a, size_t t0, int b, int *defined,
                     int *members_out);

/* The length of Chinese sentences s0 .. s0 + n - 1 in English characters:
 * Han characters scaled by the document's ratio, the rest one for one (or
 * every character scaled, without ratio_han). */
static inline double enf__sent_zh_len(const enf_sent_aligner *sa, size_t s0, int n)
{
    const enf__sent_info *a = &sa->zs[s0], *b = &sa->zs[s0 + (size_t)n];
    double chars = b->cum_chars - a->cum_chars;
    if (sa->ratio_han <= 0)
        return sa->ratio * chars;
    double han = b->cum_han - a->cum_han;
    return sa->ratio_han * han + (chars - han);
}

/* sim, a similarity of a bead of shape sh, less what random beads of that
 * shape score, scaled so that 1 is a perfect match. */
double enf__sent_chance_norm(const enf_sent_aligner *sa, int sh, double sim);

/* The learning passes to run: opts->learn when set (>= 0), else one with a
 * dictionary (a lexicon of ENF__SENT_DICT_MIN headwords or more), none
 * without. */
int enf__sent_learn_passes(const enf_sent_opts *o, const enf_lexicon *lx);

#endif
