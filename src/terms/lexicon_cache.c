/* lexicon_cache.c — the parsed CC-CEDICT on disk: the lexicon's arrays in
 * one file that the next run maps instead of parsing 10 MB of text again.
 * The file is untrusted input (anyone may have truncated or edited it):
 * every size and offset is checked and a CRC-32 covers all of it before a
 * single array is used; anything wrong means "no cache" and a rebuild. */
#include "lexicon_data.h"
#include "lexicon_fingerprint.h"   /* ENF_LEXICON_PARSER_ID, generated */
#include "lexicon.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <zlib.h>

#define S_MAGIC "ENFLXC1\n"
#define S_ORDER 0x0102030405060708ull

/* Every field 64 bits: no padding, one layout on every 64-bit and 32-bit
 * ABI; the byte order is recorded and checked, not converted. */
typedef struct {
    char magic[8];
    uint64_t order, layout, parser;
    uint64_t src_size, src_mtime_s, src_mtime_ns, src_crc;
    uint64_t n, pool_len, gl_len, nslots, syl_n, syl_slots, words_n, words_slots;
    uint64_t pfx_bits, pfx_n;   /* the prefix filter (lexicon_prefix.c); 0 = none */
    uint64_t off_e, off_gl, off_syl, off_words, off_pfx, off_slots, off_pool;
    uint64_t total;
    uint64_t crc;   /* CRC-32 of everything before this field and after it */
} S_hdr;

/* The layout: header and entry sizes, so a changed struct is a stale cache. */
#define S_LAYOUT ((uint64_t)sizeof(S_hdr) | (uint64_t)sizeof(enf__lexentry) << 16 | 1ull << 32)

/* The parser's identity: a hash of the sources that decide what a line of
 * CC-CEDICT becomes (lexicon.c, this file, lexicon_data.h), so a changed
 * stemmer or stop list never meets a cache an older build wrote. */
static uint64_t S_parser_id(void)
{
    static const char id[] = ENF_LEXICON_PARSER_ID;
    return enf__hash64('v', id, sizeof id - 1);
}

static size_t S_align8(size_t x)
{
    return (x + 7) & ~(size_t)7;
}

static int S_pow2(uint64_t x)
{
    return x && !(x & (x - 1));
}

/* A section of count elements of elem bytes at off, inside len bytes and
 * after the previous section's end (*end); 0 when not. */
static int S_section(uint64_t off, uint64_t count, size_t elem, size_t len, uint64_t *end)
{
    if (off % 8 || off < *end || off > len || count > (len - off) / elem)
        return 0;
    *end = off + count * elem;
    return 1;
}

static uint32_t S_crc(const unsigned char *p, size_t len)
{
    size_t at = offsetof(S_hdr, crc);
    uLong c = crc32_z(0, p, at);
    return (uint32_t)crc32_z(c, p + sizeof(S_hdr), len - sizeof(S_hdr));
}

static int S_has_zero_u32(const uint32_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!v[i])
            return 1;
    return 0;
}

static int S_set_ok(const uint64_t *v, uint64_t n, uint64_t slots)
{
    if (!slots)
        return n == 0;
    if (!S_pow2(slots) || n >= slots)
        return 0;
    uint64_t used = 0;
    for (uint64_t i = 0; i < slots; i++)
        used += v[i] != 0;
    return used == n;   /* so a probe always reaches an empty slot */
}

/* enf__lexcache_valid. */
static int S_valid(const void *data, size_t len, const enf__lexsource *src)
{
    const unsigned char *p = data;
    S_hdr h;
    if (len < sizeof h)
        return 0;
    memcpy(&h, p, sizeof h);
    if (memcmp(h.magic, S_MAGIC, 8) || h.order != S_ORDER || h.layout != S_LAYOUT ||
        h.parser != S_parser_id() || h.total != len)
        return 0;
    if (src && (h.src_size != src->size || h.src_mtime_s != src->mtime_s ||
                h.src_mtime_ns != src->mtime_ns || h.src_crc != src->crc))
        return 0;
    uint64_t end = sizeof h;
    if (!S_section(h.off_e, h.n, sizeof(enf__lexentry), len, &end) ||
        !S_section(h.off_gl, h.gl_len, sizeof(uint64_t), len, &end) ||
        !S_section(h.off_syl, h.syl_slots, sizeof(uint64_t), len, &end) ||
        !S_section(h.off_words, h.words_slots, sizeof(uint64_t), len, &end) ||
        !S_section(h.off_pfx, h.pfx_bits / 64, sizeof(uint64_t), len, &end) ||
        !S_section(h.off_slots, h.nslots, sizeof(uint32_t), len, &end) ||
        !S_section(h.off_pool, h.pool_len, 1, len, &end) || S_align8(end) != len)
        return 0;
    /* what the arrays index must hold (uint32 offsets in the entries) */
    if (h.n > ENF__LEX_MAX_ENTRIES || h.gl_len > UINT32_MAX || h.pool_len > UINT32_MAX ||
        (h.nslots ? !S_pow2(h.nslots) || h.nslots <= h.n : h.n != 0) ||
        (h.pfx_bits && (!S_pow2(h.pfx_bits) || h.pfx_bits < 64)))
        return 0;
    if (h.crc != S_crc(p, len))
        return 0;
    const enf__lexentry *e = (const void *)(p + h.off_e);
    for (uint64_t i = 0; i < h.n; i++)
        if ((uint64_t)e[i].key_off + e[i].key_len > h.pool_len ||
            (uint64_t)e[i].gl_off + e[i].gl_n > h.gl_len ||
            (uint64_t)e[i].py_off + e[i].py_n > h.gl_len)
            return 0;
    const uint32_t *slots = (const void *)(p + h.off_slots);
    for (uint64_t i = 0; i < h.nslots; i++)
        if ((slots[i] & ENF__LEX_IDX_MASK) > h.n || (slots[i] && !(slots[i] & ENF__LEX_IDX_MASK)))
            return 0;
    if (h.nslots && !S_has_zero_u32(slots, h.nslots))
        return 0;
    return S_set_ok((const void *)(p + h.off_syl), h.syl_n, h.syl_slots) &&
           S_set_ok((const void *)(p + h.off_words), h.words_n, h.words_slots);
}

int enf__lexcache_valid(const void *data, size_t len, const enf__lexsource *src)
{
    return S_valid(data, len, src);
}

int enf__lexcache_read(enf_lexicon *lx, const char *cache_path, const enf__lexsource *src)
{
    int fd = open(cache_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < (off_t)sizeof(S_hdr) ||
        (uint64_t)st.st_size > SIZE_MAX) {
        close(fd);
        return 0;
    }
    size_t len = (size_t)st.st_size;
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return 0;
    if (!enf__lexcache_valid(map, len, src)) {
        munmap(map, len);
        return 0;
    }
    S_hdr h;
    memcpy(&h, map, sizeof h);
    char *p = map;
    lx->e = h.n ? (void *)(p + h.off_e) : NULL;
    lx->n = h.n;
    lx->gl = h.gl_len ? (void *)(p + h.off_gl) : NULL;
    lx->gl_len = h.gl_len;
    lx->syl.v = h.syl_slots ? (void *)(p + h.off_syl) : NULL;
    lx->syl.n = h.syl_n;
    lx->syl.slots = h.syl_slots;
    lx->words.v = h.words_slots ? (void *)(p + h.off_words) : NULL;
    lx->words.n = h.words_n;
    lx->words.slots = h.words_slots;
    lx->slots = h.nslots ? (void *)(p + h.off_slots) : NULL;
    if (!lx->pfx_mapped)
        free(lx->pfx);   /* one built for no entries, say */
    lx->pfx = h.pfx_bits ? (void *)(p + h.off_pfx) : NULL;
    lx->pfx_bits = h.pfx_bits;
    lx->pfx_n = h.pfx_n;
    lx->pfx_mapped = lx->pfx != NULL;
    lx->nslots = h.nslots;
    lx->pool = h.pool_len ? p + h.off_pool : NULL;
    lx->pool_len = h.pool_len;
    lx->pool_cap = lx->gl_cap = lx->cap = 0;
    lx->map = map;
    lx->map_len = len;
    return 1;
}

size_t enf__lexcache_seal(void *img, size_t len)
{
    S_hdr h;
    if (len < sizeof h)
        return sizeof h;
    memcpy(&h, img, sizeof h);
    memcpy(h.magic, S_MAGIC, 8);
    h.order = S_ORDER;
    h.layout = S_LAYOUT;
    h.parser = S_parser_id();
    h.total = len;
    memcpy(img, &h, sizeof h);
    h.crc = S_crc(img, len);
    memcpy(img, &h, sizeof h);
    return sizeof h;
}

/* The file as pieces: the header, then each array at an 8-byte boundary
 * (the zero padding a piece of its own), written with writev straight from
 * the lexicon: no 20 MB image is built and copied first. */
#define S_PIECES 24

typedef struct {
    struct iovec v[S_PIECES];
    int n;
    size_t at;          /* bytes so far */
} S_pieces;

static const unsigned char S_zeros[8];

static void S_piece(S_pieces *ps, uint64_t *off, const void *src, size_t bytes)
{
    size_t pad = S_align8(ps->at) - ps->at;
    if (pad) {
        ps->v[ps->n++] = (struct iovec){(void *)S_zeros, pad};
        ps->at += pad;
    }
    if (off)
        *off = ps->at;
    if (bytes) {
        ps->v[ps->n++] = (struct iovec){(void *)src, bytes};
        ps->at += bytes;
    }
}

/* writev until all is written (partial writes, EINTR). */
static int S_writev_all(int fd, struct iovec *v, int n)
{
    while (n > 0) {
        ssize_t w = writev(fd, v, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        while (n > 0 && (size_t)w >= v->iov_len) {
            w -= (ssize_t)v->iov_len;
            v++;
            n--;
        }
        if (n > 0) {
            v->iov_base = (char *)v->iov_base + w;
            v->iov_len -= (size_t)w;
        }
    }
    return 0;
}

int enf__lexcache_write(const enf_lexicon *lx, const char *cache_path, const enf__lexsource *src)
{
    /* what the reader would refuse is not written (a lexicon too big for
     * the format: S_valid's limits) */
    if (lx->n > ENF__LEX_MAX_ENTRIES || lx->gl_len > UINT32_MAX || lx->pool_len > UINT32_MAX)
        return -1;
    S_hdr h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, S_MAGIC, 8);
    h.order = S_ORDER;
    h.layout = S_LAYOUT;
    h.parser = S_parser_id();
    h.src_size = src->size;
    h.src_mtime_s = src->mtime_s;
    h.src_mtime_ns = src->mtime_ns;
    h.src_crc = src->crc;
    h.n = lx->n;
    h.pool_len = lx->pool_len;
    h.gl_len = lx->gl_len;
    h.nslots = lx->nslots;
    h.syl_n = lx->syl.n;
    h.syl_slots = lx->syl.slots;
    h.words_n = lx->words.n;
    h.words_slots = lx->words.slots;
    h.pfx_bits = lx->pfx ? lx->pfx_bits : 0;
    h.pfx_n = lx->pfx ? lx->pfx_n : 0;
    S_pieces ps = {.n = 1, .at = sizeof h};
    S_piece(&ps, &h.off_e, lx->e, lx->n * sizeof *lx->e);
    S_piece(&ps, &h.off_gl, lx->gl, lx->gl_len * sizeof *lx->gl);
    S_piece(&ps, &h.off_syl, lx->syl.v, lx->syl.slots * sizeof *lx->syl.v);
    S_piece(&ps, &h.off_words, lx->words.v, lx->words.slots * sizeof *lx->words.v);
    S_piece(&ps, &h.off_pfx, lx->pfx, h.pfx_bits / 8);
    S_piece(&ps, &h.off_slots, lx->slots, lx->nslots * sizeof *lx->slots);
    S_piece(&ps, &h.off_pool, lx->pool, lx->pool_len);
    S_piece(&ps, NULL, NULL, 0);   /* the file ends at an 8-byte boundary */
    h.total = ps.at;
    /* the CRC of S_crc over the pieces: the header before its crc field,
     * then everything after the header */
    uLong c = crc32_z(0, (const unsigned char *)&h, offsetof(S_hdr, crc));
    for (int k = 1; k < ps.n; k++)
        c = crc32_z(c, ps.v[k].iov_base, ps.v[k].iov_len);
    h.crc = (uint32_t)c;
    ps.v[0] = (struct iovec){&h, sizeof h};
    char tmp[PATH_MAX];
    int fd = -1;
    if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", cache_path) >= (int)sizeof tmp ||
        (fd = mkstemp(tmp)) < 0)
        return -1;
    int bad = S_writev_all(fd, ps.v, ps.n);
    if (close(fd) != 0 || bad || rename(tmp, cache_path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}
