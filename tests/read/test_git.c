/* test_git.c — src/read/read_git.c: a file at a revision, the last commit
 * of a path, the paths changed since a revision, and the errors for a
 * revision that does not exist and a shallow clone.  The repositories are
 * made with the git command line in a temporary directory (skipped when
 * git is not installed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"

static char S_dir[256];

static void S_sh(const char *fmt, ...)
{
    char cmd[4096], body[3800];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    int n = snprintf(cmd, sizeof cmd,
             "cd '%s' && export GIT_CONFIG_NOSYSTEM=1 HOME='%s' GIT_AUTHOR_NAME=t "
             "GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t && (%s) >/dev/null 2>&1",
             S_dir, S_dir, body);
    assert_true(n > 0 && (size_t)n < sizeof cmd);
    assert_int_equal(system(cmd), 0);
}

/* The commit id git gives for rev in repo dir (relative to S_dir). */
static void S_rev(const char *dir, const char *rev, char id[ENF_GIT_ID_SIZE])
{
    char cmd[1024];
    int n = snprintf(cmd, sizeof cmd, "git -C '%s/%s' rev-parse '%s'", S_dir, dir, rev);
    assert_true(n > 0 && (size_t)n < sizeof cmd);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    assert_non_null(fgets(id, ENF_GIT_ID_SIZE, p));
    pclose(p);
    id[strcspn(id, "\n")] = '\0';
}

static int S_setup(void **state)
{
    (void)state;
    if (system("git --version >/dev/null 2>&1") != 0)
        return 0;
    snprintf(S_dir, sizeof S_dir, "%s/enface-git-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(S_dir));
    /* r: en.md changed in commits 1 and 3, zh.md in 2 and 4; a branch
     * merged in 5 that changes other.md only */
    S_sh("git init -q r && cd r && mkdir -p sub && echo one > en.md && git add . && git commit -qm 1 &&"
         "echo 'yi' > zh.md && git add . && git commit -qm 2 &&"
         "echo two > en.md && git commit -qam 3 &&"
         "echo 'er' > zh.md && git commit -qam 4 &&"
         "git checkout -qb side && echo x > sub/other.md && git add . && git commit -qm s &&"
         "git checkout -q - && git merge -q --no-ff -m 5 side");
    return 0;
}

static int S_teardown(void **state)
{
    (void)state;
    if (S_dir[0])
        S_sh("rm -rf '%s'", S_dir);
    return 0;
}

static enf_git *S_open(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", S_dir, dir);
    enf_git *g = NULL;
    enf_error err = {0};
    assert_int_equal(enf_git_open(path, &g, &err), ENF_OK);
    return g;
}

static void test_read_file(void **state)
{
    (void)state;
    if (!S_dir[0])
        skip();
    enf_git *g = S_open("r");
    char *buf = NULL;
    size_t len = 0;
    enf_error err = {0};
    assert_int_equal(enf_git_read_file(g, "HEAD", "en.md", &buf, &len, &err), ENF_OK);
    assert_string_equal(buf, "two\n");
    assert_int_equal(len, 4);
    free(buf);
    assert_int_equal(enf_git_read_file(g, "HEAD~3", "en.md", &buf, &len, &err), ENF_OK);
    assert_string_equal(buf, "one\n");
    free(buf);
    assert_int_equal(enf_git_read_file(g, "HEAD~4", "zh.md", &buf, &len, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "no such file at revision HEAD~4"));
    assert_null(buf);
    char wd[600];
    snprintf(wd, sizeof wd, "%s/r/", S_dir);
    char *real = realpath(S_dir, NULL);
    assert_non_null(real);
    snprintf(wd, sizeof wd, "%s/r/", real);
    free(real);
    assert_string_equal(enf_git_workdir(g), wd);
    assert_int_equal(enf_git_is_shallow(g), 0);
    enf_git_free(g);
}

static void test_last_commit(void **state)
{
    (void)state;
    if (!S_dir[0])
        skip();
    enf_git *g = S_open("r/sub");   /* opened from a subdirectory */
    char id[ENF_GIT_ID_SIZE], want[ENF_GIT_ID_SIZE];
    enf_error err = {0};
    /* HEAD is the merge; en.md last changed in 3 = HEAD^1~1 */
    assert_int_equal(enf_git_last_commit(g, "HEAD", "en.md", id, &err), ENF_OK);
    S_rev("r", "HEAD^1~1", want);
    assert_string_equal(id, want);
    /* at or before 2: commit 1 */
    assert_int_equal(enf_git_last_commit(g, "HEAD^1~2", "en.md", id, &err), ENF_OK);
    S_rev("r", "HEAD^1~3", want);
    assert_string_equal(id, want);
    /* through the merge's second parent */
    assert_int_equal(enf_git_last_commit(g, "HEAD", "sub/other.md", id, &err), ENF_OK);
    S_rev("r", "side", want);
    assert_string_equal(id, want);
    /* not in the revision */
    assert_int_equal(enf_git_last_commit(g, "HEAD~1", "sub/other.md", id, &err), ENF_OK);
    assert_string_equal(id, "");
    assert_int_equal(enf_git_resolve(g, "side", id, &err), ENF_OK);
    assert_string_equal(id, want);
    enf_git_free(g);
}

static void test_errors(void **state)
{
    (void)state;
    if (!S_dir[0])
        skip();
    enf_git *g = S_open("r");
    char id[ENF_GIT_ID_SIZE];
    enf_error err = {0};
    assert_int_equal(enf_git_resolve(g, "no-such-branch", id, &err), ENF_EINPUT);
    assert_string_equal(err.msg, "no-such-branch: no such revision");
    assert_int_equal(enf_git_last_commit(g, "0123456789abcdef0123456789abcdef01234567", "en.md", id, &err),
                     ENF_EINPUT);
    assert_non_null(strstr(err.msg, "no such revision"));
    enf_git_free(g);
    enf_git *none = NULL;
    assert_int_equal(enf_git_open(S_dir, &none, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "not in a git repository"));
    assert_null(none);
}

static void test_shallow(void **state)
{
    (void)state;
    if (!S_dir[0])
        skip();
    S_sh("git clone -q --depth 1 \"file://$PWD/r\" shallow");
    enf_git *g = S_open("shallow");
    assert_int_equal(enf_git_is_shallow(g), 1);
    char id[ENF_GIT_ID_SIZE];
    enf_error err = {0};
    /* en.md did not change in the one commit there is: its history is cut */
    assert_int_equal(enf_git_last_commit(g, "HEAD", "en.md", id, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "shallow clone: the history of en.md before "));
    assert_non_null(strstr(err.msg, "fetch with --unshallow"));
    /* the file itself is there */
    char *buf = NULL;
    size_t len;
    assert_int_equal(enf_git_read_file(g, "HEAD", "en.md", &buf, &len, &err), ENF_OK);
    free(buf);
    assert_int_equal(enf_git_resolve(g, "HEAD~3", id, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "--unshallow"));
    enf_git_free(g);
}

static void test_changed(void **state)
{
    (void)state;
    if (!S_dir[0])
        skip();
    S_sh("git clone -q r c && cd c && echo three > en.md && echo new > new.md && "
         "echo staged > sub/other.md && git add sub/other.md");
    enf_git *g = S_open("c");
    char **p = NULL;
    size_t n = 0;
    enf_error err = {0};
    /* since HEAD: work tree (en.md), index (sub/other.md), untracked (new.md) */
    assert_int_equal(enf_git_changed(g, "HEAD", NULL, &p, &n, &err), ENF_OK);
    assert_int_equal(n, 3);
    assert_string_equal(p[0], "en.md");
    assert_string_equal(p[1], "new.md");
    assert_string_equal(p[2], "sub/other.md");
    enf_git_paths_free(p, n);
    /* committed: between commit 3 and 4, zh.md */
    assert_int_equal(enf_git_changed(g, "HEAD^1~1", "HEAD^1", &p, &n, &err), ENF_OK);
    assert_int_equal(n, 1);
    assert_string_equal(p[0], "zh.md");
    enf_git_paths_free(p, n);
    assert_int_equal(enf_git_changed(g, "nope", NULL, &p, &n, &err), ENF_EINPUT);
    assert_string_equal(err.msg, "nope: no such revision");
    enf_git_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_file), cmocka_unit_test(test_last_commit),
        cmocka_unit_test(test_errors),    cmocka_unit_test(test_shallow),
        cmocka_unit_test(test_changed),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
