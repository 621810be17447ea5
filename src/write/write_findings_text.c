/* write_findings_text.c — findings in the compiler convention,
 * "zh.md:12:5: error: [glossary.forbidden] message", optionally followed by
 * the source line and a caret under the column (display width aware). */
#include "write_findings.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static void S_source(FILE *f, const enf_doc *d, int line, int col, size_t hl_chars, int color)
{
    const char *s = d->data, *end = d->data + d->len;
    for (int l = 1; l < line && s < end; s++)
        if (*s == '\n')
            l++;
    const char *e = memchr(s, '\n', (size_t)(end - s));
    if (!e)
        e = end;
    fputs("  ", f);
    {
        /* the document's own control characters never reach the terminal */
        char *line = strndup(s, (size_t)(e - s));
        if (line)
            enf__put_printable(f, line, '?');
        free(line);
    }
    fputs("\n  ", f);
    int c = 1;
    for (const char *p = s; p < e && c < col; c++) {
        int adv;
        int cp = enf_utf8_decode(p, (size_t)(e - p), &adv);
        int w = cp == '\t' ? 1 : utf8proc_charwidth(cp);
        if (cp == '\t')
            fputc('\t', f);
        else
            for (int k = 0; k < w; k++)
                fputc(' ', f);
        p += adv;
    }
    /* underline the span's display width */
    size_t width = 0, n = 0;
    const char *p = s;
    for (c = 1; p < e && c < col; c++) {
        int adv;
        enf_utf8_decode(p, (size_t)(e - p), &adv);
        p += adv;
    }
    while (p < e && n < hl_chars) {
        int adv;
        int cp = enf_utf8_decode(p, (size_t)(e - p), &adv);
        int w = utf8proc_charwidth(cp);
        width += w > 0 ? (size_t)w : 0;
        p += adv;
        n++;
    }
    if (color)
        fputs("\033[1;32m", f);
    fputc('^', f);
    for (size_t k = 1; k < width; k++)
        fputc('~', f);
    if (color)
        fputs("\033[0m", f);
    fputc('\n', f);
}

int enf__write_findings_text(FILE *f, const enf_doc *en, const enf_doc *zh, const enf_findings *fs,
                             unsigned flags)
{
    const enf_doc *docs[2] = {en, zh};
    int color = (flags & ENF_WF_COLOR) != 0;
    for (size_t i = 0; i < fs->n; i++) {
        const enf_finding *x = &fs->v[i];
        int s = enf__finding_side(x);
        const enf_doc *d = docs[s];
        if (!d)
            continue;
        const char *sev = enf_severity_name(x->severity);
        const char *col_on = x->severity == ENF_SEV_ERROR ? "\033[1;31m"
                             : x->severity == ENF_SEV_WARNING ? "\033[1;35m" : "\033[1;36m";
        if (color)
            fputs("\033[1m", f);
        enf__put_printable(f, d->name, 0);
        if (color)
            fprintf(f, ":%d:%d:\033[0m %s%s:\033[0m [%s] ", x->line[s], x->col[s], col_on, sev, x->rule);
        else
            fprintf(f, ":%d:%d: %s: [%s] ", x->line[s], x->col[s], sev, x->rule);
        enf__put_printable(f, x->message, 0);
        fputc('\n', f);
        if (flags & ENF_WF_SOURCE) {
            size_t hl = 1;
            if (x->text_len[s] && x->block[s] != ENF_NO_BLOCK) {
                const enf_block *b = &d->blocks[x->block[s]];
                hl = enf_utf8_count(b->text + x->text_off[s], x->text_len[s]);
            }
            S_source(f, d, x->line[s], x->col[s], hl, color);
        }
    }
    return ENF_OK;
}
