#include "contract/store_contract.hpp"

namespace mytoken::store_contract {
namespace {

TemplateRow template_row(std::string id, std::string kind, std::string group, std::string name) {
  return TemplateRow{.id = std::move(id),
                     .kind = std::move(kind),
                     .group = std::move(group),
                     .name = std::move(name),
                     .payload_json = R"({"capabilities":["AT"]})"};
}

TEST_P(StoreContract, TemplatesAreListedByKindGroupAndName) {
  auto tx = begin();
  EXPECT_TRUE(must(tx->templates().all()).empty());
  EXPECT_EQ(must(tx->templates().insert(template_row("3", "restrictions", "_", "a"))), TemplateWrite::kDone);
  EXPECT_EQ(must(tx->templates().insert(template_row("2", "profiles", "g", "a"))), TemplateWrite::kDone);
  EXPECT_EQ(must(tx->templates().insert(template_row("1", "profiles", "_", "b"))), TemplateWrite::kDone);
  const auto rows = must(tx->templates().all());
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].id, "1");
  EXPECT_EQ(rows[1].id, "2");
  EXPECT_EQ(rows[2].id, "3");
  EXPECT_EQ(rows[0].payload_json, R"({"capabilities":["AT"]})");
  EXPECT_EQ(rows[1].group, "g");
}

TEST_P(StoreContract, TemplateNamesAreUniquePerKindAndGroup) {
  auto tx = begin();
  must(tx->templates().insert(template_row("1", "profiles", "_", "a")));
  EXPECT_EQ(must(tx->templates().insert(template_row("2", "profiles", "_", "a"))), TemplateWrite::kNameTaken);
  EXPECT_EQ(must(tx->templates().insert(template_row("3", "capabilities", "_", "a"))), TemplateWrite::kDone);
  EXPECT_EQ(must(tx->templates().insert(template_row("4", "profiles", "g", "a"))), TemplateWrite::kDone);
  EXPECT_EQ(must(tx->templates().all()).size(), 3U);
}

TEST_P(StoreContract, TemplateUpdateMatchesIdKindAndGroup) {
  auto tx = begin();
  must(tx->templates().insert(template_row("1", "profiles", "_", "a")));
  must(tx->templates().insert(template_row("2", "profiles", "_", "b")));
  auto renamed = template_row("1", "profiles", "_", "c");
  renamed.payload_json = "[1]";
  EXPECT_EQ(must(tx->templates().update(renamed)), TemplateWrite::kDone);
  EXPECT_EQ(must(tx->templates().update(template_row("1", "profiles", "_", "c"))), TemplateWrite::kDone);  // same name
  EXPECT_EQ(must(tx->templates().update(template_row("1", "profiles", "_", "b"))), TemplateWrite::kNameTaken);
  EXPECT_EQ(must(tx->templates().update(template_row("1", "profiles", "g", "x"))), TemplateWrite::kNotFound);
  EXPECT_EQ(must(tx->templates().update(template_row("1", "rotation", "_", "x"))), TemplateWrite::kNotFound);
  EXPECT_EQ(must(tx->templates().update(template_row("9", "profiles", "_", "x"))), TemplateWrite::kNotFound);
  const auto rows = must(tx->templates().all());
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].name, "c");
  EXPECT_EQ(rows[1].payload_json, R"({"capabilities":["AT"]})");
}

TEST_P(StoreContract, TemplateRemovalMatchesIdKindAndGroup) {
  auto tx = begin();
  must(tx->templates().insert(template_row("1", "profiles", "g", "a")));
  EXPECT_EQ(must(tx->templates().remove("1", "profiles", "_")), TemplateWrite::kNotFound);
  EXPECT_EQ(must(tx->templates().remove("1", "capabilities", "g")), TemplateWrite::kNotFound);
  EXPECT_EQ(must(tx->templates().remove("1", "profiles", "g")), TemplateWrite::kDone);
  EXPECT_EQ(must(tx->templates().remove("1", "profiles", "g")), TemplateWrite::kNotFound);
  EXPECT_TRUE(must(tx->templates().all()).empty());
}

TEST_P(StoreContract, CommittedTemplatesAreSeenByLaterTransactions) {
  {
    auto tx = must(store_->begin(TxMode::kWrite));
    must(tx->templates().insert(template_row("1", "profiles", "_", "a")));
    must(tx->commit());
  }
  {
    auto tx = must(store_->begin(TxMode::kWrite));
    must(tx->templates().insert(template_row("2", "profiles", "_", "b")));
  }  // rolled back
  auto tx = must(store_->begin(TxMode::kRead));
  const auto rows = must(tx->templates().all());
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].name, "a");
}

}  // namespace
}  // namespace mytoken::store_contract
