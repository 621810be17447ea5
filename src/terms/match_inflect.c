/* match_inflect.c — English word forms for the term matcher (match.c): a
 * token's trie keys, case-folded, singular and verb stem, so "transformers"
 * meets "transformer" and "trained" "training" without a list of forms. */
#include "terms_internal.h"

#include <string.h>

static int S_ends(const char *w, size_t n, const char *suf)
{
    size_t m = strlen(suf);
    return n >= m && memcmp(w + n - m, suf, m) == 0;
}

/* Plural -> singular (lower-case input; case-sensitive words only lose a
 * lower-case s). */
static size_t S_singular(char *w, size_t n, int cased)
{
    if (cased) {
        if (n > 2 && w[n - 1] == 's' && w[n - 2] != 's')
            return n - 1;
        return n;
    }
    if (n > 4 && S_ends(w, n, "ies")) {
        w[n - 3] = 'y';
        return n - 2;
    }
    if (S_ends(w, n, "sses") || (n > 4 && (S_ends(w, n, "xes") || S_ends(w, n, "ches") || S_ends(w, n, "shes"))))
        return n - 2;
    if (n > 3 && w[n - 1] == 's' && !S_ends(w, n, "ss") && !S_ends(w, n, "us") && !S_ends(w, n, "is"))
        return n - 1;
    return n;
}

/* Verb stem: -ing / -ed / final e removed, a doubled final consonant undone. */
static size_t S_verb_stem(char *w, size_t n)
{
    size_t o = n;
    if (n >= 6 && S_ends(w, n, "ing"))
        n -= 3;
    else if (n >= 5 && S_ends(w, n, "ed"))
        n -= 2;
    if (n != o && n >= 3 && w[n - 1] == w[n - 2] && !strchr("aeiouls", w[n - 1]))
        n--;
    if (n >= 4 && w[n - 1] == 'e')
        n--;
    return n;
}

int enf__verbish(const char *w, size_t n)
{
    return (n >= 6 && S_ends(w, n, "ing")) || (n >= 5 && S_ends(w, n, "ed"));
}

void enf__make_forms(const char *w, size_t n, int cased, enf__forms *f)
{
    for (size_t i = 0; i < n; i++)
        f->exact[i] = cased ? w[i] : enf__ascii_lower(w[i]);
    f->exact_len = n;
    memcpy(f->plural, f->exact, n);
    f->plural_len = S_singular(f->plural, n, cased);
    f->verb[0] = '\x01';
    memcpy(f->verb + 1, f->plural, f->plural_len);
    f->verb_len = 1 + S_verb_stem(f->verb + 1, f->plural_len);
}
