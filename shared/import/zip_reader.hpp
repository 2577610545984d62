// A small ZIP reader for .xlsx files: the central directory, stored and
// deflated entries (zlib raw inflate), CRC-32 checked. Built for untrusted
// uploads: entry count, per-entry size, total size and compression ratio are
// capped before anything is inflated, and inflating stops at the declared size.
//
//   auto zip = ZipArchive::open(bytes);        // bytes must outlive zip
//   auto xml = zip->read("xl/workbook.xml");   // Result<std::string>
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/result.hpp"

namespace tirage {

struct ZipLimits {
  std::size_t max_entries = 10'000;
  std::uint64_t max_entry_bytes = std::uint64_t{256} << 20;  // one entry, uncompressed
  std::uint64_t max_total_bytes = std::uint64_t{512} << 20;  // all entries, uncompressed
  std::uint64_t max_ratio = 200;  // uncompressed / compressed, for entries over 1 MB
};

struct ZipEntry {
  std::string name;
  std::uint16_t method = 0;  // 0 stored, 8 deflate
  std::uint16_t flags = 0;
  std::uint32_t crc32 = 0;
  std::uint64_t compressed_size = 0;
  std::uint64_t uncompressed_size = 0;
  std::uint64_t local_header_offset = 0;
};

class ZipArchive {
 public:
  // Reads the central directory; errors say what is wrong with the archive.
  static Result<ZipArchive> open(std::string_view bytes, const ZipLimits& limits = {});

  const std::vector<ZipEntry>& entries() const { return entries_; }

  // The entry named name (ASCII case-insensitive, as OOXML part names are), or null.
  const ZipEntry* find(std::string_view name) const;

  // The entry's uncompressed bytes; the error names the entry.
  Result<std::string> read(const ZipEntry& entry) const;

  // read(*find(name)), with an error naming the part when it is missing.
  Result<std::string> read(std::string_view name) const;

 private:
  std::string_view bytes_;
  ZipLimits limits_;
  std::vector<ZipEntry> entries_;
};

}  // namespace tirage
