/* write_po.c — a translation memory as a gettext PO file (enface corpus
 * -f po): one entry per aligned block pair, msgid the English, msgstr the
 * Chinese, "#:" the English source line, "#." the Chinese one and the
 * score, "#, fuzzy" below the floor.  gettext wants each (msgctxt, msgid)
 * once: a repeated English block gets msgctxt "DOC:LINE", so no
 * translation is lost and msgfmt --check accepts the file. */
#include "enface/write.h"
#include "model_internal.h"
#include "write_corpus.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct enf__po {
    FILE *f;
    double fuzzy_below;
    uint64_t *seen;   /* open addressing, 0 = empty: hashes of (msgctxt, msgid) */
    size_t n, slots;
};

static uint64_t S_hash(const char *ctxt, const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *p = ctxt ? ctxt : ""; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    h = (h ^ 0x04) * 1099511628211ull;   /* gettext's own context separator */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        /* what S_string drops is not part of the msgid written */
        if ((c >= 0x20 && c != 0x7f) || c == '\n' || c == '\t')
            h = (h ^ c) * 1099511628211ull;
    }
    return h ? h : 1;
}

/* 1 new (remembered now), 0 seen, -1 out of memory. */
static int S_seen_add(enf__po *t, uint64_t h)
{
    if (2 * (t->n + 1) >= t->slots) {
        size_t ns = t->slots ? 2 * t->slots : 1024;
        uint64_t *v = calloc(ns, sizeof *v);
        if (!v)
            return -1;
        for (size_t i = 0; i < t->slots; i++)
            if (t->seen[i]) {
                size_t k = (size_t)(t->seen[i] * 0x9E3779B97F4A7C15ull >> 20) & (ns - 1);
                while (v[k])
                    k = (k + 1) & (ns - 1);
                v[k] = t->seen[i];
            }
        free(t->seen);
        t->seen = v;
        t->slots = ns;
    }
    size_t k = (size_t)(h * 0x9E3779B97F4A7C15ull >> 20) & (t->slots - 1);
    for (; t->seen[k]; k = (k + 1) & (t->slots - 1))
        if (t->seen[k] == h)
            return 0;
    t->seen[k] = h;
    t->n++;
    return 1;
}

/* A PO string: "..." with C escapes; text with newlines as msgid "" and
 * one line per "\n"-ended piece, as msgmerge writes it.  Other control
 * characters are dropped (PO has no escape every reader accepts). */
static void S_string(FILE *f, const char *kw, const char *s, size_t n)
{
    int multi = memchr(s, '\n', n) != NULL;
    fprintf(f, "%s \"%s", kw, multi ? "\"\n\"" : "");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs(i + 1 < n ? "\\n\"\n\"" : "\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c >= 0x20 && c != 0x7f)
            fputc(c, f);
    }
    fputs("\"\n", f);
}

/* s without leading and trailing spaces and control characters: msgfmt
 * --check wants msgid and msgstr to agree on a leading and a trailing
 * newline, and a dropped control character must not expose one. */
static int S_blank(char c)
{
    return (unsigned char)c <= 0x20 || c == 0x7f;
}

static const char *S_trim(const char *s, size_t *n)
{
    size_t len = strlen(s);
    while (len && S_blank(*s)) {
        s++;
        len--;
    }
    while (len && S_blank(s[len - 1]))
        len--;
    *n = len;
    return s;
}

/* A comment line's value (a file name): no newline may end the comment
 * early, no control character reach a terminal. */
static void S_comment_value(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\n' || c == '\r' || c == '\t')
            fputc(' ', f);
        else if (c >= 0x20 && c != 0x7f)
            fputc(c, f);
    }
}

/* A msgctxt on one line: control characters of the name made spaces. */
static void S_one_line(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = ' ';
}

int enf__po_begin(FILE *f, const char *zh_lang, double fuzzy_below, enf__po **out,
                  enf_error *err)
{
    *out = NULL;
    enf__po *t = calloc(1, sizeof *t);
    if (!t)
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    t->f = f;
    t->fuzzy_below = fuzzy_below;
    /* gettext names languages ll_CC (zh_CN), ICU's form of the tag */
    char lang[96];
    snprintf(lang, sizeof lang, "%s", zh_lang);
    for (char *p = lang; *p; p++)
        if (*p == '-')
            *p = '_';
    fprintf(f,
            "# Translation memory aligned by enface %s from English/Chinese document pairs.\n"
            "# One entry per aligned block; \"fuzzy\": the block pair scored below %.2f.\n"
            "msgid \"\"\n"
            "msgstr \"\"\n"
            "\"Project-Id-Version: enface corpus\\n\"\n"
            "\"Language: %s\\n\"\n"
            "\"MIME-Version: 1.0\\n\"\n"
            "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
            "\"Content-Transfer-Encoding: 8bit\\n\"\n"
            "\"Plural-Forms: nplurals=1; plural=0;\\n\"\n"
            "\"X-Generator: enface %s\\n\"\n",
            ENFACE_VERSION, fuzzy_below, lang, ENFACE_VERSION);
    *out = t;
    return ENF_OK;
}

int enf__po_add(enf__po *t, const char *doc, const char *en_file, const char *zh_file,
                const enf_corpus_pair *p, enf_error *err)
{
    size_t ne, nz;
    const char *en = S_trim(p->en, &ne), *zh = S_trim(p->zh, &nz);
    if (!ne || !nz)
        return ENF_OK;
    char ctxt[512];
    ctxt[0] = '\0';
    for (int k = 1;; k++) {
        int isnew = S_seen_add(t, S_hash(ctxt[0] ? ctxt : NULL, en, ne));
        if (isnew < 0)
            return enf_error_set(err, ENF_ENOMEM, "out of memory");
        if (isnew)
            break;
        /* a repeat: the place it comes from, numbered if that repeats too */
        if (k == 1)
            snprintf(ctxt, sizeof ctxt, "%s:%d", doc, p->en_block);
        else
            snprintf(ctxt, sizeof ctxt, "%s:%d #%d", doc, p->en_block, k);
        S_one_line(ctxt);   /* the context hashed is the one written */
    }
    FILE *f = t->f;
    fputc('\n', f);
    fputs("#. zh: ", f);
    S_comment_value(f, zh_file ? zh_file : doc);
    fprintf(f, ":%d; block pair %s, score %.3f\n", p->zh_block, p->type, p->score);
    fputs("#: ", f);
    S_comment_value(f, en_file ? en_file : doc);
    fprintf(f, ":%d\n", p->en_block);
    if (p->score < t->fuzzy_below)
        fputs("#, fuzzy\n", f);
    if (ctxt[0])
        S_string(f, "msgctxt", ctxt, strlen(ctxt));
    S_string(f, "msgid", en, ne);
    S_string(f, "msgstr", zh, nz);
    if (ferror(f))
        return enf_error_set(err, ENF_EIO, "write error");
    return ENF_OK;
}

void enf__po_end(enf__po *t)
{
    if (!t)
        return;
    free(t->seen);
    free(t);
}
