// An error in a file the user gave, with where it is: the CLI prints "file:line:column: error:
// message", the daemon returns file, line and column in the JSON-RPC error's data so the editor
// can point at the spot.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace vigil::engine::util {

struct LocatedError : std::runtime_error {
    LocatedError(std::string file, uint64_t line, uint64_t column, const std::string& message)
        : std::runtime_error(format(file, line, column, message)),
          file(std::move(file)), line(line), column(column), message(message) {}
    std::string file;
    uint64_t line = 0;    // 0: the whole file
    uint64_t column = 0;  // 0: the whole line
    std::string message;  // without the location

private:
    static std::string format(const std::string& file, uint64_t line, uint64_t column, const std::string& message);
};

// A refused argument of a call (CLI option or JSON-RPC parameter), named in snake_case as the
// engine knows it ("out", "core"); each adapter spells it its own way.
struct ParameterError : std::invalid_argument {
    ParameterError(std::string parameter, const std::string& message)
        : std::invalid_argument(message), parameter(std::move(parameter)) {}
    std::string parameter;
};

}  // namespace vigil::engine::util
