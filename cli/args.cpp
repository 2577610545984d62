#include "cli/args.hpp"

namespace tirage::cli {

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

Result<std::string> Args::require(const std::string& name) const {
  auto v = get(name);
  if (!v) return make_error("usage", "missing required option --" + name);
  return *v;
}

Result<std::uint64_t> Args::integer(const std::string& name, std::optional<std::uint64_t> fallback) const {
  auto v = get(name);
  if (!v) {
    if (fallback) return *fallback;
    return make_error("usage", "missing required option --" + name);
  }
  return parse_uint(*v, "--" + name);
}

Result<std::uint64_t> parse_uint(const std::string& text, const std::string& what) {
  if (text.empty() || text.size() > 20)
    return make_error("usage", what + " must be a non-negative integer, got \"" + text.substr(0, 40) + "\"");
  std::uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return make_error("usage", what + " must be a non-negative integer, got \"" + text.substr(0, 40) + "\"");
    const std::uint64_t d = static_cast<std::uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return make_error("usage", what + " is too large");
    v = v * 10 + d;
  }
  return v;
}

Result<Args> parse_args(int argc, char** argv, int first, const std::set<std::string>& valued,
                        const std::set<std::string>& switches) {
  Args a;
  for (int i = first; i < argc; ++i) {
    std::string word = argv[i];
    if (word.size() > 2 && word.rfind("--", 0) == 0) {
      std::string name = word.substr(2), value;
      bool inline_value = false;
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        inline_value = true;
      }
      if (name == "help" || switches.count(name)) {
        if (inline_value) return make_error("usage", "option --" + name + " takes no value");
        a.flags.insert(name);
      } else if (valued.count(name)) {
        if (!inline_value) {
          if (i + 1 >= argc) return make_error("usage", "option --" + name + " needs a value");
          value = argv[++i];
        }
        a.options[name] = value;
      } else {
        return make_error("usage", "unknown option --" + name);
      }
    } else {
      a.positional.push_back(std::move(word));
    }
  }
  return a;
}

}  // namespace tirage::cli
