/* pairs.h — a translation repository's layout: EN_PATTERN=ZH_PATTERN
 * mappings ("{name}.md=zh/{name}.md", "en/{path}.md=zh-cn/{path}.md") and
 * the pairs of files they make under a root.  Plain libc (no libenface),
 * so that check and, later, corpus share it.  Errors: -1 with a one-line
 * message in repo.msg. */
#ifndef ENFACE_CLI_PAIRS_H
#define ENFACE_CLI_PAIRS_H

#include <stddef.h>

typedef struct {
    char *en, *zh;     /* the patterns, each with one {name} or {path}; en
                          "" for a layout without originals */
    int path;          /* 1: {path} (across directories), 0: {name} */
} cli_mapping;

/* One pair, paths relative to the root.  en NULL: the Chinese file has no
 * original (checked Chinese-only); zh NULL: the English page has no
 * translation (listed, not checked). */
typedef struct {
    char *en, *zh;
    char *missing;     /* the path the absent side would have, or NULL (and
                          en NULL): a layout without originals */
} cli_pair_paths;

typedef struct {
    cli_mapping *maps;
    size_t n_maps;
    char *root_abs;    /* the root, resolved (no trailing '/') */
    char *prefix;      /* the root as files are named: "" (the current
                          directory), "docs/" or "/abs/root/" */
    cli_pair_paths *v; /* sorted by ZH (then EN) path, no duplicates */
    size_t n, cap;
    char msg[1200];
} cli_repo;

/* Add the mapping "EN=ZH" (spec), or en and zh given apart (spec NULL).
 * where names it in messages ("--pairs", ".enface.ini"). */
int cli_repo_add_mapping(cli_repo *r, const char *spec, const char *en, const char *zh,
                         const char *where);
/* Set the root: a directory (symlinks are not followed out of it). */
int cli_repo_set_root(cli_repo *r, const char *dir);
/* Find the pairs: with no operand every file matching a ZH pattern under
 * the root, with its EN, and every EN without its ZH; with operands (files
 * or directories, of either side) only the pairs they belong to. */
int cli_repo_scan(cli_repo *r, const char *const *operands, size_t n_operands);
void cli_repo_free(cli_repo *r);

#ifdef ENFACE_CLI_H
/* repo.c (needs cli.h first).  The root (spec's --root, else the config's
 * directory, else "."), the mappings (--pairs, else the config's) and the
 * pairs of files (cli_repo_scan). */
int cli_repo_open(cli_repo *r, const cli_repo_spec *spec, const char *const *files, size_t n_files);
/* The root's git repository, and the root's path in its work tree ("" or
 * "docs/", malloc'd): paths of the pairs are *prefix + path there. */
int cli_repo_git(const cli_repo *r, const char *cmd, enf_git **g, char **prefix);
/* ENF_EXIT_OK, or an error printed when a mapping has no EN pattern (a
 * layout without originals) and cmd needs them (why: what for). */
int cli_repo_need_originals(const cli_repo *r, const char *cmd, const char *why);
/* Keep the pairs of which either file changed since rev: committed since,
 * staged, not staged, or new (--changed-since). */
int cli_repo_keep_changed(cli_repo *r, const char *cmd, const char *rev);
/* The files of pair i as they are named (the root's prefix and the path),
 * malloc'd; *en NULL when the pair has no original, *zh NULL when it has
 * no translation.  ENF_EXIT_OK, or an error printed. */
int cli_repo_paths(const cli_repo *r, size_t i, char **en, char **zh);
#endif

#endif
