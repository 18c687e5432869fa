#include "params.hpp"

#include <cmath>

namespace vigil::daemon {

namespace {

const nlohmann::json& empty_object() {
    static const nlohmann::json empty = nlohmann::json::object();
    return empty;
}

std::string range(int64_t min, int64_t max) {
    return "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

std::string range(double min, double max) {
    char text[128];
    std::snprintf(text, sizeof text, "must be a number from %g to %g", min, max);
    return text;
}

}  // namespace

Params::Params(const nlohmann::json& json, std::string path)
    : json_(json.is_null() ? empty_object() : json), path_(std::move(path)) {
    if (!json_.is_object()) throw invalid_params(path_.empty() ? "params" : path_, "must be an object (by-name params)");
}

std::string Params::name_of(const std::string& name) const { return path_.empty() ? name : path_ + "." + name; }

bool Params::has(const std::string& name) const { return json_.contains(name) && !json_.at(name).is_null(); }

const nlohmann::json* Params::find(const std::string& name) {
    read_.insert(name);
    auto it = json_.find(name);
    if (it == json_.end() || it->is_null()) return nullptr;
    return &*it;
}

std::optional<std::string> Params::optional_string(const std::string& name) {
    const auto* v = find(name);
    if (!v) return std::nullopt;
    if (!v->is_string()) throw invalid_params(name_of(name), "must be a string");
    return v->get<std::string>();
}

std::string Params::string(const std::string& name) {
    auto v = optional_string(name);
    if (!v) throw invalid_params(name_of(name), "is required (a string)");
    return *v;
}

std::optional<int64_t> Params::optional_integer(const std::string& name, int64_t min, int64_t max) {
    const auto* v = find(name);
    if (!v) return std::nullopt;
    if (v->is_number_integer()) {
        const int64_t i = v->is_number_unsigned() && v->get<uint64_t>() > uint64_t(INT64_MAX) ? INT64_MAX : v->get<int64_t>();
        if (i >= min && i <= max) return i;
    } else if (v->is_number_float()) {
        const double d = v->get<double>();
        if (std::floor(d) == d && d >= double(min) && d <= double(max)) return int64_t(d);
    }
    throw invalid_params(name_of(name), range(min, max));
}

int64_t Params::integer(const std::string& name, int64_t min, int64_t max) {
    auto v = optional_integer(name, min, max);
    if (!v) throw invalid_params(name_of(name), "is required (" + range(min, max).substr(8) + ")");
    return *v;
}

std::optional<double> Params::optional_number(const std::string& name, double min, double max) {
    const auto* v = find(name);
    if (!v) return std::nullopt;
    if (v->is_number()) {
        const double d = v->get<double>();
        if (std::isfinite(d) && d >= min && d <= max) return d;
    }
    throw invalid_params(name_of(name), range(min, max));
}

double Params::number(const std::string& name, double min, double max) {
    auto v = optional_number(name, min, max);
    if (!v) throw invalid_params(name_of(name), "is required (" + range(min, max).substr(8) + ")");
    return *v;
}

std::optional<bool> Params::optional_boolean(const std::string& name) {
    const auto* v = find(name);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) throw invalid_params(name_of(name), "must be true or false");
    return v->get<bool>();
}

std::optional<nlohmann::json> Params::optional_object(const std::string& name) {
    const auto* v = find(name);
    if (!v) return std::nullopt;
    if (!v->is_object()) throw invalid_params(name_of(name), "must be an object");
    return *v;
}

const nlohmann::json& Params::object(const std::string& name) {
    const auto* v = find(name);
    if (!v || !v->is_object()) throw invalid_params(name_of(name), v ? "must be an object" : "is required (an object)");
    return *v;
}

const nlohmann::json& Params::array(const std::string& name) {
    const auto* v = find(name);
    if (!v || !v->is_array()) throw invalid_params(name_of(name), v ? "must be an array" : "is required (an array)");
    return *v;
}

std::optional<nlohmann::json> Params::optional_value(const std::string& name) {
    const auto* v = find(name);
    if (!v) return std::nullopt;
    return *v;
}

std::optional<nlohmann::json> Params::optional_token(const std::string& name) {
    const auto* v = find(name);
    if (!v) return std::nullopt;
    if (!v->is_string() && !v->is_number_integer()) throw invalid_params(name_of(name), "must be a string or an integer");
    return *v;
}

std::vector<std::vector<double>> Params::matrix(const std::string& name) {
    const auto& rows = array(name);
    std::vector<std::vector<double>> out;
    out.reserve(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
        const std::string row_name = name_of(name) + "[" + std::to_string(r) + "]";
        if (!rows[r].is_array()) throw invalid_params(row_name, "must be an array of numbers (one signal)");
        std::vector<double> row;
        row.reserve(rows[r].size());
        for (size_t c = 0; c < rows[r].size(); ++c) {
            const auto& v = rows[r][c];
            if (!v.is_number() || !std::isfinite(v.get<double>()))
                throw invalid_params(row_name + "[" + std::to_string(c) + "]", "must be a finite number");
            row.push_back(v.get<double>());
        }
        out.push_back(std::move(row));
    }
    return out;
}

void Params::done() const {
    for (const auto& [key, _] : json_.items())
        if (!read_.count(key)) throw invalid_params(name_of(key), "is not a parameter of this method");
}

}  // namespace vigil::daemon
