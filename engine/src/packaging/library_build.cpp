#include "vigil/engine/packaging/library_build.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "temp_folder.hpp"
#include "template_fill.hpp"
#include "vigil/engine/packaging/baked_source.hpp"
#include "vigil/engine/packaging/embedded_files.hpp"
#include "vigil/engine/packaging/stack_usage.hpp"
#include "vigil/engine/packaging/toolchain.hpp"
#include "vigil/engine/packaging/zip_writer.hpp"
#include "vigil/engine/search/sha256.hpp"
#include "vigil/engine/selection/recipe_json.hpp"
#include "vigil_core.h"

#ifndef VIGIL_VERSION
#define VIGIL_VERSION "0.1.0"
#endif

namespace vigil::engine::packaging {

namespace fs = std::filesystem;

namespace {

// The headers a user's code includes (vigil.hpp includes vigil.h, which includes vigil_types.h).
constexpr std::string_view kUserHeaders[] = {"vigil.h", "vigil.hpp", "vigil_types.h"};

// The shipped API (vigil.h): what libvigil.a exports.
constexpr const char* kApiFunctions[] = {"vigil_init",           "vigil_learn",          "vigil_detect",
                                         "vigil_set_sensitivity", "vigil_get_sensitivity", "vigil_knowledge_size",
                                         "vigil_knowledge_save",  "vigil_knowledge_load",  "vigil_get_info"};
// Kept global besides the API: `vigil target test`'s firmware (probes/target_test) reads each
// detection's exact similarity through them, to compare the device with the emulator bit for
// bit. Per-function sections stay, so a user's --gc-sections drops them when unused.
constexpr const char* kVerificationSymbols[] = {"vigil_model_similarity", "vigil_baked_state"};

std::string read_file(const fs::path& path, const char* what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(std::string("cannot read the ") + what + " " + path.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const fs::path& path, std::string_view content) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string join(const std::vector<std::string>& items, const char* sep = " ") {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
    return out;
}

void require_success(const CommandResult& r, const std::vector<std::string>& argv) {
    if (r.exit_code == 0) return;
    throw CompileError("`" + join(argv) + "` failed with status " + std::to_string(r.exit_code) + ":\n" + r.err + r.out);
}

// The library's own source tree in the build folder, in the zip's layout.
struct SourceTree {
    std::map<std::string, std::string> files;  // zip-relative name -> content
    std::vector<std::string> c_files;           // the .c files of the library, sorted
};

SourceTree runtime_tree(const vigil_recipe& recipe, uint32_t flash_bytes, uint32_t stack_bytes) {
    SourceTree t;
    for (const auto& f : embedded_files()) {
        std::string name(f.name);
        if (name.starts_with("runtime/include/")) t.files["source/include/" + name.substr(16)] = f.content;
        if (name.starts_with("runtime/src/") && name.substr(12) != kRegistrySourceName) {
            const std::string rel = "source/src/" + name.substr(12);
            t.files[rel] = f.content;
            if (rel.ends_with(".c")) t.c_files.push_back(rel);
        }
    }
    // The library's own configuration: this recipe only (replaces the runtime's vigil_config.h).
    t.files[std::string("source/") + kBakedConfigName] = baked_config_source(recipe);
    t.files[std::string("source/") + kBakedSourceName] = baked_source(recipe, flash_bytes, stack_bytes);
    t.c_files.push_back(std::string("source/") + kBakedSourceName);
    t.files[std::string("source/") + kBakedFamilySourceName] = baked_family_source(recipe);
    t.c_files.push_back(std::string("source/") + kBakedFamilySourceName);
    std::sort(t.c_files.begin(), t.c_files.end());
    return t;
}

std::string object_name(const std::string& c_file) {
    return "obj/" + fs::path(c_file).stem().string() + ".o";
}

// Compiles every .c file and archives them into `archive` (deterministic: relative paths in a
// build folder whose absolute path is mapped away, `ar` mode D, members in sorted order).
void build_archive(const Toolchain& tc, const Target& target, const SourceTree& tree, const fs::path& dir,
                   const std::string& archive, unsigned jobs, util::CancelFlag cancel) {
    for (const auto& [name, content] : tree.files) write_file(dir / name, content);
    fs::create_directories(dir / "obj");
    std::vector<std::string> flags = compile_flags(target);
    flags.push_back("-ffile-prefix-map=" + dir.string() + "=.");
    std::vector<std::vector<std::string>> commands;
    for (const auto& c : tree.c_files) {
        std::vector<std::string> cmd{tc.gcc.string()};
        cmd.insert(cmd.end(), flags.begin(), flags.end());
        cmd.insert(cmd.end(), {"-Isource/include", "-Isource/src", "-c", c, "-o", object_name(c)});
        commands.push_back(std::move(cmd));
    }
    auto results = run_commands(commands, dir, jobs, cancel);
    for (size_t i = 0; i < results.size(); ++i) require_success(results[i], commands[i]);
    // One relocatable object with only what the API reaches: a partial link with the vigil_*
    // functions as the roots of --gc-sections (the per-function sections stay separate, so a
    // user's --gc-sections still drops the calls they never make), then every other global
    // symbol made local. So even a link without --gc-sections takes no step, family or table
    // the recipe does not use, and the library's internals cannot clash with the user's names.
    std::vector<std::string> ld{tc.gcc.string()};
    ld.insert(ld.end(), target.cpu_flags.begin(), target.cpu_flags.end());
    ld.insert(ld.end(), {"-r", "-nostdlib", "-Wl,--gc-sections"});
    for (auto f : kApiFunctions) ld.push_back("-Wl,--undefined=" + std::string(f));
    for (auto f : kVerificationSymbols) ld.push_back("-Wl,--undefined=" + std::string(f));
    for (const auto& c : tree.c_files) ld.push_back(object_name(c));
    ld.insert(ld.end(), {"-o", "vigil_linked.o"});
    require_success(run_command(ld, dir), ld);
    std::string keep;
    for (auto f : kApiFunctions) keep += std::string(f) + "\n";
    for (auto f : kVerificationSymbols) keep += std::string(f) + "\n";
    write_file(dir / "api_symbols.txt", keep);
    std::vector<std::string> localize{tc.objcopy.string(), "--keep-global-symbols=api_symbols.txt", "vigil_linked.o",
                                      "vigil.o"};
    require_success(run_command(localize, dir), localize);
    fs::remove(dir / archive);
    std::vector<std::string> ar{tc.ar.string(), "rcsD", archive, "vigil.o"};
    require_success(run_command(ar, dir), ar);
}

// A program that calls every vigil_* function once, linked like firmware (--gc-sections): the
// program whose call graph gives the library's deepest stack (stack_usage.hpp).
std::string api_probe_source() {
    return "#include \"vigil.h\"\nstatic float buffer[64];\nvoid vigil_api_probe(void);\n"
           "void vigil_api_probe(void) {\n"
           "    uint8_t similarity = 0;\n    (void)vigil_init();\n    (void)vigil_learn(buffer);\n"
           "    (void)vigil_detect(buffer, &similarity);\n    (void)vigil_set_sensitivity(1.0f);\n"
           "    buffer[0] = vigil_get_sensitivity();\n    buffer[1] = (float)vigil_knowledge_size();\n"
           "    (void)vigil_knowledge_save(buffer, sizeof buffer);\n"
           "    (void)vigil_knowledge_load(buffer, sizeof buffer);\n    buffer[2] = (float)vigil_get_info()->axes;\n"
           "    buffer[3] = (float)similarity;\n}\n";
}

uint64_t flash_of(const Toolchain& tc, const fs::path& dir, const std::string& file) {
    std::vector<std::string> size{tc.size.string(), "-B", file};
    auto r = run_command(size, dir);
    require_success(r, size);
    // Berkeley format: a header line, then "text data bss dec hex filename".
    std::istringstream lines(r.out);
    std::string header;
    std::getline(lines, header);
    uint64_t text = 0, data = 0;
    if (!(lines >> text >> data)) throw CompileError("cannot read the output of `" + join(size) + "`: " + r.out);
    return text + data;
}

// A library in place of the real one for the same program: every vigil_* function the program
// calls, returning a constant (and vigil_get_info a minimal vigil_info).
std::string stub_source(const std::string& program) {
    std::string s = "#include \"vigil.h\"\n";
    auto calls = [&](const char* f) { return std::regex_search(program, std::regex(std::string("\\b") + f + "\\s*\\(")); };
    if (calls("vigil_init")) s += "vigil_status vigil_init(void) { return VIGIL_OK; }\n";
    if (calls("vigil_learn")) s += "vigil_status vigil_learn(const float *s) { (void)s; return VIGIL_LEARNING_DONE; }\n";
    if (calls("vigil_detect"))
        s += "vigil_status vigil_detect(const float *s, uint8_t *m) { (void)s; *m = 100; return VIGIL_OK; }\n";
    if (calls("vigil_set_sensitivity")) s += "vigil_status vigil_set_sensitivity(float v) { (void)v; return VIGIL_OK; }\n";
    if (calls("vigil_get_sensitivity")) s += "float vigil_get_sensitivity(void) { return 1.0f; }\n";
    if (calls("vigil_knowledge_size")) s += "size_t vigil_knowledge_size(void) { return 0; }\n";
    if (calls("vigil_knowledge_save"))
        s += "vigil_status vigil_knowledge_save(void *b, size_t n) { (void)b; (void)n; return VIGIL_OK; }\n";
    if (calls("vigil_knowledge_load"))
        s += "vigil_status vigil_knowledge_load(const void *b, size_t n) { (void)b; (void)n; return VIGIL_OK; }\n";
    if (calls("vigil_get_info"))
        s += "static const vigil_info info = {\"\", 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u};\n"
             "const vigil_info *vigil_get_info(void) { return &info; }\n";
    return s;
}

// The flash the library adds to its own example/main.c: that program linked against the
// library (-Os, --gc-sections, newlib-nano with its syscall stubs), minus the same program
// linked against a stub library, plus the stub's own bytes. So the figure holds the library's
// code and const data and every libgcc/libm helper it alone needs, and nothing the program
// needs anyway (printf, memset).
uint64_t example_flash(const Toolchain& tc, const Target& target, const fs::path& dir, const std::string& archive,
                       const std::string& main_c) {
    write_file(dir / "example_main.c", main_c);
    write_file(dir / "example_stub.c", stub_source(main_c));
    std::vector<std::string> common{tc.gcc.string()};
    common.insert(common.end(), target.cpu_flags.begin(), target.cpu_flags.end());
    common.insert(common.end(), {"-Os", "-std=c99", "-Isource/include", "-ffunction-sections", "-fdata-sections"});
    std::vector<std::string> stub_obj = common;
    stub_obj.insert(stub_obj.end(), {"-c", "example_stub.c", "-o", "example_stub.o"});
    require_success(run_command(stub_obj, dir), stub_obj);
    auto link = [&](const std::string& lib, const std::string& out) {
        std::vector<std::string> cmd = common;
        cmd.insert(cmd.end(), {"--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections", "example_main.c", lib,
                               "-lm", "-o", out});
        require_success(run_command(cmd, dir), cmd);
        return flash_of(tc, dir, out);
    };
    const uint64_t with_library = link(archive, "example.elf");
    const uint64_t with_stub = link("example_stub.o", "example_stub.elf");
    const uint64_t stub = flash_of(tc, dir, "example_stub.o");
    return with_library + stub - std::min(with_library + stub, with_stub);
}

// The deepest stack of every vigil_* call (stack_usage.hpp), from a program calling them all.
std::map<std::string, uint32_t> api_stack(const Toolchain& tc, const Target& target, const fs::path& dir,
                                          const std::string& archive) {
    write_file(dir / "api_probe.c", api_probe_source());
    std::vector<std::string> cmd{tc.gcc.string()};
    cmd.insert(cmd.end(), target.cpu_flags.begin(), target.cpu_flags.end());
    cmd.insert(cmd.end(), {"-Os", "-std=c99", "-Isource/include", "--specs=nano.specs", "-nostartfiles",
                           "-Wl,--gc-sections", "-Wl,-e,vigil_api_probe", "api_probe.c", archive, "-lm", "-o",
                           "api_probe.elf"});
    require_success(run_command(cmd, dir), cmd);
    std::vector<std::string> disassemble{tc.objdump.string(), "-d", "--no-show-raw-insn", "api_probe.elf"};
    auto code = run_command(disassemble, dir);
    require_success(code, disassemble);
    std::vector<std::string> dump{tc.objdump.string(), "-s", "-j", ".rodata", "-j", ".data", "api_probe.elf"};
    auto data = run_command(dump, dir);
    require_success(data, dump);
    std::vector<std::string> roots(std::begin(kApiFunctions), std::end(kApiFunctions));
    try {
        return stack_usage(code.out, data.out, roots);
    } catch (const StackUsageError& e) {
        throw CompileError(std::string("cannot bound the library's stack: ") + e.what());
    }
}

// The ABI attributes of a built object, as the toolchain recorded them (EABI build attributes):
// what users must match (enum size and wchar_t size, e.g. -fshort-enums, -fshort-wchar).
nlohmann::json abi_attributes(const Toolchain& tc, const fs::path& dir, const std::string& object) {
    std::vector<std::string> cmd{tc.readelf.string(), "-A", object};
    auto r = run_command(cmd, dir);
    require_success(r, cmd);
    nlohmann::json out = nlohmann::json::object();
    std::istringstream lines(r.out);
    std::string line;
    while (std::getline(lines, line)) {
        const size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string key = line.substr(0, colon);
        key.erase(0, key.find_first_not_of(' '));
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        if (key.starts_with("Tag_")) out[key] = value;
    }
    return out;
}

nlohmann::json abi_summary(const nlohmann::json& attributes) {
    const std::string enums = attributes.value("Tag_ABI_enum_size", "");
    const std::string wchar = attributes.value("Tag_ABI_PCS_wchar_t", "");
    nlohmann::json j;
    // "small": enums take the smallest integer type that holds them (-fshort-enums).
    j["short_enums"] = enums == "small";
    j["enum_size"] = enums;
    j["wchar_t_bytes"] = wchar.empty() ? 0 : std::stoi(wchar);
    j["short_wchar"] = wchar == "2";
    j["match_with"] = std::string(enums == "small" ? "-fshort-enums" : "-fno-short-enums") + " " +
                      (wchar == "2" ? "-fshort-wchar" : "-fno-short-wchar");
    j["attributes"] = attributes;
    return j;
}

std::string hex32(uint32_t v) {
    char buf[9];
    std::snprintf(buf, sizeof buf, "%08x", v);
    return buf;
}

// The values of the zip's templates (README.md, example/main.c).
std::map<std::string, std::string> template_values(const vigil_recipe& recipe, const Target& target,
                                                   const Toolchain& tc, const std::string& id,
                                                   const std::string& name) {
    return {
        {"LIBRARY", id},
        {"NAME", name},
        {"CORE", target.core},
        {"FLOAT_ABI", target.float_abi},
        {"FPU", target.fpu.empty() ? "none (soft float)" : target.fpu},
        {"CPU_FLAGS", join(target.cpu_flags)},
        {"AXES", std::to_string(recipe.axes)},
        {"LENGTH", std::to_string(recipe.length)},
        {"MIN_LEARN", std::to_string(recipe.min_learn)},
        {"SIGNAL_FLOATS", std::to_string(size_t{recipe.axes} * recipe.length)},
        {"RECIPE_SUMMARY", selection::recipe_summary(recipe)},
        {"TOOLCHAIN", tc.version_line},
        {"VIGIL_VERSION", VIGIL_VERSION},
    };
}

std::string filled(const char* tpl, const std::map<std::string, std::string>& values) {
    auto text = embedded_file(tpl);
    if (!text) throw std::logic_error(std::string("missing embedded template ") + tpl);
    return fill_template(tpl, *text, values);
}

std::string library_name(const std::string& id, const Target& target) {
    return id + "-" + target.core + "-" + target.float_abi;
}

// Pass 1 of a compile, in `dir`: the archive without its own figures, then its flash (in
// `example_main`) and stack. The baked figures are 32-bit constants, so writing them in pass 2
// changes neither.
LibraryMeasure measure_in(const Toolchain& tc, const Target& target, const vigil_recipe& recipe,
                          const fs::path& dir, const std::string& archive, const std::string& example_main,
                          unsigned jobs, util::CancelFlag cancel) {
    build_archive(tc, target, runtime_tree(recipe, 0, 0), dir, archive, jobs, cancel);
    LibraryMeasure m;
    m.flash_bytes = static_cast<uint32_t>(example_flash(tc, target, dir, archive, example_main));
    m.stack_bytes_per_call = api_stack(tc, target, dir, archive);
    for (const auto& [call, bytes] : m.stack_bytes_per_call) m.stack_bytes = std::max(m.stack_bytes, bytes);
    return m;
}

}  // namespace

LibraryMeasure measure_library(const vigil_recipe& recipe, const Target& target, const fs::path& scratch_dir,
                               unsigned parallel_jobs) {
    if (vigil_recipe_validate(&recipe) != VIGIL_OK) throw std::invalid_argument("the recipe is not valid");
    const Toolchain tc = find_toolchain();
    TempFolder work(scratch_dir.empty() ? fs::temp_directory_path() : scratch_dir, "vigil-measure-");
    const std::string id = library_id(recipe);
    const auto values = template_values(recipe, target, tc, id, library_name(id, target));
    return measure_in(tc, target, recipe, work.path(), "libvigil.a", filled("templates/main.c", values),
                      parallel_jobs, nullptr);
}

CompiledLibrary compile_library(const CompileRequest& req) {
    const vigil_recipe& recipe = req.recipe;
    if (vigil_recipe_validate(&recipe) != VIGIL_OK) throw std::invalid_argument("the recipe is not valid");
    const Toolchain tc = find_toolchain();
    const std::string emulator = read_file(req.emulator, "emulator executable");

    CompiledLibrary lib;
    lib.id = library_id(recipe);
    lib.name = library_name(lib.id, req.target);
    lib.recipe = recipe;
    lib.target = req.target;
    lib.benchmark_id = req.origin.benchmark_id;

    const fs::path scratch = req.scratch_dir.empty() ? fs::temp_directory_path() : req.scratch_dir;
    TempFolder work(scratch, "vigil-compile-");
    const fs::path dir = work.path();
    const std::string archive = "libvigil.a";

    std::map<std::string, std::string> values = template_values(recipe, req.target, tc, lib.id, lib.name);
    const std::string example_main = filled("templates/main.c", values);

    // Pass 1 measures the library's flash and stack; pass 2 bakes them into vigil_info.
    const LibraryMeasure measured =
        measure_in(tc, req.target, recipe, dir, archive, example_main, req.parallel_jobs, req.cancel);
    const uint32_t flash_bytes = measured.flash_bytes, stack_bytes = measured.stack_bytes;
    const std::map<std::string, uint32_t>& stack = measured.stack_bytes_per_call;
    const SourceTree tree = runtime_tree(recipe, flash_bytes, stack_bytes);
    util::throw_if_cancelled(req.cancel);
    build_archive(tc, req.target, tree, dir, archive, req.parallel_jobs, req.cancel);
    const nlohmann::json abi = abi_summary(abi_attributes(tc, dir, object_name(std::string("source/") + kBakedSourceName)));

    const size_t state_bytes = (vigil_model_state_size(&recipe) + 7) / 8 * 8;
    const size_t ram_bytes = state_bytes + stack_bytes;
    uint8_t encoded[VIGIL_RECIPE_ENCODED_SIZE];
    vigil_recipe_encode(&recipe, encoded);

    std::vector<std::string> flags = compile_flags(req.target);
    std::map<std::string, std::string> files = tree.files;
    files["libvigil.a"] = read_file(dir / archive, "archive");
    files[kRecipeFile] = std::string(reinterpret_cast<const char*>(encoded), sizeof encoded);
    for (auto h : kUserHeaders) files["include/" + std::string(h)] = files.at("source/include/" + std::string(h));

    values["CFLAGS"] = join(flags);
    values["ABI_FLAGS"] = abi["match_with"].get<std::string>();
    values["ENUM_SIZE"] = abi["enum_size"].get<std::string>();
    values["WCHAR_BYTES"] = std::to_string(abi["wchar_t_bytes"].get<int>());
    values["RAM"] = std::to_string(ram_bytes);
    values["STATE"] = std::to_string(state_bytes);
    values["STACK"] = std::to_string(stack_bytes);
    values["FLASH"] = std::to_string(flash_bytes);
    files["README.md"] = filled("templates/README.md", values);
    files["example/main.c"] = example_main;

    nlohmann::json meta;
    meta["format"] = 1;
    meta["library"] = lib.id;
    meta["name"] = lib.name;
    meta["vigil_version"] = VIGIL_VERSION;
    meta["recipe_id"] = hex32(vigil_recipe_id(&recipe));
    meta["recipe"] = selection::recipe_to_json(recipe);
    meta["recipe_summary"] = values.at("RECIPE_SUMMARY");
    meta["benchmark"] = req.origin.benchmark_id ? nlohmann::json(*req.origin.benchmark_id) : nlohmann::json(nullptr);
    meta["indicators"] = req.origin.indicators;
    meta["signal"] = {{"axes", recipe.axes}, {"length", recipe.length}, {"floats", size_t{recipe.axes} * recipe.length},
                      {"layout", "interleaved per sample: x0 y0 z0 x1 y1 z1 ..."}};
    meta["min_learn_calls"] = recipe.min_learn;
    meta["ram_bytes"] = ram_bytes;
    meta["state_bytes"] = state_bytes;
    meta["stack_bytes"] = stack_bytes;
    meta["stack_bytes_per_call"] = stack;
    meta["ram_measured_as"] = "state_bytes (the library's one static buffer) + stack_bytes (the deepest stack of "
                              "any vigil_* call, from the call graph of the linked code, libgcc/libm helpers "
                              "included)";
    meta["flash_bytes"] = flash_bytes;
    meta["flash_measured_as"] = "text + data that libvigil.a adds to example/main.c linked with -Os "
                                "--gc-sections and newlib-nano (that program against the library, minus the same "
                                "program against a stub of the vigil_* calls it makes, plus the stub), libgcc/libm "
                                "helpers the library alone needs included";
    meta["target"] = {{"core", req.target.core},
                      {"float_abi", req.target.float_abi},
                      {"fpu", req.target.fpu.empty() ? nlohmann::json(nullptr) : nlohmann::json(req.target.fpu)}};
    meta["abi"] = abi;
    meta["toolchain"] = {{"compiler", "arm-none-eabi-gcc"}, {"version", tc.version}, {"version_line", tc.version_line}};
    meta["flags"] = flags;
    nlohmann::json sums = nlohmann::json::object();
    for (const auto& [name, content] : files) sums[name] = search::sha256_hex(content);
    sums[kEmulatorPath] = search::sha256_hex(emulator);
    meta["sha256"] = sums;
    lib.metadata = meta;

    std::vector<ZipEntry> entries;
    for (auto& [name, content] : files) entries.push_back({lib.name + "/" + name, std::move(content), false});
    entries.push_back({lib.name + "/" + kEmulatorPath, emulator, true});
    entries.push_back({lib.name + "/" + kMetadataFile, meta.dump(2) + "\n", false});
    lib.zip = write_zip(std::move(entries));
    lib.sha256 = search::sha256_hex(lib.zip);
    return lib;
}

}  // namespace vigil::engine::packaging
