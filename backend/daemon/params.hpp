// Reading a method's params with errors that name the parameter (clangd's fromJSON with a
// Path): every accessor throws -32602 saying which parameter and what was expected, and
// done() refuses parameters the method does not know, so a typo in a client is an error, not a
// silently ignored option.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rpc_error.hpp"

namespace vigil::daemon {

class Params {
public:
    // `json` must be an object; null (no params) reads as an empty object. `path` prefixes the
    // names in errors ("groups[0]").
    explicit Params(const nlohmann::json& json, std::string path = "");

    bool has(const std::string& name) const;

    std::string string(const std::string& name);
    std::optional<std::string> optional_string(const std::string& name);
    int64_t integer(const std::string& name, int64_t min, int64_t max);
    std::optional<int64_t> optional_integer(const std::string& name, int64_t min, int64_t max);
    double number(const std::string& name, double min, double max);
    std::optional<double> optional_number(const std::string& name, double min, double max);
    std::optional<bool> optional_boolean(const std::string& name);
    const nlohmann::json& object(const std::string& name);
    std::optional<nlohmann::json> optional_object(const std::string& name);
    const nlohmann::json& array(const std::string& name);
    // Any JSON value (e.g. a progress token: string or integer), without type check.
    std::optional<nlohmann::json> optional_value(const std::string& name);
    // A progress token: string or integer, as LSP's ProgressToken.
    std::optional<nlohmann::json> optional_token(const std::string& name);
    // number[][] of finite numbers.
    std::vector<std::vector<double>> matrix(const std::string& name);

    // The full name of a member, for nested readers and errors: "groups[0].regular".
    std::string name_of(const std::string& name) const;
    // Refuses members that no accessor read.
    void done() const;

private:
    const nlohmann::json* find(const std::string& name);
    const nlohmann::json& json_;
    std::string path_;
    std::set<std::string> read_;
};

}  // namespace vigil::daemon
