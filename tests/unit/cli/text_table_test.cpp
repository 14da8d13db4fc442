#include "cli/text_table.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "cli/tokeninfo_rendering.hpp"

namespace mytoken::cli {
namespace {

TEST(TextTable, DrawsTheSpecsLayout) {
  TextTable t({"Event", "IP"});
  t.add_row({"created", "192.0.2.7"});
  t.add_row({"AT_created", ""});
  EXPECT_EQ(t.render(),
            "┌────────────┬───────────┐\n"
            "│   EVENT    │    IP     │\n"
            "├────────────┼───────────┤\n"
            "│ created    │ 192.0.2.7 │\n"
            "│ AT_created │           │\n"
            "└────────────┴───────────┘\n");
}

TEST(TextTable, EmptyPrintsNothing) { EXPECT_EQ(TextTable({"A"}).render(), ""); }

TEST(TextTable, WidthIgnoresColourCodesAndCountsCodePoints) {
  EXPECT_EQ(visible_width("\x1b[3munnamed\x1b[0m"), 7u);
  EXPECT_EQ(visible_width("└─ x"), 4u);
}

TEST(TokenTree, ChildrenAreIndented) {
  const auto answer =
      boost::json::parse(R"({"mytokens":[{"token":{"mom_id":"m1","name":"main","created":1,"ip":"192.0.2.7"},)"
                         R"("children":[{"token":{"mom_id":"m2","name":"","created":2,"expires_at":3}}]}]})")
          .as_object();
  const auto out = render_token_tree(answer, true, 100, DisplayStyle{});
  EXPECT_NE(out.find("│ m1     │ main"), std::string::npos) << out;
  EXPECT_NE(out.find("  └─ unnamed token"), std::string::npos) << out;
  EXPECT_NE(out.find("does not expire"), std::string::npos) << out;
}

TEST(Introspection, ShowsUsages) {
  const auto answer =
      boost::json::parse(R"({"valid":true,"token_type":"token","mom_id":"m","token":{"name":"n","iat":1,)"
                         R"("capabilities":["AT"],"restrictions":[{"usages_AT":5,"usages_AT_done":2}]}})")
          .as_object();
  const auto out = render_introspection(answer, 100, DisplayStyle{});
  EXPECT_NE(out.find("Valid:"), std::string::npos) << out;
  EXPECT_NE(out.find("access tokens: 2 of 5 used"), std::string::npos) << out;
  EXPECT_NE(out.find("Capabilities: AT"), std::string::npos) << out;
}

}  // namespace
}  // namespace mytoken::cli
