/* check_code.c — code.changed and code.translated: code blocks of an
 * aligned pair compared line by line, comments and string literals apart
 * (by the fence's language), so that a block whose only differences are
 * translated comments and strings is one note and changed code an error;
 * and inline code spans compared as multisets (an original span missing
 * while the translation has a new one), the spans the reader recorded
 * (enf_block.inlines). */
#include "check_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- what a code line is made of: code, comments, strings
 *
 * Each line is lexed (with the state carried over from the line before:
 * a block comment, a triple-quoted string, a tag) into a skeleton, its
 * code without white space, comments dropped and every string literal (or
 * run of text) replaced by S_MARK, and the list of those strings.  Two
 * lines are paired when their skeletons are equal; a pair that differs
 * only in comments, or in strings whose Chinese side holds Chinese, is a
 * translation (code.translated), anything else changed code. */

#define S_MARK '\x01'

enum {
    S_HASH = 0x001,    /* # to the end of the line (after white space) */
    S_SLASH = 0x002,   /* // */
    S_BLOCK = 0x004,   /* slash-star ... star-slash */
    S_HTMLC = 0x008,   /* <!-- ... --> */
    S_DASH = 0x010,    /* -- (after white space) */
    S_DQ = 0x020,      /* "..." on one line */
    S_SQ = 0x040,      /* '...' on one line */
    S_BQ = 0x080,      /* `...`, may span lines */
    S_TRIPLE = 0x100,  /* Python's triple quotes, may span lines */
    S_TEXT = 0x200,    /* what is not a comment is text (a prompt, output) */
    S_MARKUP = 0x400,  /* text outside <tags> and {{ }} is text */
};

#define S_C (S_SLASH | S_BLOCK | S_DQ | S_SQ)
#define S_UNKNOWN (S_HASH | S_SLASH | S_BLOCK | S_HTMLC | S_DQ | S_SQ)

static const struct {
    const char *names;   /* space-separated fence info words */
    unsigned flags;
} S_langs[] = {
    {" text txt plain plaintext prompt output log md markdown none ", S_HASH | S_SLASH | S_BLOCK | S_HTMLC | S_TEXT},
    {" python py python3 ", S_HASH | S_DQ | S_SQ | S_TRIPLE},
    {" sh bash shell zsh console shellsession yaml yml toml ruby rb r perl dockerfile makefile cmake "
     "elixir ex exs julia powershell ps1 nginx conf ini gitignore ",
     S_HASH | S_DQ | S_SQ},
    {" js javascript mjs cjs ts typescript jsx tsx go ", S_C | S_BQ},
    {" c cpp c++ h hpp cc cs csharp java rust rs swift kotlin kt scala dart groovy zig json5 jsonc ", S_C},
    {" php ", S_C | S_HASH},
    {" css ", S_BLOCK | S_DQ | S_SQ},
    {" scss less sass ", S_BLOCK | S_SLASH | S_DQ | S_SQ},
    {" json ", S_DQ},
    /* with script and style inside: their comments too */
    {" html htm vue vue-html template xhtml ", S_HTMLC | S_SLASH | S_BLOCK | S_DQ | S_SQ | S_MARKUP},
    {" xml svg ", S_HTMLC | S_DQ | S_SQ | S_MARKUP},
    {" sql lua haskell hs elm ", S_DASH | S_DQ | S_SQ},
};

/* The lexing flags of code block b: by its fence's info word; a fence
 * without one holds text (0 is returned: the other side's language
 * decides, S_pair_lang), an indented or HTML block unknown code. */
static unsigned S_lang(const enf_doc *d, size_t b)
{
    const char *s = enf__blk_src(d, b);
    size_t n = d->blocks[b].src_len, i = 0;
    while (i < n && s[i] == ' ')
        i++;
    if (i >= n || (s[i] != '`' && s[i] != '~'))
        return S_UNKNOWN;
    char f = s[i];
    while (i < n && s[i] == f)
        i++;
    while (i < n && s[i] == ' ')
        i++;
    char w[32];
    size_t k = 0;
    w[k++] = ' ';
    while (i < n && k < sizeof w - 2 && s[i] != '\n' && s[i] != ' ' && s[i] != '{' && s[i] != ',') {
        char ch = s[i++];
        w[k++] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    w[k++] = ' ';
    w[k] = '\0';
    if (k == 2)
        return 0;
    for (size_t l = 0; l < sizeof S_langs / sizeof *S_langs; l++)
        if (strstr(S_langs[l].names, w))
            return S_langs[l].flags;
    return S_UNKNOWN;
}

typedef struct {
    const char *s;
    size_t len;      /* the line without its newline */
    int line;        /* file line */
    size_t sk, sk_len;   /* skeleton: bytes of S_code.skel */
    size_t str, n_str;   /* strings: entries of S_code.strs */
    int soft;        /* nothing but comments and strings (or text) */
} S_line;

typedef struct {
    const char *p;
    size_t n;
} S_str;

typedef struct {
    S_line *v;
    size_t n;
    char *skel;
    size_t skel_n;
    S_str *strs;
    size_t n_strs, cap_strs;
} S_code;

/* The lexer's state between lines. */
typedef struct {
    enum { S_IN_CODE, S_IN_BLOCK, S_IN_HTMLC, S_IN_STR } st;
    char q;          /* S_IN_STR: the quote */
    int triple;      /* S_IN_STR: three quotes */
    int tag, interp; /* S_MARKUP: inside <...>, inside {{ }} */
} S_lexst;

static int S_add_str(S_code *c, const char *p, size_t n)
{
    if (enf__grow((void **)&c->strs, &c->cap_strs, c->n_strs + 1, sizeof *c->strs))
        return -1;
    c->strs[c->n_strs++] = (S_str){p, n};
    c->skel[c->skel_n++] = S_MARK;
    return 0;
}

static int S_ws(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* The end of a string from i (just after its opening quote), or (size_t)-1
 * when it does not end on this line. */
static size_t S_str_end(const char *s, size_t n, size_t i, char q, int triple)
{
    for (; i < n; i++) {
        if (s[i] == '\\') {
            i++;
            continue;
        }
        if (s[i] == q && (!triple || (i + 2 < n && s[i + 1] == q && s[i + 2] == q)))
            return i;
    }
    return (size_t)-1;
}

/* A run of text s[a..b) as a string, white space trimmed (none if blank). */
static int S_text_run(S_code *c, const char *s, size_t a, size_t b)
{
    while (a < b && S_ws(s[a]))
        a++;
    while (b > a && S_ws(s[b - 1]))
        b--;
    return b > a ? S_add_str(c, s + a, b - a) : 0;
}

/* Lex one line into c (its skeleton and strings); ls carries over. */
static int S_lex_line(S_code *c, unsigned fl, S_lexst *ls, S_line *ln)
{
    const char *s = ln->s;
    size_t n = ln->len, i = 0, text = (size_t)-1;   /* text: start of a text run */
    ln->sk = c->skel_n;
    ln->str = c->n_strs;
    int rc = 0;
    while (i < n && rc == 0) {
        if (ls->st == S_IN_BLOCK || ls->st == S_IN_HTMLC) {
            const char *end = ls->st == S_IN_BLOCK ? "*/" : "-->";
            size_t el = strlen(end), k = i;
            while (k + el <= n && memcmp(s + k, end, el))
                k++;
            if (k + el > n) {
                i = n;
                break;
            }
            i = k + el;
            ls->st = S_IN_CODE;
            continue;
        }
        if (ls->st == S_IN_STR) {
            size_t e = S_str_end(s, n, i, ls->q, ls->triple);
            size_t stop = e == (size_t)-1 ? n : e;
            if (S_add_str(c, s + i, stop - i))
                rc = -1;
            if (e == (size_t)-1) {
                i = n;
                break;
            }
            i = e + (ls->triple ? 3 : 1);
            ls->st = S_IN_CODE;
            continue;
        }
        char ch = s[i];
        int after_ws = i == 0 || S_ws(s[i - 1]);
        int in_text = (fl & S_TEXT) || ((fl & S_MARKUP) && !ls->tag && !ls->interp);
        /* comments */
        if (((fl & S_HASH) && ch == '#' && after_ws) ||
            ((fl & S_DASH) && ch == '-' && after_ws && i + 1 < n && s[i + 1] == '-') ||
            ((fl & S_SLASH) && ch == '/' && i + 1 < n && s[i + 1] == '/' &&
             (i == 0 || strchr(" \t;,){}", s[i - 1])))) {
            break;   /* a comment to the end of the line */
        }
        if ((fl & S_BLOCK) && ch == '/' && i + 1 < n && s[i + 1] == '*') {
            if (text != (size_t)-1 && S_text_run(c, s, text, i))
                rc = -1;
            text = (size_t)-1;
            ls->st = S_IN_BLOCK;
            i += 2;
            continue;
        }
        if ((fl & S_HTMLC) && ch == '<' && i + 3 < n && !memcmp(s + i, "<!--", 4)) {
            if (text != (size_t)-1 && S_text_run(c, s, text, i))
                rc = -1;
            text = (size_t)-1;
            ls->st = S_IN_HTMLC;
            i += 4;
            continue;
        }
        if (in_text) {
            int tag = (fl & S_MARKUP) && ch == '<' && i + 1 < n &&
                      ((s[i + 1] >= 'a' && s[i + 1] <= 'z') || (s[i + 1] >= 'A' && s[i + 1] <= 'Z') ||
                       s[i + 1] == '/' || s[i + 1] == '!');
            int interp = (fl & S_MARKUP) && ch == '{' && i + 1 < n && s[i + 1] == '{';
            if (!tag && !interp) {
                if (text == (size_t)-1)
                    text = i;
                i++;
                continue;
            }
            if (text != (size_t)-1 && S_text_run(c, s, text, i))
                rc = -1;
            text = (size_t)-1;
            if (tag)
                ls->tag = 1;
            else
                ls->interp = 1;
            c->skel[c->skel_n++] = ch;
            i++;
            continue;
        }
        /* code: strings, the end of a tag or interpolation, characters */
        if ((fl & S_TRIPLE) && (ch == '"' || ch == '\'') && i + 2 < n && s[i + 1] == ch && s[i + 2] == ch) {
            ls->st = S_IN_STR;
            ls->q = ch;
            ls->triple = 1;
            i += 3;
            continue;
        }
        if (((fl & S_DQ) && ch == '"') || ((fl & S_SQ) && ch == '\'') || ((fl & S_BQ) && ch == '`')) {
            int spans = ch == '`' || ((fl & S_MARKUP) && ls->tag);
            if (spans || S_str_end(s, n, i + 1, ch, 0) != (size_t)-1) {
                ls->st = S_IN_STR;
                ls->q = ch;
                ls->triple = 0;
                i++;
                continue;
            }
        }
        if ((fl & S_MARKUP) && ls->tag && ch == '>')
            ls->tag = 0;
        if ((fl & S_MARKUP) && ls->interp && ch == '}' && i + 1 < n && s[i + 1] == '}') {
            ls->interp = 0;
            c->skel[c->skel_n++] = '}';
            i++;
        }
        if (!S_ws(ch))
            c->skel[c->skel_n++] = ch;
        i++;
    }
    if (text != (size_t)-1 && rc == 0 && S_text_run(c, s, text, i < n ? i : n))
        rc = -1;
    ln->sk_len = c->skel_n - ln->sk;
    ln->n_str = c->n_strs - ln->str;
    ln->soft = 1;
    for (size_t k = ln->sk; k < c->skel_n; k++)
        if (c->skel[k] != S_MARK)
            ln->soft = 0;
    return rc;
}

/* First line of a code block's content in the file. */
static int S_first_line(const enf_doc *d, size_t b)
{
    const char *s = enf__blk_src(d, b);
    size_t n = d->blocks[b].src_len;
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    if (i < n && (s[i] == '`' || s[i] == '~'))
        return d->blocks[b].start_line + 1;
    return d->blocks[b].start_line;
}

/* Byte offset in d->data where line `line` starts (line >= block start). */
static size_t S_line_off(const enf_doc *d, size_t b, int line)
{
    size_t off = d->blocks[b].src_off;
    int ln = d->blocks[b].start_line;
    while (ln < line && off < d->len) {
        if (d->data[off] == '\n')
            ln++;
        off++;
    }
    while (off < d->len && d->data[off] == ' ' && off + 1 < d->len)
        off++;
    return off;
}

/* Both sides are lexed alike: by the original's language, or the
 * translation's when only it names one (a translator adding "python" to a
 * bare fence changes nothing). */
static unsigned S_pair_lang(const enf_doc *en, size_t eb, const enf_doc *zh, size_t zb)
{
    unsigned fl = S_lang(en, eb);
    if (!fl)
        fl = S_lang(zh, zb);
    return fl ? fl : S_langs[0].flags;
}

/* The non-blank lines of code block b, lexed with flags fl. */
static int S_read_code(const enf_doc *d, size_t b, unsigned fl, S_code *c)
{
    const enf_block *blk = &d->blocks[b];
    memset(c, 0, sizeof *c);
    size_t cap = 16;
    c->v = malloc(cap * sizeof *c->v);
    /* a skeleton is never longer than its line (a mark stands for at
     * least one quote or character) */
    c->skel = malloc(blk->text_len + 1);
    if (!c->v || !c->skel)
        return -1;
    S_lexst ls = {S_IN_CODE, 0, 0, 0, 0};
    int ln = S_first_line(d, b);
    for (const char *p = blk->text, *end = blk->text + blk->text_len; p <= end; ln++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        size_t k = 0;
        while (p + k < e && (p[k] == ' ' || p[k] == '\t'))
            k++;
        if (p + k < e) {
            if (enf__grow((void **)&c->v, &cap, c->n + 1, sizeof *c->v))
                return -1;
            S_line *x = &c->v[c->n++];
            x->s = p;
            x->len = (size_t)(e - p);
            x->line = ln;
            if (S_lex_line(c, fl, &ls, x))
                return -1;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    return 0;
}

static void S_code_free(S_code *c)
{
    free(c->v);
    free(c->skel);
    free(c->strs);
}

static int S_same_skel(const S_code *a, const S_line *x, const S_code *b, const S_line *y)
{
    return x->sk_len == y->sk_len && !memcmp(a->skel + x->sk, b->skel + y->sk, x->sk_len);
}

/* Equal up to white space. */
static int S_same_text(const char *p, size_t pn, const char *q, size_t qn)
{
    const char *pe = p + pn, *qe = q + qn;
    for (;;) {
        while (p < pe && S_ws(*p))
            p++;
        while (q < qe && S_ws(*q))
            q++;
        if (p == pe || q == qe)
            return p == pe && q == qe;
        if (*p++ != *q++)
            return 0;
    }
}

/* How much pairing lines x and y is worth: 2 equal, 1 equal skeletons. */
static unsigned S_weight(const S_code *a, const S_line *x, const S_code *b, const S_line *y)
{
    if (!S_same_skel(a, x, b, y))
        return 0;
    return S_same_text(x->s, x->len, y->s, y->len) ? 2 : 1;
}

/* Chinese: Han characters or CJK punctuation ("Name："). */
static int S_has_han(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int adv;
        int cp = enf__utf8_decode(s + i, n - i, &adv);
        if (enf__is_han(cp) || enf__is_cjk_punct(cp))
            return 1;
        i += adv > 0 ? (size_t)adv : 1;
    }
    return 0;
}

/* A string of the translation that differs is translated when it holds
 * Chinese; else the program's data changed. */
static int S_str_translated(const S_str *e, const S_str *z)
{
    return S_same_text(e->p, e->n, z->p, z->n) || S_has_han(z->p, z->n);
}

/* What a paired line is: 0 the same, 1 translated, 2 changed. */
static int S_pair_kind(const S_code *ec, const S_line *e, const S_code *zc, const S_line *z)
{
    if (S_same_text(e->s, e->len, z->s, z->len))
        return 0;
    if (e->n_str != z->n_str)
        return 2;
    for (size_t k = 0; k < e->n_str; k++)
        if (!S_str_translated(&ec->strs[e->str + k], &zc->strs[z->str + k]))
            return 2;
    return 1;
}

/* An unpaired line of the translation is translated when it is only a
 * comment, or only strings one of which holds Chinese (a prompt or a
 * comment re-wrapped into more lines). */
static int S_zh_soft(const S_code *zc, const S_line *z)
{
    if (!z->soft)
        return 0;
    if (!z->n_str)
        return 1;
    for (size_t k = 0; k < z->n_str; k++)
        if (S_has_han(zc->strs[z->str + k].p, zc->strs[z->str + k].n))
            return 1;
    return 0;
}

#define S_LCS_MAX 2000

/* At most 150 bytes of s into dst, cut on a whole character. */
static void S_cut(char *dst, const char *s, size_t n)
{
    if (n > 150) {
        n = 150;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, s, n);
    dst[n] = '\0';
}

static int S_blocks(enf__check_ctx *c, size_t eb, size_t zb)
{
    S_code ec, zc;
    int rc = ENF_OK, reported = 0;
    unsigned fl = S_pair_lang(c->en, eb, c->zh, zb);
    int bad_read = S_read_code(c->en, eb, fl, &ec);
    bad_read |= S_read_code(c->zh, zb, fl, &zc);
    if (bad_read) {
        S_code_free(&ec);
        S_code_free(&zc);
        return ENF_ENOMEM;
    }
    S_line *el = ec.v, *zl = zc.v;
    size_t ne = ec.n, nz = zc.n;
    /* pair lines by their skeletons */
    size_t *ematch = malloc((ne + 1) * sizeof *ematch), *zmatch = malloc((nz + 1) * sizeof *zmatch);
    unsigned char *ebad = calloc(ne + 1, 1), *zbad = calloc(nz + 1, 1);
    unsigned short *t = NULL;
    if (ne <= S_LCS_MAX && nz <= S_LCS_MAX)
        t = calloc((ne + 1) * (nz + 1), sizeof *t);
    if (!ematch || !zmatch || !t || !ebad || !zbad) {
        free(ematch);
        free(zmatch);
        free(ebad);
        free(zbad);
        free(t);
        S_code_free(&ec);
        S_code_free(&zc);
        return ne > S_LCS_MAX || nz > S_LCS_MAX ? ENF_OK : ENF_ENOMEM;
    }
    /* a heaviest common subsequence: equal lines weigh 2, lines of equal
     * skeleton 1, so that the lines kept as they were anchor the pairing
     * of the translated ones (a prompt re-wrapped around them) */
#define T(i, j) t[(i) * (nz + 1) + (j)]
    for (size_t i = ne; i-- > 0;)
        for (size_t j = nz; j-- > 0;) {
            unsigned w = S_weight(&ec, &el[i], &zc, &zl[j]);
            unsigned best = T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
            if (w && w + T(i + 1, j + 1) > best)
                best = w + T(i + 1, j + 1);
            T(i, j) = (unsigned short)best;
        }
    for (size_t i = 0; i < ne; i++)
        ematch[i] = (size_t)-1;
    for (size_t j = 0; j < nz; j++)
        zmatch[j] = (size_t)-1;
    for (size_t i = 0, j = 0; i < ne && j < nz;) {
        unsigned w = S_weight(&ec, &el[i], &zc, &zl[j]);
        if (w && T(i, j) == w + T(i + 1, j + 1)) {
            ematch[i] = j;
            zmatch[j] = i;
            i++;
            j++;
        } else if (T(i + 1, j) >= T(i, j + 1)) {
            i++;
        } else {
            j++;
        }
    }
#undef T
    /* what each line is: a changed pair, or an unpaired line that is not a
     * comment or translated text, is a change; the first translated
     * Chinese line is kept for the note */
    size_t translated = 0, first_tr = (size_t)-1, changes = 0;
    for (size_t j = 0; j < nz; j++) {
        int k = zmatch[j] != (size_t)-1 ? S_pair_kind(&ec, &el[zmatch[j]], &zc, &zl[j])
                                        : S_zh_soft(&zc, &zl[j]) ? 1 : 2;
        if (k == 2) {
            zbad[j] = 1;
            changes++;
        } else if (k == 1) {
            translated++;
            if (first_tr == (size_t)-1)
                first_tr = j;
        }
    }
    for (size_t i = 0; i < ne; i++)
        if (ematch[i] == (size_t)-1) {
            if (!el[i].soft) {
                ebad[i] = 1;
                changes++;
            } else {
                translated++;
            }
        }
    /* walk both; report each changed Chinese line against its pair, or the
     * changed unpaired English line of the same gap (or the gap itself) */
    size_t i = 0;
    for (size_t j = 0; j < nz && rc == ENF_OK && reported < 5; j++) {
        if (zmatch[j] != (size_t)-1)
            i = zmatch[j] + 1;
        if (!zbad[j])
            continue;
        const S_line *e = NULL;
        if (zmatch[j] != (size_t)-1) {
            e = &el[zmatch[j]];
        } else {
            while (i < ne && ematch[i] == (size_t)-1 && !ebad[i])
                i++;
            if (i < ne && ematch[i] == (size_t)-1) {
                e = &el[i];
                ebad[i++] = 2;   /* reported with this line */
            }
        }
        char ef[160], zf[160];
        ef[0] = '\0';
        if (e)
            S_cut(ef, e->s, e->len);
        S_cut(zf, zl[j].s, zl[j].len);
        enf__where w = {ENF_RULE_CODE_CHANGED, {eb, zb},
                        {e ? S_line_off(c->en, eb, e->line) : (size_t)-1, S_line_off(c->zh, zb, zl[j].line)},
                        {0, 0}, NULL, e ? ef : NULL, zf};
        if (e)
            rc = enf__report(c, &w, "code line \"%s\" differs from the original's \"%s\" (line %d)", zf, ef,
                             e->line);
        else
            rc = enf__report(c, &w, "code line \"%s\" is not in the original", zf);
        reported++;
    }
    /* changed English lines with no counterpart at all */
    int zh_unpaired_bad = 0;
    for (size_t j = 0; j < nz; j++)
        if (zbad[j] && zmatch[j] == (size_t)-1)
            zh_unpaired_bad = 1;
    for (size_t q = 0; q < ne && rc == ENF_OK && reported < 5 && !zh_unpaired_bad; q++) {
        if (ebad[q] != 1)
            continue;
        char ef[160];
        S_cut(ef, el[q].s, el[q].len);
        enf__where w = {ENF_RULE_CODE_CHANGED, {eb, zb}, {S_line_off(c->en, eb, el[q].line), (size_t)-1},
                        {0, 0}, NULL, ef, NULL};
        rc = enf__report(c, &w, "code line \"%s\" (line %d of the original) is missing here", ef, el[q].line);
        reported++;
    }
    /* nothing but translated comments and strings: one note for the block */
    if (rc == ENF_OK && !changes && first_tr != (size_t)-1) {
        char zf[160], ef[160];
        const S_line *z = &zl[first_tr];
        const S_line *e = zmatch[first_tr] != (size_t)-1 ? &el[zmatch[first_tr]] : NULL;
        S_cut(zf, z->s, z->len);
        if (e)
            S_cut(ef, e->s, e->len);
        enf__where w = {ENF_RULE_CODE_TRANSLATED, {eb, zb},
                        {e ? S_line_off(c->en, eb, e->line) : (size_t)-1, S_line_off(c->zh, zb, z->line)},
                        {0, 0}, NULL, e ? ef : NULL, zf};
        rc = enf__report(c, &w,
                         "code differs from the original only in comments or strings (translated): "
                         "%zu line%s, first \"%s\"",
                         translated, translated == 1 ? "" : "s", zf);
    }
    free(ebad);
    free(zbad);
    free(t);
    free(ematch);
    free(zmatch);
    S_code_free(&ec);
    S_code_free(&zc);
    return rc;
}

typedef struct {
    size_t blk, off, len;
    int used;
} S_span;

/* The inline code of block b, as the reader recorded it: the content
 * between the backtick runs (or of an HTML <code>). */
static int S_spans(const enf_doc *d, size_t b, S_span **v, size_t *n, size_t *cap)
{
    const enf_block *blk = &d->blocks[b];
    if (blk->kind == ENF_BLOCK_CODE)
        return 0;
    for (size_t k = 0; k < blk->n_inlines; k++) {
        const enf_inline *x = &blk->inlines[k];
        if (x->kind != ENF_INLINE_CODE)
            continue;
        if (enf__grow((void **)v, cap, *n + 1, sizeof **v))
            return -1;
        S_span s = {b, x->inner_off, x->inner_len, 0};
        (*v)[(*n)++] = s;
    }
    return 0;
}

/* Inline code spans naming the same thing: equal, or equal once a
 * function's call parentheses (`h()` and `h`), a modifier's sigil
 * (`.number` and `number`) and trailing punctuation (`2.` and `2`) are
 * set aside.  `()` alone is not reduced to nothing. */
static void S_core(const char **s, size_t *n)
{
    const char *p = *s;
    size_t m = *n;
    if (m > 2 && !memcmp(p + m - 2, "()", 2))
        m -= 2;
    while (m > 1 && strchr(".,;:", p[m - 1]))
        m--;
    while (m > 1 && strchr(".@#:$", p[0])) {
        p++;
        m--;
    }
    *s = p;
    *n = m;
}

static int S_same_inline(const char *a, size_t an, const char *b, size_t bn)
{
    if (an == bn && !memcmp(a, b, an))
        return 1;
    S_core(&a, &an);
    S_core(&b, &bn);
    return an == bn && an && !memcmp(a, b, an);
}

/* Whether the n bytes at z occur in the plain text of one of the bead's
 * English blocks, white space aside: a span whose backticks the
 * translator moved (`num_nodes = 4` for `num_nodes` = 4) says what the
 * original says.  Bounded: a span's first 256 bytes, a block's first
 * 64 KiB. */
static int S_word(char ch)
{
    return isalnum((unsigned char)ch) || ch == '_';
}

/* h[i..] equals z[0..zn) white space aside, and ends at a word boundary */
static int S_ws_eq(const char *h, size_t hn, size_t i, const char *z, size_t zn)
{
    size_t k = 0;
    while (k < zn) {
        if (isspace((unsigned char)z[k])) {
            k++;
            continue;
        }
        while (i < hn && isspace((unsigned char)h[i]))
            i++;
        if (i >= hn || h[i] != z[k])
            return 0;
        i++;
        k++;
    }
    return i >= hn || !S_word(h[i]) || !S_word(z[zn - 1]);
}

static int S_in_text(const enf_doc *en, const enf_bead *bd, const char *z, size_t zn)
{
    zn = zn < 256 ? zn : 256;
    while (zn && isspace((unsigned char)*z)) {
        z++;
        zn--;
    }
    if (!zn)
        return 0;
    for (size_t k = 0; k < bd->n_en; k++) {
        const enf_block *b = &en->blocks[bd->en + k];
        size_t hn = b->text_len < 65536 ? b->text_len : 65536;
        for (size_t i = 0; i < hn; i++)
            if (b->text[i] == *z && (!i || !S_word(b->text[i - 1]) || !S_word(*z)) &&
                S_ws_eq(b->text, hn, i, z, zn))
                return 1;
    }
    return 0;
}

/* Whether two spans share an identifier (a run of [A-Za-z0-9_] of two or
 * more characters, not all digits): the test for setting one against the
 * other inside a bead of several blocks, where order says nothing. */
static int S_ident_at(const char *s, size_t n, size_t i, size_t *len)
{
    size_t j = i;
    int alpha = 0;
    while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_')) {
        alpha |= !isdigit((unsigned char)s[j]);
        j++;
    }
    *len = j - i;
    return *len >= 2 && alpha;
}

static int S_share_ident(const char *a, size_t an, const char *b, size_t bn)
{
    /* a span's head names it; bounding both keeps a long span cheap */
    an = an < 256 ? an : 256;
    bn = bn < 256 ? bn : 256;
    for (size_t i = 0; i < an;) {
        size_t l;
        if (!(isalnum((unsigned char)a[i]) || a[i] == '_')) {
            i++;
            continue;
        }
        if (S_ident_at(a, an, i, &l))
            for (size_t j = 0; j < bn;) {
                size_t m;
                if (!(isalnum((unsigned char)b[j]) || b[j] == '_')) {
                    j++;
                    continue;
                }
                if (S_ident_at(b, bn, j, &m) && m == l && !memcmp(a + i, b + j, l))
                    return 1;
                j += m ? m : 1;
            }
        i += l ? l : 1;
    }
    return 0;
}

int enf__check_code(enf__check_ctx *c)
{
    if (!enf__rule_on(c, ENF_RULE_CODE_CHANGED) && !enf__rule_on(c, ENF_RULE_CODE_TRANSLATED))
        return ENF_OK;
    int rc = ENF_OK;
    for (size_t i = 0; i < c->al->n_beads && rc == ENF_OK; i++) {
        const enf_bead *bd = &c->al->beads[i];
        if (!bd->n_en || !bd->n_zh)
            continue;
        /* code blocks, paired in order */
        size_t zk = 0;
        for (size_t k = 0; k < bd->n_en && rc == ENF_OK; k++) {
            size_t eb = bd->en + k;
            if (c->en->blocks[eb].kind != ENF_BLOCK_CODE)
                continue;
            while (zk < bd->n_zh && c->zh->blocks[bd->zh + zk].kind != ENF_BLOCK_CODE)
                zk++;
            if (zk >= bd->n_zh)
                break;
            rc = S_blocks(c, eb, bd->zh + zk);
            zk++;
        }
        /* inline code */
        S_span *es = NULL, *zs = NULL;
        size_t en = 0, ec = 0, zn = 0, zc = 0;
        for (size_t k = 0; k < bd->n_en && rc == ENF_OK; k++)
            if (S_spans(c->en, bd->en + k, &es, &en, &ec))
                rc = ENF_ENOMEM;
        for (size_t k = 0; k < bd->n_zh && rc == ENF_OK; k++)
            if (S_spans(c->zh, bd->zh + k, &zs, &zn, &zc))
                rc = ENF_ENOMEM;
        for (size_t a = 0; a < en; a++)
            for (size_t b = 0; b < zn; b++)
                if (!zs[b].used && S_same_inline(c->en->data + es[a].off, es[a].len, c->zh->data + zs[b].off,
                                                 zs[b].len)) {
                    es[a].used = zs[b].used = 1;
                    break;
                }
        /* what is left is set against what is left in order; in a bead of
         * several blocks (a list the translator wrote as a paragraph, or
         * sections reordered) order says nothing, so only spans that share
         * an identifier are set against each other */
        int merged = bd->n_en > 1 || bd->n_zh > 1;
        if (merged && en * zn > 4096)
            en = 0;   /* too many to set against each other: say nothing */
        size_t zi = 0;
        for (size_t a = 0; a < en && rc == ENF_OK; a++) {
            if (es[a].used)
                continue;
            const char *ep = c->en->data + es[a].off;
            size_t zj = zi;
            while (zj < zn && (zs[zj].used || (merged && !S_share_ident(ep, es[a].len, c->zh->data + zs[zj].off,
                                                                           zs[zj].len))))
                zj++;
            if (zj >= zn) {
                if (merged)
                    continue;
                break;
            }
            S_span *y = &zs[zj];
            y->used = 1;
            if (!merged)
                zi = zj + 1;
            if (S_in_text(c->en, bd, c->zh->data + y->off, y->len))
                continue;
            char ef[160], zf[160];
            S_cut(ef, c->en->data + es[a].off, es[a].len);
            S_cut(zf, c->zh->data + y->off, y->len);
            /* a prompt or a label rendered in Chinese inside backticks */
            int tr = S_has_han(c->zh->data + y->off, y->len) && !S_has_han(c->en->data + es[a].off, es[a].len);
            enf__where w = {tr ? ENF_RULE_CODE_TRANSLATED : ENF_RULE_CODE_CHANGED, {es[a].blk, y->blk},
                            {es[a].off, y->off}, {es[a].len, y->len}, NULL, ef, zf};
            if (tr)
                rc = enf__report(c, &w, "inline code `%s` is the original's `%s` translated (line %d)", zf, ef,
                                 c->en->blocks[es[a].blk].start_line);
            else
                rc = enf__report(c, &w, "inline code `%s` differs from the original's `%s` (line %d)", zf, ef,
                                 c->en->blocks[es[a].blk].start_line);
        }
        free(es);
        free(zs);
    }
    return rc;
}
