/* write_tmx.c — TMX 1.4b output for enface corpus, streamed through
 * libxml2's xmlTextWriter (escaping and encoding are not our craft): the
 * header once, one <tu> per sentence pair with its provenance as <prop>s. */
#include "enface/write.h"
#include "model_internal.h"
#include "write_corpus.h"

#include <libxml/xmlwriter.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct enf__tmx {
    xmlTextWriterPtr w;
    const char *zh_lang;   /* the writer's options own it */
};

int enf__tmx_begin(FILE *f, const char *zh_lang, enf__tmx **out, enf_error *err)
{
    *out = NULL;
    enf__xml_silence();
    enf__tmx *t = calloc(1, sizeof *t);
    xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(f, NULL);
    if (!t || !buf) {
        free(t);
        if (buf)
            xmlOutputBufferClose(buf);
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    t->zh_lang = zh_lang;
    t->w = xmlNewTextWriter(buf);
    if (!t->w) {
        xmlOutputBufferClose(buf);
        free(t);
        return enf_error_set(err, ENF_ENOMEM, "out of memory");
    }
    xmlTextWriterSetIndent(t->w, 1);
    xmlTextWriterSetIndentString(t->w, BAD_CAST "  ");
    int rc = xmlTextWriterStartDocument(t->w, "1.0", "UTF-8", NULL);
    rc |= xmlTextWriterWriteDTD(t->w, BAD_CAST "tmx", NULL, BAD_CAST "tmx14.dtd", NULL);
    rc |= xmlTextWriterStartElement(t->w, BAD_CAST "tmx");
    rc |= xmlTextWriterWriteAttribute(t->w, BAD_CAST "version", BAD_CAST "1.4");
    rc |= xmlTextWriterStartElement(t->w, BAD_CAST "header");
    rc |= xmlTextWriterWriteAttribute(t->w, BAD_CAST "creationtool", BAD_CAST "enface");
    rc |= xmlTextWriterWriteAttribute(t->w, BAD_CAST "creationtoolversion", BAD_CAST ENFACE_VERSION);
    rc |= xmlTextWriterWriteAttribute(t->w, BAD_CAST "segtype", BAD_CAST "sentence");
    rc |= xmlTextWriterWriteAttribute(t->w, BAD_CAST "o-tmf", BAD_CAST "enface");
    rc |= xmlTextWriterWriteAttribute(t->w, BAD_CAST "adminlang", BAD_CAST "en");
    rc |= xmlTextWriterWriteAttribute(t->w, BAD_CAST "srclang", BAD_CAST "en");
    rc |= xmlTextWriterWriteAttribute(t->w, BAD_CAST "datatype", BAD_CAST "plaintext");
    rc |= xmlTextWriterEndElement(t->w);
    rc |= xmlTextWriterStartElement(t->w, BAD_CAST "body");
    if (rc < 0) {
        enf__tmx_end(t, NULL);
        return enf_error_set(err, ENF_EIO, "cannot write the TMX: %s", errno ? strerror(errno) : "write error");
    }
    *out = t;
    return ENF_OK;
}

/* Text from the documents (and their names) can hold characters that are
 * valid UTF-8 but not XML (U+0001, U+001B, U+FFFE): they are dropped, so
 * the TMX is always well-formed. */
static int S_prop(xmlTextWriterPtr w, const char *type, const char *val)
{
    char *v = enf__xml_text(val);
    if (!v)
        return -1;
    int rc = xmlTextWriterStartElement(w, BAD_CAST "prop");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST type);
    rc |= xmlTextWriterWriteString(w, BAD_CAST v);
    rc |= xmlTextWriterEndElement(w);
    free(v);
    return rc;
}

static int S_tuv(xmlTextWriterPtr w, const char *lang, const char *text)
{
    char *v = enf__xml_text(text);
    if (!v)
        return -1;
    int rc = xmlTextWriterStartElement(w, BAD_CAST "tuv");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang", BAD_CAST lang);
    rc |= xmlTextWriterWriteElement(w, BAD_CAST "seg", BAD_CAST v);
    rc |= xmlTextWriterEndElement(w);
    free(v);
    return rc;
}

int enf__tmx_add(enf__tmx *t, const char *doc, const enf_corpus_pair *p, enf_error *err)
{
    char buf[64];
    int rc = xmlTextWriterStartElement(t->w, BAD_CAST "tu");
    rc |= S_prop(t->w, "x-doc", doc);
    snprintf(buf, sizeof buf, "%zu", p->block_bead);
    rc |= S_prop(t->w, "x-block-bead", buf);
    snprintf(buf, sizeof buf, "%d:%d", p->en_block, p->zh_block);
    rc |= S_prop(t->w, "x-blocks", buf);
    snprintf(buf, sizeof buf, "%zu+%zu:%zu+%zu", p->en_sent, p->n_en, p->zh_sent, p->n_zh);
    rc |= S_prop(t->w, "x-sentences", buf);
    rc |= S_prop(t->w, "x-type", p->type);
    snprintf(buf, sizeof buf, "%.3f", p->score);
    rc |= S_prop(t->w, "x-score", buf);
    rc |= S_tuv(t->w, "en", p->en);
    rc |= S_tuv(t->w, t->zh_lang, p->zh);
    rc |= xmlTextWriterEndElement(t->w);
    if (rc < 0)
        return enf_error_set(err, ENF_EIO, "cannot write the TMX: %s", errno ? strerror(errno) : "write error");
    return ENF_OK;
}

int enf__tmx_end(enf__tmx *t, enf_error *err)
{
    if (!t)
        return ENF_OK;
    int rc = xmlTextWriterEndDocument(t->w);   /* closes body and tmx */
    int fl = xmlTextWriterFlush(t->w);
    xmlFreeTextWriter(t->w);
    free(t);
    if ((rc < 0 || fl < 0) && err)
        return enf_error_set(err, ENF_EIO, "cannot write the TMX: %s", errno ? strerror(errno) : "write error");
    return ENF_OK;
}
