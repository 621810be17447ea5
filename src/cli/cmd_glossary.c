/* cmd_glossary.c — `enface glossary FILE...`: load and validate glossaries
 * (TSV, TBX, a Markdown table or CSV, layered in order) and write the
 * merged result as TSV, TBX or the MT engines' two-column CSV; the exchange
 * path with CAT tools.  `enface glossary import FILE -o team.tsv` is the
 * same conversion, named for what teams do with it.  `enface glossary lint
 * GLOSSARY [EN ZH]...` (or `--pairs` over a repository) reads the glossary
 * against aligned translations (glossary_lint.c). */
#include "cli.h"

#include "pairs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *out;
    int tbx, check_only;
    cli_list pairs;
    const char *root;
    int min_beads;
} S_args;

static int S_set_format(const char *cmd, const char *v, void *field)
{
    int *tbx = field;
    if (!strcmp(v, "tsv"))
        *tbx = 0;
    else if (!strcmp(v, "tbx"))
        *tbx = 1;
    else if (!strcmp(v, "csv"))
        *tbx = 2;
    else
        return cli_fail("%s: unknown format '%s' (use tsv, tbx or csv)", cmd, v);
    return 0;
}

static const cli_option S_options[] = {
    CLI_CHOICE("format", 'f', "FMT", S_args, tbx, S_set_format, "tsv tbx csv",
               "tsv (default), tbx (ISO 30042, TBX-Basic) or csv (two columns, no header, for MT engines)"),
    CLI_CHOICE("export", 0, "FMT", S_args, tbx, S_set_format, "csv tsv tbx", "csv, tsv or tbx: the same as --format"),
    CLI_STRING("output", 'o', "FILE", S_args, out,
               "write to FILE (atomically) instead of standard output"),
    CLI_FLAG("check", 0, S_args, check_only, 1, "only validate; print the number of terms"),
    CLI_HEADING("lint:"),
    CLI_LIST("pairs", 0, "EN=ZH", S_args, pairs,
             "lint against a repository's pairs (as enface check --pairs), instead of EN ZH operands"),
    CLI_STRING("root", 0, "DIR", S_args, root, "the repository's root for --pairs (default: .)"),
    CLI_INT("min-paragraphs", 0, "N", S_args, min_beads, 1, 1000000,
            "report an entry only when its English is in N aligned paragraphs or more (default 3)"),
    CLI_END,
};

static const cli_usage S_usage = {
    "glossary",
    "usage: enface glossary [OPTIONS] FILE...\n"
    "       enface glossary import FILE... -o team.tsv\n"
    "       enface glossary lint GLOSSARY [EN ZH]... | --pairs EN=ZH [--root DIR]\n"
    "\n"
    "Load and validate glossaries (TSV; by extension TBX .tbx/.xml, a Markdown\n"
    "table .md, CSV .csv), layered in order (a later file's entry for the same\n"
    "English term wins), and write the result.  Errors name FILE:LINE.\n"
    "lint reads GLOSSARY against aligned translations: entries no translation\n"
    "follows, contradicted or swapped entries, forbidden forms translators write\n"
    "(GLOSSARY:LINE: warning: [lint.KIND] ...; exit 1 when there is one).\n",
    NULL,
    21,
};

static int S_lint(const S_args *a, const cli_list *ops)
{
    if (!ops->n)
        return cli_fail("glossary lint: need a glossary; usage: enface glossary lint GLOSSARY [EN ZH]...");
    const char *gl = ops->v[0];
    const char *const *rest = ops->v + 1;
    size_t n_rest = ops->n - 1;
    if (!a->pairs.n && (n_rest == 0 || n_rest % 2))
        return cli_fail("glossary lint: need pairs of files (EN ZH ...) or --pairs EN=ZH; usage: enface "
                        "glossary lint GLOSSARY [EN ZH]...");
    cli_pair p = {0};
    p.no_config = 1;
    p.glossaries = &gl;
    p.n_glossaries = 1;
    cli_repo r = {0};
    enf_glossary_usage *u = NULL;
    enf_error err = {0};
    char *en = NULL, *zh = NULL;
    int rc = cli_pair_settings(&p);
    if (rc != ENF_EXIT_OK)
        goto done;
    rc = ENF_EXIT_ERROR;
    if (enf_glossary_usage_new(p.glossary, &u, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    size_t n = n_rest / 2;
    if (a->pairs.n) {
        cli_repo_spec spec = {
            .cmd = "glossary lint",
            .usage = "enface glossary lint GLOSSARY --pairs EN=ZH [--root DIR] [FILE|DIR...]",
            .need = "need ",
            .root = a->root,
            .pairs = a->pairs.v,
            .n_pairs = a->pairs.n,
        };
        if (cli_repo_open(&r, &spec, rest, n_rest) != ENF_EXIT_OK)
            goto done;
        n = r.n;
    }
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        free(en);
        free(zh);
        en = zh = NULL;
        if (a->pairs.n) {
            if (cli_repo_paths(&r, i, &en, &zh) != ENF_EXIT_OK)
                goto done;
            if (!en || !zh)
                continue;
            p.en_path = en;
            p.zh_path = zh;
        } else {
            p.en_path = rest[2 * i];
            p.zh_path = rest[2 * i + 1];
        }
        if ((rc = cli_pair_read(&p)) != ENF_EXIT_OK)
            goto done;
        rc = ENF_EXIT_ERROR;
        if (enf_glossary_usage_add(u, p.en, p.zh, p.al, &err)) {
            cli_fail_err(&err);
            goto done;
        }
        used++;
        cli_pair_drop_docs(&p);
    }
    if (!used) {
        cli_fail("glossary lint: no pair with both files to read");
        goto done;
    }
    size_t found = 0;
    if (enf_glossary_usage_lint(u, a->min_beads ? (size_t)a->min_beads : 3, stdout, &found, &err) ||
        fflush(stdout)) {
        cli_fail_err(&err);
        goto done;
    }
    fprintf(stderr, "%s: %zu term%s read against %zu pair%s: %zu finding%s\n", gl, enf_glossary_count(p.glossary),
            enf_glossary_count(p.glossary) == 1 ? "" : "s", used, used == 1 ? "" : "s", found,
            found == 1 ? "" : "s");
    rc = found ? ENF_EXIT_FINDINGS : ENF_EXIT_OK;
done:
    free(en);
    free(zh);
    enf_glossary_usage_free(u);
    cli_repo_free(&r);
    cli_close_pair(&p);
    return rc;
}

static int S_glossary(const S_args *a, const cli_list *all)
{
    cli_list view = *all;
    const cli_list *files = &view;
    if (view.n && !strcmp(view.v[0], "lint")) {
        view.v++;
        view.n--;
        return S_lint(a, &view);
    }
    if (a->pairs.n || a->root || a->min_beads)
        return cli_fail("glossary: --pairs, --root and --min-paragraphs are options of 'enface glossary lint' "
                        "(given: %s)", a->pairs.n ? a->pairs.v[0] : a->root ? a->root : "--min-paragraphs");
    if (view.n && !strcmp(view.v[0], "import")) {
        view.v++;
        view.n--;
    }
    if (!files->n)
        return cli_fail("glossary: need a file; usage: enface glossary [OPTIONS] FILE...");
    enf_error err = {0};
    enf_glossary *g = NULL;
    if (enf_glossary_new(&g, &err))
        return cli_fail_err(&err);
    int rc = ENF_EXIT_ERROR;
    for (size_t i = 0; i < files->n; i++)
        if (enf_glossary_load(g, files->v[i], &err)) {
            cli_fail_err(&err);
            goto done;
        }
    if (a->check_only) {
        printf("%zu terms\n", enf_glossary_count(g));
        rc = ENF_EXIT_OK;
        goto done;
    }
    enf_output *o = NULL;
    if (enf_output_open(a->out, &o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    int r = a->tbx == 1 ? enf_glossary_write_tbx(g, enf_output_file(o), &err)
            : a->tbx == 2 ? enf_glossary_write_csv(g, enf_output_file(o), &err)
                          : enf_glossary_write_tsv(g, enf_output_file(o), &err);
    rc = cli_finish_output(o, r, &err);
done:
    enf_glossary_free(g);
    return rc;
}

int cmd_glossary(int argc, char **argv)
{
    S_args a = {0};
    cli_list files = {0};
    int rc = cli_parse_options(argc, argv, S_options, &S_usage, &a, &files);
    if (rc == CLI_PARSED)
        rc = S_glossary(&a, &files);
    cli_options_free(S_options, &a, &files);
    return rc;
}

const cli_option *cmd_glossary_options(void)
{
    return S_options;
}
