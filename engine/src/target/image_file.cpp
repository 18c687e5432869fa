#include "vigil/engine/target/image_file.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "vigil/engine/util/atomic_file.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::engine::target {

namespace fs = std::filesystem;
using util::LocatedError;

namespace {

constexpr uint16_t kMachineArm = 40;  // EM_ARM
constexpr uint32_t kLoad = 1;         // PT_LOAD
constexpr uint32_t kSymtab = 2;       // SHT_SYMTAB

struct Elf32 {
    std::string_view b;
    std::string file;
    uint32_t u32(size_t at) const {
        if (at + 4 > b.size()) throw LocatedError(file, 0, 0, "truncated ELF file");
        return uint32_t(uint8_t(b[at])) | uint32_t(uint8_t(b[at + 1])) << 8 | uint32_t(uint8_t(b[at + 2])) << 16 |
               uint32_t(uint8_t(b[at + 3])) << 24;
    }
    uint16_t u16(size_t at) const {
        if (at + 2 > b.size()) throw LocatedError(file, 0, 0, "truncated ELF file");
        return static_cast<uint16_t>(uint8_t(b[at]) | uint8_t(b[at + 1]) << 8);
    }
};

Elf32 open_elf(const std::string& bytes, const fs::path& file) {
    Elf32 e{bytes, file.string()};
    if (bytes.size() < 52 || bytes.compare(0, 4, "\x7f" "ELF") != 0) throw LocatedError(e.file, 0, 0, "not an ELF file");
    if (bytes[4] != 1 || bytes[5] != 1)
        throw LocatedError(e.file, 0, 0, "not a 32-bit little-endian ELF file (a Cortex-M image is one)");
    if (e.u16(18) != kMachineArm)
        throw LocatedError(e.file, 0, 0, "an ELF file for machine " + std::to_string(e.u16(18)) +
                                             ", not ARM: not a Cortex-M image");
    return e;
}

std::string lower_extension(const fs::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

ImageContents read_elf(const std::string& bytes, const fs::path& file) {
    const Elf32 e = open_elf(bytes, file);
    const uint32_t phoff = e.u32(28);
    const uint16_t phentsize = e.u16(42), phnum = e.u16(44);
    ImageContents c;
    c.format = ImageFormat::elf;
    for (uint16_t i = 0; i < phnum; ++i) {
        const size_t ph = size_t{phoff} + size_t{i} * phentsize;
        if (e.u32(ph) != kLoad) continue;
        const uint32_t paddr = e.u32(ph + 12), filesz = e.u32(ph + 16);
        if (filesz == 0) continue;  // .bss and the stack: nothing to write
        c.ranges.push_back({paddr, filesz});
        c.bytes += filesz;
    }
    if (c.ranges.empty()) throw LocatedError(e.file, 0, 0, "the ELF file has no loadable segment with contents");
    return c;
}

unsigned hex_byte(const std::string& line, size_t at, const std::string& file, uint64_t number) {
    if (at + 2 > line.size() || !std::isxdigit(static_cast<unsigned char>(line[at])) ||
        !std::isxdigit(static_cast<unsigned char>(line[at + 1])))
        throw LocatedError(file, number, at + 1, "not a hexadecimal byte");
    return static_cast<unsigned>(std::stoul(line.substr(at, 2), nullptr, 16));
}

ImageContents read_hex(const std::string& text, const fs::path& path) {
    const std::string file = path.string();
    ImageContents c;
    c.format = ImageFormat::hex;
    std::istringstream in(text);
    std::string line;
    uint64_t number = 0, base = 0;
    bool ended = false;
    while (std::getline(in, line)) {
        ++number;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (line.empty()) continue;
        if (ended) throw LocatedError(file, number, 1, "data after the end-of-file record");
        if (line[0] != ':') throw LocatedError(file, number, 1, "an Intel HEX record starts with ':'");
        const unsigned count = hex_byte(line, 1, file, number);
        if (line.size() != 11 + 2 * size_t{count})
            throw LocatedError(file, number, 1, "record length does not match its byte count");
        unsigned sum = 0;
        for (size_t at = 1; at < line.size(); at += 2) sum += hex_byte(line, at, file, number);
        if ((sum & 0xffu) != 0) throw LocatedError(file, number, line.size() - 1, "bad record checksum");
        const unsigned offset = hex_byte(line, 3, file, number) << 8 | hex_byte(line, 5, file, number);
        const unsigned type = hex_byte(line, 7, file, number);
        if (type == 0) {
            const uint64_t address = base + offset;
            if (!c.ranges.empty() && c.ranges.back().address + c.ranges.back().size == address)
                c.ranges.back().size += count;
            else
                c.ranges.push_back({address, count});
            c.bytes += count;
        } else if (type == 1) {
            ended = true;
        } else if (type == 2 || type == 4) {
            if (count != 2) throw LocatedError(file, number, 1, "an address record holds 2 bytes");
            const uint64_t value = hex_byte(line, 9, file, number) << 8 | hex_byte(line, 11, file, number);
            base = type == 2 ? value << 4 : value << 16;
        } else if (type != 3 && type != 5) {
            throw LocatedError(file, number, 8, "unknown record type " + std::to_string(type));
        }
    }
    if (!ended) throw LocatedError(file, 0, 0, "no end-of-file record (:00000001FF): the file is truncated");
    if (c.ranges.empty()) throw LocatedError(file, 0, 0, "no data records");
    return c;
}

}  // namespace

const char* to_string(ImageFormat format) {
    switch (format) {
        case ImageFormat::elf: return "elf";
        case ImageFormat::hex: return "hex";
        case ImageFormat::bin: return "bin";
    }
    return "?";
}

ImageFormat image_format(const fs::path& file) {
    const std::string ext = lower_extension(file);
    if (ext == ".elf" || ext == ".axf" || ext == ".out") return ImageFormat::elf;
    if (ext == ".hex" || ext == ".ihex") return ImageFormat::hex;
    if (ext == ".bin") return ImageFormat::bin;
    throw util::ParameterError("image", file.string() + ": unknown image type '" + ext +
                                            "' (accepted: .elf, .hex, .bin; a .bin goes to the board's flash address)");
}

ImageContents read_image(const fs::path& file, uint64_t bin_address) {
    const ImageFormat format = image_format(file);
    std::string bytes;
    try {
        bytes = util::read_file(file);
    } catch (const std::runtime_error&) {
        throw LocatedError(file.string(), 0, 0, "cannot read the image");
    }
    if (format == ImageFormat::elf) return read_elf(bytes, file);
    if (format == ImageFormat::hex) return read_hex(bytes, file);
    if (bytes.empty()) throw LocatedError(file.string(), 0, 0, "the image is empty");
    ImageContents c;
    c.format = ImageFormat::bin;
    c.ranges.push_back({bin_address, bytes.size()});
    c.bytes = bytes.size();
    return c;
}

namespace {

struct Symbol {
    std::string_view name;
    uint32_t value = 0;  // Thumb bit cleared
    uint32_t size = 0;
    bool function = false;
};

// Every named symbol of the ELF's symbol tables (views into `bytes`).
std::vector<Symbol> symbols_of(const std::string& bytes, const fs::path& file) {
    const Elf32 e = open_elf(bytes, file);
    const uint32_t shoff = e.u32(32);
    const uint16_t shentsize = e.u16(46), shnum = e.u16(48);
    std::vector<Symbol> out;
    for (uint16_t i = 0; i < shnum; ++i) {
        const size_t sh = size_t{shoff} + size_t{i} * shentsize;
        if (e.u32(sh + 4) != kSymtab) continue;
        const uint32_t offset = e.u32(sh + 16), size = e.u32(sh + 20), link = e.u32(sh + 24), entsize = e.u32(sh + 36);
        const size_t strtab = e.u32(size_t{shoff} + size_t{link} * shentsize + 16);
        if (entsize < 16) continue;
        for (uint32_t at = offset; at + entsize <= offset + size; at += entsize) {
            const size_t name_at = strtab + e.u32(at);
            if (name_at >= bytes.size()) continue;
            const size_t end = bytes.find('\0', name_at);
            if (end == std::string::npos || end == name_at) continue;
            const uint8_t info = static_cast<uint8_t>(bytes[at + 12]);
            out.push_back({std::string_view(bytes).substr(name_at, end - name_at), e.u32(at + 4) & ~1u, e.u32(at + 8),
                           (info & 0xfu) == 2 /* STT_FUNC */});
        }
    }
    return out;
}

std::string read_image_bytes(const fs::path& file) {
    try {
        return util::read_file(file);
    } catch (const std::runtime_error&) {
        throw LocatedError(file.string(), 0, 0, "cannot read the image");
    }
}

}  // namespace

std::optional<uint32_t> elf_symbol(const fs::path& file, std::string_view name) {
    const std::string bytes = read_image_bytes(file);
    for (const auto& s : symbols_of(bytes, file))
        if (s.name == name) return s.value;
    return std::nullopt;
}

std::optional<std::string> elf_function_at(const fs::path& file, uint32_t address) {
    const std::string bytes = read_image_bytes(file);
    for (const auto& s : symbols_of(bytes, file))
        if (s.function && address >= s.value && address - s.value < std::max<uint32_t>(s.size, 1)) return std::string(s.name);
    return std::nullopt;
}

}  // namespace vigil::engine::target
