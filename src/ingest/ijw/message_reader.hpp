// The reader of one iJw message (reader.hpp), shared by its two sources: reader.cpp (the
// document, namespaces, header and client) and product_lines.cpp (the product lines of the four
// message types). Internal to ingest/ijw.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "ingest/ijw/reader.hpp"
#include "util/text.hpp"

namespace rk::ingest::ijw::detail {

inline constexpr int kMessageNs = 0;
inline constexpr int kBaseNs = 1;
inline constexpr int kOtherNs = 2;
inline constexpr size_t kMaxDepth = 64;

inline bool all_digits(std::string_view s, size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

inline bool has_non_space(std::string_view s) { return !util::trim(s).empty(); }

// Namespace bindings of one document. A prefix bound to two different namespaces anywhere in
// the document is refused, so one prefix -> namespace table serves every lookup.
class Names {
 public:
  std::string_view message_uri;

  // Binds `prefix` ("" = default namespace); false when it was bound to another URI before.
  bool bind(std::string_view prefix, std::string_view uri) {
    for (const auto& b : bindings_)
      if (b.prefix == prefix) return b.uri == uri;
    bindings_.push_back({std::string(prefix), std::string(uri)});
    return true;
  }
  [[nodiscard]] const std::string* uri(std::string_view prefix) const {
    for (const auto& b : bindings_)
      if (b.prefix == prefix) return &b.uri;
    return nullptr;
  }
  // The namespace class of element name `qname` (kMessageNs, kBaseNs or kOtherNs).
  [[nodiscard]] int ns_class(std::string_view qname) const {
    const size_t colon = qname.find(':');
    const std::string_view prefix = colon == std::string_view::npos ? "" : qname.substr(0, colon);
    for (size_t i = 0; i < bindings_.size(); ++i)
      if (bindings_[i].prefix == prefix) return classes_[i];
    return kOtherNs;
  }
  void classify() {
    classes_.clear();
    for (const auto& b : bindings_)
      classes_.push_back(b.uri == message_uri      ? kMessageNs
                         : b.uri == kBaseNamespace ? kBaseNs
                                                   : kOtherNs);
  }

 private:
  struct Binding {
    std::string prefix;
    std::string uri;
  };
  std::vector<Binding> bindings_;
  std::vector<int> classes_;
};

// "http://www.istandaarden.nl/ijw/3_2/jw302/schema" -> "JW302".
inline std::string type_name(std::string_view uri) {
  const size_t at = uri.rfind("/jw");
  std::string name(at == std::string_view::npos ? uri : uri.substr(at + 1, 5));
  for (char& c : name)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return name;
}

inline std::string_view local_name(std::string_view qname) {
  const size_t colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

class Reader {
 public:
  explicit Reader(std::string_view xml) : xml_(xml) {}

  ReadOutcome read(Message& out, ReadError& error);

 private:
  // Checks namespaces of every element; sets names_ and the message type.
  bool walk_namespaces(const pugi::xml_node& root, ReadError& error);
  [[nodiscard]] uint64_t line(const pugi::xml_node& n) const {
    const ptrdiff_t off = n.offset_debug();
    return off < 0 ? 0 : line_at(xml_, static_cast<size_t>(off));
  }
  bool fail(const pugi::xml_node& at, std::string_view element, std::string reason) {
    error_.line = line(at);
    error_.element = std::string(element);
    error_.reason = std::move(reason);
    return false;
  }
  // The first child element of `parent` named `local` in namespace class `ns`.
  [[nodiscard]] pugi::xml_node child(const pugi::xml_node& parent, int ns,
                                     std::string_view local) const {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (local_name(c.name()) == local && names_.ns_class(c.name()) == ns) return c;
    }
    return {};
  }
  bool require(const pugi::xml_node& parent, int ns, std::string_view local, pugi::xml_node& out) {
    out = child(parent, ns, local);
    if (out) return true;
    return fail(
        parent, local,
        fmt::format("verplicht element {} ontbreekt in {}", local, local_name(parent.name())));
  }
  // Text of a simple element; an element with child elements is refused.
  bool text(const pugi::xml_node& n, std::string_view& out) {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
      if (c.type() == pugi::node_element)
        return fail(n, local_name(n.name()),
                    fmt::format("{} mag geen elementen bevatten", local_name(n.name())));
    out = n.child_value();
    return true;
  }
  bool date_value(const pugi::xml_node& n, Date& out);
  bool optional_date(const pugi::xml_node& parent, int ns, std::string_view local,
                     std::optional<Date>& out);
  bool required_date(const pugi::xml_node& parent, int ns, std::string_view local, Date& out);
  bool pattern(const pugi::xml_node& n, bool ok, std::string_view expected);
  bool code_value(const pugi::xml_node& parent, int ns, std::string_view local, bool required,
                  bool (*valid)(std::string_view), std::string_view list, std::string& out);
  bool read_header(const pugi::xml_node& header, Message& out);
  bool read_client(const pugi::xml_node& client, Message& out);
  bool read_product(const pugi::xml_node& n, ProductLine& p);
  bool read_lines(const pugi::xml_node& client, Message& out);
  bool read_line(const pugi::xml_node& n, ProductLine& p);
  bool read_line_ids(const pugi::xml_node& n, ProductLine& p);
  bool read_jw301_line(const pugi::xml_node& n, ProductLine& p);
  bool read_start_stop_line(const pugi::xml_node& n, ProductLine& p);
  bool read_jw315_line(const pugi::xml_node& n, ProductLine& p);

  std::string_view xml_;
  Names names_;
  const MessageTypeInfo* type_ = nullptr;
  ReadError error_;
};

}  // namespace rk::ingest::ijw::detail
