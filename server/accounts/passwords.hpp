// Password hashing with scrypt (OpenSSL EVP_PBE_scrypt), stored as
// "scrypt$N$r$p$salt_hex$hash_hex", and the rules a new password must meet.
#pragma once

#include <string>
#include <string_view>

#include "shared/core/result.hpp"

namespace tirage::server {

// A fresh salted scrypt hash of password.
Result<std::string> hash_password(std::string_view password);

// True when password matches the stored hash (constant-time comparison).
bool check_password(std::string_view password, std::string_view stored);

// Ok when the password is acceptable: 10 to 200 bytes, not one of the most
// common passwords, not just the email's local part; the error says why.
Status password_acceptable(std::string_view password, std::string_view email);

}  // namespace tirage::server
