#include "ingest/ijw/ledger.hpp"

#include <charconv>
#include <vector>

#include <fmt/format.h>

namespace rk::ingest::ijw {
namespace {

constexpr char kSep = '\x1f';

void put(std::string& out, std::string_view v) {
  out.append(v);
  out.push_back(kSep);
}
void put(std::string& out, int64_t v) { put(out, std::to_string(v)); }
void put(std::string& out, const Stamp& s) {
  put(out, int64_t{s.date});
  put(out, int64_t{s.rank});
  put(out, s.id);
}

class Fields {
 public:
  explicit Fields(std::string_view text) : text_(text) {}
  std::string_view next() {
    const size_t end = text_.find(kSep, pos_);
    if (end == std::string_view::npos) {
      pos_ = text_.size();
      return {};
    }
    const std::string_view v = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return v;
  }
  int64_t number() {
    const std::string_view v = next();
    int64_t out = 0;
    std::from_chars(v.data(), v.data() + v.size(), out);
    return out;
  }
  void read(std::string& out) { out = std::string(next()); }
  void read(int32_t& out) { out = static_cast<int32_t>(number()); }
  void read(Stamp& s) {
    read(s.date);
    s.rank = static_cast<uint8_t>(number());
    read(s.id);
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::string message_key(std::string_view sender, std::string_view type, std::string_view id) {
  return fmt::format("ijw.m/{}/{}/{}", sender, type, id);
}

std::string assignment_key(std::string_view municipality, std::string_view provider,
                           int64_t number) {
  return fmt::format("ijw.a/{}/{}/{}", municipality, provider, number);
}

std::string request_key(std::string_view provider, std::string_view reference) {
  return fmt::format("ijw.r/{}/{}", provider, reference);
}

std::string trajectory_id(const Assignment& a) {
  return trajectory_id(a.municipality, a.provider, a.number);
}

std::string trajectory_id(std::string_view municipality, std::string_view provider,
                          int64_t number) {
  return fmt::format("{}-{}-{}", municipality, provider, number);
}

std::string request_id(std::string_view provider, std::string_view reference) {
  return fmt::format("{}-{}", provider, reference);
}

std::string format_digest(uint64_t digest) { return fmt::format("{:016x}", digest); }

uint64_t parse_digest(std::string_view text) {
  uint64_t out = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), out, 16);
  return r.ec == std::errc() ? out : 0;
}

std::string format_assignment(const Assignment& a) {
  std::string out;
  put(out, a.client);
  put(out, a.client_at);
  put(out, a.category);
  put(out, a.product);
  put(out, a.product_at);
  put(out, a.reference);
  put(out, a.reference_at);
  put(out, int64_t{a.start});
  put(out, a.start_at);
  put(out, int64_t{a.end});
  put(out, a.end_reason);
  put(out, a.end_at);
  return out;
}

void parse_assignment(std::string_view text, Assignment& a) {
  Fields f(text);
  f.read(a.client);
  f.read(a.client_at);
  f.read(a.category);
  f.read(a.product);
  f.read(a.product_at);
  f.read(a.reference);
  f.read(a.reference_at);
  f.read(a.start);
  f.read(a.start_at);
  f.read(a.end);
  f.read(a.end_reason);
  f.read(a.end_at);
}

std::string format_request(const Request& r) {
  std::string out;
  put(out, r.client);
  put(out, int64_t{r.received});
  put(out, r.referrer);
  put(out, r.referrer_at);
  return out;
}

void parse_request(std::string_view text, Request& r) {
  Fields f(text);
  f.read(r.client);
  f.read(r.received);
  f.read(r.referrer);
  f.read(r.referrer_at);
}

}  // namespace rk::ingest::ijw
