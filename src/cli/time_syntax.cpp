#include "cli/time_syntax.hpp"

#include <boost/json/value.hpp>
#include <charconv>
#include <ctime>
#include <string>

#include "domain/restrictions.hpp"

namespace mytoken::cli {
namespace {

std::optional<int> digits(std::string_view s, size_t pos, size_t len) {
  if (pos + len > s.size()) return std::nullopt;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// Calendar date and time of day. `utc_offset` is nullopt for local time.
std::optional<int64_t> to_unix(int y, int mo, int d, int h, int mi, int sec, std::optional<int64_t> utc_offset) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  tm.tm_isdst = -1;
  std::time_t t = utc_offset ? ::timegm(&tm) : std::mktime(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  // mktime/timegm normalise 31 February into March: reject dates that did not survive unchanged.
  if (tm.tm_mday != d || tm.tm_mon != mo - 1) return std::nullopt;
  return static_cast<int64_t>(t) - utc_offset.value_or(0);
}

// "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]".
std::optional<int64_t> parse_calendar(std::string_view s) {
  if (s.size() < 16 || s[4] != '-' || s[7] != '-' || s[13] != ':') return std::nullopt;
  const auto y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2), h = digits(s, 11, 2),
             mi = digits(s, 14, 2);
  if (!y || !mo || !d || !h || !mi) return std::nullopt;
  if (s[10] == ' ') {
    if (s.size() != 16) return std::nullopt;
    return to_unix(*y, *mo, *d, *h, *mi, 0, std::nullopt);
  }
  if (s[10] != 'T') return std::nullopt;
  std::string_view rest = s.substr(16);
  int sec = 0;
  if (rest.starts_with(':')) {
    const auto ss = digits(rest, 1, 2);
    if (!ss) return std::nullopt;
    sec = *ss;
    rest.remove_prefix(3);
  }
  std::optional<int64_t> offset;
  if (rest == "Z") {
    offset = 0;
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    const auto oh = digits(rest, 1, 2), om = digits(rest, 4, 2);
    if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
    offset = (rest[0] == '-' ? -1 : 1) * (*oh * 3600 + *om * 60);
  } else if (!rest.empty()) {
    return std::nullopt;
  }
  return to_unix(*y, *mo, *d, *h, *mi, sec, offset);
}

}  // namespace

std::optional<int64_t> parse_cli_time(std::string_view text, int64_t now) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '+' || (text.front() >= '0' && text.front() <= '9' && text.size() < 16)) {
    // Integers and "+..." follow exactly the server's rules (domain/restriction_time.cpp).
    auto t = parse_restriction_time(boost::json::value(std::string(text)), now);
    if (t) return *t;
    return std::nullopt;
  }
  return parse_calendar(text);
}

}  // namespace mytoken::cli
