// The daemon's log: stderr or the --log file, never the protocol stream (stdout carries
// JSON-RPC in --stdio mode). Levels as clangd's --log: error, info, verbose.
#pragma once

#include <string>

namespace vigil::daemon::log {

enum class Level { error = 0, info = 1, verbose = 2 };

// Where and how much. Throws std::runtime_error when the file cannot be opened.
void configure(const std::string& file, Level level);
bool parse_level(const std::string& text, Level& level);

void error(const std::string& message);
void info(const std::string& message);
void verbose(const std::string& message);

}  // namespace vigil::daemon::log
