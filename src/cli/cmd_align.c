/* cmd_align.c — `enface align EN ZH`: read both documents, align their
 * blocks, write the beads (or TSV/JSONL) atomically. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char S_help[] =
    "usage: enface align [OPTIONS] EN ZH\n"
    "\n"
    "Pair the blocks of EN (the original) with those of ZH (the translation).\n"
    "EN is always the left side of every bead.\n"
    "\n"
    "options:\n"
    "  -f, --format FMT   beads (default), tsv or jsonl\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "  -u, --units UNITS  auto (default: .html/.htm as HTML, else Markdown),\n"
    "                     markdown, html, or lines (one unit per line, 0-based ids)\n"
    "      --band N       half width of the search band, in blocks (default 60)\n"
    "      --explain      add each bead's score components\n"
    "      --dict FILE    CC-CEDICT dictionary (cedict_ts.u8): lexical evidence for\n"
    "                     the sentence aligner and for blocks without anchors\n"
    "      --glossary FILE  glossary TSV (en, zh columns): term pairs as lexical\n"
    "                     evidence for the sentence aligner; repeatable\n"
    "      --batch JOBS   align many pairs in one run: JOBS has lines\n"
    "                     LEFT<TAB>RIGHT<TAB>OUTPUT (the dictionary is read once)\n"
    "      --param K=V    an aligner weight, for tuning (tools/tune-align,\n"
    "                     tools/eval-mac); repeatable\n"
    "  -h, --help         show this help\n"
    "\n"
    "beads: one bead per line, [en ids]:[zh ids], ids = 1-based start lines of the\n"
    "blocks (0-based line indexes with --units lines); [12]:[] = no counterpart.\n"
    "With --units lines each line is a sentence and the sentence aligner pairs them\n"
    "(beads up to 1-4/4-1); either file may be the Chinese one.\n";

int cmd_align(int argc, char **argv)
{
    const char *out = NULL, *paths[2] = {NULL, NULL};
    enf_align_format fmt = ENF_ALIGN_FMT_BEADS;
    enf_units units = ENF_UNITS_AUTO;
    enf_align_opts opts = {0};
    int explain = 0, npaths = 0;
    const char *dict = NULL, *batch = NULL, *gloss[16];
    int ngloss = 0;
    enf_sent_opts sopts;
    char bparams[1024] = "";
    char sent_err[sizeof(((enf_error *)0)->msg)] = "";
    enf_sent_opts_init(&sopts);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(S_help, stdout);
            return ENF_EXIT_OK;
        } else if ((v = cli_opt_value(argc, argv, &i, "--format")) ||
                   (v = cli_opt_value(argc, argv, &i, "-f"))) {
            if (!strcmp(v, "beads"))
                fmt = ENF_ALIGN_FMT_BEADS;
            else if (!strcmp(v, "tsv"))
                fmt = ENF_ALIGN_FMT_TSV;
            else if (!strcmp(v, "jsonl"))
                fmt = ENF_ALIGN_FMT_JSONL;
            else
                return cli_fail("align: unknown format '%s' (use beads, tsv or jsonl)", v);
        } else if ((v = cli_opt_value(argc, argv, &i, "--output")) ||
                   (v = cli_opt_value(argc, argv, &i, "-o"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            out = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--units")) ||
                   (v = cli_opt_value(argc, argv, &i, "-u"))) {
            if (cli_parse_units(v, &units))
                return cli_fail("align: unknown units '%s' (use auto, markdown, html or lines)", v);
        } else if ((v = cli_opt_value(argc, argv, &i, "--band"))) {
            opts.band = atoi(v);
            if (opts.band <= 0)
                return cli_fail("align: --band needs a positive number, got '%s'", v);
        } else if ((v = cli_opt_value(argc, argv, &i, "--glossary"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            if (ngloss == 16)
                return cli_fail("align: at most 16 --glossary files");
            gloss[ngloss++] = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--dict"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            dict = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--batch"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            batch = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--param"))) {
            /* a sentence aligner weight, else a block aligner one (checked
             * by enf_align_blocks, which names an unknown one) */
            enf_error perr = {0};
            if (!*v)
                return ENF_EXIT_ERROR;
            if (enf_sent_opts_set(&sopts, v, &perr)) {
                if (!sent_err[0])
                    snprintf(sent_err, sizeof sent_err, "%s", perr.msg);
                size_t l = strlen(bparams);
                if (l + strlen(v) + 2 > sizeof bparams)
                    return cli_fail("align: too many --param");
                snprintf(bparams + l, sizeof bparams - l, "%s%s", l ? "," : "", v);
                opts.params = bparams;
            }
        } else if (!strcmp(a, "--explain")) {
            explain = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_fail("align: unknown option '%s'; see 'enface align --help'", a);
        } else if (npaths < 2) {
            paths[npaths++] = a;
        } else {
            return cli_fail("align: too many files; usage: enface align [OPTIONS] EN ZH");
        }
    }
    if (batch && npaths)
        return cli_fail("align: --batch takes no file arguments");
    if (npaths != 2 && !batch)
        return cli_fail("align: need two files; usage: enface align [OPTIONS] EN ZH");

    enf_error err = {0};
    enf_doc *en = NULL, *zh = NULL;
    enf_alignment *al = NULL;
    enf_output *o = NULL;
    enf_lexicon *lx = NULL;
    int rc = ENF_EXIT_ERROR;
    if (units == ENF_UNITS_LINES && sent_err[0])
        return cli_fail("align: --param %s", sent_err);
    if (opts.band)
        sopts.band = opts.band;
    if (cli_load_lexicon(dict, (const char *const *)gloss, ngloss, &lx))
        goto done;
    opts.lexicon = lx;   /* blocks without shared anchors use it too */
    if (batch) {
        rc = cli_align_batch(batch, units, lx, &sopts, &opts, fmt, explain);
        goto done;
    }
    /* the output first: an unwritable place is reported before any work,
     * and an interrupted read leaves no temporary file (it is removed) */
    if (enf_output_open(out, &o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    if (enf_doc_read_file(paths[0], units, &en, &err) ||
        enf_doc_read_file(paths[1], units, &zh, &err) ||
        (units == ENF_UNITS_LINES ? enf_align_sentences(en, zh, lx, &sopts, &al, &err)
                                  : enf_align_blocks(en, zh, &opts, &al, &err))) {
        enf_output_abort(o);
        cli_fail_err(&err);
        goto done;
    }
    if (fmt == ENF_ALIGN_FMT_BEADS && units != ENF_UNITS_LINES) {
        cli_warn_shared_ids(en);
        cli_warn_shared_ids(zh);
    }
    rc = cli_finish_output(o, enf_write_alignment(enf_output_file(o), fmt, en, zh, al, explain, &err),
                           &err);
done:
    enf_alignment_free(al);
    enf_lexicon_free(lx);
    enf_doc_free(en);
    enf_doc_free(zh);
    return rc;
}
