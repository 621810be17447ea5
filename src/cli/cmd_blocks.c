/* cmd_blocks.c — `enface blocks FILE`: the units a document is read into,
 * one per line (id, kind, text), in the reference form the
 * blocks-reference test compares against; with --anchors, each unit's anchors too.  For checking a reader. */
#include "cli.h"

#include <limits.h>
#include <stdio.h>

typedef struct {
    enf_units units;
    const char *encoding;
    int width, anchors;
} S_args;

static const cli_option S_options[] = {
    CLI_CHOICE("units", 'u', "UNITS", S_args, units, cli_set_units, CLI_UNITS_CHOICES,
               "auto (default), markdown, commonmark, html, lines, or\n"
               "a docs site's Markdown (see --dialect)"),
    CLI_DIALECT(S_args, units),
    CLI_STRING("encoding", 0, "ENCODING", S_args, encoding,
               "the documents' encoding when not UTF-8: GB18030, GBK,\n"
               "Big5, UTF-16LE ... (ICU names); converted strictly"),
    CLI_INT("width", 'w', "N", S_args, width, 0, INT_MAX,
            "cut the text after N characters (default 100, 0 = all)"),
    CLI_FLAG("anchors", 0, S_args, anchors, 1,
             "add a column with the unit's anchors (kind:value ...)"),
    CLI_END,
};

static const cli_usage S_usage = {
    "blocks",
    "usage: enface blocks [OPTIONS] FILE\n"
    "\n"
    "List the units (leaf blocks) FILE is read into: id, kind and plain text,\n"
    "tab-separated, one unit per line.\n",
    NULL,
    21,
};

static const char *S_anchor_kind(enf_anchor_kind k)
{
    static const char *const names[] = {"link", "image", "arxiv", "doi", "number", "latin", "code"};
    return k < ENF_ANCHOR__COUNT ? names[k] : "?";
}

static int S_blocks(const S_args *a, const cli_list *files)
{
    if (files->n > 1)
        return cli_fail("blocks: one file at a time");
    if (!files->n)
        return cli_fail("blocks: need a file; usage: enface blocks [OPTIONS] FILE");
    enf_error err = {0};
    enf_doc *d = NULL;
    if (enf_doc_read_file_as(files->v[0], a->units, a->encoding, &d, &err))
        return cli_fail_err(&err);
    for (size_t i = 0; i < d->n_blocks; i++) {
        const enf_block *b = &d->blocks[i];
        printf("%d\t%s\t", b->id, enf_block_kind_name(b->kind));
        /* white space folded like the reference lister; cut at width chars */
        long chars = 0;
        int space = 0;
        for (const char *p = b->text; *p; p++) {
            unsigned char c = (unsigned char)*p;
            int ws = c == ' ' || c == '\n' || c == '\t' || c == '\r';
            if (ws) {
                space = 1;
                continue;
            }
            if ((c & 0xC0) != 0x80) {
                if (space && chars > 0) {
                    if (a->width && chars >= a->width)
                        break;
                    putchar(' ');
                    chars++;
                }
                space = 0;
                if (a->width && chars >= a->width)
                    break;
                chars++;
            }
            putchar(c);
        }
        if (a->anchors) {
            putchar('\t');
            for (size_t k = 0; k < b->n_anchors; k++)
                printf("%s%s:%s", k ? " " : "", S_anchor_kind(b->anchors[k].kind),
                       b->anchors[k].value);
        }
        putchar('\n');
    }
    enf_doc_free(d);
    if (fflush(stdout) != 0)
        return cli_fail("blocks: write error on standard output");
    return ENF_EXIT_OK;
}

int cmd_blocks(int argc, char **argv)
{
    S_args a = {.units = ENF_UNITS_AUTO, .width = 100};
    cli_list files = {0};
    int rc = cli_parse_options(argc, argv, S_options, &S_usage, &a, &files);
    if (rc == CLI_PARSED)
        rc = S_blocks(&a, &files);
    cli_options_free(S_options, &a, &files);
    return rc;
}

const cli_option *cmd_blocks_options(void)
{
    return S_options;
}
