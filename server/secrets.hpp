// Secrets from the environment: NAME holds the value itself, or NAME_FILE the
// path of a file holding it, which must not be readable by group or others.
#pragma once

#include <optional>
#include <string>

#include "shared/core/result.hpp"

namespace tirage::server {

// The secret named by env_name, nullopt when neither NAME nor NAME_FILE is set;
// an error when the file is missing, empty, or open to group/others (chmod 600).
// Trailing whitespace (a newline left by an editor) is dropped.
Result<std::optional<std::string>> read_secret(const std::string& env_name);

}  // namespace tirage::server
