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

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- check
 * enface check: every rule has an id and a default severity; the checks are
 * one file per rule family (check_glossary.c, check_links.c, ...), all run
 * by enf_check over a Chinese document and, in bilingual mode, its English
 * original and their block alignment. */

typedef struct {
    enf_severity severity[ENF_RULE__COUNT];   /* ENF_SEV_NONE = rule off */
    const enf_glossary *glossary;             /* NULL = no glossary rules */
} enf_check_opts;

/* Default severities, no glossary. */
ENF_EXPORT void enf_check_opts_init(enf_check_opts *o);
/* Set the severity of a rule, of a family ("glossary", "link", "block") or of
 * "all".  sev -1 means "enable at the rule's usual severity". */
ENF_EXPORT int enf_check_opts_set(enf_check_opts *o, const char *rule, int sev, enf_error *err);

/* Check zh (the translation).  en may be NULL (Chinese-only mode: the
 * glossary, markup, untranslated and spacing rules run alone).  al is the
 * block alignment of en with zh; NULL = computed with enf_align_blocks.
 * Findings are appended to out, sorted, with suppression comments
 * (<!-- enface-disable RULE --> ... <!-- enface-enable RULE -->, RULE may be
 * a family or omitted for all; <!-- enface-disable-next-line RULE -->) in
 * zh applied. */
ENF_EXPORT int enf_check(const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
              const enf_check_opts *opts, enf_findings *out, enf_error *err);

/* ---------------------------------------------------------------- config */

/* .enface.ini (read with inih):
 *   [check]   glossary = PATH (repeatable, layered in order; relative to the
 *             file's directory), fail-on = LEVEL, format = text|json|sarif|github
 *   [rules]   RULE-OR-FAMILY = off|note|warning|error|on
 *   [pairs]   en = PATTERN, zh = PATTERN (a mapping; repeat the two for
 *             more): the repository's layout, {name} or {path} in each
 * Rule settings are applied to opts.  Errors name file:line. */
typedef struct {
    char **glossaries;
    size_t n_glossaries;
    int fail_on;             /* an enf_severity, or -1 when not set */
    char *format;            /* NULL when not set */
    char **pairs_en, **pairs_zh;   /* [pairs]: n_pairs mappings */
    size_t n_pairs;
} enf_config;

ENF_EXPORT int enf_config_load(const char *path, enf_config *cfg, enf_check_opts *opts, enf_error *err);
/* Find .enface.ini in dir or its parents; returns a malloc'd path or NULL. */
ENF_EXPORT char *enf_config_find(const char *dir);
ENF_EXPORT void enf_config_free(enf_config *cfg);

#ifdef __cplusplus
}
#endif
#endif
