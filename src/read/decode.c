/* decode.c — text in another encoding (GB18030, GBK, Big5, Latin-1 ...)
 * to UTF-8, with ICU's converters, strictly: a byte the encoding does not
 * define is an error naming its line and column, never a replacement
 * character or a silently shortened document. */
#include "enface/read.h"
#include "model_internal.h"
#include "read_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

/* 1-based line and column (bytes of the input, counted as characters of
 * the encoding would need the decoder again) of byte off. */
static void S_where(const char *data, size_t off, int *line, int *col)
{
    int l = 1;
    size_t ls = 0;
    for (size_t i = 0; i < off; i++)
        if (data[i] == '\n') {
            l++;
            ls = i + 1;
        }
    *line = l;
    *col = (int)(off - ls) + 1;
}

int enf_decode_to_utf8(const char *name, const char *data, size_t len, const char *encoding,
                       char **out, size_t *out_len, enf_error *err)
{
    *out = NULL;
    *out_len = 0;
    if (len > (size_t)INT32_MAX / 4)
        return enf_error_set(err, ENF_EINPUT, "%s: too large to convert", name);
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(encoding, &st);
    if (U_FAILURE(st) || !cv)
        return enf_error_set(err, ENF_EUSAGE,
                             "%s: '%s' is not an encoding enface knows (ICU names such as GB18030, "
                             "GBK, Big5, UTF-16LE, ISO-8859-1)", name, encoding);
    ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
    UChar *u = malloc((len + 1) * sizeof *u * 2);
    if (!u) {
        ucnv_close(cv);
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
    }
    UChar *t = u, *tend = u + (len + 1) * 2;
    const char *s = data, *send = data + len;
    st = U_ZERO_ERROR;
    ucnv_toUnicode(cv, &t, tend, &s, send, NULL, 1, &st);
    if (U_FAILURE(st)) {
        char bad[8];
        int8_t nbad = sizeof bad;
        UErrorCode e2 = U_ZERO_ERROR;
        ucnv_getInvalidChars(cv, bad, &nbad, &e2);
        size_t off = (size_t)(s - data);
        if (U_SUCCESS(e2) && nbad > 0 && (size_t)nbad <= off)
            off -= (size_t)nbad;
        int line, col;
        S_where(data, off, &line, &col);
        ucnv_close(cv);
        free(u);
        return enf_error_set(err, ENF_EINPUT,
                             "%s:%d:%d: byte 0x%02X is not valid %s; check the encoding (or convert "
                             "the file: iconv -f %s -t UTF-8)", name, line, col,
                             (unsigned)(unsigned char)data[off], encoding, encoding);
    }
    ucnv_close(cv);
    int32_t n8 = 0;
    st = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &n8, u, (int32_t)(t - u), &st);
    char *o = malloc((size_t)n8 + 1);
    if (!o) {
        free(u);
        return enf_error_set(err, ENF_ENOMEM, "%s: out of memory", name);
    }
    st = U_ZERO_ERROR;
    u_strToUTF8(o, n8 + 1, &n8, u, (int32_t)(t - u), &st);
    free(u);
    if (U_FAILURE(st)) {
        free(o);
        return enf_error_set(err, ENF_EINPUT, "%s: cannot convert from %s", name, encoding);
    }
    o[n8] = '\0';
    *out = o;
    *out_len = (size_t)n8;
    return ENF_OK;
}
