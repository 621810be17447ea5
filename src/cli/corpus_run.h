/* corpus_run.h — the state of one `enface corpus` run, shared by the
 * command with its ring of workers (cmd_corpus.c) and the reading of the
 * input items into it (corpus_inputs.c). */
#ifndef ENFACE_CLI_CORPUS_RUN_H
#define ENFACE_CLI_CORPUS_RUN_H

#include "cli.h"
#include "pairs.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>

typedef struct {
    char *name;
    char *en_path, *zh_path;   /* files, or ... */
    char *en_text, *zh_text;   /* ... inline Markdown */
    enf_corpus_pairs res;
    char *error;               /* why the document gave nothing (malloc) */
    int layout_miss;           /* DIR: a sub-directory without en.md + zh.md */
} cli_corpus_job;

typedef struct {
    /* input */
    int kind;                  /* 0 dir, 1 manifest, 2 jsonl stdin, 3 --pairs */
    cli_repo repo;             /* kind 3: the pairs found */
    const char *path;
    char *base;                /* manifest directory */
    char *root;                /* realpath of the directory paths must stay in
                                  (the manifest's, or the current one for JSONL);
                                  NULL with --allow-outside */
    FILE *f;
    struct dirent **ents;
    int nents, ent;
    long line;
    size_t index;              /* items seen (for --shard) */
    /* shared read-only state for the workers */
    const enf_lexicon *lx;
    enf_sent_opts sopts;
    enf_corpus_opts copts;
    /* the ring: items [written, filled) are in jobs[k % ring] */
    cli_corpus_job *jobs;
    unsigned char *ready;      /* per slot: aligned, waiting to be written */
    size_t ring, filled, taken, written;
    int eof, stop;
    pthread_mutex_t mu;
    pthread_cond_t cv_work, cv_done;
} cli_corpus_run;

/* corpus_inputs.c.  The next input item into *j (its name, and its two
 * files or inline texts, or why it gives nothing): 1 got one, 0 end of
 * input, -1 error (printed). */
int cli_corpus_next_item(cli_corpus_run *r, cli_corpus_job *j);
/* Free what an item holds and zero it. */
void cli_corpus_job_clear(cli_corpus_job *j);

#endif
