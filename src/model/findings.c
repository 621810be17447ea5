/* findings.c — what the checks find and the writers print: the findings
 * list, severities, and the rule table (id, default severity, summary)
 * that the rule families, options, SARIF and --list-rules all read. */
#include "enface/model.h"
#include "model_internal.h"

#include <stdlib.h>
#include <string.h>

static const enf_rule_info S_rules[ENF_RULE__COUNT] = {
    /* a note by default: glossary words have other senses in general prose
     * (feature 功能, policy 政策, bias 偏见), so a miss is a hint, not a failure */
    {"glossary.missing", ENF_SEV_NOTE, ENF_SEV_WARNING, 1,
     "an English glossary term whose aligned Chinese block has none of its approved renderings", "check"},
    {"glossary.forbidden", ENF_SEV_ERROR, ENF_SEV_ERROR, 0,
     "a rendering the glossary forbids (e.g. 变压器 for transformer)", "check"},
    {"glossary.inconsistent", ENF_SEV_WARNING, ENF_SEV_WARNING, 0,
     "one term rendered in two or more ways in one document", "check"},
    {"glossary.verbatim", ENF_SEV_ERROR, ENF_SEV_ERROR, 0,
     "a term that must stay verbatim (ViT, BERT) was translated or altered", "check"},
    /* a warning: the context language makes a guess (甘 near GAN, 列车 among ML terms) */
    {"glossary.suspect", ENF_SEV_WARNING, ENF_SEV_WARNING, 0,
     "a rendering right in general Chinese but wrong for the term in its context (甘 for GAN)", "check"},
    {"link.lost", ENF_SEV_WARNING, ENF_SEV_WARNING, 1, "a link of the original is missing in the translation", "check"},
    {"link.changed", ENF_SEV_ERROR, ENF_SEV_ERROR, 1, "a link target differs from the original", "check"},
    {"number.mismatch", ENF_SEV_ERROR, ENF_SEV_ERROR, 1, "a number differs from the original", "check"},
    {"code.changed", ENF_SEV_ERROR, ENF_SEV_ERROR, 1,
     "code (block or inline) differs from the original, beyond translated comments and strings", "check"},
    {"untranslated", ENF_SEV_WARNING, ENF_SEV_WARNING, 0, "a long run of English left in the translation", "check"},
    {"markup.damaged", ENF_SEV_ERROR, ENF_SEV_ERROR, 0,
     "broken Markdown: ****, unbalanced ** or * or backticks, broken [..](..)", "check"},
    {"block.omitted", ENF_SEV_WARNING, ENF_SEV_WARNING, 1, "a block of the original has no translation", "check"},
    {"block.added", ENF_SEV_WARNING, ENF_SEV_WARNING, 1, "a block of the translation has no original", "check"},
    {"spacing.cjk-latin", ENF_SEV_NONE, ENF_SEV_NOTE, 0,
     "no space between Chinese and Latin letters or digits (off by default)", "check"},
    {"block.merged", ENF_SEV_NOTE, ENF_SEV_NOTE, 1,
     "several blocks of the original translated as one block (2-1, 3-1, ... beads)", "check"},
    {"code.translated", ENF_SEV_NOTE, ENF_SEV_NOTE, 1,
     "code that differs from the original only in comments or string literals, translated", "check"},
    /* enface drift: the severity is that of a change that matters (a
     * punctuation or typo-size edit of the original is always a note) */
    {"drift.stale", ENF_SEV_WARNING, ENF_SEV_WARNING, 1,
     "a translated block whose original changed (the change is classified)", "drift"},
    {"drift.orphan", ENF_SEV_WARNING, ENF_SEV_WARNING, 1,
     "a translated block whose original was deleted", "drift"},
    {"drift.untranslated", ENF_SEV_WARNING, ENF_SEV_WARNING, 1,
     "a new block of the original with no translation yet (at the place it belongs)", "drift"},
    {"drift.moved", ENF_SEV_WARNING, ENF_SEV_WARNING, 1,
     "a translated block whose original moved elsewhere (reported once per block)", "drift"},
    {"drift.unaligned", ENF_SEV_WARNING, ENF_SEV_WARNING, 1,
     "the translation does not align with the old original (most blocks unpaired)", "drift"},
};

const enf_rule_info *enf_rule_get(enf_rule r)
{
    return (unsigned)r < ENF_RULE__COUNT ? &S_rules[r] : NULL;
}

int enf_rule_find(const char *id)
{
    for (int i = 0; i < ENF_RULE__COUNT; i++)
        if (!strcmp(S_rules[i].id, id))
            return i;
    return -1;
}

int enf_severity_parse(const char *s, enf_severity *out)
{
    if (!strcmp(s, "off") || !strcmp(s, "none"))
        *out = ENF_SEV_NONE;
    else if (!strcmp(s, "note"))
        *out = ENF_SEV_NOTE;
    else if (!strcmp(s, "warning"))
        *out = ENF_SEV_WARNING;
    else if (!strcmp(s, "error"))
        *out = ENF_SEV_ERROR;
    else
        return -1;
    return 0;
}

const char *enf_severity_name(enf_severity s)
{
    switch (s) {
    case ENF_SEV_NOTE: return "note";
    case ENF_SEV_WARNING: return "warning";
    case ENF_SEV_ERROR: return "error";
    default: return "off";
    }
}


/* Every string of a finding is whole UTF-8, whatever excerpt a rule cut:
 * each writer (text, JSON, SARIF, GitHub, the report) can rely on it. */
static char *S_dup(const char *s)
{
    return s ? enf__strdup_utf8(s) : NULL;
}

int enf_findings_add(enf_findings *f, const enf_finding *p)
{
    if (enf__grow((void **)&f->v, &f->cap, f->n + 1, sizeof *f->v))
        return ENF_ENOMEM;
    enf_finding *x = &f->v[f->n];
    *x = *p;
    x->rule = S_dup(p->rule);
    x->message = S_dup(p->message ? p->message : "");
    x->term = S_dup(p->term);
    x->expected = S_dup(p->expected);
    x->found = S_dup(p->found);
    if (!x->rule || !x->message || (p->term && !x->term) || (p->expected && !x->expected) ||
        (p->found && !x->found)) {
        free(x->rule);
        free(x->message);
        free(x->term);
        free(x->expected);
        free(x->found);
        return ENF_ENOMEM;
    }
    f->n++;
    return ENF_OK;
}

void enf_findings_free(enf_findings *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        enf_finding *x = &f->v[i];
        free(x->rule);
        free(x->message);
        free(x->term);
        free(x->expected);
        free(x->found);
    }
    free(f->v);
    memset(f, 0, sizeof *f);
}

static int S_cmp(const void *a, const void *b)
{
    const enf_finding *x = a, *y = b;
    int side_x = x->line[1] ? 1 : 0, side_y = y->line[1] ? 1 : 0;
    /* findings with a Chinese place first, in file order; English-only ones after */
    if (side_x != side_y)
        return side_y - side_x;
    int s = side_x;
    if (x->line[s] != y->line[s])
        return x->line[s] < y->line[s] ? -1 : 1;
    if (x->col[s] != y->col[s])
        return x->col[s] < y->col[s] ? -1 : 1;
    return strcmp(x->rule, y->rule);
}

void enf_findings_sort(enf_findings *f)
{
    if (f->n > 1)
        qsort(f->v, f->n, sizeof *f->v, S_cmp);
}

enf_severity enf_findings_max(const enf_findings *f)
{
    enf_severity m = ENF_SEV_NONE;
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].severity > m)
            m = f->v[i].severity;
    return m;
}

int enf__finding_side(const enf_finding *x)
{
    return x->line[1] > 0 ? 1 : 0;
}
