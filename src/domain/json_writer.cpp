#include "domain/json_writer.hpp"

#include <boost/json/serialize.hpp>
#include <cstdint>
#include <string_view>

namespace mytoken::domain_internal {
namespace {

void append_u_escape(std::string& out, uint32_t unit) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\u";
  out += kHex[(unit >> 12) & 0xf];
  out += kHex[(unit >> 8) & 0xf];
  out += kHex[(unit >> 4) & 0xf];
  out += kHex[unit & 0xf];
}

bool is_continuation(unsigned char c) { return (c & 0xc0) == 0x80; }

// Decodes one UTF-8 sequence at s[i]; returns its length and sets `cp`, or 0 if the bytes are not valid UTF-8
// (overlong forms, surrogates and values above U+10FFFF are invalid).
size_t decode_utf8(std::string_view s, size_t i, uint32_t& cp) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = byte(0);
  const size_t left = s.size() - i;
  if (c >= 0xc2 && c <= 0xdf) {
    if (left < 2 || !is_continuation(byte(1))) return 0;
    cp = ((c & 0x1fu) << 6) | (byte(1) & 0x3fu);
    return 2;
  }
  if (c >= 0xe0 && c <= 0xef) {
    if (left < 3) return 0;
    const unsigned char lo = c == 0xe0 ? 0xa0 : 0x80;
    const unsigned char hi = c == 0xed ? 0x9f : 0xbf;
    if (byte(1) < lo || byte(1) > hi || !is_continuation(byte(2))) return 0;
    cp = ((c & 0x0fu) << 12) | ((byte(1) & 0x3fu) << 6) | (byte(2) & 0x3fu);
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (left < 4) return 0;
    const unsigned char lo = c == 0xf0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xf4 ? 0x8f : 0xbf;
    if (byte(1) < lo || byte(1) > hi || !is_continuation(byte(2)) || !is_continuation(byte(3))) return 0;
    cp = ((c & 0x07u) << 18) | ((byte(1) & 0x3fu) << 12) | ((byte(2) & 0x3fu) << 6) | (byte(3) & 0x3fu);
    return 4;
  }
  return 0;
}

void write_string(std::string& out, std::string_view s, JsonEscaping escaping) {
  const bool ascii = escaping == JsonEscaping::kAsciiSafe;
  out += '"';
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      switch (c) {
        case '"':
          out += "\\\"";
          continue;
        case '\\':
          out += "\\\\";
          continue;
        case '\n':
          out += "\\n";
          continue;
        case '\r':
          out += "\\r";
          continue;
        case '\t':
          out += "\\t";
          continue;
        case '<':
        case '>':
        case '&':
          append_u_escape(out, c);
          continue;
        case '?':
        case '~':
        case 0x7f:
          if (ascii) {
            append_u_escape(out, c);
            continue;
          }
          break;
        default:
          if (c < 0x20) {
            append_u_escape(out, c);
            continue;
          }
      }
      out += static_cast<char>(c);
      continue;
    }
    uint32_t cp = 0;
    const size_t len = decode_utf8(s, i, cp);
    if (len == 0) {
      append_u_escape(out, 0xfffd);  // like Go: each invalid byte becomes U+FFFD
      ++i;
      continue;
    }
    if (ascii) {
      if (cp >= 0x10000) {
        const uint32_t v = cp - 0x10000;
        append_u_escape(out, 0xd800 + (v >> 10));
        append_u_escape(out, 0xdc00 + (v & 0x3ff));
      } else {
        append_u_escape(out, cp);
      }
    } else if (cp == 0x2028 || cp == 0x2029) {
      append_u_escape(out, cp);
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  out += '"';
}

void write_value(std::string& out, const boost::json::value& v, JsonEscaping escaping) {
  switch (v.kind()) {
    case boost::json::kind::null:
      out += "null";
      return;
    case boost::json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      return;
    case boost::json::kind::int64:
      out += std::to_string(v.get_int64());
      return;
    case boost::json::kind::uint64:
      out += std::to_string(v.get_uint64());
      return;
    case boost::json::kind::double_:
      out += boost::json::serialize(v);
      return;  // ASCII digits, '.', 'e', sign
    case boost::json::kind::string:
      write_string(out, v.get_string(), escaping);
      return;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        write_value(out, e, escaping);
      }
      out += ']';
      return;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& m : v.get_object()) {
        if (!first) out += ',';
        first = false;
        write_string(out, m.key(), escaping);
        out += ':';
        write_value(out, m.value(), escaping);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string write_json(const boost::json::value& value, JsonEscaping escaping) {
  std::string out;
  write_value(out, value, escaping);
  return out;
}

}  // namespace mytoken::domain_internal
