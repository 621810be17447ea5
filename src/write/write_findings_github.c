/* write_findings_github.c — GitHub workflow-command annotations.  GitHub
 * shows at most 10 errors, 10 warnings and 10 notices per step, so the most
 * severe come first, each level is capped, and one summary notice gives
 * the counts and how many were not shown. */
#include "write_findings.h"

#include <stdlib.h>

/* Escape data (%, CR, LF) and, for properties, also ':' and ','. */
static void S_esc(FILE *f, const char *s, int prop)
{
    for (; *s; s++) {
        switch (*s) {
        case '%': fputs("%25", f); break;
        case '\r': fputs("%0D", f); break;
        case '\n': fputs("%0A", f); break;
        case ':': fputs(prop ? "%3A" : ":", f); break;
        case ',': fputs(prop ? "%2C" : ",", f); break;
        default:
            /* an ANSI escape from a document must not reach the log */
            if ((unsigned char)*s < 0x20 && *s != '\t')
                fprintf(f, "\\x%02X", (unsigned)(unsigned char)*s);
            else if (*s == 0x7F)
                fputs("\\x7F", f);
            else
                fputc(*s, f);
        }
    }
}

void enf__github_annotation(FILE *f, int sev, const char *file, const enf_finding *x, int s)
{
    static const char *const cmd[4] = {"", "notice", "warning", "error"};
    fprintf(f, "::%s file=", cmd[sev]);
    S_esc(f, file, 1);
    fprintf(f, ",line=%d,col=%d,title=", x->line[s], x->col[s]);
    S_esc(f, x->rule, 1);
    fputs("::", f);
    S_esc(f, x->message, 0);
    fputc('\n', f);
}

void enf__github_escape(FILE *f, const char *s)
{
    S_esc(f, s, 0);
}

int enf__write_findings_github(FILE *f, const enf_doc *en, const enf_doc *zh, const enf_findings *fs)
{
    const enf_doc *docs[2] = {en, zh};
    size_t counts[4] = {0}, shown[4] = {0};
    static const size_t cap[4] = {0, 9, 10, 10};   /* one notice is the summary */
    for (int sev = ENF_SEV_ERROR; sev >= ENF_SEV_NOTE; sev--) {
        for (size_t i = 0; i < fs->n; i++) {
            const enf_finding *x = &fs->v[i];
            if ((int)x->severity != sev)
                continue;
            counts[sev]++;
            int s = enf__finding_side(x);
            if (!docs[s] || shown[sev] >= cap[sev])
                continue;
            shown[sev]++;
            enf__github_annotation(f, sev, docs[s]->name, x, s);
        }
    }
    size_t total = counts[1] + counts[2] + counts[3];
    size_t hidden = total - shown[1] - shown[2] - shown[3];
    fprintf(f, "::notice title=enface check::%zu error%s, %zu warning%s, %zu note%s",
            counts[3], counts[3] == 1 ? "" : "s", counts[2], counts[2] == 1 ? "" : "s", counts[1],
            counts[1] == 1 ? "" : "s");
    if (hidden)
        fprintf(f, "; %zu not shown as annotations (run enface check locally for all)", hidden);
    fputc('\n', f);
    return ENF_OK;
}
