// `tirage keygen|pubkey|sign|verify-envelope`: Ed25519 keys and envelopes.
#include <openssl/rand.h>

#include <iostream>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "shared/protocol/envelope.hpp"

namespace tirage::cli {

namespace {

bool wants_help(const Result<Args>& args, const char* help) {
  if (args && args->has("help")) {
    std::cout << help;
    return true;
  }
  return false;
}

Result<Ed25519Key> load_key(const Args& args) {
  auto path = args.require("key");
  if (!path) return path.error();
  auto pem = read_input(*path);
  if (!pem) return pem.error();
  auto key = ed25519_from_pem(*pem);
  if (!key) return make_error(key.error().code, *path + ": " + key.error().message);
  return key;
}

Result<Json> read_json_stdin(const char* what) {
  auto text = read_input("-");
  if (!text) return text.error();
  auto json = parse_json(*text);
  if (!json) return make_error(json.error().code, std::string(what) + " on stdin: " + json.error().message);
  return json;
}

}  // namespace

int run_keygen(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"out"}, {});
  if (wants_help(args, "usage: tirage keygen --out FILE\n\nCreates a new Ed25519 signing key as PKCS#8 PEM in FILE\n"
                       "(mode 0600); refuses to overwrite an existing file. Prints the key id.\n"))
    return kExitOk;
  if (!args) return bad_input("keygen", args.error());
  auto out = args->require("out");
  if (!out) return bad_input("keygen", out.error());
  Bytes seed(32);
  if (RAND_bytes(seed.data(), static_cast<int>(seed.size())) != 1)
    return bad_input("keygen", make_error("rng", "the system random generator failed"));
  auto key = ed25519_from_seed(seed);
  if (!key) return bad_input("keygen", key.error());
  auto pem = ed25519_to_pem(*key);
  if (!pem) return bad_input("keygen", pem.error());
  if (auto ok = write_new_private_file(*out, *pem); !ok) return bad_input("keygen", ok.error());
  std::cout << key_id(key->public_key) << "\n";
  return kExitOk;
}

int run_pubkey(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"key"}, {});
  if (wants_help(args, "usage: tirage pubkey --key FILE\n\nPrints the Ed25519 public key of the PEM key in FILE, in hex.\n"))
    return kExitOk;
  if (!args) return bad_input("pubkey", args.error());
  auto key = load_key(*args);
  if (!key) return bad_input("pubkey", key.error());
  std::cout << to_hex(key->public_key) << "\n";
  return kExitOk;
}

int run_sign(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"key"}, {});
  if (wants_help(args, "usage: tirage sign --key FILE < statement.json > envelope.json\n\n"
                       "Signs JCS(statement) with the Ed25519 key in FILE and prints the envelope\n"
                       "{\"key_id\",\"signature\",\"statement\"}.\n"))
    return kExitOk;
  if (!args) return bad_input("sign", args.error());
  auto key = load_key(*args);
  if (!key) return bad_input("sign", key.error());
  auto statement = read_json_stdin("the statement");
  if (!statement) return bad_input("sign", statement.error());
  if (!statement->is_object()) return bad_input("sign", make_error("bad_statement", "the statement must be a JSON object"));
  auto env = sign_envelope(*statement, *key);
  if (!env) return bad_input("sign", env.error());
  std::cout << env->dump() << "\n";
  return kExitOk;
}

int run_verify_envelope(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"pubkey"}, {});
  if (wants_help(args, "usage: tirage verify-envelope --pubkey HEX < envelope.json\n\n"
                       "Exit 0 when the envelope's signature verifies under the public key, 1 when\n"
                       "it does not, 2 when the input is malformed.\n"))
    return kExitOk;
  if (!args) return bad_input("verify-envelope", args.error());
  auto hex = args->require("pubkey");
  if (!hex) return bad_input("verify-envelope", hex.error());
  auto pub = from_hex(*hex);
  if (!pub) return bad_input("verify-envelope", make_error("bad_hex", "--pubkey: " + pub.error().message));
  if (pub->size() != 32)
    return bad_input("verify-envelope", make_error("bad_key", "--pubkey must be 32 bytes (64 hex digits)"));
  auto env = read_json_stdin("the envelope");
  if (!env) return bad_input("verify-envelope", env.error());
  if (auto shape = check_envelope_shape(*env); !shape) return bad_input("verify-envelope", shape.error());
  if (env->at("key_id").get<std::string>() != key_id(*pub)) {
    std::cout << "invalid: the envelope names key " << env->at("key_id").get<std::string>() << ", not " << key_id(*pub)
              << "\n";
    return kExitInvalid;
  }
  if (!envelope_signature_valid(*env, *pub)) {
    std::cout << "invalid: the signature does not verify\n";
    return kExitInvalid;
  }
  std::cout << "valid: signed by key " << key_id(*pub) << "\n";
  return kExitOk;
}

}  // namespace tirage::cli
