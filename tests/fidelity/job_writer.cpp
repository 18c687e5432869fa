#include "job_writer.hpp"

#include <cmath>
#include <cstring>
#include <map>
#include <sstream>
#include <stdexcept>

namespace vigil::fidelity {
namespace {

[[noreturn]] void fail(const std::string &file, size_t line, size_t col, const std::string &what) {
    throw std::runtime_error(file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + what);
}

// Names of vigil_family_id in order, and of the preprocessing enums (vigil_recipe.h).
const std::map<std::string, uint8_t> kFamilies = {
    {"gaussian", VIGIL_FAMILY_GAUSSIAN}, {"mahalanobis", VIGIL_FAMILY_MAHALANOBIS},
    {"kmeans", VIGIL_FAMILY_KMEANS},     {"knn", VIGIL_FAMILY_KNN},
    {"pca", VIGIL_FAMILY_PCA},           {"hstrees", VIGIL_FAMILY_HSTREES},
    {"oselm", VIGIL_FAMILY_OSELM},       {"lof", VIGIL_FAMILY_LOF}};
const std::map<std::string, uint8_t> kDetrend = {
    {"none", VIGIL_DETREND_NONE}, {"mean", VIGIL_DETREND_MEAN}, {"linear", VIGIL_DETREND_LINEAR}};
const std::map<std::string, uint8_t> kScaling = {
    {"none", VIGIL_SCALING_NONE}, {"per-signal", VIGIL_SCALING_PER_SIGNAL}, {"learned", VIGIL_SCALING_LEARNED}};
const std::map<std::string, uint8_t> kWindow = {{"none", VIGIL_WINDOW_NONE}, {"hann", VIGIL_WINDOW_HANN}};
const std::map<std::string, uint8_t> kFeatures = {{"stats", VIGIL_FEAT_STATS},
                                                  {"spectrum", VIGIL_FEAT_SPECTRUM},
                                                  {"bands-linear", VIGIL_FEAT_BANDS_LINEAR},
                                                  {"bands-log", VIGIL_FEAT_BANDS_LOG},
                                                  {"values", VIGIL_FEAT_VALUES},
                                                  {"trends", VIGIL_FEAT_TRENDS},
                                                  {"cross", VIGIL_FEAT_CROSS}};

struct Field {
    std::string key, value;
    size_t col; // 1-based column of the value
};

uint8_t lookup(const std::map<std::string, uint8_t> &table, const Field &f, const std::string &file, size_t line) {
    auto it = table.find(f.value);
    if (it == table.end()) {
        std::string known;
        for (const auto &[k, v] : table) known += (known.empty() ? "" : ", ") + k;
        fail(file, line, f.col, f.key + ": unknown value '" + f.value + "' (known: " + known + ")");
    }
    return it->second;
}

unsigned long parse_uint(const Field &f, unsigned long max, const std::string &file, size_t line) {
    size_t used = 0;
    unsigned long v = 0;
    try {
        v = std::stoul(f.value, &used, 0);
    } catch (const std::exception &) {
        used = 0;
    }
    if (used == 0 || used != f.value.size() || f.value[0] == '-' || v > max)
        fail(file, line, f.col, f.key + ": expected an integer in 0.." + std::to_string(max) + ", got '" + f.value + "'");
    return v;
}

float parse_float(const std::string &text, const Field &f, const std::string &file, size_t line) {
    size_t used = 0;
    float v = 0;
    try {
        v = std::stof(text, &used);
    } catch (const std::exception &) {
        used = 0;
    }
    if (used == 0 || used != text.size() || !std::isfinite(v))
        fail(file, line, f.col, f.key + ": expected a finite number, got '" + text + "'");
    return v;
}

std::vector<std::string> split(const std::string &s, char sep) {
    std::vector<std::string> out;
    std::string part;
    std::istringstream in(s);
    while (std::getline(in, part, sep)) out.push_back(part);
    return out;
}

void apply(JobSpec &job, const Field &f, const std::string &file, size_t line) {
    vigil_recipe &r = job.recipe;
    const std::string &k = f.key;
    if (k == "family") {
        r.model.family = lookup(kFamilies, f, file, line);
        job.family_name = f.value;
    }
    else if (k == "axes") r.axes = static_cast<uint16_t>(parse_uint(f, VIGIL_MAX_AXES, file, line));
    else if (k == "length") r.length = static_cast<uint16_t>(parse_uint(f, VIGIL_MAX_LENGTH, file, line));
    else if (k == "min-learn") r.min_learn = static_cast<uint16_t>(parse_uint(f, 65535, file, line));
    else if (k == "seed") r.seed = static_cast<uint32_t>(parse_uint(f, 0xFFFFFFFFul, file, line));
    else if (k == "detrend") r.detrend = lookup(kDetrend, f, file, line);
    else if (k == "scaling") r.scaling = lookup(kScaling, f, file, line);
    else if (k == "decimation") r.decimation = static_cast<uint8_t>(parse_uint(f, 255, file, line));
    else if (k == "window") r.window = lookup(kWindow, f, file, line);
    else if (k == "log") r.log_magnitude = static_cast<uint8_t>(parse_uint(f, 1, file, line));
    else if (k == "bands") r.bands = static_cast<uint8_t>(parse_uint(f, 255, file, line));
    else if (k == "standardize") r.standardize = static_cast<uint8_t>(parse_uint(f, 1, file, line));
    else if (k == "arithmetic") {
        if (f.value == "float") r.arithmetic = VIGIL_ARITH_FLOAT;
        else if (f.value == "fixed") r.arithmetic = VIGIL_ARITH_FIXED;
        else fail(file, line, f.col, "arithmetic: expected float or fixed, got '" + f.value + "'");
    }
    else if (k == "learn") job.learn = static_cast<uint32_t>(parse_uint(f, 100000, file, line));
    else if (k == "detect") job.detect = static_cast<uint32_t>(parse_uint(f, 100000, file, line));
    else if (k == "knowledge") job.knowledge = parse_uint(f, 1, file, line) != 0;
    else if (k == "sensitivity") {
        job.has_sensitivity = true;
        job.sensitivity = parse_float(f.value, f, file, line);
    } else if (k == "features") {
        r.features = 0;
        for (const auto &name : split(f.value, '+')) {
            Field one{k, name, f.col};
            r.features = static_cast<uint8_t>(r.features | lookup(kFeatures, one, file, line));
        }
    } else if (k == "i" || k == "f") {
        auto parts = split(f.value, ',');
        if (parts.empty() || parts.size() > 4) fail(file, line, f.col, k + ": expected 1 to 4 comma-separated values");
        for (size_t n = 0; n < parts.size(); ++n) {
            if (k == "i") r.model.i[n] = static_cast<uint16_t>(parse_uint(Field{k, parts[n], f.col}, 65535, file, line));
            else r.model.f[n] = parse_float(parts[n], f, file, line);
        }
    } else {
        fail(file, line, f.col - k.size() - 1, "unknown key '" + k + "'");
    }
}

} // namespace

std::vector<JobSpec> parse_job_specs(const std::string &text, const std::string &file) {
    std::vector<JobSpec> jobs;
    std::istringstream in(text);
    std::string raw;
    size_t line = 0;
    while (std::getline(in, raw)) {
        ++line;
        std::string body = raw.substr(0, raw.find('#'));
        size_t pos = 0;
        auto next_token = [&](size_t &col) -> std::string {
            while (pos < body.size() && std::isspace(static_cast<unsigned char>(body[pos]))) ++pos;
            size_t start = pos;
            while (pos < body.size() && !std::isspace(static_cast<unsigned char>(body[pos]))) ++pos;
            col = start + 1;
            return body.substr(start, pos - start);
        };
        size_t col = 0;
        std::string name = next_token(col);
        if (name.empty()) continue;
        if (name.find('=') != std::string::npos) fail(file, line, col, "a job line starts with its name, got '" + name + "'");
        JobSpec job;
        job.name = name;
        job.family_name = "gaussian";
        vigil_recipe &r = job.recipe;
        r.version = VIGIL_RECIPE_VERSION;
        r.axes = 2;
        r.length = 64;
        r.min_learn = 8;
        r.seed = 1;
        r.decimation = 1;
        r.features = VIGIL_FEAT_STATS;
        for (std::string tok = next_token(col); !tok.empty(); tok = next_token(col)) {
            size_t eq = tok.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == tok.size())
                fail(file, line, col, "expected key=value, got '" + tok + "'");
            apply(job, Field{tok.substr(0, eq), tok.substr(eq + 1), col + eq + 1}, file, line);
        }
        if (vigil_recipe_validate(&r) != VIGIL_OK) fail(file, line, 1, "job '" + name + "': the runtime rejects this recipe (vigil_recipe_validate)");
        if (job.learn == 0) fail(file, line, 1, "job '" + name + "': needs at least one learn signal");
        jobs.push_back(job);
    }
    if (jobs.empty()) fail(file, line, 1, "no jobs in the file");
    return jobs;
}

namespace {

void put_u32(std::vector<uint8_t> &out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void put_f32(std::vector<uint8_t> &out, float f) {
    uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    put_u32(out, u);
}

// xorshift32: a tiny deterministic generator (no std:: distributions, whose output is
// implementation-defined).
struct Rng {
    uint32_t s;
    float uniform() { // [-1, 1)
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        return static_cast<float>(s >> 8) / 8388608.0f - 1.0f;
    }
};

// One machine-like signal: per axis a fundamental + harmonic + offset + drift + noise.
// Anomalous signals shift the fundamental and add a strong high harmonic.
void write_signal(std::vector<uint8_t> &out, const vigil_recipe &r, Rng &rng, bool anomalous) {
    const double two_pi = 6.283185307179586;
    for (uint32_t n = 0; n < r.length; ++n) {
        for (uint32_t a = 0; a < r.axes; ++a) {
            double cycles = 3.0 + a + (anomalous ? 0.4 : 0.0);
            double t = static_cast<double>(n) / r.length;
            double v = (1.0 + 0.3 * a) * std::sin(two_pi * cycles * t + 0.4 * a) +
                       0.35 * std::sin(two_pi * 3.0 * cycles * t) + 0.2 * a + 0.5 * t +
                       (anomalous ? 0.15 * std::sin(two_pi * 0.37 * r.length * t) : 0.0) + 0.1 * rng.uniform();
            // Rounded to float once here, on the host: the signal bytes are the input.
            put_f32(out, static_cast<float>(v));
        }
    }
}

} // namespace

std::vector<uint8_t> build_job_file(const std::vector<JobSpec> &jobs) {
    std::vector<uint8_t> out{'V', 'G', 'J', '1'};
    put_u32(out, static_cast<uint32_t>(jobs.size()));
    put_u32(out, VIGIL_RECIPE_ENCODED_SIZE);
    for (size_t j = 0; j < jobs.size(); ++j) {
        const JobSpec &job = jobs[j];
        uint8_t encoded[VIGIL_RECIPE_ENCODED_SIZE];
        if (vigil_recipe_encode(&job.recipe, encoded) != VIGIL_OK)
            throw std::runtime_error("job '" + job.name + "': vigil_recipe_encode failed");
        out.insert(out.end(), encoded, encoded + sizeof encoded);
        put_u32(out, job.learn);
        put_u32(out, job.detect);
        put_u32(out, (job.has_sensitivity ? 1u : 0u) | (job.knowledge ? 2u : 0u));
        put_f32(out, job.sensitivity);
        Rng rng{0x9E3779B9u ^ static_cast<uint32_t>(j * 7919u + 1u)};
        for (uint32_t i = 0; i < job.learn; ++i) write_signal(out, job.recipe, rng, false);
        for (uint32_t i = 0; i < job.detect; ++i) write_signal(out, job.recipe, rng, i >= (job.detect + 1) / 2);
    }
    return out;
}

namespace {
// C99 hexadecimal float literal: exact, no decimal rounding question.
std::string hex_float(float f) {
    std::ostringstream s;
    s << std::hexfloat << static_cast<double>(f) << 'f';
    return s.str();
}
} // namespace

std::string recipes_c_header(const std::vector<JobSpec> &jobs) {
    std::ostringstream h;
    h << "/* Generated by vigil_make_jobs: one recipe per job, selected by VIGIL_PROBE_INDEX. */\n"
         "#include \"vigil_recipe.h\"\n";
    for (size_t j = 0; j < jobs.size(); ++j) {
        const vigil_recipe &r = jobs[j].recipe;
        const vigil_model_params &m = r.model;
        h << (j == 0 ? "#if" : "#elif") << " VIGIL_PROBE_INDEX == " << j << "\n"
          << "#define VIGIL_PROBE_NAME \"" << jobs[j].name << "\"\n"
          << "#define VIGIL_PROBE_FAMILY_OPS vigil_family_" << jobs[j].family_name << "\n"
          << "#define VIGIL_PROBE_RECIPE_INIT {" << r.version << "u, " << r.axes << "u, " << r.length
          << "u, " << r.min_learn << "u, " << r.seed << "u, " << +r.detrend << "u, " << +r.scaling << "u, "
          << +r.decimation << "u, " << +r.window << "u, " << +r.features << "u, " << +r.log_magnitude << "u, "
          << +r.bands << "u, " << +r.standardize << "u, {" << +m.family << "u, {0u, 0u, 0u}, {" << m.i[0] << "u, "
          << m.i[1] << "u, " << m.i[2] << "u, " << m.i[3] << "u}, {" << hex_float(m.f[0]) << ", " << hex_float(m.f[1]) << ", "
          << hex_float(m.f[2]) << ", " << hex_float(m.f[3]) << "}}, " << +r.arithmetic << "u, {0u, 0u, 0u}}\n";
    }
    h << "#else\n#error \"VIGIL_PROBE_INDEX out of range\"\n#endif\n"
         "static const vigil_recipe vigil_probe_recipe = VIGIL_PROBE_RECIPE_INIT;\n";
    return h.str();
}

} // namespace vigil::fidelity
