#include "ingest/xlsx/xml_parts.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <vector>

#include <fmt/format.h>

namespace rk::ingest::xlsx {
namespace {

// True when `xml` holds "<!" followed by DOCTYPE or ENTITY (any case).
bool declares_doctype(std::string_view xml) {
  for (size_t at = xml.find("<!"); at != std::string_view::npos; at = xml.find("<!", at + 2)) {
    const std::string_view rest = xml.substr(at + 2, 7);
    std::string upper(rest);
    for (char& c : upper) c = static_cast<char>(c & ~0x20);
    if (upper.starts_with("DOCTYPE") || upper.starts_with("ENTITY")) return true;
  }
  return false;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Excel writes characters XML cannot hold as _xHHHH_ (a carriage return is _x000D_).
std::string decode_escapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      uint32_t cp = 0;
      bool hex = true;
      for (size_t k = 2; k < 6; ++k) {
        const int v = hex_value(text[i + k]);
        hex = hex && v >= 0;
        cp = cp * 16 + static_cast<uint32_t>(std::max(v, 0));
      }
      const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
      if (hex && !surrogate) {
        append_utf8(out, cp);
        i += 6;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace

std::string_view local_name(const char* name) {
  const std::string_view n(name);
  const size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

Status parse_in_place(pugi::xml_document& doc, std::string& xml, std::string_view what) {
  if (declares_doctype(xml)) {
    return invalid(
        fmt::format("werkmap: {} bevat XML met een DOCTYPE; dat schrijft Excel niet, "
                    "sla de werkmap opnieuw op in Excel of LibreOffice",
                    what));
  }
  const pugi::xml_parse_result parsed =
      doc.load_buffer_inplace(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
  if (!parsed) {
    return invalid(
        fmt::format("werkmap: {} is geen geldige XML ({} bij byte {}); sla de "
                    "werkmap opnieuw op",
                    what, parsed.description(), parsed.offset));
  }
  return Status::ok();
}

pugi::xml_node document_element(const pugi::xml_document& doc) { return doc.document_element(); }

Status XmlPart::load(const ZipArchive& zip, const std::string& name, uint64_t max_bytes) {
  auto bytes = zip.read(name, max_bytes);
  if (!bytes) return bytes.status();
  xml_ = std::move(*bytes);
  return parse_in_place(doc_, xml_, name);
}

pugi::xml_node child(pugi::xml_node parent, std::string_view name) {
  for (const auto node : children(parent, name)) return node;
  return {};
}

bool ends_with_type(pugi::xml_node relationship, std::string_view suffix) {
  return std::string_view(relationship.attribute("Type").value()).ends_with(suffix);
}

std::string resolve_target(const std::string& dir, std::string_view target) {
  std::string path =
      target.starts_with('/') ? std::string(target.substr(1)) : dir + std::string(target);
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t end = std::min(path.find('/', start), path.size());
    const std::string part = path.substr(start, end - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string relation_id(pugi::xml_node sheet) {
  for (const auto attribute : sheet.attributes()) {
    const std::string_view name = attribute.name();
    if (name != "id" && local_name(attribute.name()) == "id") return attribute.value();
  }
  return {};
}

std::string rich_text(pugi::xml_node item) {
  std::string text;
  for (const auto node : item.children()) {
    const std::string_view name = local_name(node.name());
    if (name == "t") {
      text += node.child_value();
    } else if (name == "r") {
      text += child(node, "t").child_value();
    }
  }
  return decode_escapes(text);
}

bool parse_double(std::string_view text, double& out) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(out);
}

}  // namespace rk::ingest::xlsx
