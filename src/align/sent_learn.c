/* sent_learn.c — the sentence aligner's learning pass: after a first
 * alignment, Chinese and English words that keep landing in the same
 * confident beads become extra glosses, and the tokens are prepared again
 * (sent_sim.c) for a second search. */
#include "enface/align.h"
#include "model_internal.h"
#include "lexicon.h"
#include "align_sents_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Word pairs a first alignment implies: Chinese and English tokens that
 * keep landing in the same confident beads (Dice over beads), such as a
 * name and its translation (韦小宝 ~ Trinket), become extra glosses. */
int enf_sent_aligner_learn(enf_sent_aligner *sa, const enf_alignment *al, enf_error *err)
{
    enf__sent_map cz = {0}, ce = {0}, cp = {0};
    enf__ztok *zv = NULL;
    enf__etok *ev = NULL;
    size_t zcap = 0, ecap = 0;
    uint64_t *zk = NULL, *ek = NULL;
    size_t zkc = 0, ekc = 0;
    int rc = ENF_ENOMEM;
    size_t nb = 0;
    /* pass 1 counts, pass 2 keeps pairs */
    typedef struct {
        uint64_t z, e;
    } S_pair2;
    S_pair2 *keep = NULL;
    size_t nkeep = 0, kcap = 0;
    /* on very long texts a sample of the beads is enough (and bounded) */
    size_t stride = al->n_beads > 20000 ? al->n_beads / 20000 + 1 : 1;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t b = 0; b < al->n_beads; b += stride) {
            const enf_bead *bd = &al->beads[b];
            if (!bd->n_en || !bd->n_zh || bd->n_en + bd->n_zh > 3 || bd->cost > 0)
                continue;
            size_t nzv = 0, nev = 0;
            for (size_t i = bd->zh; i < bd->zh + bd->n_zh; i++)
                if (enf__lex_tokens_zh(sa->lx, sa->ztext[i], sa->zlen[i], &zv, &nzv, &zcap))
                    goto done;
            for (size_t j = bd->en; j < bd->en + bd->n_en; j++)
                if (enf__lex_tokens_en(sa->lx, sa->etext[j], sa->elen[j], &ev, &nev, &ecap))
                    goto done;
            /* unique keys of the bead: Chinese words (not numbers or Latin
             * words, which match themselves) and English words */
            if (nzv > zkc) {
                free(zk);
                zkc = nzv * 2;
                zk = malloc(zkc * sizeof *zk);
            }
            if (nev > ekc) {
                free(ek);
                ekc = nev * 2;
                ek = malloc(ekc * sizeof *ek);
            }
            if ((nzv && !zk) || (nev && !ek))
                goto done;
            size_t nz = 0, ne = 0;
            for (size_t k = 0; k < nzv; k++) {
                if (zv[k].one)
                    continue;
                int dup = 0;
                for (size_t q = 0; q < nz && !dup; q++)
                    dup = zk[q] == zv[k].key;
                if (!dup)
                    zk[nz++] = zv[k].key;
            }
            for (size_t k = 0; k < nev; k++) {
                int dup = 0;
                for (size_t q = 0; q < ne && !dup; q++)
                    dup = ek[q] == ev[k].h;
                if (!dup)
                    ek[ne++] = ev[k].h;
            }
            if (pass == 0) {
                nb++;
                for (size_t a = 0; a < nz; a++)
                    if (enf__sent_map_add(&cz, zk[a], 1))
                        goto done;
                for (size_t c = 0; c < ne; c++)
                    if (enf__sent_map_add(&ce, ek[c], 1))
                        goto done;
                continue;
            }
            for (size_t a = 0; a < nz; a++) {
                uint32_t fz = enf__sent_map_get(&cz, zk[a]);
                if (fz < 2)
                    continue;
                for (size_t c = 0; c < ne; c++) {
                    uint32_t fe = enf__sent_map_get(&ce, ek[c]);
                    if (fe < 2 || fe > 4 * fz || fz > 4 * fe)
                        continue;
                    uint64_t pk = (zk[a] * 0x9E3779B97F4A7C15ull) ^ ek[c];
                    if (!pk)
                        pk = 1;
                    uint32_t before = enf__sent_map_get(&cp, pk);
                    if (enf__sent_map_add(&cp, pk, 1))
                        goto done;
                    if (before == 0) {
                        if (enf__grow((void **)&keep, &kcap, nkeep + 1, sizeof *keep))
                            goto done;
                        keep[nkeep].z = zk[a];
                        keep[nkeep++].e = ek[c];
                    }
                }
            }
        }
    }
    /* keep the pairs with a high Dice coefficient over the beads */
    enf__sent_map_free(&sa->learn);
    free(sa->lpool);
    free(sa->loff);
    free(sa->lcnt);
    memset(&sa->learn, 0, sizeof sa->learn);
    sa->lpool = NULL;
    sa->loff = NULL;
    sa->lcnt = NULL;
    size_t nl = 0, ncap = 0;
    for (size_t k = 0; k < nkeep; k++) {
        uint64_t pk = (keep[k].z * 0x9E3779B97F4A7C15ull) ^ keep[k].e;
        if (!pk)
            pk = 1;
        double c = enf__sent_map_get(&cp, pk);
        double fz = enf__sent_map_get(&cz, keep[k].z), fe = enf__sent_map_get(&ce, keep[k].e);
        if (c < sa->o.learn_min || 2 * c / (fz + fe) < sa->o.learn_dice)
            continue;
        keep[nl++] = keep[k];
    }
    (void)ncap;
    if (nl) {
        /* group by Chinese key */
        for (size_t a = 1; a < nl; a++) {
            S_pair2 x = keep[a];
            size_t b = a;
            while (b > 0 && keep[b - 1].z > x.z) {
                keep[b] = keep[b - 1];
                b--;
            }
            keep[b] = x;
        }
        sa->lpool = malloc(nl * sizeof *sa->lpool);
        sa->loff = malloc(nl * sizeof *sa->loff);
        sa->lcnt = malloc(nl * sizeof *sa->lcnt);
        if (!sa->lpool || !sa->loff || !sa->lcnt)
            goto done;
        size_t ng = 0;
        for (size_t a = 0; a < nl; a++) {
            if (!a || keep[a].z != keep[a - 1].z) {
                sa->loff[ng] = (uint32_t)a;
                sa->lcnt[ng] = 0;
                if (enf__sent_map_add(&sa->learn, keep[a].z, (uint32_t)ng + 1))
                    goto done;
                ng++;
            }
            sa->lpool[a] = keep[a].e;
            sa->lcnt[ng - 1]++;
        }
    }
    sa->n_learned = nl;
    if (enf__sent_prepare(sa))
        goto done;
    rc = ENF_OK;
done:
    (void)nb;
    free(keep);
    free(zv);
    free(ev);
    free(zk);
    free(ek);
    enf__sent_map_free(&cz);
    enf__sent_map_free(&ce);
    enf__sent_map_free(&cp);
    if (rc)
        return enf_error_set(err, rc, "out of memory");
    return ENF_OK;
}
