/* test_tbx.c — src/terms/tbx.c: a glossary through TBX and back, and the
 * XML attacks a TBX file may carry (entities, external DTDs). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static void test_tbx_roundtrip(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(fx_gloss);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    enf_error err = {0};
    assert_int_equal(enf_glossary_write_tbx(g, f, &err), ENF_OK);
    fclose(f);
    assert_non_null(strstr(buf, "<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\" type=\"TBX-Basic\""));
    enf_glossary *h = NULL;
    assert_int_equal(enf_glossary_new(&h, &err), ENF_OK);
    if (enf_glossary_load_buffer(h, "g.tbx", buf, len, 1, &err))
        fail_msg("%s", err.msg);
    /* the same TSV comes out of both */
    char *a = NULL, *b = NULL;
    size_t al = 0, bl = 0;
    FILE *fa = open_memstream(&a, &al), *fb = open_memstream(&b, &bl);
    enf_glossary_write_tsv(g, fa, &err);
    enf_glossary_write_tsv(h, fb, &err);
    fclose(fa);
    fclose(fb);
    assert_string_equal(a, b);
    free(a);
    free(b);
    free(buf);
    enf_glossary_free(h);
    enf_glossary_free(g);
}

static void test_tbx_xxe(void **state)
{
    (void)state;
    enf_error err = {0};
    enf_glossary *g = NULL;
    assert_int_equal(enf_glossary_new(&g, &err), ENF_OK);
    const char *xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        "<tbx><text><body><conceptEntry><langSec xml:lang=\"en\"><termSec><term>&x;</term></termSec>"
        "</langSec><langSec xml:lang=\"zh\"><termSec><term>甲</term></termSec></langSec></conceptEntry>"
        "</body></text></tbx>\n";
    assert_int_equal(enf_glossary_load_buffer(g, "x.tbx", xxe, strlen(xxe), 1, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "x.tbx: declares XML entities; refused"));
    const char *laughs =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>\n"
        "<tbx><text><body/></text></tbx>\n";
    assert_int_equal(enf_glossary_load_buffer(g, "l.tbx", laughs, strlen(laughs), 1, &err), ENF_EINPUT);
    /* an external DTD is never fetched: the file still loads */
    const char *ext =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx SYSTEM \"http://127.0.0.1:9/x.dtd\">\n"
        "<tbx><text><body><conceptEntry><langSec xml:lang=\"en\"><termSec><term>cat</term></termSec>"
        "</langSec><langSec xml:lang=\"zh\"><termSec><term>猫</term></termSec></langSec></conceptEntry>"
        "</body></text></tbx>\n";
    if (enf_glossary_load_buffer(g, "e.tbx", ext, strlen(ext), 1, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(enf_glossary_count(g), 1);
    const char *bad = "<tbx><text>";
    assert_int_equal(enf_glossary_load_buffer(g, "bad.tbx", bad, strlen(bad), 1, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "bad.tbx:1: not well-formed XML"));
    enf_glossary_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tbx_roundtrip),
        cmocka_unit_test(test_tbx_xxe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
