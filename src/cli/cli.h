/* cli.h — the enface command line: one file per subcommand, each a thin
 * layer over the library (git's builtin/ layout). */
#ifndef ENFACE_CLI_H
#define ENFACE_CLI_H

#include "enface.h"

/* Exit codes, for every subcommand (man/enface.1, EXIT STATUS). */
#define ENF_EXIT_OK 0
#define ENF_EXIT_FINDINGS 1
#define ENF_EXIT_ERROR 2

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} enf_command;

int cmd_align(int argc, char **argv);
int cmd_blocks(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_glossary(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_corpus(int argc, char **argv);

/* `enface align --batch JOBS` (align_batch.c): LEFT<TAB>RIGHT<TAB>OUTPUT
 * lines, aligned in one process. */
int cli_align_batch(const char *jobs, enf_units units, const enf_lexicon *lx,
                    const enf_sent_opts *sopts, const enf_align_opts *bopts,
                    enf_align_format fmt, int explain);

/* common.c.  Errors are printed; the return value is an exit code.
 * Load glossaries, first[] then then[] (layered: later files win). */
int cli_load_glossaries(const char *const *first, size_t n_first, const char *const *then,
                        size_t n_then, enf_glossary **out);
/* The sentence aligner's lexicon: a CC-CEDICT file and glossaries; *out
 * stays NULL when neither is given. */
int cli_load_lexicon(const char *dict, const char *const *glossaries, int n_glossaries,
                     enf_lexicon **out);

/* End an output: when write_rc is non-zero abort it (the file the user had
 * stays) and print write_err, else commit it (renamed into place). */
int cli_finish_output(enf_output *o, int write_rc, const enf_error *write_err);

/* Beads name blocks by start line: when several blocks of doc start on
 * one line (minified HTML), say so on stderr, once, with the way out. */
void cli_warn_shared_ids(const enf_doc *doc);

/* Print "enface: MESSAGE" on stderr; returns ENF_EXIT_ERROR. */
int cli_fail(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
int cli_fail_err(const enf_error *err);

/* Parse --units VALUE. */
int cli_parse_units(const char *s, enf_units *out);

/* Long options of the form --name=value or --name value: returns the
 * value and advances *i, or NULL when argv[*i] is not this option. */
const char *cli_opt_value(int argc, char **argv, int *i, const char *name);

#endif
