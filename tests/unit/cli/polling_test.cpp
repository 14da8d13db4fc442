#include "cli/polling.hpp"

#include <gtest/gtest.h>

#include <deque>

namespace mytoken::cli {
namespace {

// A fake clock and a scripted server.
struct Script {
  int64_t clock = 1000;
  std::vector<int64_t> poll_times;
  std::deque<Result<client::MytokenResponse>> answers;

  PollingHooks hooks() {
    PollingHooks h;
    h.now = [this] { return clock; };
    h.sleep = [this](int64_t s) { clock += s; };
    h.poll = [this]() -> Result<client::MytokenResponse> {
      poll_times.push_back(clock);
      if (answers.empty()) return ApiError::authorization_pending();
      auto a = std::move(answers.front());
      answers.pop_front();
      return a;
    };
    return h;
  }
};

client::MytokenResponse token() {
  client::MytokenResponse r;
  r.mytoken = "mt";
  return r;
}

TEST(Polling, WaitsTheIntervalBeforeEachPoll) {
  Script s;
  s.answers.push_back(ApiError::authorization_pending());
  s.answers.push_back(token());
  const auto r = poll_until_authorized(2, 300, s.hooks());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->mytoken, "mt");
  EXPECT_EQ(s.poll_times, (std::vector<int64_t>{1002, 1004}));
}

TEST(Polling, DefaultIntervalIsFiveSeconds) {
  Script s;
  s.answers.push_back(token());
  ASSERT_TRUE(poll_until_authorized(0, 0, s.hooks()));
  EXPECT_EQ(s.poll_times, (std::vector<int64_t>{1005}));
}

TEST(Polling, SlowDownAddsFiveSeconds) {
  Script s;
  s.answers.push_back(ApiError::slow_down());
  s.answers.push_back(ApiError::authorization_pending());
  s.answers.push_back(token());
  ASSERT_TRUE(poll_until_authorized(1, 300, s.hooks()));
  EXPECT_EQ(s.poll_times, (std::vector<int64_t>{1001, 1007, 1013}));
}

TEST(Polling, OtherErrorsStop) {
  Script s;
  s.answers.push_back(ApiError::access_denied("user declined consent"));
  const auto r = poll_until_authorized(1, 300, s.hooks());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().error, "access_denied");
}

TEST(Polling, GivesUpWhenTheCodeExpires) {
  Script s;
  int64_t last_left = 0;
  auto hooks = s.hooks();
  hooks.waiting = [&](int64_t left) { last_left = left; };
  const auto r = poll_until_authorized(3, 10, hooks);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().error, "expired_token");
  EXPECT_EQ(s.poll_times, (std::vector<int64_t>{1003, 1006, 1009}));
  EXPECT_EQ(last_left, 1);
  EXPECT_LE(s.clock, 1010);
}

TEST(Polling, NoDeadlineWithoutExpiresIn) {
  Script s;
  for (int i = 0; i < 100; ++i) s.answers.push_back(ApiError::authorization_pending());
  s.answers.push_back(token());
  ASSERT_TRUE(poll_until_authorized(1, 0, s.hooks()));
  EXPECT_EQ(s.poll_times.size(), 101u);
}

}  // namespace
}  // namespace mytoken::cli
