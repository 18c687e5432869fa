#include "vigil/engine/dataset/float_parse.hpp"

#include <charconv>

namespace vigil::engine::dataset {

FloatParse parse_float(const char* first, const char* last, float& value) {
    if (const char* end = parse_float_fast(first, last, value)) return {end, std::errc()};
    auto [ptr, ec] = std::from_chars(first, last, value, std::chars_format::general);
    return {ptr, ec};
}

}  // namespace vigil::engine::dataset
