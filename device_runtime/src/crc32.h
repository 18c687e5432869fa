/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), zlib-style chaining: start with
 * crc = 0, pass the previous result to continue. Internal to the runtime. */
#ifndef VIGIL_CRC32_H
#define VIGIL_CRC32_H

#include <stddef.h>
#include <stdint.h>

uint32_t vigil_crc32(uint32_t crc, const uint8_t *data, size_t n);

#endif
