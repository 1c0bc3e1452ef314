// libFuzzer target for the iJw message reader: any bytes must be read without crashing, and what
// it returns must satisfy the reader's documented guarantees.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/bsn.hpp"
#include "ingest/ijw/codes.hpp"
#include "ingest/ijw/reader.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

bool digits(std::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace ijw = rk::ingest::ijw;
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  ijw::Message m;
  ijw::ReadError error;
  const ijw::ReadOutcome outcome = ijw::read_message(xml, m, error);
  const uint64_t lines = ijw::line_at(xml, xml.size());
  switch (outcome) {
    case ijw::ReadOutcome::kRejected:
      require(!error.reason.empty());
      require(error.line <= lines);
      break;
    case ijw::ReadOutcome::kOtherType:
      require(!error.reason.empty());
      break;
    case ijw::ReadOutcome::kMessage: {
      const auto& info = ijw::message_type_info(m.type);
      require(size <= ijw::kMaxMessageBytes);
      require(rk::ingest::is_valid_bsn(m.bsn));
      require(digits(m.municipality().substr(2), 4));
      require(digits(m.provider(), 8));
      require(!m.id.empty() && m.id.size() <= 12);
      require(!m.products.empty() && m.products.size() <= ijw::kMaxProducts);
      for (const auto& p : m.products) {
        require(p.line >= 1 && p.line <= lines);
        require(p.category.empty() || ijw::is_product_category(p.category));
        require(p.code.size() <= 5);
        if (m.type != ijw::MessageType::kJw301) require(p.start.has_value());
        if (p.start && p.end) require(*p.start <= *p.end);
        if (m.type == ijw::MessageType::kJw307) require(p.end && !p.end_reason.empty());
        if (m.type == ijw::MessageType::kJw315)
          require(!p.referrer.empty() && !p.reference.empty());
        if (m.type == ijw::MessageType::kJw301) require(p.assignment >= 0 && p.start);
        require(p.assignment <= 999999999);
      }
      require(!info.name.empty());
      break;
    }
  }
  return 0;
}
