/* test_config.c — src/check/config.c: .enface.ini found upwards, read into
 * the options, and its errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixtures.h"

static void test_config(void **state)
{
    (void)state;
    char dir[] = "/tmp/enface-cfg-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], sub[256];
    snprintf(path, sizeof path, "%s/.enface.ini", dir);
    snprintf(sub, sizeof sub, "%s/a", dir);
    FILE *f = fopen(path, "w");
    fputs("; defaults for this repository\n[check]\nglossary = glossary/ml.tsv\nglossary = /abs/extra.tsv\n"
          "fail-on = error\nformat = sarif\n[rules]\nglossary.missing = off\nspacing = on\nlink.lost = error\n",
          f);
    fclose(f);
    assert_int_equal(mkdir(sub, 0700), 0);
    char *found = enf_config_find(sub);
    assert_non_null(found);
    assert_string_equal(found, path);
    enf_config cfg = {0};
    cfg.fail_on = -1;
    enf_check_opts o;
    enf_check_opts_init(&o);
    enf_error err = {0};
    if (enf_config_load(found, &cfg, &o, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(cfg.n_glossaries, 2);
    char want[300];
    snprintf(want, sizeof want, "%s/glossary/ml.tsv", dir);
    assert_string_equal(cfg.glossaries[0], want);
    assert_string_equal(cfg.glossaries[1], "/abs/extra.tsv");
    assert_int_equal(cfg.fail_on, ENF_SEV_ERROR);
    assert_string_equal(cfg.format, "sarif");
    assert_int_equal(o.severity[ENF_RULE_GLOSSARY_MISSING], ENF_SEV_NONE);
    assert_int_equal(o.severity[ENF_RULE_SPACING_CJK_LATIN], ENF_SEV_NOTE);
    assert_int_equal(o.severity[ENF_RULE_LINK_LOST], ENF_SEV_ERROR);
    enf_config_free(&cfg);
    f = fopen(path, "w");
    fputs("[check]\nfail-on = error\n[rules]\nglossary.missing = loud\n", f);
    fclose(f);
    cfg.fail_on = -1;
    assert_int_equal(enf_config_load(path, &cfg, &o, &err), ENF_EINPUT);
    char msg[400];
    snprintf(msg, sizeof msg, "%s:4: \"loud\" is not a severity", path);
    assert_non_null(strstr(err.msg, msg));
    enf_config_free(&cfg);
    free(found);
    unlink(path);
    rmdir(sub);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
