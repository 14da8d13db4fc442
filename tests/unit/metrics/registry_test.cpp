#include "metrics/registry.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace mytoken::metrics {
namespace {

TEST(Registry, RendersACounterWithHelpTypeAndLabels) {
  Registry registry;
  auto& requests = registry.counter("app_requests_total", "Requests.", {"endpoint", "status"});
  requests.with({"/a", "200"}).inc();
  requests.with({"/a", "200"}).inc(2);
  requests.with({"/b", "404"}).inc();
  EXPECT_EQ(registry.render(),
            "# HELP app_requests_total Requests.\n"
            "# TYPE app_requests_total counter\n"
            "app_requests_total{endpoint=\"/a\",status=\"200\"} 3\n"
            "app_requests_total{endpoint=\"/b\",status=\"404\"} 1\n");
}

TEST(Registry, WithReturnsTheSameChildForTheSameLabels) {
  Registry registry;
  auto& family = registry.counter("c_total", "h", {"x"});
  EXPECT_EQ(&family.with({"1"}), &family.with({"1"}));
  EXPECT_NE(&family.with({"1"}), &family.with({"2"}));
}

TEST(Registry, RendersAGaugeWithoutLabels) {
  Registry registry;
  auto& g = registry.gauge("in_use", "Connections in use").with({});
  g.add(3);
  g.add(-1);
  EXPECT_EQ(registry.render(), "# HELP in_use Connections in use\n# TYPE in_use gauge\nin_use 2\n");
  g.set(0.25);
  EXPECT_NE(registry.render().find("in_use 0.25\n"), std::string::npos);
}

TEST(Registry, RendersCumulativeHistogramBucketsWithInfSumAndCount) {
  Registry registry;
  auto& h = registry.histogram("latency_seconds", "Latency", {0.1, 1}, {"op"}).with({"get"});
  h.observe(0.05);
  h.observe(0.1);  // le is "less or equal": counted in the 0.1 bucket
  h.observe(0.5);
  h.observe(7);
  EXPECT_EQ(registry.render(),
            "# HELP latency_seconds Latency\n"
            "# TYPE latency_seconds histogram\n"
            "latency_seconds_bucket{op=\"get\",le=\"0.1\"} 2\n"
            "latency_seconds_bucket{op=\"get\",le=\"1\"} 3\n"
            "latency_seconds_bucket{op=\"get\",le=\"+Inf\"} 4\n"
            "latency_seconds_sum{op=\"get\"} 7.65\n"
            "latency_seconds_count{op=\"get\"} 4\n");
}

TEST(Registry, EscapesLabelValuesAndHelpText) {
  Registry registry;
  registry.counter("e_total", "back\\slash and\nnewline", {"v"}).with({"a\"b\\c\nd"}).inc();
  EXPECT_EQ(registry.render(),
            "# HELP e_total back\\\\slash and\\nnewline\n"
            "# TYPE e_total counter\n"
            "e_total{v=\"a\\\"b\\\\c\\nd\"} 1\n");
}

TEST(Registry, CallbackSamplesAreReadAtScrapeTimeAndShareOneFamily) {
  Registry registry;
  std::atomic<uint64_t> a{1};
  registry.callback("cb_total", "h", Registry::Type::kCounter, {"k"}, {"a"}, [&] { return double(a.load()); });
  registry.callback("cb_total", "h", Registry::Type::kCounter, {"k"}, {"b"}, [] { return 5.0; });
  a = 4;
  EXPECT_EQ(registry.render(),
            "# HELP cb_total h\n# TYPE cb_total counter\ncb_total{k=\"a\"} 4\ncb_total{k=\"b\"} 5\n");
  EXPECT_THROW(registry.callback("cb_total", "h", Registry::Type::kGauge, {"k"}, {"c"}, [] { return 1.0; }),
               std::invalid_argument);
}

TEST(Registry, RefusesInvalidAndDuplicateNames) {
  Registry registry;
  registry.counter("ok_total", "h");
  EXPECT_THROW(registry.counter("ok_total", "h"), std::invalid_argument);
  EXPECT_THROW(registry.gauge("1bad", "h"), std::invalid_argument);
  EXPECT_THROW(registry.gauge("bad-name", "h"), std::invalid_argument);
  EXPECT_THROW(registry.gauge("g", "h", {"__reserved"}), std::invalid_argument);
  EXPECT_THROW(registry.gauge("g2", "h", {"a", "a"}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("h", "h", {1}, {"le"}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("h2", "h", {1, 1}), std::invalid_argument);
  EXPECT_THROW(registry.counter("c_total", "h", {"a"}).with({"x", "y"}), std::invalid_argument);
}

TEST(Registry, CountsExactlyUnderConcurrentIncrements) {
  Registry registry;
  auto& c = registry.counter("n_total", "h").with({});
  auto& h = registry.histogram("d", "h", {1}).with({});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        c.inc();
        h.observe(0.5);
      }
    });
  }
  for (int i = 0; i < 20; ++i) (void)registry.render();  // scrapes while counting
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value(), 40000u);
  EXPECT_EQ(h.snapshot().cumulative.back(), 40000u);
}

}  // namespace
}  // namespace mytoken::metrics
