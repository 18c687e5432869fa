// Checks of the selection input (signal_groups.hpp).
#include "vigil/engine/selection/signal_groups.hpp"

#include <numeric>
#include <stdexcept>

namespace vigil::engine::selection {

SignalFile whole_file(std::string path, std::shared_ptr<const dataset::Dataset> data) {
    SignalFile f{std::move(path), std::move(data), {}};
    f.rows.resize(f.data ? f.data->signals : 0);
    std::iota(f.rows.begin(), f.rows.end(), 0u);
    return f;
}

namespace {

void check_file(const SignalFile& f, const std::string& where, size_t axes, size_t length) {
    if (!f.data) throw std::invalid_argument(where + ": no data");
    if (f.data->axes != axes || f.data->length != length)
        throw std::invalid_argument(where + " (" + f.path + "): shape " + std::to_string(f.data->axes) +
                                    " axes x " + std::to_string(f.data->length) + " samples, expected " +
                                    std::to_string(axes) + " x " + std::to_string(length));
    for (size_t i = 0; i < f.rows.size(); ++i) {
        if (f.rows[i] >= f.data->signals)
            throw std::invalid_argument(where + " (" + f.path + "): row " + std::to_string(f.rows[i]) +
                                        " out of range (" + std::to_string(f.data->signals) + " signals)");
        if (i > 0 && f.rows[i] <= f.rows[i - 1])
            throw std::invalid_argument(where + " (" + f.path + "): rows must be strictly ascending");
    }
}

}  // namespace

void validate_groups(const std::vector<SignalGroup>& groups) {
    if (groups.empty()) throw std::invalid_argument("selection: no signal groups");
    if (!groups[0].regular.data) throw std::invalid_argument("group \"" + groups[0].name + "\" regular: no data");
    const size_t axes = groups[0].regular.data->axes, length = groups[0].regular.data->length;
    for (const auto& g : groups) {
        const std::string where = "group \"" + g.name + "\"";
        check_file(g.regular, where + " regular", axes, length);
        if (g.regular.rows.size() < 2)
            throw std::invalid_argument(where + " regular (" + g.regular.path + "): needs at least 2 signals");
        if (g.abnormal.data) check_file(g.abnormal, where + " abnormal", axes, length);
        else if (!g.abnormal.rows.empty()) throw std::invalid_argument(where + " abnormal: rows without data");
    }
}

}  // namespace vigil::engine::selection
