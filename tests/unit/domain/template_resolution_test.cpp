#include "domain/templates/template_resolution.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "domain/templates/builtin_templates.hpp"

namespace mytoken {
namespace {

using boost::json::parse;

TemplateCatalogue builtins() {
  TemplateCatalogue c;
  for (auto& e : builtin_templates()) c.put(std::move(e));
  return c;
}

void put(TemplateCatalogue& c, TemplateKind kind, std::string name, std::string_view payload, std::string group = "_") {
  c.put(TemplateEntry{kind, std::move(group), std::move(name), parse(payload), ""});
}

boost::json::value resolved(const TemplateCatalogue& c, std::string_view request) {
  auto r = resolve_request_templates(c, parse(request).as_object());
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().description);
  return r ? boost::json::value(*r) : boost::json::value();
}

std::string error_of(const TemplateCatalogue& c, std::string_view request) {
  auto r = resolve_request_templates(c, parse(request).as_object());
  EXPECT_FALSE(r.has_value());
  if (r) return {};
  EXPECT_EQ(r.error().status, 400);
  EXPECT_EQ(r.error().error, "invalid_request");
  return r.error().description;
}

TEST(TemplateRefTest, DefaultGroupAndOptionalAt) {
  auto a = parse_template_ref("@all");
  EXPECT_EQ(a.group, "_");
  EXPECT_EQ(a.name, "all");
  auto b = parse_template_ref("team/agent");
  EXPECT_EQ(b.group, "team");
  EXPECT_EQ(b.name, "agent");
  EXPECT_EQ(b.text(), "team/agent");
}

TEST(TemplateMergeTest, RequestScalarsWinObjectsMergeArraysUnion) {
  auto into = parse(R"({"name":"mine","rotation":{"on_AT":true},"capabilities":["AT"],"x":"a"})").as_object();
  auto from = parse(R"({"name":"theirs","rotation":{"on_AT":false,"lifetime":5},"capabilities":["AT","settings"],
                        "x":["b","a"],"new":1})")
                  .as_object();
  merge_template_json(into, from);
  EXPECT_EQ(boost::json::value(into), parse(R"({"name":"mine","rotation":{"on_AT":true,"lifetime":5},
      "capabilities":["AT","settings"],"x":["a","b"],"new":1})"));
}

TEST(TemplateResolutionTest, PlainRequestIsUnchanged) {
  const auto plain = R"({"grant_type":"mytoken","capabilities":["AT"],"restrictions":[{"exp":5}],
                         "rotation":{"on_AT":true}})";
  EXPECT_EQ(resolved(builtins(), plain), parse(plain));
}

TEST(TemplateResolutionTest, AgentProfileGivesAllCapabilities) {
  EXPECT_EQ(resolved(builtins(), R"({"include":"agent"})"),
            parse(R"({"capabilities":["AT","tokeninfo","manage_mytokens","create_mytoken","settings"]})"));
}

TEST(TemplateResolutionTest, WebDefaultProfileAsOidcAgentSendsIt) {
  EXPECT_EQ(resolved(builtins(), R"({"include":"web-default","grant_type":"mytoken"})"),
            parse(R"({"grant_type":"mytoken","restrictions":[{"usages_AT":15,"exp":"+12h","hosts":["this"]}],
                      "capabilities":["AT","tokeninfo"]})"));
}

TEST(TemplateResolutionTest, IncludeArrayAndRequestValuesWin) {
  TemplateCatalogue c = builtins();
  put(c, TemplateKind::kProfiles, "named", R"({"name":"from profile","response_type":"short_token"})");
  EXPECT_EQ(resolved(c, R"({"include":["named","agent"],"name":"mine","capabilities":["AT"]})"),
            parse(R"({"name":"mine","capabilities":["AT","tokeninfo","manage_mytokens","create_mytoken","settings"],
                      "response_type":"short_token"})"));
  EXPECT_EQ(resolved(c, R"({"include":"named agent"})").as_object().at("name"), "from profile");
}

TEST(TemplateResolutionTest, CapabilityTemplatesExpandRecursivelyWithoutDuplicates) {
  EXPECT_EQ(resolved(builtins(), R"({"capabilities":"@default+MT AT"})"),
            parse(R"({"capabilities":["AT","tokeninfo","create_mytoken"]})"));
  EXPECT_EQ(resolved(builtins(), R"({"capabilities":["settings","@default"]})"),
            parse(R"({"capabilities":["settings","AT","tokeninfo"]})"));
}

TEST(TemplateResolutionTest, GroupReferences) {
  TemplateCatalogue c = builtins();
  put(c, TemplateKind::kCapabilities, "all", R"(["AT"])", "team");
  EXPECT_EQ(resolved(c, R"({"capabilities":["@team/all"]})"), parse(R"({"capabilities":["AT"]})"));
  put(c, TemplateKind::kProfiles, "p", R"({"capabilities":"@team/all"})", "team");
  EXPECT_EQ(resolved(c, R"({"include":"team/p"})"), parse(R"({"capabilities":["AT"]})"));
  EXPECT_EQ(error_of(c, R"({"include":"other/p"})"), "unknown include name: 'other/p'");
}

TEST(TemplateResolutionTest, RestrictionNamesAsStringAndInArray) {
  EXPECT_EQ(resolved(builtins(), R"({"restrictions":"1d ip-this"})"),
            parse(R"({"restrictions":[{"exp":"+1d"},{"hosts":["this"]}]})"));
  EXPECT_EQ(resolved(builtins(), R"({"restrictions":["1w",{"scope":"openid"}]})"),
            parse(R"({"restrictions":[{"exp":"+7d"},{"scope":"openid"}]})"));
}

TEST(TemplateResolutionTest, RestrictionStringWithJsonIsParsed) {
  EXPECT_EQ(resolved(builtins(), R"({"restrictions":"[{\"exp\":5}]"})"), parse(R"({"restrictions":[{"exp":5}]})"));
}

TEST(TemplateResolutionTest, ClauseIncludeOwnValuesWinAndIncludesCombine) {
  EXPECT_EQ(resolved(builtins(), R"({"restrictions":[{"include":["1d","ip-this"],"exp":100,"usages_AT":2}]})"),
            parse(R"({"restrictions":[{"exp":100,"usages_AT":2,"hosts":["this"]}]})"));
  EXPECT_EQ(resolved(builtins(), R"({"restrictions":{"include":"web-default"}})"),
            parse(R"({"restrictions":[{"usages_AT":15,"exp":"+12h","hosts":["this"]}]})"));
}

TEST(TemplateResolutionTest, MultiClauseTemplateTurnsClauseIntoSeveral) {
  TemplateCatalogue c = builtins();
  put(c, TemplateKind::kRestrictions, "two", R"([{"scope":"a"},{"scope":"b"}])");
  EXPECT_EQ(resolved(c, R"({"restrictions":[{"include":"two","exp":9}]})"),
            parse(R"({"restrictions":[{"exp":9,"scope":"a"},{"exp":9,"scope":"b"}]})"));
}

TEST(TemplateResolutionTest, EmptyClausesAreDropped) {
  TemplateCatalogue c = builtins();
  put(c, TemplateKind::kRestrictions, "none", R"({})");
  EXPECT_EQ(resolved(c, R"({"restrictions":["none",{"include":"none"},{"exp":1}]})"),
            parse(R"({"restrictions":[{"exp":1}]})"));
}

TEST(TemplateResolutionTest, RotationNamesAndIncludes) {
  EXPECT_EQ(resolved(builtins(), R"({"rotation":"at-other-auto-revoke"})"),
            parse(R"({"rotation":{"on_AT":true,"on_other":true,"auto_revoke":true}})"));
  EXPECT_EQ(resolved(builtins(), R"({"rotation":"at daily"})"),
            parse(R"({"rotation":{"on_AT":true,"lifetime":86400}})"));
  EXPECT_EQ(resolved(builtins(), R"({"rotation":{"include":"weekly","lifetime":60}})"),
            parse(R"({"rotation":{"lifetime":60}})"));
}

TEST(TemplateResolutionTest, UnknownNamesOfEveryKind) {
  auto c = builtins();
  EXPECT_EQ(error_of(c, R"({"include":"nope"})"), "unknown include name: 'nope'");
  EXPECT_EQ(error_of(c, R"({"capabilities":["@nope"]})"), "unknown include name: 'nope'");
  EXPECT_EQ(error_of(c, R"({"restrictions":"nope"})"), "unknown include name: 'nope'");
  EXPECT_EQ(error_of(c, R"({"restrictions":[{"include":"nope"}]})"), "unknown include name: 'nope'");
  EXPECT_EQ(error_of(c, R"({"rotation":"nope"})"), "unknown include name: 'nope'");
  // A name of another kind does not count: `agent` is a profile, not a capability template.
  EXPECT_EQ(error_of(c, R"({"capabilities":"@agent"})"), "unknown include name: 'agent'");
}

TEST(TemplateResolutionTest, CyclesAreRefused) {
  TemplateCatalogue c;
  put(c, TemplateKind::kProfiles, "a", R"({"include":"b"})");
  put(c, TemplateKind::kProfiles, "b", R"({"include":"a"})");
  EXPECT_EQ(error_of(c, R"({"include":"a"})"), "template include cycle at 'a'");
  put(c, TemplateKind::kCapabilities, "self", R"("@self")");
  EXPECT_EQ(error_of(c, R"({"capabilities":"@self"})"), "template include cycle at 'self'");
  put(c, TemplateKind::kRestrictions, "r", R"({"include":"r"})");
  EXPECT_EQ(error_of(c, R"({"restrictions":"r"})"), "template include cycle at 'r'");
  put(c, TemplateKind::kRotation, "o", R"("o")");
  EXPECT_EQ(error_of(c, R"({"rotation":"o"})"), "template include cycle at 'o'");
}

TEST(TemplateResolutionTest, DepthIsLimited) {
  TemplateCatalogue c;
  for (size_t i = 0; i < kMaxTemplateDepth + 1; ++i) {
    put(c, TemplateKind::kCapabilities, "c" + std::to_string(i), "\"@c" + std::to_string(i + 1) + "\"");
  }
  put(c, TemplateKind::kCapabilities, "c" + std::to_string(kMaxTemplateDepth + 1), R"("AT")");
  EXPECT_EQ(error_of(c, R"({"capabilities":"@c0"})"), "templates nested deeper than 8 levels");
  EXPECT_EQ(resolved(c, R"({"capabilities":"@c2"})"), parse(R"({"capabilities":["AT"]})"));
}

TEST(TemplateResolutionTest, ClauseExplosionIsLimited) {
  TemplateCatalogue c;
  put(c, TemplateKind::kRestrictions, "eight", R"([{"nbf":1},{"nbf":2},{"nbf":3},{"nbf":4},{"nbf":5},{"nbf":6},
      {"nbf":7},{"nbf":8}])");
  put(c, TemplateKind::kRestrictions, "eight2", R"([{"exp":1},{"exp":2},{"exp":3},{"exp":4},{"exp":5},{"exp":6},
      {"exp":7},{"exp":8}])");
  put(c, TemplateKind::kRestrictions, "two", R"([{"scope":"a"},{"scope":"b"}])");
  EXPECT_EQ(error_of(c, R"({"restrictions":[{"include":["eight","eight2","two"]}]})"),
            "restriction templates resolve to more than 64 clauses");
}

TEST(TemplateResolutionTest, WrongJsonTypes) {
  auto c = builtins();
  EXPECT_EQ(error_of(c, R"({"include":5})"), "include must be a string or an array of strings");
  EXPECT_EQ(error_of(c, R"({"include":["agent",1]})"), "include must be a string or an array of strings");
  EXPECT_EQ(error_of(c, R"({"capabilities":["@default",3]})"), "capabilities must be a string or an array of strings");
  EXPECT_EQ(error_of(c, R"({"restrictions":["1d",3]})"), "restrictions must be clause objects or template names");
  EXPECT_EQ(error_of(c, R"({"restrictions":[{"include":7}]})"),
            "restriction include must be a string or an array of strings");
  EXPECT_EQ(error_of(c, R"({"rotation":{"include":{}}})"), "rotation include must be a string or an array of strings");
  TemplateCatalogue bad;
  put(bad, TemplateKind::kProfiles, "p", R"(["not an object"])");
  EXPECT_EQ(error_of(bad, R"({"include":"p"})"), "a profile must be a JSON object");
}

TEST(TemplateResolutionTest, PayloadsResolvedForTheEndpoint) {
  auto c = builtins();
  auto r = resolve_template_payload(c, TemplateKind::kRestrictions,
                                    parse(R"({"include":["12h","ip-this"],"usages_AT":15})"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, parse(R"([{"usages_AT":15,"exp":"+12h","hosts":["this"]}])"));
  auto p = resolve_template_payload(c, TemplateKind::kProfiles, parse(R"({"capabilities":"@all"})"));
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(*p, parse(R"({"capabilities":["AT","tokeninfo","manage_mytokens","create_mytoken","settings"]})"));
}

TEST(BuiltinTemplatesTest, EveryBuiltinResolves) {
  auto c = builtins();
  for (const auto& e : builtin_templates()) {
    auto r = resolve_template_payload(c, e.kind, e.payload);
    EXPECT_TRUE(r.has_value()) << e.name;
  }
  EXPECT_EQ(c.groups(), std::vector<std::string>{"_"});
  EXPECT_EQ(c.entries(TemplateKind::kProfiles, "_").size(), 2u);
}

}  // namespace
}  // namespace mytoken
