#include "ingest/ijw/reader.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "ingest/bsn.hpp"
#include "ingest/csv_reader.hpp"

namespace rk::ingest::ijw {
namespace {

constexpr int kMessageNs = 0;
constexpr int kBaseNs = 1;
constexpr int kOtherNs = 2;
constexpr size_t kMaxDepth = 64;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool all_digits(std::string_view s, size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool has_non_space(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return !is_space(c); });
}

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
std::string type_name(std::string_view uri) {
  const size_t at = uri.rfind("/jw");
  std::string name(at == std::string_view::npos ? uri : uri.substr(at + 1, 5));
  for (char& c : name)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return name;
}

std::string_view local_name(std::string_view qname) {
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

  std::string_view xml_;
  Names names_;
  const MessageTypeInfo* type_ = nullptr;
  ReadError error_;
};

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
  const std::string_view t = trim(v);
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

bool Reader::read_product(const pugi::xml_node& n, ProductLine& p) {
  const pugi::xml_node product = child(n, kMessageNs, "Product");
  if (!product) return true;
  if (!code_value(product, kBaseNs, "Categorie", true, is_product_category, "JZ020", p.category))
    return false;
  if (const pugi::xml_node code = child(product, kBaseNs, "Code")) {
    std::string_view v;
    if (!text(code, v)) return false;
    if (!pattern(code, !v.empty() && v.size() <= 5 && has_non_space(v),
                 "productcode van 1 tot 5 tekens"))
      return false;
    p.code = std::string(v);
  }
  return true;
}

bool Reader::read_lines(const pugi::xml_node& client, Message& out) {
  std::string_view list, item;
  switch (type_->type) {
    case MessageType::kJw301:
      list = "ToegewezenProducten", item = "ToegewezenProduct";
      break;
    case MessageType::kJw305:
      list = "StartProducten", item = "StartProduct";
      break;
    case MessageType::kJw307:
      list = "StopProducten", item = "StopProduct";
      break;
    case MessageType::kJw315:
      list = "AangevraagdeProducten", item = "AangevraagdProduct";
      break;
  }
  pugi::xml_node products;
  if (!require(client, kMessageNs, list, products)) return false;
  for (pugi::xml_node c = products.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (local_name(c.name()) != item || names_.ns_class(c.name()) != kMessageNs)
      return fail(c, local_name(c.name()),
                  fmt::format("onverwacht element {} in {}", local_name(c.name()), list));
    if (out.products.size() == kMaxProducts)
      return fail(c, item, fmt::format("meer dan {} producten in één bericht", kMaxProducts));
    ProductLine& p = out.products.emplace_back();
    p.line = line(c);
    if (!read_line(c, p)) return false;
  }
  if (out.products.empty()) {
    pugi::xml_node unused;
    return require(products, kMessageNs, item, unused);
  }
  return true;
}

bool Reader::read_line(const pugi::xml_node& n, ProductLine& p) {
  const int M = kMessageNs;
  const MessageType t = type_->type;
  if (const pugi::xml_node nr = child(n, M, "ToewijzingNummer")) {
    std::string_view v;
    if (!text(nr, v)) return false;
    v = trim(v);
    if (!pattern(nr, !v.empty() && v.size() <= 9 && all_digits(v, v.size()),
                 "geheel getal 0..999999999"))
      return false;
    p.assignment = std::stoll(std::string(v));
  } else if (t == MessageType::kJw301) {
    pugi::xml_node unused;
    return require(n, M, "ToewijzingNummer", unused);
  }
  if (const pugi::xml_node ref = child(n, M, "ReferentieAanbieder")) {
    std::string_view v;
    if (!text(ref, v)) return false;
    if (!pattern(ref, !v.empty() && v.size() <= 36 && has_non_space(v), "1 tot 36 tekens"))
      return false;
    p.reference = std::string(v);
  } else if (t == MessageType::kJw315) {
    pugi::xml_node unused;
    return require(n, M, "ReferentieAanbieder", unused);
  }
  if (!read_product(n, p)) return false;
  Date d;
  switch (t) {
    case MessageType::kJw301: {
      if (!required_date(n, M, "Toewijzingsdatum", d)) return false;
      pugi::xml_node time;
      std::string_view v;
      if (!require(n, M, "Toewijzingstijd", time) || !text(time, v)) return false;
      const std::string_view tv = trim(v);
      const bool ok = tv.size() >= 8 && all_digits(tv.substr(0, 2), 2) && tv[2] == ':' &&
                      all_digits(tv.substr(3, 2), 2) && tv[5] == ':' &&
                      all_digits(tv.substr(6, 2), 2) && tv.substr(0, 2) < "24" &&
                      tv.substr(3, 2) < "60" && tv.substr(6, 2) < "60";
      if (!pattern(time, ok, "tijd UU:MM:SS")) return false;
      if (!required_date(n, M, "Ingangsdatum", d)) return false;
      p.start = d;
      if (!optional_date(n, M, "Einddatum", p.end)) return false;
      break;
    }
    case MessageType::kJw305:
    case MessageType::kJw307: {
      std::optional<Date> assigned;
      if (!optional_date(n, M, "ToewijzingIngangsdatum", assigned)) return false;
      if (!required_date(n, M, "Begindatum", d)) return false;
      p.start = d;
      if (t == MessageType::kJw307) {
        if (!code_value(
                n, M, "RedenBeeindiging", true,
                [](std::string_view c) { return !end_reason_for_jz588(c).empty(); }, "JZ588",
                p.reason_code))
          return false;
        p.end_reason = end_reason_for_jz588(p.reason_code);
        if (!required_date(n, M, "Einddatum", d)) return false;
        p.end = d;
      }
      std::string status;
      if (!code_value(n, M, "StatusAanlevering", true, is_delivery_status, "COD467", status))
        return false;
      p.status = status[0];
      break;
    }
    case MessageType::kJw315: {
      std::optional<Date> decided;
      if (!optional_date(n, M, "BeschikkingIngangsdatum", decided)) return false;
      if (!required_date(n, M, "ToewijzingIngangsdatum", d)) return false;
      p.start = d;
      if (!optional_date(n, M, "ToewijzingEinddatum", p.end)) return false;
      pugi::xml_node referrer;
      std::string code;
      if (!require(n, M, "Verwijzer", referrer) ||
          !code_value(
              referrer, kBaseNs, "Type", true,
              [](std::string_view c) { return !referrer_for_cod327(c).empty(); }, "COD327", code))
        return false;
      p.referrer = referrer_for_cod327(code);
      if (const pugi::xml_node agb = child(referrer, kBaseNs, "ZorgverlenerCode")) {
        std::string_view v;
        if (!text(agb, v) || !pattern(agb, all_digits(v, 8), "AGB-code van 8 cijfers"))
          return false;
      }
      break;
    }
  }
  if (p.start && p.end && *p.end < *p.start) {
    const std::string_view end_name =
        t == MessageType::kJw315 ? "ToewijzingEinddatum" : "Einddatum";
    return fail(n, end_name,
                fmt::format("{} ({}) ligt voor de begindatum ({})", end_name, p.end->to_string(),
                            p.start->to_string()));
  }
  return true;
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

}  // namespace

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
  Reader reader(xml);
  return reader.read(out, error);
}

}  // namespace rk::ingest::ijw
