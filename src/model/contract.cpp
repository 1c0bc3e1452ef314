#include "model/contract.hpp"

#include <algorithm>
#include <cctype>

namespace rk::model {
namespace {

using FT = FieldType;
constexpr int8_t ref(Kind k) { return static_cast<int8_t>(k); }

FieldSpec field(std::string_view name, FT type, bool required = false) {
  return FieldSpec{name, type, required};
}
template <size_t N>
FieldSpec enum_field(std::string_view name, const std::array<std::string_view, N>& values,
                     bool required = false) {
  FieldSpec f{name, FT::kEnum, required};
  f.enum_values = values;
  return f;
}
FieldSpec ref_field(std::string_view name, Kind kind, bool required = false, FT type = FT::kId) {
  FieldSpec f{name, type, required};
  f.references = ref(kind);
  return f;
}
FieldSpec derived(FieldSpec f) {
  f.derived = true;
  return f;
}
FieldSpec ranged(std::string_view name, FT type, double min, double max, bool required = false) {
  FieldSpec f{name, type, required};
  f.min = min;
  f.max = max;
  return f;
}

// One flat declaration per table, in Kind order: it reads as the contract does, which a split
// would not.
std::vector<TableSpec> build() {  // NOLINT(readability-function-size): flat table list
  std::vector<TableSpec> t;
  const auto muni = [](std::string_view name, bool required) {
    return ref_field(name, Kind::kMunicipalities, required, FT::kMunicipalityCode);
  };
  t.push_back({Kind::kMunicipalities,
               "municipalities.csv",
               "municipalities",
               {field("code", FT::kMunicipalityCode, true), field("name", FT::kText, true)},
               {"code"}});
  t.push_back({Kind::kAreas,
               "areas.csv",
               "areas",
               {field("area_id", FT::kId, true), field("name", FT::kText, true),
                muni("municipality", true), field("team", FT::kText)},
               {"area_id"}});
  t.push_back({Kind::kProviders,
               "providers.csv",
               "providers",
               {field("provider_id", FT::kId, true), field("name", FT::kText, true),
                enum_field("kind", kProviderKinds, true), ranged("employees", FT::kInt, 0, 1e7),
                field("ggz", FT::kBool)},
               {"provider_id"}});
  {
    TableSpec s{Kind::kClients,
                "clients.csv",
                "clients",
                {field("client_id", FT::kId), field("birth_date", FT::kDate, true),
                 muni("municipality", true), ref_field("area_id", Kind::kAreas),
                 field("family_id", FT::kId), derived(field("bsn_pseudonym", FT::kId))},
                {"client_id"}};
    s.accepts_bsn = true;
    t.push_back(std::move(s));
  }
  {
    TableSpec s{Kind::kRequests,
                "requests.csv",
                "requests",
                {field("request_id", FT::kId, true), ref_field("client_id", Kind::kClients, true),
                 field("received_at", FT::kTimestamp, true),
                 enum_field("referrer", kReferrers, true), field("gp_practice", FT::kId),
                 field("urgent", FT::kBool), field("complete_at", FT::kTimestamp),
                 field("first_contact_at", FT::kTimestamp), field("intake_at", FT::kTimestamp),
                 field("core_team_at", FT::kTimestamp), field("matched_at", FT::kTimestamp),
                 enum_field("match", kMatches), field("approval_at", FT::kTimestamp),
                 field("offer_letter_at", FT::kTimestamp), field("withdrawn_at", FT::kTimestamp)},
                {"request_id"}};
    s.order = {{"received_at", "complete_at"},     {"received_at", "first_contact_at"},
               {"received_at", "intake_at"},       {"intake_at", "core_team_at"},
               {"core_team_at", "matched_at"},     {"received_at", "matched_at"},
               {"approval_at", "offer_letter_at"}, {"received_at", "withdrawn_at"}};
    s.accepts_bsn = true;
    t.push_back(std::move(s));
  }
  {
    TableSpec s{
        Kind::kTrajectories,
        "trajectories.csv",
        "trajectories",
        {field("trajectory_id", FT::kId, true), ref_field("client_id", Kind::kClients, true),
         ref_field("request_id", Kind::kRequests), enum_field("quadrant", kQuadrants, true),
         ref_field("provider_id", Kind::kProviders, true), muni("municipality", false),
         field("product", FT::kId), field("residential", FT::kBool),
         field("start_date", FT::kDate, true), field("end_date", FT::kDate),
         enum_field("end_reason", kEndReasons), enum_field("case_type", kCaseTypes),
         enum_field("director", kDirectors)},
        {"trajectory_id"}};
    s.order = {{"start_date", "end_date"}};
    s.accepts_bsn = true;
    t.push_back(std::move(s));
  }
  {
    TableSpec s{
        Kind::kWaitlist,
        "waitlist.csv",
        "waitlist",
        {field("entry_id", FT::kId, true), ref_field("client_id", Kind::kClients, true),
         ref_field("request_id", Kind::kRequests), ref_field("provider_id", Kind::kProviders),
         enum_field("quadrant", kWaitQuadrants, true), enum_field("kind", kWaitKinds),
         field("since", FT::kDate, true), field("until", FT::kDate),
         field("bridging_care", FT::kBool)},
        {"entry_id"}};
    s.order = {{"since", "until"}};
    s.accepts_bsn = true;
    t.push_back(std::move(s));
  }
  t.push_back(
      {Kind::kGoals,
       "goals.csv",
       "goals",
       {field("goal_id", FT::kId, true), ref_field("trajectory_id", Kind::kTrajectories, true),
        ranged("weight", FT::kNumber, 0, 1000), ranged("score", FT::kInt, -2, 2),
        field("evaluated_on", FT::kDate)},
       {"goal_id"}});
  t.push_back(
      {Kind::kFamilyAudits,
       "family_audits.csv",
       "family_audits",
       {field("audit_id", FT::kId, true), field("audited_on", FT::kDate, true),
        field("family_id", FT::kId), enum_field("case_type", kCaseTypes, true),
        enum_field("director", kDirectors, true), field("has_family_plan", FT::kBool, true)},
       {"audit_id"}});
  {
    std::vector<FieldSpec> f = {field("response_id", FT::kId, true),
                                field("answered_on", FT::kDate, true),
                                muni("municipality", false),
                                field("complete", FT::kBool, true),
                                ranged("grade", FT::kNumber, 1, 10),
                                ranged("stars", FT::kInt, 1, 5),
                                enum_field("decided_together", kDecided)};
    static constexpr std::array<std::string_view, 8> kStatements = {"s1", "s2", "s3", "s4",
                                                                    "s5", "s6", "s7", "s8"};
    for (auto s : kStatements) f.push_back(ranged(s, FT::kInt, 1, 5));
    t.push_back({Kind::kSurveys, "surveys.csv", "surveys", std::move(f), {"response_id"}});
  }
  t.push_back({Kind::kStaffSurveys,
               "staff_surveys.csv",
               "staff_surveys",
               {ranged("year", FT::kInt, 1900, 2100, true), field("item", FT::kId, true),
                field("respondent", FT::kId, true), ranged("score", FT::kNumber, 1, 10, true)},
               {"year", "item", "respondent"}});
  {
    TableSpec s{
        Kind::kComplaints,
        "complaints.csv",
        "complaints",
        {field("complaint_id", FT::kId, true), field("received_on", FT::kDate, true),
         enum_field("category", kComplaintCategories, true), field("first_response_on", FT::kDate),
         field("escalated", FT::kBool), field("closed_on", FT::kDate)},
        {"complaint_id"}};
    s.order = {{"received_on", "first_response_on"}, {"received_on", "closed_on"}};
    t.push_back(std::move(s));
  }
  {
    TableSpec s{Kind::kCosts,
                "costs.csv",
                "costs",
                {field("month", FT::kMonth, true), muni("municipality", false),
                 enum_field("category", kCostCategories, true),
                 ref_field("provider_id", Kind::kProviders), field("amount", FT::kMoney, true)},
                {"month", "municipality", "category", "provider_id"}};
    s.has_seq = true;
    t.push_back(std::move(s));
  }
  t.push_back({Kind::kBudgets,
               "budgets.csv",
               "budgets",
               {ranged("year", FT::kInt, 1900, 2100, true), muni("municipality", true),
                field("lump_sum", FT::kMoney, true), field("other_income", FT::kMoney)},
               {"year", "municipality"}});
  t.push_back(
      {Kind::kStaffing,
       "staffing.csv",
       "staffing",
       {field("on", FT::kDate, true), field("team", FT::kText, true),
        enum_field("quadrant", kStaffQuadrants, true), ranged("fte", FT::kNumber, 0, 1e6, true)},
       {"on", "team", "quadrant"}});
  t.push_back(
      {Kind::kMeasurements,
       "measurements.csv",
       "measurements",
       {field("indicator", FT::kId, true), field("period", FT::kPeriod, true),
        muni("municipality", false), field("value", FT::kNumber, true), field("note", FT::kText)},
       {"indicator", "period", "municipality"}});
  t.push_back({Kind::kProjects,
               "projects.csv",
               "projects",
               {field("project_id", FT::kId, true), field("name", FT::kText, true),
                field("target_group", FT::kText), field("goal", FT::kText),
                field("started_on", FT::kDate), field("embedded_on", FT::kDate)},
               {"project_id"}});
  t.push_back({Kind::kProjectResults,
               "project_results.csv",
               "project_results",
               {ref_field("project_id", Kind::kProjects, true), field("period", FT::kPeriod, true),
                muni("municipality", false), field("measure", FT::kId, true),
                field("value", FT::kNumber, true)},
               {"project_id", "period", "municipality", "measure"}});
  // An extension of the contract (docs/data-contract.md): the social map's activities.
  t.push_back({Kind::kActivities,
               "activities.csv",
               "activities",
               {ref_field("provider", Kind::kProviders, true),
                ref_field("area", Kind::kAreas, true), field("name", FT::kText, true),
                field("target_group", FT::kText, true), field("contact", FT::kText),
                ranged("waiting_weeks", FT::kInt, 0, std::numeric_limits<double>::infinity())},
               {"provider", "area", "name"}});
  return t;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

int TableSpec::field_index(std::string_view name) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return static_cast<int>(i);
  return -1;
}

const std::vector<TableSpec>& contract() {
  static const std::vector<TableSpec> kContract = build();
  return kContract;
}

const TableSpec& table_spec(Kind kind) { return contract()[static_cast<size_t>(kind)]; }

const TableSpec* table_for_file(std::string_view file_name) {
  for (const auto& t : contract())
    if (iequals(t.file, file_name)) return &t;
  return nullptr;
}

}  // namespace rk::model
