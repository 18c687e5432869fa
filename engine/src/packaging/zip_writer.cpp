#include "vigil/engine/packaging/zip_writer.hpp"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <set>

namespace vigil::engine::packaging {

namespace {

// 1980-01-01 00:00:00 in MS-DOS format: the earliest a zip can say, and the same every run.
constexpr uint16_t kDosTime = 0;
constexpr uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr uint16_t kVersionNeeded = 20;             // deflate
constexpr uint16_t kVersionMadeBy = (3 << 8) | 20;  // 3 = Unix: external attributes hold the mode
constexpr uint16_t kMethodStored = 0;
constexpr uint16_t kMethodDeflate = 8;
constexpr uint16_t kFlagUtf8 = 1 << 11;

void put16(std::string& out, uint32_t v) {
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
void put32(std::string& out, uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

// Raw deflate (no zlib header), fixed level and parameters: deterministic for one zlib.
std::string deflate_raw(std::string_view in) {
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zip: zlib deflateInit2 failed");
    std::string out(deflateBound(&z, static_cast<uLong>(in.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    const size_t produced = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("zip: zlib deflate failed");
    out.resize(produced);
    return out;
}

void check_name(const std::string& name, std::set<std::string>& seen) {
    if (name.empty() || name.front() == '/' || name.find('\\') != std::string::npos)
        throw std::invalid_argument("zip: bad entry name '" + name + "' (relative, '/'-separated)");
    if (name == ".." || name.starts_with("../") || name.find("/../") != std::string::npos || name.ends_with("/.."))
        throw std::invalid_argument("zip: entry name '" + name + "' climbs out of the archive");
    if (name.size() > 0xFFFF) throw std::length_error("zip: entry name longer than 65535 bytes");
    if (!seen.insert(name).second) throw std::invalid_argument("zip: duplicate entry '" + name + "'");
}

}  // namespace

uint32_t crc32_of(std::string_view bytes) {
    uLong crc = crc32(0L, Z_NULL, 0);
    // zlib takes uInt lengths: feed large inputs in pieces.
    while (!bytes.empty()) {
        const size_t n = std::min<size_t>(bytes.size(), 1u << 30);
        crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(n));
        bytes.remove_prefix(n);
    }
    return static_cast<uint32_t>(crc);
}

std::string write_zip(std::vector<ZipEntry> entries) {
    if (entries.size() > 0xFFFF) throw std::length_error("zip: more than 65535 entries");
    std::set<std::string> seen;
    for (const auto& e : entries) check_name(e.name, seen);
    std::sort(entries.begin(), entries.end(), [](const ZipEntry& a, const ZipEntry& b) { return a.name < b.name; });

    constexpr uint64_t kMax = std::numeric_limits<uint32_t>::max();
    std::string out;
    std::string central;
    for (const auto& e : entries) {
        if (e.content.size() >= kMax) throw std::length_error("zip: entry '" + e.name + "' is 4 GiB or more");
        const uint32_t crc = crc32_of(e.content);
        std::string packed = deflate_raw(e.content);
        uint16_t method = kMethodDeflate;
        if (packed.size() >= e.content.size()) {
            packed = e.content;
            method = kMethodStored;
        }
        const uint64_t offset = out.size();
        if (offset >= kMax) throw std::length_error("zip: archive reaches 4 GiB");
        const uint32_t name_len = static_cast<uint32_t>(e.name.size());

        put32(out, 0x04034b50);  // local file header
        put16(out, kVersionNeeded);
        put16(out, kFlagUtf8);
        put16(out, method);
        put16(out, kDosTime);
        put16(out, kDosDate);
        put32(out, crc);
        put32(out, static_cast<uint32_t>(packed.size()));
        put32(out, static_cast<uint32_t>(e.content.size()));
        put16(out, name_len);
        put16(out, 0);  // no extra field (it would carry timestamps and uid/gid)
        out += e.name;
        out += packed;

        const uint32_t mode = (e.executable ? 0100755u : 0100644u);
        put32(central, 0x02014b50);  // central directory header
        put16(central, kVersionMadeBy);
        put16(central, kVersionNeeded);
        put16(central, kFlagUtf8);
        put16(central, method);
        put16(central, kDosTime);
        put16(central, kDosDate);
        put32(central, crc);
        put32(central, static_cast<uint32_t>(packed.size()));
        put32(central, static_cast<uint32_t>(e.content.size()));
        put16(central, name_len);
        put16(central, 0);  // extra
        put16(central, 0);  // comment
        put16(central, 0);  // disk
        put16(central, 0);  // internal attributes
        put32(central, mode << 16);
        put32(central, static_cast<uint32_t>(offset));
        central += e.name;
    }
    const uint64_t central_offset = out.size();
    if (central_offset + central.size() >= kMax) throw std::length_error("zip: archive reaches 4 GiB");
    out += central;
    put32(out, 0x06054b50);  // end of central directory
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<uint32_t>(entries.size()));
    put16(out, static_cast<uint32_t>(entries.size()));
    put32(out, static_cast<uint32_t>(central.size()));
    put32(out, static_cast<uint32_t>(central_offset));
    put16(out, 0);  // no comment
    return out;
}

}  // namespace vigil::engine::packaging
