// Umbrella header for the system library cmark-gfm and its GFM extensions (apt: libcmark-gfm-dev,
// libcmark-gfm-extensions-dev). Used by the CMarkGFM system library target.
#ifndef ARENA_CMARK_GFM_SHIM_H
#define ARENA_CMARK_GFM_SHIM_H
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#endif
