/* check_spacing.c — spacing.cjk-latin (off by default): the convention of
 * most Chinese style guides, a space between Chinese characters and Latin
 * letters or digits.  One finding per place, outside code and URLs. */
#include "check_internal.h"

int enf__check_spacing(enf__check_ctx *c)
{
    if (!enf__rule_on(c, ENF_RULE_SPACING_CJK_LATIN))
        return ENF_OK;
    const enf_doc *zh = c->zh;
    int rc = ENF_OK;
    for (size_t b = 0; b < zh->n_blocks && rc == ENF_OK; b++) {
        const enf_block *blk = &zh->blocks[b];
        if (blk->kind != ENF_BLOCK_PARAGRAPH && blk->kind != ENF_BLOCK_HEADING)
            continue;
        const char *s = enf__blk_src(zh, b);
        const unsigned char *mask = c->zh_mask[b];
        int prev = 0;
        for (size_t i = 0; i < blk->src_len && rc == ENF_OK;) {
            int adv;
            int cp = enf__utf8_decode(s + i, blk->src_len - i, &adv);
            if (mask[i]) {
                prev = 0;
                i += (size_t)adv;
                continue;
            }
            int han = enf__is_han(cp), lat = cp < 0x80 && enf__is_latin_alnum(cp);
            int ph = enf__is_han(prev), pl = prev < 0x80 && prev > 0 && enf__is_latin_alnum(prev);
            if ((han && pl) || (lat && ph)) {
                enf__where w = {ENF_RULE_SPACING_CJK_LATIN, {ENF_NO_BLOCK, b}, {(size_t)-1, blk->src_off + i},
                                {0, (size_t)adv}, NULL, NULL, NULL};
                rc = enf__report(c, &w, "no space between Chinese and Latin text");
            }
            prev = cp;
            i += (size_t)adv;
        }
    }
    return rc;
}
