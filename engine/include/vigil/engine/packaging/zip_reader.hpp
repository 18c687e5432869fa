// Reading a zip archive into memory: the counterpart of zip_writer for the library zips
// `vigil compile` writes (and any classic zip a user re-packed: stored or deflated entries,
// data descriptors, an archive comment). Zip64 is refused; so is any CRC-32 mismatch.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::engine::packaging {

// A malformed or unsupported archive; the message says what is wrong (and which entry).
struct ZipFormatError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct ZipFileEntry {
    std::string name;     // as stored, '/'-separated
    std::string content;  // the entry's bytes, inflated and CRC-checked
    uint32_t mode = 0;    // Unix mode from the external attributes (0 when not recorded)
};

// Every entry in central-directory order. Throws ZipFormatError.
std::vector<ZipFileEntry> read_zip(std::string_view archive);

}  // namespace vigil::engine::packaging
