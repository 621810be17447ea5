/* cmd_align.c — `enface align EN ZH`: read both documents, align their
 * blocks, write the beads (or TSV/JSONL) atomically. */
#include "cli.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *out, *dict, *batch;
    enf_align_format fmt;
    enf_units units;
    const char *encoding;
    int band, explain, no_dict;
    cli_list glossaries, params;
} S_args;

static int S_set_format(const char *cmd, const char *v, void *field)
{
    enf_align_format *fmt = field;
    if (!strcmp(v, "beads"))
        *fmt = ENF_ALIGN_FMT_BEADS;
    else if (!strcmp(v, "tsv"))
        *fmt = ENF_ALIGN_FMT_TSV;
    else if (!strcmp(v, "jsonl"))
        *fmt = ENF_ALIGN_FMT_JSONL;
    else
        return cli_fail("%s: unknown format '%s' (use beads, tsv or jsonl)", cmd, v);
    return 0;
}

static const cli_option S_options[] = {
    CLI_CHOICE("format", 'f', "FMT", S_args, fmt, S_set_format, "beads tsv jsonl",
               "beads (default), tsv or jsonl"),
    CLI_STRING("output", 'o', "FILE", S_args, out,
               "write to FILE (atomically) instead of standard output"),
    CLI_CHOICE("units", 'u', "UNITS", S_args, units, cli_set_units, CLI_UNITS_CHOICES,
               "auto (default: .html/.htm as HTML, else Markdown),\n"
               "markdown, commonmark, html, or lines (one unit per line,\n"
               "0-based ids), or a docs site's Markdown (see --dialect)"),
    CLI_DIALECT(S_args, units),
    CLI_STRING("encoding", 0, "ENCODING", S_args, encoding,
               "the documents' encoding when not UTF-8: GB18030, GBK,\n"
               "Big5, UTF-16LE ... (ICU names); converted strictly"),
    CLI_INT("band", 0, "N", S_args, band, 1, INT_MAX,
            "half width of the search band, in blocks (default 60)"),
    CLI_FLAG("explain", 0, S_args, explain, 1, "add each bead's score components"),
    CLI_STRING("dict", 0, "FILE", S_args, dict,
               "CC-CEDICT dictionary (cedict_ts.u8, .txt or .gz): lexical\n"
               "evidence for the sentence aligner and for blocks without\n"
               "anchors; default: $ENFACE_DICT, else cedict_ts.u8[.gz] in\n"
               "$XDG_DATA_HOME/enface or share/enface (tools/setup --dict)"),
    CLI_FLAG("no-dict", 0, S_args, no_dict, 1, "no dictionary, not even the default one"),
    CLI_LIST("glossary", 0, "FILE", S_args, glossaries,
             "glossary TSV (en, zh columns): term pairs as lexical\n"
             "evidence for the sentence aligner; repeatable"),
    CLI_STRING("batch", 0, "JOBS", S_args, batch,
               "align many pairs in one run: JOBS has lines\n"
               "LEFT<TAB>RIGHT<TAB>OUTPUT (the dictionary is read once)"),
    CLI_LIST("param", 0, "K=V", S_args, params,
             "an aligner weight, for tuning (tools/tune-align,\n"
             "tools/eval-mac); repeatable"),
    CLI_END,
};

static const cli_usage S_usage = {
    "align",
    "usage: enface align [OPTIONS] EN ZH\n"
    "\n"
    "Pair the blocks of EN (the original) with those of ZH (the translation).\n"
    "EN is always the left side of every bead.\n",
    "beads: one bead per line, [en ids]:[zh ids], ids = 1-based start lines of the\n"
    "blocks (0-based line indexes with --units lines); [12]:[] = no counterpart.\n"
    "With --units lines each line is a sentence and the sentence aligner pairs them\n"
    "(beads up to 1-4/4-1); either file may be the Chinese one.\n",
    21,
};

static int S_align(const S_args *a, const cli_list *files)
{
    enf_align_opts opts = {0};
    enf_sent_opts sopts;
    char bparams[1024] = "";
    char sent_err[sizeof(((enf_error *)0)->msg)] = "";
    enf_sent_opts_init(&sopts);
    if (files->n > 2)
        return cli_fail("align: too many files; usage: enface align [OPTIONS] EN ZH");
    if (a->batch && files->n)
        return cli_fail("align: --batch takes no file arguments");
    if (files->n != 2 && !a->batch)
        return cli_fail("align: need two files; usage: enface align [OPTIONS] EN ZH");
    for (size_t i = 0; i < a->params.n; i++) {
        /* a sentence aligner weight, else a block aligner one (checked by
         * enf_align_blocks, which names an unknown one) */
        const char *v = a->params.v[i];
        enf_error perr = {0};
        if (enf_sent_opts_set(&sopts, v, &perr)) {
            if (!sent_err[0])
                snprintf(sent_err, sizeof sent_err, "%s", perr.msg);
            size_t l = strlen(bparams);
            if (l + strlen(v) + 2 > sizeof bparams)
                return cli_fail("align: too many --param");
            snprintf(bparams + l, sizeof bparams - l, "%s%s", l ? "," : "", v);
            opts.params = bparams;
        }
    }
    opts.band = a->band;

    enf_error err = {0};
    enf_doc *en = NULL, *zh = NULL;
    enf_alignment *al = NULL;
    enf_output *o = NULL;
    enf_lexicon *lx = NULL;
    int rc = ENF_EXIT_ERROR;
    if (a->units == ENF_UNITS_LINES && sent_err[0])
        return cli_fail("align: --param %s", sent_err);
    if (opts.band)
        sopts.band = opts.band;
    if (cli_load_lexicon(a->dict, a->no_dict, a->glossaries.v, a->glossaries.n, &lx))
        goto done;
    opts.lexicon = lx;   /* blocks without shared anchors use it too */
    if (a->batch) {
        rc = cli_align_batch(a->batch, a->units, lx, &sopts, &opts, a->fmt, a->explain);
        goto done;
    }
    /* the output first: an unwritable place is reported before any work,
     * and an interrupted read leaves no temporary file (it is removed) */
    if (enf_output_open(a->out, &o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    /* read for aligning only (no source, no inline spans kept), the
     * translation first: the original then keeps only the English words
     * the translation has too, the only ones the block aligner weighs */
    enf_read_opts ro = {a->units, a->encoding, 1, NULL};
    int failed = enf_doc_read_file_opts(files->v[1], &ro, &zh, &err);
    ro.latin_of = zh;
    if (failed || enf_doc_read_file_opts(files->v[0], &ro, &en, &err) ||
        enf_doc_pair_check(en, zh, a->units == ENF_UNITS_LINES, &err) ||
        (a->units == ENF_UNITS_LINES ? enf_align_sentences(en, zh, lx, &sopts, &al, &err)
                                  : enf_align_blocks(en, zh, &opts, &al, &err))) {
        enf_output_abort(o);
        cli_fail_err(&err);
        goto done;
    }
    if (a->fmt == ENF_ALIGN_FMT_BEADS && a->units != ENF_UNITS_LINES) {
        cli_warn_shared_ids(en);
        cli_warn_shared_ids(zh);
    }
    rc = cli_finish_output(
        o, enf_write_alignment(enf_output_file(o), a->fmt, en, zh, al, a->explain, &err), &err);
done:
    enf_alignment_free(al);
    enf_lexicon_free(lx);
    enf_doc_free(en);
    enf_doc_free(zh);
    return rc;
}

int cmd_align(int argc, char **argv)
{
    S_args a = {.fmt = ENF_ALIGN_FMT_BEADS, .units = ENF_UNITS_AUTO};
    cli_list files = {0};
    int rc = cli_parse_options(argc, argv, S_options, &S_usage, &a, &files);
    if (rc == CLI_PARSED)
        rc = S_align(&a, &files);
    cli_options_free(S_options, &a, &files);
    return rc;
}

const cli_option *cmd_align_options(void)
{
    return S_options;
}
