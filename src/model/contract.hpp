// The CSV data contract (shared/spec/data-contract.md) declared once, as data.
// Validation (ingest/), the SQL schema (store/) and the snapshot loader (engine/) all read this
// table, so a column is described in one place only.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace rk::model {

// Record kinds in dependency order: a kind only references kinds before it. A kind added later
// goes at the end: a kind's number is part of its records' keys (engine/record_keys.hpp) and of
// frozen figures, so the numbers of the kinds before it never change.
enum class Kind : uint8_t {
  kMunicipalities,
  kAreas,
  kProviders,
  kClients,
  kRequests,
  kTrajectories,
  kWaitlist,
  kGoals,
  kFamilyAudits,
  kSurveys,
  kStaffSurveys,
  kComplaints,
  kCosts,
  kBudgets,
  kStaffing,
  kMeasurements,
  kProjects,
  kProjectResults,
  kActivities,  // the social map: K1 activities of providers per area (docs/data-contract.md)
};
inline constexpr int kKindCount = 19;

enum class FieldType : uint8_t {
  kText,              // free text
  kId,                // opaque identifier, at most 64 characters
  kDate,              // YYYY-MM-DD, stored as TEXT in ISO form
  kTimestamp,         // YYYY-MM-DDTHH:MM[:SS] or bare date, stored as TEXT YYYY-MM-DDTHH:MM:SS
  kBool,              // true/false/1/0/ja/nee, stored as INTEGER 0/1
  kInt,               // stored as INTEGER
  kNumber,            // decimal, stored as REAL
  kMoney,             // euros with up to two decimals, stored as INTEGER cents
  kEnum,              // one of enum_values, stored as TEXT in canonical (listed) spelling
  kMonth,             // YYYY-MM, stored as TEXT
  kPeriod,            // 2020, 2020H2, 2020Q4 or 2020-11, stored as TEXT
  kMunicipalityCode,  // GM + 4 digits
};

// The values of the contract's enum columns, in canonical (listed) order. Other modules that name
// values by position (the demo generator's mixes) use these arrays, so the order is the contract's.
inline constexpr std::array<std::string_view, 5> kProviderKinds = {"member", "subcontractor",
                                                                   "supplier", "incidental", "own"};
inline constexpr std::array<std::string_view, 11> kReferrers = {"gp",
                                                                "youth_doctor",
                                                                "medical_specialist",
                                                                "certified_institution",
                                                                "municipality",
                                                                "school",
                                                                "provider",
                                                                "neighbourhood_team",
                                                                "court",
                                                                "self",
                                                                "other"};
inline constexpr std::array<std::string_view, 4> kMatches = {"K1", "K2", "K3", "none"};
inline constexpr std::array<std::string_view, 3> kQuadrants = {"K1", "K2", "K3"};
inline constexpr std::array<std::string_view, 2> kWaitQuadrants = {"K2", "K3"};
inline constexpr std::array<std::string_view, 2> kStaffQuadrants = {"K1", "K2"};
inline constexpr std::array<std::string_view, 6> kEndReasons = {"plan",     "mutual",   "client",
                                                                "provider", "external", "other"};
inline constexpr std::array<std::string_view, 3> kCaseTypes = {"single", "multiple",
                                                               "multi_problem"};
inline constexpr std::array<std::string_view, 3> kDirectors = {"cooperative", "municipality",
                                                               "none"};
inline constexpr std::array<std::string_view, 3> kWaitKinds = {"treatment", "support",
                                                               "diagnostics"};
inline constexpr std::array<std::string_view, 3> kDecided = {"yes", "partly", "no"};
inline constexpr std::array<std::string_view, 6> kComplaintCategories = {
    "referral", "care", "secretariat", "procedure", "privacy", "other"};
inline constexpr std::array<std::string_view, 7> kCostCategories = {
    "K1", "K2", "K3", "pgb", "initiatives", "overhead", "organisation"};

struct FieldSpec {
  std::string_view name;
  FieldType type;
  bool required = false;
  std::span<const std::string_view> enum_values = {};
  // Kind whose key this column references (must exist in the store or the same import).
  // kNone when the column is no reference.
  int8_t references = -1;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  // Derived columns are stored but never read from a CSV file (e.g. clients.bsn_pseudonym).
  bool derived = false;
};

// `earlier <= later` must hold when both are present.
struct OrderRule {
  std::string_view earlier;
  std::string_view later;
};

struct TableSpec {
  Kind kind;
  std::string_view file;   // e.g. "requests.csv"
  std::string_view table;  // SQL table name, e.g. "requests"
  std::vector<FieldSpec> fields;
  // Columns forming the record's identity; re-importing the same key replaces the record.
  // Tables without a natural key (costs) get an implicit `seq` column: the occurrence number of
  // the row's key within its file, so that re-importing the same file is idempotent.
  std::vector<std::string_view> key = {};
  bool has_seq = false;
  std::vector<OrderRule> order = {};
  // True when rows may name the client by `bsn` instead of `client_id` (pseudonymized at import).
  bool accepts_bsn = false;

  [[nodiscard]] int field_index(std::string_view name) const;  // -1 when absent
};

// All tables of the contract, indexed by Kind.
const std::vector<TableSpec>& contract();
const TableSpec& table_spec(Kind kind);
// The table for a file name such as "clients.csv" (case-insensitive); nullptr when unknown.
const TableSpec* table_for_file(std::string_view file_name);

}  // namespace rk::model
