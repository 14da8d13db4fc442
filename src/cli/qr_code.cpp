#include "cli/qr_code.hpp"

#include <qrencode.h>

#include <memory>
#include <string>

namespace mytoken::cli {
namespace {

struct QrDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

std::string render_qr_code(std::string_view text) {
  const std::string input(text);
  std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!code) return {};
  const int width = code->width;
  constexpr int kQuiet = 1;
  const int size = width + 2 * kQuiet;
  const auto dark = [&](int x, int y) {
    x -= kQuiet;
    y -= kQuiet;
    if (x < 0 || y < 0 || x >= width || y >= width) return false;
    return (code->data[y * width + x] & 1) != 0;
  };
  std::string out;
  for (int y = 0; y < size; y += 2) {
    for (int x = 0; x < size; ++x) {
      const bool top = dark(x, y), bottom = y + 1 < size && dark(x, y + 1);
      out += top && bottom ? "█" : top ? "▀" : bottom ? "▄" : " ";
    }
    out += '\n';
  }
  return out;
}

}  // namespace mytoken::cli
