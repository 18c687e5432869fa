#ifndef VIGIL_VERSION_H
#define VIGIL_VERSION_H
#define VIGIL_RUNTIME_VERSION_STRING "0.4.0"
extern const char vigil_runtime_version[];
#endif
