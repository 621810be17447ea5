/* cmd_blocks.c — `enface blocks FILE`: the units a document is read into,
 * one per line (id, kind, text), in the reference form the
 * blocks-reference test compares against; with --anchors, each unit's anchors too.  For checking a reader. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char S_help[] =
    "usage: enface blocks [OPTIONS] FILE\n"
    "\n"
    "List the units (leaf blocks) FILE is read into: id, kind and plain text,\n"
    "tab-separated, one unit per line.\n"
    "\n"
    "options:\n"
    "  -u, --units UNITS  auto (default), markdown, html or lines\n"
    "  -w, --width N      cut the text after N characters (default 100, 0 = all)\n"
    "      --anchors      add a column with the unit's anchors (kind:value ...)\n"
    "  -h, --help         show this help\n";

static const char *S_anchor_kind(enf_anchor_kind k)
{
    static const char *const names[] = {"link", "image", "arxiv", "doi", "number", "latin", "code"};
    return k < ENF_ANCHOR__COUNT ? names[k] : "?";
}

int cmd_blocks(int argc, char **argv)
{
    const char *path = NULL;
    enf_units units = ENF_UNITS_AUTO;
    long width = 100;
    int anchors = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(S_help, stdout);
            return ENF_EXIT_OK;
        } else if ((v = cli_opt_value(argc, argv, &i, "--units")) ||
                   (v = cli_opt_value(argc, argv, &i, "-u"))) {
            if (cli_parse_units(v, &units))
                return cli_fail("blocks: unknown units '%s' (use auto, markdown, html or lines)", v);
        } else if ((v = cli_opt_value(argc, argv, &i, "--width")) ||
                   (v = cli_opt_value(argc, argv, &i, "-w"))) {
            char *end;
            width = strtol(v, &end, 10);
            if (*end || width < 0)
                return cli_fail("blocks: --width needs a number >= 0, got '%s'", v);
        } else if (!strcmp(a, "--anchors")) {
            anchors = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_fail("blocks: unknown option '%s'; see 'enface blocks --help'", a);
        } else if (!path) {
            path = a;
        } else {
            return cli_fail("blocks: one file at a time");
        }
    }
    if (!path)
        return cli_fail("blocks: need a file; usage: enface blocks [OPTIONS] FILE");
    enf_error err = {0};
    enf_doc *d = NULL;
    if (enf_doc_read_file(path, units, &d, &err))
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
                    if (width && chars >= width)
                        break;
                    putchar(' ');
                    chars++;
                }
                space = 0;
                if (width && chars >= width)
                    break;
                chars++;
            }
            putchar(c);
        }
        if (anchors) {
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
