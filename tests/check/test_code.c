/* test_code.c — src/check/check_code.c: code blocks compared with their
 * comments and string literals apart, so that translated comments and
 * strings are one code.translated note and changed code code.changed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

/* Check one fenced block (info word lang) of en_code against zh_code;
 * *changed and *translated get the findings of each rule. */
static void S_code(const char *lang, const char *en_code, const char *zh_code, int *changed, int *translated,
                   enf_findings *keep)
{
    char en[2048], zh[2048];
    snprintf(en, sizeof en, "# Title\n\nThe example:\n\n```%s\n%s\n```\n", lang, en_code);
    snprintf(zh, sizeof zh, "# 标题\n\n示例：\n\n```%s\n%s\n```\n", lang, zh_code);
    enf_findings fs;
    fx_check(en, zh, NULL, NULL, &fs);
    *changed = fx_count(&fs, "code.changed", 0, 0);
    *translated = fx_count(&fs, "code.translated", 0, 0);
    if (keep)
        *keep = fs;
    else
        enf_findings_free(&fs);
}

typedef struct {
    const char *lang, *en, *zh;
    int changed, translated;   /* findings expected */
} S_case;

static void test_comments_and_strings(void **state)
{
    (void)state;
    static const S_case cases[] = {
        /* comments of each syntax */
        {"python", "x = f(1)  # call f\ny = 2", "x = f(1)  # 调用 f\ny = 2", 0, 1},
        {"python", "# load the model\nm = load()", "# 加载模型\nm = load()", 0, 1},
        {"js", "const a = 1 // one\n/* the end\n   of it */\nrun(a)", "const a = 1 // 一\n/* 结尾\n*/\nrun(a)", 0, 1},
        {"html", "<div>\n  <!-- content -->\n</div>", "<div>\n  <!-- 内容 -->\n</div>", 0, 1},
        {"sql", "SELECT 1 -- one", "SELECT 1 -- 一", 0, 1},
        {"css", "a { color: red; } /* links */", "a { color: red; } /* 链接 */", 0, 1},
        /* a comment re-wrapped into more lines */
        {"python", "# a long comment that\n# goes on\nx = 1", "# 一个很长的注释\nx = 1", 0, 1},
        {"js", "// one line\nx()", "// 第一行\n// 第二行\nx()", 0, 1},
        /* string literals translated */
        {"python", "print(\"hello\")", "print(\"你好\")", 0, 1},
        {"python", "p = 'Who are you?'\nq = 1", "p = '你是谁？'\nq = 1", 0, 1},
        {"js", "alert(`done`)", "alert(`完成`)", 0, 1},
        {"python", "prompt = \"\"\"You are a policy expert.\nAnswer with Yes or No.\n\"\"\"",
         "prompt = \"\"\"你是一名政策专家。\n请回答是或否，\n并说明理由。\n\"\"\"", 0, 1},
        /* text in markup, and a bare fence's text (a prompt) */
        {"vue", "<template>\n  <p>Loading...</p>\n</template>", "<template>\n  <p>正在加载...</p>\n</template>", 0, 1},
        {"", "Human Question: [User Prompt]\n<start_of_turn>\nAnswer now.",
         "人类问题：[User Prompt]\n<start_of_turn>\n现在回答。", 0, 1},
        /* changed code: an error, translated comments beside it or not */
        {"python", "x = f(16)  # rank", "x = f(8)  # 秩", 1, 0},
        {"python", "print(\"hello\")", "print(\"hullo\")", 1, 0},
        {"python", "model = \"gpt2\"", "model = \"gpt3\"", 1, 0},
        {"js", "const a = 1 // one\nrun(a)", "const a = 2 // 一\nrun(a)", 1, 0},
        {"html", "<p>Hello</p>", "<h1>你好</h1>", 1, 0},
        {"", "pip install accelerate==1.0", "pip install --pre accelerate  # 安装", 1, 0},
        {"python", "x = 1\ny = 2", "x = 1", 1, 0},
        /* a string that opens and does not close on its line is code */
        {"sh", "echo don't stop", "echo do not stop", 1, 0},
        /* the same code: nothing */
        {"python", "x = 1  # same\n\ny = 2", "x = 1  # same\ny = 2", 0, 0},
        /* an http:// address is no comment */
        {"js", "fetch('x') // see http://a.org\nget(\"http://a.org/b\")", "fetch('x') // 见 http://a.org\nget(\"http://a.org/c\")", 1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int ch, tr;
        S_code(cases[i].lang, cases[i].en, cases[i].zh, &ch, &tr, NULL);
        if (ch != cases[i].changed || tr != cases[i].translated)
            fail_msg("case %zu (%s): code.changed %d, code.translated %d; expected %d, %d", i, cases[i].en, ch, tr,
                     cases[i].changed, cases[i].translated);
    }
}

/* The note's place and evidence; the language of one side serves both. */
static void test_note(void **state)
{
    (void)state;
    enf_findings fs;
    int ch, tr;
    S_code("python", "import torch\n\nx = torch.ones(2)  # two ones\ny = x * 2  # doubled",
           "import torch\n\nx = torch.ones(2)  # 两个一\ny = x * 2  # 加倍", &ch, &tr, &fs);
    assert_int_equal(tr, 1);
    const enf_finding *f = fx_get(&fs, "code.translated");
    assert_int_equal(f->severity, ENF_SEV_NOTE);
    assert_int_equal(f->line[1], 8);
    assert_string_equal(f->found, "x = torch.ones(2)  # 两个一");
    assert_string_equal(f->expected, "x = torch.ones(2)  # two ones");
    assert_non_null(strstr(f->message, "2 lines"));
    enf_findings_free(&fs);
    /* the original's fence is bare, the translation names the language */
    fx_check("# T\n\nRun:\n\n```\nx = 1  # one\n```\n", "# 题\n\n运行：\n\n```python\nx = 1  # 一\n```\n", NULL, NULL,
             &fs);
    assert_int_equal(fx_count(&fs, "code.changed", 0, 0), 0);
    assert_int_equal(fx_count(&fs, "code.translated", 6, 1), 1);
    enf_findings_free(&fs);
    /* the rule can be turned off alone */
    enf_check_opts o;
    enf_check_opts_init(&o);
    enf_error err = {0};
    assert_int_equal(enf_check_opts_set(&o, "code.translated", ENF_SEV_NONE, &err), ENF_OK);
    fx_check("# T\n\nRun:\n\n```python\nx = 1  # one\n```\n", "# 题\n\n运行：\n\n```python\nx = 1  # 一\n```\n", NULL,
             &o, &fs);
    assert_int_equal(fs.n, 0);
    enf_findings_free(&fs);
}

/* Inline code rendered in Chinese is a translation; other changes are not. */
static void test_inline(void **state)
{
    (void)state;
    enf_findings fs;
    fx_check("# T\n\nAsk `Extract the merchant name` and run `f(1)`.\n",
             "# 题\n\n提问 `提取商户名称` 并运行 `f(2)`。\n", NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "code.translated", 3, 0), 1);
    assert_int_equal(fx_count(&fs, "code.changed", 3, 0), 1);
    assert_string_equal(fx_get(&fs, "code.changed")->found, "f(2)");
    enf_findings_free(&fs);
    /* a function named with or without its parentheses */
    fx_check("# T\n\nPass it to `h()` or `watch`, then `run()`.\n", "# 题\n\n把它传给 `h` 或 `watch()`，再 `run(1)`。\n",
             NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "code.changed", 3, 0), 1);
    assert_string_equal(fx_get(&fs, "code.changed")->found, "run(1)");
    enf_findings_free(&fs);
}

/* A sigil, trailing punctuation or moved backticks change nothing; `()`
 * is compared as written; a real change is still one. */
static void test_inline_same(void **state)
{
    (void)state;
    enf_findings fs;
    fx_check("# T\n\nAdd the `number` modifier, repeat step `2`, match `()` and `[]`.\n",
             "# 题\n\n添加 `.number` 修饰符，重复步骤 `2.`，匹配 `()` 和 `[]`。\n", NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "code.changed", 0, 0), 0);
    enf_findings_free(&fs);
    fx_check("# T\n\nMatch `()` and `[]`.\n", "# 题\n\n匹配 `(x)` 和 `[]`。\n", NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "code.changed", 3, 0), 1);
    enf_findings_free(&fs);
    /* the translator took "= 4" into the span: the original's words */
    fx_check("# T\n\nIn our example, `num_nodes` = 4.\n", "# 题\n\n在上例中，`num_nodes = 4`。\n", NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "code.changed", 0, 0), 0);
    enf_findings_free(&fs);
    /* ... but not a value the original does not have */
    fx_check("# T\n\nIn our example, `num_nodes` = 4.\n", "# 题\n\n在上例中，`num_nodes = 5`。\n", NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "code.changed", 3, 0), 1);
    enf_findings_free(&fs);
    /* a short span found inside a longer English word is no match */
    fx_check("# T\n\nSet `x` to the index.\n", "# 题\n\n把 `de` 设为索引。\n", NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "code.changed", 3, 0), 1);
    enf_findings_free(&fs);
}

/* In a bead of several blocks (a list written as one paragraph), only
 * spans sharing an identifier are set against each other; in a 1-1 bead
 * order decides. */
static void test_inline_merged(void **state)
{
    (void)state;
    enf_findings fs;
    fx_check("# T\n\n- `num_nodes` is the number of nodes in the graph, and `edge_attr` holds the edges.\n"
             "- `label` is the class we want to predict for each graph in the set.\n",
             "# 题\n\n`num_nodes`（或 `n_nodes`）是图中节点的数目，`edge_attr` 存放边；"
             "`label = [0]` 是我们要为集合中每个图预测的类别。\n",
             NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "block.merged", 3, 1), 1);
    assert_int_equal(fx_count(&fs, "code.changed", 0, 0), 1);
    assert_string_equal(fx_get(&fs, "code.changed")->found, "label = [0]");
    enf_findings_free(&fs);
    fx_check("# T\n\nCall `alpha` now.\n", "# 题\n\n现在调用 `beta`。\n", NULL, NULL, &fs);
    assert_int_equal(fx_count(&fs, "code.changed", 3, 0), 1);
    enf_findings_free(&fs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_comments_and_strings),
        cmocka_unit_test(test_note),
        cmocka_unit_test(test_inline),
        cmocka_unit_test(test_inline_same),
        cmocka_unit_test(test_inline_merged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
