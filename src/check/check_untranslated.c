/* check_untranslated.c — untranslated: a long run of English words in a
 * Chinese prose block (code, URLs, paths and tables left out).  A run is
 * words joined by spaces and ASCII punctuation (words are what spaces
 * separate); names and verbatim terms are short, so a run of 8+ words with
 * 40+ letters is text left in English;
 * unless it is quoted (a prompt or an input shown as typed), display math
 * (the reader's ENF_BF_MATH) or a bibliographic reference, which stays as
 * it was published. */
#include "check_internal.h"

#include <string.h>

#define S_MIN_WORDS 8
#define S_MIN_LETTERS 40

static int S_quote(int cp)
{
    return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 ||
           cp == 0x300C || cp == 0x300D || cp == 0x300E || cp == 0x300F;
}

/* Whether the run s[a..e) stands between quotation marks (closing
 * punctuation may come first): a prompt, an input or a title quoted as
 * written, which a translation keeps on purpose. */
static int S_quoted(const char *s, size_t len, size_t a, size_t e)
{
    size_t i = a;
    while (i > 0 && s[i - 1] == ' ')
        i--;
    if (i == 0)
        return 0;
    size_t k = i - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    int adv;
    if (!S_quote(enf__utf8_decode(s + k, len - k, &adv)))
        return 0;
    for (i = e; i < len && strchr(" .,;:!?", s[i]); i++)
        ;
    return i < len && S_quote(enf__utf8_decode(s + i, len - i, &adv));
}

/* Whether the English run s[a..e) of a block is a bibliographic
 * reference: the block is a numbered entry ("[1] Thomas H. Cormen, et
 * al. ..."), or the run (and the few bytes after it) holds "et al." or a
 * GB/T 7714 document-type mark ([J] journal, [M] book, [C] proceedings,
 * [D] thesis, [R] report, [EB/OL] online). */
static int S_citation(const char *blk, size_t len, size_t a, size_t e)
{
    if (len >= 3 && blk[0] == '[' && blk[1] >= '0' && blk[1] <= '9') {
        size_t k = 1;
        while (k < len && blk[k] >= '0' && blk[k] <= '9')
            k++;
        if (k < len && blk[k] == ']')
            return 1;
    }
    const char *s = blk + a;
    size_t n = (e + 8 < len ? e + 8 : len) - a;
    static const char *const mark[] = {"et al.", "[J]", "[M]", "[C]", "[D]", "[R]", "[EB/OL]"};
    for (size_t m = 0; m < sizeof mark / sizeof *mark; m++) {
        size_t ml = strlen(mark[m]);
        for (size_t i = 0; i + ml <= n; i++)
            if (s[i] == mark[m][0] && !memcmp(s + i, mark[m], ml))
                return 1;
    }
    return 0;
}

int enf__check_untranslated(enf__check_ctx *c)
{
    if (!enf__rule_on(c, ENF_RULE_UNTRANSLATED))
        return ENF_OK;
    const enf_doc *zh = c->zh;
    int rc = ENF_OK;
    for (size_t b = 0; b < zh->n_blocks && rc == ENF_OK; b++) {
        const enf_block *blk = &zh->blocks[b];
        if ((blk->kind != ENF_BLOCK_PARAGRAPH && blk->kind != ENF_BLOCK_HEADING) ||
            (blk->flags & (ENF_BF_TABLE | ENF_BF_MATH)))
            continue;
        const char *s = enf__blk_src(zh, b);
        const unsigned char *mask = c->zh_mask[b];
        size_t len = blk->src_len;
        size_t run_start = (size_t)-1, run_end = 0, best_start = 0, best_end = 0;
        int words = 0, letters = 0, best_words = 0, in_word = 0, spaced = 0;
        for (size_t i = 0; i <= len;) {
            int adv = 1, cp = 0;
            if (i < len)
                cp = enf__utf8_decode(s + i, len - i, &adv);
            int masked = i < len && mask[i];
            int latin = i < len && !masked && enf__is_latin_alnum(cp);
            int joiner = i < len && !masked && cp < 0x80 && !latin && cp != '\n' && cp != '|';
            if (latin) {
                if (run_start == (size_t)-1) {
                    run_start = i;
                    words = letters = 0;
                }
                /* words are what spaces separate: a dotted identifier
                 * (app.config.compilerOptions) or a {#heading-id} is one */
                if (!in_word && (words == 0 || spaced))
                    words++;
                in_word = 1;
                spaced = 0;
                letters++;
                run_end = i + (size_t)adv;
            } else if (joiner || (cp == '\n' && run_start != (size_t)-1)) {
                in_word = 0;
                spaced |= cp == ' ' || cp == '\t' || cp == '\n';
            } else {
                /* a path or a URL that MT broke apart ("open ai . com/papers/x") is not prose */
                int path = run_start != (size_t)-1 && memchr(s + run_start, '/', run_end - run_start) != NULL;
                if (run_start != (size_t)-1 && !path && words >= S_MIN_WORDS && letters >= S_MIN_LETTERS &&
                    words > best_words && !S_quoted(s, len, run_start, run_end)) {
                    best_words = words;
                    best_start = run_start;
                    best_end = run_end;
                }
                run_start = (size_t)-1;
                in_word = 0;
            }
            i += (size_t)adv;
        }
        if (!best_words || S_citation(s, len, best_start, best_end))
            continue;
        char ex[128];
        size_t n = best_end - best_start, cut = n > 60 ? 60 : n;
        while (cut > 0 && cut < n && ((unsigned char)s[best_start + cut] & 0xC0) == 0x80)
            cut--;
        memcpy(ex, s + best_start, cut);
        ex[cut] = '\0';
        size_t en_blk = ENF_NO_BLOCK;
        if (c->al && c->zh_bead[b] != (size_t)-1 && c->al->beads[c->zh_bead[b]].n_en)
            en_blk = c->al->beads[c->zh_bead[b]].en;
        enf__where w = {ENF_RULE_UNTRANSLATED, {en_blk, b}, {(size_t)-1, blk->src_off + best_start},
                        {0, n}, NULL, NULL, ex};
        rc = enf__report(c, &w, "%d English words left untranslated: \"%s%s\"", best_words, ex,
                         cut < n ? "…" : "");
    }
    return rc;
}
