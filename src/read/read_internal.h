/* read_internal.h — what the read wing lends the wings above it (not part
 * of the API): a whole file in memory with the input checks. */
#ifndef ENFACE_READ_INTERNAL_H
#define ENFACE_READ_INTERNAL_H

#include "enface/read.h"

/* The bytes of path ("-" = standard input) into a malloc'd *out: refuses
 * directories and files over ENF_MAX_INPUT_BYTES, and records the file for
 * the output guard (enf_inputs_track). */
int enf__read_whole_file(const char *path, char **out, size_t *outlen, enf_error *err);

/* The YAML front matter at the top of s: [*body, *end) lies between its
 * "---" lines (the closing one "---" or "..."); 0 when there is none. */
int enf__front_matter_bounds(const char *s, size_t len, size_t *body, size_t *end);

/* The text cmark reads for a Markdown document in a docs-site dialect
 * (MkDocs admonitions and tabs, VitePress containers; md_dialect.c), and
 * where each of its lines comes from.  text NULL: the source has no
 * container marker and is read as it is. */
typedef struct {
    char *text;
    size_t len;
    size_t n_lines;
    size_t *line;   /* the source line (0-based) of each fed line */
    size_t *start;  /* the source byte offset at which each fed line starts */
} enf__md_feed;

/* Which container syntaxes md_dialect.c reads (a mask). */
#define ENF__MD_MKDOCS 1u      /* !!! / ??? admonitions, === content tabs */
#define ENF__MD_CONTAINERS 2u  /* ::: containers: VitePress, Docusaurus */
#define ENF__MD_HUGO 4u        /* a line that is one {{< >}} / {{% %}} shortcode */
#define ENF__MD_ALL 7u

/* The mask for units (ENF_UNITS_MARKDOWN: all; COMMONMARK: none; a site's
 * units: that site's syntax). */
unsigned enf__md_dialects_of(enf_units units);

/* s/len: the document; ls/nlines its line starts (ls[nlines] = len + 1);
 * lines before `first` (the front matter) are fed empty; which: the
 * syntaxes read (ENF__MD_*). */
int enf__md_dialect(const char *s, size_t len, const size_t *ls, size_t nlines, size_t first,
                    unsigned which, enf__md_feed *out, enf_error *err);
void enf__md_feed_free(enf__md_feed *f);

/* A Markdown text given to cmark a piece at a time (read_md_pieces.c):
 * each piece's tree holds whole top-level blocks, built as cmark builds
 * them in the whole text. */
struct cmark_node;
typedef struct enf__md_block enf__md_block;
typedef struct {
    const char *t;
    size_t len, fm;     /* the text cmark reads; [0, fm) fed as empty lines */
    size_t piece;       /* bytes a piece aims at; SIZE_MAX = one piece */
    size_t at;          /* where the next piece starts */
    int line;           /* lines before it */
    size_t want;        /* bytes the next piece takes at least */
    int done, oom;
    /* cmark's memory for a piece (its parser and tree), when pieces are
     * small: taken from these blocks, given back whole when the piece is
     * done (no free per node), the blocks kept for the next piece */
    int arena;
    enf__md_block *blocks, *cur;
    void *prev_arena;   /* the arena cmark allocated from before init */
} enf__md_pieces;
/* The pieces of t (len bytes, front matter [0, fm)) of about piece bytes;
 * a text with a link reference definition is one piece. */
void enf__md_pieces_init(enf__md_pieces *k, const char *t, size_t len, size_t fm, size_t piece);
/* Frees prev; the next piece's tree (NULL when all are read, or out of
 * memory: k->oom).  *line0: the lines before it; *stop: its top-level
 * node that the next piece reads again (NULL: read all). */
struct cmark_node *enf__md_pieces_next(enf__md_pieces *k, struct cmark_node *prev, int *line0,
                                       struct cmark_node **stop);
/* A top-level node of the current piece, read: freed now when the piece
 * is on the heap (one piece: the tree goes back while the Doc grows),
 * left to the piece's arena otherwise. */
void enf__md_pieces_drop(enf__md_pieces *k, struct cmark_node *n);
/* Frees the last tree (root, may be NULL) and what the pieces hold. */
void enf__md_pieces_free(enf__md_pieces *k, struct cmark_node *root);

/* enf_doc_read_markdown, with the docs-site syntaxes of the mask dialects
 * read (ENF__MD_*; 0: plain CommonMark). */
int enf__read_markdown(const char *name, const char *data, size_t len, unsigned dialects,
                       enf_doc **out, enf_error *err);
/* The same with cmark reading about piece bytes at a time (read_md.c;
 * SIZE_MAX: all at once): the Doc is the same whatever piece is. */
int enf__read_markdown_pieces(const char *name, const char *data, size_t len, unsigned dialects,
                              size_t piece, enf_doc **out, enf_error *err);
/* enf_doc_read_markdown without copying the text: the doc takes data
 * (malloc'ed, len bytes), which is freed whatever happens; dialects as in enf__read_markdown. */
int enf__doc_read_markdown_owned(const char *name, char *data, size_t len, unsigned dialects,
                                 const enf_read_opts *o, enf_doc **out, enf_error *err);
/* enf_doc_read_html and enf_doc_read_lines with what o leaves out (NULL:
 * nothing; its units and encoding are not read). */
int enf__read_html(const char *name, const char *data, size_t len, const enf_read_opts *o,
                   enf_doc **out, enf_error *err);
int enf__read_lines(const char *name, const char *data, size_t len, const enf_read_opts *o,
                    enf_doc **out, enf_error *err);
/* A new Doc told what the reader is to leave out (o may be NULL). */
void enf__read_opts_apply(enf_doc *d, const enf_read_opts *o);

#endif
