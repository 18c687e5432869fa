// A minimal zip reader for the tests: walks the central directory, checks each local header
// agrees with it, inflates and verifies the CRC-32. Independent of the writer's code paths.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace zip_test {

struct Entry {
    std::string name;
    std::string content;
    uint16_t method = 0;
    uint16_t time = 0, date = 0;
    uint32_t mode = 0;  // unix mode from the external attributes
};

inline uint32_t u16(const std::string& z, size_t at) {
    if (at + 2 > z.size()) throw std::runtime_error("zip: truncated");
    return uint32_t(uint8_t(z[at])) | uint32_t(uint8_t(z[at + 1])) << 8;
}
inline uint32_t u32(const std::string& z, size_t at) { return u16(z, at) | u16(z, at + 2) << 16; }

inline std::string inflate_raw(const std::string& packed, size_t size) {
    std::string out(size, '\0');
    z_stream s{};
    if (inflateInit2(&s, -15) != Z_OK) throw std::runtime_error("inflateInit2");
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    s.avail_in = static_cast<uInt>(packed.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&s, Z_FINISH);
    inflateEnd(&s);
    if (rc != Z_STREAM_END || s.total_out != size) throw std::runtime_error("zip: bad deflate data");
    return out;
}

inline std::vector<Entry> read_zip(const std::string& z) {
    if (z.size() < 22) throw std::runtime_error("zip: too short");
    const size_t eocd = z.size() - 22;  // the writer adds no comment
    if (u32(z, eocd) != 0x06054b50) throw std::runtime_error("zip: no end of central directory");
    const uint32_t count = u16(z, eocd + 10);
    size_t at = u32(z, eocd + 16);
    std::vector<Entry> out;
    for (uint32_t i = 0; i < count; ++i) {
        if (u32(z, at) != 0x02014b50) throw std::runtime_error("zip: bad central header");
        Entry e;
        e.method = static_cast<uint16_t>(u16(z, at + 10));
        e.time = static_cast<uint16_t>(u16(z, at + 12));
        e.date = static_cast<uint16_t>(u16(z, at + 14));
        const uint32_t crc = u32(z, at + 16), packed = u32(z, at + 20), size = u32(z, at + 24);
        const uint32_t name_len = u16(z, at + 28), extra = u16(z, at + 30), comment = u16(z, at + 32);
        e.mode = u32(z, at + 38) >> 16;
        const uint32_t local = u32(z, at + 42);
        e.name = z.substr(at + 46, name_len);
        at += 46 + name_len + extra + comment;
        if (u32(z, local) != 0x04034b50 || u32(z, local + 14) != crc || z.substr(local + 30, u16(z, local + 26)) != e.name)
            throw std::runtime_error("zip: local header disagrees with the central directory for " + e.name);
        const size_t data = local + 30 + u16(z, local + 26) + u16(z, local + 28);
        const std::string bytes = z.substr(data, packed);
        e.content = e.method == 8 ? inflate_raw(bytes, size) : bytes;
        if (crc32(0, reinterpret_cast<const Bytef*>(e.content.data()), static_cast<uInt>(e.content.size())) != crc)
            throw std::runtime_error("zip: CRC mismatch in " + e.name);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace zip_test
