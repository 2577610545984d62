#include "shared/filters/filters.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "shared/filters/text_scan.hpp"
#include "shared/protocol/entry.hpp"

namespace tirage {

namespace {
// Rules prepared once: folded tags, keywords and accounts.
struct Prepared {
  std::vector<std::string> tags;
  std::vector<std::string> keywords;
  std::unordered_set<std::string> excluded;
  std::string organizer;
  std::unordered_set<std::string> engaged;  // account keys of ids and handles
};

Prepared prepare(const FilterRules& rules) {
  Prepared p;
  for (const auto& t : rules.required_hashtags) {
    std::string_view v = t;
    while (!v.empty() && (v.front() == '#' || v.front() == ' ')) v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    if (v.empty()) continue;
    std::string folded;
    fold_case_into(v, folded);
    if (std::find(p.tags.begin(), p.tags.end(), folded) == p.tags.end()) p.tags.push_back(std::move(folded));
  }
  for (const auto& k : rules.required_keywords) {
    std::string folded;
    fold_case_into(k, folded);
    if (!folded.empty()) p.keywords.push_back(std::move(folded));
  }
  for (const auto& a : rules.excluded_accounts)
    if (auto key = account_key(a); !key.empty()) p.excluded.insert(std::move(key));
  p.organizer = account_key(rules.organizer_account);
  if (!p.organizer.empty()) p.excluded.insert(p.organizer);
  if (!rules.required_engagement.empty())
    for (const auto& a : rules.engaged_accounts)
      if (auto key = account_key(a); !key.empty()) p.engaged.insert(std::move(key));
  return p;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Scratch buffers reused across comments, so most comments allocate nothing.
struct Scratch {
  std::vector<std::string_view> found;
  std::string folded;
  std::vector<std::string> distinct;
  std::string text;
  std::string author;  // account_key of the comment's handle
  std::string other;
};

bool has_all_tags(const Comment& c, const Prepared& p, Scratch& s) {
  find_hashtags(c.text, s.found);
  std::uint64_t seen = 0;  // one bit per required tag (at most 64 checked exactly)
  std::size_t hits = 0;
  for (auto tag : s.found) {
    fold_case_into(tag, s.folded);
    for (std::size_t k = 0; k < p.tags.size() && k < 64; ++k) {
      if (!(seen >> k & 1) && p.tags[k] == s.folded) {
        seen |= std::uint64_t{1} << k;
        ++hits;
      }
    }
  }
  return hits == std::min<std::size_t>(p.tags.size(), 64);
}

std::size_t distinct_mentions(const Comment& c, const Prepared& p, Scratch& s) {
  const std::string& author = s.author;
  find_mentions(c.text, s.found);
  s.distinct.clear();
  for (auto m : s.found) {
    fold_case_into(m, s.folded);
    if (s.folded == author || s.folded == p.organizer) continue;
    if (std::find(s.distinct.begin(), s.distinct.end(), s.folded) == s.distinct.end()) s.distinct.push_back(s.folded);
  }
  return s.distinct.size();
}

bool has_keywords(const Comment& c, const FilterRules& rules, const Prepared& p, Scratch& s) {
  fold_case_into(c.text, s.text);
  for (const auto& k : p.keywords) {
    const bool found = s.text.find(k) != std::string::npos;
    if (rules.keyword_mode == KeywordMode::any && found) return true;
    if (rules.keyword_mode == KeywordMode::all && !found) return false;
  }
  return rules.keyword_mode == KeywordMode::all;
}

// The keys already kept, for a million comments: an open-addressing table of
// (64-bit hash, comment index), so no string is stored; equal hashes are
// confirmed by rebuilding the earlier comment's key.
class KeySet {
 public:
  explicit KeySet(std::size_t expected) {
    std::size_t size = 16;
    while (size < expected * 2) size <<= 1;
    slots_.assign(size, {0, kEmpty});
    mask_ = size - 1;
  }

  // True when key is new (it is then remembered as comment index's key).
  template <class SameKey>
  bool insert(std::string_view key, std::size_t index, SameKey&& same_key_as) {
    const std::uint64_t h = fnv1a(key);
    for (std::size_t at = static_cast<std::size_t>(h) & mask_;; at = (at + 1) & mask_) {
      auto& slot = slots_[at];
      if (slot.second == kEmpty) {
        slot = {h, index};
        return true;
      }
      if (slot.first == h && same_key_as(slot.second)) return false;
    }
  }

 private:
  static constexpr std::size_t kEmpty = static_cast<std::size_t>(-1);
  static std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    return h ^ (h >> 29);
  }
  std::vector<std::pair<std::uint64_t, std::size_t>> slots_;
  std::size_t mask_ = 0;
};

FilterReason first_reason(const Comment& c, const FilterRules& rules, const Prepared& p, std::int64_t now, Scratch& s) {
  if (!p.excluded.empty() || rules.min_mentions > 0) account_key_into(c.handle, s.author);
  if (!p.excluded.empty()) {
    if (p.excluded.count(s.author)) return FilterReason::excluded_account;
    if (!c.user_id.empty()) {
      account_key_into(c.user_id, s.other);
      if (p.excluded.count(s.other)) return FilterReason::excluded_account;
    }
  }
  if (rules.window_from || rules.window_until) {
    if (!c.time) return FilterReason::no_date;
    if (rules.window_from && *c.time < *rules.window_from) return FilterReason::before_window;
    if (rules.window_until && *c.time > *rules.window_until) return FilterReason::after_window;
  }
  if (rules.min_account_age_days) {
    if (!c.account_created) return FilterReason::account_age_unknown;
    if (now - *c.account_created < *rules.min_account_age_days * 86400) return FilterReason::account_too_new;
  }
  if (rules.min_text_length > 0 && count_code_points(c.text) < rules.min_text_length) return FilterReason::too_short;
  if (!p.tags.empty() && !has_all_tags(c, p, s)) return FilterReason::missing_hashtag;
  if (rules.min_mentions > 0 && distinct_mentions(c, p, s) < rules.min_mentions)
    return FilterReason::too_few_mentions;
  if (!p.keywords.empty() && !has_keywords(c, rules, p, s)) return FilterReason::missing_keyword;
  if (!rules.required_engagement.empty()) {
    account_key_into(c.user_id, s.other);
    if (s.other.empty() || !p.engaged.count(s.other)) {
      account_key_into(c.handle, s.other);
      if (s.other.empty() || !p.engaged.count(s.other)) return FilterReason::not_engaged;
    }
  }
  return FilterReason::kept;
}
}  // namespace

bool is_engagement_kind(std::string_view kind) {
  return kind.empty() || kind == "x_repost" || kind == "x_like" || kind == "facebook_reaction";
}

std::vector<std::string> split_typed_list(std::string_view typed) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : typed) {
    if (c == ',' || c == ' ' || c == '\n' || c == ';' || c == '\t') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

const char* filter_reason_name(FilterReason r) {
  static constexpr const char* kNames[kFilterReasonCount] = {
      "kept",           "no_name",          "excluded_account", "no_date",         "before_window",    "after_window",
      "account_age_unknown", "account_too_new", "too_short",   "missing_hashtag",  "too_few_mentions",
      "missing_keyword", "not_engaged",   "duplicate"};
  const auto i = static_cast<std::size_t>(r);
  return i < kFilterReasonCount ? kNames[i] : "unknown";
}

std::string person_id(const Comment& c) {
  const std::string& raw = c.user_id.empty() ? c.handle : c.user_id;
  if (!is_ascii(raw)) {
    // The protocol's own normalization (NFC) for anything beyond ASCII.
    auto e = normalize_entry(Entry{c.platform, raw, ""});
    return e ? e->id : std::string();
  }
  // ASCII: the same steps as normalize_entry, without its allocations.
  auto space = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v'; };
  std::string_view v = raw;
  while (!v.empty() && space(v.front())) v.remove_prefix(1);
  while (!v.empty() && space(v.back())) v.remove_suffix(1);
  if (c.platform != "list") return std::string(v);
  while (!v.empty() && (v.front() == '@' || space(v.front()))) v.remove_prefix(1);
  std::string id(v);
  for (char& ch : id)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return id;
}

struct FilterRun::State {
  State(const std::vector<Comment>& c, const FilterRules& r, std::int64_t t)
      : comments(c), rules(r), prepared(prepare(r)), now(t), seen(c.size()) {
    result.reasons.resize(comments.size(), FilterReason::kept);
  }
  const std::vector<Comment>& comments;
  FilterRules rules;
  Prepared prepared;
  std::int64_t now;
  Scratch scratch;
  KeySet seen;
  std::string key, other;
  std::size_t next = 0;
  FilterResult result;

  // The duplicate key: platform, person id, and for one per comment the comment id.
  void key_of(const Comment& c, const std::string& id, std::string& out) const {
    out.assign(c.platform);
    out.push_back(':');
    out += id;
    if (!rules.one_per_person) {
      out.push_back('#');
      out += c.comment_id;
    }
  }
};

FilterRun::FilterRun(const std::vector<Comment>& comments, const FilterRules& rules, std::int64_t now)
    : s_(std::make_unique<State>(comments, rules, now)) {}
FilterRun::FilterRun(FilterRun&&) noexcept = default;
FilterRun& FilterRun::operator=(FilterRun&&) noexcept = default;
FilterRun::~FilterRun() = default;

bool FilterRun::step(std::size_t max_comments) {
  State& st = *s_;
  const auto& comments = st.comments;
  const std::size_t stop = st.next + std::min(comments.size() - st.next, std::max<std::size_t>(max_comments, 1));
  for (std::size_t i = st.next; i < stop; ++i) {
    const Comment& c = comments[i];
    const std::string id = person_id(c);
    FilterReason reason = id.empty() ? FilterReason::no_name : first_reason(c, st.rules, st.prepared, st.now, st.scratch);
    // One per comment: only the same comment twice is a duplicate.
    if (reason == FilterReason::kept && (st.rules.one_per_person || !c.comment_id.empty())) {
      st.key_of(c, id, st.key);
      const bool fresh = st.seen.insert(st.key, i, [&](std::size_t j) {
        st.key_of(comments[j], person_id(comments[j]), st.other);
        return st.other == st.key;
      });
      if (!fresh) reason = FilterReason::duplicate;
    }
    st.result.reasons[i] = reason;
    ++st.result.counts[static_cast<std::size_t>(reason)];
  }
  st.next = stop;
  st.result.kept = st.result.count(FilterReason::kept);
  return st.next < comments.size();
}

double FilterRun::progress() const {
  return s_->comments.empty() ? 1.0 : static_cast<double>(s_->next) / static_cast<double>(s_->comments.size());
}

FilterResult FilterRun::take() { return std::move(s_->result); }

FilterResult apply_filters(const std::vector<Comment>& comments, const FilterRules& rules, std::int64_t now) {
  FilterRun run(comments, rules, now);
  while (run.step(static_cast<std::size_t>(-1))) {
  }
  return run.take();
}

}  // namespace tirage
