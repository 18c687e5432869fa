// The shared secret of `vigild --listen`: a client must send "Authorization: Bearer <token>".
// By default the daemon makes one on first use in the user's config folder, readable by the
// user only, so a client on the same account (the VS Code extension) reads it from the same
// place; --token-file names another file (a service account, a token copied from elsewhere).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace vigil::daemon {

// $XDG_CONFIG_HOME/vigil/token, else $HOME/.config/vigil/token (XDG Base Directory spec: a
// relative XDG_CONFIG_HOME is ignored). Throws std::runtime_error when neither is set.
std::filesystem::path default_token_path();

// With `token_file`: its content, trimmed. Without: the default file's, created first when
// absent (folders 0700, file 0600, 32 random bytes as 64 hex digits). Throws
// std::runtime_error naming the file when it is missing or empty, is readable or writable by
// group or others (a secret others can read protects nothing: says to chmod 600), or holds
// anything but one word of visible characters.
std::string load_or_create_token(const std::optional<std::filesystem::path>& token_file);

}  // namespace vigil::daemon
