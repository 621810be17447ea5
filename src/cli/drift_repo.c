/* drift_repo.c — `enface drift --pairs EN=ZH [--en-rev REV] [FILE...]`: in
 * a git work tree, each translation against the change of its original
 * since the revision it was synced to.  That revision is the front-matter
 * key the translation carries (MDN's l10n.sourceCommit, OpenTelemetry's
 * default_lang_commit, or --source-commit-key), else the original's last
 * commit at or before the translation's last commit; the original now is
 * the one at REV (HEAD).  One report for the run (enf_findings_writer),
 * a Markdown summary of the stale pages, and --update-source-commit. */
#include "cli.h"
#include "pairs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The keys looked for when none is configured, in order. */
static const char *const S_default_keys[] = {"l10n.sourceCommit", "default_lang_commit"};
/* The key written to a translation that has none. */
#define S_WRITE_KEY "default_lang_commit"

typedef struct {
    char *page;           /* the translation, as named on the command line */
    size_t blocks, stale, minor, untranslated;
    char synced[13], now[13];
} S_row;

typedef struct {
    char *path;           /* the translation to rewrite */
    char *data;           /* its new bytes */
    size_t len;
    char *old_value;      /* the key's value before, or NULL */
    char *key;
} S_update;

typedef struct {
    S_row *rows;
    size_t n_rows, cap_rows;
    S_update *up;
    size_t n_up, cap_up;
} S_run;

static void S_run_free(S_run *run)
{
    for (size_t i = 0; i < run->n_rows; i++)
        free(run->rows[i].page);
    free(run->rows);
    for (size_t i = 0; i < run->n_up; i++) {
        free(run->up[i].path);
        free(run->up[i].data);
        free(run->up[i].old_value);
        free(run->up[i].key);
    }
    free(run->up);
}

static char *S_join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s", a, b);
    return s;
}

/* The front-matter key and its value in the translation: the configured
 * key, else the first default key present.  *key NULL when none. */
static int S_find_key(const char *data, size_t len, const char *configured, const char **key,
                      char **value, enf_error *err)
{
    *key = NULL;
    *value = NULL;
    size_t n = configured ? 1 : sizeof S_default_keys / sizeof S_default_keys[0];
    for (size_t i = 0; i < n; i++) {
        const char *k = configured ? configured : S_default_keys[i];
        if (enf_front_matter_get(data, len, k, value, err))
            return -1;
        if (*value) {
            *key = k;
            return 0;
        }
    }
    return 0;
}

/* Count one page's findings for the summary. */
static void S_count(S_row *row, const enf_findings *fs, size_t n_blocks)
{
    unsigned char *seen = calloc(n_blocks + 1, 1);
    row->blocks = n_blocks;
    for (size_t i = 0; i < fs->n; i++) {
        const enf_finding *f = &fs->v[i];
        int r = enf_rule_find(f->rule);
        if (r == ENF_RULE_DRIFT_UNTRANSLATED) {
            row->untranslated++;
            continue;
        }
        if (r != ENF_RULE_DRIFT_STALE && r != ENF_RULE_DRIFT_ORPHAN && r != ENF_RULE_DRIFT_MOVED)
            continue;
        size_t b = f->block[1];
        if (b == ENF_NO_BLOCK || b >= n_blocks || !seen)
            continue;
        unsigned char lvl = f->severity >= ENF_SEV_WARNING ? 2 : 1;
        if (seen[b] >= lvl)
            continue;
        if (seen[b] == 1)
            row->minor--;
        seen[b] = lvl;
        if (lvl == 2)
            row->stale++;
        else
            row->minor++;
    }
    free(seen);
}

static int S_cmp_row(const void *a, const void *b)
{
    const S_row *x = a, *y = b;
    if (x->stale != y->stale)
        return x->stale < y->stale ? 1 : -1;
    if (x->untranslated != y->untranslated)
        return x->untranslated < y->untranslated ? 1 : -1;
    return strcmp(x->page, y->page);
}

/* The Markdown summary: the stale pages, most stale first, as maintainers
 * paste it into an umbrella issue. */
static void S_summary(FILE *f, S_run *run, const cli_repo *r, int zh_source, const char *rev,
                      const char *rev_id)
{
    size_t n_stale = 0;
    for (size_t i = 0; i < run->n_rows; i++)
        n_stale += run->rows[i].stale || run->rows[i].untranslated;
    if (run->n_rows > 1)
        qsort(run->rows, run->n_rows, sizeof *run->rows, S_cmp_row);
    fprintf(f, "**%zu of %zu translated page%s stale** against the original at `%s` (%.12s)\n",
            n_stale, run->n_rows, run->n_rows == 1 ? "" : "s", rev, rev_id);
    if (n_stale) {
        fprintf(f, "\n| page | stale | not translated | minor edits | synced to |\n");
        fprintf(f, "| --- | --- | ---: | ---: | --- |\n");
        for (size_t i = 0; i < run->n_rows; i++) {
            const S_row *w = &run->rows[i];
            if (!w->stale && !w->untranslated)
                continue;
            fprintf(f, "| %s | %zu of %zu paragraph%s | %zu | %zu | `%s` |\n", w->page, w->stale,
                    w->blocks, w->blocks == 1 ? "" : "s", w->untranslated, w->minor, w->synced);
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++) {
        const char *src = zh_source ? r->v[i].zh : r->v[i].en, *tr = zh_source ? r->v[i].en : r->v[i].zh;
        if (src && !tr)
            fprintf(f, "%s %s%s", k++ ? "," : "\nNot translated (no translation file):", r->prefix, src);
    }
    if (k)
        fputc('\n', f);
}

static int S_push_row(S_run *run, S_row *row)
{
    if (run->n_rows == run->cap_rows) {
        size_t cap = run->cap_rows ? 2 * run->cap_rows : 16;
        S_row *v = realloc(run->rows, cap * sizeof *v);
        if (!v)
            return -1;
        run->rows = v;
        run->cap_rows = cap;
    }
    run->rows[run->n_rows++] = *row;
    return 0;
}

static int S_push_update(S_run *run, S_update *u)
{
    if (run->n_up == run->cap_up) {
        size_t cap = run->cap_up ? 2 * run->cap_up : 16;
        S_update *v = realloc(run->up, cap * sizeof *v);
        if (!v)
            return -1;
        run->up = v;
        run->cap_up = cap;
    }
    run->up[run->n_up++] = *u;
    return 0;
}

/* Write the translations' new front matter, each atomically. */
static int S_write_updates(const S_run *run, const char *rev_id)
{
    /* the translations were inputs of this run; now they are its outputs */
    enf_inputs_clear();
    enf_inputs_track(0);
    for (size_t i = 0; i < run->n_up; i++) {
        const S_update *u = &run->up[i];
        enf_output *o = NULL;
        enf_error err = {0};
        if (enf_output_open(u->path, &o, &err))
            return cli_fail_err(&err);
        int wrc = fwrite(u->data, 1, u->len, enf_output_file(o)) == u->len ? ENF_OK : ENF_EIO;
        if (wrc)
            enf_error_set(&err, ENF_EIO, "%s: cannot write", u->path);
        if (cli_finish_output(o, wrc, &err))
            return ENF_EXIT_ERROR;
        if (u->old_value)
            fprintf(stderr, "enface: %s: %s changed: %.12s -> %.12s\n", u->path, u->key,
                    u->old_value, rev_id);
        else
            fprintf(stderr, "enface: %s: %s added: %.12s\n", u->path, u->key, rev_id);
    }
    return ENF_EXIT_OK;
}

int cli_drift_repo(const cli_drift_repo_args *a, const cli_list *files)
{
    cli_repo r = {0};
    enf_config cfg = {0};
    enf_git *g = NULL;
    enf_findings fs = {0};
    enf_error err = {0};
    enf_output *o = NULL, *so = NULL;
    enf_findings_writer *w = NULL;
    S_run run = {0};
    char *config_path = NULL, *gprefix = NULL;
    char *tr_path = NULL, *src_path = NULL, *tr_data = NULL, *old_data = NULL, *new_data = NULL;
    char *old_name = NULL, *key_value = NULL;
    enf_doc *d_old = NULL, *d_new = NULL, *d_tr = NULL;
    int rc = ENF_EXIT_ERROR;
    cfg.fail_on = -1;

    if (!a->no_config) {
        config_path = a->config ? strdup(a->config) : enf_config_find(".");
        if (config_path && enf_config_load(config_path, &cfg, NULL, &err)) {
            cli_fail_err(&err);
            goto done;
        }
    }
    cli_repo_spec spec = {
        .cmd = "drift",
        .usage = "enface drift [OPTIONS] EN_OLD EN_NEW ZH",
        .need = "need three files, or ",
        .root = a->root,
        .config_path = config_path,
        .cfg = &cfg,
        .pairs = a->pairs->v,
        .n_pairs = a->pairs->n,
    };
    if (cli_repo_open(&r, &spec, files->v, files->n) != ENF_EXIT_OK ||
        cli_repo_need_originals(&r, "drift", "drift follows the originals' changes") != ENF_EXIT_OK)
        goto done;
    if (cli_repo_git(&r, "drift", &g, &gprefix) != ENF_EXIT_OK)
        goto done;
    const char *rev = a->en_rev ? a->en_rev : "HEAD";
    char rev_id[ENF_GIT_ID_SIZE];
    if (enf_git_resolve(g, rev, rev_id, &err)) {
        cli_fail("drift: --en-rev %s", err.msg);
        goto done;
    }
    const char *key_cfg = a->source_commit_key ? a->source_commit_key : cfg.source_commit_key;
    int zh_source = a->opts->source_lang == ENF_LANG_ZH;
    enf_drift_opts opts = *a->opts;
    opts.source_lang = zh_source ? ENF_LANG_ZH : ENF_LANG_EN;
    enf_drift_stats st;
    opts.stats = &st;
    int fail_on = a->fail_on >= 0 ? a->fail_on : cfg.fail_on >= 0 ? cfg.fail_on : ENF_SEV_WARNING;
    enf_findings_format fmt = ENF_FINDINGS_TEXT;
    if (a->format)
        cli_parse_findings_format(a->format, &fmt);
    else if (cfg.format && cli_parse_findings_format(cfg.format, &fmt)) {
        cli_fail("%s: unknown format '%s' (use text, json, sarif or github)", config_path,
                 cfg.format);
        goto done;
    }

    if (enf_output_open(a->out, &o, &err)) {
        cli_fail_err(&err);
        goto done;
    }
    unsigned flags = ENF_WF_DRIFT;
    if (fmt == ENF_FINDINGS_TEXT && (!a->out || !strcmp(a->out, "-")) && isatty(1)) {
        flags |= ENF_WF_SOURCE;
        if (!getenv("NO_COLOR"))
            flags |= ENF_WF_COLOR;
    }
    if (enf_findings_writer_new(enf_output_file(o), fmt, flags, r.root_abs, r.prefix, &w, &err)) {
        cli_fail_err(&err);
        goto abort;
    }
    size_t c[4] = {0}, n_files = 0;
    for (size_t i = 0; i < r.n; i++) {
        const cli_pair_paths *pp = &r.v[i];
        const char *src = zh_source ? pp->zh : pp->en, *tr = zh_source ? pp->en : pp->zh;
        if (!pp->en || !pp->zh) {
            if (!tr)
                continue;   /* an untranslated page: listed in the summary */
            fprintf(stderr, "enface: note: %s%s has no original (no %s%s): skipped\n", r.prefix, tr,
                    r.prefix, pp->missing);
            continue;
        }
        free(tr_path);
        free(src_path);
        free(tr_data);
        free(old_data);
        free(new_data);
        free(old_name);
        free(key_value);
        tr_data = old_data = new_data = old_name = key_value = NULL;
        enf_doc_free(d_old);
        enf_doc_free(d_new);
        enf_doc_free(d_tr);
        d_old = d_new = d_tr = NULL;
        tr_path = S_join(r.prefix, tr);
        src_path = S_join(r.prefix, src);
        char *git_tr = S_join(gprefix, tr), *git_src = S_join(gprefix, src);
        if (!tr_path || !src_path || !git_tr || !git_src) {
            free(git_tr);
            free(git_src);
            cli_fail("out of memory");
            goto abort;
        }
        size_t tr_len = 0, old_len = 0, new_len = 0;
        const char *key = NULL;
        char old_id[ENF_GIT_ID_SIZE] = "", tr_last[ENF_GIT_ID_SIZE];
        int bad = 0, skip = 0;
        if (enf_read_text_file(tr_path, &tr_data, &tr_len, &err) ||
            S_find_key(tr_data, tr_len, key_cfg, &key, &key_value, &err)) {
            bad = 1;
        } else if (key) {
            /* the front matter says which original it was synced to */
            if (enf_git_resolve(g, key_value, old_id, &err)) {
                char m[sizeof err.msg];
                snprintf(m, sizeof m, "%s", err.msg);
                enf_error_set(&err, ENF_EINPUT, "%s: %s: %s", tr_path, key, m);
                bad = 1;
            }
        } else if (enf_git_last_commit(g, "HEAD", git_tr, tr_last, &err)) {
            bad = 1;
        } else if (!tr_last[0]) {
            fprintf(stderr, "enface: note: %s is not committed yet: taken as synced to %s\n", tr_path,
                    rev);
            memcpy(old_id, rev_id, sizeof old_id);
        } else if (enf_git_last_commit(g, tr_last, git_src, old_id, &err)) {
            bad = 1;
        } else if (!old_id[0]) {
            fprintf(stderr, "enface: note: %s was not in the repository when %s was last committed "
                            "(%.12s): skipped\n", src_path, tr_path, tr_last);
            skip = 1;
        }
        if (!bad && !skip) {
            int e1 = enf_git_read_file(g, old_id, git_src, &old_data, &old_len, &err);
            if (e1 == ENF_EINPUT && !old_data) {
                fprintf(stderr, "enface: note: %s is not in %.12s, the commit %s was synced to: "
                                "skipped\n", src_path, old_id, tr_path);
                skip = 1;
            } else if (e1) {
                bad = 1;
            }
        }
        if (!bad && !skip) {
            int e2 = enf_git_read_file(g, rev_id, git_src, &new_data, &new_len, &err);
            if (e2 == ENF_EINPUT && !new_data) {
                fprintf(stderr, "enface: note: %s is not in %s: skipped\n", src_path, rev);
                skip = 1;
            } else if (e2) {
                bad = 1;
            }
        }
        free(git_tr);
        if (!bad && !skip) {
            size_t nl = strlen(git_src) + 16;
            old_name = malloc(nl);
            if (old_name)
                snprintf(old_name, nl, "%.12s:%s", old_id, git_src);
        }
        free(git_src);
        if (bad) {
            cli_fail_err(&err);
            goto abort;
        }
        if (skip)
            continue;
        if (!old_name) {
            cli_fail("out of memory");
            goto abort;
        }
        if (enf_doc_read_buffer(old_name, old_data, old_len, a->units, &d_old, &err) ||
            enf_doc_read_buffer(src_path, new_data, new_len, a->units, &d_new, &err) ||
            enf_doc_read_buffer(tr_path, tr_data, tr_len, a->units, &d_tr, &err)) {
            cli_fail_err(&err);
            goto abort;
        }
        memset(&st, 0, sizeof st);
        if (enf_drift(d_old, d_new, d_tr, &opts, &fs, &err)) {
            cli_fail_err(&err);
            goto abort;
        }
        if (st.unaligned)
            fprintf(stderr,
                    "enface: drift: warning: %s does not look like a translation of %s (%zu of %zu "
                    "blocks paired); no drift reported\n", tr_path, old_name, st.paired, st.src_blocks);
        if (enf_findings_writer_add(w, d_new, d_tr, &fs, &err)) {
            cli_fail_err(&err);
            goto abort;
        }
        S_row row = {0};
        row.page = strdup(tr_path);
        snprintf(row.synced, sizeof row.synced, "%.12s", old_id);
        snprintf(row.now, sizeof row.now, "%.12s", rev_id);
        S_count(&row, &fs, d_tr->n_blocks);
        if (!row.page || S_push_row(&run, &row)) {
            free(row.page);
            cli_fail("out of memory");
            goto abort;
        }
        for (size_t k = 0; k < fs.n; k++)
            c[fs.v[k].severity]++;
        n_files++;
        enf_findings_free(&fs);
        if (a->update_source_commit && !(key_value && !strcmp(key_value, rev_id))) {
            S_update u = {0};
            const char *wkey = key ? key : key_cfg ? key_cfg : S_WRITE_KEY;
            u.path = strdup(tr_path);
            u.key = strdup(wkey);
            u.old_value = key_value;
            key_value = NULL;
            if (!u.path || !u.key ||
                enf_front_matter_set(tr_data, tr_len, wkey, rev_id, &u.data, &u.len, &err) ||
                S_push_update(&run, &u)) {
                free(u.path);
                free(u.key);
                free(u.old_value);
                free(u.data);
                if (!err.msg[0])
                    enf_error_set(&err, ENF_ENOMEM, "out of memory");
                cli_fail_err(&err);
                goto abort;
            }
        }
    }
    rc = enf_findings_writer_end(w, &err);
    w = NULL;
    if (cli_finish_output(o, rc, &err)) {
        o = NULL;
        rc = ENF_EXIT_ERROR;
        goto done;
    }
    o = NULL;
    if (a->summary) {
        if (enf_output_open(a->summary, &so, &err)) {
            cli_fail_err(&err);
            rc = ENF_EXIT_ERROR;
            goto done;
        }
        S_summary(enf_output_file(so), &run, &r, zh_source, rev, rev_id);
        if (cli_finish_output(so, ferror(enf_output_file(so)) ? ENF_EIO : ENF_OK, &err)) {
            rc = ENF_EXIT_ERROR;
            goto done;
        }
    } else {
        S_summary(stderr, &run, &r, zh_source, rev, rev_id);
    }
    size_t total = c[1] + c[2] + c[3];
    fprintf(stderr, "%zu file%s, %zu finding%s: %zu error%s, %zu warning%s, %zu note%s\n", n_files,
            n_files == 1 ? "" : "s", total, total == 1 ? "" : "s", c[3], c[3] == 1 ? "" : "s", c[2],
            c[2] == 1 ? "" : "s", c[1], c[1] == 1 ? "" : "s");
    if (a->update_source_commit && S_write_updates(&run, rev_id) != ENF_EXIT_OK) {
        rc = ENF_EXIT_ERROR;
        goto done;
    }
    int worst = c[3] ? ENF_SEV_ERROR : c[2] ? ENF_SEV_WARNING : c[1] ? ENF_SEV_NOTE : ENF_SEV_NONE;
    rc = fail_on <= ENF_SEV_ERROR && worst && worst >= fail_on ? ENF_EXIT_FINDINGS : ENF_EXIT_OK;
    goto done;
abort:
    rc = ENF_EXIT_ERROR;
    enf_findings_writer_free(w);
    w = NULL;
    if (o)
        enf_output_abort(o);
done:
    enf_findings_writer_free(w);
    enf_findings_free(&fs);
    enf_doc_free(d_old);
    enf_doc_free(d_new);
    enf_doc_free(d_tr);
    free(tr_path);
    free(src_path);
    free(tr_data);
    free(old_data);
    free(new_data);
    free(old_name);
    free(key_value);
    free(gprefix);
    free(config_path);
    S_run_free(&run);
    enf_git_free(g);
    enf_config_free(&cfg);
    cli_repo_free(&r);
    return rc;
}
