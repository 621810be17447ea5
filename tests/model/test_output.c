/* test_output.c — src/model/output.c: enf_output_commit_set puts a set of
 * outputs in place together, or, when one of them cannot be (here: it
 * became an input of the run after it was opened), none of them, and
 * leaves no temporary file behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"

static char S_dir[] = "/tmp/enface-test-output-XXXXXX";

static const char *S_path(const char *name)
{
    static char p[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", S_dir, name);
    return p[k];
}

static char *S_read(const char *name)
{
    FILE *f = fopen(S_path(name), "r");
    if (!f)
        return NULL;
    static char buf[256];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void S_put(const char *name, const char *s)
{
    FILE *f = fopen(S_path(name), "w");
    assert_non_null(f);
    fputs(s, f);
    fclose(f);
}

static int S_entries(void)
{
    DIR *d = opendir(S_dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static void S_open3(enf_output *v[3], const char *a, const char *b, const char *c)
{
    enf_error err = {0};
    const char *names[3] = {a, b, c};
    for (int i = 0; i < 3; i++) {
        if (enf_output_open(S_path(names[i]), &v[i], &err))
            fail_msg("%s", err.msg);
        fprintf(enf_output_file(v[i]), "new %s\n", names[i]);
    }
}

static void test_output_commit_set(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(S_dir));
    enf_error err = {0};
    enf_output *v[3];

    /* all three in place */
    S_open3(v, "x.en", "x.zh", "x.meta");
    assert_int_equal(enf_output_commit_set(v, 3, &err), ENF_OK);
    assert_string_equal(S_read("x.en"), "new x.en\n");
    assert_string_equal(S_read("x.zh"), "new x.zh\n");
    assert_string_equal(S_read("x.meta"), "new x.meta\n");
    assert_int_equal(S_entries(), 3);

    /* the second cannot be committed: the first, complete, stays out too */
    S_put("y.zh", "old\n");
    S_put("y.en", "old\n");
    S_open3(v, "y.en", "y.zh", "y.meta");
    enf_inputs_track(1);
    assert_int_equal(enf_inputs_add(S_path("y.zh"), &err), ENF_OK);
    assert_int_equal(enf_output_commit_set(v, 3, &err), ENF_EUSAGE);
    assert_non_null(strstr(err.msg, "y.zh"));
    enf_inputs_track(0);
    enf_inputs_clear();
    assert_string_equal(S_read("y.en"), "old\n");
    assert_string_equal(S_read("y.zh"), "old\n");
    assert_null(S_read("y.meta"));
    assert_int_equal(S_entries(), 5);   /* x.*, y.en, y.zh: no temporary */

    /* the last one fails: the same */
    S_open3(v, "z.en", "z.zh", "z.meta");
    S_put("z.meta", "old\n");
    enf_inputs_track(1);
    assert_int_equal(enf_inputs_add(S_path("z.meta"), &err), ENF_OK);
    assert_int_equal(enf_output_commit_set(v, 3, &err), ENF_EUSAGE);
    enf_inputs_track(0);
    enf_inputs_clear();
    assert_null(S_read("z.en"));
    assert_null(S_read("z.zh"));
    assert_string_equal(S_read("z.meta"), "old\n");
    assert_int_equal(S_entries(), 6);

    const char *all[] = {"x.en", "x.zh", "x.meta", "y.en", "y.zh", "z.meta"};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        unlink(S_path(all[i]));
    rmdir(S_dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_output_commit_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
