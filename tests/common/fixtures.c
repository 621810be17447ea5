/* fixtures.c — the shared test fixtures of fixtures.h: moved here from the
 * test files that each kept a copy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"

enf_doc *fx_md(const char *name, const char *s)
{
    enf_doc *d = NULL;
    enf_error err = {0};
    assert_int_equal(enf_doc_read_markdown(name, s, strlen(s), &d, &err), ENF_OK);
    return d;
}

const char *fx_beads(const enf_doc *en, const enf_doc *zh, const enf_alignment *al)
{
    static char buf[4096];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    enf_error err = {0};
    assert_int_equal(enf_write_alignment(f, ENF_ALIGN_FMT_BEADS, en, zh, al, 0, &err), ENF_OK);
    fclose(f);
    return buf;
}

const char fx_gloss[] =
    "# a test glossary\n"
    "en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\n"
    "transformer\t变换器\tok\t变压器|变形金刚|转换器\t\t\tmodel architecture\n"
    "vision transformer\t视觉Transformer|视觉变换器\tok\t视觉变形金刚\t\t\t\n"
    "ViT\t视觉Transformer\tmust\tvit\t\tcase\t\n"
    "paper\t论文\t\t报纸\t\t\t\n"
    "pre-trained model\t预训练模型\t\t\t\t\t\n"
    "pre-training\t预训练\t\t预学\t\t\t\n"
    "accuracy\t准确率\t\t\t准确性|精度\t\t\n"
    "convolutional neural network\t卷积神经网络\t\t\t\t\t\n"
    "CNN\t卷积神经网络\tmust\t美国有线电视新闻网\t\tcase\t\n"
    "BERT\t\tmust\t伯特\t\tcase\t\n"
    "attention\t注意力\t\t\t\t\t\n";

enf_glossary *fx_glossary(const char *tsv)
{
    enf_glossary *g = NULL;
    enf_error err = {0};
    assert_int_equal(enf_glossary_new(&g, &err), ENF_OK);
    int rc = enf_glossary_load_buffer(g, "g.tsv", tsv, strlen(tsv), 0, &err);
    if (rc)
        fail_msg("%s", err.msg);
    return g;
}

void fx_check(const char *en_s, const char *zh_s, const enf_glossary *g, enf_check_opts *o,
              enf_findings *fs)
{
    enf_doc *en = en_s ? fx_md("en.md", en_s) : NULL, *zh = fx_md("zh.md", zh_s);
    enf_check_opts def;
    if (!o) {
        enf_check_opts_init(&def);
        o = &def;
    }
    o->glossary = g;
    enf_error err = {0};
    memset(fs, 0, sizeof *fs);
    if (enf_check(en, zh, NULL, o, fs, &err))
        fail_msg("%s", err.msg);
    enf_doc_free(en);
    enf_doc_free(zh);
}

int fx_count(const enf_findings *fs, const char *rule, int line, int col)
{
    int n = 0;
    for (size_t i = 0; i < fs->n; i++) {
        const enf_finding *f = &fs->v[i];
        int s = f->line[1] ? 1 : 0;
        if (!strcmp(f->rule, rule) && (!line || f->line[s] == line) && (!col || f->col[s] == col))
            n++;
    }
    return n;
}

const enf_finding *fx_get(const enf_findings *fs, const char *rule)
{
    for (size_t i = 0; i < fs->n; i++)
        if (!strcmp(fs->v[i].rule, rule))
            return &fs->v[i];
    return NULL;
}

static const char S_dict[] =
    "# a test dictionary\n"
    "#! version=1\n"
    "貓 猫 [mao1] /cat/CL:隻|只[zhi1]/\n"
    "狗 狗 [gou3] /dog/\n"
    "鳥 鸟 [niao3] /bird/\n"
    "魚 鱼 [yu2] /fish/\n"
    "馬 马 [ma3] /horse/surname Ma/\n"
    "牛 牛 [niu2] /cow/ox/\n"
    "飛 飞 [fei1] /to fly/\n"
    "游 游 [you2] /to swim/\n"
    "跑 跑 [pao3] /to run/\n"
    "吃 吃 [chi1] /to eat/\n"
    "草 草 [cao3] /grass/straw/\n"
    "和 和 [he2] /and/\n"
    "睡覺 睡觉 [shui4 jiao4] /to go to bed/to sleep/\n"
    "睡 睡 [shui4] /to sleep/\n"
    "房子 房子 [fang2 zi5] /house/building (CL:棟|栋[dong4])/\n"
    "紅 红 [hong2] /red/\n"
    "清 清 [qing1] /clear/\n"
    "揚 扬 [yang2] /to raise/\n";

char fx_cedict_path[64];

int fx_cedict_setup(void **state)
{
    (void)state;
    strcpy(fx_cedict_path, "/tmp/enface-test-dict-XXXXXX");
    int fd = mkstemp(fx_cedict_path);
    if (fd < 0)
        return -1;
    FILE *f = fdopen(fd, "w");
    fputs(S_dict, f);
    fclose(f);
    return 0;
}

int fx_cedict_teardown(void **state)
{
    (void)state;
    unlink(fx_cedict_path);
    return 0;
}

enf_lexicon *fx_lex(void)
{
    enf_lexicon *lx = NULL;
    enf_error err = {0};
    assert_int_equal(enf_lexicon_new(&lx, &err), ENF_OK);
    assert_int_equal(enf_lexicon_load_cedict(lx, fx_cedict_path, &err), ENF_OK);
    return lx;
}
