/* test_match.c — src/terms/match.c: glossary terms found in English
 * (plurals, hyphenation, case, longest phrase) and in Chinese (approved,
 * forbidden, verbatim), never inside URLs or code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static size_t S_match(const enf_glossary *g, int lang, const char *text, enf_match *out, size_t max)
{
    enf_match *m = NULL;
    size_t n = 0;
    enf_error err = {0};
    assert_int_equal(enf_glossary_match(g, lang, text, strlen(text), &m, &n, &err), ENF_OK);
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = m[i];
    free(m);
    return n;
}

static void test_match_english(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(fx_gloss);
    enf_match m[8];
    /* plural, -based, case folding */
    assert_int_equal(S_match(g, 0, "Transformers and Transformer-based models", m, 8), 2);
    assert_int_equal(m[0].term, 0);
    assert_int_equal(m[0].off, 0);
    assert_int_equal(m[0].len, 12);
    assert_int_equal(m[1].off, 17);
    assert_int_equal(m[1].len, 11);
    /* whole words only */
    assert_int_equal(S_match(g, 0, "transformerless retransformer papers", m, 8), 1);
    assert_string_equal(enf_glossary_term(g, m[0].term)->en, "paper");
    /* pre-trained / pretrained / pre-training / pretraining */
    assert_int_equal(S_match(g, 0, "a pretrained model, a pre-trained model", m, 8), 2);
    assert_string_equal(enf_glossary_term(g, m[0].term)->en, "pre-trained model");
    assert_string_equal(enf_glossary_term(g, m[1].term)->en, "pre-trained model");
    assert_int_equal(S_match(g, 0, "pretraining and pre-training", m, 8), 2);
    assert_string_equal(enf_glossary_term(g, m[0].term)->en, "pre-training");
    assert_string_equal(enf_glossary_term(g, m[1].term)->en, "pre-training");
    /* an -ing term meets its -ed form, not the bare word ("pre-train" is
     * the verb, "reason" is not "reasoning") */
    assert_int_equal(S_match(g, 0, "we pre-trained it", m, 8), 1);
    assert_string_equal(enf_glossary_term(g, m[0].term)->en, "pre-training");
    assert_int_equal(S_match(g, 0, "we pre-train it and pre-trains", m, 8), 0);
    /* the longer phrase wins */
    assert_int_equal(S_match(g, 0, "the Vision Transformer", m, 8), 1);
    assert_string_equal(enf_glossary_term(g, m[0].term)->en, "vision transformer");
    /* case-sensitive: ViT but not vit; CNNs is a plural of CNN */
    assert_int_equal(S_match(g, 0, "ViT vit CNNs cnn", m, 8), 2);
    assert_string_equal(enf_glossary_term(g, m[0].term)->en, "ViT");
    assert_string_equal(enf_glossary_term(g, m[1].term)->en, "CNN");
    /* never inside URLs, link targets or inline code */
    assert_int_equal(S_match(g, 0, "see https://x.org/transformer and [a](https://y.org/paper) "
                                   "`transformer` <a href=\"/transformer\">", m, 8), 0);
    enf_glossary_free(g);
}

static void test_match_chinese(void **state)
{
    (void)state;
    enf_glossary *g = fx_glossary(fx_gloss);
    enf_match m[8];
    const char *s = "视觉变换器和变换器";
    assert_int_equal(S_match(g, 1, s, m, 8), 2);
    assert_string_equal(enf_glossary_term(g, m[0].term)->en, "vision transformer");
    assert_int_equal(m[0].kind, ENF_MATCH_APPROVED);
    assert_int_equal(m[0].len, strlen("视觉变换器"));
    assert_string_equal(enf_glossary_term(g, m[1].term)->en, "transformer");
    /* forbidden, verbatim, and the space between Chinese and Latin */
    assert_int_equal(S_match(g, 1, "变压器、视觉 Transformer、Transformers", m, 8), 3);
    assert_int_equal(m[0].kind, ENF_MATCH_FORBIDDEN);
    assert_string_equal(enf_glossary_term(g, m[1].term)->en, "vision transformer");
    assert_int_equal(m[2].kind, ENF_MATCH_VERBATIM);
    /* a Latin key does not fire inside a longer word */
    assert_int_equal(S_match(g, 1, "Transformerless 和 MobileViT", m, 8), 0);
    /* a URL ends at Chinese punctuation: the term after it is checked */
    assert_int_equal(S_match(g, 1, "见 https://x.org/变压器。变压器", m, 8), 1);
    assert_int_equal(m[0].off, strlen("见 https://x.org/变压器。"));
    /* nothing inside code */
    assert_int_equal(S_match(g, 1, "`变压器` 和 [变换器](https://x.org/变压器)", m, 8), 1);
    enf_glossary_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_english),
        cmocka_unit_test(test_match_chinese),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
