/* md_dialect.c — the container syntax of documentation sites, turned into
 * the plain CommonMark cmark reads, with a map back to the source.
 *
 * MkDocs (Material) admonitions and content tabs put their content four
 * spaces in:
 *
 *     !!! note "Title"          ??? success "Answer"        === "Python"
 *
 *         Content.                  Content.                    ```python
 *                                                               ...
 * which CommonMark reads as one indented code block: prose becomes code and
 * every translated sentence a "changed code" error.  VitePress containers
 * (`::: tip Title` ... `:::`) are not indented, but their marker lines run
 * into the paragraph that follows.  Here each marker line becomes its title
 * alone (a paragraph of its own) or nothing, the content of an indented
 * container is fed four spaces less indented, and the rest is fed as is.
 *
 * The fed text is made of pieces of the source lines (a line's tail, a
 * title, or an empty line), plus empty lines inserted around a title, so a
 * position cmark gives (fed line i, column) maps back exactly: source line
 * `line[i]`, byte offset `start[i] + column - 1` in the source.  Markers are
 * recognised only at the start of a line of the current container, not
 * inside fenced code, and (for MkDocs) only before indented content.
 *
 * Docusaurus admonitions are VitePress's syntax (":::note Title", and
 * ":::note[Title]" since Docusaurus 3).  A line that is one Hugo shortcode
 * ("{{< note >}}", "{{% /tab %}}", the boxes and tabs of the Kubernetes
 * docs) is fed as an empty line: the box is no text, and its content is
 * a block of its own.  Shortcodes inside a line are left to the text.
 * MkDocs' pymdownx snippets (a line --8<-- "file.md", or a block of file
 * names between two --8<-- lines) are fed empty too: what the site shows
 * there is another file. */
#include "read_internal.h"

#include <stdlib.h>
#include <string.h>

#define S_MAX_NEST 64

typedef struct {
    enf__md_feed *f;
    const char *s;
    size_t cap;     /* lines the arrays hold */
} S_out;

/* Append a fed line: bytes [from, to) of the source, from source line
 * `line`.  The arrays and the text were sized for the worst case (three fed
 * lines per source line, the source bytes plus a newline each). */
static void S_emit(S_out *o, size_t line, size_t from, size_t to)
{
    enf__md_feed *f = o->f;
    if (f->n_lines >= o->cap)
        return; /* cannot happen: sized in enf__md_dialect */
    f->line[f->n_lines] = line;
    f->start[f->n_lines] = from;
    f->n_lines++;
    memcpy(f->text + f->len, o->s + from, to - from);
    f->len += to - from;
    f->text[f->len++] = '\n';
    f->text[f->len] = '\0';
}

/* Columns of indentation at s (tabs to the next multiple of 4), and the
 * bytes that make up the first `want` columns (or all of them). */
static size_t S_indent(const char *s, const char *end, size_t want, size_t *bytes)
{
    size_t col = 0;
    const char *p = s;
    *bytes = 0;
    while (p < end && (*p == ' ' || *p == '\t')) {
        size_t next = *p == '\t' ? (col / 4 + 1) * 4 : col + 1;
        if (next <= want)
            *bytes = (size_t)(p - s) + 1;
        col = next;
        p++;
    }
    return p < end ? col : (size_t)-1; /* -1: a blank line */
}

static int S_is(const char *p, const char *end, const char *lit)
{
    size_t n = strlen(lit);
    return (size_t)(end - p) >= n && !memcmp(p, lit, n);
}

static const char *S_skip_sp(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

static const char *S_rtrim(const char *p, const char *end)
{
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    return end;
}

static int S_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

/* A MkDocs marker at p: "!!! type", "??? type", "???+ type" with an
 * optional "title", or a tab '=== "label"'.  t..te: the title, or empty. */
static int S_mkdocs_marker(const char *p, const char *end, const char **t, const char **te)
{
    end = S_rtrim(p, end);
    const char *q;
    int tab = 0;
    if (S_is(p, end, "!!!") || S_is(p, end, "???")) {
        q = p + 3;
        if (q < end && *q == '+' && *p == '?')
            q++;
        if (q >= end || *q != ' ')
            return 0;
        q = S_skip_sp(q, end);
        const char *w = q;
        while (q < end && S_word_char(*q))
            q++;
        if (q == w)
            return 0;
        /* optional classes after the type: "!!! note inline end" */
        while (q < end && *q != '"') {
            if (*q != ' ' && !S_word_char(*q))
                return 0;
            q++;
        }
    } else if (S_is(p, end, "===")) {
        tab = 1;
        q = p + 3;
        if (q < end && *q == '+')
            q++;
        if (q >= end || *q != ' ')
            return 0;
        q = S_skip_sp(q, end);
    } else {
        return 0;
    }
    *t = *te = q;
    if (q == end)
        return !tab; /* a tab needs its label */
    if (*q != '"' || end - q < 2 || end[-1] != '"')
        return 0;
    *t = q + 1;
    *te = end - 1;
    if (tab)
        *t = *te; /* a tab label is not translated text */
    return 1;
}

/* A VitePress opener at p: ":::type title" / "::: type"; t..te: the title. */
static int S_vitepress_open(const char *p, const char *end, const char **t, const char **te)
{
    end = S_rtrim(p, end);
    if (!S_is(p, end, ":::"))
        return 0;
    const char *q = p + 3;
    while (q < end && *q == ':')
        q++;
    q = S_skip_sp(q, end);
    const char *w = q;
    while (q < end && S_word_char(*q))
        q++;
    if (q == w || (q < end && *q != ' ' && *q != '\t' && *q != '{' && *q != '['))
        return 0;
    if (q < end && *q == '[') {
        /* Docusaurus 3: ":::note[Title]" (then only attributes) */
        const char *rb = memchr(q, ']', (size_t)(end - q));
        if (!rb)
            return 0;
        *t = q + 1;
        *te = rb;
        return 1;
    }
    *t = S_skip_sp(q, end);
    *te = end;
    if (*t < *te && **t == '{') /* ":::tip {attrs}" */
        *t = *te;
    return 1;
}

/* A line that is one Hugo shortcode, "{{< note >}}", "{{% /tab %}}": it
 * opens or closes a box the site draws; it is no text. */
static int S_hugo_shortcode(const char *p, const char *end)
{
    end = S_rtrim(p, end);
    if (end - p < 6 || !(S_is(p, end, "{{<") || S_is(p, end, "{{%")))
        return 0;
    char close = p[2] == '<' ? '>' : '%';
    if (end[-3] != close || end[-2] != '}' || end[-1] != '}')
        return 0;
    for (const char *q = p + 3; q + 1 < end - 3; q++)
        if (q[0] == '{' && q[1] == '{')
            return 0;   /* two shortcodes, or one inside text */
    return 1;
}

/* pymdownx snippets (MkDocs): a line that is one include, --8<-- "file.md"
 * (1), or the fence of a block of file names, --8<-- alone (2); the marker
 * is one or more '-', "8<", one or more '-'.  The site shows the included
 * file there, which is not in this one: no text. */
static int S_snippet(const char *p, const char *end)
{
    end = S_rtrim(p, end);
    const char *q = p;
    while (q < end && *q == '-')
        q++;
    if (q == p || end - q < 3 || q[0] != '8' || q[1] != '<' || q[2] != '-')
        return 0;
    q += 2;
    while (q < end && *q == '-')
        q++;
    if (q == end)
        return 2;
    if (*q != ' ' && *q != '\t')
        return 0;
    q = S_skip_sp(q, end);
    char quote = q < end ? *q : 0;
    if ((quote != '"' && quote != '\'') || end - q < 3 || end[-1] != quote)
        return 0;
    for (const char *r = q + 1; r < end - 1; r++)
        if (*r == quote)
            return 0;   /* two quoted names, or text after the name */
    return 1;
}

static int S_vitepress_close(const char *p, const char *end)
{
    end = S_rtrim(p, end);
    const char *q = p;
    while (q < end && *q == ':')
        q++;
    return q - p >= 3 && q == end;
}

/* A fence opener: up to three spaces, then ``` or ~~~; its char and length. */
static int S_fence(const char *p, const char *end, char *ch, size_t *n)
{
    size_t sp = 0;
    while (p < end && *p == ' ' && sp < 4)
        p++, sp++;
    if (sp > 3 || p >= end || (*p != '`' && *p != '~'))
        return 0;
    const char *q = p;
    while (q < end && *q == *p)
        q++;
    if (q - p < 3)
        return 0;
    if (*p == '`' && memchr(q, '`', (size_t)(end - q)))
        return 0;
    *ch = *p;
    *n = (size_t)(q - p);
    return 1;
}

/* Whether the --8<-- fence on line i has its closing fence below, with
 * only file names (no blank line) between. */
static int S_snippet_block_closes(const char *s, size_t len, const size_t *ls, size_t nlines,
                                  size_t i)
{
    for (size_t j = i + 1; j < nlines; j++) {
        const char *p = s + ls[j], *e = s + ls[j + 1] - 1;
        if (e > s + len)
            e = s + len;
        p = S_skip_sp(p, e);
        if (p == S_rtrim(p, e))
            return 0;
        if (S_snippet(p, e) == 2)
            return 1;
    }
    return 0;
}

unsigned enf__md_dialects_of(enf_units units)
{
    switch (units) {
    case ENF_UNITS_COMMONMARK: return 0;
    case ENF_UNITS_MKDOCS: return ENF__MD_MKDOCS;
    case ENF_UNITS_VITEPRESS: return ENF__MD_CONTAINERS;
    case ENF_UNITS_HUGO: return ENF__MD_HUGO;
    default: return ENF__MD_ALL;
    }
}

int enf__md_dialect(const char *s, size_t len, const size_t *ls, size_t nlines, size_t first,
                    unsigned which, enf__md_feed *out, enf_error *err)
{
    memset(out, 0, sizeof *out);
    const int mk = (which & ENF__MD_MKDOCS) != 0, vpx = (which & ENF__MD_CONTAINERS) != 0,
              hugo = (which & ENF__MD_HUGO) != 0;
    /* cheap test first: most documents have no marker at all */
    int any = 0;
    for (size_t i = first; i < nlines && !any; i++) {
        const char *p = s + ls[i], *e = s + ls[i + 1] - 1;
        if (e > s + len)
            e = s + len;
        p = S_skip_sp(p, e);
        any = (mk && (S_is(p, e, "!!! ") || S_is(p, e, "??? ") || S_is(p, e, "???+ ") ||
                      S_is(p, e, "=== ") || S_snippet(p, e))) ||
              (vpx && S_is(p, e, ":::")) || (hugo && S_hugo_shortcode(p, e));
    }
    if (!any)
        return ENF_OK;

    size_t cap = 3 * nlines + 1;
    out->line = malloc(cap * sizeof *out->line);
    out->start = malloc(cap * sizeof *out->start);
    out->text = malloc(len + cap + 1);
    if (!out->line || !out->start || !out->text) {
        enf__md_feed_free(out);
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    out->text[0] = '\0';
    S_out o = {out, s, cap};
    for (size_t i = 0; i < first; i++)
        S_emit(&o, i, ls[i], ls[i]);
    size_t depth = 0;      /* open MkDocs containers: content 4*depth in */
    int vp = 0;            /* open VitePress containers */
    int fenced = 0;        /* inside fenced code (in the fed text) */
    char fch = 0;
    size_t flen = 0;
    size_t fence_depth = 0;
    int prev_blank = 1;
    int snippets = 0;      /* inside a --8<-- block of file names */
    for (size_t i = first; i < nlines; i++) {
        size_t lo = ls[i], hi = ls[i + 1] - 1;
        if (hi > len)
            hi = len;
        const char *p = s + lo, *e = s + hi;
        size_t strip;
        size_t ind = S_indent(p, e, 4 * depth, &strip);
        if (ind == (size_t)-1) {
            S_emit(&o, i, hi, hi);
            prev_blank = 1;
            continue;
        }
        while (depth > 0 && ind < 4 * depth) {
            depth--;
            if (fenced && fence_depth > depth)
                fenced = 0;
        }
        S_indent(p, e, 4 * depth, &strip);
        const char *r = p + strip;
        if (fenced) {
            char c2;
            size_t n2;
            if (S_fence(r, e, &c2, &n2) && c2 == fch && n2 >= flen && S_skip_sp(S_skip_sp(r, e) + n2, e) ==
                                                                        S_rtrim(r, e))
                fenced = 0;
            S_emit(&o, i, lo + strip, hi);
            prev_blank = 0;
            continue;
        }
        if (S_fence(r, e, &fch, &flen)) {
            fenced = 1;
            fence_depth = depth;
            S_emit(&o, i, lo + strip, hi);
            prev_blank = 0;
            continue;
        }
        const char *t, *te;
        if (mk && prev_blank && depth < S_MAX_NEST && S_mkdocs_marker(r, e, &t, &te)) {
            /* only before content indented one step further */
            size_t j = i + 1, dummy;
            size_t ni = (size_t)-1;
            while (j < nlines && (ni = S_indent(s + ls[j], s + ls[j + 1] - 1, 0, &dummy)) == (size_t)-1)
                j++;
            if (j < nlines && ni != (size_t)-1 && ni >= 4 * (depth + 1)) {
                if (t < te) {
                    S_emit(&o, i, (size_t)(t - s), (size_t)(te - s));
                    S_emit(&o, i, (size_t)(te - s), (size_t)(te - s));
                } else {
                    S_emit(&o, i, hi, hi);
                }
                depth++;
                prev_blank = 1;
                continue;
            }
        }
        int snip = mk ? S_snippet(r, e) : 0;
        if (snip == 2 && !snippets && !S_snippet_block_closes(s, len, ls, nlines, i))
            snip = 0;   /* a fence that nothing closes is text, not the rest of the file */
        if (snippets || snip) {
            /* an include, or the fence or a file name of a block of them */
            if (snip == 2)
                snippets = !snippets;
            S_emit(&o, i, hi, hi);
            prev_blank = 1;
            continue;
        }
        if (hugo && S_hugo_shortcode(r, e)) {
            S_emit(&o, i, hi, hi);
            prev_blank = 1;
            continue;
        }
        if (vpx && S_vitepress_open(r, e, &t, &te)) {
            if (t < te) {
                S_emit(&o, i, hi, hi);
                S_emit(&o, i, (size_t)(t - s), (size_t)(te - s));
            }
            S_emit(&o, i, hi, hi);
            vp++;
            prev_blank = 1;
            continue;
        }
        if (vp > 0 && S_vitepress_close(r, e)) {
            S_emit(&o, i, hi, hi);
            vp--;
            prev_blank = 1;
            continue;
        }
        S_emit(&o, i, lo + strip, hi);
        prev_blank = 0;
    }
    return ENF_OK;
}

void enf__md_feed_free(enf__md_feed *f)
{
    free(f->text);
    free(f->line);
    free(f->start);
    memset(f, 0, sizeof *f);
}
