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

/* [rule.link.changed] equivalent: one group of prefixes per line (a
 * repeated key or a continuation line), the first the canonical one; the
 * options point at the config's pairs, which the links check then uses. */
static void test_link_equivalent(void **state)
{
    (void)state;
    const char *ini = "[rule.link.changed]\n"
                      "equivalent = https://vitejs.dev https://cn.vitejs.dev  https://vite.dev\n"
                      "equivalent = https://example.org/en/docs https://example.org/zh/docs\n";
    enf_config cfg = {0};
    cfg.fail_on = -1;
    enf_check_opts o;
    enf_check_opts_init(&o);
    enf_error err = {0};
    if (enf_config_load_buffer("x.ini", ini, strlen(ini), &cfg, &o, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(cfg.n_link_equiv, 3);
    assert_string_equal(cfg.link_equiv[0].from, "https://cn.vitejs.dev");
    assert_string_equal(cfg.link_equiv[0].to, "https://vitejs.dev");
    assert_string_equal(cfg.link_equiv[1].from, "https://vite.dev");
    assert_string_equal(cfg.link_equiv[1].to, "https://vitejs.dev");
    assert_ptr_equal(o.link_equiv, cfg.link_equiv);
    assert_int_equal(o.n_link_equiv, 3);
    assert_string_equal(cfg.link_equiv[2].from, "https://example.org/zh/docs");
    enf_findings fs;
    fx_check("# T\n\nSee [the guide](https://vite.dev/guide/) for 2 details.\n",
             "# 题\n\n详见[指南](https://cn.vitejs.dev/guide/)的 2 个细节。\n", NULL, &o, &fs);
    assert_int_equal(fx_count(&fs, "link.changed", 0, 0), 0);
    enf_findings_free(&fs);
    enf_config_free(&cfg);

    /* a continuation line is a group of its own: one prefix is an error */
    ini = "[rule.link.changed]\nequivalent = https://example.org/en/docs https://example.org/zh/docs\n"
          "  https://example.org/alone\n";
    cfg.fail_on = -1;
    assert_int_equal(enf_config_load_buffer("x.ini", ini, strlen(ini), &cfg, &o, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "x.ini:3: equivalent = \"https://example.org/alone\" names one prefix"));
    enf_config_free(&cfg);
    static const char *const bad[][2] = {
        {"[rule.link.changed]\nequivalent =\n", "x.ini:2: equivalent needs two or more prefixes"},
        {"[rule.link.changed]\nmirror = a b\n", "x.ini:2: unknown key \"mirror\" in [rule.link.changed]"},
        {"[rule.code.changed]\nequivalent = a b\n", "x.ini:2: [rule.code.changed]: no options for that rule"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        cfg.fail_on = -1;
        assert_int_equal(enf_config_load_buffer("x.ini", bad[i][0], strlen(bad[i][0]), &cfg, &o, &err),
                         ENF_EINPUT);
        if (!strstr(err.msg, bad[i][1]))
            fail_msg("%s: got %s", bad[i][1], err.msg);
        enf_config_free(&cfg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config),
        cmocka_unit_test(test_link_equivalent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
