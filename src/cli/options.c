/* options.c — every subcommand's command line: its option table becomes
 * getopt_long's arrays (glibc's, well-kept code: argv syntax is not our
 * craft), its checked settings, its one-line errors and its --help. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* getopt_long's val for table[i] is S_LONG + i, above every short letter;
 * --help is the one after the table's last */
#define S_LONG 256

static int S_is_option(const cli_option *o)
{
    return o->kind >= CLI_OPT_FLAG && o->kind <= CLI_OPT_CALL;
}

/* Append s; -1 when out of memory. */
static int S_list_add(cli_list *l, const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        const char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = s;
    return 0;
}

static void S_list_free(cli_list *l)
{
    free(l->v);
    memset(l, 0, sizeof *l);
}

void cli_options_free(const cli_option *table, void *settings, cli_list *operands)
{
    for (const cli_option *o = table; o->kind != CLI_OPT_END; o++)
        if (o->kind == CLI_OPT_LIST)
            S_list_free((cli_list *)((char *)settings + o->offset));
    if (operands)
        S_list_free(operands);
}

int cli_set_units(const char *cmd, const char *value, void *field)
{
    if (cli_parse_units(value, field))
        return cli_fail("%s: unknown units '%s' (use auto, markdown, commonmark, html, lines, "
                        "mkdocs, vitepress, docusaurus or hugo)",
                        cmd, value);
    return 0;
}

int cli_set_dialect(const char *cmd, const char *value, void *field)
{
    enf_units u;
    if (!strcmp(value, "auto"))
        u = ENF_UNITS_AUTO;   /* by file name; Markdown with every site's syntax */
    else if (strcmp(value, "markdown") && strcmp(value, "html") && strcmp(value, "lines") &&
             cli_parse_units(value, &u) == 0)
        ;
    else
        return cli_fail("%s: unknown dialect '%s' (use auto, commonmark, mkdocs, vitepress, "
                        "docusaurus or hugo)",
                        cmd, value);
    *(enf_units *)field = u;
    return 0;
}

/* One entry of --help: its left part, then its help from the column on
 * (two spaces after a left part that reaches it), later lines aligned. */
static void S_help_entry(const char *left, const char *help, int column)
{
    int n = (int)strlen(left);
    fputs(left, stdout);
    if (n < column)
        printf("%*s", column - n, "");
    else
        fputs("  ", stdout);
    for (const char *p = help; *p; p++) {
        putchar(*p);
        if (*p == '\n' && p[1])
            printf("%*s", column, "");
    }
    putchar('\n');
}

static void S_help(const cli_option *table, const cli_usage *u)
{
    char left[160];
    fputs(u->usage, stdout);
    putchar('\n');
    if (table[0].kind != CLI_OPT_HEADING)
        puts("options:");
    for (const cli_option *o = table; o->kind != CLI_OPT_END; o++) {
        if (o->kind == CLI_OPT_HEADING) {
            printf("%s%s\n", o == table ? "" : "\n", o->help);
            continue;
        }
        if (o->kind == CLI_OPT_OPERAND)
            snprintf(left, sizeof left, "  %s", o->value);
        else
            snprintf(left, sizeof left, "  %c%c%c --%s%s%s", o->letter ? '-' : ' ',
                     o->letter ? o->letter : ' ', o->letter ? ',' : ' ', o->name,
                     o->value ? " " : "", o->value ? o->value : "");
        S_help_entry(left, o->help, u->column);
    }
    S_help_entry("  -h, --help", "show this help", u->column);
    if (u->footer) {
        putchar('\n');
        fputs(u->footer, stdout);
    }
}

/* "out of range (1 to 256)", "(at least 1)": the allowed range */
static int S_out_of_range(const cli_usage *u, const char *opt, const char *v, const cli_option *o,
                          int too_big)
{
    int no_top = isinf(o->hi) || (o->kind == CLI_OPT_INT && o->hi >= INT_MAX);
    if (no_top && !too_big)
        return cli_fail("%s: %s: '%s' is out of range (at least %.15g)", u->cmd, opt, v, o->lo);
    return cli_fail("%s: %s: '%s' is out of range (%.15g to %.15g)", u->cmd, opt, v, o->lo, o->hi);
}

/* Store value v of option o (spelled opt on the command line). */
static int S_set(const cli_usage *u, const cli_option *o, const char *opt, const char *v,
                 void *settings)
{
    void *field = (char *)settings + o->offset;
    char *end;
    switch (o->kind) {
    case CLI_OPT_FLAG:
        *(int *)field = o->set;
        return 0;
    case CLI_OPT_STRING:
        *(const char **)field = v;
        return 0;
    case CLI_OPT_LIST:
        return S_list_add(field, v) ? cli_fail("out of memory") : 0;
    case CLI_OPT_INT: {
        /* digits only: strtoll alone would read "12abc" as 12 and take
         * " 12" and "+12" too */
        const char *d = v[0] == '-' ? v + 1 : v;
        errno = 0;
        long long x = strtoll(v, &end, 10);
        if (!isdigit((unsigned char)*d) || *end)
            return cli_fail("%s: %s: '%s' is not a whole number", u->cmd, opt, v);
        if (errno == ERANGE || (double)x < o->lo || (double)x > o->hi)
            return S_out_of_range(u, opt, v, o, (double)x > o->hi);
        *(int *)field = (int)x;
        return 0;
    }
    case CLI_OPT_DOUBLE: {
        errno = 0;
        double x = strtod(v, &end);
        if (end == v || *end || isspace((unsigned char)v[0]) || !isfinite(x))
            return cli_fail("%s: %s: '%s' is not a number", u->cmd, opt, v);
        if (x < o->lo || x > o->hi)
            return S_out_of_range(u, opt, v, o, x > o->hi);
        *(double *)field = x;
        return 0;
    }
    case CLI_OPT_CALL:
        return o->call(u->cmd, v, field);
    default:
        return 0;
    }
}

/* Whether the command line spelled out --name (getopt_long also takes an
 * unambiguous abbreviation). */
static int S_spelled_out(const char *typed, const char *name)
{
    size_t n = strlen(name);
    return !strncmp(typed, "--", 2) && !strncmp(typed + 2, name, n) &&
           (typed[2 + n] == '\0' || typed[2 + n] == '=');
}

static int S_unknown(const cli_usage *u, const char *typed)
{
    int n = (int)strcspn(typed, "=");
    return cli_fail("%s: unknown option '%.*s'; see 'enface %s --help'", u->cmd, n, typed, u->cmd);
}

int cli_parse_options(int argc, char **argv, const cli_option *table, const cli_usage *u,
                      void *settings, cli_list *operands)
{
    size_t n = 0;
    while (table[n].kind != CLI_OPT_END)
        n++;
    const int help = S_LONG + (int)n;   /* --help's val */
    struct option *longs = calloc(n + 2, sizeof *longs);
    char *shorts = malloc(2 * n + 5);
    int rc = CLI_PARSED;
    if (!longs || !shorts) {
        rc = cli_fail("out of memory");
        goto done;
    }
    char *s = shorts;
    *s++ = '-';   /* operands come back in order (as 1): options may follow them */
    *s++ = ':';   /* a missing value comes back as ':', not as an unknown option */
    size_t nl = 0;
    for (size_t i = 0; i < n; i++) {
        const cli_option *o = &table[i];
        if (!S_is_option(o))
            continue;
        longs[nl].name = o->name;
        longs[nl].has_arg = o->value ? required_argument : no_argument;
        longs[nl++].val = S_LONG + (int)i;
        if (o->letter) {
            *s++ = (char)o->letter;
            if (o->value)
                *s++ = ':';
        }
    }
    longs[nl].name = "help";
    longs[nl].val = help;
    *s++ = 'h';
    *s = '\0';

    opterr = 0;   /* its own messages take two lines and name no fix */
    optind = 0;   /* glibc: start afresh */
    for (;;) {
        int li = -1, c = getopt_long(argc, argv, shorts, longs, &li);
        if (c == -1)
            break;
        if (c == 1) {
            if (S_list_add(operands, optarg)) {
                rc = cli_fail("out of memory");
                goto done;
            }
            continue;
        }
        if (c == '?') {
            /* optopt: 0 for an unknown long option, the option's val for a
             * flag given "=value", else the unknown letter */
            const char *typed = argv[optind - 1];
            const char *flag = optopt < S_LONG ? NULL
                               : optopt == help  ? "help"
                                                 : table[optopt - S_LONG].name;
            if (flag && S_spelled_out(typed, flag))
                rc = cli_fail("%s: option --%s takes no value", u->cmd, flag);
            else if (optopt > 0 && optopt < S_LONG)
                rc = cli_fail("%s: unknown option '-%c'; see 'enface %s --help'", u->cmd, optopt,
                              u->cmd);
            else
                rc = S_unknown(u, typed);
            goto done;
        }
        const cli_option *o = NULL;
        char opt[80];
        if (c == ':' ? optopt >= S_LONG : li >= 0) {
            /* a long option: the value is in the same word or the next */
            int k = c == ':' ? optopt : longs[li].val;
            const char *typed = c != ':' && optarg && optarg == argv[optind - 1] ? argv[optind - 2]
                                                                               : argv[optind - 1];
            const char *name = k == help ? "help" : table[k - S_LONG].name;
            if (!S_spelled_out(typed, name)) {
                rc = S_unknown(u, typed);
                goto done;
            }
            if (k != help)
                o = &table[k - S_LONG];
            snprintf(opt, sizeof opt, "--%s", name);
        } else {
            int letter = c == ':' ? optopt : c;
            for (size_t i = 0; i < n && !o; i++)
                if (S_is_option(&table[i]) && table[i].letter == letter)
                    o = &table[i];
            snprintf(opt, sizeof opt, "-%c", letter);
        }
        if (!o) {   /* -h or --help, the one option not in the table */
            S_help(table, u);
            rc = ENF_EXIT_OK;
            goto done;
        }
        if (c == ':' || (o->value && !optarg[0] && !o->empty_ok)) {
            rc = cli_fail("%s: option %s needs a value (%s %s)", u->cmd, opt, opt, o->value);
            goto done;
        }
        if (S_set(u, o, opt, optarg, settings)) {
            rc = ENF_EXIT_ERROR;
            goto done;
        }
    }
    /* after "--": operands only */
    for (; optind < argc; optind++)
        if (S_list_add(operands, argv[optind])) {
            rc = cli_fail("out of memory");
            goto done;
        }
done:
    free(longs);
    free(shorts);
    return rc;
}
