/* discover.c — glossary discovery from one aligned pair: English words and
 * phrases (1-3 words) that occur in two or more aligned blocks and that the
 * glossary lacks, with the Chinese strings (whole words by ICU's dictionary
 * word breaks, 2-6 Han characters, or the English kept verbatim) that
 * co-occur with them across the beads, scored by a Dice coefficient over
 * beads.  Termhood: no stop-word at either end, no number first, a single
 * everyday word only with more support; a Chinese rendering goes to the
 * English term it fits best (competitive linking) and a phrase's part that
 * occurs only inside it is left out.  Terms whose blocks are covered by two
 * different renderings ("rendered differently") rank first.  The output is
 * a glossary TSV that enf_glossary_load accepts (a name kept as it is: a
 * verbatim entry), ready to review. */
#include "lexicon.h"
#include "terms_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

/* ---- a string table: string -> id, with the beads each id occurs in */

typedef struct {
    char *s;
    char *orig;           /* first spelling seen (case kept), or NULL */
    unsigned h;
    size_t *beads;        /* distinct bead indexes, ascending */
    size_t n_beads, cap_beads;
    int words;            /* words in it (Chinese: ICU word breaks) */
    size_t occ;           /* occurrences, counting repeats in one block */
} S_str;

typedef struct {
    S_str *v;
    size_t n, cap;
    size_t *slots;        /* id + 1 */
    size_t nslots;
} S_tab;

static long S_intern(S_tab *t, const char *s, size_t n)
{
    if ((t->n + 1) * 2 > t->nslots) {
        size_t ns = t->nslots ? t->nslots * 2 : 1024;
        size_t *sl = calloc(ns, sizeof *sl);
        if (!sl)
            return -1;
        for (size_t i = 0; i < t->n; i++) {
            size_t j = t->v[i].h & (ns - 1);
            while (sl[j])
                j = (j + 1) & (ns - 1);
            sl[j] = i + 1;
        }
        free(t->slots);
        t->slots = sl;
        t->nslots = ns;
    }
    unsigned h = enf__hash(s, n, 7);
    size_t j = h & (t->nslots - 1);
    while (t->slots[j]) {
        S_str *x = &t->v[t->slots[j] - 1];
        if (x->h == h && strlen(x->s) == n && !memcmp(x->s, s, n)) {
            x->occ++;
            return (long)(t->slots[j] - 1);
        }
        j = (j + 1) & (t->nslots - 1);
    }
    if (enf__grow((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v))
        return -1;
    S_str *x = &t->v[t->n];
    memset(x, 0, sizeof *x);
    x->s = malloc(n + 1);
    if (!x->s)
        return -1;
    memcpy(x->s, s, n);
    x->s[n] = '\0';
    x->h = h;
    x->occ = 1;
    t->slots[j] = t->n + 1;
    return (long)t->n++;
}

static int S_note_bead(S_tab *t, long id, size_t bead)
{
    S_str *x = &t->v[id];
    if (x->n_beads && x->beads[x->n_beads - 1] == bead)
        return 0;
    /* one list per distinct string: many, mostly one or two beads long */
    if (enf__grow_small((void **)&x->beads, &x->cap_beads, x->n_beads + 1, sizeof *x->beads))
        return -1;
    x->beads[x->n_beads++] = bead;
    return 0;
}

static void S_tab_free(S_tab *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].s);
        free(t->v[i].orig);
        free(t->v[i].beads);
    }
    free(t->v);
    free(t->slots);
}

/* Function words and general vocabulary: never the head or tail of a term. */
static const char *const S_stop[] = {
    "a", "about", "above", "across", "after", "again", "against", "all", "almost", "along", "already",
    "also", "although", "always", "among", "an", "and", "another", "any", "anyone", "anything", "are",
    "around", "as", "ask", "at", "available", "away", "back", "based", "be", "because", "become",
    "been", "before", "behind", "being", "below", "best", "better", "between", "big", "both", "bring",
    "but", "by", "call", "came", "can", "cannot", "case", "cases", "certain", "change", "clear",
    "come", "comes", "could", "day", "days", "did", "different", "do", "does", "doing", "done", "down",
    "during", "each", "early", "easy", "either", "else", "end", "enough", "especially", "even", "ever",
    "every", "example", "far", "few", "find", "first", "for", "found", "four", "free", "from", "full",
    "further", "get", "gets", "getting", "give", "given", "gives", "go", "goes", "going", "good", "got",
    "great", "had", "half", "has", "have", "having", "he", "help", "helps", "her", "here", "high",
    "his", "how", "however", "if", "important", "in", "include", "includes", "including", "instead",
    "into", "is", "it", "its", "itself", "just", "keep", "keeps", "kind", "know", "large", "last",
    "later", "least", "less", "let", "like", "likely", "little", "long", "look", "looks", "lot", "low",
    "made", "main", "make", "makes", "making", "many", "may", "me", "means", "might", "more", "most",
    "much", "must", "my", "need", "needs", "never", "new", "next", "no", "not", "now", "number", "of",
    "off", "often", "old", "on", "once", "one", "only", "open", "or", "other", "others", "our", "out",
    "over", "own", "part", "per", "place", "please", "point", "points", "possible", "put", "quite",
    "rather", "real", "really", "right", "run", "runs", "same", "say", "says", "second", "see", "seen",
    "set", "several", "she", "should", "show", "shows", "side", "simple", "since", "small", "so",
    "some", "something", "soon", "still", "such", "sure", "take", "takes", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "thing", "things", "think", "third", "this",
    "those", "though", "three", "through", "thus", "time", "times", "to", "today", "together", "too",
    "top", "try", "two", "under", "until", "up", "upon", "us", "use", "used", "useful", "uses", "using",
    "very", "via", "want", "was", "way", "ways", "we", "week", "well", "were", "what", "when", "where",
    "whether", "which", "while", "who", "whole", "why", "will", "with", "within", "without", "work",
    "works", "would", "year", "years", "yet", "you", "your", "able", "actually", "add", "added",
    "allow", "allows", "approach", "article", "build", "built", "create", "created", "current",
    "currently", "directly", "easily", "entire", "further", "general", "hard", "higher", "idea",
    "instance", "latest", "lead", "leads", "level", "line", "lines", "lower", "mean", "million",
    "billion", "thousand", "hundred", "mostly", "name", "near", "nearly", "order", "original", "pair",
    "pairs", "past", "people", "perhaps", "post", "present", "previous", "provide", "provides",
    "question", "read", "ready", "reason", "recent", "recently", "release", "released", "result",
    "results", "section", "short", "shown", "similar", "single", "start", "step", "steps", "support",
    "supports", "team", "thanks", "true", "turn", "type", "types", "usually", "value", "version",
    "whose", "word", "words", "world", "write", "written", "https", "http", "www", "com", "org", NULL};

static int S_is_stop(const char *w)
{
    for (int i = 0; S_stop[i]; i++)
        if (!strcmp(w, S_stop[i]))
            return 1;
    return 0;
}

/* Han characters that rarely start or end a term. */
static int S_function_char(int cp)
{
    static const int v[] = {0x7684, 0x4E86, 0x662F, 0x5728, 0x548C, 0x4E0E, 0x4E00, 0x4E2A, 0x8FD9,
                            0x6211, 0x4EEC, 0x4E3A, 0x5BF9, 0x4E5F, 0x6709, 0x5E76, 0x800C, 0x5C06,
                            0x88AB, 0x628A, 0x4ECE, 0x5230, 0x4E2D, 0x4EE5, 0x53CA, 0x7B49, 0x6216,
                            0x5C31, 0x90FD, 0x4F7F, 0x7528, 0x5176, 0x6B64, 0x8BE5, 0x5404, 0x79CD,
                            0x4E9B, 0x66F4, 0x5F88, 0x6700, 0x6240, 0x53EF, 0x80FD, 0x4F1A, 0x8981,
                            0x8BA9, 0x5730, 0x5F97, 0x7740, 0x8FC7, 0x8FD8, 0x53C8, 0x5DF2, 0x4E0D,
                            0x6CA1, 0x4F60, 0x4ED6, 0x5979, 0x5B83, 0x6765, 0x53BB, 0x4E4B, 0};
    for (int i = 0; v[i]; i++)
        if (v[i] == cp)
            return 1;
    return 0;
}

#define S_MAXW 64
#define S_ZHMAX 6   /* longest Chinese candidate, in characters */

static int S_en_block(S_tab *t, const enf_doc *d, size_t b, const unsigned char *mask, size_t bead)
{
    const enf_block *blk = &d->blocks[b];
    const char *s = d->data + blk->src_off;
    size_t len = blk->src_len;
    char words[3][S_MAXW], origs[3][S_MAXW];
    int nw = 0;
#define S_WORD_CHAR(i)                                                                    \
    (!mask[i] && (isalnum((unsigned char)s[i]) || s[i] == '-' ||                          \
                  /* a dot inside a name: llama.cpp, Vue.js */                            \
                  (s[i] == '.' && i > 0 && i + 1 < len && isalnum((unsigned char)s[i - 1]) && \
                   isalpha((unsigned char)s[i + 1]) && !mask[i + 1])))
    for (size_t i = 0; i <= len;) {
        int alpha = i < len && S_WORD_CHAR(i);
        if (!alpha) {
            nw = i < len && (s[i] == ' ') ? nw : 0;   /* a phrase never crosses punctuation */
            i++;
            continue;
        }
        size_t st = i;
        while (i < len && S_WORD_CHAR(i))
            i++;
        size_t n = i - st;
        while (n && s[st + n - 1] == '-')
            n--;
        if (n == 0 || n >= S_MAXW)
            continue;
        char w[S_MAXW];
        for (size_t k = 0; k < n; k++)
            w[k] = (char)tolower((unsigned char)s[st + k]);
        w[n] = '\0';
        int has_alpha = 0;
        for (size_t k = 0; k < n; k++)
            has_alpha |= isalpha((unsigned char)w[k]) != 0;
        if (!has_alpha) {
            nw = 0;
            continue;
        }
        if (nw == 3) {
            memmove(words[0], words[1], S_MAXW);
            memmove(words[1], words[2], S_MAXW);
            memmove(origs[0], origs[1], S_MAXW);
            memmove(origs[1], origs[2], S_MAXW);
            nw = 2;
        }
        memcpy(origs[nw], s + st, n);
        origs[nw][n] = '\0';
        memcpy(words[nw++], w, n + 1);
        /* n-grams ending here that neither start nor end with a stop word,
         * nor start with a number (27B, 2B Instruct: sizes, not terms) */
        if (S_is_stop(w) || strlen(w) < 3)
            continue;
        for (int k = 1; k <= nw; k++) {
            const char *first = words[nw - k];
            if (S_is_stop(first) || isdigit((unsigned char)first[0]))
                continue;
            /* nor one inside (Vue is aware, declared a computed): only "of"
             * (state of the art) */
            int inner = 0;
            for (int q = nw - k + 1; q < nw - 1; q++)
                inner |= S_is_stop(words[q]) && strcmp(words[q], "of");
            if (inner)
                continue;
            char g[3 * S_MAXW + 3];
            size_t gl = 0;
            for (int q = nw - k; q < nw; q++)
                gl += (size_t)snprintf(g + gl, sizeof g - gl, "%s%s", q > nw - k ? " " : "", words[q]);
            long id = S_intern(t, g, gl);
            if (id >= 0)
                t->v[id].words = k;
            if (id >= 0 && !t->v[id].orig) {
                char o[3 * S_MAXW + 3];
                size_t ol = 0;
                for (int q = nw - k; q < nw; q++)
                    ol += (size_t)snprintf(o + ol, sizeof o - ol, "%s%s", q > nw - k ? " " : "", origs[q]);
                t->v[id].orig = strdup(o);
            }
            if (id < 0 || S_note_bead(t, id, bead))
                return -1;
        }
    }
    return 0;
}

/* ICU's word boundaries of s (dictionary-based for Chinese: well-kept
 * code, and segmentation is not our craft): bnd[i] = 1 where a word
 * starts or ends.  When ICU cannot, every position is one. */
static void S_word_bounds(const char *s, size_t len, unsigned char *bnd)
{
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, s, (int64_t)len, &st);
    UBreakIterator *bi = U_SUCCESS(st) ? ubrk_open(UBRK_WORD, "zh", NULL, 0, &st) : NULL;
    if (U_SUCCESS(st))
        ubrk_setUText(bi, ut, &st);
    if (U_FAILURE(st)) {
        memset(bnd, 1, len + 1);
    } else {
        memset(bnd, 0, len + 1);
        for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi))
            if ((size_t)p <= len)
                bnd[p] = 1;
    }
    if (bi)
        ubrk_close(bi);
    utext_close(ut);
}

static int S_zh_block(S_tab *t, const enf_doc *d, size_t b, const unsigned char *mask, size_t bead)
{
    const enf_block *blk = &d->blocks[b];
    const char *s = d->data + blk->src_off;
    size_t len = blk->src_len;
    unsigned char *bnd = malloc(len + 1);
    if (!bnd)
        return -1;
    S_word_bounds(s, len, bnd);
    size_t pos[S_ZHMAX];   /* byte starts of the last Han characters */
    int cps[S_ZHMAX], n = 0;
    for (size_t i = 0; i < len;) {
        int adv;
        int cp = enf__utf8_decode(s + i, len - i, &adv);
        if (mask[i] || !enf__is_han(cp)) {
            n = 0;
            i += (size_t)adv;
            continue;
        }
        if (n == S_ZHMAX) {
            memmove(pos, pos + 1, (S_ZHMAX - 1) * sizeof *pos);
            memmove(cps, cps + 1, (S_ZHMAX - 1) * sizeof *cps);
            n = S_ZHMAX - 1;
        }
        pos[n] = i;
        cps[n++] = cp;
        i += (size_t)adv;
        if (S_function_char(cp) || !bnd[i])
            continue;
        /* whole words only: a candidate neither starts nor ends inside one */
        for (int k = 2; k <= n; k++) {
            if (S_function_char(cps[n - k]) || !bnd[pos[n - k]])
                continue;
            int words = 1;
            for (size_t q = pos[n - k] + 1; q < i; q++)
                words += bnd[q];
            long id = S_intern(t, s + pos[n - k], i - pos[n - k]);
            if (id >= 0)
                t->v[id].words = words;
            if (id < 0 || S_note_bead(t, id, bead)) {
                free(bnd);
                return -1;
            }
        }
    }
    free(bnd);
    return 0;
}

typedef struct {
    long en;
    long zh[3];
    size_t co[3];
    double score;
    int differs;
    int verbatim;
} S_prop;

static int S_cmp_prop(const void *a, const void *b)
{
    const S_prop *x = a, *y = b;
    if (x->differs != y->differs)
        return y->differs - x->differs;
    return x->score < y->score ? 1 : x->score > y->score ? -1 : 0;
}

/* Whether the dictionary pairs a word of en with a word of zh (a gloss of
 * a Chinese word is an English word's stem): 1; 0 when zh is made of
 * dictionary words none of which does (a wrong pair: changes -> 任何);
 * -1 when zh holds words the dictionary lacks (a new term: 分词器, 响应式),
 * on which it has no say. */
static int S_linked(const enf_lexicon *lx, const char *en, const char *zh)
{
    enf__etok *e = NULL;
    enf__ztok *z = NULL;
    size_t ne = 0, ce = 0, nz = 0, cz = 0;
    int linked = 0, unknown = 0;
    if (!enf__lex_tokens_en(lx, en, strlen(en), &e, &ne, &ce) &&
        !enf__lex_tokens_zh(lx, zh, strlen(zh), &z, &nz, &cz)) {
        for (size_t i = 0; i < nz; i++) {
            unknown |= z[i].ngl == 0;
            for (uint32_t k = 0; k < z[i].ngl && !linked; k++)
                for (size_t j = 0; j < ne && !linked; j++)
                    linked = z[i].gl[k] == e[j].h;
        }
    } else {
        unknown = 1;   /* out of memory: no say */
    }
    free(e);
    free(z);
    return linked ? 1 : unknown ? -1 : 0;
}

/* Whether phrase holds part as whole words. */
static int S_has_words(const char *phrase, const char *part)
{
    size_t n = strlen(part);
    for (const char *q = strstr(phrase, part); q; q = strstr(q + 1, part))
        if ((q == phrase || q[-1] == ' ') && (q[n] == '\0' || q[n] == ' '))
            return 1;
    return 0;
}

static size_t S_common(const S_str *a, const S_str *b)
{
    size_t i = 0, j = 0, n = 0;
    while (i < a->n_beads && j < b->n_beads) {
        if (a->beads[i] == b->beads[j]) {
            n++;
            i++;
            j++;
        } else if (a->beads[i] < b->beads[j]) {
            i++;
        } else {
            j++;
        }
    }
    return n;
}

/* Mask what the glossary already knows, so that only new terms are
 * proposed (and never a piece of a known one). */
static int S_mask_known(const enf_glossary *g, int lang, const char *s, size_t len, unsigned char *mask)
{
    if (!g)
        return 0;
    enf_match *m = NULL;
    size_t n = 0;
    if (enf__glossary_match_masked(g, lang, s, len, mask, &m, &n))
        return -1;
    for (size_t i = 0; i < n; i++)
        memset(mask + m[i].off, 1, m[i].len);
    free(m);
    return 0;
}

/* ---- one discovery over one pair or many: the string tables grow pair
 * after pair, beads numbered across pairs; where each bead is, for the
 * locations in the notes */

typedef struct {
    size_t doc;           /* index into names */
    int line;             /* the bead's first Chinese line */
} S_where;

struct enf_discovery {
    const enf_glossary *g;
    const enf_lexicon *lx;
    S_tab et, zt;
    size_t nb;            /* beads so far */
    S_where *where;
    size_t cap_where;
    char **names;         /* the Chinese files, as named */
    size_t n_names, cap_names;
};

int enf_discovery_new(const enf_glossary *g, const enf_lexicon *lx, enf_discovery **out, enf_error *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return enf_error_set(err, ENF_ENOMEM, "discover: out of memory");
    (*out)->g = g;
    (*out)->lx = lx;
    return ENF_OK;
}

void enf_discovery_free(enf_discovery *d)
{
    if (!d)
        return;
    S_tab_free(&d->et);
    S_tab_free(&d->zt);
    free(d->where);
    for (size_t i = 0; i < d->n_names; i++)
        free(d->names[i]);
    free(d->names);
    free(d);
}

int enf_discovery_add(enf_discovery *d, const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
                      enf_error *err)
{
    const enf_glossary *g = d->g;
    S_tab *etp = &d->et, *ztp = &d->zt;
    int rc = ENF_OK;
    char *name = strdup(zh->name ? zh->name : "");
    if (!name || enf__grow((void **)&d->names, &d->cap_names, d->n_names + 1, sizeof *d->names)) {
        free(name);
        return enf_error_set(err, ENF_ENOMEM, "discover: out of memory");
    }
    d->names[d->n_names++] = name;
    size_t base = d->nb;
    size_t nb = al->n_beads;
    if (enf__grow((void **)&d->where, &d->cap_where, base + nb + 1, sizeof *d->where))
        return enf_error_set(err, ENF_ENOMEM, "discover: out of memory");
    for (size_t j = 0; j < nb; j++) {
        const enf_bead *bd = &al->beads[j];
        d->where[base + j].doc = d->n_names - 1;
        d->where[base + j].line = bd->n_zh ? zh->blocks[bd->zh].start_line : 0;
    }
    d->nb += nb;
    for (size_t j = 0; j < nb && rc == ENF_OK; j++) {
        const enf_bead *bd = &al->beads[j];
        size_t i = base + j;
        if (!bd->n_en || !bd->n_zh)
            continue;
        /* each block of the bead, English side then Chinese side, with its
         * markup and known terms masked out */
        for (size_t k = 0; k < bd->n_en + bd->n_zh && rc == ENF_OK; k++) {
            int zh_side = k >= bd->n_en;
            const enf_doc *dd = zh_side ? zh : en;
            size_t b = zh_side ? bd->zh + (k - bd->n_en) : bd->en + k;
            const enf_block *blk = &dd->blocks[b];
            if (blk->kind == ENF_BLOCK_CODE)
                continue;
            unsigned char *m = malloc(blk->src_len + 1);
            if (!m) {
                rc = ENF_ENOMEM;
                break;
            }
            const char *src = dd->data + blk->src_off;
            enf__mask_markup(src, blk->src_len, m);
            if ((zh_side && S_mask_known(g, 1, src, blk->src_len, m)) ||
                S_mask_known(g, 0, src, blk->src_len, m) ||
                (zh_side ? S_zh_block(ztp, dd, b, m, i) : S_en_block(etp, dd, b, m, i)) ||
                /* English kept verbatim inside the Chinese */
                (zh_side && S_en_block(ztp, dd, b, m, i)))
                rc = ENF_ENOMEM;
            free(m);
        }
    }
    return rc ? enf_error_set(err, rc, "discover: out of memory") : ENF_OK;
}

/* "zh/a.md:12" for bead b, into buf. */
static const char *S_at(const enf_discovery *d, size_t b, char *buf, size_t sz)
{
    snprintf(buf, sz, "%s:%d", d->names[d->where[b].doc], d->where[b].line);
    return buf;
}

/* The first bead both strings occur in (their bead lists are ascending). */
static size_t S_first_common(const S_str *a, const S_str *b)
{
    for (size_t i = 0, j = 0; i < a->n_beads && j < b->n_beads;) {
        if (a->beads[i] == b->beads[j])
            return a->beads[i];
        if (a->beads[i] < b->beads[j])
            i++;
        else
            j++;
    }
    return (size_t)-1;
}

int enf_discovery_write(enf_discovery *d, size_t max_terms, FILE *f, enf_error *err)
{
    if (!max_terms)
        max_terms = 100;
    const enf_glossary *g = d->g;
    const enf_lexicon *lx = d->lx;
    S_tab et = d->et, zt = d->zt;
    size_t nb = d->nb;
    int rc = ENF_OK;
    S_prop *props = NULL;
    size_t np = 0;
    if (rc == ENF_OK)
        props = calloc(et.n ? et.n : 1, sizeof *props);
    if (rc == ENF_OK && !props)
        rc = ENF_ENOMEM;
    /* bead -> zh ids occurring there */
    size_t *zstart = NULL, *zids = NULL;
    if (rc == ENF_OK) {
        zstart = calloc(nb + 1, sizeof *zstart);
        size_t total = 0;
        for (size_t z = 0; z < zt.n; z++)
            total += zt.v[z].n_beads;
        zids = malloc((total ? total : 1) * sizeof *zids);
        if (!zstart || !zids)
            rc = ENF_ENOMEM;
        else {
            for (size_t z = 0; z < zt.n; z++)
                for (size_t k = 0; k < zt.v[z].n_beads; k++)
                    zstart[zt.v[z].beads[k] + 1]++;
            for (size_t i = 0; i < nb; i++)
                zstart[i + 1] += zstart[i];
            size_t *fill = calloc(nb + 1, sizeof *fill);
            if (!fill)
                rc = ENF_ENOMEM;
            else {
                for (size_t z = 0; z < zt.n; z++)
                    for (size_t k = 0; k < zt.v[z].n_beads; k++) {
                        size_t bb = zt.v[z].beads[k];
                        zids[zstart[bb] + fill[bb]++] = z;
                    }
                free(fill);
            }
        }
    }
    size_t *cnt = rc == ENF_OK ? calloc(zt.n ? zt.n : 1, sizeof *cnt) : NULL;
    if (rc == ENF_OK && !cnt)
        rc = ENF_ENOMEM;
    for (size_t e = 0; e < et.n && rc == ENF_OK; e++) {
        const S_str *x = &et.v[e];
        if (x->n_beads < 2)
            continue;
        /* already in the glossary? */
        if (g) {
            enf_match *m = NULL;
            size_t nm = 0;
            enf__glossary_match_masked(g, 0, x->s, strlen(x->s), NULL, &m, &nm);
            int known = nm == 1 && m[0].off == 0 && m[0].len == strlen(x->s);
            free(m);
            if (known)
                continue;
        }
        S_prop p = {(long)e, {-1, -1, -1}, {0, 0, 0}, 0, 0, 0};
        double best[3] = {0, 0, 0};
        for (size_t k = 0; k < x->n_beads; k++) {
            size_t bb = x->beads[k];
            for (size_t q = zstart[bb]; q < zstart[bb + 1]; q++)
                cnt[zids[q]]++;
        }
        for (size_t k = 0; k < x->n_beads; k++) {
            size_t bb = x->beads[k];
            for (size_t q = zstart[bb]; q < zstart[bb + 1]; q++) {
                size_t z = zids[q];
                if (!cnt[z])
                    continue;
                size_t co = cnt[z];
                cnt[z] = 0;
                const S_str *y = &zt.v[z];
                /* a rendering is about as long as the term: no more words
                 * than it plus one (not a clause around it) */
                if (y->words > x->words + 1)
                    continue;
                /* the candidate must mostly occur where the term does, and
                 * the term mostly where the candidate does */
                double prec = (double)co / (double)y->n_beads, rec = (double)co / (double)x->n_beads;
                if (co < 1 || prec < 0.6 || (rec < 0.5 && co < 2))
                    continue;
                double dice = 2.0 * (double)co / (double)(x->n_beads + y->n_beads);
                dice += 0.001 * (double)strlen(y->s);   /* longer strings break ties */
                if (!strcmp(y->s, x->s))
                    dice += 0.5;
                for (int r = 0; r < 3; r++)
                    if (dice > best[r]) {
                        /* a substring or superstring of a kept candidate is the same rendering */
                        int sub = 0;
                        for (int q2 = 0; q2 < 3; q2++)
                            if (p.zh[q2] >= 0 && (strstr(zt.v[p.zh[q2]].s, y->s) || strstr(y->s, zt.v[p.zh[q2]].s)))
                                sub = 1;
                        if (sub && r > 0)
                            break;
                        memmove(best + r + 1, best + r, (size_t)(2 - r) * sizeof *best);
                        memmove(p.zh + r + 1, p.zh + r, (size_t)(2 - r) * sizeof *p.zh);
                        best[r] = dice;
                        p.zh[r] = (long)z;
                        break;
                    }
            }
        }
        if (p.zh[0] < 0 || best[0] < 0.6)
            continue;
        for (int r = 0; r < 3; r++)
            if (p.zh[r] >= 0)
                p.co[r] = S_common(x, &zt.v[p.zh[r]]);
        if (p.co[0] < 2)
            continue;
        p.verbatim = !strcmp(zt.v[p.zh[0]].s, x->s);
        /* termhood: a single everyday word (lowercase, no digit, hyphen or
         * dot) is as likely plain vocabulary as a term; it needs its
         * rendering in three blocks, and as a name kept verbatim, a spelling
         * of its own (capitals) */
        int plain = x->words == 1 && x->orig && !strpbrk(x->orig, "0123456789-.");
        for (const char *q = x->orig ? x->orig : ""; plain && *q; q++)
            plain = !isupper((unsigned char)*q) || q == x->orig;
        if (plain && p.co[0] < 3)
            continue;
        /* with a dictionary, a translated term whose rendering is made of
         * dictionary words must have a word the dictionary pairs with one
         * of them (not: changes -> 任何, method -> 执行) */
        if (lx && !p.verbatim && S_linked(lx, x->s, zt.v[p.zh[0]].s) == 0)
            continue;
        /* rendered differently: a second candidate, unrelated to the first,
         * covers blocks the first misses */
        if (p.zh[1] >= 0 && p.co[1] >= 1 && p.co[0] < x->n_beads && p.co[0] + p.co[1] >= x->n_beads &&
            S_common(&zt.v[p.zh[0]], &zt.v[p.zh[1]]) == 0)
            p.differs = 1;
        else
            p.zh[1] = p.zh[2] = -1;
        /* rank: association, times the evidence (blocks), a little more
         * for a phrase or a name than for a plain word */
        p.score = best[0] * log2(1.0 + (double)p.co[0]) * (plain ? 1.0 : 1.25);
        props[np++] = p;
    }
    if (rc == ENF_OK) {
        /* keep the longest phrase of those with the same blocks and rendering */
        for (size_t i = 0; i < np; i++) {
            const S_str *x = &et.v[props[i].en];
            for (size_t k = 0; k < np && props[i].en >= 0; k++) {
                const S_str *y = k != i && props[k].en >= 0 ? &et.v[props[k].en] : NULL;
                if (y && y->n_beads == x->n_beads && strlen(y->s) > strlen(x->s) && strstr(y->s, x->s) &&
                    props[k].zh[0] == props[i].zh[0])
                    props[i].en = -1;
            }
        }
        /* a part of a phrase that occurs (nearly) only inside it: the phrase
         * is the term (Scope in Gemma Scope) */
        for (size_t i = 0; i < np; i++) {
            if (props[i].en < 0)
                continue;
            const S_str *x = &et.v[props[i].en];
            for (size_t k = 0; k < np; k++) {
                if (k == i || props[k].en < 0)
                    continue;
                const S_str *y = &et.v[props[k].en];
                if (y->words > x->words && S_has_words(y->s, x->s) &&
                    (double)S_common(x, y) >= 0.8 * (double)x->n_beads) {
                    props[i].en = -1;
                    break;
                }
            }
        }
        size_t w = 0;
        for (size_t i = 0; i < np; i++)
            if (props[i].en >= 0)
                props[w++] = props[i];
        np = w;
        qsort(props, np, sizeof *props, S_cmp_prop);
        /* competitive linking: a rendering belongs to the term it is best
         * evidence for; a weaker term it was also found for (property
         * beside computed property, both 计算属性) is dropped */
        w = 0;
        for (size_t i = 0; i < np; i++) {
            int taken = 0;
            for (size_t k = 0; k < w && !taken; k++)
                taken = props[k].zh[0] == props[i].zh[0] && !props[i].verbatim;
            if (!taken)
                props[w++] = props[i];
        }
        np = w;
        fputs("en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\n", f);
        for (size_t i = 0; i < np && i < max_terms; i++) {
            const S_prop *p = &props[i];
            const S_str *x = &et.v[p->en];
            fprintf(f, "%s\t", x->orig ? x->orig : x->s);
            int first = 1, kept = 0;
            for (int r = 0; r < 3; r++) {
                if (p->zh[r] < 0 || (r > 0 && !p->differs))
                    continue;
                if (!strcmp(zt.v[p->zh[r]].s, x->s)) {
                    kept = 1;   /* the English itself, kept in the Chinese */
                    continue;
                }
                fprintf(f, "%s%s", first ? "" : "|", zt.v[p->zh[r]].orig ? zt.v[p->zh[r]].orig : zt.v[p->zh[r]].s);
                first = 0;
            }
            /* a name never translated is a verbatim entry (must: no
             * rendering to give); kept beside a translation, ok */
            fprintf(f, "\t%s\t\t\t\tdiscovered: in %zu blocks;",
                    kept && first ? "must" : kept ? "ok" : "", x->n_beads);
            char at[600];
            for (int r = 0; r < 3; r++)
                if (p->zh[r] >= 0) {
                    const S_str *y = &zt.v[p->zh[r]];
                    fprintf(f, " %s in %zu", y->orig ? y->orig : y->s, p->co[r]);
                    /* where, when the blocks come from more than one file
                     * or the term is rendered differently */
                    size_t fb = S_first_common(x, y);
                    if (fb != (size_t)-1 && (d->n_names > 1 || p->differs))
                        fprintf(f, " (first %s)", S_at(d, fb, at, sizeof at));
                    fputc(';', f);
                }
            fputs(p->differs ? " rendered differently\n" : "\n", f);
        }
    }
    free(cnt);
    free(zstart);
    free(zids);
    free(props);
    if (rc)
        return enf_error_set(err, rc, "discover: out of memory");
    return ferror(f) ? enf_error_set(err, ENF_EIO, "write error") : ENF_OK;
}

int enf_discover_dict(const enf_doc *en, const enf_doc *zh, const enf_alignment *al,
                      const enf_glossary *g, const enf_lexicon *lx, size_t max_terms, FILE *f,
                      enf_error *err)
{
    enf_discovery *d = NULL;
    int rc = enf_discovery_new(g, lx, &d, err);
    if (rc == ENF_OK)
        rc = enf_discovery_add(d, en, zh, al, err);
    if (rc == ENF_OK)
        rc = enf_discovery_write(d, max_terms, f, err);
    enf_discovery_free(d);
    return rc;
}

int enf_discover(const enf_doc *en, const enf_doc *zh, const enf_alignment *al, const enf_glossary *g,
                 size_t max_terms, FILE *f, enf_error *err)
{
    return enf_discover_dict(en, zh, al, g, NULL, max_terms, f, err);
}
