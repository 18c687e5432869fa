// Fills @NAME@ placeholders in the embedded templates. A placeholder left unfilled is a bug
// in the caller (the template and the code drifted apart), so it throws instead of shipping it.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace vigil::engine::packaging {

inline std::string fill_template(std::string_view name, std::string_view text,
                                 const std::map<std::string, std::string>& values) {
    std::string out;
    size_t pos = 0;
    while (true) {
        const size_t at = text.find('@', pos);
        if (at == std::string_view::npos) break;
        const size_t end = text.find('@', at + 1);
        const std::string_view key = end == std::string_view::npos ? "" : text.substr(at + 1, end - at - 1);
        const bool is_key = !key.empty() && key.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") ==
                                                std::string_view::npos;
        if (!is_key) {  // a lone '@' (an e-mail, a decorator): keep it
            out.append(text.substr(pos, at + 1 - pos));
            pos = at + 1;
            continue;
        }
        auto it = values.find(std::string(key));
        if (it == values.end())
            throw std::logic_error("template " + std::string(name) + ": no value for @" + std::string(key) + "@");
        out.append(text.substr(pos, at - pos));
        out += it->second;
        pos = end + 1;
    }
    out.append(text.substr(pos));
    return out;
}

}  // namespace vigil::engine::packaging
