/* report_html.c — the report's libxml2 helpers: elements, attributes and
 * text nodes.  Every piece of input text reaches the page through
 * enf__report_text or enf__report_attr_text, which let libxml2 escape it and
 * show bidirectional overrides and other hidden control characters as
 * visible markers, so input can neither inject markup nor mislead the
 * reader about what it says. */
#include "report_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

xmlNodePtr enf__report_el(enf__report_ctx *c, xmlNodePtr parent, const char *name, const char *cls)
{
    xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
    if (!n) {
        c->oom = 1;
        return NULL;
    }
    if (cls && *cls)
        xmlNewProp(n, BAD_CAST "class", BAD_CAST cls);
    return n;
}

void enf__report_attr(xmlNodePtr n, const char *name, const char *fmt, ...)
{
    if (!n)
        return;
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    xmlSetProp(n, BAD_CAST name, BAD_CAST buf);
}

/* Code points that would let input text mislead the reader rather than run:
 * bidirectional overrides and isolates (the "Trojan Source" trick) and
 * control characters.  They are shown as a visible marker instead. */
static int S_is_hidden_control(int cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0) || cp == 0x061C ||
           cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFFFE || cp == 0xFFFF;
}

/* Append text from the inputs to a node: always a text node. */
void enf__report_text(enf__report_ctx *c, xmlNodePtr parent, const char *s, size_t len)
{
    if (!parent || !len)
        return;
    size_t run = 0, i = 0;
    while (i < len) {
        int adv;
        int cp = enf__utf8_decode(s + i, len - i, &adv);
        int bad = cp == 0xFFFD && adv == 1;
        if (!bad && !S_is_hidden_control(cp)) {
            i += (size_t)adv;
            continue;
        }
        if (i > run)
            xmlNodeAddContentLen(parent, BAD_CAST(s + run), (int)(i - run));
        if (bad) {
            xmlNodeAddContent(parent, BAD_CAST "\xEF\xBF\xBD");
        } else {
            char lab[16];
            snprintf(lab, sizeof lab, "U+%04X", (unsigned)cp);
            xmlNodePtr m = enf__report_el(c, parent, "span", "ctl");
            enf__report_attr(m, "title", "hidden control character %s", lab);
            enf__report_text(c, m, lab, strlen(lab));
        }
        i += (size_t)adv;
        run = i;
    }
    if (len > run)
        xmlNodeAddContentLen(parent, BAD_CAST(s + run), (int)(len - run));
}

void enf__report_textz(enf__report_ctx *c, xmlNodePtr parent, const char *s)
{
    if (s)
        enf__report_text(c, parent, s, strlen(s));
}

void enf__report_textf(enf__report_ctx *c, xmlNodePtr parent, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    enf__report_textz(c, parent, buf);
}

/* An attribute value from input text: controls replaced, length capped. */
void enf__report_attr_text(xmlNodePtr n, const char *name, const char *s, size_t len)
{
    if (!n)
        return;
    enf_buf b = {0};
    size_t i = 0;
    if (len > 600)
        len = 600;
    while (i < len) {
        int adv;
        int cp = enf__utf8_decode(s + i, len - i, &adv);
        if ((cp == 0xFFFD && adv == 1) || S_is_hidden_control(cp))
            enf__buf_put(&b, "\xEF\xBF\xBD", 3);
        else
            enf__buf_put(&b, s + i, (size_t)adv);
        i += (size_t)adv;
    }
    enf__buf_putc(&b, '\0');
    if (!b.oom)
        xmlSetProp(n, BAD_CAST name, BAD_CAST b.s);
    enf__buf_free(&b);
}

const char *enf__report_sev_name(int sev)
{
    return sev == ENF_SEV_ERROR ? "error" : sev == ENF_SEV_WARNING ? "warning" : "note";
}
