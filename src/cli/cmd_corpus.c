/* cmd_corpus.c — `enface corpus`: many document pairs in, one sentence-
 * aligned parallel corpus out (JSONL, TSV or TMX).  The main thread reads
 * input items into a ring of 4 x -j slots, -j worker threads align them,
 * and the main thread writes each slot in input order as soon as it is
 * done: the output does not depend on the thread count, and memory holds
 * one ring of documents. */
#include "cli.h"

#include <dirent.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char S_help[] =
    "usage: enface corpus [OPTIONS] DIR\n"
    "       enface corpus [OPTIONS] --manifest FILE\n"
    "       enface corpus [OPTIONS] -          (JSONL on standard input)\n"
    "\n"
    "Turn English/Chinese document pairs into a sentence-aligned parallel corpus:\n"
    "blocks are aligned first, then the sentences inside each block pair.\n"
    "\n"
    "input:\n"
    "  DIR                every DIR/*/en.md with its DIR/*/zh.md (.html too), in\n"
    "                     name order; the sub-directory name is the document name\n"
    "  --manifest FILE    TSV lines en_path<TAB>zh_path[<TAB>name]; relative paths\n"
    "                     are relative to FILE's directory; '#' lines are comments\n"
    "  -                  JSONL on standard input, one pair per line:\n"
    "                       {\"en\": PATH, \"zh\": PATH, \"id\": NAME}  files, or\n"
    "                       {\"en_text\": MARKDOWN, \"zh_text\": MARKDOWN, \"id\": NAME}\n"
    "                     (id optional; default: the en path or the line number)\n"
    "\n"
    "output:\n"
    "  -f, --format FMT   jsonl (default: text, score, bead type, document, block\n"
    "                     and sentence ids), tsv (en<TAB>zh) or tmx (TMX 1.4b)\n"
    "  -o, --output FILE  write to FILE (atomically) instead of standard output\n"
    "      --skipped FILE report skipped documents and why (TSV) to FILE instead\n"
    "                     of standard error\n"
    "\n"
    "alignment and filters:\n"
    "      --dict FILE    CC-CEDICT dictionary (cedict_ts.u8): lexical evidence\n"
    "      --glossary FILE  glossary TSV (en, zh columns): term pairs as lexical\n"
    "                     evidence; repeatable\n"
    "      --param K=V    sentence aligner parameter (see enface align --help)\n"
    "      --min-score X  drop sentence pairs scoring below X (0..1)\n"
    "      --min-ratio X  drop pairs whose zh/en length ratio, relative to the\n"
    "      --max-ratio X  document's, is below / above X (e.g. 0.5 and 2)\n"
    "      --drop-code    skip code and HTML blocks\n"
    "      --drop-tables  skip pipe tables\n"
    "      --dedup        drop exact repeats of an (en, zh) pair (within one run)\n"
    "      --max-unpaired X  skip a document when more than this share of its\n"
    "                     blocks has no counterpart (default 0.5)\n"
    "      --min-block-score X  ... or its mean block score is below X (0.2)\n"
    "\n"
    "scale:\n"
    "  -j, --jobs N       threads (default 1); output order does not depend on N\n"
    "      --shard I/N    process only input items I, I+N, I+2N, ... (0 <= I < N):\n"
    "                     N machines each run one shard of the same input\n"
    "      --progress / --no-progress  progress on standard error (default: when\n"
    "                     it is a terminal)\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 done (skipped documents are reported, not fatal), 2 usage or\n"
    "input error (missing directory or manifest, malformed JSONL line).\n";

typedef struct {
    char *name;
    char *en_path, *zh_path;   /* files, or ... */
    char *en_text, *zh_text;   /* ... inline Markdown */
    enf_corpus_pairs res;
    char *error;               /* why the document gave nothing (malloc) */
} S_job;

typedef struct {
    /* input */
    int kind;                  /* 0 dir, 1 manifest, 2 jsonl stdin */
    const char *path;
    char *base;                /* manifest directory */
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
    S_job *jobs;
    unsigned char *ready;      /* per slot: aligned, waiting to be written */
    size_t ring, filled, taken, written;
    int eof, stop;
    pthread_mutex_t mu;
    pthread_cond_t cv_work, cv_done;
} S_run;

static char *S_join_path(const char *base, const char *p)
{
    if (!base || p[0] == '/') 
        return strdup(p);
    size_t n = strlen(base) + strlen(p) + 2;
    char *r = malloc(n);
    if (r)
        snprintf(r, n, "%s/%s", base, p);
    return r;
}

static int S_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static void S_job_clear(S_job *j)
{
    free(j->name);
    free(j->en_path);
    free(j->zh_path);
    free(j->en_text);
    free(j->zh_text);
    free(j->error);
    enf_corpus_pairs_free(&j->res);
    memset(j, 0, sizeof *j);
}

/* Next input item into *j: 1 got one, 0 end of input, -1 error (printed). */
static int S_next_item(S_run *r, S_job *j)
{
    memset(j, 0, sizeof *j);
    if (r->kind == 0) {
        while (r->ent < r->nents) {
            const char *d = r->ents[r->ent++]->d_name;
            if (d[0] == '.')
                continue;
            char *dir = S_join_path(r->path, d);
            if (!dir)
                return -1;
            struct stat st;
            if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
                free(dir);
                continue;
            }
            j->name = strdup(d);
            static const char *const ext[][2] = {{"en.md", "zh.md"}, {"en.html", "zh.html"}};
            for (int k = 0; k < 2 && !j->en_path; k++) {
                char *e = S_join_path(dir, ext[k][0]), *z = S_join_path(dir, ext[k][1]);
                if (e && z && S_exists(e) && S_exists(z)) {
                    j->en_path = e;
                    j->zh_path = z;
                } else {
                    free(e);
                    free(z);
                }
            }
            free(dir);
            if (!j->en_path) {
                j->error = strdup("no en.md + zh.md (or en.html + zh.html) pair");
            }
            return 1;
        }
        return 0;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&buf, &cap, r->f)) >= 0) {
        r->line++;
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            buf[--n] = '\0';
        if (n == 0 || buf[0] == '#')
            continue;
        if (r->kind == 1) {
            if (r->line == 1 && !strncmp(buf, "en_path\t", 8))
                continue;
            char *t1 = strchr(buf, '\t');
            if (!t1) {
                cli_fail("%s:%ld: expected en_path<TAB>zh_path", r->path, r->line);
                free(buf);
                return -1;
            }
            *t1 = '\0';
            char *zp = t1 + 1, *t2 = strchr(zp, '\t');
            if (t2)
                *t2 = '\0';
            j->en_path = S_join_path(r->base, buf);
            j->zh_path = S_join_path(r->base, zp);
            j->name = strdup(t2 && t2[1] ? t2 + 1 : buf);
        } else {
            json_error_t je;
            json_t *o = json_loads(buf, 0, &je);
            const char *en = NULL, *zh = NULL, *et = NULL, *zt = NULL, *id = NULL;
            if (!o || !json_is_object(o) ||
                json_unpack(o, "{s?s, s?s, s?s, s?s, s?s}", "en", &en, "zh", &zh, "en_text",
                            &et, "zh_text", &zt, "id", &id) != 0 ||
                /* one form or the other, whole: {"en", "en_text", "zh_text"}
                 * once reached strdup(NULL) */
                !((en && zh && !et && !zt) || (et && zt && !en && !zh))) {
                cli_fail("<stdin>:%ld: expected a JSON object with either \"en\" and \"zh\" "
                         "paths or \"en_text\" and \"zh_text\" (not a mix)",
                         r->line);
                json_decref(o);
                free(buf);
                return -1;
            }
            if (en) {
                j->en_path = strdup(en);
                j->zh_path = strdup(zh);
            } else {
                j->en_text = strdup(et);
                j->zh_text = strdup(zt);
            }
            char num[32];
            snprintf(num, sizeof num, "%ld", r->line);
            j->name = strdup(id ? id : en ? en : num);
            json_decref(o);
        }
        free(buf);
        return 1;
    }
    free(buf);
    if (ferror(r->f)) {
        cli_fail("%s: read error", r->path);
        return -1;
    }
    return 0;
}

static void S_process(S_run *r, S_job *j)
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
    S_run *r = arg;
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

int cmd_corpus(int argc, char **argv)
{
    const char *out = NULL, *input = NULL, *manifest = NULL, *dict = NULL, *skipped = NULL;
    const char *gloss[16];
    int ngloss = 0;
    enf_corpus_format fmt = ENF_CORPUS_FMT_JSONL;
    S_run r;
    memset(&r, 0, sizeof r);
    enf_sent_opts_init(&r.sopts);
    int jobs = 1, dedup = 0, progress = -1;
    long shard_i = 0, shard_n = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        char *end;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(S_help, stdout);
            return ENF_EXIT_OK;
        } else if ((v = cli_opt_value(argc, argv, &i, "--format")) ||
                   (v = cli_opt_value(argc, argv, &i, "-f"))) {
            if (!strcmp(v, "jsonl"))
                fmt = ENF_CORPUS_FMT_JSONL;
            else if (!strcmp(v, "tsv"))
                fmt = ENF_CORPUS_FMT_TSV;
            else if (!strcmp(v, "tmx"))
                fmt = ENF_CORPUS_FMT_TMX;
            else
                return cli_fail("corpus: unknown format '%s' (use jsonl, tsv or tmx)", v);
        } else if ((v = cli_opt_value(argc, argv, &i, "--output")) ||
                   (v = cli_opt_value(argc, argv, &i, "-o"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            out = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--manifest"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            manifest = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--skipped"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            skipped = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--glossary"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            if (ngloss == 16)
                return cli_fail("corpus: at most 16 --glossary files");
            gloss[ngloss++] = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--dict"))) {
            if (!*v)
                return ENF_EXIT_ERROR;
            dict = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--param"))) {
            enf_error perr = {0};
            if (!*v || enf_sent_opts_set(&r.sopts, v, &perr))
                return cli_fail("corpus: --param %s", perr.msg);
        } else if ((v = cli_opt_value(argc, argv, &i, "--min-score")) ||
                   (v = cli_opt_value(argc, argv, &i, "--min-ratio")) ||
                   (v = cli_opt_value(argc, argv, &i, "--max-ratio")) ||
                   (v = cli_opt_value(argc, argv, &i, "--max-unpaired")) ||
                   (v = cli_opt_value(argc, argv, &i, "--min-block-score"))) {
            double x = strtod(v, &end);
            if (!*v || *end || x < 0)
                return cli_fail("corpus: %s needs a non-negative number, got '%s'", a, v);
            if (!strncmp(a, "--min-score", 11))
                r.copts.min_score = x;
            else if (!strncmp(a, "--min-ratio", 11))
                r.copts.min_ratio = x;
            else if (!strncmp(a, "--max-ratio", 11))
                r.copts.max_ratio = x;
            else if (!strncmp(a, "--max-unpaired", 14))
                r.copts.max_unpaired = x;
            else
                r.copts.min_block_score = x;
        } else if (!strcmp(a, "--drop-code")) {
            r.copts.drop_code = 1;
        } else if (!strcmp(a, "--drop-tables")) {
            r.copts.drop_tables = 1;
        } else if (!strcmp(a, "--dedup")) {
            dedup = 1;
        } else if (!strcmp(a, "--progress")) {
            progress = 1;
        } else if (!strcmp(a, "--no-progress")) {
            progress = 0;
        } else if ((v = cli_opt_value(argc, argv, &i, "--jobs")) ||
                   (v = cli_opt_value(argc, argv, &i, "-j"))) {
            jobs = (int)strtol(v, &end, 10);
            if (!*v || *end || jobs < 1 || jobs > 256)
                return cli_fail("corpus: --jobs needs a number from 1 to 256, got '%s'", v);
        } else if ((v = cli_opt_value(argc, argv, &i, "--shard"))) {
            shard_i = strtol(v, &end, 10);
            if (end == v || *end != '/' || (shard_n = strtol(end + 1, &end, 10)) < 1 || *end ||
                shard_i < 0 || shard_i >= shard_n)
                return cli_fail("corpus: --shard needs I/N with 0 <= I < N, got '%s'", v);
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_fail("corpus: unknown option '%s'; see 'enface corpus --help'", a);
        } else if (!input) {
            input = a;
        } else {
            return cli_fail("corpus: more than one input; see 'enface corpus --help'");
        }
    }
    if ((input != NULL) + (manifest != NULL) != 1)
        return cli_fail("corpus: give one input: DIR, --manifest FILE or - (JSONL on stdin)");
    if (progress < 0)
        progress = isatty(2);

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

    int rc = ENF_EXIT_ERROR;
    enf_error err = {0};
    enf_lexicon *lx = NULL;
    enf_output *o = NULL;
    enf_corpus_writer *w = NULL;
    FILE *skip_f = stderr;
    enf_output *skip_o = NULL;
    S_seen seen = {0};
    size_t ndocs = 0, npairs = 0, nskipped = 0;
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
    xmlInitParser();
    if (cli_load_lexicon(dict, (const char *const *)gloss, ngloss, &lx))
        goto done;
    r.lx = lx;
    if (skipped) {
        if (enf_output_open(skipped, &skip_o, &err)) {
            cli_fail_err(&err);
            goto done;
        }
        skip_f = enf_output_file(skip_o);
    }
    if (enf_output_open(out, &o, &err) ||
        enf_corpus_writer_new(enf_output_file(o), fmt, &w, &err)) {
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
            S_job j;
            int got = S_next_item(&r, &j);
            if (got < 0)
                goto done;
            pthread_mutex_lock(&r.mu);
            if (got == 0) {
                r.eof = 1;
            } else if ((long)(r.index++ % (size_t)shard_n) != shard_i) {
                S_job_clear(&j);
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
        S_job *j = &r.jobs[r.written % r.ring];
        ndocs++;
        if (j->error) {
            nskipped++;
            fprintf(skip_f, "%s\t%s\n", j->name, j->error);
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
        if (!j->error && enf_corpus_writer_add(w, j->name, &j->res, &err)) {
            cli_fail_err(&err);
            goto done;
        }
        npairs += j->res.n;
        S_job_clear(j);
        pthread_mutex_lock(&r.mu);
        r.written++;
        pthread_mutex_unlock(&r.mu);
        if (progress && (ndocs % 8 == 0 || r.eof))
            fprintf(stderr, "\renface corpus: %zu documents, %zu sentence pairs, %zu skipped",
                    ndocs, npairs, nskipped);
    }
    if (progress)
        fputc('\n', stderr);
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
        if (enf_corpus_writer_end(ww, &err) || enf_output_commit(o, &err)) {
            o = NULL;
            cli_fail_err(&err);
            goto done;
        }
        o = NULL;
    }
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
    if (o)
        enf_output_abort(o);
    for (size_t k = r.written; r.jobs && k < r.filled; k++)
        S_job_clear(&r.jobs[k % r.ring]);
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
    if (r.f && r.f != stdin)
        fclose(r.f);
    for (int k = 0; k < r.nents; k++)
        free(r.ents[k]);
    free(r.ents);
    enf_lexicon_free(lx);
    return rc;
}
