// Narrative texts: Markdown to HTML and pango markup, with nothing that loads or links outside.
#include <gtest/gtest.h>

#include "report/markdown.hpp"

namespace rk::report {
namespace {

TEST(Markdown, HtmlKeepsEmphasisAndDropsExternalReferences) {
  const std::string html = markdown_to_html(
      "# Kop\n\nTekst met *nadruk* en een [link](https://example.org).\n\n"
      "![foto](http://example.org/a.png)\n\n<script>alert(1)</script>\n");
  EXPECT_NE(html.find("<h3>Kop</h3>"), std::string::npos);
  EXPECT_NE(html.find("<em>nadruk</em>"), std::string::npos);
  EXPECT_NE(html.find("link (https://example.org)"), std::string::npos);
  EXPECT_EQ(html.find("href"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("foto"), std::string::npos);
}

TEST(Markdown, PangoMarkupIsEscapedPerBlock) {
  const auto blocks = markdown_to_pango("## Kop\n\nA & B **vet** <i>\n\n- een\n- twee\n");
  ASSERT_EQ(blocks.size(), 4U);
  EXPECT_EQ(blocks[0].kind, MarkupBlock::Kind::kHeading);
  EXPECT_EQ(blocks[0].markup, "Kop");
  EXPECT_EQ(blocks[1].markup, "A &amp; B <b>vet</b> ");
  EXPECT_EQ(blocks[2].kind, MarkupBlock::Kind::kListItem);
  EXPECT_EQ(blocks[3].markup, "twee");
}

TEST(Markdown, EmptyTextGivesNothing) {
  EXPECT_TRUE(markdown_to_pango("").empty());
  EXPECT_EQ(markdown_to_html(""), "");
}

}  // namespace
}  // namespace rk::report
