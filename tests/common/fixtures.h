/* fixtures.h — what several unit tests share: a small ML glossary, a tiny
 * CC-CEDICT, and helpers that read Markdown, run the check and write beads
 * (each asserts success, so a test reads as its expectations). */
#ifndef ENFACE_TEST_FIXTURES_H
#define ENFACE_TEST_FIXTURES_H

#include "enface.h"

/* ---- documents */

/* Read Markdown s as file name; fails the test on error. */
enf_doc *fx_md(const char *name, const char *s);

/* An alignment as beads text ("[1]:[1]\n..."), in a static buffer. */
const char *fx_beads(const enf_doc *en, const enf_doc *zh, const enf_alignment *al);

/* ---- glossary and check */

/* A glossary TSV of eleven ML terms (transformer, ViT, paper, accuracy,
 * CNN, BERT, ...) with forbidden renderings, variants and verbatim forms. */
extern const char fx_gloss[];

/* A glossary loaded from tsv as "g.tsv"; fails the test on error. */
enf_glossary *fx_glossary(const char *tsv);

/* Run the check of en.md (may be NULL) against zh.md into fs (zeroed
 * first); o may be NULL for the defaults.  fs is the caller's to free. */
void fx_check(const char *en_s, const char *zh_s, const enf_glossary *g, enf_check_opts *o,
              enf_findings *fs);

/* The number of findings of rule at zh line:col (col 0 = any, line 0 = any);
 * a finding with no Chinese place is counted at its English place. */
int fx_count(const enf_findings *fs, const char *rule, int line, int col);

/* The first finding of rule, or NULL. */
const enf_finding *fx_get(const enf_findings *fs, const char *rule);

/* ---- a tiny CC-CEDICT (18 headwords: cat, dog, bird, ... to sleep, house) */

/* Group setup and teardown (cmocka_run_group_tests): write the dictionary
 * to a temporary file, fx_cedict_path, and remove it. */
extern char fx_cedict_path[64];
int fx_cedict_setup(void **state);
int fx_cedict_teardown(void **state);

/* A lexicon of the tiny dictionary (needs fx_cedict_setup). */
enf_lexicon *fx_lex(void);

#endif
