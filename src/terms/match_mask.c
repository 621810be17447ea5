/* match_mask.c — what of a text is not prose, for the glossary matcher
 * (match.c) and the checks: inline code, link destinations, autolinks,
 * HTML tags and comments, bare URLs and domains, marked in a byte mask so
 * that no term is found inside them. */
#include "terms_internal.h"

#include <string.h>

static int S_starts_ci(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    if (n < m)
        return 0;
    for (size_t i = 0; i < m; i++)
        if (enf__ascii_lower(s[i]) != p[i])
            return 0;
    return 1;
}

/* End of a bare URL starting at i: white space, quotes, angle brackets and
 * CJK punctuation end it; trailing ASCII punctuation is not part of it. */
static size_t S_url_end(const char *s, size_t len, size_t i)
{
    size_t j = i;
    int depth = 0;
    while (j < len) {
        unsigned char c = (unsigned char)s[j];
        if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '`')
            break;
        if (c == '(')
            depth++;
        if (c == ')') {
            if (depth == 0)
                break;
            depth--;
        }
        if (c >= 0x80) {
            int adv;
            int cp = enf__utf8_decode(s + j, len - j, &adv);
            if (enf__is_cjk_punct(cp) || (cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0x3000)
                break;
            j += (size_t)adv;
            continue;
        }
        j++;
    }
    while (j > i && strchr(".,;:!?'*_", s[j - 1]))
        j--;
    return j;
}

/* A bare domain name ("arxiv.org", "pytorch.org/blog/x") starting at i:
 * its end, or i when there is none.  Names inside it are not prose. */
static size_t S_domain_end(const char *s, size_t len, size_t i)
{
    static const char *const tlds[] = {"com", "org", "net", "io", "ai", "edu", "gov", "dev", "cn",
                                       "jp", "uk", "de", "co", "me", "info", "app", NULL};
    size_t j = i, last = i;
    int dots = 0;
    for (;;) {
        size_t ls = j;
        while (j < len && (enf__ascii_alnum((unsigned char)s[j]) || s[j] == '-'))
            j++;
        if (j == ls)
            return i;
        last = ls;
        if (j + 1 < len && s[j] == '.' && enf__ascii_alnum((unsigned char)s[j + 1])) {
            j++;
            dots++;
            continue;
        }
        break;
    }
    if (!dots)
        return i;
    size_t ll = j - last;
    int ok = 0;
    for (int k = 0; tlds[k]; k++)
        if (strlen(tlds[k]) == ll) {
            size_t q = 0;
            while (q < ll && enf__ascii_lower(s[last + q]) == tlds[k][q])
                q++;
            ok |= q == ll;
        }
    if (!ok || (j < len && enf__ascii_alnum((unsigned char)s[j])))
        return i;
    if (j < len && s[j] == '/')
        return S_url_end(s, len, j);
    return j;
}

void enf__mask_markup(const char *s, size_t len, unsigned char *mask)
{
    memset(mask, 0, len);
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c == '`') {
            size_t n = 0;
            while (i + n < len && s[i + n] == '`')
                n++;
            /* find a closing run of exactly n backticks */
            size_t j = i + n, close = (size_t)-1;
            while (j < len) {
                if (s[j] == '`') {
                    size_t m = 0;
                    while (j + m < len && s[j + m] == '`')
                        m++;
                    if (m == n) {
                        close = j;
                        break;
                    }
                    j += m;
                } else {
                    j++;
                }
            }
            if (close != (size_t)-1) {
                memset(mask + i, 1, close + n - i);
                i = close + n;
            } else {
                i += n;
            }
            continue;
        }
        if (c == '<' && i + 1 < len) {
            if (S_starts_ci(s + i, len - i, "<!--")) {
                const char *e = NULL;
                for (size_t j = i + 4; j + 2 < len; j++)
                    if (s[j] == '-' && s[j + 1] == '-' && s[j + 2] == '>') {
                        e = s + j + 3;
                        break;
                    }
                size_t end = e ? (size_t)(e - s) : len;
                memset(mask + i, 1, end - i);
                i = end;
                continue;
            }
            char d = s[i + 1];
            if (enf__ascii_alnum((unsigned char)d) || d == '/' || d == '!' || d == '?') {
                size_t j = i + 1;
                while (j < len && s[j] != '>' && s[j] != '<' && j - i < 2000)
                    j++;
                if (j < len && s[j] == '>') {
                    memset(mask + i, 1, j + 1 - i);
                    i = j + 1;
                    continue;
                }
            }
        }
        if (c == ']' && i + 1 < len && s[i + 1] == '(') {
            size_t j = i + 2;
            int depth = 0;
            while (j < len && s[j] != '\n') {
                if (s[j] == '(')
                    depth++;
                else if (s[j] == ')') {
                    if (depth == 0)
                        break;
                    depth--;
                }
                j++;
            }
            if (j < len && s[j] == ')') {
                memset(mask + i + 1, 1, j + 1 - (i + 1));
                i = j + 1;
            } else {
                size_t e = S_url_end(s, len, i + 2);
                memset(mask + i + 1, 1, e - (i + 1));
                i = e > i + 1 ? e : i + 1;
            }
            continue;
        }
        if (enf__ascii_alnum((unsigned char)c) && (i == 0 || !(enf__ascii_alnum((unsigned char)s[i - 1]) ||
                                                             s[i - 1] == '.' || s[i - 1] == '-'))) {
            size_t e = S_domain_end(s, len, i);
            if (e > i) {
                memset(mask + i, 1, e - i);
                i = e;
                continue;
            }
        }
        if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') &&
            (i == 0 || !enf__ascii_alnum((unsigned char)s[i - 1])) &&
            (S_starts_ci(s + i, len - i, "http://") || S_starts_ci(s + i, len - i, "https://") ||
             S_starts_ci(s + i, len - i, "www."))) {
            size_t e = S_url_end(s, len, i);
            memset(mask + i, 1, e - i);
            i = e > i ? e : i + 1;
            continue;
        }
        i++;
    }
}
