// Recipe <-> JSON (strict, field-named errors) and the hex candidate key.
#include "vigil/engine/selection/recipe_json.hpp"

#include <array>
#include <cstdio>
#include <sstream>

#include "vigil_family.h"

namespace vigil::engine::selection {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 3> kDetrend{"none", "mean", "linear"};
constexpr std::array<std::string_view, 3> kScaling{"none", "per_signal", "learned"};
constexpr std::array<std::string_view, 2> kWindow{"none", "hann"};
constexpr std::array<std::string_view, 2> kArithmetic{"float", "fixed"};
constexpr std::array<std::string_view, 7> kFeatures{"stats", "spectrum", "bands_linear", "bands_log",
                                                    "values",  "trends",   "cross"};

// One named hyperparameter: which slot it occupies. Integer slots may have symbolic values.
struct Param {
    std::string_view name;
    bool is_int;
    uint8_t slot;
    std::array<std::string_view, 2> symbols{};  // for enum-like integers (gaussian combine)
};

struct FamilyParams {
    uint8_t family;
    std::vector<Param> params;
};

// The slots of each family, as documented in device_runtime/src/family_*.c.
const std::vector<FamilyParams>& family_table() {
    static const std::vector<FamilyParams> table = {
        {VIGIL_FAMILY_GAUSSIAN, {{"combine", true, 0, {"rms", "max"}}, {"variance_floor", false, 0}}},
        {VIGIL_FAMILY_MAHALANOBIS, {{"shrinkage", false, 0}, {"ridge", false, 1}}},
        {VIGIL_FAMILY_KMEANS, {{"k", true, 0}, {"rate", false, 0}, {"radius_floor", false, 1}}},
        {VIGIL_FAMILY_KNN, {{"reservoir", true, 0}, {"k", true, 1}}},
        {VIGIL_FAMILY_PCA, {{"components", true, 0}, {"amnesic", false, 0}}},
        {VIGIL_FAMILY_HSTREES,
         {{"trees", true, 0}, {"depth", true, 1}, {"window", true, 2}, {"size_limit", false, 0}}},
        {VIGIL_FAMILY_OSELM, {{"hidden", true, 0}, {"lambda", false, 0}, {"input_scale", false, 1}}},
        {VIGIL_FAMILY_LOF, {{"reservoir", true, 0}, {"k", true, 1}, {"density_floor", false, 0}}},
    };
    return table;
}

const FamilyParams& params_of(uint8_t family) {
    for (const auto& f : family_table())
        if (f.family == family) return f;
    throw std::invalid_argument("unknown model family " + std::to_string(family));
}

template <size_t N>
uint8_t enum_index(const std::array<std::string_view, N>& names, const json& j,
                   const std::string& field) {
    if (!j.is_string()) throw RecipeJsonError(field, "expected a string");
    const auto& s = j.get_ref<const std::string&>();
    for (size_t i = 0; i < N; ++i)
        if (names[i] == s) return static_cast<uint8_t>(i);
    std::string allowed;
    for (auto n : names) allowed += (allowed.empty() ? "" : ", ") + std::string(n);
    throw RecipeJsonError(field, "unknown value \"" + s + "\" (expected one of: " + allowed + ")");
}

// Strict object access: `obj` must be an object holding exactly `keys`.
void expect_keys(const json& obj, const std::string& where, const std::vector<std::string_view>& keys) {
    if (!obj.is_object()) throw RecipeJsonError(where, "expected an object");
    for (auto k : keys)
        if (!obj.contains(std::string(k)))
            throw RecipeJsonError(where.empty() ? std::string(k) : where + "." + std::string(k),
                                  "missing field");
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        bool known = false;
        for (auto k : keys) known = known || it.key() == k;
        if (!known)
            throw RecipeJsonError(where.empty() ? it.key() : where + "." + it.key(), "unknown field");
    }
}

uint64_t get_uint(const json& j, const std::string& field, uint64_t lo, uint64_t hi) {
    if (!j.is_number_integer() || (j.is_number_integer() && !j.is_number_unsigned() && j.get<int64_t>() < 0))
        throw RecipeJsonError(field, "expected a non-negative integer");
    const auto v = j.get<uint64_t>();
    if (v < lo || v > hi)
        throw RecipeJsonError(field, "out of range " + std::to_string(lo) + ".." + std::to_string(hi) +
                                         " (got " + std::to_string(v) + ")");
    return v;
}

float get_float(const json& j, const std::string& field) {
    if (!j.is_number()) throw RecipeJsonError(field, "expected a number");
    const double d = j.get<double>();
    if (!(d >= -3.4e38 && d <= 3.4e38)) throw RecipeJsonError(field, "not a finite float");
    return static_cast<float>(d);
}

bool get_bool(const json& j, const std::string& field) {
    if (!j.is_boolean()) throw RecipeJsonError(field, "expected true or false");
    return j.get<bool>();
}

json model_to_json(const vigil_model_params& m) {
    json out = json::object();
    out["family"] = std::string(family_name(m.family));
    for (const auto& p : params_of(m.family).params) {
        if (!p.is_int)
            out[std::string(p.name)] = static_cast<double>(m.f[p.slot]);
        else if (!p.symbols[0].empty() && m.i[p.slot] < p.symbols.size())
            out[std::string(p.name)] = std::string(p.symbols[m.i[p.slot]]);
        else
            out[std::string(p.name)] = m.i[p.slot];
    }
    return out;
}

vigil_model_params model_from_json(const json& j) {
    if (!j.is_object()) throw RecipeJsonError("model", "expected an object");
    if (!j.contains("family")) throw RecipeJsonError("model.family", "missing field");
    const json& fam = j.at("family");
    if (!fam.is_string()) throw RecipeJsonError("model.family", "expected a string");
    const auto id = family_from_name(fam.get_ref<const std::string&>());
    if (!id) throw RecipeJsonError("model.family", "unknown family \"" + fam.get<std::string>() + "\"");
    vigil_model_params m{};
    m.family = *id;
    const auto& table = params_of(*id);
    std::vector<std::string_view> keys{"family"};
    for (const auto& p : table.params) keys.push_back(p.name);
    expect_keys(j, "model", keys);
    for (const auto& p : table.params) {
        const std::string field = "model." + std::string(p.name);
        const json& v = j.at(std::string(p.name));
        if (!p.is_int) {
            m.f[p.slot] = get_float(v, field);
        } else if (!p.symbols[0].empty() && v.is_string()) {
            m.i[p.slot] = enum_index(p.symbols, v, field);
        } else {
            m.i[p.slot] = static_cast<uint16_t>(get_uint(v, field, 0, 65535));
        }
    }
    return m;
}

}  // namespace

std::string_view family_name(uint8_t family) {
    const vigil_family_ops* ops = vigil_family_get(family);
    return ops ? std::string_view(ops->name) : std::string_view();
}

std::optional<uint8_t> family_from_name(std::string_view name) {
    for (uint8_t f = 0; f < VIGIL_FAMILY_COUNT; ++f)
        if (family_name(f) == name) return f;
    return std::nullopt;
}

json recipe_to_json(const vigil_recipe& r) {
    if (vigil_recipe_validate(&r) != VIGIL_OK)
        throw std::invalid_argument("recipe_to_json: the recipe is not valid");
    json features = json::array();
    for (size_t b = 0; b < kFeatures.size(); ++b)
        if (r.features & (1u << b)) features.push_back(std::string(kFeatures[b]));
    json pre = {
        {"detrend", std::string(kDetrend[r.detrend])},
        {"scaling", std::string(kScaling[r.scaling])},
        {"decimation", r.decimation},
        {"window", std::string(kWindow[r.window])},
        {"features", features},
        {"log_magnitude", r.log_magnitude != 0},
        {"bands", r.bands},
        {"standardize", r.standardize != 0},
    };
    if (r.arithmetic != VIGIL_ARITH_FLOAT) pre["arithmetic"] = "fixed";  // absent: float
    return json{{"version", r.version}, {"axes", r.axes},     {"length", r.length},
                {"min_learn", r.min_learn}, {"seed", r.seed}, {"preprocessing", pre},
                {"model", model_to_json(r.model)}};
}

vigil_recipe recipe_from_json(const json& j) {
    expect_keys(j, "", {"version", "axes", "length", "min_learn", "seed", "preprocessing", "model"});
    vigil_recipe r{};
    // Version 1 (before the arithmetic field) reads as a float recipe of the current version.
    const auto version = get_uint(j.at("version"), "version", 1, VIGIL_RECIPE_VERSION);
    r.version = VIGIL_RECIPE_VERSION;
    r.axes = static_cast<uint16_t>(get_uint(j.at("axes"), "axes", 1, VIGIL_MAX_AXES));
    r.length = static_cast<uint16_t>(get_uint(j.at("length"), "length", 1, VIGIL_MAX_LENGTH));
    r.min_learn = static_cast<uint16_t>(get_uint(j.at("min_learn"), "min_learn", VIGIL_MIN_LEARN_FLOOR, 65535));
    r.seed = static_cast<uint32_t>(get_uint(j.at("seed"), "seed", 0, UINT32_MAX));

    const json& pre = j.at("preprocessing");
    if (pre.is_object() && pre.contains("arithmetic")) {
        if (version < 2) throw RecipeJsonError("preprocessing.arithmetic", "needs recipe version 2");
        expect_keys(pre, "preprocessing", {"detrend", "scaling", "decimation", "window", "features",
                                           "log_magnitude", "bands", "standardize", "arithmetic"});
        r.arithmetic = enum_index(kArithmetic, pre.at("arithmetic"), "preprocessing.arithmetic");
    } else {
        expect_keys(pre, "preprocessing", {"detrend", "scaling", "decimation", "window", "features",
                                           "log_magnitude", "bands", "standardize"});
    }
    r.detrend = enum_index(kDetrend, pre.at("detrend"), "preprocessing.detrend");
    r.scaling = enum_index(kScaling, pre.at("scaling"), "preprocessing.scaling");
    const auto dec = get_uint(pre.at("decimation"), "preprocessing.decimation", 1, 8);
    if (dec != 1 && dec != 2 && dec != 4 && dec != 8)
        throw RecipeJsonError("preprocessing.decimation", "must be 1, 2, 4 or 8");
    r.decimation = static_cast<uint8_t>(dec);
    r.window = enum_index(kWindow, pre.at("window"), "preprocessing.window");
    const json& feats = pre.at("features");
    if (!feats.is_array() || feats.empty())
        throw RecipeJsonError("preprocessing.features", "expected a non-empty array of feature blocks");
    for (size_t i = 0; i < feats.size(); ++i) {
        const std::string field = "preprocessing.features[" + std::to_string(i) + "]";
        const uint8_t bit = static_cast<uint8_t>(1u << enum_index(kFeatures, feats[i], field));
        if (r.features & bit) throw RecipeJsonError(field, "repeated feature block");
        r.features = static_cast<uint8_t>(r.features | bit);
    }
    r.log_magnitude = get_bool(pre.at("log_magnitude"), "preprocessing.log_magnitude") ? 1 : 0;
    r.bands = static_cast<uint8_t>(get_uint(pre.at("bands"), "preprocessing.bands", 0, VIGIL_MAX_BANDS));
    r.standardize = get_bool(pre.at("standardize"), "preprocessing.standardize") ? 1 : 0;
    r.model = model_from_json(j.at("model"));

    if (r.decimation > 0 && r.length / r.decimation < 4)
        throw RecipeJsonError("preprocessing.decimation", "leaves fewer than 4 samples per axis");
    const bool spectral = (r.features & (VIGIL_FEAT_SPECTRUM | VIGIL_FEAT_BANDS_LINEAR | VIGIL_FEAT_BANDS_LOG)) != 0;
    const bool banded = (r.features & (VIGIL_FEAT_BANDS_LINEAR | VIGIL_FEAT_BANDS_LOG)) != 0;
    if (!spectral && r.window != VIGIL_WINDOW_NONE)
        throw RecipeJsonError("preprocessing.window", "only with spectral features");
    if (!spectral && !(r.features & VIGIL_FEAT_VALUES) && r.log_magnitude)
        throw RecipeJsonError("preprocessing.log_magnitude", "only with spectral features or values");
    if ((r.features & VIGIL_FEAT_CROSS) && r.axes < 2)
        throw RecipeJsonError("preprocessing.features", "cross needs 2 or more axes");
    if (banded && r.bands == 0) throw RecipeJsonError("preprocessing.bands", "must be >= 1 with band features");
    if (!banded && r.bands != 0) throw RecipeJsonError("preprocessing.bands", "must be 0 without band features");
    if (vigil_recipe_validate(&r) != VIGIL_OK) {
        // Tell preprocessing from model problems: the same preprocessing with a trivially valid
        // model (per-feature Gaussian, defaults) isolates the culprit.
        vigil_recipe probe = r;
        probe.model = vigil_model_params{};
        probe.model.family = VIGIL_FAMILY_GAUSSIAN;
        if (vigil_recipe_validate(&probe) == VIGIL_OK)
            throw RecipeJsonError("model", "parameters not accepted by family \"" +
                                               std::string(family_name(r.model.family)) + "\" for " +
                                               std::to_string(vigil_recipe_feature_count(&probe)) + " features");
        throw RecipeJsonError("preprocessing", "not a usable combination for this signal shape "
                                               "(e.g. too many bands or features for the length)");
    }
    return r;
}

vigil_recipe recipe_from_json_text(std::string_view text) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        throw RecipeJsonError("", std::string("JSON syntax error at byte ") + std::to_string(e.byte) + ": " + e.what());
    }
    return recipe_from_json(j);
}

std::string recipe_key(const vigil_recipe& r) {
    uint8_t bytes[VIGIL_RECIPE_ENCODED_SIZE];
    if (vigil_recipe_encode(&r, bytes) != VIGIL_OK)
        throw std::invalid_argument("recipe_key: the recipe is not valid");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string key(2 * VIGIL_RECIPE_PAYLOAD_SIZE, '0');
    for (size_t i = 0; i < VIGIL_RECIPE_PAYLOAD_SIZE; ++i) {
        key[2 * i] = kHex[bytes[i] >> 4];
        key[2 * i + 1] = kHex[bytes[i] & 15];
    }
    return key;
}

std::optional<vigil_recipe> recipe_from_key(std::string_view key) {
    if (key.size() != 2 * VIGIL_RECIPE_PAYLOAD_SIZE) return std::nullopt;
    uint8_t bytes[VIGIL_RECIPE_ENCODED_SIZE]{};
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    for (size_t i = 0; i < VIGIL_RECIPE_PAYLOAD_SIZE; ++i) {
        const int hi = nibble(key[2 * i]), lo = nibble(key[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        bytes[i] = static_cast<uint8_t>(hi * 16 + lo);
    }
    // The key carries the payload only; the runtime's decode wants payload + CRC-32 (the
    // standard reflected CRC-32 of crc32.c, little-endian), so append it and let the runtime
    // check every field.
    vigil_recipe probe{};
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < VIGIL_RECIPE_PAYLOAD_SIZE; ++i) {
        crc ^= bytes[i];
        for (int b = 0; b < 8; ++b) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    crc = ~crc;
    for (size_t i = 0; i < 4; ++i) bytes[VIGIL_RECIPE_PAYLOAD_SIZE + i] = static_cast<uint8_t>(crc >> (8 * i));
    if (vigil_recipe_decode(bytes, &probe) != VIGIL_OK) return std::nullopt;
    return probe;
}

std::string recipe_summary(const vigil_recipe& r) {
    std::ostringstream out;
    out << family_name(r.model.family) << '(';
    const auto& table = params_of(r.model.family);
    for (size_t i = 0; i < table.params.size(); ++i) {
        const auto& p = table.params[i];
        out << (i ? " " : "") << p.name << '=';
        if (p.is_int && !p.symbols[0].empty() && r.model.i[p.slot] < 2) out << p.symbols[r.model.i[p.slot]];
        else if (p.is_int) out << r.model.i[p.slot];
        else out << r.model.f[p.slot];
    }
    out << ") | " << kDetrend[r.detrend] << ' ' << kScaling[r.scaling] << " /" << int(r.decimation);
    if (r.window) out << " hann";
    out << ' ';
    bool first = true;
    for (size_t b = 0; b < kFeatures.size(); ++b)
        if (r.features & (1u << b)) {
            out << (first ? "" : "+") << kFeatures[b];
            first = false;
        }
    if (r.bands) out << '(' << int(r.bands) << ')';
    if (r.log_magnitude) out << " log";
    if (r.standardize) out << " std";
    if (r.arithmetic == VIGIL_ARITH_FIXED) out << " fixed";
    out << " | min_learn " << r.min_learn;
    return out.str();
}

}  // namespace vigil::engine::selection
