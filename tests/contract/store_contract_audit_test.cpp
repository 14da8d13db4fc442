#include <string>

#include "contract/store_contract.hpp"

namespace mytoken::store_contract {
namespace {

void insert_tokens(Store& store) {
  auto tx = must(store.begin(TxMode::kWrite));
  const auto family = new_family(*tx);
  must(tx->tokens().insert(token_row("t", family)));
  must(tx->tokens().insert(token_row("u", family)));
  must(tx->commit());
}

// --- Events ---------------------------------------------------------------------------------------------------

TEST_P(StoreContract, EventsOfATokenAreListedNewestFirst) {
  insert_tokens(*store_);
  auto tx = begin();
  must(tx->events().append(event_row("t", "created", 100, "from oidc_flow")));
  must(tx->events().append(event_row("t", "AT_created", 300)));
  must(tx->events().append(event_row("t", "tokeninfo_introspect", 200)));
  must(tx->events().append(event_row("t", "tokeninfo_history", 300)));  // same second: later insert is newer
  must(tx->events().append(event_row("u", "created", 150)));
  const auto events = must(tx->events().of_token(MomId{"t"}));
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].event, "tokeninfo_history");
  EXPECT_EQ(events[1].event, "AT_created");
  EXPECT_EQ(events[2].event, "tokeninfo_introspect");
  EXPECT_EQ(events[3].event, "created");
  EXPECT_EQ(events[3].mom_id, MomId{"t"});
  EXPECT_EQ(events[3].time, 100);
  EXPECT_EQ(events[3].comment, "from oidc_flow");
  EXPECT_EQ(events[3].ip, "192.0.2.7");
  EXPECT_EQ(events[3].user_agent, "mytoken-cli/1");
  EXPECT_TRUE(must(tx->events().of_token(MomId{"nobody"})).empty());
}

TEST_P(StoreContract, EventCommentIsTruncatedTo100CharactersOnACharacterBoundary) {
  insert_tokens(*store_);
  auto tx = begin();
  const std::string ascii_99(99, 'a');
  const std::string euro = "\xE2\x82\xAC";  // U+20AC, three bytes
  std::string euros_150;
  for (int i = 0; i < 150; ++i) {
    euros_150 += euro;
  }
  std::string euros_100;
  for (int i = 0; i < 100; ++i) {
    euros_100 += euro;
  }
  must(tx->events().append(event_row("t", "a", 1, ascii_99 + euro + euro + "tail")));
  must(tx->events().append(event_row("t", "b", 2, euros_150)));
  must(tx->events().append(event_row("t", "c", 3, std::string(100, 'x'))));
  const auto events = must(tx->events().of_token(MomId{"t"}));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].comment, ascii_99 + euro);  // 100 characters, 102 bytes
  EXPECT_EQ(events[1].comment, euros_100);        // 100 characters, 300 bytes
  EXPECT_EQ(events[0].comment, std::string(100, 'x'));
}

TEST_P(StoreContract, EventKeepsAUserAgentThatIsNotUtf8) {  // a raw HTTP header may carry any byte
  insert_tokens(*store_);
  auto tx = begin();
  auto row = event_row("t", "created", 100);
  row.user_agent = std::string("curl/8 \xFF\xFE latin1 caf\xE9", 21);
  must(tx->events().append(row));
  const auto events = must(tx->events().of_token(MomId{"t"}));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].user_agent, row.user_agent);
}

// --- Access-token records ---------------------------------------------------------------------------------

TEST_P(StoreContract, AccessTokenRecordsAreCountedPerToken) {
  insert_tokens(*store_);
  auto tx = begin();
  EXPECT_EQ(must(tx->access_tokens().count_of_token(MomId{"t"})), 0);
  const AccessTokenRow row{.mom_id = MomId{"t"},
                           .created = 100,
                           .ip = "192.0.2.7",
                           .comment = "ci job",
                           .scopes = {"openid", "profile"},
                           .audiences = {"https://rs.example", "with \"quotes\" and spaces"}};
  must(tx->access_tokens().insert(row));
  must(tx->access_tokens().insert(access_token_row("t", 200)));
  must(tx->access_tokens().insert(access_token_row("u", 200)));
  EXPECT_EQ(must(tx->access_tokens().count_of_token(MomId{"t"})), 2);
  EXPECT_EQ(must(tx->access_tokens().count_of_token(MomId{"u"})), 1);
}

}  // namespace
}  // namespace mytoken::store_contract
