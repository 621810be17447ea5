/* test_lexicon_cache.c — src/terms/lexicon_cache.c: the parsed dictionary
 * stored and mapped back gives the same lexicon, array for array; a cache
 * that is missing, stale (size, mtime, content), truncated or damaged is
 * rebuilt, never used; the image validator refuses every truncation and
 * every changed byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixtures.h"
#include "lexicon_data.h"

static char S_dir[64];
static char S_cache_dir[128];

/* Byte-equal arrays and counts: the same lexicon, not just the same size. */
static void S_assert_same(const enf_lexicon *a, const enf_lexicon *b)
{
    assert_int_equal(a->n, b->n);
    assert_int_equal(a->pool_len, b->pool_len);
    assert_int_equal(a->gl_len, b->gl_len);
    assert_int_equal(a->nslots, b->nslots);
    assert_int_equal(a->syl.n, b->syl.n);
    assert_int_equal(a->syl.slots, b->syl.slots);
    assert_int_equal(a->words.n, b->words.n);
    assert_int_equal(a->words.slots, b->words.slots);
    assert_memory_equal(a->pool, b->pool, a->pool_len);
    assert_memory_equal(a->gl, b->gl, a->gl_len * sizeof *a->gl);
    assert_memory_equal(a->e, b->e, a->n * sizeof *a->e);
    assert_memory_equal(a->slots, b->slots, a->nslots * sizeof *a->slots);
    assert_memory_equal(a->syl.v, b->syl.v, a->syl.slots * sizeof *a->syl.v);
    assert_memory_equal(a->words.v, b->words.v, a->words.slots * sizeof *a->words.v);
}

static enf_lexicon *S_load(const char *path, enf_lexicon_origin want)
{
    enf_lexicon *lx = NULL;
    enf_error err = {0};
    enf_lexicon_origin got = (enf_lexicon_origin)-1;
    assert_int_equal(enf_lexicon_new(&lx, &err), ENF_OK);
    assert_int_equal(enf_lexicon_load_cedict_cached(lx, path, S_cache_dir, &got, &err), ENF_OK);
    assert_int_equal(got, want);
    return lx;
}

/* The one cache file in S_cache_dir. */
static void S_cache_file(char *buf, size_t size)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls %s/cedict-*.lxc", S_cache_dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    assert_non_null(fgets(buf, (int)size, p));
    buf[strcspn(buf, "\n")] = '\0';
    pclose(p);
}

static unsigned char *S_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    unsigned char *d = malloc(*len);
    assert_non_null(d);
    assert_int_equal(fread(d, 1, *len, f), *len);
    fclose(f);
    return d;
}

static void S_spit(const char *path, const void *d, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(d, 1, len, f), len);
    fclose(f);
}

static int S_setup(void **state)
{
    if (fx_cedict_setup(state))
        return -1;
    strcpy(S_dir, "/tmp/enface-test-cache-XXXXXX");
    if (!mkdtemp(S_dir))
        return -1;
    /* a directory that does not exist yet: the loader creates it */
    snprintf(S_cache_dir, sizeof S_cache_dir, "%s/cache/enface", S_dir);
    return 0;
}

static int S_teardown(void **state)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", S_dir);
    if (system(cmd) != 0)
        return -1;
    return fx_cedict_teardown(state);
}

/* lx has a prefix filter that holds every prefix of every headword (no
 * false negatives), at most one prefix per 8 bits, and refuses a string
 * that begins no headword. */
static void S_assert_filter(const enf_lexicon *lx)
{
    assert_non_null(lx->pfx);
    assert_true(8 * lx->pfx_n <= lx->pfx_bits);
    for (size_t i = 0; i < lx->n; i++) {
        const char *k = lx->pool + lx->e[i].key_off;
        size_t n = lx->e[i].key_len;
        uint64_t h = ENF__LEXPREFIX_SEED;
        for (size_t p = 0; p < n;) {
            size_t q = p + 1;
            while (q < n && ((unsigned char)k[q] & 0xC0) == 0x80)
                q++;
            h = enf__lexprefix_step(h, k + p, q - p);
            assert_true(enf__lexprefix_may(lx, h));
            p = q;
        }
    }
    const char *none = "觉睡子房";
    assert_false(enf__lexprefix_may(lx, enf__lexprefix_step(ENF__LEXPREFIX_SEED, none, strlen(none))));
}

static void test_hit_is_the_same_lexicon(void **state)
{
    (void)state;
    enf_lexicon *parsed = fx_lex();
    enf_lexicon *built = S_load(fx_cedict_path, ENF_LEXICON_CACHE_BUILT);
    enf_lexicon *mapped = S_load(fx_cedict_path, ENF_LEXICON_FROM_CACHE);
    assert_non_null(mapped->map);
    assert_true(mapped->pfx_mapped);   /* the filter came with the cache */
    S_assert_same(parsed, built);
    S_assert_same(parsed, mapped);
    S_assert_filter(parsed);
    S_assert_filter(mapped);
    struct stat st;
    assert_int_equal(stat(S_cache_dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    /* terms added to a mapped lexicon: copied out first, same result */
    enf_error err = {0};
    assert_int_equal(enf_lexicon_add_term(parsed, "变换器", "transformer model", &err), ENF_OK);
    assert_int_equal(enf_lexicon_add_term(mapped, "变换器", "transformer model", &err), ENF_OK);
    assert_null(mapped->map);
    S_assert_same(parsed, mapped);
    /* the mapped lexicon's prefix filter (built on load) knows the new
     * word: it is found as one word */
    enf_span *sp = NULL;
    size_t n = 0;
    assert_int_equal(enf_lexicon_segment_zh(mapped, "变换器", strlen("变换器"), &sp, &n, &err), ENF_OK);
    assert_int_equal(n, 1);
    free(sp);
    /* thousands of words more: the filter grows and still knows them all */
    for (int k = 0; k < 3000; k++) {
        char w[32];
        snprintf(w, sizeof w, "词%d", k);
        assert_int_equal(enf_lexicon_add_term(mapped, w, "word", &err), ENF_OK);
    }
    S_assert_filter(mapped);
    enf_lexicon_free(parsed);
    enf_lexicon_free(built);
    enf_lexicon_free(mapped);
}

/* A bulk load remembers the stem of every gloss word it has seen: the
 * glosses are those of the same words stemmed one entry at a time (terms
 * added one by one), for repeated words, capitalised ones, stop words and
 * words too long to be remembered; and its prefix filter, built once at
 * the end, knows every headword. */
static void test_bulk_load_same_glosses(void **state)
{
    (void)state;
    static const char *const gl[] = {
        "running dogs/the Dogs ran", "dogs running/to run", "internationalization of walking",
        "internationalizations/Running", "a cat/of the", "cats and dogs/internationalization"};
    static const char *const hw[] = {"甲", "乙丙", "丁", "戊己庚", "辛", "壬癸"};
    char text[1024] = "";
    for (size_t i = 0; i < sizeof gl / sizeof *gl; i++) {
        char line[160];
        snprintf(line, sizeof line, "%s %s [jia3] /%s/\n", hw[i], hw[i], gl[i]);
        strcat(text, line);
    }
    enf_lexicon *bulk = NULL, *one = NULL;
    enf_error err = {0};
    assert_int_equal(enf_lexicon_new(&bulk, &err), ENF_OK);
    assert_int_equal(enf_lexicon_new(&one, &err), ENF_OK);
    assert_int_equal(enf_lexicon_load_cedict_buffer(bulk, "t.u8", text, strlen(text), &err), ENF_OK);
    for (size_t i = 0; i < sizeof gl / sizeof *gl; i++)
        assert_int_equal(enf_lexicon_add_term(one, hw[i], gl[i], &err), ENF_OK);
    assert_int_equal(bulk->n, one->n);
    size_t total = 0;
    for (size_t i = 0; i < bulk->n; i++) {
        assert_int_equal(bulk->e[i].gl_n, one->e[i].gl_n);
        assert_memory_equal(bulk->gl + bulk->e[i].gl_off, one->gl + one->e[i].gl_off,
                            bulk->e[i].gl_n * sizeof *bulk->gl);
        total += bulk->e[i].gl_n;
    }
    assert_true(total >= 10);   /* the words were not all dropped */
    assert_int_equal(bulk->words.n, one->words.n);
    S_assert_filter(bulk);
    enf_lexicon_free(bulk);
    enf_lexicon_free(one);
}

static void test_not_empty_not_cached(void **state)
{
    (void)state;
    enf_lexicon *lx = NULL;
    enf_error err = {0};
    enf_lexicon_origin got = ENF_LEXICON_FROM_CACHE;
    assert_int_equal(enf_lexicon_new(&lx, &err), ENF_OK);
    assert_int_equal(enf_lexicon_add_term(lx, "模型", "model", &err), ENF_OK);
    assert_int_equal(enf_lexicon_load_cedict_cached(lx, fx_cedict_path, S_cache_dir, &got, &err),
                     ENF_OK);
    assert_int_equal(got, ENF_LEXICON_PARSED);
    enf_lexicon_free(lx);
}

static void test_stale_and_damaged_rebuilt(void **state)
{
    (void)state;
    enf_lexicon *parsed = fx_lex();
    enf_lexicon_free(S_load(fx_cedict_path, ENF_LEXICON_FROM_CACHE));
    char cache[256];
    S_cache_file(cache, sizeof cache);

    /* mtime changed */
    struct timespec ts[2] = {{1000000000, 0}, {1000000000, 0}};
    assert_int_equal(utimensat(AT_FDCWD, fx_cedict_path, ts, 0), 0);
    enf_lexicon_free(S_load(fx_cedict_path, ENF_LEXICON_CACHE_BUILT));
    enf_lexicon_free(S_load(fx_cedict_path, ENF_LEXICON_FROM_CACHE));

    /* content changed, same size and mtime: the checksum tells */
    size_t len;
    unsigned char *src = S_slurp(fx_cedict_path, &len);
    char *at = strstr((char *)src, "/cat/");
    assert_non_null(at);
    memcpy(at, "/dog/", 5);
    S_spit(fx_cedict_path, src, len);
    assert_int_equal(utimensat(AT_FDCWD, fx_cedict_path, ts, 0), 0);
    enf_lexicon *dog = S_load(fx_cedict_path, ENF_LEXICON_CACHE_BUILT);
    memcpy(at, "/cat/", 5);
    S_spit(fx_cedict_path, src, len);
    free(src);
    enf_lexicon_free(dog);
    enf_lexicon_free(S_load(fx_cedict_path, ENF_LEXICON_CACHE_BUILT));

    /* truncated, then one byte changed, then empty: rebuilt, same lexicon */
    size_t clen;
    unsigned char *img = S_slurp(cache, &clen);
    assert_int_equal(truncate(cache, (off_t)clen / 2), 0);
    enf_lexicon *lx = S_load(fx_cedict_path, ENF_LEXICON_CACHE_BUILT);
    S_assert_same(parsed, lx);
    enf_lexicon_free(lx);
    img[clen / 2] ^= 0x40;
    S_spit(cache, img, clen);
    lx = S_load(fx_cedict_path, ENF_LEXICON_CACHE_BUILT);
    S_assert_same(parsed, lx);
    enf_lexicon_free(lx);
    S_spit(cache, img, 0);
    enf_lexicon_free(S_load(fx_cedict_path, ENF_LEXICON_CACHE_BUILT));
    lx = S_load(fx_cedict_path, ENF_LEXICON_FROM_CACHE);
    S_assert_same(parsed, lx);
    enf_lexicon_free(lx);
    free(img);
    enf_lexicon_free(parsed);
}

static void test_validator_refuses_damage(void **state)
{
    (void)state;
    enf_lexicon_free(S_load(fx_cedict_path, ENF_LEXICON_FROM_CACHE));
    char cache[256];
    S_cache_file(cache, sizeof cache);
    size_t len;
    unsigned char *img = S_slurp(cache, &len);
    assert_int_equal(enf__lexcache_valid(img, len, NULL), 1);
    for (size_t n = 0; n < len; n++) {
        unsigned char *cut = malloc(n ? n : 1);
        memcpy(cut, img, n);
        assert_int_equal(enf__lexcache_valid(cut, n, NULL), 0);
        free(cut);
    }
    for (size_t i = 0; i < len; i++) {
        img[i] ^= 0x01;
        assert_int_equal(enf__lexcache_valid(img, len, NULL), 0);
        img[i] ^= 0x01;
    }
    free(img);
}

/* A slot is an entry index (24 bits) under a tag byte of the headword's
 * hash: a sealed image whose slot has a tag but no index, or an index past
 * the entries, is refused (the probe would read before or past them). */
static void test_validator_refuses_bad_slots(void **state)
{
    (void)state;
    enf_lexicon *lx = S_load(fx_cedict_path, ENF_LEXICON_FROM_CACHE);
    assert_non_null(lx->map);
    size_t at = (size_t)((const char *)lx->slots - (const char *)lx->map), n = lx->n;
    size_t used = 0;
    while (!lx->slots[used])
        used++;
    assert_true(lx->slots[used] >> ENF__LEX_IDX_BITS == enf__lex_tag(lx->e[(lx->slots[used] & ENF__LEX_IDX_MASK) - 1].hash) >> ENF__LEX_IDX_BITS);
    enf_lexicon_free(lx);
    char cache[256];
    S_cache_file(cache, sizeof cache);
    size_t len;
    unsigned char *img = S_slurp(cache, &len);
    uint32_t *slots = (uint32_t *)(img + at), keep = slots[used];
    const uint32_t bad[] = {1u << ENF__LEX_IDX_BITS, (uint32_t)(n + 1) | (7u << ENF__LEX_IDX_BITS),
                            (uint32_t)(n + 1)};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        slots[used] = bad[k];
        enf__lexcache_seal(img, len);
        assert_int_equal(enf__lexcache_valid(img, len, NULL), 0);
    }
    slots[used] = keep;
    enf__lexcache_seal(img, len);
    assert_int_equal(enf__lexcache_valid(img, len, NULL), 1);
    free(img);
}

static void test_no_cache_dir(void **state)
{
    (void)state;
    enf_lexicon *lx = NULL;
    enf_error err = {0};
    enf_lexicon_origin got = ENF_LEXICON_FROM_CACHE;
    assert_int_equal(enf_lexicon_new(&lx, &err), ENF_OK);
    /* a cache directory that cannot be made: parsed, not an error */
    assert_int_equal(
        enf_lexicon_load_cedict_cached(lx, fx_cedict_path, "/proc/enface-no", &got, &err), ENF_OK);
    assert_int_equal(got, ENF_LEXICON_PARSED);
    assert_true(enf_lexicon_count(lx) > 0);
    enf_lexicon_free(lx);
}

/* The cache's file name is the FNV-1a hash of the dictionary's real path,
 * as every build has named it: a newer build must rewrite that file, not
 * leave a 20 MB one behind under another name. */
static void test_cache_name_stable(void **state)
{
    (void)state;
    const char *dir = "/tmp/enface-cache-name-test", *path = "/tmp/enface-cache-name-test/dict.u8";
    char cache[192], want[256], real[PATH_MAX];
    snprintf(cache, sizeof cache, "%s/name", S_cache_dir);
    mkdir(dir, 0700);
    size_t len = 0;
    unsigned char *d = S_slurp(fx_cedict_path, &len);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(d, 1, len, f), len);
    fclose(f);
    free(d);
    if (!realpath(path, real) || strcmp(real, path) != 0) {
        unlink(path);
        rmdir(dir);
        skip();   /* /tmp is a link: the real path, and so the name, differ */
    }
    enf_lexicon *lx = NULL;
    enf_error err = {0};
    enf_lexicon_origin got = ENF_LEXICON_PARSED;
    assert_int_equal(enf_lexicon_new(&lx, &err), ENF_OK);
    assert_int_equal(enf_lexicon_load_cedict_cached(lx, path, cache, &got, &err), ENF_OK);
    assert_int_equal(got, ENF_LEXICON_CACHE_BUILT);
    enf_lexicon_free(lx);
    snprintf(want, sizeof want, "%s/cedict-bcdd42cef2a5d228.lxc", cache);
    assert_int_equal(access(want, F_OK), 0);
    unlink(want);
    rmdir(cache);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_is_the_same_lexicon),
        cmocka_unit_test(test_not_empty_not_cached),
        cmocka_unit_test(test_bulk_load_same_glosses),
        cmocka_unit_test(test_stale_and_damaged_rebuilt),
        cmocka_unit_test(test_validator_refuses_damage),
        cmocka_unit_test(test_validator_refuses_bad_slots),
        cmocka_unit_test(test_no_cache_dir),
        cmocka_unit_test(test_cache_name_stable),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
