/* main.c — dispatches `enface COMMAND ...` to the subcommand's cmd_ function. */
#include "cli.h"

#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const enf_command S_commands[] = {
    {"align", cmd_align, "pair the blocks of an English and a Chinese document",
     cmd_align_options},
    {"blocks", cmd_blocks, "list the units (leaf blocks) a document is read into",
     cmd_blocks_options},
    {"check", cmd_check, "check a translation: glossary, links, numbers, code, markup, omissions",
     cmd_check_options},
    {"drift", cmd_drift, "which translated blocks went stale when the original changed",
     cmd_drift_options},
    {"glossary", cmd_glossary, "validate, merge and convert glossaries (TSV, TBX)",
     cmd_glossary_options},
    {"report", cmd_report, "write a self-contained HTML page to review a translation",
     cmd_report_options},
    {"corpus", cmd_corpus, "sentence-aligned parallel corpus from many document pairs",
     cmd_corpus_options},
    {NULL, NULL, NULL, NULL},
};

int cli_fail(const char *fmt, ...)
{
    va_list ap;
    fputs("enface: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return ENF_EXIT_ERROR;
}

int cli_fail_err(const enf_error *err)
{
    return cli_fail("%s", err->msg);
}

int cli_parse_units(const char *s, enf_units *out)
{
    if (!strcmp(s, "auto"))
        *out = ENF_UNITS_AUTO;
    else if (!strcmp(s, "markdown") || !strcmp(s, "md"))
        *out = ENF_UNITS_MARKDOWN;
    else if (!strcmp(s, "html"))
        *out = ENF_UNITS_HTML;
    else if (!strcmp(s, "commonmark"))
        *out = ENF_UNITS_COMMONMARK;
    else if (!strcmp(s, "lines"))
        *out = ENF_UNITS_LINES;
    else if (!strcmp(s, "mkdocs"))
        *out = ENF_UNITS_MKDOCS;
    else if (!strcmp(s, "vitepress") || !strcmp(s, "docusaurus"))
        *out = ENF_UNITS_VITEPRESS;
    else if (!strcmp(s, "hugo"))
        *out = ENF_UNITS_HUGO;
    else
        return -1;
    return 0;
}

static void S_usage(FILE *f)
{
    fprintf(f, "usage: enface COMMAND [OPTIONS] ...\n\n"
               "enface pairs an English document with its Chinese translation (Markdown or\n"
               "HTML) and checks, reports on and exports the pairing.\n\ncommands:\n");
    for (const enf_command *c = S_commands; c->name; c++)
        fprintf(f, "  %-8s %s\n", c->name, c->summary);
    fprintf(f, "\n'enface COMMAND --help' describes a command; 'man enface' has the details.\n"
               "Exit status: 0 ok, 1 findings, 2 usage or input error.\n");
}

/* An interrupted run leaves no temporary output file behind; the old
 * output stays as it was (src/model/output.c). */
static void S_on_signal(int sig)
{
    enf_output_remove_temporaries();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void S_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (signal(sigs[i], S_on_signal) == SIG_IGN)
            signal(sigs[i], SIG_IGN);   /* nohup, background jobs: stay ignored */
    /* over a file size limit (ulimit -f), let write() fail with EFBIG so
     * the error is reported and the temporary file removed */
    signal(SIGXFSZ, SIG_IGN);
}

/* glibc maps every block of more than the threshold afresh and unmaps it
 * when it is freed, and the threshold it learns starts at 128 KiB.  An
 * input is read whole into one block and freed once the Doc is read (a
 * Doc to align keeps no source), so with a fixed threshold of 32 MiB
 * (glibc's most) the next input reuses the pages the last one had
 * instead of faulting in fresh ones: a tenth of the system time of
 * aligning a long pair. */
static void S_malloc_policy(void)
{
#ifdef M_MMAP_THRESHOLD
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

int main(int argc, char **argv)
{
    S_malloc_policy();
    S_signals();
    /* -o never replaces a file the run reads (src/model/output.c) */
    enf_inputs_track(1);
    if (argc < 2) {
        S_usage(stderr);
        return ENF_EXIT_ERROR;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        S_usage(stdout);
        return ENF_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("enface %s\n", ENFACE_VERSION);
        return ENF_EXIT_OK;
    }
    /* hidden: the build writes the installed shell completions with it */
    if (!strcmp(argv[1], "--completions"))
        return argc == 3 ? cli_print_completions(argv[2], S_commands)
                         : cli_fail("usage: enface --completions bash|zsh");
    for (const enf_command *c = S_commands; c->name; c++)
        if (!strcmp(argv[1], c->name))
            return c->run(argc - 1, argv + 1);
    cli_fail("'%s' is not a command; see 'enface --help'", argv[1]);
    return ENF_EXIT_ERROR;
}
