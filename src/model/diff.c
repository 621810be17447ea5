/* diff.c — the difference between two versions of a text, for the report's
 * revision view and for code that changed inside a pair.  Tokens are words
 * of Latin letters and digits (English changes read word by word) and
 * single other characters (Chinese changes read character by character);
 * Myers' O(ND) algorithm finds a shortest edit script over them. */
#include "enface/model.h"
#include "model_internal.h"

#include <stdlib.h>
#include <string.h>

/* Edit distances beyond this fall back to "all deleted, all inserted" for
 * the middle part: the trace costs O(D^2) memory and such a diff is
 * unreadable anyway. */
#define S_MAX_D 2000

typedef struct {
    size_t off, len;
    unsigned hash;
} S_tok;

static int S_is_word_cp(int cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           cp == '_' || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

static unsigned S_hash(const char *s, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int S_tokenize(const char *s, size_t len, S_tok **out, size_t *n_out)
{
    size_t cap = 16, n = 0;
    S_tok *v = malloc(cap * sizeof *v);
    if (!v)
        return -1;
    size_t i = 0;
    while (i < len) {
        int adv;
        int cp = enf__utf8_decode(s + i, len - i, &adv);
        size_t start = i;
        i += (size_t)adv;
        if (S_is_word_cp(cp)) {
            while (i < len) {
                int a2, c2 = enf__utf8_decode(s + i, len - i, &a2);
                if (!S_is_word_cp(c2))
                    break;
                i += (size_t)a2;
            }
        }
        if (enf__grow((void **)&v, &cap, n + 1, sizeof *v)) {
            free(v);
            return -1;
        }
        v[n].off = start;
        v[n].len = i - start;
        v[n].hash = S_hash(s + start, i - start);
        n++;
    }
    *out = v;
    *n_out = n;
    return 0;
}

static int S_tok_eq(const char *a, const S_tok *x, const char *b, const S_tok *y)
{
    return x->hash == y->hash && x->len == y->len && memcmp(a + x->off, b + y->off, x->len) == 0;
}

typedef struct {
    enf_diff_op *v;
    size_t n, cap;
    int oom;
} S_ops;

/* Append an op over tokens, merging with the previous op of the same kind. */
static void S_push(S_ops *o, enf_diff_kind kind, size_t a_off, size_t a_len, size_t b_off,
                   size_t b_len)
{
    if (o->oom || (a_len == 0 && b_len == 0))
        return;
    if (o->n > 0 && o->v[o->n - 1].kind == kind) {
        enf_diff_op *p = &o->v[o->n - 1];
        if (p->a_off + p->a_len == a_off && p->b_off + p->b_len == b_off) {
            p->a_len += a_len;
            p->b_len += b_len;
            return;
        }
    }
    if (enf__grow((void **)&o->v, &o->cap, o->n + 1, sizeof *o->v)) {
        o->oom = 1;
        return;
    }
    o->v[o->n].kind = kind;
    o->v[o->n].a_off = a_off;
    o->v[o->n].a_len = a_len;
    o->v[o->n].b_off = b_off;
    o->v[o->n].b_len = b_len;
    o->n++;
}

/* Byte span of tokens [i, j) (j > i) of a token array. */
static size_t S_span_len(const S_tok *t, size_t i, size_t j)
{
    return t[j - 1].off + t[j - 1].len - t[i].off;
}

/* Myers' greedy algorithm over tokens a[0..n) and b[0..m) (no common prefix
 * or suffix left), keeping each round's V for the backtrack.  Fills the edit
 * script as a sequence of per-token moves in reverse into ops. Returns -1
 * when D exceeds S_MAX_D or memory runs out. */
static int S_myers(const S_tok *a, size_t n, const char *as, const S_tok *b, size_t m,
                   const char *bs, unsigned char *moves, size_t *n_moves)
{
    long N = (long)n, M = (long)m, max = N + M;
    long dmax = max < S_MAX_D ? max : S_MAX_D;
    long off = dmax + 1;
    long *v = calloc((size_t)(2 * dmax + 3), sizeof *v);
    /* trace[d] is V after round d, restricted to diagonals -d..d */
    long **trace = calloc((size_t)dmax + 1, sizeof *trace);
    if (!v || !trace) {
        free(v);
        free(trace);
        return -1;
    }
    long dfound = -1;
    for (long d = 0; d <= dmax && dfound < 0; d++) {
        for (long k = -d; k <= d; k += 2) {
            long x;
            if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
                x = v[off + k + 1];
            else
                x = v[off + k - 1] + 1;
            long y = x - k;
            while (x < N && y < M && S_tok_eq(as, &a[x], bs, &b[y])) {
                x++;
                y++;
            }
            v[off + k] = x;
            if (x >= N && y >= M) {
                dfound = d;
                break;
            }
        }
        trace[d] = malloc((size_t)(2 * d + 1) * sizeof **trace);
        if (!trace[d]) {
            dfound = -2;
            break;
        }
        memcpy(trace[d], v + off - d, (size_t)(2 * d + 1) * sizeof **trace);
    }
    int rc = -1;
    if (dfound >= 0) {
        /* backtrack from (N, M): moves are 'e' (both), 'd' (a only), 'i' (b only) */
        long x = N, y = M;
        size_t nm = 0;
        for (long d = dfound; d >= 0; d--) {
            long k = x - y;
            long px, py;
            if (d == 0) {
                px = 0;
                py = 0;
            } else {
                const long *pv = trace[d - 1]; /* index k + (d-1) */
                long kk;
                if (k == -d || (k != d && pv[k - 1 + d - 1] < pv[k + 1 + d - 1]))
                    kk = k + 1;
                else
                    kk = k - 1;
                px = pv[kk + d - 1];
                py = px - kk;
            }
            while (x > px && y > py) {
                moves[nm++] = 'e';
                x--;
                y--;
            }
            if (d > 0) {
                if (x == px)
                    moves[nm++] = 'i', y--;
                else
                    moves[nm++] = 'd', x--;
            }
        }
        *n_moves = nm;
        rc = 0;
    }
    for (long d = 0; d <= dmax; d++)
        free(trace[d]);
    free(trace);
    free(v);
    return rc;
}

int enf_diff_text(const char *a, size_t alen, const char *b, size_t blen, enf_diff_op **out,
                  size_t *n_out, enf_error *err)
{
    *out = NULL;
    *n_out = 0;
    S_tok *ta = NULL, *tb = NULL;
    size_t na = 0, nb = 0;
    if (S_tokenize(a, alen, &ta, &na) || S_tokenize(b, blen, &tb, &nb)) {
        free(ta);
        return enf_error_set(err, ENF_ENOMEM, "diff: out of memory");
    }
    size_t pre = 0, suf = 0;
    while (pre < na && pre < nb && S_tok_eq(a, &ta[pre], b, &tb[pre]))
        pre++;
    while (suf < na - pre && suf < nb - pre &&
           S_tok_eq(a, &ta[na - 1 - suf], b, &tb[nb - 1 - suf]))
        suf++;
    S_ops o = {0};
    if (pre)
        S_push(&o, ENF_DIFF_EQUAL, 0, S_span_len(ta, 0, pre), 0, S_span_len(tb, 0, pre));
    size_t ma = na - pre - suf, mb = nb - pre - suf;
    const S_tok *xa = ta + pre, *xb = tb + pre;
    /* where token k of the middle starts, k == count: where the middle ends */
#define S_AT(x, t, m, k) ((k) < (m) ? (x)[k].off : (m) ? (x)[(m) - 1].off + (x)[(m) - 1].len \
                          : pre ? (t)[pre - 1].off + (t)[pre - 1].len : 0)
    unsigned char *moves = malloc(ma + mb + 1);
    size_t nm = 0;
    if (moves && ma + mb > 0 && S_myers(xa, ma, a, xb, mb, b, moves, &nm) == 0) {
        size_t i = 0, j = 0;
        for (size_t q = nm; q-- > 0;) {
            if (moves[q] == 'e') {
                S_push(&o, ENF_DIFF_EQUAL, xa[i].off, xa[i].len, xb[j].off, xb[j].len);
                i++;
                j++;
            } else if (moves[q] == 'd') {
                S_push(&o, ENF_DIFF_DELETE, xa[i].off, xa[i].len, S_AT(xb, tb, mb, j), 0);
                i++;
            } else {
                S_push(&o, ENF_DIFF_INSERT, S_AT(xa, ta, ma, i), 0, xb[j].off, xb[j].len);
                j++;
            }
        }
    } else if (ma + mb > 0) {
        /* too different (or no memory for the trace): replace the middle */
        size_t ao = S_AT(xa, ta, ma, 0), bo = S_AT(xb, tb, mb, 0);
        if (ma)
            S_push(&o, ENF_DIFF_DELETE, ao, S_span_len(xa, 0, ma), bo, 0);
        if (mb)
            S_push(&o, ENF_DIFF_INSERT, ao + (ma ? S_span_len(xa, 0, ma) : 0), 0, bo,
                   S_span_len(xb, 0, mb));
    }
#undef S_AT
    free(moves);
    if (suf)
        S_push(&o, ENF_DIFF_EQUAL, ta[na - suf].off, S_span_len(ta, na - suf, na), tb[nb - suf].off,
               S_span_len(tb, nb - suf, nb));
    free(ta);
    free(tb);
    if (o.oom) {
        free(o.v);
        return enf_error_set(err, ENF_ENOMEM, "diff: out of memory");
    }
    *out = o.v;
    *n_out = o.n;
    return ENF_OK;
}
