// The `tirage` subcommands. Each takes the whole argv (argv[1] is its name,
// argv[2] a sub-verb where it has one) and returns the process exit code:
// 0 success, 1 a verification that does not hold, 2 bad input or usage.
#pragma once

#include <iosfwd>
#include <string>

#include "shared/core/result.hpp"

namespace tirage::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitBadInput = 2;

int run_merkle(int argc, char** argv);
int run_participants(int argc, char** argv);
int run_draw(int argc, char** argv);
int run_rfc3797(int argc, char** argv);
int run_keygen(int argc, char** argv);
int run_pubkey(int argc, char** argv);
int run_sign(int argc, char** argv);
int run_verify_envelope(int argc, char** argv);
int run_verify(int argc, char** argv);

// Prints "tirage <command>: <message>" to stderr and returns kExitBadInput.
int bad_input(const std::string& command, const Error& error);

}  // namespace tirage::cli
