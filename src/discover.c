/* discover.c — glossary discovery from one aligned pair: English words and
 * phrases (1-3 words) that occur in two or more aligned blocks and that the
 * glossary lacks, with the Chinese strings (2-4 Han characters, or the
 * English kept verbatim) that co-occur with them across the beads, scored
 * by a Dice coefficient over beads.  Terms whose blocks are covered by two
 * different renderings ("rendered differently") rank first.  The output is
 * glossary TSV, ready to edit and paste. */
#include "check_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- a string table: string -> id, with the beads each id occurs in */

typedef struct {
    char *s;
    unsigned h;
    size_t *beads;        /* distinct bead indexes, ascending */
    size_t n_beads, cap_beads;
} S_str;

typedef struct {
    S_str *v;
    size_t n, cap;
    size_t *slots;        /* id + 1 */
    size_t nslots;
} S_tab;

static long S_intern(S_tab *t, const char *s, size_t n)
{
    if ((t->n + 1) * 2 > t->nslots) {
        size_t ns = t->nslots ? t->nslots * 2 : 1024;
        size_t *sl = calloc(ns, sizeof *sl);
        if (!sl)
            return -1;
        for (size_t i = 0; i < t->n; i++) {
            size_t j = t->v[i].h & (ns - 1);
            while (sl[j])
                j = (j + 1) & (ns - 1);
            sl[j] = i + 1;
        }
        free(t->slots);
        t->slots = sl;
        t->nslots = ns;
    }
    unsigned h = enf__hash(s, n, 7);
    size_t j = h & (t->nslots - 1);
    while (t->slots[j]) {
        S_str *x = &t->v[t->slots[j] - 1];
        if (x->h == h && strlen(x->s) == n && !memcmp(x->s, s, n))
            return (long)(t->slots[j] - 1);
        j = (j + 1) & (t->nslots - 1);
    }
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 256;
        S_str *nv = realloc(t->v, nc * sizeof *nv);
        if (!nv)
            return -1;
        t->v = nv;
        t->cap = nc;
    }
    S_str *x = &t->v[t->n];
    memset(x, 0, sizeof *x);
    x->s = malloc(n + 1);
    if (!x->s)
        return -1;
    memcpy(x->s, s, n);
    x->s[n] = '\0';
    x->h = h;
    t->slots[j] = t->n + 1;
    return (long)t->n++;
}

static int S_note_bead(S_tab *t, long id, size_t bead)
{
    S_str *x = &t->v[id];
    if (x->n_beads && x->beads[x->n_beads - 1] == bead)
        return 0;
    if (x->n_beads == x->cap_beads) {
        size_t nc = x->cap_beads ? x->cap_beads * 2 : 4;
        size_t *nb = realloc(x->beads, nc * sizeof *nb);
        if (!nb)
            return -1;
        x->beads = nb;
        x->cap_beads = nc;
    }
    x->beads[x->n_beads++] = bead;
    return 0;
}

static void S_tab_free(S_tab *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].s);
        free(t->v[i].beads);
    }
    free(t->v);
    free(t->slots);
}

static const char *const S_stop[] = {
    "the", "and", "for", "with", "that", "this", "from", "are", "was", "were", "has", "have", "had",
    "its", "their", "they", "you", "your", "our", "not", "but", "can", "will", "more", "than", "into",
    "about", "which", "also", "one", "two", "all", "how", "what", "when", "where", "who", "why", "new",
    "use", "used", "using", "out", "only", "like", "over", "such", "these", "those", "there", "then",
    "each", "other", "some", "most", "much", "very", "just", "been", "being", "does", "did", "per",
    "it", "is", "in", "on", "of", "to", "a", "an", "as", "at", "by", "or", "be", "we", "he", "she",
    "if", "so", "no", "do", "up", "my", "me", "us", "his", "her", "them", "any", "may", "would", "could",
    "should", "here", "while", "after", "before", "between", "both", "same", "same", "even", "well",
    "https", "http", "www", "com", "org", NULL};

static int S_is_stop(const char *w)
{
    for (int i = 0; S_stop[i]; i++)
        if (!strcmp(w, S_stop[i]))
            return 1;
    return 0;
}

/* Han characters that rarely start or end a term. */
static int S_function_char(int cp)
{
    static const int v[] = {0x7684, 0x4E86, 0x662F, 0x5728, 0x548C, 0x4E0E, 0x4E00, 0x4E2A, 0x8FD9,
                            0x6211, 0x4EEC, 0x4E3A, 0x5BF9, 0x4E5F, 0x6709, 0x5E76, 0x800C, 0x5C06,
                            0x88AB, 0x628A, 0x4ECE, 0x5230, 0x4E2D, 0x4EE5, 0x53CA, 0x7B49, 0x6216,
                            0x5C31, 0x90FD, 0x4F7F, 0x7528, 0x5176, 0x6B64, 0x8BE5, 0x5404, 0};
    for (int i = 0; v[i]; i++)
        if (v[i] == cp)
            return 1;
    return 0;
}

#define S_MAXW 64

static int S_en_block(S_tab *t, const enf_doc *d, size_t b, const unsigned char *mask, size_t bead)
{
    const enf_block *blk = &d->blocks[b];
    const char *s = d->data + blk->src_off;
    size_t len = blk->src_len;
    char words[3][S_MAXW];
    int nw = 0;
    for (size_t i = 0; i <= len;) {
        int alpha = i < len && !mask[i] && (isalnum((unsigned char)s[i]) || s[i] == '-');
        if (!alpha) {
            nw = i < len && (s[i] == ' ') ? nw : 0;   /* a phrase never crosses punctuation */
            i++;
            continue;
        }
        size_t st = i;
        while (i < len && !mask[i] && (isalnum((unsigned char)s[i]) || s[i] == '-'))
            i++;
        size_t n = i - st;
        while (n && s[st + n - 1] == '-')
            n--;
        if (n == 0 || n >= S_MAXW)
            continue;
        char w[S_MAXW];
        for (size_t k = 0; k < n; k++)
            w[k] = (char)tolower((unsigned char)s[st + k]);
        w[n] = '\0';
        int has_alpha = 0;
        for (size_t k = 0; k < n; k++)
            has_alpha |= isalpha((unsigned char)w[k]) != 0;
        if (!has_alpha) {
            nw = 0;
            continue;
        }
        if (nw == 3) {
            memmove(words[0], words[1], S_MAXW);
            memmove(words[1], words[2], S_MAXW);
            nw = 2;
        }
        memcpy(words[nw++], w, n + 1);
        /* n-grams ending here that neither start nor end with a stop word */
        if (S_is_stop(w) || strlen(w) < 3)
            continue;
        for (int k = 1; k <= nw; k++) {
            const char *first = words[nw - k];
            if (S_is_stop(first))
                continue;
            char g[3 * S_MAXW + 3];
            size_t gl = 0;
            for (int q = nw - k; q < nw; q++)
                gl += (size_t)snprintf(g + gl, sizeof g - gl, "%s%s", q > nw - k ? " " : "", words[q]);
            long id = S_intern(t, g, gl);
            if (id < 0 || S_note_bead(t, id, bead))
                return -1;
        }
    }
    return 0;
}

static int S_zh_block(S_tab *t, const enf_doc *d, size_t b, const unsigned char *mask, size_t bead)
{
    const enf_block *blk = &d->blocks[b];
    const char *s = d->data + blk->src_off;
    size_t len = blk->src_len;
    size_t pos[5];   /* byte starts of the last Han characters */
    int cps[5], n = 0;
    for (size_t i = 0; i < len;) {
        int adv;
        int cp = enf_utf8_decode(s + i, len - i, &adv);
        if (mask[i] || !enf_is_han(cp)) {
            n = 0;
            i += (size_t)adv;
            continue;
        }
        if (n == 4) {
            memmove(pos, pos + 1, 3 * sizeof *pos);
            memmove(cps, cps + 1, 3 * sizeof *cps);
            n = 3;
        }
        pos[n] = i;
        cps[n++] = cp;
        i += (size_t)adv;
        if (S_function_char(cp))
            continue;
        for (int k = 2; k <= n; k++) {
            if (S_function_char(cps[n - k]))
                continue;
            long id = S_intern(t, s + pos[n - k], i - pos[n - k]);
            if (id < 0 || S_note_bead(t, id, bead))
                return -1;
        }
    }
    return 0;
}

typedef struct {
    long en;
    long zh[3];
    size_t co[3];
    double score;
    int differs;
    int verbatim;
} S_prop;

static int S_cmp_prop(const void *a, const void *b)
{
    const S_prop *x = a, *y = b;
    if (x->differs != y->differs)
        return y->differs - x->differs;
    return x->score < y->score ? 1 : x->score > y->score ? -1 : 0;
}

static size_t S_common(const S_str *a, const S_str *b)
{
    size_t i = 0, j = 0, n = 0;
    while (i < a->n_beads && j < b->n_beads) {
        if (a->beads[i] == b->beads[j]) {
            n++;
            i++;
            j++;
        } else if (a->beads[i] < b->beads[j]) {
            i++;
        } else {
            j++;
        }
    }
    return n;
}

int enf_discover(const enf_doc *en, const enf_doc *zh, const enf_alignment *al, const enf_glossary *g,
                 size_t max_terms, FILE *f, enf_error *err)
{
    if (!max_terms)
        max_terms = 100;
    S_tab et = {0}, zt = {0};
    int rc = ENF_OK;
    size_t nb = al->n_beads;
    for (size_t i = 0; i < nb && rc == ENF_OK; i++) {
        const enf_bead *bd = &al->beads[i];
        if (!bd->n_en || !bd->n_zh)
            continue;
        for (size_t k = 0; k < bd->n_en && rc == ENF_OK; k++) {
            size_t b = bd->en + k;
            const enf_block *blk = &en->blocks[b];
            if (blk->kind == ENF_BLOCK_CODE)
                continue;
            unsigned char *m = malloc(blk->src_len + 1);
            if (!m) {
                rc = ENF_ENOMEM;
                break;
            }
            enf__mask_markup(en->data + blk->src_off, blk->src_len, m);
            if (S_en_block(&et, en, b, m, i))
                rc = ENF_ENOMEM;
            free(m);
        }
        for (size_t k = 0; k < bd->n_zh && rc == ENF_OK; k++) {
            size_t b = bd->zh + k;
            const enf_block *blk = &zh->blocks[b];
            if (blk->kind == ENF_BLOCK_CODE)
                continue;
            unsigned char *m = malloc(blk->src_len + 1);
            if (!m) {
                rc = ENF_ENOMEM;
                break;
            }
            enf__mask_markup(zh->data + blk->src_off, blk->src_len, m);
            if (S_zh_block(&zt, zh, b, m, i))
                rc = ENF_ENOMEM;
            /* English kept verbatim inside the Chinese */
            if (rc == ENF_OK && S_en_block(&zt, zh, b, m, i))
                rc = ENF_ENOMEM;
            free(m);
        }
    }
    S_prop *props = NULL;
    size_t np = 0;
    if (rc == ENF_OK)
        props = calloc(et.n ? et.n : 1, sizeof *props);
    if (rc == ENF_OK && !props)
        rc = ENF_ENOMEM;
    /* bead -> zh ids occurring there */
    size_t *zstart = NULL, *zids = NULL;
    if (rc == ENF_OK) {
        zstart = calloc(nb + 1, sizeof *zstart);
        size_t total = 0;
        for (size_t z = 0; z < zt.n; z++)
            total += zt.v[z].n_beads;
        zids = malloc((total ? total : 1) * sizeof *zids);
        if (!zstart || !zids)
            rc = ENF_ENOMEM;
        else {
            for (size_t z = 0; z < zt.n; z++)
                for (size_t k = 0; k < zt.v[z].n_beads; k++)
                    zstart[zt.v[z].beads[k] + 1]++;
            for (size_t i = 0; i < nb; i++)
                zstart[i + 1] += zstart[i];
            size_t *fill = calloc(nb + 1, sizeof *fill);
            if (!fill)
                rc = ENF_ENOMEM;
            else {
                for (size_t z = 0; z < zt.n; z++)
                    for (size_t k = 0; k < zt.v[z].n_beads; k++) {
                        size_t bb = zt.v[z].beads[k];
                        zids[zstart[bb] + fill[bb]++] = z;
                    }
                free(fill);
            }
        }
    }
    size_t *cnt = rc == ENF_OK ? calloc(zt.n ? zt.n : 1, sizeof *cnt) : NULL;
    if (rc == ENF_OK && !cnt)
        rc = ENF_ENOMEM;
    for (size_t e = 0; e < et.n && rc == ENF_OK; e++) {
        const S_str *x = &et.v[e];
        if (x->n_beads < 2)
            continue;
        /* already in the glossary? */
        if (g) {
            enf_match *m = NULL;
            size_t nm = 0;
            enf__glossary_match_masked(g, 0, x->s, strlen(x->s), NULL, &m, &nm);
            int known = nm == 1 && m[0].off == 0 && m[0].len == strlen(x->s);
            free(m);
            if (known)
                continue;
        }
        S_prop p = {(long)e, {-1, -1, -1}, {0, 0, 0}, 0, 0, 0};
        double best[3] = {0, 0, 0};
        for (size_t k = 0; k < x->n_beads; k++) {
            size_t bb = x->beads[k];
            for (size_t q = zstart[bb]; q < zstart[bb + 1]; q++)
                cnt[zids[q]]++;
        }
        for (size_t k = 0; k < x->n_beads; k++) {
            size_t bb = x->beads[k];
            for (size_t q = zstart[bb]; q < zstart[bb + 1]; q++) {
                size_t z = zids[q];
                if (!cnt[z])
                    continue;
                size_t co = cnt[z];
                cnt[z] = 0;
                if (co < 2 && x->n_beads > 2)
                    continue;
                const S_str *y = &zt.v[z];
                double dice = 2.0 * (double)co / (double)(x->n_beads + y->n_beads);
                dice += 0.01 * (double)strlen(y->s);   /* longer strings break ties */
                int verb = !strcmp(y->s, x->s);
                if (verb)
                    dice += 0.5;
                for (int r = 0; r < 3; r++)
                    if (dice > best[r]) {
                        /* a substring of a kept candidate is the same rendering */
                        int sub = 0;
                        for (int q2 = 0; q2 < 3; q2++)
                            if (p.zh[q2] >= 0 && (strstr(zt.v[p.zh[q2]].s, y->s) || strstr(y->s, zt.v[p.zh[q2]].s)))
                                sub = 1;
                        if (sub && r > 0)
                            break;
                        memmove(best + r + 1, best + r, (size_t)(2 - r) * sizeof *best);
                        memmove(p.zh + r + 1, p.zh + r, (size_t)(2 - r) * sizeof *p.zh);
                        best[r] = dice;
                        p.zh[r] = (long)z;
                        break;
                    }
            }
        }
        if (p.zh[0] < 0 || best[0] < 0.5)
            continue;
        for (int r = 0; r < 3; r++)
            if (p.zh[r] >= 0)
                p.co[r] = S_common(x, &zt.v[p.zh[r]]);
        p.verbatim = !strcmp(zt.v[p.zh[0]].s, x->s);
        /* rendered differently: a second candidate covers beads the first misses */
        if (p.zh[1] >= 0 && best[1] >= 0.3 && p.co[0] < x->n_beads && p.co[1] >= 1 &&
            p.co[0] + p.co[1] >= x->n_beads && !strstr(zt.v[p.zh[0]].s, zt.v[p.zh[1]].s) &&
            !strstr(zt.v[p.zh[1]].s, zt.v[p.zh[0]].s))
            p.differs = 1;
        p.score = best[0] * (double)x->n_beads;
        props[np++] = p;
    }
    if (rc == ENF_OK) {
        qsort(props, np, sizeof *props, S_cmp_prop);
        fputs("en\tzh\tverbatim\tforbidden\tvariants\tflags\tnote\n", f);
        for (size_t i = 0; i < np && i < max_terms; i++) {
            const S_prop *p = &props[i];
            const S_str *x = &et.v[p->en];
            fprintf(f, "%s\t", x->s);
            int first = 1;
            for (int r = 0; r < 3; r++) {
                if (p->zh[r] < 0 || (r > 0 && !p->differs) || !strcmp(zt.v[p->zh[r]].s, x->s))
                    continue;
                fprintf(f, "%s%s", first ? "" : "|", zt.v[p->zh[r]].s);
                first = 0;
            }
            fprintf(f, "\t%s\t\t\t\tdiscovered: in %zu blocks;", p->verbatim ? "ok" : "", x->n_beads);
            for (int r = 0; r < 3; r++)
                if (p->zh[r] >= 0)
                    fprintf(f, " %s in %zu;", zt.v[p->zh[r]].s, p->co[r]);
            fputs(p->differs ? " rendered differently\n" : "\n", f);
        }
    }
    free(cnt);
    free(zstart);
    free(zids);
    free(props);
    S_tab_free(&et);
    S_tab_free(&zt);
    if (rc)
        return enf_error_set(err, rc, "discover: out of memory");
    return ferror(f) ? enf_error_set(err, ENF_EIO, "write error") : ENF_OK;
}
