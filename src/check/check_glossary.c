/* check_glossary.c — the glossary rules: glossary.forbidden (a forbidden
 * rendering anywhere in the Chinese), glossary.inconsistent (one term
 * rendered several ways; the minority renderings are reported, pointing to
 * the majority), glossary.verbatim (a must-stay-verbatim term altered or, in
 * bilingual mode, missing from its aligned block) and glossary.missing
 * (bilingual: an English term whose aligned Chinese has no rendering). */
#include "check_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t blk;
    enf_match m;          /* m.off absolute in doc->data */
} S_occ;

typedef struct {
    S_occ *v;
    size_t n, cap;
    size_t *first;        /* per block: index of its first occurrence */
} S_occs;

static int S_collect(const enf__check_ctx *c, const enf_doc *d, unsigned char **masks, int lang,
                     S_occs *o)
{
    o->first = malloc((d->n_blocks + 1) * sizeof *o->first);
    if (!o->first)
        return ENF_ENOMEM;
    for (size_t b = 0; b < d->n_blocks; b++) {
        o->first[b] = o->n;
        const enf_block *blk = &d->blocks[b];
        if (blk->kind == ENF_BLOCK_CODE)
            continue;
        enf_match *m = NULL;
        size_t nm = 0;
        if (enf__glossary_match_masked(c->g, lang, d->data + blk->src_off, blk->src_len, masks[b], &m, &nm))
            return ENF_ENOMEM;
        if (enf__grow((void **)&o->v, &o->cap, o->n + nm, sizeof *o->v)) {
            free(m);
            return ENF_ENOMEM;
        }
        for (size_t i = 0; i < nm; i++) {
            o->v[o->n].blk = b;
            o->v[o->n].m = m[i];
            o->v[o->n].m.off += blk->src_off;
            o->n++;
        }
        free(m);
    }
    o->first[d->n_blocks] = o->n;
    return ENF_OK;
}

/* "use "变换器" or "Transformer"" into buf. */
static const char *S_expected(const enf_term *t, char *buf, size_t sz)
{
    size_t n = 0;
    buf[0] = '\0';
    /* a must-stay term is first of all its English form (its renderings,
     * an expansion or 🤗 for Hugging Face, are accepted beside it) */
    int en_first = t->verbatim == ENF_VERBATIM_MUST;
    if (en_first)
        n += (size_t)snprintf(buf, sz, "\"%s\"", t->en);
    for (size_t i = 0; i < t->n_zh && n + 1 < sz; i++)
        n += (size_t)snprintf(buf + n, sz - n, "%s\"%s\"", n ? " or " : "", t->zh[i]);
    if (!en_first && t->verbatim != ENF_VERBATIM_NO && n + 1 < sz)
        n += (size_t)snprintf(buf + n, sz - n, "%s\"%s\"", n ? " or " : "", t->en);
    if (n >= sz)
        buf[sz - 1] = '\0';
    return buf;
}

/* The rendering an occurrence stands for (for consistency counting), or
 * NULL when it does not count. */
static const char *S_rendering(const enf_term *t, const enf_match *m)
{
    switch (m->kind) {
    case ENF_MATCH_APPROVED: return t->zh[m->rendering];
    case ENF_MATCH_VARIANT: return t->variants[m->rendering];
    case ENF_MATCH_VERBATIM:
        /* the English form of a must-stay term and its expansion coexist */
        return t->verbatim == ENF_VERBATIM_OK ? t->en : NULL;
    default: return NULL;
    }
}

static int S_cmp_occ_term(const void *a, const void *b)
{
    const S_occ *x = *(const S_occ *const *)a, *y = *(const S_occ *const *)b;
    if (x->m.term != y->m.term)
        return x->m.term < y->m.term ? -1 : 1;
    return x->m.off < y->m.off ? -1 : x->m.off > y->m.off;
}

/* Index of an occurrence's rendering among the term's renderings:
 * approved 0..n_zh-1, the verbatim form n_zh, variants after it. */
static size_t S_rindex_raw(const enf_term *t, const enf_match *m)
{
    switch (m->kind) {
    case ENF_MATCH_APPROVED: return m->rendering;
    case ENF_MATCH_VERBATIM: return t->n_zh;
    default: return t->n_zh + 1 + m->rendering;
    }
}

/* The class an occurrence votes for: its rendering, or the first rendering
 * of its equivalents group (对抗 and 对抗性 are one choice, not two). */
static size_t S_rindex(const enf_term *t, const enf_match *m)
{
    size_t r = S_rindex_raw(t, m);
    if (r < t->n_group_of && t->group_of[r])
        for (size_t k = 0; k < r; k++)
            if (t->group_of[k] == t->group_of[r])
                return k;
    return r;
}

/* Whether a rendering string is also an approved rendering or a variant of
 * another entry (精度 for accuracy and for precision): ambiguous. */
static int S_ambiguous(const enf_glossary *g, size_t term, const char *s)
{
    for (size_t i = 0; i < g->n; i++) {
        if (i == term)
            continue;
        const enf_term *o = &g->terms[i];
        for (size_t r = 0; r < o->n_zh; r++)
            if (!strcmp(o->zh[r], s))
                return 1;
        for (size_t r = 0; r < o->n_variants; r++)
            if (!strcmp(o->variants[r], s))
                return 1;
    }
    return 0;
}

/* Bilingual mode: whether the English side of the bead holding a Chinese
 * occurrence has the term (or a synonym); an occurrence whose original says
 * something else (论文 inside 评论文章 for "review article") does not vote. */
/* Which synonym groups the English side of a bead has: stamp[group] ==
 * bead + 1, filled once per bead (not once per Chinese occurrence, which
 * was quadratic in the terms of one long paragraph). */
static int S_backed(const enf__check_ctx *c, const S_occs *eo, const S_occ *o, size_t *stamp)
{
    if (!c->al || !eo->first)
        return 1;
    size_t bi = c->zh_bead[o->blk];
    if (bi == (size_t)-1 || c->al->beads[bi].n_en == 0)
        return 1;   /* an added block has no original to ask */
    const enf_bead *bd = &c->al->beads[bi];
    size_t first = eo->first[bd->en], end = eo->first[bd->en + bd->n_en];
    if (first < end && stamp[enf__glossary_group(c->g, eo->v[first].m.term)] != bi + 1)
        for (size_t k = first; k < end; k++)
            stamp[enf__glossary_group(c->g, eo->v[k].m.term)] = bi + 1;
    /* the term itself is in its own group */
    return stamp[enf__glossary_group(c->g, o->m.term)] == bi + 1;
}

static int S_upper(char ch)
{
    return ch >= 'A' && ch <= 'Z';
}

/* Whether an English form kept in the Chinese is part of a name: the term
 * is written in lower case, this occurrence capitalized, and a capitalized
 * Latin word stands next to it ("Qwen Prompt Enhancer" for "prompt").  A
 * name is not a rendering, so it does not vote for consistency. */
static int S_in_name(const enf_doc *zh, const enf_term *t, const enf_match *m)
{
    if (m->kind != ENF_MATCH_VERBATIM || S_upper(t->en[0]) || !S_upper(zh->data[m->off]))
        return 0;
    size_t a = m->off, e = m->off + m->len;
    if (a >= 2 && zh->data[a - 1] == ' ') {
        size_t k = a - 1;
        while (k > 0 && zh->data[k - 1] != ' ' && (unsigned char)zh->data[k - 1] < 0x80 &&
               ((zh->data[k - 1] | 0x20) >= 'a' && (zh->data[k - 1] | 0x20) <= 'z'))
            k--;
        if (k < a - 1 && S_upper(zh->data[k]))
            return 1;
    }
    return e + 1 < zh->len && zh->data[e] == ' ' && S_upper(zh->data[e + 1]);
}

/* Whether occurrence i is a gloss in parentheses of the occurrence before
 * it: 深度伪造（deepfake）, deepfake（深度伪造）, 补丁版本 (patch releases).
 * The translator shows both forms on purpose, so neither member of the
 * pair votes for consistency.  The parentheses hold no sentence
 * punctuation and open at most four characters after the first form. */
static int S_paren(const char *s, size_t at, size_t end, int open)
{
    return s[at] == (open ? '(' : ')') ||
           (at + 3 <= end && !memcmp(s + at, open ? "\xef\xbc\x88" : "\xef\xbc\x89", 3));
}

static int S_stop(const char *s, size_t at, size_t end)
{
    unsigned char ch = (unsigned char)s[at];
    if (ch < 0x80)
        return strchr("(),;:!?", ch) != NULL;
    /* 、。 and the other CJK symbols (U+3000..U+303F); full-width forms
     * (U+FF01..U+FF1F: ，；：！？ and the parentheses) */
    return at + 2 < end && ((ch == 0xe3 && (unsigned char)s[at + 1] == 0x80) ||
                            (ch == 0xef && (unsigned char)s[at + 1] == 0xbc && (unsigned char)s[at + 2] <= 0x9f));
}

static int S_gloss_of_prev(const enf__check_ctx *c, const S_occs *zo, size_t i)
{
    if (i == 0 || zo->v[i - 1].blk != zo->v[i].blk)
        return 0;
    const S_occ *p = &zo->v[i - 1], *q = &zo->v[i];
    if (enf__glossary_group(c->g, p->m.term) != enf__glossary_group(c->g, q->m.term))
        return 0;
    const char *s = c->zh->data;
    size_t end = c->zh->len, pe = p->m.off + p->m.len;
    if (q->m.off < pe + 1)
        return 0;
    /* back from q to the opening parenthesis */
    size_t a = q->m.off;
    while (a > pe && q->m.off - a < 48) {
        size_t k = a - 1;
        while (k > pe && ((unsigned char)s[k] & 0xc0) == 0x80)
            k--;
        if (S_paren(s, k, end, 1)) {
            a = k;
            break;
        }
        if (S_stop(s, k, end))
            return 0;
        a = k;
    }
    if (!S_paren(s, a, end, 1) || a - pe > 12)
        return 0;
    for (size_t k = pe; k < a; k++)
        if (S_stop(s, k, end))
            return 0;
    /* forward from q to the closing one */
    for (size_t e = q->m.off + q->m.len; e < end && e - q->m.off < 64; e++) {
        if (S_paren(s, e, end, 0))
            return 1;
        if (S_stop(s, e, end))
            return 0;
    }
    return 0;
}

static int S_gloss(const enf__check_ctx *c, const S_occs *zo, size_t i)
{
    return S_gloss_of_prev(c, zo, i) || (i + 1 < zo->n && S_gloss_of_prev(c, zo, i + 1));
}

static int S_inconsistent(enf__check_ctx *c, S_occs *zo, const S_occs *eo)
{
    if (!enf__rule_on(c, ENF_RULE_GLOSSARY_INCONSISTENT) || zo->n == 0)
        return ENF_OK;
    const S_occ **v = malloc(zo->n * sizeof *v);
    size_t *stamp = calloc(c->g->n + 1, sizeof *stamp);
    if (!v || !stamp) {
        free(v);
        free(stamp);
        return ENF_ENOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < zo->n; i++)
        if (S_rendering(&c->g->terms[zo->v[i].m.term], &zo->v[i].m) && S_backed(c, eo, &zo->v[i], stamp) &&
            !S_in_name(c->zh, &c->g->terms[zo->v[i].m.term], &zo->v[i].m) && !S_gloss(c, zo, i))
            v[n++] = &zo->v[i];
    free(stamp);
    qsort(v, n, sizeof *v, S_cmp_occ_term);
    int rc = ENF_OK;
    size_t *count = NULL, cap = 0;
    for (size_t i = 0; i < n && rc == ENF_OK;) {
        size_t j = i;
        while (j < n && v[j]->m.term == v[i]->m.term)
            j++;
        const enf_term *t = &c->g->terms[v[i]->m.term];
        size_t nr = t->n_zh + 1 + t->n_variants;
        if (enf__grow((void **)&count, &cap, nr, sizeof *count)) {
            rc = ENF_ENOMEM;
            break;
        }
        memset(count, 0, nr * sizeof *count);
        for (size_t k = i; k < j; k++)
            count[S_rindex(t, &v[k]->m)]++;
        /* the majority; a tie goes to the glossary's order (zh, verbatim,
         * variants), which is the index order */
        size_t best = 0, distinct = 0;
        for (size_t r = 0; r < nr; r++) {
            distinct += count[r] > 0;
            if (count[r] > count[best])
                best = r;
        }
        if (distinct >= 2) {
            const S_occ *first_best = NULL;
            const char *best_s = NULL;
            for (size_t k = i; k < j && !first_best; k++)
                if (S_rindex(t, &v[k]->m) == best) {
                    first_best = v[k];
                    best_s = S_rendering(t, &v[k]->m);
                }
            int bl = 0, bc = 0;
            enf__pos(c, c->zh, first_best->blk, first_best->m.off, &bl, &bc);
            for (size_t k = i; k < j && rc == ENF_OK; k++) {
                if (S_rindex(t, &v[k]->m) == best)
                    continue;
                char found[256];
                size_t fl = v[k]->m.len < sizeof found - 1 ? v[k]->m.len : sizeof found - 1;
                memcpy(found, c->zh->data + v[k]->m.off, fl);
                found[fl] = '\0';
                /* the fix is the glossary's preferred rendering unless the
                 * document's majority is itself approved: a document that
                 * mostly writes a variant is not told to use the variant */
                const char *fix = best < t->n_zh || (best == t->n_zh && t->verbatim != ENF_VERBATIM_NO)
                                      ? best_s : t->n_zh ? t->zh[0] : t->en;
                enf__where w = {ENF_RULE_GLOSSARY_INCONSISTENT, {ENF_NO_BLOCK, v[k]->blk},
                                {(size_t)-1, v[k]->m.off}, {0, v[k]->m.len}, t->en, fix, found};
                size_t before = c->out->n;
                if (fix == best_s)
                    rc = enf__report(c, &w,
                                     "\"%s\" for \"%s\", but this document uses \"%s\" %zu time%s "
                                     "(first at line %d)",
                                     found, t->en, best_s, count[best], count[best] == 1 ? "" : "s", bl);
                else
                    rc = enf__report(c, &w,
                                     "\"%s\" for \"%s\", but this document uses \"%s\" %zu time%s "
                                     "(first at line %d); the glossary prefers \"%s\"",
                                     found, t->en, best_s, count[best], count[best] == 1 ? "" : "s", bl, fix);
                /* an ambiguous rendering (精度: accuracy or precision) may
                 * stand for the other term: a note, not a warning */
                /* and so is a mix of two renderings the glossary approves
                 * (提示/提示词): human translators vary them on purpose; a
                 * variant or the English form against them stays a warning */
                if (S_ambiguous(c->g, v[k]->m.term, S_rendering(t, &v[k]->m)) ||
                    (best < t->n_zh && S_rindex(t, &v[k]->m) < t->n_zh))
                    enf__cap_since(c, before, ENF_SEV_NOTE);
            }
        }
        i = j;
    }
    free(count);
    free(v);
    return rc;
}

/* Same text as t->en up to a plural s, exactly (case included)?  A form
 * written in lower case only ("softmax", "seq2seq") takes any case: only
 * a required capital (PyTorch, arXiv) makes a case difference an error. */
static int S_same_case(const enf_term *t, const char *s, size_t n)
{
    size_t el = strlen(t->en);
    if (n == el + 1 && s[el] == 's')
        n = el;
    if (n != el)
        return 1;   /* spacing differences: not a case question */
    int upper = 0;
    for (size_t i = 0; i < el; i++)
        upper |= t->en[i] >= 'A' && t->en[i] <= 'Z';
    return !upper || memcmp(s, t->en, n) == 0;
}

/* Whether a match of a longer term contains one of t's renderings
 * (训练数据集 holds 训练 for "training"). */
static int S_contains_rendering(const enf_doc *zh, const enf_match *m, const enf_term *t)
{
    const char *s = zh->data + m->off;
    for (size_t r = 0; r < t->n_zh; r++) {
        size_t n = strlen(t->zh[r]);
        for (size_t i = 0; n && i + n <= m->len; i++)
            if (!memcmp(s + i, t->zh[r], n))
                return 1;
    }
    return 0;
}

/* Characters of a bead's blocks on one side. */
static size_t S_bead_chars(const enf_doc *d, size_t first, size_t n)
{
    size_t k = 0;
    for (size_t b = first; b < first + n; b++)
        k += d->blocks[b].nchars;
    return k;
}

/* The document's Chinese characters per English character, over the
 * paired beads (Chinese runs at about a third of the English length). */
static double S_doc_ratio(const enf__check_ctx *c)
{
    size_t e = 0, z = 0;
    for (size_t i = 0; i < c->al->n_beads; i++) {
        const enf_bead *bd = &c->al->beads[i];
        if (!bd->n_en || !bd->n_zh)
            continue;
        e += S_bead_chars(c->en, bd->en, bd->n_en);
        z += S_bead_chars(c->zh, bd->zh, bd->n_zh);
    }
    return e ? (double)z / (double)e : 0.0;
}

/* A translation that is clearly a summary of its original: under 60% of
 * the length the document's own ratio predicts (human translations of
 * whole paragraphs stay within about a third of it), for an original of
 * some length (a short line's length says little). */
static int S_shortened(const enf__check_ctx *c, const enf_bead *bd, double ratio)
{
    size_t e = S_bead_chars(c->en, bd->en, bd->n_en), z = S_bead_chars(c->zh, bd->zh, bd->n_zh);
    return e >= 80 && ratio > 0 && (double)z < 0.6 * ratio * (double)e;
}

/* Whether ctx holds for occurrence o, judged inside its block's source
 * with the block's regular matches (offsets made block-relative). */
static int S_holds(const enf__check_ctx *c, const S_occs *zo, const S_occ *o, const enf_context *ctx)
{
    if (!ctx->n_conds)
        return 1;
    const enf_block *blk = &c->zh->blocks[o->blk];
    size_t first = zo->first[o->blk], n = zo->first[o->blk + 1] - first;
    enf_match *rel = malloc((n ? n : 1) * sizeof *rel);
    if (!rel)
        return 1;   /* out of memory: report rather than hide */
    for (size_t i = 0; i < n; i++) {
        rel[i] = zo->v[first + i].m;
        rel[i].off -= blk->src_off;
    }
    int h = enf_context_holds(c->g, o->m.term, ctx, c->zh->data + blk->src_off, blk->src_len,
                              o->m.off - blk->src_off, o->m.len, rel, n);
    free(rel);
    return h;
}

/* glossary.suspect: renderings right in general Chinese that the
 * glossary's contexts mark as wrong here (甘 for GAN beside GANs). */
static int S_suspects(enf__check_ctx *c, S_occs *zo)
{
    if (!enf__rule_on(c, ENF_RULE_GLOSSARY_SUSPECT))
        return ENF_OK;
    int rc = ENF_OK;
    enf_match *rel = NULL;
    size_t cap = 0;
    char exp[512];
    for (size_t b = 0; b < c->zh->n_blocks && rc == ENF_OK; b++) {
        const enf_block *blk = &c->zh->blocks[b];
        if (blk->kind == ENF_BLOCK_CODE)
            continue;
        size_t first = zo->first[b], n = zo->first[b + 1] - first;
        if (enf__grow((void **)&rel, &cap, n + 1, sizeof *rel)) {
            rc = ENF_ENOMEM;
            break;
        }
        for (size_t i = 0; i < n; i++) {
            rel[i] = zo->v[first + i].m;
            rel[i].off -= blk->src_off;
        }
        const char *src = c->zh->data + blk->src_off;
        enf_match *sm = NULL;
        size_t ns = 0;
        if (enf__glossary_match_suspects(c->g, src, blk->src_len, c->zh_mask[b], rel, n, &sm, &ns)) {
            rc = ENF_ENOMEM;
            break;
        }
        for (size_t i = 0; i < ns && rc == ENF_OK; i++) {
            const enf_term *t = &c->g->terms[sm[i].term];
            const char *zs = t->suspects[sm[i].rendering].zh;
            int hit = 0;
            /* several items for one string: any whose context holds */
            for (size_t r = 0; r < t->n_suspects && !hit; r++)
                if (!strcmp(t->suspects[r].zh, zs))
                    hit = enf_context_holds(c->g, sm[i].term, &t->suspects[r], src, blk->src_len, sm[i].off,
                                            sm[i].len, rel, n);
            if (!hit)
                continue;
            char found[256];
            size_t fl = sm[i].len < sizeof found - 1 ? sm[i].len : sizeof found - 1;
            memcpy(found, src + sm[i].off, fl);
            found[fl] = '\0';
            const char *fix = t->verbatim == ENF_VERBATIM_MUST || !t->n_zh ? t->en : t->zh[0];
            enf__where w = {ENF_RULE_GLOSSARY_SUSPECT, {ENF_NO_BLOCK, b}, {(size_t)-1, blk->src_off + sm[i].off},
                            {0, sm[i].len}, t->en, fix, found};
            rc = enf__report(c, &w, "\"%s\" here probably stands for \"%s\" — use %s", found, t->en,
                             S_expected(t, exp, sizeof exp));
        }
        free(sm);
    }
    free(rel);
    return rc;
}

int enf__check_glossary(enf__check_ctx *c)
{
    if (!c->g || c->g->n == 0)
        return ENF_OK;
    S_occs zo = {0}, eo = {0}, lo = {0};
    int rc = S_collect(c, c->zh, c->zh_mask, 1, &zo);
    if (rc == ENF_OK && c->en)
        rc = S_collect(c, c->en, c->en_mask, 0, &eo);
    /* English terms written in Latin script inside the Chinese */
    if (rc == ENF_OK && c->en)
        rc = S_collect(c, c->zh, c->zh_mask, 0, &lo);
    char exp[512];
    for (size_t i = 0; i < zo.n && rc == ENF_OK; i++) {
        const S_occ *o = &zo.v[i];
        const enf_term *t = &c->g->terms[o->m.term];
        char found[256];
        size_t fl = o->m.len < sizeof found - 1 ? o->m.len : sizeof found - 1;
        memcpy(found, c->zh->data + o->m.off, fl);
        found[fl] = '\0';
        enf__where w = {ENF_RULE_GLOSSARY_FORBIDDEN, {ENF_NO_BLOCK, o->blk}, {(size_t)-1, o->m.off},
                        {0, o->m.len}, t->en,
                        t->n_zh && t->verbatim != ENF_VERBATIM_MUST ? t->zh[0] : t->en, found};
        if (o->m.kind == ENF_MATCH_FORBIDDEN && t->forbidden_ctx &&
            !S_holds(c, &zo, o, &t->forbidden_ctx[o->m.rendering])) {
            continue;   /* the everyday sense (报纸 among news words) */
        } else if (o->m.kind == ENF_MATCH_FORBIDDEN) {
            rc = enf__report(c, &w, "\"%s\" for \"%s\" — use %s", found, t->en, S_expected(t, exp, sizeof exp));
        } else if (o->m.kind == ENF_MATCH_VERBATIM && t->verbatim == ENF_VERBATIM_MUST &&
                   !S_same_case(t, found, fl)) {
            w.rule = ENF_RULE_GLOSSARY_VERBATIM;
            w.expected = t->en;
            rc = enf__report(c, &w, "\"%s\" must be written \"%s\"", found, t->en);
        }
    }
    if (rc == ENF_OK)
        rc = S_suspects(c, &zo);
    if (rc == ENF_OK)
        rc = S_inconsistent(c, &zo, &eo);
    /* bilingual: each English term needs a rendering in its aligned block,
     * judged once per term (or must-stay group) and bead: seen[] and
     * seen_must[] hold bead + 1 for the terms and groups met so far in the
     * bead, so a long paragraph costs its occurrences times its distinct
     * terms, not its occurrences squared */
    size_t *seen = NULL, *seen_must = NULL, bead_first = 0, cur_bead = (size_t)-1;
    double ratio = -1;   /* S_doc_ratio, computed when first needed */
    if (rc == ENF_OK && c->al && eo.n) {
        seen = calloc(c->g->n + 1, sizeof *seen);
        seen_must = calloc(c->g->n + 1, sizeof *seen_must);
        if (!seen || !seen_must)
            rc = ENF_ENOMEM;
    }
    for (size_t i = 0; i < eo.n && rc == ENF_OK && c->al; i++) {
        const S_occ *o = &eo.v[i];
        const enf_term *t = &c->g->terms[o->m.term];
        size_t bi = c->en_bead[o->blk];
        if (bi != cur_bead) {
            cur_bead = bi;
            bead_first = i;
        }
        size_t grp = enf__glossary_group(c->g, o->m.term);
        int dup = bi != (size_t)-1 &&
                  (seen[o->m.term] == bi + 1 || (t->verbatim == ENF_VERBATIM_MUST && seen_must[grp] == bi + 1));
        if (bi != (size_t)-1) {
            seen[o->m.term] = bi + 1;
            if (t->verbatim == ENF_VERBATIM_MUST)
                seen_must[grp] = bi + 1;
        }
        if (bi == (size_t)-1)
            continue;
        const enf_bead *bd = &c->al->beads[bi];
        if (bd->n_zh == 0)
            continue;   /* an omitted block is block.omitted's business */
        if (dup)
            continue;
        size_t have = 0, need = 0;
        for (size_t k = zo.first[bd->zh]; k < zo.first[bd->zh + bd->n_zh]; k++)
            /* a forbidden rendering counts: it is reported as forbidden */
            if (zo.v[k].m.term == o->m.term || enf__glossary_group(c->g, zo.v[k].m.term) == grp ||
                (t->verbatim != ENF_VERBATIM_MUST && S_contains_rendering(c->zh, &zo.v[k].m, t)))
                have++;
        /* the English term kept in the Chinese: untranslated's business */
        for (size_t k = lo.first[bd->zh]; k < lo.first[bd->zh + bd->n_zh] && t->verbatim != ENF_VERBATIM_MUST; k++)
            if (lo.v[k].m.term == o->m.term || enf__glossary_group(c->g, lo.v[k].m.term) == grp)
                have++;
        for (size_t k = bead_first; k < eo.n && c->en_bead[eo.v[k].blk] == bi; k++)
            if (eo.v[k].m.term == o->m.term ||
                (t->verbatim == ENF_VERBATIM_MUST && enf__glossary_group(c->g, eo.v[k].m.term) == grp))
                need++;
        /* a must-stay name is counted (MT translates one of two "CNN"s);
         * other terms need one rendering (pronouns stand for repeats) */
        if (have >= (t->verbatim == ENF_VERBATIM_MUST ? need : 1))
            continue;
        char found[256];
        size_t fl = o->m.len < sizeof found - 1 ? o->m.len : sizeof found - 1;
        memcpy(found, c->en->data + o->m.off, fl);
        found[fl] = '\0';
        /* a must-stay name absent from a paragraph the translator clearly
         * shortened was left out with the rest, not altered: a missing
         * term (a note), not a verbatim error */
        int must = t->verbatim == ENF_VERBATIM_MUST;
        if (must && !have && ratio < 0)
            ratio = S_doc_ratio(c);
        int summary = must && !have && S_shortened(c, bd, ratio);
        /* a must-stay name written fewer times than in the original, but
         * written: a translator says "the key" for a second "API key"; a
         * name rendered wrongly is caught by its forbidden form, so the
         * shortfall alone is a note */
        int fewer = must && have;
        enf__where w = {must && !summary && !fewer ? ENF_RULE_GLOSSARY_VERBATIM : ENF_RULE_GLOSSARY_MISSING,
                        {o->blk, bd->zh}, {o->m.off, (size_t)-1}, {o->m.len, 0}, t->en,
                        t->n_zh ? t->zh[0] : t->en, NULL};
        if (summary)
            rc = enf__report(c, &w, "\"%s\" (line %d of the original) is not in this shortened translation "
                             "of its paragraph", found, c->en->blocks[o->blk].start_line);
        else if (fewer)
            rc = enf__report(c, &w, "\"%s\": %zu mentions in the original's paragraph (line %d), %zu here",
                             t->en, need, c->en->blocks[o->blk].start_line, have);
        else if (must)
            rc = enf__report(c, &w, "\"%s\" (line %d of the original) must stay \"%s\" in the translation",
                             found, c->en->blocks[o->blk].start_line, t->en);
        else
            rc = enf__report(c, &w, "\"%s\" (line %d of the original) is not rendered here — expected %s",
                             found, c->en->blocks[o->blk].start_line, S_expected(t, exp, sizeof exp));
    }
    free(seen);
    free(seen_must);
    free(zo.v);
    free(zo.first);
    free(eo.v);
    free(eo.first);
    free(lo.v);
    free(lo.first);
    return rc;
}
