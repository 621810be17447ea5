/* test_text.c — src/model/text.c: the UTF-8 guard every reader passes
 * through (empty files, invalid bytes, NUL), NFC, and how Chinese a
 * document is (the pair check that refuses swapped or identical files). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "fixtures.h"
#include "model_internal.h"

static void test_bad_input(void **state)
{
    (void)state;
    enf_doc *d = NULL;
    enf_error err = {0};
    assert_int_equal(enf_doc_read_markdown("e.md", "", 0, &d, &err), ENF_EINPUT);
    assert_string_equal(err.msg, "e.md: file is empty");
    assert_int_equal(enf_doc_read_markdown("b.md", "ab\ncd\xC3\x28", 7, &d, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "b.md:2:3: invalid UTF-8"));
    assert_int_equal(enf_doc_read_markdown("n.md", "a\0b", 3, &d, &err), ENF_EINPUT);
    assert_non_null(strstr(err.msg, "n.md:1:2: NUL byte"));
    /* overlong encoding and a UTF-16 surrogate are invalid too */
    assert_int_equal(enf_doc_read_markdown("o.md", "\xC0\xAF", 2, &d, &err), ENF_EINPUT);
    assert_int_equal(enf_doc_read_markdown("s.md", "\xED\xA0\x80", 3, &d, &err), ENF_EINPUT);
    assert_null(d);
    /* the place is counted in characters, also when the bad byte comes
     * after whole 8-byte runs of ASCII (skipped in one step) and after
     * Chinese: a NUL inside a run, a stray continuation byte after one */
    static const char run[] = "# abcdefghijklmnop\n中文 abcdefgh\0ijkl\n";
    assert_int_equal(enf_utf8_check("r.md", run, sizeof run - 1, &err), ENF_EINPUT);
    assert_string_equal(err.msg, "r.md:2:12: NUL byte: this looks like a binary file, not text");
    static const char cont[] = "abcdefgh\nabcdefgh\xE4\xB8\xAD" "abcdefgh\x80";
    assert_int_equal(enf_utf8_check("c.md", cont, sizeof cont - 1, &err), ENF_EINPUT);
    assert_string_equal(err.msg,
                        "c.md:2:18: invalid UTF-8 (byte 0x80); convert the file to UTF-8");
    assert_int_equal(enf_utf8_check("ok.md", run, 30, &err), ENF_OK);
    assert_int_equal(enf_doc_read_file("/nonexistent/x.md", ENF_UNITS_AUTO, &d, &err), ENF_EIO);
    assert_int_equal(enf_doc_read_file("/", ENF_UNITS_AUTO, &d, &err), ENF_EINPUT);
}

/* The validator checks multi-byte sequences itself; utf8proc defines what
 * is valid.  Every lead byte above 0x7F with every second byte, and third
 * and fourth bytes at the edges of the continuation range, cut at every
 * length: the same verdict as utf8proc_iterate. */
static void test_utf8_as_utf8proc(void **state)
{
    (void)state;
    static const unsigned char edge[] = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0};
    enf_error err = {0};
    long mismatches = 0;
    for (unsigned a = 0x80; a <= 0xFF; a++)
        for (unsigned b = 0; b <= 0xFF; b++)
            for (size_t c = 0; c < sizeof edge; c++)
                for (size_t d = 0; d < sizeof edge; d++) {
                    const unsigned char s[4] = {(unsigned char)a, (unsigned char)b, edge[c], edge[d]};
                    for (size_t len = 1; len <= 4; len++) {
                        /* utf8proc's verdict on the whole string */
                        int ok = 1;
                        for (size_t i = 0; i < len && ok;) {
                            utf8proc_int32_t cp;
                            utf8proc_ssize_t n = s[i] ? utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp) : 0;
                            ok = n > 0;
                            i += ok ? (size_t)n : 0;
                        }
                        int rc = enf_utf8_check("u", (const char *)s, len, &err);
                        mismatches += ok != (rc == ENF_OK);
                    }
                }
    assert_int_equal(mismatches, 0);
}

/* Every code point enf__nfc takes as stable is one utf8proc's NFC leaves
 * alone: combining class 0, not composed with the one before it,
 * unchanged alone and between letters it could compose with. */
static void test_nfc_stable_as_utf8proc(void **state)
{
    (void)state;
    long wrong = 0, n = 0;
    for (int cp = 0x80; cp <= 0x10FFFF; cp++) {
        if (!enf__nfc_stable(cp) || (cp >= 0xD800 && cp <= 0xDFFF))
            continue;
        n++;
        /* nor the second of a pair that composes (comb_index of a
         * second is 0x8000 and above; 0xFFFF: in no pair) */
        utf8proc_uint16_t ci = utf8proc_get_property(cp)->comb_index;
        if (utf8proc_get_property(cp)->combining_class != 0 || (ci >= 0x8000 && ci != 0xFFFF)) {
            wrong++;
            continue;
        }
        utf8proc_uint8_t in[16];
        size_t len = 0;
        in[len++] = 'e';
        len += (size_t)utf8proc_encode_char(cp, in + len);
        in[len++] = 'a';
        for (size_t from = 0; from <= 1; from++) {
            utf8proc_uint8_t *out = NULL;
            utf8proc_ssize_t r = utf8proc_map(in + from, (utf8proc_ssize_t)(len - 2 * from), &out,
                                              UTF8PROC_STABLE | UTF8PROC_COMPOSE);
            wrong += r != (utf8proc_ssize_t)(len - 2 * from) || memcmp(out, in + from, (size_t)r) != 0;
            free(out);
        }
    }
    assert_true(n > 20000);
    assert_int_equal(wrong, 0);
    assert_false(enf__nfc_stable(0x2000));   /* EN QUAD: NFC makes it U+2002 */
    assert_false(enf__nfc_stable(0x302A));
}

/* Code points counted 8 bytes at a time: the same as one byte at a time
 * for every length and mix of ASCII, two-, three- and four-byte forms. */
static void test_utf8_count(void **state)
{
    (void)state;
    static const char *const piece[] = {"a", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", " "};
    char buf[256];
    unsigned seed = 1;
    for (int round = 0; round < 2000; round++) {
        size_t len = 0, want = 0;
        while (len < 200) {
            seed = seed * 1103515245u + 12345u;
            const char *p = piece[(seed >> 16) % 5];
            size_t pl = strlen(p);
            memcpy(buf + len, p, pl);
            len += pl;
            want++;
            if ((seed >> 8) % 7 == 0)
                break;
        }
        assert_int_equal(enf_utf8_count(buf, len), want);
    }
    assert_int_equal(enf_utf8_count("", 0), 0);
}

/* White space runs become one space, none at the start of the buffer or
 * after a space already written; other bytes are copied. */
static void test_buf_collapsed(void **state)
{
    (void)state;
    enf_buf b = {0};
    enf__buf_put_collapsed(&b, " \t\nab \r\n c", 10);
    assert_string_equal(b.s, "ab c");
    enf__buf_put_collapsed(&b, "  ", 2);
    enf__buf_put_collapsed(&b, "\v d\f", 4);
    assert_string_equal(b.s, "ab c d ");
    assert_int_equal(b.len, 7);
    enf__buf_put_collapsed(&b, "", 0);
    assert_int_equal(b.len, 7);
    enf__buf_free(&b);
    /* only those six are white space: the control bytes beside them and
     * UTF-8 are kept as they are */
    enf_buf c = {0};
    enf__buf_put_collapsed(&c, "\x08x\x0e \x1f\xe4\xb8\xad\x7f", 9);
    assert_int_equal(c.len, 9);
    assert_memory_equal(c.s, "\x08x\x0e \x1f\xe4\xb8\xad\x7f", 9);
    enf__buf_free(&c);
}

static void test_nfc(void **state)
{
    (void)state;
    /* e + combining acute becomes é; ASCII and CJK pass unchanged */
    enf_doc *d = fx_md("t.md", "Cafe\xCC\x81 \xE4\xB8\xAD\xE6\x96\x87 ok\n");
    assert_string_equal(d->blocks[0].text, "Caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 ok");
    assert_int_equal(d->blocks[0].nchars, 10);
    enf_doc_free(d);
}

static void test_han_share(void **state)
{
    (void)state;
    /* code blocks do not count: a Chinese page full of code is Chinese */
    enf_doc *zh = fx_md("zh.md", "# 注意力\n\n```\nfor x in range(10): print(x)\n```\n\n用 ViT 模型。\n");
    enf_doc *en = fx_md("en.md", "# Attention\n\nUse the ViT model.\n");
    size_t n = 0;
    double s = enf_doc_han_share(zh, &n);
    assert_int_equal(n, 9);   /* 注意力 用 模型: 6 Han; ViT: 3 Latin */
    assert_true(s > 0.6 && s < 0.7);   /* 6 of 9 letters */
    assert_true(enf_doc_han_share(en, NULL) == 0);
    enf_doc *none = fx_md("n.md", "1 2 3\n");
    assert_true(enf_doc_han_share(none, &n) == 0 && n == 0);
    enf_doc_free(none);
    enf_doc_free(zh);
    enf_doc_free(en);
}

static void test_pair_check(void **state)
{
    (void)state;
    enf_error err = {0};
    enf_doc *en = fx_md("en.md", "# Attention\n\nUse the ViT model.\n");
    enf_doc *zh = fx_md("zh.md", "# 注意力\n\n用 ViT 模型。\n");
    enf_doc *en2 = fx_md("copy.md", "# Attention\n\nUse the ViT model.\n");
    /* half English, half Chinese: a translation that is partly untranslated */
    enf_doc *half = fx_md("half.md", "# 注意力机制\n\nUse the ViT model. 用 ViT 模型。\n");
    assert_int_equal(enf_doc_pair_check(en, zh, 0, &err), ENF_OK);
    assert_int_equal(enf_doc_pair_check(en, half, 0, &err), ENF_OK);
    assert_int_equal(enf_doc_pair_check(zh, en, 0, &err), ENF_EINPUT);
    assert_string_equal(err.msg, "zh.md looks Chinese and en.md English: swapped? "
                                 "(the English original comes first)");
    /* the sentence aligner takes either order */
    assert_int_equal(enf_doc_pair_check(zh, en, 1, &err), ENF_OK);
    assert_int_equal(enf_doc_pair_check(en, en2, 1, &err), ENF_EINPUT);
    assert_string_equal(err.msg, "en.md and copy.md are identical: give the original and its "
                                 "translation");
    assert_int_equal(enf_doc_pair_check(zh, zh, 0, &err), ENF_EINPUT);
    enf_doc_free(en);
    enf_doc_free(zh);
    enf_doc_free(en2);
    enf_doc_free(half);
}

/* The reader counts each block's script once (enf__block_counts): the
 * numbers enf__count_han and enf_utf8_count give on the same text. */
static void test_block_counts(void **state)
{
    (void)state;
    enf_doc *d = fx_md("t.md", "# 标题：ViT\n\nViT 模型，2021 年 😀 naïve “引号” x\u00A0y。\n\n```\ncode 代码\n```\n");
    assert_int_equal(d->n_blocks, 3);
    const enf_block *b = &d->blocks[1];
    assert_int_equal(b->n_han, 5);          /* 模 型 年 引 号 */
    assert_int_equal(b->n_cjk_punct, 4);    /* ， “ ” 。 */
    for (size_t i = 0; i < d->n_blocks; i++) {
        b = &d->blocks[i];
        double h, o;
        enf__count_han(b->text, b->text_len, &h, &o);
        assert_true(h == (double)b->n_han + b->n_cjk_punct);
        assert_true(o == (double)b->n_visible - h);
        assert_int_equal(b->nchars, enf_utf8_count(b->text, b->text_len));
        size_t latin = 0;
        for (size_t k = 0; k < b->text_len; k++)
            latin += ((unsigned char)b->text[k] | 0x20) >= 'a' && ((unsigned char)b->text[k] | 0x20) <= 'z';
        assert_int_equal(b->n_latin, latin);
    }
    enf_doc_free(d);
}

/* enf__block_text: the text and counts that enf__nfc and then
 * enf__block_counts give, in one pass, whether or not NFC changes it. */
static void test_block_text(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "", "   ", "  plain ASCII text  ", "中文，句子。", "ViT 模型 \xF0\x9F\x98\x80 ok",
        "Cafe\xCC\x81 \xE4\xB8\xAD", "\xCC\x81 starts combining", "ends combining e\xCC\x81",
        "\xE2\x84\xA6 ohm sign, then 中文 and naïve", "x\xC2\xA0y “引号” \xE2\xAD\x90 star",
    };
    enf_arena *a = enf_arena_new();
    assert_non_null(a);
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        const char *t = texts[k];
        enf_block one = {0}, two = {0};
        assert_int_equal(enf__block_text(a, &one, t, strlen(t)), 0);
        two.text = enf__nfc(a, t, strlen(t), &two.text_len);
        assert_non_null(two.text);
        enf__block_counts(&two);
        assert_int_equal(one.text_len, two.text_len);
        assert_memory_equal(one.text, two.text, one.text_len + 1);
        assert_int_equal(one.nchars, two.nchars);
        assert_int_equal(one.n_han, two.n_han);
        assert_int_equal(one.n_cjk_punct, two.n_cjk_punct);
        assert_int_equal(one.n_latin, two.n_latin);
        assert_int_equal(one.n_visible, two.n_visible);
    }
    enf_arena_free(a);
}

static void test_quote_open_after(void **state)
{
    (void)state;
#define Q(s, prev) enf__quote_open_after(s, strlen(s), prev)
    /* facing marks say which way they go; the last one decides */
    assert_int_equal(Q("老师笑道：“好，我们下课再谈。", 0), 1);
    assert_int_equal(Q("记得带上书。”", 1), 0);
    assert_int_equal(Q("「术语」", 1), 0);
    /* no mark: as before */
    assert_int_equal(Q("她点点头。", 1), 1);
    assert_int_equal(Q("He left.", 0), 0);
    /* straight double quotes: open after a space or at the start */
    assert_int_equal(Q("\"Here is the plan ...", 0), 1);
    assert_int_equal(Q("we leave at six,\" she said.", 1), 0);
    assert_int_equal(Q("\"Fine, then.\"", 1), 0);
    /* single quotes against apostrophes */
    assert_int_equal(Q("'Very well.", 0), 1);
    assert_int_equal(Q("Bring the map tomorrow.'", 1), 0);
    assert_int_equal(Q("'You've never sailed before,' said the captain.", 0), 0);
    assert_int_equal(Q("I'll bring the rope.", 1), 1);
    assert_int_equal(Q("She found the girls' cabin.", 1), 1);
    assert_int_equal(Q("the so-called 'quiet' season began.", 0), 0);
    assert_int_equal(Q("One more try and I'd have won—'", 1), 0);
    assert_int_equal(Q("‘Don’t go.", 0), 1);
    assert_int_equal(Q("Don’t go.’", 1), 0);
#undef Q
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_utf8_as_utf8proc),
        cmocka_unit_test(test_nfc_stable_as_utf8proc),
        cmocka_unit_test(test_utf8_count),
        cmocka_unit_test(test_buf_collapsed),
        cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_han_share),
        cmocka_unit_test(test_quote_open_after),
        cmocka_unit_test(test_block_counts),
        cmocka_unit_test(test_block_text),
        cmocka_unit_test(test_pair_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
