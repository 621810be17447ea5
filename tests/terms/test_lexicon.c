/* test_lexicon.c — src/terms/lexicon.c: the CC-CEDICT reader on a tiny
 * dictionary (tests/common/fixtures.c), glossary terms as words, Chinese
 * longest match and English stemming. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "fixtures.h"
#include "lexicon_data.h"

static void test_cedict_reader(void **state)
{
    (void)state;
    enf_lexicon *lx = fx_lex();
    /* 18 simplified headwords, plus the traditional forms that differ */
    assert_int_equal(enf_lexicon_count(lx), 18 + 8);
    /* longest match: 睡觉 is one word, 房子 too */
    const char *s = "猫睡觉在红房子";
    enf_span *sp = NULL;
    size_t n = 0;
    enf_error err = {0};
    assert_int_equal(enf_lexicon_segment_zh(lx, s, strlen(s), &sp, &n, &err), ENF_OK);
    char buf[256] = "";
    for (size_t i = 0; i < n; i++) {
        strcat(buf, i ? "/" : "");
        strncat(buf, s + sp[i].off, sp[i].len);
    }
    assert_string_equal(buf, "猫/睡觉/在/红/房子");
    free(sp);
    enf_lexicon_free(lx);
}

static void test_cedict_bad(void **state)
{
    (void)state;
    char path[64] = "/tmp/enface-test-bad-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs("# header\n狗 狗 [gou3] /dog/\nthis is not a dictionary line\n", f);
    fclose(f);
    enf_lexicon *lx = NULL;
    enf_error err = {0};
    assert_int_equal(enf_lexicon_new(&lx, &err), ENF_OK);
    assert_int_equal(enf_lexicon_load_cedict(lx, path, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, ":3:"));
    assert_int_equal(enf_lexicon_load_cedict(lx, "/nonexistent/cedict.u8", &err), ENF_EIO);
    enf_lexicon_free(lx);
    unlink(path);
}

/* The dictionary compressed into path as members gzip members (each a
 * slice of the text); returns the compressed size. */
static size_t S_gzip_dict(const char *path, int members)
{
    FILE *in = fopen(fx_cedict_path, "rb");
    char text[8192];
    size_t n = fread(text, 1, sizeof text, in);
    fclose(in);
    FILE *out = fopen(path, "wb");
    for (int m = 0; m < members; m++) {
        size_t a = n * (size_t)m / (size_t)members, b = n * (size_t)(m + 1) / (size_t)members;
        unsigned char z[16384];
        z_stream zs;
        memset(&zs, 0, sizeof zs);
        assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
                         Z_OK);
        zs.next_in = (unsigned char *)text + a;
        zs.avail_in = (unsigned)(b - a);
        zs.next_out = z;
        zs.avail_out = sizeof z;
        assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
        fwrite(z, 1, sizeof z - zs.avail_out, out);
        deflateEnd(&zs);
    }
    long size = ftell(out);
    fclose(out);
    return (size_t)size;
}

static void test_cedict_gzip(void **state)
{
    (void)state;
    enf_lexicon *plain = fx_lex();
    char path[64] = "/tmp/enface-test-gz-XXXXXX";
    close(mkstemp(path));
    enf_error err = {0};
    for (int members = 1; members <= 3; members += 2) {
        S_gzip_dict(path, members);
        enf_lexicon *lx = NULL;
        assert_int_equal(enf_lexicon_new(&lx, &err), ENF_OK);
        assert_int_equal(enf_lexicon_load_cedict(lx, path, &err), ENF_OK);
        assert_int_equal(enf_lexicon_count(lx), enf_lexicon_count(plain));
        const char *s = "猫睡觉在红房子";
        enf_span *sp = NULL;
        size_t n = 0;
        assert_int_equal(enf_lexicon_segment_zh(lx, s, strlen(s), &sp, &n, &err), ENF_OK);
        assert_int_equal(n, 5);
        free(sp);
        enf_lexicon_free(lx);
    }
    /* damaged: a changed byte in the compressed data, a cut-off file,
     * bytes after the stream -- ENF_EINPUT naming the file */
    size_t len = S_gzip_dict(path, 1);
    FILE *f = fopen(path, "rb");
    unsigned char gz[16384];
    assert_int_equal(fread(gz, 1, len, f), len);
    fclose(f);
    for (int k = 0; k < 3; k++) {
        unsigned char bad[16400];
        size_t blen = len;
        memcpy(bad, gz, len);
        if (k == 0)
            bad[len / 2] ^= 0xff;
        else if (k == 1)
            blen = len / 2;
        else
            memcpy(bad + len, "junk", 4), blen = len + 4;
        enf_lexicon *lx = NULL;
        assert_int_equal(enf_lexicon_new(&lx, &err), ENF_OK);
        assert_int_equal(enf_lexicon_load_cedict_buffer(lx, "d.gz", (char *)bad, blen, &err),
                         ENF_EINPUT);
        assert_non_null(strstr(err.msg, "d.gz: not a valid gzip file"));
        assert_null(strchr(err.msg, '\n'));
        enf_lexicon_free(lx);
    }
    unlink(path);
    enf_lexicon_free(plain);
}

static void test_glossary_terms(void **state)
{
    (void)state;
    char path[64] = "/tmp/enface-test-terms-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs("en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\n"
          "transformer\t变换器\tok\t变压器\t转换器\t\t\n"
          "attention head\t注意力头|注意头\t\t\t\t\t\n", f);
    fclose(f);
    enf_lexicon *lx = NULL;
    enf_glossary *g = NULL;
    enf_error err = {0};
    assert_int_equal(enf_lexicon_new(&lx, &err), ENF_OK);
    assert_int_equal(enf_glossary_new(&g, &err), ENF_OK);
    assert_int_equal(enf_glossary_load(g, path, &err), ENF_OK);
    assert_int_equal(enf_lexicon_add_glossary(lx, g, &err), ENF_OK);
    /* approved renderings and variants, not forbidden ones */
    assert_int_equal(enf_lexicon_count(lx), 4);
    const char *s = "注意力头和变换器";
    enf_span *sp = NULL;
    size_t n = 0;
    assert_int_equal(enf_lexicon_segment_zh(lx, s, strlen(s), &sp, &n, &err), ENF_OK);
    assert_int_equal(n, 3);
    assert_int_equal(sp[0].len, strlen("注意力头"));
    assert_int_equal(sp[2].len, strlen("变换器"));
    free(sp);
    enf_glossary_free(g);
    enf_lexicon_free(lx);
    unlink(path);
}

/* segment_zh of s with lx, as "a/b/c" */
static void S_segs(const enf_lexicon *lx, const char *s, char *buf, size_t size)
{
    enf_span *sp = NULL;
    size_t n = 0;
    enf_error err = {0};
    assert_int_equal(enf_lexicon_segment_zh(lx, s, strlen(s), &sp, &n, &err), ENF_OK);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        strncat(buf, i ? "/" : "", size - strlen(buf) - 1);
        strncat(buf, s + sp[i].off, sp[i].len < size - strlen(buf) - 1 ? sp[i].len : size - strlen(buf) - 1);
    }
    free(sp);
}

/* The longest match stops growing a candidate when no headword begins
 * with it (lexicon_prefix.c): the words it finds must be those a lookup of
 * every length finds, also for words added after thousands of others
 * (the filter rebuilt larger on the way) and for a word of eight
 * characters whose shorter prefixes are not words. */
static void test_prefix_filter(void **state)
{
    (void)state;
    enf_lexicon *lx = NULL;
    enf_error err = {0};
    assert_int_equal(enf_lexicon_new(&lx, &err), ENF_OK);
    assert_int_equal(enf_lexicon_add_term(lx, "中华人民共和国", "People's Republic of China", &err), ENF_OK);
    assert_int_equal(enf_lexicon_add_term(lx, "中华", "China", &err), ENF_OK);
    char buf[512];
    S_segs(lx, "中华人民共和国成立", buf, sizeof buf);
    assert_string_equal(buf, "中华人民共和国/成/立");
    S_segs(lx, "中华人民", buf, sizeof buf);
    assert_string_equal(buf, "中华/人/民");
    /* 3000 more two-character words: the filter fills and is rebuilt */
    for (int k = 0; k < 3000; k++) {
        char w[16];
        int a = 0x4E00 + 2 * k, b = 0x4E01 + 2 * k;
        w[0] = (char)(0xE0 | (a >> 12));
        w[1] = (char)(0x80 | ((a >> 6) & 0x3F));
        w[2] = (char)(0x80 | (a & 0x3F));
        w[3] = (char)(0xE0 | (b >> 12));
        w[4] = (char)(0x80 | ((b >> 6) & 0x3F));
        w[5] = (char)(0x80 | (b & 0x3F));
        w[6] = '\0';
        assert_int_equal(enf_lexicon_add_term(lx, w, "a word", &err), ENF_OK);
    }
    assert_int_equal(enf_lexicon_add_term(lx, "喜马拉雅山脉地区", "the Himalaya region", &err), ENF_OK);
    S_segs(lx, "中华人民共和国在喜马拉雅山脉地区", buf, sizeof buf);
    assert_string_equal(buf, "中华人民共和国/在/喜马拉雅山脉地区");
    S_segs(lx, "一丁七", buf, sizeof buf);   /* U+4E00 U+4E01: the first word added */
    assert_string_equal(buf, "一丁/七");
    enf_lexicon_free(lx);
}

/* Glosses that only point elsewhere (a measure word, a variant, a surname,
 * a cross-reference) give no words; glosses that merely begin with the
 * same letters as those prefixes do. */
static void test_skipped_glosses(void **state)
{
    (void)state;
    static const char d[] =
        "貓 猫 [mao1] /see 狗/CL:隻/variant of 鳥/old variant of 魚/surname Mao/also written 描/"
        "used in 猫咪/abbr. for 熊猫/Japanese variant of 猫/erhua variant of 猫/(Tw) kitty/cat/\n"
        "狗 狗 [gou3] /seed/Cat/jam/oval/apple/eat/used/variant/(dog)/\n";
    enf_lexicon *lx = NULL;
    enf_error err = {0};
    assert_int_equal(enf_lexicon_new(&lx, &err), ENF_OK);
    assert_int_equal(enf_lexicon_load_cedict_buffer(lx, "t.u8", d, sizeof d - 1, &err), ENF_OK);
    long cat = enf__lexicon_find(lx, "猫", strlen("猫"));
    long dog = enf__lexicon_find(lx, "狗", strlen("狗"));
    assert_true(cat >= 0 && dog >= 0);
    assert_int_equal(lx->e[cat].gl_n, 1);   /* "cat" */
    assert_int_equal(lx->e[dog].gl_n, 7);   /* eight words, "used" a stop word */
    enf_lexicon_free(lx);
}

static void test_stemmer(void **state)
{
    (void)state;
    char a[64], b[64];
    static const char *const same[][2] = {{"walked", "walk"},    {"walking", "walks"},
                                          {"went", "go"},        {"came", "come"},
                                          {"stopped", "stop"},   {"cities", "city"},
                                          {"making", "make"},    {"horses", "horse"}};
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        size_t na = enf_lexicon_stem_en(same[i][0], strlen(same[i][0]), a, sizeof a);
        size_t nb = enf_lexicon_stem_en(same[i][1], strlen(same[i][1]), b, sizeof b);
        assert_true(na > 0);
        assert_string_equal(a, b);
        (void)nb;
    }
    assert_int_equal(enf_lexicon_stem_en("the", 3, a, sizeof a), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cedict_reader),
        cmocka_unit_test(test_cedict_bad),
        cmocka_unit_test(test_cedict_gzip),
        cmocka_unit_test(test_glossary_terms),
        cmocka_unit_test(test_skipped_glosses),
        cmocka_unit_test(test_stemmer),
        cmocka_unit_test(test_prefix_filter),
    };
    return cmocka_run_group_tests(tests, fx_cedict_setup, fx_cedict_teardown);
}
