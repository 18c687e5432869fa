// A deterministic zip writer: the same entries give the same bytes, always (DESIGN.md,
// principle 7). Entries are sorted by name, every timestamp is 1980-01-01 00:00 (the zip
// epoch), there are no extra fields, and data is raw deflate (zlib, level 9) or stored when
// deflate does not shrink it. Unix permissions are recorded (0755 for executables, 0644
// otherwise) so `unzip` restores the emulator's execute bit.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::engine::packaging {

struct ZipEntry {
    std::string name;     // path inside the archive, '/'-separated, no leading '/'
    std::string content;  // bytes
    bool executable = false;
};

// Throws std::invalid_argument for an empty, absolute or duplicate name, or one with "..";
// std::length_error beyond the classic zip limits (4 GiB, 65535 entries).
std::string write_zip(std::vector<ZipEntry> entries);

// CRC-32 (IEEE 802.3, the zip and PNG checksum).
uint32_t crc32_of(std::string_view bytes);

}  // namespace vigil::engine::packaging
