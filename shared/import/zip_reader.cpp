#include "shared/import/zip_reader.hpp"

#include <zlib.h>

#include <algorithm>

namespace tirage {

namespace {
constexpr std::uint32_t kEndSignature = 0x06054b50;
constexpr std::uint32_t kCentralSignature = 0x02014b50;
constexpr std::uint32_t kLocalSignature = 0x04034b50;
constexpr std::uint64_t kRatioFloor = 1 << 20;  // small entries may compress very well

std::uint16_t u16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<std::uint8_t>(b[at]) | (static_cast<std::uint8_t>(b[at + 1]) << 8));
}
std::uint32_t u32(std::string_view b, std::size_t at) { return u16(b, at) | (std::uint32_t{u16(b, at + 2)} << 16); }
std::uint64_t u64(std::string_view b, std::size_t at) { return u32(b, at) | (std::uint64_t{u32(b, at + 4)} << 32); }

Error bad_zip(const std::string& what) {
  return make_error("bad_xlsx", "not a readable .xlsx file (ZIP archive): " + what);
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto low = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return low(x) == low(y);
         });
}

std::string mb(std::uint64_t bytes) { return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MB"; }

// Zip64 sizes and offset, in the order the format puts them, for the fields saturated at 0xFFFFFFFF.
bool read_zip64_extra(std::string_view extra, ZipEntry& e, bool need_u, bool need_c, bool need_o) {
  std::size_t at = 0;
  while (at + 4 <= extra.size()) {
    const std::uint16_t id = u16(extra, at), len = u16(extra, at + 2);
    if (at + 4 + len > extra.size()) return false;
    if (id == 0x0001) {
      std::string_view f = extra.substr(at + 4, len);
      std::size_t p = 0;
      for (auto [need, dest] : {std::pair{need_u, &e.uncompressed_size}, {need_c, &e.compressed_size},
                                {need_o, &e.local_header_offset}}) {
        if (!need) continue;
        if (p + 8 > f.size()) return false;
        *dest = u64(f, p);
        p += 8;
      }
      return true;
    }
    at += 4 + len;
  }
  return !(need_u || need_c || need_o);
}
}  // namespace

Result<ZipArchive> ZipArchive::open(std::string_view bytes, const ZipLimits& limits) {
  if (bytes.size() < 22) return bad_zip("the file is too short");
  // The end record is within the last 22 + 65535 bytes (its comment is at most 65535).
  std::size_t end = std::string_view::npos;
  const std::size_t lowest = bytes.size() > 22 + 65535 ? bytes.size() - 22 - 65535 : 0;
  for (std::size_t at = bytes.size() - 22 + 1; at-- > lowest;) {
    if (u32(bytes, at) == kEndSignature) {
      end = at;
      break;
    }
  }
  if (end == std::string_view::npos) return bad_zip("no end of central directory record (is it really a .xlsx?)");
  const std::uint16_t count = u16(bytes, end + 10);
  const std::uint64_t cd_size = u32(bytes, end + 12), cd_offset = u32(bytes, end + 16);
  if (count == 0xFFFF || cd_offset == 0xFFFFFFFF) return bad_zip("ZIP64 archives this large are not supported");
  if (u16(bytes, end + 4) != 0 || u16(bytes, end + 6) != 0) return bad_zip("multi-part archives are not supported");
  if (count > limits.max_entries)
    return bad_zip("it holds " + std::to_string(count) + " entries; the limit is " + std::to_string(limits.max_entries));
  if (cd_offset > end || cd_size > end - cd_offset) return bad_zip("the central directory lies outside the file");

  ZipArchive zip;
  zip.bytes_ = bytes;
  zip.limits_ = limits;
  zip.entries_.reserve(count);
  std::uint64_t total = 0;
  std::size_t at = static_cast<std::size_t>(cd_offset);
  const std::size_t cd_end = static_cast<std::size_t>(cd_offset + cd_size);
  for (std::uint16_t i = 0; i < count; ++i) {
    const std::string where = "central directory entry " + std::to_string(i + 1);
    if (at + 46 > cd_end || u32(bytes, at) != kCentralSignature) return bad_zip(where + " is damaged");
    ZipEntry e;
    e.flags = u16(bytes, at + 8);
    e.method = u16(bytes, at + 10);
    e.crc32 = u32(bytes, at + 16);
    e.compressed_size = u32(bytes, at + 20);
    e.uncompressed_size = u32(bytes, at + 24);
    const std::size_t name_len = u16(bytes, at + 28), extra_len = u16(bytes, at + 30), comment_len = u16(bytes, at + 32);
    e.local_header_offset = u32(bytes, at + 42);
    if (at + 46 + name_len + extra_len + comment_len > cd_end) return bad_zip(where + " runs past the directory");
    e.name.assign(bytes.substr(at + 46, name_len));
    const bool need_u = e.uncompressed_size == 0xFFFFFFFF, need_c = e.compressed_size == 0xFFFFFFFF,
               need_o = e.local_header_offset == 0xFFFFFFFF;
    if (!read_zip64_extra(bytes.substr(at + 46 + name_len, extra_len), e, need_u, need_c, need_o))
      return bad_zip(e.name + ": damaged ZIP64 sizes");
    at += 46 + name_len + extra_len + comment_len;

    if (e.uncompressed_size > limits.max_entry_bytes)
      return bad_zip(e.name + " is " + mb(e.uncompressed_size) + " uncompressed; the limit is " +
                     mb(limits.max_entry_bytes));
    if (e.uncompressed_size > kRatioFloor && e.uncompressed_size / std::max<std::uint64_t>(e.compressed_size, 1) >
                                                 limits.max_ratio)
      return bad_zip(e.name + " is compressed more than " + std::to_string(limits.max_ratio) +
                     " to 1, like a ZIP bomb; it was not opened");
    total += e.uncompressed_size;
    if (total > limits.max_total_bytes)
      return bad_zip("its entries add up to more than " + mb(limits.max_total_bytes) + " uncompressed, the limit");
    zip.entries_.push_back(std::move(e));
  }
  return zip;
}

const ZipEntry* ZipArchive::find(std::string_view name) const {
  for (const auto& e : entries_)
    if (iequals(e.name, name)) return &e;
  return nullptr;
}

Result<std::string> ZipArchive::read(std::string_view name) const {
  const ZipEntry* e = find(name);
  if (!e) return make_error("bad_xlsx", std::string(name) + ": this part is missing from the file");
  return read(*e);
}

Result<std::string> ZipArchive::read(const ZipEntry& e) const {
  auto bad = [&](const std::string& what) { return make_error("bad_xlsx", e.name + ": " + what); };
  if (e.flags & 0x1) return bad("the entry is encrypted (password-protected workbooks cannot be read)");
  const std::uint64_t lh = e.local_header_offset;
  if (lh > bytes_.size() || bytes_.size() - lh < 30 || u32(bytes_, static_cast<std::size_t>(lh)) != kLocalSignature)
    return bad("its local header is missing or damaged");
  const std::uint64_t data = lh + 30 + u16(bytes_, static_cast<std::size_t>(lh + 26)) +
                             u16(bytes_, static_cast<std::size_t>(lh + 28));
  if (data > bytes_.size() || e.compressed_size > bytes_.size() - data) return bad("its data runs past the end of the file");
  const std::string_view in = bytes_.substr(static_cast<std::size_t>(data), static_cast<std::size_t>(e.compressed_size));

  std::string out;
  if (e.method == 0) {
    if (e.compressed_size != e.uncompressed_size) return bad("a stored entry's sizes disagree");
    out.assign(in);
  } else if (e.method == 8) {
    out.resize(static_cast<std::size_t>(e.uncompressed_size));
    z_stream zs{};
    if (inflateInit2(&zs, -15) != Z_OK) return bad("cannot start inflating");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    // One spare byte: writing into it means the entry is larger than declared.
    char spare = 0;
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&zs, Z_FINISH);
    if (rc == Z_BUF_ERROR && zs.avail_out == 0 && zs.avail_in > 0) {
      zs.next_out = reinterpret_cast<Bytef*>(&spare);
      zs.avail_out = 1;
      rc = inflate(&zs, Z_FINISH);
      inflateEnd(&zs);
      return bad(zs.avail_out == 0 ? "it inflates to more than its declared size" : "its deflate data is damaged");
    }
    const std::uint64_t produced = zs.total_out;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) return bad("its deflate data is damaged or cut short");
    if (produced != e.uncompressed_size) return bad("it inflates to a different size than declared");
  } else {
    return bad("compression method " + std::to_string(e.method) + " is not supported (only stored and deflate)");
  }
  const auto crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size()));
  if (crc != e.crc32) return bad("its CRC-32 does not match (the file is damaged)");
  return out;
}

}  // namespace tirage
