// What a firmware image file holds, read on the host before anything is flashed: its format
// (ELF, Intel HEX or raw binary), the address ranges it writes, and for an ELF its symbols.
// `vigil target flash` refuses an image that would write outside the board's flash (an image
// built for another board) before OpenOCD is even started.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::engine::target {

enum class ImageFormat { elf, hex, bin };
const char* to_string(ImageFormat format);

struct AddressRange {
    uint64_t address = 0;
    uint64_t size = 0;
};

struct ImageContents {
    ImageFormat format = ImageFormat::bin;
    std::vector<AddressRange> ranges;  // what it writes; for .bin: one range at the load address
    uint64_t bytes = 0;                // sum of the ranges
};

// By extension (.elf/.axf/.out, .hex/.ihex, .bin); throws util::ParameterError("image") for
// anything else.
ImageFormat image_format(const std::filesystem::path& file);

// Reads the file. For .bin, `bin_address` is where it goes (the board's flash address).
// Throws util::LocatedError naming the file (and the line of a bad HEX record) when it is not
// a valid image: not ELF, not 32-bit little-endian ARM, no loadable segment, a bad HEX checksum...
ImageContents read_image(const std::filesystem::path& file, uint64_t bin_address);

// ELF32 only: the address of a symbol (for a Thumb function, without the Thumb bit).
// Throws util::LocatedError when the file is not an ELF; nullopt when there is no such symbol.
std::optional<uint32_t> elf_symbol(const std::filesystem::path& file, std::string_view name);

// ELF32 only: the function whose code holds `address` ("vigil_learn"), for saying where a
// hung firmware was; nullopt when no function symbol covers it.
std::optional<std::string> elf_function_at(const std::filesystem::path& file, uint32_t address);

}  // namespace vigil::engine::target
