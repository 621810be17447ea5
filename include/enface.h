/* enface.h — the whole public API of libenface, one header per wing of
 * the data flow, included here in its order.
 *
 * Data flow: file -> reader -> enf_doc (leaf blocks with anchors)
 *            -> enf_align_blocks -> enf_alignment (beads) -> writers/checks.
 * Every stage takes and returns the plain structures declared here.
 *
 * Conventions (after libgit2): functions return ENF_OK (0) or an error code
 * and fill an enf_error with a one-line message naming file:line:col where
 * known; results come back through out parameters; every *_new / *_read
 * has a matching *_free.  The library never exits or prints.
 */
#ifndef ENFACE_H
#define ENFACE_H

#include "enface/wings.h"

#if defined(ENF_WING) && !(ENF_WING & ENF_WING_CLI)
#error "enface.h is for programs that use libenface; a library file includes its wing's header"
#endif

#include "enface/model.h"
#include "enface/read.h"
#include "enface/terms.h"
#include "enface/align.h"
#include "enface/check.h"
#include "enface/write.h"
#include "enface/report.h"

#endif
