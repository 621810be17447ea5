/* check_markup.c — markup.damaged: Markdown that MT broke, found on the
 * block's source with code and URLs masked: "****" (empty bold), unbalanced
 * ** / * / backticks, and broken links ("](" without ")", "] (", "]（").
 * In bilingual mode a defect the original block has too is not reported. */
#include "check_internal.h"

#include <string.h>

enum { S_QUAD, S_BOLD, S_EMPH, S_TICK, S_LINK, S_NKINDS };

typedef struct {
    size_t off[S_NKINDS];     /* first offending byte (block-relative), -1 none */
    size_t count[S_NKINDS];
} S_defects;

static int S_sp(char c) { return c == ' ' || c == '\t' || c == '\n'; }

static void S_scan(const char *s, size_t len, const unsigned char *mask, S_defects *d)
{
    for (int k = 0; k < S_NKINDS; k++) {
        d->off[k] = (size_t)-1;
        d->count[k] = 0;
    }
    size_t bold_runs = 0, last_bold = (size_t)-1, emph_runs = 0, last_emph = (size_t)-1;
    int only_indent = 1;   /* nothing but spaces and '>' since the line began */
    for (size_t i = 0; i < len;) {
        char c = s[i];
        if (c == '\n') {
            only_indent = 1;
            i++;
            continue;
        }
        if (mask[i]) {
            only_indent = 0;
            i++;
            continue;
        }
        if (c != ' ' && c != '>' && c != '*')
            only_indent = 0;
        if (c == '*') {
            size_t n = 0;
            while (i + n < len && s[i + n] == '*' && !mask[i + n])
                n++;
            int line_start = only_indent;
            char before = i > 0 ? s[i - 1] : ' ', after = i + n < len ? s[i + n] : ' ';
            if (n >= 4) {
                if (d->off[S_QUAD] == (size_t)-1)
                    d->off[S_QUAD] = i;
                d->count[S_QUAD]++;
            } else if (n == 1 && ((line_start && S_sp(after)) || (S_sp(before) && S_sp(after)))) {
                /* a list bullet or a lone star between spaces */
            } else {
                if (n >= 2) {
                    bold_runs++;
                    last_bold = i;
                }
                if (n != 2) {
                    emph_runs++;
                    last_emph = i;
                }
            }
            i += n;
            only_indent = 0;
            continue;
        }
        if (c == '`') {
            if (d->off[S_TICK] == (size_t)-1)
                d->off[S_TICK] = i;
            d->count[S_TICK]++;
            while (i < len && s[i] == '`')
                i++;
            continue;
        }
        if (c == ']') {
            size_t j = i + 1;
            int bad = 0;
            if (j < len && s[j] == ' ' && j + 1 < len && s[j + 1] == '(' && mask[i + 0] == 0)
                bad = 1;   /* "] (url)": a space breaks the link */
            if (j + 2 < len && !memcmp(s + j, "\xEF\xBC\x88", 3))
                bad = 1;   /* "]（": a full-width parenthesis */
            if (j < len && s[j] == '(') {
                size_t k = j + 1;
                while (k < len && s[k] != ')' && s[k] != '\n')
                    k++;
                if (k >= len || s[k] != ')')
                    bad = 1;
            }
            if (bad) {
                if (d->off[S_LINK] == (size_t)-1)
                    d->off[S_LINK] = i;
                d->count[S_LINK]++;
            }
        }
        i++;
    }
    if (bold_runs % 2) {
        d->off[S_BOLD] = last_bold;
        d->count[S_BOLD] = 1;
    }
    if (emph_runs % 2) {
        d->off[S_EMPH] = last_emph;
        d->count[S_EMPH] = 1;
    }
}

static const char *const S_what[S_NKINDS] = {
    "\"****\" (empty bold: the text between the two ** was lost or moved)",
    "unbalanced \"**\"",
    "unbalanced \"*\"",
    "unbalanced backtick",
    "broken link syntax",
};

static int S_prose(const enf_block *b)
{
    return b->kind == ENF_BLOCK_HEADING || b->kind == ENF_BLOCK_PARAGRAPH;
}

int enf__check_markup(enf__check_ctx *c)
{
    if (!enf__rule_on(c, ENF_RULE_MARKUP_DAMAGED) || c->zh->units != ENF_UNITS_MARKDOWN)
        return ENF_OK;   /* Markdown syntax means nothing in HTML or plain lines */
    const enf_doc *zh = c->zh;
    int rc = ENF_OK;
    for (size_t b = 0; b < zh->n_blocks && rc == ENF_OK; b++) {
        const enf_block *blk = &zh->blocks[b];
        if (!S_prose(blk))
            continue;
        S_defects d;
        S_scan(enf__blk_src(zh, b), blk->src_len, c->zh_mask[b], &d);
        int has_en[S_NKINDS] = {0};
        size_t en_blk = ENF_NO_BLOCK;
        if (c->al && c->zh_bead[b] != (size_t)-1) {
            const enf_bead *bd = &c->al->beads[c->zh_bead[b]];
            for (size_t k = 0; k < bd->n_en; k++) {
                size_t eb = bd->en + k;
                if (en_blk == ENF_NO_BLOCK)
                    en_blk = eb;
                if (!S_prose(&c->en->blocks[eb]))
                    continue;
                S_defects e;
                S_scan(enf__blk_src(c->en, eb), c->en->blocks[eb].src_len, c->en_mask[eb], &e);
                for (int q = 0; q < S_NKINDS; q++)
                    has_en[q] |= e.count[q] > 0;
            }
        }
        for (int k = 0; k < S_NKINDS && rc == ENF_OK; k++) {
            if (!d.count[k] || has_en[k])
                continue;
            size_t off = blk->src_off + d.off[k];
            size_t len = k == S_QUAD ? 4 : k == S_BOLD ? 2 : 1;
            enf__where w = {ENF_RULE_MARKUP_DAMAGED, {en_blk, b}, {(size_t)-1, off}, {0, len}, NULL, NULL, NULL};
            if (d.count[k] > 1)
                rc = enf__report(c, &w, "%s, %zu times in this block", S_what[k], d.count[k]);
            else
                rc = enf__report(c, &w, "%s", S_what[k]);
        }
    }
    return rc;
}
