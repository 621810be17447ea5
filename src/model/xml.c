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

char *enf__xml_text(const char *s) { return enf__strdup_filtered(s, 1); }
