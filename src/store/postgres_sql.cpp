#include "store/postgres_sql.hpp"

#include <fmt/format.h>

namespace rk::store::pg {

std::string quote_ident(std::string_view name) { return fmt::format("\"{}\"", name); }

std::string column_list(const std::vector<std::string>& cols) {
  std::string out;
  for (size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + quote_ident(cols[i]);
  return out;
}

std::vector<std::string> key_columns(const model::TableSpec& spec) {
  std::vector<std::string> keys(spec.key.begin(), spec.key.end());
  if (spec.has_seq) keys.emplace_back("seq");
  return keys;
}

std::string staging_table(const model::TableSpec& spec) {
  return fmt::format("rk_stage_{}", spec.table);
}

bool is_integer_type(model::FieldType t) {
  return t == model::FieldType::kBool || t == model::FieldType::kInt ||
         t == model::FieldType::kMoney;
}

void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

void split_row(std::string_view line, std::string& buf, std::vector<std::string_view>& fields) {
  fields.clear();
  buf.resize(line.size());
  size_t out = 0;
  size_t start = 0;
  size_t field_out = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      const std::string_view raw = line.substr(start, i - start);
      if (raw == "\\N")
        fields.emplace_back();
      else
        fields.emplace_back(buf.data() + field_out, out - field_out);
      start = i + 1;
      field_out = out;
      continue;
    }
    char c = line[i];
    if (c == '\\' && i + 1 < line.size()) {
      const char n = line[++i];
      switch (n) {
        case 't':
          c = '\t';
          break;
        case 'n':
          c = '\n';
          break;
        case 'r':
          c = '\r';
          break;
        case 'b':
          c = '\b';
          break;
        case 'f':
          c = '\f';
          break;
        case 'v':
          c = '\v';
          break;
        case 'N':  // only as a whole field (handled above); keep the text
          buf[out++] = '\\';
          c = 'N';
          break;
        default:
          c = n;
      }
    }
    buf[out++] = c;
  }
}

}  // namespace rk::store::pg
