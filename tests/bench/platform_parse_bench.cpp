// Parse throughput of platform JSON (shared/platforms), natively and in Wasm
// under Node (make bench): MB/s of Instagram, YouTube and X comment pages of
// realistic shape, beside the SHA-256 rate of the same side in MB/s, so the
// figure reads against the machine (shared, 2 cores). The pages are generated
// in memory, so no file or network time is counted.
//
//   platform_parse_bench [--mb N]    (bytes of JSON parsed per platform; default 64)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "shared/crypto/sha256.hpp"
#include "shared/platforms/platform_pages.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::string n(long long v) { return std::to_string(v); }

// One Instagram comments page of 25 (api-reference.md 2.4), every 10th with two nested replies.
std::string instagram_page(long long first) {
  std::string s = R"({"data":[)";
  for (long long i = first; i < first + 25; ++i) {
    if (i > first) s += ",";
    s += R"({"id":")" + n(17870000000000000 + i) + R"(","text":"I'm in! @friend)" + n(i) + R"( @pal ✅ #giveaway","timestamp":"2025-11-20T10:01:44+0000","username":"fan_)" +
         n(i) + R"(","from":{"id":")" + n(6790000000000000 + i) + R"(","username":"fan_)" + n(i) + R"("},"like_count":3,"hidden":false)";
    if (i % 10 == 9)
      s += R"(,"replies":{"data":[{"id":")" + n(18000000000000000 + i) + R"(","text":"good luck","timestamp":"2025-11-20T10:05:00+0000","username":"demo.shop","from":{"id":"17841400000000001","username":"demo.shop"},"like_count":0,"parent_id":")" +
           n(17870000000000000 + i) + R"("}]})";
    s += "}";
  }
  s += R"(],"paging":{"cursors":{"before":"QVFIUmxOb2I0","after":"QVFIUmZAkVjJ5"},"next":"https://graph.instagram.com/v23.0/17900000000000001/comments?fields=id%2Ctext&limit=25&after=QVFIUmZAkVjJ5"}})";
  return s;
}

// One YouTube commentThreads page of 100 (api-reference.md 4.1).
std::string youtube_page(long long first) {
  std::string s = R"({"kind":"youtube#commentThreadListResponse","etag":"Qw3rTy","nextPageToken":"QURTSl9pM0dxT0Y2","pageInfo":{"totalResults":100,"resultsPerPage":100},"items":[)";
  for (long long i = first; i < first + 100; ++i) {
    if (i > first) s += ",";
    const std::string id = "Ugthread" + n(10000000 + i);
    s += R"({"kind":"youtube#commentThread","etag":"AbC","id":")" + id + R"(","snippet":{"channelId":"UCdemoChannel0000000000","videoId":"dQw4w9WgXcQ","topLevelComment":{"kind":"youtube#comment","etag":"DeF","id":")" +
         id + R"(","snippet":{"channelId":"UCdemoChannel0000000000","videoId":"dQw4w9WgXcQ","textDisplay":"I want to win! #giveaway","textOriginal":"I want to win! #giveaway","authorDisplayName":"@fan)" +
         n(i) + R"(","authorProfileImageUrl":"https://yt3.ggpht.com/example=s48","authorChannelUrl":"http://www.youtube.com/@fan)" + n(i) +
         R"(","authorChannelId":{"value":"UCfan)" + n(100000000000000000 + i) + R"("},"canRate":true,"viewerRating":"none","likeCount":4,"publishedAt":"2026-11-19T18:22:05Z","updatedAt":"2026-11-19T18:22:05Z"}},"canReply":true,"totalReplyCount":0,"isPublic":true}})";
  }
  return s + "]}";
}

// One X recent-search page of 100 replies with their authors (api-reference.md 5.1).
std::string x_page(long long first) {
  std::string data, users;
  for (long long i = first; i < first + 100; ++i) {
    const std::string sep = i > first ? "," : "";
    data += sep + R"({"id":")" + n(1858000000000000001 + i) + R"(","text":"@demoshop I'm in! @friend1 @friend2","author_id":")" + n(2244990000 + i) +
            R"(","created_at":"2026-11-20T15:58:10.000Z","conversation_id":"1858000000000000000","in_reply_to_user_id":"1100000000000000001","referenced_tweets":[{"type":"replied_to","id":"1858000000000000000"}],"public_metrics":{"retweet_count":0,"reply_count":0,"like_count":1,"quote_count":0,"bookmark_count":0,"impression_count":37},"edit_history_tweet_ids":[")" +
            n(1858000000000000001 + i) + R"("]})";
    users += sep + R"({"id":")" + n(2244990000 + i) + R"(","name":"Fan","username":"fan_)" + n(i) +
             R"(","created_at":"2013-12-14T04:35:55.000Z","verified":false,"public_metrics":{"followers_count":120,"following_count":300,"tweet_count":4100,"listed_count":2,"like_count":900}})";
  }
  return R"({"data":[)" + data + R"(],"includes":{"users":[)" + users + R"(]},"meta":{"newest_id":"1","oldest_id":"2","result_count":100,"next_token":"b26v89c19zqg8o3fobd8v73egzbdt3qao235oql"}})";
}

template <class Parse>
void bench(const char* name, const std::vector<std::string>& pages, int per_page, Parse parse, double sha_mb_s) {
  std::size_t bytes = 0;
  for (const auto& p : pages) bytes += p.size();
  std::size_t comments = 0;
  auto t0 = Clock::now();
  for (const auto& p : pages) {
    auto page = parse(p);
    if (!page) {
      std::fprintf(stderr, "%s: %s\n", name, page.error().message.c_str());
      std::exit(1);
    }
    comments += page->comments.size();
  }
  const double s = seconds_since(t0);
  const double mb_s = static_cast<double>(bytes) / 1e6 / s;
  std::printf("parse %-9s pages=%zu (%d per page) bytes=%.1fMB time=%.3fs MB_per_s=%.1f comments_per_s=%.0f sha256_MB_per_s=%.0f ratio=%.1f%%\n",
              name, pages.size(), per_page, static_cast<double>(bytes) / 1e6, s, mb_s, static_cast<double>(comments) / s,
              sha_mb_s, 100.0 * mb_s / sha_mb_s);
}

// SHA-256 of 16 KiB buffers in MB/s (the same unit as the parse figures).
double sha256_mb_s() {
  std::vector<std::uint8_t> buf(16384, 7);
  std::size_t bytes = 0;
  auto t0 = Clock::now();
  while (seconds_since(t0) < 1.0) {
    for (int i = 0; i < 64; ++i) {
      tirage::Hash h = tirage::sha256(std::span<const std::uint8_t>(buf.data(), buf.size()));
      std::memcpy(buf.data(), h.data(), 8);
      bytes += buf.size();
    }
  }
  return static_cast<double>(bytes) / 1e6 / seconds_since(t0);
}

}  // namespace

int main(int argc, char** argv) {
  double mb = 64;
  for (int i = 1; i + 1 < argc; i += 2)
    if (std::strcmp(argv[i], "--mb") == 0) mb = std::atof(argv[i + 1]);
  const double sha = sha256_mb_s();
  auto make = [&](auto page_fn) {
    std::vector<std::string> pages;
    std::size_t bytes = 0;
    for (long long first = 0; bytes < mb * 1e6; first += 100) {
      pages.push_back(page_fn(first));
      bytes += pages.back().size();
    }
    return pages;
  };
  bench("instagram", make(instagram_page), 25, [](const std::string& p) { return tirage::parse_instagram_comments(p, true); }, sha);
  bench("youtube", make(youtube_page), 100, [](const std::string& p) { return tirage::parse_youtube_threads(p, true); }, sha);
  bench("x", make(x_page), 100, [](const std::string& p) { return tirage::parse_x_search(p, "1858000000000000000"); }, sha);
  return 0;
}
