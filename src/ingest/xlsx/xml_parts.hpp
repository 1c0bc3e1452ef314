// The XML parts of a workbook read safely with pugixml: bounded in size, refused when they
// declare a DOCTYPE (no entity tricks reach the parser), and walked by local element names, so a
// writer's namespace prefixes ("x:row") do not matter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "ingest/xlsx/zip_archive.hpp"
#include "model/status.hpp"

namespace rk::ingest::xlsx {

inline Status invalid(std::string message) {
  return Status::error(ErrorKind::kInvalidInput, std::move(message));
}

// The name of an element or attribute without its namespace prefix.
std::string_view local_name(const char* name);

// Parses `xml` in place into `doc` (the buffer must outlive the document). Fails with
// kInvalidInput naming `what` when the text declares a DOCTYPE or an ENTITY, or is not
// well-formed.
Status parse_in_place(pugi::xml_document& doc, std::string& xml, std::string_view what);

// The document's root element.
pugi::xml_node document_element(const pugi::xml_document& doc);

// One part of the archive, parsed.
class XmlPart {
 public:
  // Reads part `name` (at most `max_bytes`) and parses it. Fails as ZipArchive::read and
  // parse_in_place do; a missing part is refused naming it.
  Status load(const ZipArchive& zip, const std::string& name, uint64_t max_bytes);
  [[nodiscard]] pugi::xml_node root() const { return document_element(doc_); }

 private:
  std::string xml_;
  pugi::xml_document doc_;
};

// The child elements of `parent` whose local name is `name`, for range-for.
class Children {
 public:
  class Iterator {
   public:
    Iterator(pugi::xml_node node, std::string_view name) : node_(node), name_(name) { skip(); }
    pugi::xml_node operator*() const { return node_; }
    Iterator& operator++() {
      node_ = node_.next_sibling();
      skip();
      return *this;
    }
    bool operator!=(const Iterator& other) const { return node_ != other.node_; }

   private:
    void skip() {
      while (node_ && (node_.type() != pugi::node_element || local_name(node_.name()) != name_))
        node_ = node_.next_sibling();
    }
    pugi::xml_node node_;
    std::string_view name_;
  };
  Children(pugi::xml_node parent, std::string_view name) : parent_(parent), name_(name) {}
  [[nodiscard]] Iterator begin() const { return {parent_.first_child(), name_}; }
  [[nodiscard]] Iterator end() const { return {pugi::xml_node(), name_}; }

 private:
  pugi::xml_node parent_;
  std::string_view name_;
};

inline Children children(pugi::xml_node parent, std::string_view name) { return {parent, name}; }
// The first child element named `name` (local name), or an empty node.
pugi::xml_node child(pugi::xml_node parent, std::string_view name);

// True when a relationship's Type ends with `suffix` ("/worksheet", "/sharedStrings", ...).
bool ends_with_type(pugi::xml_node relationship, std::string_view suffix);
// A relationship target as a part name: relative to `dir` (ending in '/'), or absolute when it
// starts with '/'; "." and ".." segments resolved.
std::string resolve_target(const std::string& dir, std::string_view target);
// The r:id attribute of a <sheet> (any prefix).
std::string relation_id(pugi::xml_node sheet);
// The text of a string item (<si> or <is>): its <t>, or the <t> of every run <r>, phonetic
// runs left out; Excel's _xHHHH_ escapes decoded.
std::string rich_text(pugi::xml_node item);
// Parses a whole decimal number as XML stores it ("45678", "1234.5", "1.2E-3").
bool parse_double(std::string_view text, double& out);

}  // namespace rk::ingest::xlsx
