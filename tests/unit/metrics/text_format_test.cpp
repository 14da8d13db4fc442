#include "metrics/text_format.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace mytoken::metrics {
namespace {

TEST(FormatValue, WritesIntegersPlainAndSpecialValuesAsPrometheusSpellsThem) {
  EXPECT_EQ(format_value(0), "0");
  EXPECT_EQ(format_value(42), "42");
  EXPECT_EQ(format_value(-3), "-3");
  EXPECT_EQ(format_value(0.005), "0.005");
  EXPECT_EQ(format_value(2.5), "2.5");
  EXPECT_EQ(format_value(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(format_value(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(format_value(std::nan("")), "NaN");
  EXPECT_EQ(format_value(1e300), "1e+300");
}

TEST(FormatLabels, IsEmptyWithoutLabelsAndPutsTheExtraLabelLast) {
  EXPECT_EQ(format_labels({}, {}), "");
  EXPECT_EQ(format_labels({}, {}, "le", "+Inf"), "{le=\"+Inf\"}");
  EXPECT_EQ(format_labels({"a", "b"}, {"1", "2"}, "le", "0.5"), "{a=\"1\",b=\"2\",le=\"0.5\"}");
}

TEST(EscapeLabelValue, EscapesBackslashQuoteAndNewlineOnly) {
  EXPECT_EQ(escape_label_value("plain /api/v0/{x}"), "plain /api/v0/{x}");
  EXPECT_EQ(escape_label_value("a\\b\"c\nd"), "a\\\\b\\\"c\\nd");
  EXPECT_EQ(escape_help("say \"hi\"\\\n"), "say \"hi\"\\\\\\n");  // quotes stay in HELP
}

TEST(ValidNames, FollowThePrometheusDataModel) {
  EXPECT_TRUE(valid_metric_name("mytoken_http_requests_total"));
  EXPECT_TRUE(valid_metric_name("ns:rule_name"));
  EXPECT_FALSE(valid_metric_name(""));
  EXPECT_FALSE(valid_metric_name("9lives"));
  EXPECT_FALSE(valid_metric_name("a.b"));
  EXPECT_TRUE(valid_label_name("endpoint"));
  EXPECT_FALSE(valid_label_name("a:b"));
  EXPECT_FALSE(valid_label_name("__name__"));
}

}  // namespace
}  // namespace mytoken::metrics
