/* The runtime's version string, embedded in every build (metadata and harness banners). */
#include "vigil_version.h"

const char vigil_runtime_version[] = VIGIL_RUNTIME_VERSION_STRING;
