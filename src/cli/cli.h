/* cli.h — the enface command line: one file per subcommand, each a thin
 * layer over the library (git's builtin/ layout). */
#ifndef ENFACE_CLI_H
#define ENFACE_CLI_H

#include "enface.h"

#include <stddef.h>

/* Exit codes, for every subcommand (man/enface.1, EXIT STATUS). */
#define ENF_EXIT_OK 0
#define ENF_EXIT_FINDINGS 1
#define ENF_EXIT_ERROR 2

/* A growing array of strings (a repeatable option's values, operands):
 * the strings are argv's, the array is malloc'd. */
typedef struct {
    const char **v;
    size_t n, cap;
} cli_list;

int cmd_align(int argc, char **argv);
int cmd_blocks(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_glossary(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_corpus(int argc, char **argv);
int cmd_drift(int argc, char **argv);

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
 * stays NULL when neither is given.  Without dict (and without no_dict)
 * the default dictionary is used (cli_default_dict, announced on stderr);
 * the parsed dictionary is cached in $XDG_CACHE_HOME/enface. */
int cli_load_lexicon(const char *dict, int no_dict, const char *const *glossaries,
                     size_t n_glossaries, enf_lexicon **out);
/* The dictionary used without --dict: $ENFACE_DICT (empty = none), else
 * cedict_ts.u8 or cedict_ts.u8.gz in $XDG_DATA_HOME/enface (default
 * ~/.local/share/enface), else in the install's share/enface; NULL when
 * none.  *via names where it came from, for messages. */
const char *cli_default_dict(const char **via);

/* `check` and `report` open a translation the same way (cli_open_pair):
 * the settings (.enface.ini, then the command line's), the glossaries (the
 * config's, then the command line's: later files win), the documents, and
 * their block alignment (a --beads file, or aligned).  Zero it, fill in
 * the command line's part, and cli_close_pair it whatever happened. */
typedef struct cli_pair cli_pair;
struct cli_pair {
    const char *en_path;                /* NULL: Chinese-only, not aligned */
    const char *zh_path;
    enf_units units;
    const char *encoding;               /* --encoding, or NULL: UTF-8 */
    const char *config;                 /* --config, or NULL: the nearest
                                           .enface.ini from ZH's directory up */
    int no_config;
    const char *config_from;            /* search .enface.ini from this
                                           directory up, not ZH's */
    const char *const *glossaries;      /* -g files */
    size_t n_glossaries;
    const char *default_glossary;       /* loaded first, under the config's
                                           and the -g files, or NULL */
    const char *beads;                  /* --beads, or NULL to align */
    const enf_align_opts *align_opts;
    /* the command's own steps (or NULL), each returning 0 or an exit code
     * after an error line: once the config is read, to put the command
     * line's settings over it; once the documents are read, before the
     * aligner (the slow part) */
    int (*configured)(cli_pair *p, void *ctx);
    int (*read)(cli_pair *p, void *ctx);
    void *ctx;
    /* what cli_open_pair makes */
    const char *config_path;            /* the config read, or NULL */
    enf_config cfg;
    enf_check_opts check;               /* the config's settings; .glossary */
    enf_glossary *glossary;
    enf_doc *en, *zh;
    enf_alignment *al;                  /* NULL without EN */
    char *found_config;
};
/* The default glossary (ml.tsv): beside an uninstalled build the source
 * tree's, else the installed one (share/enface, relative to the
 * executable, then the configured datadir); NULL when there is none. */
const char *cli_default_glossary(void);

/* Errors are printed; the return value is an exit code.  cli_open_pair is
 * cli_pair_settings (config, the configured step, glossaries) then
 * cli_pair_read (documents, the read step, alignment); a repository run
 * takes the settings once and reads pair after pair, dropping each pair's
 * documents (cli_pair_drop_docs) before the next. */
int cli_open_pair(cli_pair *p);
int cli_pair_settings(cli_pair *p);
int cli_pair_read(cli_pair *p);
void cli_pair_drop_docs(cli_pair *p);
void cli_close_pair(cli_pair *p);

/* repo.c — a translation repository for check --pairs and drift --pairs
 * (pairs.h's cli_repo).  Errors are printed; the return value is an exit
 * code. */
typedef struct {
    const char *cmd;                    /* "check", "drift": for messages */
    const char *usage;                  /* the usage line, for messages */
    const char *need;                   /* "need a file, or ": without pairs */
    const char *root;                   /* --root, or NULL */
    const char *config_path;            /* the .enface.ini read, or NULL */
    const enf_config *cfg;              /* its settings ([pairs]), or NULL */
    const char *const *pairs;           /* --pairs */
    size_t n_pairs;
} cli_repo_spec;
/* `enface drift --pairs` (drift_repo.c): cmd_drift's settings for a
 * repository run. */
typedef struct {
    const char *out, *format, *root, *config, *en_rev, *source_commit_key, *summary;
    int no_config, update_source_commit, fail_on;
    enf_units units;
    const cli_list *pairs;
    const enf_drift_opts *opts;         /* the rules, mode, glossary, source_lang */
} cli_drift_repo_args;
int cli_drift_repo(const cli_drift_repo_args *a, const cli_list *files);

/* The directory part of path ("." when none). */
void cli_dirname(const char *path, char *dir, size_t size);

/* End an output: when write_rc is non-zero abort it (the file the user had
 * stays) and print write_err, else commit it (renamed into place). */
int cli_finish_output(enf_output *o, int write_rc, const enf_error *write_err);
/* Print a writer's error naming the output file; returns ENF_EXIT_ERROR. */
int cli_fail_output(const enf_output *o, const enf_error *err);

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

/* The findings formats (text, json, sarif, github, rdjson) and --fail-on, as check
 * and drift take them: the parser, and CLI_OPT_CALL setters (--format
 * keeps the string, --fail-on an enf_severity or ENF_FAIL_NEVER). */
int cli_parse_findings_format(const char *v, enf_findings_format *fmt);
int cli_set_findings_format(const char *cmd, const char *v, void *field);
int cli_set_fail_on(const char *cmd, const char *v, void *field);

/* Parse --units VALUE. */
int cli_parse_units(const char *s, enf_units *out);

/* options.c — every subcommand's command line: one table of options,
 * parsed by getopt_long and printed as --help.  A table is static data
 * beside its command; each option names the field it sets by its offset
 * in the command's settings struct. */
typedef enum {
    CLI_OPT_END,      /* ends a table */
    CLI_OPT_FLAG,     /* int field = .set */
    CLI_OPT_STRING,   /* const char * field: the last value given */
    CLI_OPT_LIST,     /* cli_list field: every value, in order (repeatable) */
    CLI_OPT_INT,      /* int field: a whole number from .lo to .hi */
    CLI_OPT_DOUBLE,   /* double field: a finite number from .lo to .hi */
    CLI_OPT_CALL,     /* .call(cmd, value, field) sets it */
    CLI_OPT_HEADING,  /* no option: a heading of --help (.help) */
    CLI_OPT_OPERAND,  /* no option: an operand .value described in --help */
} cli_opt_kind;

typedef struct {
    const char *name;    /* long name, without "--" */
    int letter;          /* short option, or 0 */
    const char *value;   /* the value's name in --help; NULL: a flag */
    const char *help;    /* its lines, separated by '\n' */
    cli_opt_kind kind;
    size_t offset;       /* of the field it sets */
    int set;             /* CLI_OPT_FLAG: the value stored */
    double lo, hi;       /* CLI_OPT_INT, CLI_OPT_DOUBLE: the range */
    /* CLI_OPT_CALL: 0 when value is good, else an exit code after an
     * error line "enface: CMD: ..." */
    int (*call)(const char *cmd, const char *value, void *field);
    int empty_ok;        /* "" is a value (else: "needs a value") */
    /* CLI_CHOICE: the values .call accepts, space-separated, as the
     * shell completions offer them (tests/cli_options.sh holds them to
     * the values .call's error lists) */
    const char *choices;
} cli_option;

#define CLI_FLAG(name, letter, type, field, set, help) \
    {name, letter, NULL, help, CLI_OPT_FLAG, offsetof(type, field), set, 0, 0, NULL, 0, NULL}
#define CLI_STRING(name, letter, value, type, field, help) \
    {name, letter, value, help, CLI_OPT_STRING, offsetof(type, field), 0, 0, 0, NULL, 0, NULL}
#define CLI_LIST(name, letter, value, type, field, help) \
    {name, letter, value, help, CLI_OPT_LIST, offsetof(type, field), 0, 0, 0, NULL, 0, NULL}
#define CLI_INT(name, letter, value, type, field, lo, hi, help) \
    {name, letter, value, help, CLI_OPT_INT, offsetof(type, field), 0, lo, hi, NULL, 0, NULL}
#define CLI_DOUBLE(name, letter, value, type, field, lo, hi, help) \
    {name, letter, value, help, CLI_OPT_DOUBLE, offsetof(type, field), 0, lo, hi, NULL, 0, NULL}
#define CLI_CALL(name, letter, value, type, field, fn, help) \
    {name, letter, value, help, CLI_OPT_CALL, offsetof(type, field), 0, 0, 0, fn, 0, NULL}
#define CLI_CHOICE(name, letter, value, type, field, fn, choices, help) \
    {name, letter, value, help, CLI_OPT_CALL, offsetof(type, field), 0, 0, 0, fn, 0, choices}
#define CLI_HEADING(text) {NULL, 0, NULL, text, CLI_OPT_HEADING, 0, 0, 0, 0, NULL, 0, NULL}
#define CLI_OPERAND(value, help) {NULL, 0, value, help, CLI_OPT_OPERAND, 0, 0, 0, 0, NULL, 0, NULL}
#define CLI_END {NULL, 0, NULL, NULL, CLI_OPT_END, 0, 0, 0, 0, NULL, 0, NULL}

/* What --help says around the options. */
typedef struct {
    const char *cmd;     /* "align": errors read "enface: align: ..." */
    const char *usage;   /* usage line(s), a blank line, the description */
    const char *footer;  /* after the options, or NULL */
    int column;          /* where the options' help starts */
} cli_usage;

/* cli_parse_options returns it when the command should go on. */
#define CLI_PARSED (-1)

/* Parse argv[1..] against table into settings (fields not given keep
 * their values) and the operands, in order; "--" ends the options.
 * Returns CLI_PARSED, or the exit code to end with: 0 after --help
 * (printed), 2 after an error (one line).  Long options are spelled out:
 * an abbreviation would stop working the day a second option shares it.
 * Call cli_options_free afterwards, whatever it returned. */
int cli_parse_options(int argc, char **argv, const cli_option *table, const cli_usage *usage,
                      void *settings, cli_list *operands);
/* Free the table's lists in settings, and the operands. */
void cli_options_free(const cli_option *table, void *settings, cli_list *operands);

/* CLI_OPT_CALL for --units (an enf_units field). */
int cli_set_units(const char *cmd, const char *value, void *field);
/* --dialect: the units of one docs site's Markdown (auto: every site's) */
int cli_set_dialect(const char *cmd, const char *value, void *field);

/* --units and --dialect (the same setting), for the commands that read
 * documents */
#define CLI_UNITS_CHOICES "auto markdown commonmark html lines mkdocs vitepress docusaurus hugo"
#define CLI_DIALECT(type, field)                                                                   \
    CLI_CHOICE("dialect", 0, "DIALECT", type, field, cli_set_dialect,                              \
               "auto commonmark mkdocs vitepress docusaurus hugo",                                 \
               "Markdown as a docs site renders it: auto (default: the\n"                         \
               "containers of every site below), commonmark (none),\n"                            \
               "mkdocs (!!! ??? === --8<--), vitepress or docusaurus (:::) or\n"                  \
               "hugo ({{< >}} lines) only; the same as --units NAME")

/* main.c's dispatch table: a command, its summary, and its option table
 * (cmd_X_options: the table in cmd_X.c), which the shell completions
 * are generated from. */
typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const cli_option *(*options)(void);
} enf_command;

const cli_option *cmd_align_options(void);
const cli_option *cmd_blocks_options(void);
const cli_option *cmd_check_options(void);
const cli_option *cmd_glossary_options(void);
const cli_option *cmd_report_options(void);
const cli_option *cmd_corpus_options(void);
const cli_option *cmd_drift_options(void);

/* completions.c — `enface --completions bash|zsh` (hidden; run at build
 * time, installed by meson): the completion script for the commands
 * (NULL-terminated), generated from their option tables.  Returns an
 * exit code. */
int cli_print_completions(const char *shell, const enf_command *commands);

#endif
