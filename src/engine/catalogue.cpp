#include "engine/catalogue.hpp"

namespace rk::engine {

Catalogue Catalogue::create(const Config& config) {
  Catalogue c;
  register_clients(c);
  register_requests(c);
  register_waitlist(c);
  register_outcome(c);
  register_family_plans(c);
  register_satisfaction(c);
  register_complaints(c);
  register_finance(c);
  register_staffing(c);
  register_manual(c, config);
  return c;
}

const IndicatorDef* Catalogue::find(std::string_view id) const {
  for (const auto& d : defs_)
    if (d.id == id) return &d;
  return nullptr;
}

namespace {

bool applies(const IndicatorDef& def, const Scope& scope) {
  if (scope.municipality != Scope::kAny && !(def.scopes & kScopeMunicipality)) return false;
  if (scope.area != Scope::kAny && !(def.scopes & kScopeArea)) return false;
  if (scope.quadrant != Scope::kAny && !(def.scopes & kScopeQuadrant)) return false;
  if (scope.provider != Scope::kAny && !(def.scopes & kScopeProvider)) return false;
  return true;
}

IndicatorResult run(Context& ctx, const IndicatorDef& def) {
  IndicatorResult r;
  r.id = def.id;
  r.title_nl = def.title_nl;
  r.title_en = def.title_en;
  r.unit = def.unit;
  r.better = def.better;
  def.compute(ctx, def, r);
  r.keyed = ctx.query().record_keys != nullptr;
  r.norm = ctx.config().norm_for(def.id, def.norm, ctx.query().to.civil().year);
  if (r.norm && r.total.value) r.status = norm_status(*r.norm, *r.total.value);
  return r;
}

}  // namespace

std::vector<IndicatorResult> compute_all(const Catalogue& catalogue, const Snapshot& snapshot,
                                         const Query& query, const Config& config) {
  Context ctx(snapshot, query, config);
  std::vector<IndicatorResult> out;
  out.reserve(catalogue.indicators().size());
  for (const auto& def : catalogue.indicators())
    if (applies(def, query.scope)) out.push_back(run(ctx, def));
  return out;
}

std::optional<IndicatorResult> compute_one(const Catalogue& catalogue, std::string_view id,
                                           const Snapshot& snapshot, const Query& query,
                                           const Config& config) {
  const IndicatorDef* def = catalogue.find(id);
  if (def == nullptr || !applies(*def, query.scope)) return std::nullopt;
  Context ctx(snapshot, query, config);
  return run(ctx, *def);
}

Scope resolve_scope(const Snapshot& snapshot, const ScopeText& text) {
  const auto row = [&](model::Kind kind, const std::optional<std::string>& code) {
    if (!code) return Scope::kAny;
    const Table& t = snapshot.table(kind);
    for (int32_t r = 0; r < t.rows(); ++r)
      if (t.key_text(r) == *code) return r;
    return Scope::kNoMatch;
  };
  Scope s;
  s.municipality = row(model::Kind::kMunicipalities, text.municipality);
  s.area = row(model::Kind::kAreas, text.area);
  s.provider = row(model::Kind::kProviders, text.provider);
  if (text.quadrant) {
    s.quadrant = Scope::kNoMatch;
    static constexpr const char* kQuadrants[] = {"K1", "K2", "K3"};
    for (int32_t q = 0; q < 3; ++q)
      if (*text.quadrant == kQuadrants[q]) s.quadrant = q;
  }
  return s;
}

}  // namespace rk::engine
