#include "vigil/engine/packaging/zip_reader.hpp"

#include <zlib.h>

#include <cstdint>

namespace vigil::engine::packaging {

namespace {

constexpr uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kLocalHeader = 0x04034b50;

uint32_t u16(std::string_view z, size_t at) {
    if (at + 2 > z.size()) throw ZipFormatError("truncated archive");
    return uint32_t(uint8_t(z[at])) | uint32_t(uint8_t(z[at + 1])) << 8;
}
uint32_t u32(std::string_view z, size_t at) { return u16(z, at) | u16(z, at + 2) << 16; }

std::string inflate_raw(std::string_view packed, size_t size, const std::string& name) {
    std::string out(size, '\0');
    z_stream s{};
    if (inflateInit2(&s, -15) != Z_OK) throw ZipFormatError("zlib cannot start inflating " + name);
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    s.avail_in = static_cast<uInt>(packed.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&s, Z_FINISH);
    const auto produced = s.total_out;
    inflateEnd(&s);
    if (rc != Z_STREAM_END || produced != size) throw ZipFormatError(name + ": damaged compressed data");
    return out;
}

}  // namespace

std::vector<ZipFileEntry> read_zip(std::string_view z) {
    if (z.size() < 22) throw ZipFormatError("not a zip archive (too short)");
    // The end record is the last 22 bytes plus an optional comment of up to 65535 bytes.
    size_t eocd = std::string_view::npos;
    const size_t lowest = z.size() > 22 + 65535 ? z.size() - 22 - 65535 : 0;
    for (size_t at = z.size() - 22 + 1; at-- > lowest;) {
        if (u32(z, at) == kEndOfCentralDirectory && at + 22 + u16(z, at + 20) == z.size()) {
            eocd = at;
            break;
        }
    }
    if (eocd == std::string_view::npos) throw ZipFormatError("not a zip archive (no end of central directory)");
    const uint32_t count = u16(z, eocd + 10);
    const uint32_t dir_offset = u32(z, eocd + 16);
    if (count == 0xffff || dir_offset == 0xffffffff) throw ZipFormatError("zip64 archives are not supported");
    size_t at = dir_offset;
    std::vector<ZipFileEntry> out;
    out.reserve(count);
    for (uint32_t i = 0; i < count; ++i) {
        if (u32(z, at) != kCentralHeader) throw ZipFormatError("damaged central directory");
        const uint32_t flags = u16(z, at + 8), method = u16(z, at + 10);
        const uint32_t crc = u32(z, at + 16), packed = u32(z, at + 20), size = u32(z, at + 24);
        const uint32_t name_len = u16(z, at + 28), extra = u16(z, at + 30), comment = u16(z, at + 32);
        const uint32_t local = u32(z, at + 42);
        if (at + 46 + name_len > z.size()) throw ZipFormatError("truncated central directory");
        ZipFileEntry e;
        e.name = std::string(z.substr(at + 46, name_len));
        e.mode = u32(z, at + 38) >> 16;
        at += 46 + name_len + extra + comment;
        if (flags & 1u) throw ZipFormatError(e.name + ": encrypted entries are not supported");
        if (u32(z, local) != kLocalHeader) throw ZipFormatError(e.name + ": damaged local header");
        const size_t data = size_t{local} + 30 + u16(z, local + 26) + u16(z, local + 28);
        if (data + packed > z.size()) throw ZipFormatError(e.name + ": truncated data");
        const std::string_view bytes = z.substr(data, packed);
        if (method == 0) {
            if (packed != size) throw ZipFormatError(e.name + ": stored entry with two different sizes");
            e.content = std::string(bytes);
        } else if (method == 8) {
            e.content = inflate_raw(bytes, size, e.name);
        } else {
            throw ZipFormatError(e.name + ": compression method " + std::to_string(method) + " is not supported");
        }
        if (crc32(0, reinterpret_cast<const Bytef*>(e.content.data()), static_cast<uInt>(e.content.size())) != crc)
            throw ZipFormatError(e.name + ": CRC-32 mismatch (damaged archive)");
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace vigil::engine::packaging
