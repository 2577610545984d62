// `tirage`: the draw protocol for scripts and outside verifiers.
#include <cstring>
#include <iostream>

#include "cli/commands.hpp"

namespace {

struct Command {
  const char* name;
  int (*run)(int, char**);
  const char* summary;
};

constexpr Command kCommands[] = {
    {"merkle", tirage::cli::run_merkle, "Merkle root, inclusion proof or consistency proof of leaves on stdin"},
    {"participants", tirage::cli::run_participants, "rebuild a participant list (CSV, Excel, text, JSON Lines) as the app does; print its root"},
    {"draw", tirage::cli::run_draw, "select winners and alternates from a committed list and a beacon value"},
    {"rfc3797", tirage::cli::run_rfc3797, "RFC 3797 selection from published source values"},
    {"keygen", tirage::cli::run_keygen, "create an Ed25519 signing key (PEM, mode 0600)"},
    {"pubkey", tirage::cli::run_pubkey, "print a signing key's public key in hex"},
    {"sign", tirage::cli::run_sign, "wrap a JSON statement from stdin in a signed envelope"},
    {"verify-envelope", tirage::cli::run_verify_envelope, "check an envelope's signature (exit 0 valid, 1 not)"},
    {"verify", tirage::cli::run_verify, "verify a published result bundle offline (docs/protocol.md section 8)"},
};

void usage(std::ostream& out) {
  out << "usage: tirage <command> [options]\n\ncommands:\n";
  for (const auto& c : kCommands) {
    out << "  " << c.name;
    for (std::size_t i = std::strlen(c.name); i < 17; ++i) out << ' ';
    out << c.summary << "\n";
  }
  out << "\nRun `tirage <command> --help` for a command's options.\n"
         "Exit codes: 0 success, 1 a check does not hold, 2 bad input.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(std::cerr);
    return tirage::cli::kExitBadInput;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    usage(std::cout);
    return tirage::cli::kExitOk;
  }
  for (const auto& c : kCommands)
    if (name == c.name) return c.run(argc, argv);
  std::cerr << "tirage: unknown command \"" << name << "\"\n\n";
  usage(std::cerr);
  return tirage::cli::kExitBadInput;
}
