/* check_blocks.c — block.omitted / block.added: the 1-0 and 0-1 beads of
 * the block alignment, leaving out blocks that carry no text (comments,
 * rules, empty HTML); block.merged: n-1 beads (a note: merging can be a
 * fair choice, but a reviewer wants to see it).  A translator's note
 * (译者注 ...) and the blocks after it that the original lacks are added on
 * purpose (so are its credits: 英文原文:, 译者:): a note. */
#include "check_internal.h"
#include "enface/read.h"

#include <stdlib.h>
#include <string.h>

/* Whether a block is worth a finding when unpaired. */
static int S_contentful(const enf_doc *d, size_t b)
{
    const enf_block *blk = &d->blocks[b];
    if (blk->kind == ENF_BLOCK_HTML) {
        const char *s = enf__blk_src(d, b);
        while (*s == ' ')
            s++;
        if (!strncmp(s, "<!--", 4))
            return 0;
    }
    size_t letters = 0;
    for (size_t i = 0; i < blk->text_len;) {
        int adv;
        int cp = enf__utf8_decode(blk->text + i, blk->text_len - i, &adv);
        if (enf__is_han(cp) || enf__is_latin_alnum(cp))
            letters++;
        i += (size_t)adv;
    }
    return letters > 0 || (blk->flags & ENF_BF_IMAGE_ONLY);
}

/* Whether a block opens a translator's note: its text starts with the
 * label Chinese translations put there (译者注, 译注, 译者按, 译者的话),
 * bracketed or not, or with the credits a translation adds (英文原文:,
 * 原文链接, 译者:, 审校:). */
static int S_translator_note(const enf_block *blk)
{
    static const char *const open[] = {"", "（", "(", "【", "[", "〔"};
    static const char *const label[] = {
        "译者注", "译注", "译者按", "译者的话", "英文原文", "原文链接", "原文地址", "原文作者",
        "原文：", "原文:", "译者：", "译者:", "审校：", "审校:", "校对：", "校对:"};
    for (size_t o = 0; o < sizeof open / sizeof *open; o++) {
        size_t n = strlen(open[o]);
        if (strncmp(blk->text, open[o], n))
            continue;
        for (size_t l = 0; l < sizeof label / sizeof *label; l++)
            if (!strncmp(blk->text + n, label[l], strlen(label[l])))
                return 1;
    }
    return 0;
}

/* Whether an added block is a heading that repeats the page's title from
 * its front matter (title: "..."): a blog translation shows the title in
 * the text, where the original leaves it to the site.  *title: the front
 * matter's, read at the first heading that asks (*read set), NULL when
 * there is none. */
static int S_title_heading(const enf_doc *d, const enf_block *blk, char **title, int *read)
{
    if (blk->kind != ENF_BLOCK_HEADING || blk->level != 1)
        return 0;
    if (!*read) {
        enf_error err = {0};
        *read = 1;
        if (enf_front_matter_get(d->data, d->len, "title", title, &err))
            *title = NULL;
    }
    return *title && !strcmp(*title, blk->text);
}

/* The first characters of a block's text, for messages. */
static void S_excerpt(const enf_block *blk, char *buf, size_t sz)
{
    size_t n = 0, chars = 0;
    while (n < blk->text_len && chars < 40) {
        int adv;
        enf__utf8_decode(blk->text + n, blk->text_len - n, &adv);
        if (n + (size_t)adv >= sz - 4)
            break;
        n += (size_t)adv;
        chars++;
    }
    memcpy(buf, blk->text, n);
    buf[n] = '\0';
    if (n < blk->text_len)
        strcat(buf, "…");
}

int enf__check_blocks(enf__check_ctx *c)
{
    int rc = ENF_OK;
    char ex[256];
    size_t last_zh = ENF_NO_BLOCK;   /* the last Chinese block of the beads so far */
    int note = 0;                      /* in a translator's note the original lacks */
    char *title = NULL;                /* the Chinese front matter's, once asked */
    int title_read = 0;
    for (size_t i = 0; i < c->al->n_beads && rc == ENF_OK; i++) {
        const enf_bead *bd = &c->al->beads[i];
        if (bd->n_en)
            note = 0;
        if (i && c->al->beads[i - 1].n_zh)
            last_zh = c->al->beads[i - 1].zh + c->al->beads[i - 1].n_zh - 1;
        if (bd->n_zh == 0) {
            /* placed where the reviewer looks: in the Chinese file, just
             * after the preceding bead's last Chinese block (or at the
             * first block), the original as the related place */
            size_t zb = last_zh;
            int after = zb != ENF_NO_BLOCK;
            if (zb == ENF_NO_BLOCK && c->zh->n_blocks)
                zb = 0;
            for (size_t k = 0; k < bd->n_en && rc == ENF_OK; k++) {
                size_t b = bd->en + k;
                if (!S_contentful(c->en, b))
                    continue;
                S_excerpt(&c->en->blocks[b], ex, sizeof ex);
                enf__where w = {ENF_RULE_BLOCK_OMITTED, {b, zb},
                                {(size_t)-1, after ? ENF__AFTER_BLOCK : (size_t)-1}, {0, 0},
                                NULL, NULL, NULL};
                rc = enf__report(c, &w, "the %s \"%s\" (line %d of the original) has no translation",
                                 enf_block_kind_name(c->en->blocks[b].kind), ex,
                                 c->en->blocks[b].start_line);
            }
        } else if (bd->n_en > 1 && bd->n_zh == 1) {
            char lines[128];
            size_t n = 0;
            lines[0] = '\0';
            for (size_t k = 0; k < bd->n_en && n + 16 < sizeof lines; k++)
                n += (size_t)snprintf(lines + n, sizeof lines - n, "%s%d", k ? ", " : "",
                                      c->en->blocks[bd->en + k].start_line);
            enf__where w = {ENF_RULE_BLOCK_MERGED, {bd->en, bd->zh}, {(size_t)-1, (size_t)-1}, {0, 0},
                            NULL, NULL, NULL};
            rc = enf__report(c, &w, "%zu blocks of the original (lines %s) are translated as this one block",
                             bd->n_en, lines);
        } else if (bd->n_en == 0) {
            for (size_t k = 0; k < bd->n_zh && rc == ENF_OK; k++) {
                size_t b = bd->zh + k;
                if (!S_contentful(c->zh, b))
                    continue;
                note |= S_translator_note(&c->zh->blocks[b]);
                int heading = !note && S_title_heading(c->zh, &c->zh->blocks[b], &title, &title_read);
                S_excerpt(&c->zh->blocks[b], ex, sizeof ex);
                enf__where w = {ENF_RULE_BLOCK_ADDED, {ENF_NO_BLOCK, b}, {(size_t)-1, (size_t)-1},
                                {0, 0}, NULL, NULL, NULL};
                size_t before = c->out->n;
                rc = enf__report(c, &w, note ? "the %s \"%s\" is a translator's note: no counterpart in the "
                                               "original, on purpose"
                                      : heading ? "the %s \"%s\" repeats the page's title (front matter) "
                                                "as a heading: no counterpart in the original"
                                              : "the %s \"%s\" has no counterpart in the original",
                                 enf_block_kind_name(c->zh->blocks[b].kind), ex);
                if (note || heading)
                    enf__cap_since(c, before, ENF_SEV_NOTE);
            }
        }
    }
    free(title);
    return rc;
}
