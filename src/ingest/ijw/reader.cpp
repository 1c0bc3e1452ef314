#include "ingest/ijw/reader.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "ingest/bsn.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/ijw/message_reader.hpp"
#include "util/text.hpp"

namespace rk::ingest::ijw {
namespace detail {

bool Reader::walk_namespaces(const pugi::xml_node& root, ReadError& error) {
  // Iterative pre-order walk with a scope stack of bindings declared on each open element.
  std::vector<std::pair<std::string_view, std::string_view>> scope;  // prefix, uri
  std::vector<size_t> marks;
  const auto resolve = [&scope](std::string_view prefix) -> const std::string_view* {
    for (auto it = scope.rbegin(); it != scope.rend(); ++it)
      if (it->first == prefix) return &it->second;
    return nullptr;
  };
  pugi::xml_node n = root;
  size_t depth = 0;
  while (n) {
    if (n.type() == pugi::node_element) {
      marks.push_back(scope.size());
      for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
        const std::string_view name = a.name();
        std::string_view prefix;
        if (name == "xmlns") {
          prefix = "";
        } else if (name.substr(0, 6) == "xmlns:") {
          prefix = name.substr(6);
        } else {
          continue;
        }
        scope.emplace_back(prefix, a.value());
        if (!names_.bind(prefix, a.value()))
          return fail(
              n, local_name(n.name()),
              fmt::format("namespace-prefix '{}' wordt aan twee namespaces gebonden", prefix));
      }
      const std::string_view qname = n.name();
      const size_t colon = qname.find(':');
      const std::string_view prefix = colon == std::string_view::npos ? "" : qname.substr(0, colon);
      const std::string_view* uri = resolve(prefix);
      if (uri == nullptr || uri->empty())
        return fail(n, local_name(qname),
                    fmt::format("element {} heeft geen namespace (verwacht: iJw 3.2)", qname));
      if (n == root) {
        type_ = message_type_for_namespace(*uri);
        names_.message_uri = type_ ? type_->namespace_uri : std::string_view{};
        if (type_ == nullptr) {
          if (is_ijw_message_namespace(*uri) && local_name(qname) == "Bericht") {
            error.reason = std::string(*uri);
            return false;  // another iJw message type: the caller reports kOtherType
          }
          return fail(n, local_name(qname),
                      fmt::format("onbekende namespace '{}' (verwacht: een iJw 3.2-bericht JW301, "
                                  "JW305, JW307 of JW315)",
                                  *uri));
        }
      } else if (*uri != names_.message_uri && *uri != kBaseNamespace) {
        return fail(n, local_name(qname),
                    fmt::format("element {} in onbekende namespace '{}'", qname, *uri));
      }
      if (++depth > kMaxDepth) return fail(n, local_name(qname), "elementen te diep genest");
      if (pugi::xml_node c = n.first_child()) {
        n = c;
        continue;
      }
      --depth;
      scope.resize(marks.back());
      marks.pop_back();
    }
    // Next node in pre-order, closing finished elements.
    while (n && n != root && !n.next_sibling()) {
      n = n.parent();
      if (n.type() == pugi::node_element && !marks.empty()) {
        --depth;
        scope.resize(marks.back());
        marks.pop_back();
      }
    }
    if (!n || n == root) break;
    n = n.next_sibling();
  }
  names_.classify();
  return true;
}

bool Reader::pattern(const pugi::xml_node& n, bool ok, std::string_view expected) {
  if (ok) return true;
  const std::string_view name = local_name(n.name());
  if (name == "Bsn") {  // never echo a BSN, not even a malformed one
    return fail(n, name, fmt::format("{}: ongeldige waarde (verwacht: {})", name, expected));
  }
  return fail(
      n, name,
      fmt::format("{}: ongeldige waarde '{}' (verwacht: {})", name,
                  mask_digit_runs(std::string_view(n.child_value()).substr(0, 64)), expected));
}

bool Reader::date_value(const pugi::xml_node& n, Date& out) {
  std::string_view v;
  if (!text(n, v)) return false;
  const std::string_view t = util::trim(v);
  if (auto d = parse_date(t)) {
    out = *d;
    return true;
  }
  const bool shaped = t.size() == 10 && t[4] == '-' && t[7] == '-';
  return fail(n, local_name(n.name()),
              shaped ? fmt::format("{}: '{}' is geen bestaande datum", local_name(n.name()), t)
                     : fmt::format("{}: ongeldige datum '{}' (verwacht: JJJJ-MM-DD)",
                                   local_name(n.name()), t.substr(0, 32)));
}

bool Reader::optional_date(const pugi::xml_node& parent, int ns, std::string_view local,
                           std::optional<Date>& out) {
  const pugi::xml_node n = child(parent, ns, local);
  if (!n) return true;
  Date d;
  if (!date_value(n, d)) return false;
  out = d;
  return true;
}

bool Reader::required_date(const pugi::xml_node& parent, int ns, std::string_view local,
                           Date& out) {
  pugi::xml_node n;
  return require(parent, ns, local, n) && date_value(n, out);
}

bool Reader::code_value(const pugi::xml_node& parent, int ns, std::string_view local, bool required,
                        bool (*valid)(std::string_view), std::string_view list, std::string& out) {
  const pugi::xml_node n = child(parent, ns, local);
  if (!n) {
    if (!required) return true;
    pugi::xml_node unused;
    return require(parent, ns, local, unused);
  }
  std::string_view v;
  if (!text(n, v)) return false;
  if (!valid(v))
    return fail(
        n, local,
        fmt::format("{}: onbekende code '{}' (codelijst {})", local, v.substr(0, 16), list));
  out = std::string(v);
  return true;
}

bool Reader::read_header(const pugi::xml_node& header, Message& out) {
  const int M = kMessageNs;
  pugi::xml_node n;
  std::string_view v;
  if (!require(header, M, "BerichtCode", n) || !text(n, v)) return false;
  if (!pattern(n, v == type_->code, fmt::format("{} voor {}", type_->code, type_->name)))
    return false;
  if (!require(header, M, "BerichtVersie", n) || !text(n, v) || !pattern(n, v == "3", "3"))
    return false;
  if (!require(header, M, "BerichtSubversie", n) || !text(n, v) || !pattern(n, v == "2", "2"))
    return false;
  const bool municipality_sends = type_->municipality_sends;
  if (!require(header, M, "Afzender", n) || !text(n, v)) return false;
  if (!pattern(n, all_digits(v, municipality_sends ? 4 : 8),
               municipality_sends ? "gemeentecode van 4 cijfers" : "AGB-code van 8 cijfers"))
    return false;
  out.sender = std::string(v);
  if (!require(header, M, "Ontvanger", n) || !text(n, v)) return false;
  if (!pattern(n, all_digits(v, municipality_sends ? 8 : 4),
               municipality_sends ? "AGB-code van 8 cijfers" : "gemeentecode van 4 cijfers"))
    return false;
  out.receiver = std::string(v);
  pugi::xml_node ident;
  if (!require(header, M, "BerichtIdentificatie", ident)) return false;
  if (!require(ident, kBaseNs, "Identificatie", n) || !text(n, v)) return false;
  if (!pattern(n, !v.empty() && v.size() <= 12 && has_non_space(v), "1 tot 12 tekens"))
    return false;
  out.id = std::string(v);
  if (!required_date(ident, kBaseNs, "Dagtekening", out.date)) return false;
  pugi::xml_node xsd;
  if (!require(header, M, "XsdVersie", xsd)) return false;
  for (std::string_view name : {"BasisschemaXsdVersie", "BerichtXsdVersie"}) {
    if (!require(xsd, kBaseNs, name, n) || !text(n, v)) return false;
    // (0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)
    int parts = 0;
    bool ok = true;
    size_t i = 0;
    while (ok && i <= v.size()) {
      size_t j = v.find('.', i);
      if (j == std::string_view::npos) j = v.size();
      const std::string_view part = v.substr(i, j - i);
      ok = !part.empty() && all_digits(part, part.size()) && (part.size() == 1 || part[0] != '0');
      ++parts;
      i = j + 1;
    }
    if (!pattern(n, ok && parts == 3, "versie als 1.0.0")) return false;
  }
  return true;
}

bool Reader::read_client(const pugi::xml_node& client, Message& out) {
  const int M = kMessageNs;
  pugi::xml_node n;
  std::string_view v;
  if (!require(client, M, "Bsn", n) || !text(n, v)) return false;
  if (!all_digits(v, 9)) return pattern(n, false, "9 cijfers");
  if (!is_valid_bsn(v)) return fail(n, "Bsn", "ongeldig BSN (voldoet niet aan de elfproef)");
  out.bsn = std::string(v);
  pugi::xml_node birth;
  if (!require(client, M, "Geboortedatum", birth) ||
      !required_date(birth, kBaseNs, "Datum", out.birth_date))
    return false;
  std::string gender;
  if (!code_value(client, M, "Geslacht", true, is_gender, "COD046", gender)) return false;
  pugi::xml_node name, family, surname;
  if (!require(client, M, "Naam", name) || !require(name, kBaseNs, "Geslachtsnaam", family) ||
      !require(family, kBaseNs, "Achternaam", surname) || !text(surname, v))
    return false;
  if (!pattern(surname, has_non_space(v) && v.size() <= 200, "een naam")) return false;
  if (type_->type == MessageType::kJw301) {
    pugi::xml_node contacts, contact;
    if (!require(client, M, "Contactgegevens", contacts) ||
        !require(contacts, M, "Contact", contact))
      return false;
  }
  return read_lines(client, out);
}

ReadOutcome Reader::read(Message& out, ReadError& error) {
  out = Message{};
  if (xml_.size() > kMaxMessageBytes) {
    error = {0, "",
             fmt::format("bericht te groot ({} bytes; hoogstens {} bytes)", xml_.size(),
                         kMaxMessageBytes)};
    return ReadOutcome::kRejected;
  }
  if (size_t bad = 0; !is_valid_utf8(xml_, &bad)) {
    error = {line_at(xml_, bad), "", "geen geldige UTF-8 (iJw-berichten zijn UTF-8)"};
    return ReadOutcome::kRejected;
  }
  pugi::xml_document doc;
  const unsigned options = pugi::parse_escapes | pugi::parse_eol | pugi::parse_doctype;
  const pugi::xml_parse_result parsed =
      doc.load_buffer(xml_.data(), xml_.size(), options, pugi::encoding_utf8);
  if (!parsed) {
    const size_t offset = parsed.offset < 0 ? 0 : static_cast<size_t>(parsed.offset);
    error = {line_at(xml_, std::min(offset, xml_.size())), "",
             fmt::format("geen geldige XML: {} (positie {})", parsed.description(), offset)};
    return ReadOutcome::kRejected;
  }
  pugi::xml_node root;
  for (pugi::xml_node c = doc.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_doctype) {
      error = {line(c), "",
               "DOCTYPE-declaratie niet toegestaan (entiteiten en externe entiteiten worden "
               "geweigerd)"};
      return ReadOutcome::kRejected;
    }
    if (c.type() == pugi::node_element) {
      if (root) {
        error = {line(c), "", "meer dan één hoofdelement"};
        return ReadOutcome::kRejected;
      }
      root = c;
    }
  }
  if (!root) {
    error = {1, "", "leeg document (geen bericht)"};
    return ReadOutcome::kRejected;
  }
  ReadError other;
  if (!walk_namespaces(root, other)) {
    if (type_ == nullptr && error_.reason.empty()) {
      error = {1, "", fmt::format("berichtsoort {} wordt niet gelezen", type_name(other.reason))};
      return ReadOutcome::kOtherType;
    }
    error = std::move(error_);
    return ReadOutcome::kRejected;
  }
  out.type = type_->type;
  error_.typed = true;
  pugi::xml_node header, client;
  const bool ok = local_name(root.name()) == "Bericht"
                      ? require(root, kMessageNs, "Header", header) && read_header(header, out) &&
                            require(root, kMessageNs, "Client", client) && read_client(client, out)
                      : fail(root, local_name(root.name()),
                             fmt::format("hoofdelement {} (verwacht: Bericht)", root.name()));
  if (!ok) {
    error = std::move(error_);
    return ReadOutcome::kRejected;
  }
  return ReadOutcome::kMessage;
}

}  // namespace detail

std::string Message::municipality() const {
  return "GM" + (message_type_info(type).municipality_sends ? sender : receiver);
}

const std::string& Message::provider() const {
  return message_type_info(type).municipality_sends ? receiver : sender;
}

uint64_t line_at(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<uint64_t>(
                 std::count(text.begin(), text.begin() + static_cast<ptrdiff_t>(offset), '\n'));
}

ReadOutcome read_message(std::string_view xml, Message& out, ReadError& error) {
  detail::Reader reader(xml);
  return reader.read(out, error);
}

}  // namespace rk::ingest::ijw