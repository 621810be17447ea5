/* write_findings.c — the dispatcher over the findings writers, one file per
 * format (write_findings_text.c, _json.c, _sarif.c, _github.c). */
#include "write_findings.h"

int enf_write_findings(FILE *f, enf_findings_format fmt, const enf_doc *en, const enf_doc *zh,
                       const enf_findings *fs, unsigned flags, enf_error *err)
{
    int rc;
    switch (fmt) {
    case ENF_FINDINGS_TEXT: rc = enf__write_findings_text(f, en, zh, fs, flags); break;
    case ENF_FINDINGS_JSON: rc = enf__write_findings_json(f, en, zh, fs); break;
    case ENF_FINDINGS_SARIF: rc = enf__write_findings_sarif(f, en, zh, fs); break;
    case ENF_FINDINGS_GITHUB: rc = enf__write_findings_github(f, en, zh, fs); break;
    default: return enf_error_set(err, ENF_EUSAGE, "unknown findings format");
    }
    if (rc == ENF_ENOMEM)
        return enf_error_set(err, rc, "out of memory writing findings");
    if (rc || ferror(f))
        return enf_error_set(err, ENF_EIO, "write error");
    return ENF_OK;
}
