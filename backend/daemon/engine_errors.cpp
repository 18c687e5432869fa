#include "engine_errors.hpp"

#include "cancellation.hpp"
#include "vigil/engine/packaging/library_build.hpp"
#include "vigil/engine/packaging/target.hpp"
#include "vigil/engine/packaging/toolchain.hpp"
#include "vigil/engine/project/settings.hpp"
#include "vigil/engine/target/errors.hpp"
#include "vigil/engine/util/cancel.hpp"
#include "vigil/engine/util/located_error.hpp"

namespace vigil::daemon {

namespace util = vigil::engine::util;
namespace pkg = vigil::engine::packaging;

std::string camel_case(const std::string& snake) {
    std::string out;
    bool upper = false;
    for (char c : snake) {
        if (c == '_') {
            upper = true;
            continue;
        }
        out.push_back(upper ? char(std::toupper(static_cast<unsigned char>(c))) : c);
        upper = false;
    }
    return out;
}

RpcError translate_current_exception() {
    try {
        throw;
    } catch (const RpcError& e) {
        return e;
    } catch (const Cancelled&) {
        return RpcError(ErrorCode::request_cancelled, "request cancelled");
    } catch (const util::Cancelled&) {
        return RpcError(ErrorCode::request_cancelled, "request cancelled");
    } catch (const pkg::TargetError& e) {
        return invalid_params(camel_case(e.parameter), e.what());
    } catch (const util::ParameterError& e) {
        return invalid_params(camel_case(e.parameter), e.what());
    } catch (const util::LocatedError& e) {
        nlohmann::json data = {{"file", e.file}, {"line", e.line ? nlohmann::json(e.line) : nlohmann::json(nullptr)},
                               {"column", e.column ? nlohmann::json(e.column) : nlohmann::json(nullptr)}};
        return RpcError(ErrorCode::refused, e.what(), std::move(data));
    } catch (const vigil::engine::project::SettingsError& e) {
        return RpcError(ErrorCode::refused, e.what(), {{"file", e.file}, {"field", e.field}});
    } catch (const vigil::engine::target::DeviceError& e) {
        return RpcError(ErrorCode::device_error, e.what(), {{"kind", vigil::engine::target::to_string(e.kind)}});
    } catch (const pkg::ToolchainError& e) {
        return RpcError(ErrorCode::tool_missing, e.what());
    } catch (const pkg::CompileError& e) {
        return RpcError(ErrorCode::refused, e.what());
    } catch (const std::invalid_argument& e) {
        return RpcError(ErrorCode::refused, e.what());  // the engine refused what it was given
    } catch (const nlohmann::json::exception& e) {
        return RpcError(ErrorCode::internal_error, std::string("internal error: ") + e.what());
    } catch (const std::logic_error& e) {
        return RpcError(ErrorCode::internal_error, std::string("internal error: ") + e.what());
    } catch (const std::bad_alloc&) {
        return RpcError(ErrorCode::internal_error, "internal error: out of memory");
    } catch (const std::runtime_error& e) {
        // The engine's way to refuse work: a missing benchmark, a changed file, a full session table...
        return RpcError(ErrorCode::refused, e.what());
    } catch (const std::exception& e) {
        return RpcError(ErrorCode::internal_error, std::string("internal error: ") + e.what());
    }
}

RpcError file_error(const vigil::engine::dataset::Issue& issue, nlohmann::json extra) {
    const vigil::engine::util::LocatedError located(issue.file, issue.line, issue.column, issue.message);
    extra["file"] = issue.file;
    extra["line"] = issue.line ? nlohmann::json(issue.line) : nlohmann::json(nullptr);
    extra["column"] = issue.column ? nlohmann::json(issue.column) : nlohmann::json(nullptr);
    extra["kind"] = issue.kind;
    return RpcError(ErrorCode::refused, located.what(), std::move(extra));
}

}  // namespace vigil::daemon
