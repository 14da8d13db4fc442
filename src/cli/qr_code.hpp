#pragma once

#include <string>
#include <string_view>

namespace mytoken::cli {

// `text` as a QR code drawn with Unicode half blocks, two modules rows per text line (error correction M,
// quiet zone of one module; cli spec §7.4). Empty if libqrencode cannot encode it.
std::string render_qr_code(std::string_view text);

}  // namespace mytoken::cli
