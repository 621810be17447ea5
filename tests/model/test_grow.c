/* test_grow.c — enf__grow and enf__grow_small, the one way the library
 * grows a malloc'd array: the capacities they pick, contents kept across a
 * move, and a need too large to count in size_t failing as out of memory
 * with the array left as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "model_internal.h"

static void test_first_and_doubling(void **state)
{
    (void)state;
    int *v = NULL;
    size_t cap = 0;
    assert_int_equal(enf__grow((void **)&v, &cap, 1, sizeof *v), 0);
    assert_non_null(v);
    assert_int_equal(cap, 64);
    for (int i = 0; i < 64; i++)
        v[i] = i;
    /* a need that fits moves nothing */
    int *before = v;
    assert_int_equal(enf__grow((void **)&v, &cap, 64, sizeof *v), 0);
    assert_ptr_equal(v, before);
    assert_int_equal(cap, 64);
    /* one more doubles; a larger need doubles until it fits */
    assert_int_equal(enf__grow((void **)&v, &cap, 65, sizeof *v), 0);
    assert_int_equal(cap, 128);
    assert_int_equal(enf__grow((void **)&v, &cap, 1000, sizeof *v), 0);
    assert_int_equal(cap, 1024);
    for (int i = 0; i < 64; i++)
        assert_int_equal(v[i], i);
    v[1023] = 7;   /* the whole capacity is there (ASan would see otherwise) */
    free(v);
}

static void test_small(void **state)
{
    (void)state;
    size_t *v = NULL, cap = 0;
    assert_int_equal(enf__grow_small((void **)&v, &cap, 1, sizeof *v), 0);
    assert_int_equal(cap, 4);
    v[0] = 11;
    assert_int_equal(enf__grow_small((void **)&v, &cap, 5, sizeof *v), 0);
    assert_int_equal(cap, 8);
    assert_int_equal(v[0], 11);
    free(v);
}

/* A capacity kept from elsewhere (not a power of two) doubles from there. */
static void test_existing_capacity(void **state)
{
    (void)state;
    size_t cap = 10;
    char *v = malloc(cap);
    assert_non_null(v);
    assert_int_equal(enf__grow((void **)&v, &cap, 11, 1), 0);
    assert_int_equal(cap, 20);
    free(v);
}

static void test_overflow(void **state)
{
    (void)state;
    int *v = NULL;
    size_t cap = 0;
    assert_int_equal(enf__grow((void **)&v, &cap, 3, sizeof *v), 0);
    int *before = v;
    /* doubling would wrap round */
    assert_int_equal(enf__grow((void **)&v, &cap, SIZE_MAX, sizeof *v), -1);
    assert_ptr_equal(v, before);
    assert_int_equal(cap, 64);
    /* the element count fits, its size in bytes does not */
    assert_int_equal(enf__grow((void **)&v, &cap, SIZE_MAX / sizeof *v, sizeof *v), -1);
    assert_ptr_equal(v, before);
    assert_int_equal(cap, 64);
    free(v);
    void *w = NULL;
    cap = 0;
    assert_int_equal(enf__grow_small(&w, &cap, 2, SIZE_MAX / 2), -1);
    assert_null(w);
    assert_int_equal(cap, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_and_doubling),
        cmocka_unit_test(test_small),
        cmocka_unit_test(test_existing_capacity),
        cmocka_unit_test(test_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
