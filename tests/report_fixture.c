/* report_fixture.c — writes a report with findings made by hand, for the
 * browser tests (the checks that make real findings live elsewhere).
 *   report_fixture EN ZH OUT [--old ZH_OLD] [--payload TEXT]
 * Every third row gets a finding on both sides (rules fixture.a/b/c,
 * severities note/warning/error), one finding has no place; the messages
 * carry TEXT.  Prints each finding's message on its own line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enface.h"

static char *S_dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static void S_push(enf_findings *fs, const char *rule, int sev, const char *msg, size_t be,
                   size_t bz, size_t off, size_t len)
{
    if (fs->n == fs->cap) {
        fs->cap = fs->cap ? fs->cap * 2 : 8;
        fs->v = realloc(fs->v, fs->cap * sizeof *fs->v);
        if (!fs->v)
            exit(2);
    }
    enf_finding *f = &fs->v[fs->n++];
    memset(f, 0, sizeof *f);
    f->rule = S_dup(rule);
    f->severity = (enf_severity)sev;
    f->message = S_dup(msg);
    f->block[0] = be;
    f->block[1] = bz;
    f->text_off[0] = f->text_off[1] = off;
    f->text_len[0] = f->text_len[1] = len;
    printf("%s\n", msg);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: report_fixture EN ZH OUT [--old ZH_OLD] [--payload TEXT]\n");
        return 2;
    }
    const char *old = NULL, *payload = "";
    for (int i = 4; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--old"))
            old = argv[i + 1];
        else if (!strcmp(argv[i], "--payload"))
            payload = argv[i + 1];
    }
    enf_error err = {0};
    enf_doc *en = NULL, *zh = NULL, *zo = NULL;
    enf_alignment *al = NULL, *ao = NULL;
    if (enf_doc_read_file(argv[1], ENF_UNITS_AUTO, &en, &err) ||
        enf_doc_read_file(argv[2], ENF_UNITS_AUTO, &zh, &err) ||
        (old && enf_doc_read_file(old, ENF_UNITS_AUTO, &zo, &err)) ||
        enf_align_blocks(en, zh, NULL, &al, &err) ||
        (zo && enf_align_blocks(en, zo, NULL, &ao, &err))) {
        fprintf(stderr, "report_fixture: %s\n", err.msg);
        return 2;
    }
    enf_findings fs = {0};
    static const char *rules[] = {"fixture.a", "fixture.b", "fixture.c"};
    char msg[2048];
    for (size_t r = 0; r < al->n_beads; r += 3) {
        const enf_bead *b = &al->beads[r];
        snprintf(msg, sizeof msg, "fixture finding in row %zu %s", r + 1, payload);
        S_push(&fs, rules[(r / 3) % 3], (int)((r / 3) % 3) + 1, msg,
               b->n_en ? b->en : ENF_NO_BLOCK, b->n_zh ? b->zh : ENF_NO_BLOCK, 0, 7);
    }
    snprintf(msg, sizeof msg, "fixture finding without a place %s", payload);
    S_push(&fs, "fixture.doc", ENF_SEV_WARNING, msg, ENF_NO_BLOCK, ENF_NO_BLOCK, 0, 0);

    enf_report_opts opts = {0};
    opts.zh_old = zo;
    opts.al_old = ao;
    FILE *f = fopen(argv[3], "w");
    int rc = !f || enf_report_write(f, en, zh, al, &fs, NULL, &opts, &err);
    if (f)
        fclose(f);
    if (rc)
        fprintf(stderr, "report_fixture: %s\n", err.msg);
    for (size_t i = 0; i < fs.n; i++) {
        free(fs.v[i].rule);
        free(fs.v[i].message);
    }
    free(fs.v);
    enf_alignment_free(al);
    enf_alignment_free(ao);
    enf_doc_free(en);
    enf_doc_free(zh);
    enf_doc_free(zo);
    return rc ? 2 : 0;
}
