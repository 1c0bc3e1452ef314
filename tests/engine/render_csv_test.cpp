// kpi --format csv on a hand-made result: keys and text cells from the data are neutralised
// against formulas (docs/privacy.md, CSV-injectie); figures, negative ones too, stay numbers.
#include <gtest/gtest.h>

#include "engine/render.hpp"

namespace rk::engine {
namespace {

TEST(RenderCsv, DataKeysAreTextAndFiguresStayNumbers) {
  IndicatorResult r;
  r.id = "waitlist.change";
  r.total = Figure::of(Number::count(-39));
  Breakdown b{"provider", {}};
  b.cells.emplace_back("=HYPERLINK(\"http://x\",\"y\")", Figure::of(Number::count(-2.5)));
  b.cells.emplace_back("+1+1", Figure::of(Number::count(3)));
  b.cells.emplace_back("-2", Figure::of(Number::count(-1)));
  Figure project;
  project.text = "@SUM(1)";
  b.cells.emplace_back("73000001", project);
  r.breakdowns.push_back(std::move(b));
  EXPECT_EQ(render_csv({r}),
            "indicator,dimension,key,part,value,numerator,denominator,status\n"
            "waitlist.change,,,,-39,,,\n"
            "waitlist.change,provider,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,-2.5,,,\n"
            "waitlist.change,provider,'+1+1,,3,,,\n"
            "waitlist.change,provider,-2,,-1,,,\n"
            "waitlist.change,provider,73000001,,'@SUM(1),,,\n");
}

}  // namespace
}  // namespace rk::engine
