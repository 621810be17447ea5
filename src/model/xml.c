/* xml.c — what every XML writer of the library (TMX, TBX, the report)
 * shares: the characters XML 1.0 allows, and libxml2's messages kept off
 * stderr (its errors come back to us as return values). */
#include "enface/model.h"
#include "model_internal.h"

#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

static void S_quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

void enf__xml_silence(void)
{
    xmlSetGenericErrorFunc(NULL, S_quiet);
}

int enf__xml_char_ok(int cp)
{
    return cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

char *enf__xml_text(const char *s)
{
    size_t n = strlen(s), k = 0;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        int adv, cp = enf_utf8_decode(s + i, n - i, &adv);
        if (enf__xml_char_ok(cp) && !(cp == 0xFFFD && adv == 1)) {
            memcpy(out + k, s + i, (size_t)adv);
            k += (size_t)adv;
        }
        i += (size_t)adv;
    }
    out[k] = '\0';
    return out;
}
