// The main() of a fuzzer in ordinary builds: feeds every file of the folders
// (or files) on its command line, and the empty input, to
// LLVMFuzzerTestOneInput once each, in name order, so ctest replays each
// corpus (fuzz_replay_<name>) without libFuzzer. A finding aborts, as under
// libFuzzer; a missing or empty corpus fails too, so no replay passes on nothing.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

// Every regular file under path (itself when it is one), sorted; empty when path is missing.
std::vector<std::filesystem::path> inputs_under(const std::filesystem::path& path) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  if (std::filesystem::is_regular_file(path, error)) return {path};
  for (std::filesystem::recursive_directory_iterator it(path, error), end; !error && it != end; it.increment(error))
    if (it->is_regular_file(error)) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

// Runs one input through the target; false when the file cannot be read.
bool replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  // A copy of exactly the file's size, so ASan or a bounds check sees reads past its end.
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(data.empty() ? nullptr : data.data(), data.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
    return 2;
  }
  LLVMFuzzerTestOneInput(nullptr, 0);
  std::size_t replayed = 0;
  for (int i = 1; i < argc; ++i) {
    const auto files = inputs_under(argv[i]);
    if (files.empty()) {
      std::fprintf(stderr, "%s: no inputs in %s\n", argv[0], argv[i]);
      return 1;
    }
    for (const auto& file : files) {
      if (!replay(file)) {
        std::fprintf(stderr, "%s: cannot read %s\n", argv[0], file.string().c_str());
        return 1;
      }
      ++replayed;
    }
  }
  std::printf("%s: replayed %zu inputs and the empty one, no finding\n", argv[0], replayed);
  return 0;
}
