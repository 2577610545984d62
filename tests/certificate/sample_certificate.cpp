#include "tests/certificate/sample_certificate.hpp"

#include <unistd.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace tirage::testing {

server::CertificateData sample_certificate() {
  server::CertificateData d;
  d.title = "Concours de Noël 2026 : gagnez un week-end à Annecy";
  d.organizer = "Boulangerie Müller & Fils";
  d.giveaway_id = "g_7f3a9c21e4b05d18";
  d.draw_id = "d_1546307eddf721aa965c9e57";
  d.committed_at = "2026-12-01T18:00:00Z";
  d.drawn_at = "2026-12-01T18:00:31Z";
  d.rules = {{"one_entry_per", "person"}, {"required_hashtags", "#noel, #annecy"}, {"min_account_age_days", "30"}};
  d.participants_count = 12345;
  d.participants_root = "6aafd66c7b04dd1ef027baac106f8d8551c1a597d7c748d7ffcdf060cf9d355e";
  d.beacon.source = "drand";
  d.beacon.round = 24819372;
  d.beacon.chain_hash = "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971";
  d.beacon.value = "1663c70cff127b1777619370325663051e2268aa9f0f129f4bbdadf47859e5e5";
  d.winners = {{1, "Zoé Müller", "instagram"}, {2, "Ñandú", "tiktok"}, {3, "François Lefèvre", "list"}};
  d.alternates = {{1, "José Núñez", "instagram"}, {2, "Jürgen Groß", "x"}};
  d.substitutions = {{2, 1, "sans réponse sous 7 jours", "2026-12-09T09:00:00Z"}};
  d.commitment_signature = {"77b2b6e2cb0a8e47",
                            "485613494ca3309e1167ede780aadbd9aa808d48b405d64d3f8e615d6952252c"
                            "43f9b1f897b9c711ed4cd83b718d55a9c13e0aee9e60a0034541fb512096a000"};
  d.result_signature = {"77b2b6e2cb0a8e47",
                        "25f6fe405f74afedf1c5d3a073d9c29dd62d96a5cd0cb083fd7495a77703955d"
                        "05303fadbe928927b6f4684b4940f96e35cb57e25c39a9a6d57597ce17d2006b"};
  d.verify_url = "https://tirage.app/v/d_1546307eddf721aa965c9e57";
  return d;
}

server::CertificateData sample_local_certificate() {
  server::CertificateData d = sample_certificate();
  d.beacon = {};
  d.beacon.source = "local";
  d.beacon.commit = "9f2c1b7e5a40d6e3c8b1f0a2d4e6c8b0a1c3e5f7092b4d6f8a0c2e4f6a8b0c2d";
  d.beacon.value = "b3d5f7092b4d6f8a0c2e4f6a8b0c2d9f2c1b7e5a40d6e3c8b1f0a2d4e6c8b0a1";
  return d;
}

std::string make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "tirage-certificate-XXXXXX").string();
  if (!mkdtemp(pattern.data())) std::abort();
  return pattern;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

namespace {
std::string run_capture(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  pclose(pipe);
  return out;
}
}  // namespace

std::string pdf_text(const std::string& path) {
  // 2>/dev/null: poppler warns about libharu 2.3.0's ToUnicode maps, which it reads correctly anyway.
  return run_capture(std::string("'") + TIRAGE_PDFTOTEXT + "' -enc UTF-8 '" + path + "' - 2>/dev/null");
}

std::string one_line(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool nbsp = text.compare(i, 2, "\xC2\xA0") == 0, narrow = text.compare(i, 3, "\xE2\x80\xAF") == 0;
    const bool space = nbsp || narrow || std::isspace(static_cast<unsigned char>(text[i]));
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      i += nbsp ? 1 : narrow ? 2 : 0;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string no_spaces(const std::string& text) {
  std::string out;
  for (const char ch : one_line(text))
    if (ch != ' ') out += ch;
  return out;
}

int page_count(const std::string& text) {
  int pages = 0;
  for (const char ch : text) pages += ch == '\f';
  return pages;
}

bool render_first_page(const std::string& pdf_path, const std::string& out_png, int dpi) {
  std::filesystem::remove(out_png);
  const std::string stem = out_png.substr(0, out_png.size() - 4);  // pdftoppm adds ".png"
  const std::string command = std::string("'") + TIRAGE_PDFTOPPM + "' -png -r " + std::to_string(dpi) + " -f 1 -l 1 -singlefile '" +
                              pdf_path + "' '" + stem + "' 2>/dev/null";
  return std::system(command.c_str()) == 0 && std::filesystem::exists(out_png);
}

}  // namespace tirage::testing
