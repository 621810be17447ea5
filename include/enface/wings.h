/* enface/wings.h — the wings of libenface, as bits: each library file is
 * compiled with ENF_WING set to its wing, and each wing header refuses a
 * wing that may not use it (docs/architecture.md).  ENF_EXPORT marks the
 * public API; everything else in libenface.so is hidden. */
#ifndef ENFACE_WINGS_H
#define ENFACE_WINGS_H

#define ENFACE_VERSION "0.1.0"

#define ENF_WING_MODEL 1
#define ENF_WING_READ 2
#define ENF_WING_TERMS 4
#define ENF_WING_ALIGN 8
#define ENF_WING_CHECK 16
#define ENF_WING_WRITE 32
#define ENF_WING_REPORT 64
#define ENF_WING_CLI 128

#if defined(ENF_BUILDING_LIBRARY) && defined(__GNUC__)
#define ENF_EXPORT __attribute__((visibility("default")))
#else
#define ENF_EXPORT
#endif

#endif
