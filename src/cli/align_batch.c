/* align_batch.c — `enface align --batch JOBS`: many pairs in one process,
 * so a dictionary is read once (as hunalign's -batch).  JOBS has one line
 * per pair, LEFT<TAB>RIGHT<TAB>OUTPUT; each output is written atomically. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_align_batch(const char *jobs, enf_units units, const enf_lexicon *lx,
                    const enf_sent_opts *sopts, const enf_align_opts *bopts,
                    enf_align_format fmt, int explain)
{
    FILE *f = fopen(jobs, "r");
    if (!f)
        return cli_fail("%s: cannot open the batch file", jobs);
    enf_error jerr = {0};
    if (enf_inputs_add(jobs, &jerr)) {
        fclose(f);
        return cli_fail_err(&jerr);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long ln = 0;
    int rc = ENF_EXIT_OK;
    while (rc == ENF_EXIT_OK && (n = getline(&line, &cap, f)) >= 0) {
        ln++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        enf_manifest_item it;
        enf_error perr = {0};
        int prc = enf_manifest_parse_line(line, ENF_MANIFEST_BATCH, jobs, ln, &it, &perr);
        if (prc == ENF_MANIFEST_SKIP)
            continue;
        if (prc != ENF_OK) {
            rc = cli_fail_err(&perr);
            break;
        }
        enf_error err = {0};
        enf_doc *a = NULL, *b = NULL;
        enf_alignment *al = NULL;
        enf_output *o = NULL;
        if (enf_doc_read_file(it.en_path, units, &a, &err) ||
            enf_doc_read_file(it.zh_path, units, &b, &err) ||
            enf_doc_pair_check(a, b, units == ENF_UNITS_LINES, &err) ||
            (units == ENF_UNITS_LINES ? enf_align_sentences(a, b, lx, sopts, &al, &err)
                                      : enf_align_blocks(a, b, bopts, &al, &err)) ||
            enf_output_open(it.name, &o, &err)) {
            rc = cli_fail_err(&err);
        } else {
            if (fmt == ENF_ALIGN_FMT_BEADS && units != ENF_UNITS_LINES) {
                cli_warn_shared_ids(a);
                cli_warn_shared_ids(b);
            }
            if (cli_finish_output(o, enf_write_alignment(enf_output_file(o), fmt, a, b, al, explain, &err),
                                  &err))
                rc = ENF_EXIT_ERROR;
        }
        enf_alignment_free(al);
        enf_doc_free(a);
        enf_doc_free(b);
        enf_manifest_item_clear(&it);
    }
    free(line);
    fclose(f);
    return rc;
}
