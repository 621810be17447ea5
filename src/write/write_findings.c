/* write_findings.c — the dispatcher over the findings writers, one file per
 * format (write_findings_text.c, _json.c, _sarif.c, _github.c, _rdjson.c). */
#include "write_findings.h"

#include <string.h>

int enf_write_findings(FILE *f, enf_findings_format fmt, const enf_doc *en, const enf_doc *zh,
                       const enf_findings *fs, unsigned flags, enf_error *err)
{
    int rc;
    switch (fmt) {
    case ENF_FINDINGS_TEXT: rc = enf__write_findings_text(f, en, zh, fs, flags); break;
    case ENF_FINDINGS_JSON: rc = enf__write_findings_json(f, en, zh, fs); break;
    case ENF_FINDINGS_SARIF: rc = enf__write_findings_sarif(f, en, zh, fs, flags); break;
    case ENF_FINDINGS_GITHUB: rc = enf__write_findings_github(f, en, zh, fs); break;
    case ENF_FINDINGS_RDJSON: rc = enf__write_findings_rdjson(f, en, zh, fs, flags); break;
    default: return enf_error_set(err, ENF_EUSAGE, "unknown findings format");
    }
    if (rc == ENF_ENOMEM)
        return enf_error_set(err, rc, "out of memory writing findings");
    if (rc || ferror(f))
        return enf_error_set(err, ENF_EIO, "write error");
    return ENF_OK;
}

void enf__put_printable(FILE *f, const char *s, char replace)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        int adv, cp = enf_utf8_decode(s + i, n - i, &adv);
        int ctl = (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0);
        if (!ctl)
            fwrite(s + i, 1, (size_t)adv, f);
        else if (replace)
            fputc(replace, f);
        else if (cp == '\n')
            fputs("\\n", f);
        else if (cp == '\r')
            fputs("\\r", f);
        else
            fprintf(f, cp < 0x80 ? "\\x%02X" : "\\u%04X", (unsigned)cp);
        i += (size_t)adv;
    }
}
