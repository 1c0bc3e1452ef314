#include <fmt/format.h>

#include "ingest/ijw/message_reader.hpp"

namespace rk::ingest::ijw::detail {

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

// ToewijzingNummer (mandatory in a JW301) and ReferentieAanbieder (mandatory in a JW315).
bool Reader::read_line_ids(const pugi::xml_node& n, ProductLine& p) {
  const int M = kMessageNs;
  const MessageType t = type_->type;
  pugi::xml_node unused;
  if (const pugi::xml_node nr = child(n, M, "ToewijzingNummer")) {
    std::string_view v;
    if (!text(nr, v)) return false;
    v = util::trim(v);
    if (!pattern(nr, !v.empty() && v.size() <= 9 && all_digits(v, v.size()),
                 "geheel getal 0..999999999"))
      return false;
    p.assignment = std::stoll(std::string(v));
  } else if (t == MessageType::kJw301) {
    return require(n, M, "ToewijzingNummer", unused);  // missing: fails
  }
  if (const pugi::xml_node ref = child(n, M, "ReferentieAanbieder")) {
    std::string_view v;
    if (!text(ref, v)) return false;
    if (!pattern(ref, !v.empty() && v.size() <= 36 && has_non_space(v), "1 tot 36 tekens"))
      return false;
    p.reference = std::string(v);
  } else if (t == MessageType::kJw315) {
    return require(n, M, "ReferentieAanbieder", unused);  // missing: fails
  }
  return true;
}

bool Reader::read_jw301_line(const pugi::xml_node& n, ProductLine& p) {
  const int M = kMessageNs;
  Date d;
  if (!required_date(n, M, "Toewijzingsdatum", d)) return false;
  pugi::xml_node time;
  std::string_view v;
  if (!require(n, M, "Toewijzingstijd", time) || !text(time, v)) return false;
  const std::string_view tv = util::trim(v);
  const bool ok = tv.size() >= 8 && all_digits(tv.substr(0, 2), 2) && tv[2] == ':' &&
                  all_digits(tv.substr(3, 2), 2) && tv[5] == ':' &&
                  all_digits(tv.substr(6, 2), 2) && tv.substr(0, 2) < "24" &&
                  tv.substr(3, 2) < "60" && tv.substr(6, 2) < "60";
  if (!pattern(time, ok, "tijd UU:MM:SS")) return false;
  if (!required_date(n, M, "Ingangsdatum", d)) return false;
  p.start = d;
  return optional_date(n, M, "Einddatum", p.end);
}

// A StartProduct (JW305) or StopProduct (JW307).
bool Reader::read_start_stop_line(const pugi::xml_node& n, ProductLine& p) {
  const int M = kMessageNs;
  Date d;
  std::optional<Date> assigned;
  if (!optional_date(n, M, "ToewijzingIngangsdatum", assigned)) return false;
  if (!required_date(n, M, "Begindatum", d)) return false;
  p.start = d;
  if (type_->type == MessageType::kJw307) {
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
  return true;
}

bool Reader::read_jw315_line(const pugi::xml_node& n, ProductLine& p) {
  const int M = kMessageNs;
  Date d;
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
    if (!text(agb, v) || !pattern(agb, all_digits(v, 8), "AGB-code van 8 cijfers")) return false;
  }
  return true;
}

bool Reader::read_line(const pugi::xml_node& n, ProductLine& p) {
  const MessageType t = type_->type;
  if (!read_line_ids(n, p) || !read_product(n, p)) return false;
  bool ok = true;
  switch (t) {
    case MessageType::kJw301:
      ok = read_jw301_line(n, p);
      break;
    case MessageType::kJw305:
    case MessageType::kJw307:
      ok = read_start_stop_line(n, p);
      break;
    case MessageType::kJw315:
      ok = read_jw315_line(n, p);
      break;
  }
  if (!ok) return false;
  if (p.start && p.end && *p.end < *p.start) {
    const std::string_view end_name =
        t == MessageType::kJw315 ? "ToewijzingEinddatum" : "Einddatum";
    return fail(n, end_name,
                fmt::format("{} ({}) ligt voor de begindatum ({})", end_name, p.end->to_string(),
                            p.start->to_string()));
  }
  return true;
}

}  // namespace rk::ingest::ijw::detail
