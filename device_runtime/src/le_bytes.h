/* Little-endian byte order for the portable encodings (recipe, knowledge blob): the same bytes
 * on every host and core, whatever its own byte order. */
#ifndef VIGIL_LE_BYTES_H
#define VIGIL_LE_BYTES_H

#include <stdint.h>
#include <string.h>

static inline void vigil_put_u16(uint8_t *p, uint16_t v) {
    p[0] = (uint8_t)(v & 0xffu);
    p[1] = (uint8_t)(v >> 8);
}
static inline void vigil_put_u32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v & 0xffu);
    p[1] = (uint8_t)((v >> 8) & 0xffu);
    p[2] = (uint8_t)((v >> 16) & 0xffu);
    p[3] = (uint8_t)(v >> 24);
}
static inline void vigil_put_f32(uint8_t *p, float f) {
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    vigil_put_u32(p, bits);
}
static inline uint16_t vigil_get_u16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint32_t vigil_get_u32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline float vigil_get_f32(const uint8_t *p) {
    const uint32_t bits = vigil_get_u32(p);
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

#endif
