/* enface/check.h — the check wing of libenface:
 * enface check: the rule families over a Doc pair and its alignment, and
 * .enface.ini.
 *
 * Part of the public API (enface.h includes every wing).  Inside the
 * library only the wings listed in docs/architecture.md may include it.
 */
#ifndef ENFACE_CHECK_H
#define ENFACE_CHECK_H

#include "wings.h"

#if defined(ENF_WING) && !(ENF_WING & (ENF_WING_CHECK | ENF_WING_CLI))
#error "enface/check.h: this wing may not use the check wing (docs/architecture.md)"
#endif

#include "model.h"
#include "terms.h"
#include "align.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- check
 * enface check: every rule has an id and a default severity; the checks are
 * one file per rule family (check_glossary.c, check_links.c, ...), all run
 * by enf_check over a Chinese document and, in bilingual mode, its English
 * original and their block alignment. */

/* A mirror for link.changed / link.lost: a link target that starts with
 * `from` is compared as if it started with `to` (both prefixes as written,
 * normalized like the targets by enf_url_normalize; a prefix ends at a
 * path segment, so "vitejs.dev" does not match "vitejs.dev2"). */
typedef struct {
    const char *from, *to;
} enf_link_equiv;

typedef struct {
    enf_severity severity[ENF_RULE__COUNT];   /* ENF_SEV_NONE = rule off */
    const enf_glossary *glossary;             /* NULL = no glossary rules */
    const enf_link_equiv *link_equiv;         /* mirrors, borrowed: the caller
                                                 keeps them alive (enf_config_load
                                                 points them at the config's) */
    size_t n_link_equiv;
} enf_check_opts;

/* Default severities, no glossary. */
ENF_EXPORT void enf_check_opts_init(enf_check_opts *o);
/* Set the severity of a rule, of a family ("glossary", "link", "block") or of
 * "all".  sev -1 means "enable at the rule's usual severity". */
ENF_EXPORT int enf_check_opts_set(enf_check_opts *o, const char *rule, int sev, enf_error *err);

/* Built in, besides the mirrors: link targets are compared after
 * enf_url_normalize (scheme, "www.", trailing slash, fragment, tracking
 * parameters), a final "index.html" and a leading "./" are dropped, the
 * Chinese edition of a site is the site (a "cn."/"zh."/"en." host label,
 * ".cn" for ".com": cn.vitejs.dev, unity.cn), and arXiv abs/, pdf/ and
 * html/ addresses of one paper (with or without a version "vN" and ".pdf")
 * and huggingface.co/papers/ID are one target.
 *
 * Check zh (the translation).  en may be NULL (Chinese-only mode: the
 * glossary, markup, untranslated and spacing rules run alone).  al is the
 * block alignment of en with zh; NULL = computed with enf_align_blocks.
 * Findings are appended to out, sorted, with suppression comments
 * (<!-- enface-disable RULE --> ... <!-- enface-enable RULE -->, RULE may be
 * a family or omitted for all; <!-- enface-disable-next-line RULE -->) in
 * zh applied. */
ENF_EXPORT int enf_check(const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
              const enf_check_opts *opts, enf_findings *out, enf_error *err);

/* ---------------------------------------------------------------- drift
 * enface drift: which blocks of a translation went stale when its original
 * changed (drift.c).  The old original is aligned with the translation
 * (enf_align_blocks), the old and new originals are compared block by block
 * (white space, line wrapping included, is no change), and each change is
 * reported in the translation:
 *   drift.stale         a translated block whose original changed;
 *   drift.orphan        a translated block whose original was deleted;
 *   drift.untranslated  a new block of the original, at the place of the
 *                       translation it belongs after;
 *   drift.moved         a translated block whose original moved (one per block,
 *                       naming its new place), not a delete plus an insert;
 *   drift.unaligned     once, instead of the rest, when the translation does
 *                       not align with the old original.
 * A change of the original is classified: format only -> no finding;
 * punctuation or a typo-size edit -> note; a number, link, code or glossary
 * term, a negation added or removed, a rewrite, a block added, removed or
 * moved -> the rule's severity (warning by default).
 *
 * Sides: a finding's side 0 is the NEW original (its place there is the
 * related location), side 1 the translation; pass (src_new, tr) to
 * enf_write_findings with ENF_WF_DRIFT.  The languages are a property of the
 * pair (source_lang), so a Chinese original with an English translation
 * works the same way. */

typedef enum {
    ENF_DRIFT_CLASSIFY = 0,  /* the changes classified (the command) */
    ENF_DRIFT_PLAIN,         /* baseline: blocks compared byte for byte, no
                                pairing of changed blocks, no moves, every
                                difference a warning */
    ENF_DRIFT_SECTION        /* baseline: PLAIN, then every block of a section
                                of the original with a change is stale */
} enf_drift_mode;

typedef struct {
    size_t changed, deleted, inserted, moved;   /* blocks of the original */
    size_t unchanged;                           /* blocks kept as they were */
    size_t format_only;                         /* changed, but not in content */
    size_t paired, src_blocks;                  /* old original blocks the
                                                   aligner paired, and all */
    int unaligned;                              /* drift.unaligned was given */
} enf_drift_stats;

typedef struct {
    enf_severity severity[ENF_RULE__COUNT];  /* the drift rules' severities for
                                                a change that matters;
                                                ENF_SEV_NONE = off */
    int source_lang;         /* the original's language: ENF_LANG_EN (the
                                translation is Chinese), ENF_LANG_ZH (the
                                translation is English) or ENF_LANG_AUTO
                                (guessed from the old original) */
    const enf_glossary *glossary;       /* NULL = no glossary-term class */
    const enf_align_opts *align;        /* NULL = defaults */
    enf_drift_mode mode;
    enf_drift_stats *stats;  /* NULL, or filled */
} enf_drift_opts;

/* Defaults: the rules' default severities, source language auto. */
ENF_EXPORT void enf_drift_opts_init(enf_drift_opts *o);
/* As enf_check_opts_set, over the drift rules ("drift", "drift.stale", "all"). */
ENF_EXPORT int enf_drift_opts_set(enf_drift_opts *o, const char *rule, int sev, enf_error *err);

/* Findings in tr (the translation of src_old) for the change src_old ->
 * src_new, appended to out, sorted, with tr's suppression comments applied. */
ENF_EXPORT int enf_drift(const enf_doc *src_old, const enf_doc *src_new, const enf_doc *tr,
              const enf_drift_opts *opts, enf_findings *out, enf_error *err);

/* ---------------------------------------------------------------- config */

/* .enface.ini (read with inih):
 *   [check]   glossary = PATH (repeatable, layered in order; relative to the
 *             file's directory), fail-on = LEVEL, format = text|json|sarif|github
 *   [rules]   RULE-OR-FAMILY = off|note|warning|error|on
 *   [pairs]   en = PATTERN, zh = PATTERN (a mapping; repeat the two for
 *             more): the repository's layout, {name} or {path} in each
 *   [rule.link.changed]
 *             equivalent = PREFIX PREFIX... (repeatable): link prefixes that
 *             name the same site (a mirror, a translated site); every prefix
 *             after the first is compared as the first.  Used by link.changed
 *             and link.lost.
 *   [drift]   source-commit-key = KEY: the front-matter key holding the
 *             commit of the original a translation was synced to (dotted
 *             for a nested key: l10n.sourceCommit)
 * Rule settings are applied to opts; opts->link_equiv then points into cfg,
 * which must outlive the checks.  Errors name file:line. */
/* fail-on = never: no finding fails the run. */
#define ENF_FAIL_NEVER 99

typedef struct {
    char **glossaries;
    size_t n_glossaries;
    int fail_on;             /* an enf_severity, -1 when not set, or
                                ENF_FAIL_NEVER ("never") */
    char *format;            /* NULL when not set */
    char **pairs_en, **pairs_zh;   /* [pairs]: n_pairs mappings */
    size_t n_pairs;
    enf_link_equiv *link_equiv;    /* [rule.link.changed] equivalent: the
                                      strings are owned by the config */
    size_t n_link_equiv;
    char *source_commit_key;       /* [drift], NULL when not set */
} enf_config;

ENF_EXPORT int enf_config_load(const char *path, enf_config *cfg, enf_check_opts *opts, enf_error *err);
/* The same from a buffer; path names it in messages (glossary paths in it
 * are taken as written). */
ENF_EXPORT int enf_config_load_buffer(const char *path, const char *data, size_t len,
                                      enf_config *cfg, enf_check_opts *opts, enf_error *err);
/* Find .enface.ini in dir or its parents; returns a malloc'd path or NULL. */
ENF_EXPORT char *enf_config_find(const char *dir);
ENF_EXPORT void enf_config_free(enf_config *cfg);

#ifdef __cplusplus
}
#endif
#endif
