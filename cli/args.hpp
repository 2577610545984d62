// Command-line arguments of one subcommand: `--name value` options, `--flag`
// switches and positional words, with errors that name the option.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "shared/core/result.hpp"

namespace tirage::cli {

struct Args {
  std::map<std::string, std::string> options;
  std::set<std::string> flags;
  std::vector<std::string> positional;

  bool has(const std::string& flag) const { return flags.count(flag) > 0; }
  std::optional<std::string> get(const std::string& name) const;
  // A required option; the error names it.
  Result<std::string> require(const std::string& name) const;
  // A required or defaulted non-negative integer option.
  Result<std::uint64_t> integer(const std::string& name, std::optional<std::uint64_t> fallback = std::nullopt) const;
};

// Parses argv[first..] given which names take a value and which are switches;
// `--help` is always a switch. Unknown options are errors.
Result<Args> parse_args(int argc, char** argv, int first, const std::set<std::string>& valued,
                        const std::set<std::string>& switches);

// Parses a decimal integer that fits in 64 bits.
Result<std::uint64_t> parse_uint(const std::string& text, const std::string& what);

}  // namespace tirage::cli
