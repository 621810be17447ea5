/* completions.c — the bash and zsh completion scripts, printed by the
 * hidden `enface --completions bash|zsh` from the commands' option tables
 * (the build runs it and meson installs the result), so a new option is
 * completed as soon as it is in its table: nothing is kept by hand. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static int S_is_option(const cli_option *o)
{
    return o->kind >= CLI_OPT_FLAG && o->kind <= CLI_OPT_CALL;
}

/* What the value of an option is completed with: its choices, file
 * names, directory names, or nothing (a number, a rule, a pattern). */
typedef enum { S_VALUE_NONE, S_VALUE_CHOICES, S_VALUE_FILE, S_VALUE_DIR } S_value;

static S_value S_value_of(const cli_option *o)
{
    if (o->choices)
        return S_VALUE_CHOICES;
    if (!strcmp(o->value, "DIR"))
        return S_VALUE_DIR;
    /* FILE, and the files named for what they hold (ZH_OLD, JOBS) */
    if (!strcmp(o->value, "FILE") || !strcmp(o->value, "ZH_OLD") || !strcmp(o->value, "JOBS"))
        return S_VALUE_FILE;
    return S_VALUE_NONE;
}

/* An option's help on one line, as zsh shows it beside the option:
 * quoted for a '...' word and for _arguments' [...] (\[ \] \: \\). */
static void S_zsh_help(const char *help)
{
    for (const char *p = help; *p; p++) {
        if (*p == '\n')
            putchar(' ');
        else if (*p == '\'')
            fputs("'\\''", stdout);
        else if (*p == '[' || *p == ']' || *p == ':' || *p == '\\')
            printf("\\%c", *p);
        else
            putchar(*p);
    }
}

/* bash: one case per command; the previous word decides a value, else
 * options after '-' and file names otherwise. */
static void S_bash(const enf_command *commands)
{
    puts("# bash completion for enface\n"
         "# Generated from enface's option tables by 'enface --completions bash': do not edit.\n"
         "_enface()\n"
         "{\n"
         "    local cur=${COMP_WORDS[COMP_CWORD]} prev=\n"
         "    (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}\n"
         "    # --opt=value: bash splits the '=' off as a word of its own\n"
         "    if [[ $cur == = ]]; then\n"
         "        cur=\n"
         "    elif [[ $prev == = ]] && (( COMP_CWORD > 1 )); then\n"
         "        prev=${COMP_WORDS[COMP_CWORD-2]}\n"
         "    fi\n"
         "    COMPREPLY=()\n"
         "    if (( COMP_CWORD == 1 )); then");
    fputs("        COMPREPLY=($(compgen -W \"", stdout);
    for (const enf_command *c = commands; c->name; c++)
        printf("%s ", c->name);
    puts("--help --version\" -- \"$cur\"))\n"
         "        return\n"
         "    fi\n"
         "    local opts\n"
         "    case ${COMP_WORDS[1]} in");
    for (const enf_command *c = commands; c->name; c++) {
        const cli_option *table = c->options();
        printf("    %s)\n        case $prev in\n", c->name);
        for (const cli_option *o = table; o->kind != CLI_OPT_END; o++) {
            if (!S_is_option(o) || !o->value)
                continue;
            printf("        ");
            if (o->letter)
                printf("-%c|", o->letter);
            printf("--%s) ", o->name);
            switch (S_value_of(o)) {
            case S_VALUE_CHOICES:
                printf("COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")) ;;\n", o->choices);
                break;
            case S_VALUE_FILE:
                puts("COMPREPLY=($(compgen -f -- \"$cur\")) ;;");
                break;
            case S_VALUE_DIR:
                puts("COMPREPLY=($(compgen -d -- \"$cur\")) ;;");
                break;
            default:
                printf("return ;;  # %s\n", o->value);
                break;
            }
        }
        puts("        *) opts=\"\\");
        for (const cli_option *o = table; o->kind != CLI_OPT_END; o++)
            if (S_is_option(o)) {
                printf("            --%s", o->name);
                if (o->letter)
                    printf(" -%c", o->letter);
                puts(" \\");
            }
        puts("            --help -h\" ;;\n"
             "        esac\n"
             "        [[ -n $opts ]] || return\n"
             "        ;;");
    }
    puts("    *) return ;;\n"
         "    esac\n"
         "    if [[ $cur == -* ]]; then\n"
         "        COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
         "    else\n"
         "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
         "    fi\n"
         "}\n"
         "complete -o filenames -o bashdefault -F _enface enface");
}

/* zsh: _arguments per command, the option's help as its description. */
static void S_zsh(const enf_command *commands)
{
    puts("#compdef enface\n"
         "# zsh completion for enface\n"
         "# Generated from enface's option tables by 'enface --completions zsh': do not edit.\n"
         "_enface() {\n"
         "  local -a commands\n"
         "  commands=(");
    for (const enf_command *c = commands; c->name; c++) {
        printf("    '%s:", c->name);
        S_zsh_help(c->summary);
        puts("'");
    }
    puts("  )\n"
         "  if (( CURRENT == 2 )); then\n"
         "    _describe -t commands 'enface command' commands\n"
         "    return\n"
         "  fi\n"
         "  local cmd=$words[2]\n"
         "  shift words\n"
         "  (( CURRENT-- ))\n"
         "  case $cmd in");
    for (const enf_command *c = commands; c->name; c++) {
        printf("  %s)\n    _arguments -s -S \\\n", c->name);
        for (const cli_option *o = c->options(); o->kind != CLI_OPT_END; o++) {
            if (!S_is_option(o))
                continue;
            /* repeatable: lists, and rules given one by one */
            int many = o->kind == CLI_OPT_LIST || (o->kind == CLI_OPT_CALL && !o->choices);
            const char *eq = o->value ? "=" : "";
            printf("      ");
            if (o->letter && !many)
                printf("'(-%c --%s)'{-%c%s,--%s%s}'", o->letter, o->name, o->letter,
                       o->value ? "+" : "", o->name, eq);
            else if (o->letter)
                printf("'*'{-%c%s,--%s%s}'", o->letter, o->value ? "+" : "", o->name, eq);
            else
                printf("'%s--%s%s", many ? "*" : "", o->name, eq);
            putchar('[');
            S_zsh_help(o->help);
            putchar(']');
            if (o->value) {
                printf(":%s:", o->value);
                switch (S_value_of(o)) {
                case S_VALUE_CHOICES:
                    printf("(%s)", o->choices);
                    break;
                case S_VALUE_FILE:
                    fputs("_files", stdout);
                    break;
                case S_VALUE_DIR:
                    fputs("_files -/", stdout);
                    break;
                default:
                    fputs(" ", stdout);
                    break;
                }
            }
            puts("' \\");
        }
        puts("      '(- *)'{-h,--help}'[show this help]' \\\n"
             "      '*:file:_files'\n"
             "    ;;");
    }
    puts("  esac\n"
         "}\n"
         "_enface \"$@\"");
}

int cli_print_completions(const char *shell, const enf_command *commands)
{
    if (shell && !strcmp(shell, "bash"))
        S_bash(commands);
    else if (shell && !strcmp(shell, "zsh"))
        S_zsh(commands);
    else
        return cli_fail("--completions needs bash or zsh");
    if (fflush(stdout) || ferror(stdout))
        return cli_fail("standard output: write error");
    return ENF_EXIT_OK;
}
