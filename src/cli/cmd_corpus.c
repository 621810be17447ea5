/* cmd_corpus.c — `enface corpus`: many document pairs in (a directory of
 * NAME/en.md + zh.md, a repository layout given by --pairs, a manifest or
 * JSONL), one sentence-aligned parallel corpus out (JSONL, TSV, TMX, Moses)
 * or a block-aligned translation memory (PO).  The main thread reads
 * input items (corpus_inputs.c) into a ring of 4 x -j slots, -j worker
 * threads align them, and the main thread writes each slot in input order
 * as soon as it is done: the output does not depend on the thread count,
 * and memory holds one ring of documents. */
#include "corpus_run.h"

#include <dirent.h>
#include <limits.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void S_process(cli_corpus_run *r, cli_corpus_job *j)
{
    if (j->error)
        return;
    enf_error err = {0};
    enf_doc *en = NULL, *zh = NULL;
    int rc;
    if (j->en_text) {
        rc = enf_doc_read_markdown(j->name, j->en_text, strlen(j->en_text), &en, &err);
        if (!rc)
            rc = enf_doc_read_markdown(j->name, j->zh_text, strlen(j->zh_text), &zh, &err);
    } else {
        rc = enf_doc_read_file(j->en_path, ENF_UNITS_AUTO, &en, &err);
        if (!rc)
            rc = enf_doc_read_file(j->zh_path, ENF_UNITS_AUTO, &zh, &err);
    }
    if (!rc)
        rc = enf_corpus_align(en, zh, r->lx, &r->sopts, &r->copts, &j->res, &err);
    if (rc)
        j->error = strdup(err.msg);
    else if (j->res.skipped[0])
        j->error = strdup(j->res.skipped);
    enf_doc_free(en);
    enf_doc_free(zh);
}

static void *S_worker(void *arg)
{
    cli_corpus_run *r = arg;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        while (!r->stop && r->taken >= r->filled && !r->eof)
            pthread_cond_wait(&r->cv_work, &r->mu);
        if (r->stop || r->taken >= r->filled)
            break;
        size_t k = r->taken++;
        pthread_mutex_unlock(&r->mu);
        S_process(r, &r->jobs[k % r->ring]);
        pthread_mutex_lock(&r->mu);
        r->ready[k % r->ring] = 1;
        pthread_cond_signal(&r->cv_done);
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* --dedup: a set of 64-bit hashes of "en\tzh". */
typedef struct {
    uint64_t *v;
    size_t n, slots;
} S_seen;

static uint64_t S_hash_pair(const char *a, const char *b)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *p = a; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    h = (h ^ '\t') * 1099511628211ull;
    for (const char *p = b; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return h ? h : 1;
}

/* 1 when new (and now remembered), 0 when seen before, -1 out of memory. */
static int S_seen_add(S_seen *s, uint64_t h)
{
    if (2 * (s->n + 1) >= s->slots) {
        size_t ns = s->slots ? s->slots * 2 : 4096;
        uint64_t *t = calloc(ns, sizeof *t);
        if (!t)
            return -1;
        for (size_t i = 0; i < s->slots; i++)
            if (s->v[i]) {
                size_t k = (size_t)(s->v[i] * 0x9E3779B97F4A7C15ull >> 20) & (ns - 1);
                while (t[k])
                    k = (k + 1) & (ns - 1);
                t[k] = s->v[i];
            }
        free(s->v);
        s->v = t;
        s->slots = ns;
    }
    size_t k = (size_t)(h * 0x9E3779B97F4A7C15ull >> 20) & (s->slots - 1);
    for (; s->v[k]; k = (k + 1) & (s->slots - 1))
        if (s->v[k] == h)
            return 0;
    s->v[k] = h;
    s->n++;
    return 1;
}

typedef struct {
    const char *out, *manifest, *dict, *skipped, *root, *zh_lang;
    enf_corpus_format fmt;
    cli_list glossaries, params, pairs;
    enf_corpus_opts copts;
    int jobs, dedup, progress, allow_outside, no_dict;
    long shard[2];   /* --shard I/N */
} S_args;

/* The default --min-score: below it the sentence aligner's beads are more
 * often wrong than right on the tuning half of MAC-Dev (docs/corpus.md,
 * tools/eval-corpus-score). */
#define S_MIN_SCORE 0.2

static int S_set_format(const char *cmd, const char *v, void *field)
{
    enf_corpus_format *fmt = field;
    if (!strcmp(v, "jsonl"))
        *fmt = ENF_CORPUS_FMT_JSONL;
    else if (!strcmp(v, "tsv"))
        *fmt = ENF_CORPUS_FMT_TSV;
    else if (!strcmp(v, "tmx"))
        *fmt = ENF_CORPUS_FMT_TMX;
    else if (!strcmp(v, "jsonl-flat"))
        *fmt = ENF_CORPUS_FMT_JSONL_FLAT;
    else if (!strcmp(v, "moses"))
        *fmt = ENF_CORPUS_FMT_MOSES;
    else if (!strcmp(v, "po"))
        *fmt = ENF_CORPUS_FMT_PO;
    else
        return cli_fail("%s: unknown format '%s' (use jsonl, jsonl-flat, tsv, tmx, moses or po)",
                        cmd, v);
    return 0;
}

static int S_set_zh_lang(const char *cmd, const char *v, void *field)
{
    enf_error err = {0};
    if (enf_corpus_check_zh_lang(v, &err))
        return cli_fail("%s: --zh-lang: %s", cmd, err.msg);
    *(const char **)field = v;
    return 0;
}

static int S_set_shard(const char *cmd, const char *v, void *field)
{
    long *shard = field;
    char *end;
    shard[0] = strtol(v, &end, 10);
    if (end == v || *end != '/' || (shard[1] = strtol(end + 1, &end, 10)) < 1 || *end ||
        shard[0] < 0 || shard[0] >= shard[1])
        return cli_fail("%s: --shard needs I/N with 0 <= I < N, got '%s'", cmd, v);
    return 0;
}

static const cli_option S_options[] = {
    CLI_HEADING("input:"),
    CLI_OPERAND("DIR", "every DIR/*/en.md with its DIR/*/zh.md (.html too), in\n"
                       "name order; the sub-directory name is the document name"),
    CLI_LIST("pairs", 0, "EN=ZH", S_args, pairs,
             "a repository's layout, as for enface check:\n"
             "'{name}.md=zh/{name}.md', 'en/{path}.md=zh/{path}.md';\n"
             "repeatable.  Every pair under --root, or with DIR...\n"
             "(files or directories, either side) only theirs"),
    CLI_STRING("root", 0, "DIR", S_args, root,
               "the repository's root for --pairs (default: the\n"
               "current directory)"),
    CLI_STRING("manifest", 0, "FILE", S_args, manifest,
               "TSV lines en_path<TAB>zh_path[<TAB>name]; relative paths\n"
               "are relative to FILE's directory; '#' lines are comments"),
    CLI_OPERAND("-", "JSONL on standard input, one pair per line:\n"
                     "  {\"en\": PATH, \"zh\": PATH, \"id\": NAME}  files, or\n"
                     "  {\"en_text\": MARKDOWN, \"zh_text\": MARKDOWN, \"id\": NAME}\n"
                     "(id optional; default: the en path or the line number)"),
    CLI_FLAG("allow-outside", 0, S_args, allow_outside, 1,
             "let a manifest or JSONL line name files outside the\n"
             "manifest's directory (JSONL: the current directory);\n"
             "refused by default (SECURITY.md)"),
    CLI_HEADING("output:"),
    CLI_CHOICE("format", 'f', "FMT", S_args, fmt, S_set_format, "jsonl jsonl-flat tsv tmx moses po",
             "jsonl (default: {\"translation\": {\"en\", \"zh\"}} as\n"
             "Hugging Face datasets read it, with score, bead type,\n"
             "document, block and sentence ids), jsonl-flat (en, zh\n"
             "at the top level, the earlier shape), tsv (en<TAB>zh), tmx\n"
             "(TMX 1.4b), moses (-o PREFIX: PREFIX.en, PREFIX.zh,\n"
             "PREFIX.meta, line-aligned) or po (gettext: one entry\n"
             "per aligned block, msgid English, msgstr Chinese)"),
    CLI_STRING("output", 'o', "FILE", S_args, out,
               "write to FILE (atomically) instead of standard output;\n"
               "-f moses: the PREFIX of the three files"),
    CLI_CALL("zh-lang", 0, "TAG", S_args, zh_lang, S_set_zh_lang,
             "the Chinese side's BCP 47 tag (zh-CN, zh-Hans, zh-TW,\n"
             "...; default zh): TMX xml:lang, the JSONL translation\n"
             "key, the PO Language header"),
    CLI_STRING("skipped", 0, "FILE", S_args, skipped,
               "report skipped documents and why (TSV) to FILE instead\n"
               "of standard error"),
    CLI_HEADING("alignment and filters:"),
    CLI_STRING("dict", 0, "FILE", S_args, dict,
               "CC-CEDICT dictionary (cedict_ts.u8, .txt or .gz): lexical\n"
               "evidence; default: as for enface align"),
    CLI_FLAG("no-dict", 0, S_args, no_dict, 1, "no dictionary, not even the default one"),
    CLI_LIST("glossary", 0, "FILE", S_args, glossaries,
             "glossary TSV (en, zh columns): term pairs as lexical\n"
             "evidence; repeatable"),
    CLI_LIST("param", 0, "K=V", S_args, params,
             "sentence aligner parameter (see enface align --help)"),
    CLI_DOUBLE("min-score", 0, "X", S_args, copts.min_score, 0, INFINITY,
               "drop sentence pairs scoring below X (0..1; default\n"
               "0.2, measured in docs/corpus.md; 0 keeps all); -f po\n"
               "keeps such block pairs and marks them fuzzy"),
    CLI_DOUBLE("min-ratio", 0, "X", S_args, copts.min_ratio, 0, INFINITY,
               "drop pairs whose zh/en length ratio, relative to the\n"
               "document's, is below X (e.g. 0.5)"),
    CLI_DOUBLE("max-ratio", 0, "X", S_args, copts.max_ratio, 0, INFINITY,
               "... or above X (e.g. 2)"),
    CLI_FLAG("keep-code", 0, S_args, copts.drop_code, 0,
             "keep code and HTML blocks (dropped by default): a code\n"
             "block is one unit, its newlines kept in jsonl, tmx and\n"
             "po, made spaces in tsv and moses"),
    CLI_FLAG("drop-code", 0, S_args, copts.drop_code, 1,
             "skip code and HTML blocks (the default)"),
    CLI_FLAG("drop-tables", 0, S_args, copts.drop_tables, 1, "skip pipe tables"),
    CLI_FLAG("dedup", 0, S_args, dedup, 1,
             "drop exact repeats of an (en, zh) pair (within one run)"),
    CLI_DOUBLE("max-unpaired", 0, "X", S_args, copts.max_unpaired, 0, INFINITY,
               "skip a document when more than this share of its\n"
               "blocks has no counterpart (default 0.5)"),
    CLI_DOUBLE("min-block-score", 0, "X", S_args, copts.min_block_score, 0, INFINITY,
               "... or its mean block score is below X (0.2)"),
    CLI_HEADING("scale:"),
    CLI_INT("jobs", 'j', "N", S_args, jobs, 1, 256,
            "threads (default 1); output order does not depend on N"),
    CLI_CALL("shard", 0, "I/N", S_args, shard, S_set_shard,
             "process only input items I, I+N, I+2N, ... (0 <= I < N):\n"
             "N machines each run one shard of the same input"),
    CLI_FLAG("progress", 0, S_args, progress, 1,
             "progress on standard error (default: when it is a\n"
             "terminal)"),
    CLI_FLAG("no-progress", 0, S_args, progress, 0, "no progress on standard error"),
    CLI_END,
};

static const cli_usage S_usage = {
    "corpus",
    "usage: enface corpus [OPTIONS] DIR\n"
    "       enface corpus [OPTIONS] --pairs EN_PATTERN=ZH_PATTERN [FILE|DIR...]\n"
    "       enface corpus [OPTIONS] --manifest FILE\n"
    "       enface corpus [OPTIONS] -          (JSONL on standard input)\n"
    "\n"
    "Turn English/Chinese document pairs into a sentence-aligned parallel corpus:\n"
    "blocks are aligned first, then the sentences inside each block pair.\n",
    "A summary line goes to standard error at the end (documents, pairs, skipped).\n"
    "Exit status: 0 done (skipped documents are reported, not fatal), 2 usage or\n"
    "input error (missing directory or manifest, malformed JSONL line), or no\n"
    "document pair could be read (empty input, a layout that matched nothing,\n"
    "every document skipped).\n",
    21,
};

/* "1,425": counts a reader takes in at a glance. */
static const char *S_count(size_t n, char *buf, size_t size)
{
    char d[32];
    int len = snprintf(d, sizeof d, "%zu", n), o = 0;
    for (int i = 0; i < len && o + 2 < (int)size; i++) {
        if (i && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = d[i];
    }
    buf[o] = '\0';
    return buf;
}

/* The summary on standard error, always (a run that printed nothing looked
 * like one that did nothing): "24 documents, 1,425 pairs, 2 skipped: a, b". */
static void S_summary(size_t ndocs, size_t npairs, size_t nskipped, const char *names,
                      const char *skipped_file)
{
    char a[32], b[32], c[32];
    fprintf(stderr, "enface corpus: %s document%s, %s pair%s, %s skipped", S_count(ndocs, a, 32),
            ndocs == 1 ? "" : "s", S_count(npairs, b, 32), npairs == 1 ? "" : "s",
            S_count(nskipped, c, 32));
    if (nskipped)
        fprintf(stderr, ": %s%s%s%s", names, nskipped > 3 ? ", ..." : "",
                skipped_file ? " (reasons in " : "", skipped_file ? skipped_file : "");
    fprintf(stderr, "%s\n", nskipped && skipped_file ? ")" : "");
}

/* Why no document pair could be read (exit 2); ndocs: the documents that
 * were tried (not sub-directories of DIR without a pair). */
static void S_nothing_read(const cli_corpus_run *r, size_t ndocs, const char *first_skip)
{
    if (ndocs) {
        cli_fail("corpus: no document pair could be read: %s%s", first_skip,
                 ndocs > 1 ? " (and every other one skipped too)" : "");
        return;
    }
    switch (r->kind) {
    case 0: {
        int visible = 0;
        for (int k = 0; k < r->nents; k++)
            visible += r->ents[k]->d_name[0] != '.';
        if (!visible)
            cli_fail("%s: empty directory: no document pairs", r->path);
        else
            cli_fail("%s: no document pairs: no sub-directory holds en.md + zh.md (or en.html + "
                     "zh.html); for another layout give --pairs, e.g. --pairs "
                     "'{name}.md=zh/{name}.md' --root %s",
                     r->path, r->path);
        break;
    }
    case 1:
        cli_fail("%s: the manifest lists no document pairs", r->path);
        break;
    case 2:
        cli_fail("<stdin>: no JSONL lines, no document pairs");
        break;
    default:
        cli_fail("corpus: no file under %s matches --pairs '%s=%s'%s", r->repo.root_abs,
                 r->repo.maps[0].en, r->repo.maps[0].zh, r->repo.n_maps > 1 ? " (or the others)" : "");
    }
}

/* The input is open in *rp: align every item, write, summarize. */
static int S_run_corpus(const S_args *a, cli_corpus_run *rp, const enf_corpus_writer_opts *wopts_in)
{
    cli_corpus_run r = *rp;
    const char *out = a->out, *dict = a->dict, *skipped = a->skipped;
    const char *input = r.path;
    enf_corpus_format fmt = a->fmt;
    int jobs = a->jobs, dedup = a->dedup, progress = a->progress;
    long shard_i = a->shard[0], shard_n = a->shard[1];
    enf_corpus_writer_opts wopts = *wopts_in;
    if (progress < 0)
        progress = isatty(2);
    int rc = ENF_EXIT_ERROR;
    enf_error err = {0};
    enf_lexicon *lx = NULL;
    enf_output *o = NULL, *o_zh = NULL, *o_meta = NULL;
    enf_corpus_writer *w = NULL;
    FILE *skip_f = stderr;
    enf_output *skip_o = NULL;
    S_seen seen = {0};
    size_t ndocs = 0, npairs = 0, nskipped = 0, nlayout = 0;
    char skipped_names[512] = "", first_skip[700] = "";
    int nthreads = 0;
    pthread_t *th = calloc((size_t)jobs, sizeof *th);
    r.ring = (size_t)jobs * 4;
    r.jobs = calloc(r.ring, sizeof *r.jobs);
    r.ready = calloc(r.ring, 1);
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.cv_work, NULL);
    pthread_cond_init(&r.cv_done, NULL);
    if (!th || !r.jobs || !r.ready) {
        cli_fail("out of memory");
        goto done;
    }
    if (!a->allow_outside && r.kind != 3) {   /* --pairs: pairs.c keeps to the root */
        const char *dir = r.kind == 1 ? (r.base ? r.base : ".") : r.kind == 0 ? input : ".";
        r.root = realpath(dir, NULL);
        if (!r.root) {
            cli_fail("%s: cannot resolve the directory", dir);
            goto done;
        }
    }
    xmlInitParser();
    if (cli_load_lexicon(dict, a->no_dict, a->glossaries.v, a->glossaries.n, &lx))
        goto done;
    r.lx = lx;
    if (skipped) {
        if (enf_output_open(skipped, &skip_o, &err)) {
            cli_fail_err(&err);
            goto done;
        }
        skip_f = enf_output_file(skip_o);
    }
    if (fmt == ENF_CORPUS_FMT_MOSES) {
        char pe[PATH_MAX], pz[PATH_MAX], pm[PATH_MAX];
        snprintf(pe, sizeof pe, "%s.en", out);
        snprintf(pz, sizeof pz, "%s.zh", out);
        snprintf(pm, sizeof pm, "%s.meta", out);
        if (enf_output_open(pe, &o, &err) || enf_output_open(pz, &o_zh, &err) ||
            enf_output_open(pm, &o_meta, &err)) {
            cli_fail_err(&err);
            goto done;
        }
        wopts.zh = enf_output_file(o_zh);
        wopts.meta = enf_output_file(o_meta);
    } else if (enf_output_open(out, &o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    if (enf_corpus_writer_open(enf_output_file(o), fmt, &wopts, &w, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    for (; nthreads < jobs; nthreads++)
        if (pthread_create(&th[nthreads], NULL, S_worker, &r) != 0)
            break;
    if (!nthreads) {
        cli_fail("cannot start a thread");
        goto done;
    }
    for (;;) {
        /* keep the ring full */
        while (!r.eof && r.filled - r.written < r.ring) {
            cli_corpus_job j;
            int got = cli_corpus_next_item(&r, &j);
            if (got < 0)
                goto done;
            pthread_mutex_lock(&r.mu);
            if (got == 0) {
                r.eof = 1;
            } else if ((long)(r.index++ % (size_t)shard_n) != shard_i) {
                cli_corpus_job_clear(&j);
            } else {
                r.jobs[r.filled % r.ring] = j;
                r.ready[r.filled % r.ring] = 0;
                r.filled++;
            }
            pthread_cond_broadcast(&r.cv_work);
            pthread_mutex_unlock(&r.mu);
        }
        /* write the oldest item once it is aligned */
        pthread_mutex_lock(&r.mu);
        if (r.written == r.filled && r.eof) {
            pthread_mutex_unlock(&r.mu);
            break;
        }
        while (!r.ready[r.written % r.ring])
            pthread_cond_wait(&r.cv_done, &r.mu);
        pthread_mutex_unlock(&r.mu);
        cli_corpus_job *j = &r.jobs[r.written % r.ring];
        ndocs++;
        if (j->error) {
            nskipped++;
            nlayout += j->layout_miss;
            fprintf(skip_f, "%s\t%s\n", j->name, j->error);
            size_t used = strlen(skipped_names);
            if (nskipped <= 3)
                snprintf(skipped_names + used, sizeof skipped_names - used, "%s%s",
                         nskipped > 1 ? ", " : "", j->name);
            if (nskipped == 1)
                snprintf(first_skip, sizeof first_skip, "%s: %s", j->name, j->error);
        } else if (dedup) {
            size_t keep = 0;
            for (size_t q = 0; q < j->res.n; q++) {
                int isnew = S_seen_add(&seen, S_hash_pair(j->res.v[q].en, j->res.v[q].zh));
                if (isnew < 0) {
                    cli_fail("out of memory");
                    goto done;
                }
                if (isnew) {
                    j->res.v[keep++] = j->res.v[q];
                } else {
                    free(j->res.v[q].en);
                    free(j->res.v[q].zh);
                }
            }
            j->res.n = keep;
        }
        if (!j->error &&
            enf_corpus_writer_add_files(w, j->name, j->en_path, j->zh_path, &j->res, &err)) {
            cli_fail_output(o, &err);
            goto done;
        }
        npairs += j->res.n;
        cli_corpus_job_clear(j);
        pthread_mutex_lock(&r.mu);
        r.written++;
        pthread_mutex_unlock(&r.mu);
        if (progress && (ndocs % 8 == 0 || r.eof))
            fprintf(stderr, "\renface corpus: %zu documents, %zu sentence pairs, %zu skipped",
                    ndocs, npairs, nskipped);
    }
    if (progress)
        fputc('\n', stderr);
    if (ndocs == nskipped && !(ndocs == 0 && r.index > 0)) {
        /* nothing could be read: an empty corpus would look like success
         * (a shard that drew no item of a non-empty input is not that) */
        S_nothing_read(&r, ndocs - nlayout, first_skip);
        if (skip_o) {
            enf_output *so = skip_o;
            skip_o = NULL;
            skip_f = stderr;
            enf_output_commit(so, NULL);
        }
        goto done;
    }
    {
        enf_corpus_writer *ww = w;
        w = NULL;
        /* the list of skipped documents first: when it cannot be written,
         * the corpus is not either */
        if (skip_o) {
            enf_output *so = skip_o;
            skip_o = NULL;
            skip_f = stderr;
            if (enf_output_commit(so, &err)) {
                enf_corpus_writer_end(ww, NULL);
                cli_fail_err(&err);
                goto done;
            }
        }
        if (enf_corpus_writer_end(ww, &err)) {
            cli_fail_output(o, &err);   /* o is aborted below: the old file stays */
            goto done;
        }
        enf_output *set[3] = {o, o_zh, o_meta};
        o = o_zh = o_meta = NULL;
        if (enf_output_commit_set(set, set[1] ? 3 : 1, &err)) {
            cli_fail_err(&err);
            goto done;
        }
    }
    /* after the commit: an error is the one line a failed run prints */
    S_summary(ndocs, npairs, nskipped, skipped_names,
              skipped && strcmp(skipped, "/dev/null") ? skipped : NULL);
    rc = ENF_EXIT_OK;
done:
    /* stop the workers (they finish the item in hand), then free the ring */
    pthread_mutex_lock(&r.mu);
    r.stop = 1;
    pthread_cond_broadcast(&r.cv_work);
    pthread_mutex_unlock(&r.mu);
    for (int t = 0; t < nthreads; t++)
        pthread_join(th[t], NULL);
    if (w)
        enf_corpus_writer_end(w, NULL);
    enf_output_abort(o);
    enf_output_abort(o_zh);
    enf_output_abort(o_meta);
    for (size_t k = r.written; r.jobs && k < r.filled; k++)
        cli_corpus_job_clear(&r.jobs[k % r.ring]);
    free(r.ready);
    pthread_cond_destroy(&r.cv_work);
    pthread_cond_destroy(&r.cv_done);
    pthread_mutex_destroy(&r.mu);
    if (skip_o)
        enf_output_abort(skip_o);
    free(seen.v);
    free(r.jobs);
    free(th);
    free(r.base);
    free(r.root);
    if (r.f && r.f != stdin)
        fclose(r.f);
    for (int k = 0; k < r.nents; k++)
        free(r.ents[k]);
    free(r.ents);
    cli_repo_free(&r.repo);
    enf_lexicon_free(lx);
    return rc;
}


/* --pairs: the repository's pairs (pairs.c, shared with check) as input. */
static int S_corpus_repo(const S_args *a, const cli_list *inputs, cli_corpus_run *r,
                         const enf_corpus_writer_opts *wopts)
{
    if (a->manifest)
        return cli_fail("corpus: --pairs and --manifest are two inputs; give one");
    for (size_t i = 0; i < inputs->n; i++)
        if (!strcmp(inputs->v[i], "-"))
            return cli_fail("corpus: --pairs and - (JSONL on stdin) are two inputs; give one");
    r->kind = 3;
    if (cli_repo_set_root(&r->repo, a->root ? a->root : ".")) {
        cli_fail("corpus: %s", r->repo.msg);
        cli_repo_free(&r->repo);
        return ENF_EXIT_ERROR;
    }
    for (size_t i = 0; i < a->pairs.n; i++)
        if (cli_repo_add_mapping(&r->repo, a->pairs.v[i], NULL, NULL, "--pairs")) {
            cli_fail("corpus: %s", r->repo.msg);
            cli_repo_free(&r->repo);
            return ENF_EXIT_ERROR;
        }
    if (cli_repo_need_originals(&r->repo, "corpus", "a parallel corpus needs the originals") !=
        ENF_EXIT_OK) {
        cli_repo_free(&r->repo);
        return ENF_EXIT_ERROR;
    }
    if (cli_repo_scan(&r->repo, (const char *const *)inputs->v, inputs->n)) {
        cli_fail("corpus: %s", r->repo.msg);
        cli_repo_free(&r->repo);
        return ENF_EXIT_ERROR;
    }
    r->path = r->repo.root_abs;
    return S_run_corpus(a, r, wopts);
}

static int S_corpus(const S_args *a, const cli_list *inputs)
{
    const char *out = a->out, *manifest = a->manifest;
    const char *input = inputs->n ? inputs->v[0] : NULL;
    enf_corpus_format fmt = a->fmt;
    cli_corpus_run r;
    memset(&r, 0, sizeof r);
    enf_sent_opts_init(&r.sopts);
    r.copts = a->copts;
    enf_corpus_writer_opts wopts = {.zh_lang = a->zh_lang};
    if (fmt == ENF_CORPUS_FMT_PO) {
        /* a translation memory keeps every block pair: low ones are fuzzy */
        r.copts.blocks = 1;
        wopts.fuzzy_below = r.copts.min_score;
        r.copts.min_score = 0;
    }
    if (fmt == ENF_CORPUS_FMT_MOSES && (!out || !strcmp(out, "-")))
        return cli_fail("corpus: -f moses needs -o PREFIX (it writes PREFIX.en, PREFIX.zh and "
                        "PREFIX.meta)");
    for (size_t i = 0; i < a->params.n; i++) {
        enf_error perr = {0};
        if (enf_sent_opts_set(&r.sopts, a->params.v[i], &perr))
            return cli_fail("corpus: --param %s", perr.msg);
    }
    if (a->pairs.n)
        return S_corpus_repo(a, inputs, &r, &wopts);
    if (a->root)
        return cli_fail("corpus: --root goes with --pairs");
    if (inputs->n > 1)
        return cli_fail("corpus: more than one input; see 'enface corpus --help'");
    if ((input != NULL) + (manifest != NULL) != 1)
        return cli_fail("corpus: give one input: DIR, --pairs EN=ZH, --manifest FILE or - "
                        "(JSONL on stdin)");

    /* open the input */
    enf_error err0 = {0};
    if (manifest) {
        r.kind = 1;
        r.path = manifest;
        r.f = fopen(manifest, "r");
        struct stat st;
        if (!r.f || fstat(fileno(r.f), &st) != 0 || S_ISDIR(st.st_mode)) {
            if (r.f)
                fclose(r.f);
            return cli_fail("%s: cannot read the manifest (%s)", manifest,
                            r.f ? "a directory" : "missing or unreadable");
        }
        if (enf_inputs_add(manifest, &err0)) {
            fclose(r.f);
            return cli_fail_err(&err0);
        }
        const char *sl = strrchr(manifest, '/');
        r.base = sl ? strndup(manifest, (size_t)(sl - manifest)) : NULL;
    } else if (!strcmp(input, "-")) {
        r.kind = 2;
        r.path = "<stdin>";
        r.f = stdin;
    } else {
        r.kind = 0;
        r.path = input;
        struct stat st;
        if (stat(input, &st) != 0 || !S_ISDIR(st.st_mode))
            return cli_fail("%s: not a directory of document pairs (DIR/*/en.md + zh.md)",
                            input);
        r.nents = scandir(input, &r.ents, NULL, alphasort);
        if (r.nents < 0)
            return cli_fail("%s: cannot list the directory", input);
    }
    return S_run_corpus(a, &r, &wopts);
}

int cmd_corpus(int argc, char **argv)
{
    S_args a = {.fmt = ENF_CORPUS_FMT_JSONL,
                .jobs = 1,
                .progress = -1,
                .shard = {0, 1},
                .copts = {.min_score = S_MIN_SCORE, .drop_code = 1}};
    cli_list inputs = {0};
    int rc = cli_parse_options(argc, argv, S_options, &S_usage, &a, &inputs);
    if (rc == CLI_PARSED)
        rc = S_corpus(&a, &inputs);
    cli_options_free(S_options, &a, &inputs);
    return rc;
}

const cli_option *cmd_corpus_options(void)
{
    return S_options;
}
