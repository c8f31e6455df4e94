#include "domain/images.hpp"

#include <array>
#include <cstdint>

namespace planify::domain {

namespace {

std::uint8_t Byte(std::string_view b, std::size_t i) { return static_cast<std::uint8_t>(b[i]); }

std::uint32_t BigEndian32(std::string_view b, std::size_t i) {
  return (std::uint32_t{Byte(b, i)} << 24) | (std::uint32_t{Byte(b, i + 1)} << 16) |
         (std::uint32_t{Byte(b, i + 2)} << 8) | std::uint32_t{Byte(b, i + 3)};
}

std::uint32_t BigEndian16(std::string_view b, std::size_t i) {
  return (std::uint32_t{Byte(b, i)} << 8) | std::uint32_t{Byte(b, i + 1)};
}

std::uint32_t LittleEndian(std::string_view b, std::size_t i, int count) {
  std::uint32_t value = 0;
  for (int k = count - 1; k >= 0; --k) {
    value = (value << 8) | Byte(b, i + static_cast<std::size_t>(k));
  }
  return value;
}

std::optional<ImageInfo> Sized(const char* type, std::uint32_t width, std::uint32_t height) {
  if (width == 0 || height == 0 || width > kMaxImageSide || height > kMaxImageSide) {
    return std::nullopt;
  }
  if (static_cast<long long>(width) * height > kMaxImagePixels) return std::nullopt;
  return ImageInfo{type, static_cast<int>(width), static_cast<int>(height)};
}

// CRC-32 (ISO-HDLC, as PNG uses it), table built at compile time.
constexpr std::array<std::uint32_t, 256> kCrcTable = [] {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}();

std::uint32_t Crc32(std::string_view data) {
  std::uint32_t c = 0xFFFFFFFFU;
  for (char ch : data) c = kCrcTable[(c ^ static_cast<std::uint8_t>(ch)) & 0xFFU] ^ (c >> 8);
  return c ^ 0xFFFFFFFFU;
}

bool ValidPngDepth(std::uint8_t colour, std::uint8_t depth) {
  switch (colour) {
    case 0:
      return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    case 3:
      return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2:
    case 4:
    case 6:
      return depth == 8 || depth == 16;
    default:
      return false;
  }
}

std::optional<ImageInfo> InspectPng(std::string_view b) {
  std::size_t pos = 8;
  std::optional<ImageInfo> info;
  std::uint8_t colour = 0;
  bool palette = false;
  bool data = false;
  while (pos + 12 <= b.size()) {
    const std::uint32_t length = BigEndian32(b, pos);
    if (length > b.size() - pos - 12) return std::nullopt;
    const std::string_view type = b.substr(pos + 4, 4);
    for (char c : type) {
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return std::nullopt;
    }
    const std::string_view body = b.substr(pos + 8, length);
    if (Crc32(b.substr(pos + 4, 4 + length)) != BigEndian32(b, pos + 8 + length)) {
      return std::nullopt;
    }
    const bool first = pos == 8;
    pos += 12 + length;
    if (first != (type == "IHDR")) return std::nullopt;
    if (type == "IHDR") {
      if (length != 13) return std::nullopt;
      colour = Byte(body, 9);
      if (!ValidPngDepth(colour, Byte(body, 8)) || Byte(body, 10) != 0 || Byte(body, 11) != 0 ||
          Byte(body, 12) > 1) {
        return std::nullopt;
      }
      info = Sized("image/png", BigEndian32(body, 0), BigEndian32(body, 4));
      if (!info) return std::nullopt;
    } else if (type == "PLTE") {
      if (data || length == 0 || length % 3 != 0 || length > 768) return std::nullopt;
      palette = true;
    } else if (type == "IDAT") {
      if (colour == 3 && !palette) return std::nullopt;
      data = true;
    } else if (type == "IEND") {
      // The last chunk, empty, and the end of the file: nothing can hide behind it.
      if (length != 0 || !data || pos != b.size()) return std::nullopt;
      return info;
    }
  }
  return std::nullopt;  // truncated, or no IEND
}

bool IsFrameMarker(std::uint8_t m) {
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

std::optional<ImageInfo> InspectJpeg(std::string_view b) {
  std::size_t pos = 2;
  std::optional<ImageInfo> info;
  bool scanned = false;
  while (true) {
    if (pos >= b.size() || Byte(b, pos) != 0xFF) return std::nullopt;
    while (pos < b.size() && Byte(b, pos) == 0xFF) ++pos;  // fill bytes
    if (pos >= b.size()) return std::nullopt;
    const std::uint8_t marker = Byte(b, pos++);
    if (marker == 0xD9) return scanned ? info : std::nullopt;  // EOI
    if (marker == 0x00 || marker == 0xD8) return std::nullopt;
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) continue;  // no length
    if (pos + 2 > b.size()) return std::nullopt;
    const std::size_t length = BigEndian16(b, pos);
    if (length < 2 || length > b.size() - pos) return std::nullopt;
    const std::string_view segment = b.substr(pos + 2, length - 2);
    pos += length;
    if (IsFrameMarker(marker)) {
      if (info || segment.size() < 6) return std::nullopt;
      const std::size_t components = Byte(segment, 5);
      if (components == 0 || segment.size() != 6 + 3 * components) return std::nullopt;
      info = Sized("image/jpeg", BigEndian16(segment, 3), BigEndian16(segment, 1));
      if (!info) return std::nullopt;
    } else if (marker == 0xDA) {
      if (!info || segment.empty()) return std::nullopt;
      const std::size_t components = Byte(segment, 0);
      if (components == 0 || segment.size() != 4 + 2 * components) return std::nullopt;
      // Entropy-coded data runs to the next marker that is not a stuffed byte or a restart.
      while (pos < b.size()) {
        if (Byte(b, pos) != 0xFF) {
          ++pos;
          continue;
        }
        if (pos + 1 >= b.size()) return std::nullopt;
        const std::uint8_t next = Byte(b, pos + 1);
        if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
          pos += 2;
        } else if (next == 0xFF) {
          ++pos;
        } else {
          break;
        }
      }
      scanned = true;
    }
  }
}

std::optional<ImageInfo> InspectWebp(std::string_view b) {
  if (b.size() < 20 || LittleEndian(b, 4, 4) != b.size() - 8) return std::nullopt;
  std::size_t pos = 12;
  std::optional<ImageInfo> info;
  bool extended = false;
  bool frame = false;
  while (pos < b.size()) {
    if (b.size() - pos < 8) return std::nullopt;
    const std::string_view fourcc = b.substr(pos, 4);
    const std::size_t length = LittleEndian(b, pos + 4, 4);
    if (length > b.size() - pos - 8) return std::nullopt;
    const std::string_view body = b.substr(pos + 8, length);
    const bool first = pos == 12;
    pos += 8 + length + (length % 2);  // chunks are padded to an even size
    if (pos > b.size()) return std::nullopt;
    if (first) {
      if (fourcc == "VP8 ") {
        // A key frame (bit 0 of the frame tag clear), its start code, 14-bit dimensions.
        if (body.size() < 10 || (Byte(body, 0) & 1U) != 0 || Byte(body, 3) != 0x9D ||
            Byte(body, 4) != 0x01 || Byte(body, 5) != 0x2A) {
          return std::nullopt;
        }
        info = Sized("image/webp", LittleEndian(body, 6, 2) & 0x3FFFU,
                     LittleEndian(body, 8, 2) & 0x3FFFU);
        frame = true;
      } else if (fourcc == "VP8L") {
        if (body.size() < 5 || Byte(body, 0) != 0x2F) return std::nullopt;
        const std::uint32_t bits = LittleEndian(body, 1, 4);
        if ((bits >> 29) != 0) return std::nullopt;  // version 0 only
        info = Sized("image/webp", (bits & 0x3FFFU) + 1, ((bits >> 14) & 0x3FFFU) + 1);
        frame = true;
      } else if (fourcc == "VP8X") {
        if (body.size() < 10) return std::nullopt;
        info = Sized("image/webp", LittleEndian(body, 4, 3) + 1, LittleEndian(body, 7, 3) + 1);
        extended = true;
      } else {
        return std::nullopt;
      }
      if (!info) return std::nullopt;
    } else if (extended && (fourcc == "VP8 " || fourcc == "VP8L" || fourcc == "ANMF")) {
      frame = true;
    }
  }
  return frame ? info : std::nullopt;
}

}  // namespace

std::optional<ImageInfo> InspectImage(std::string_view bytes) {
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    return InspectPng(bytes);
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) {
    return InspectJpeg(bytes);
  }
  if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP") {
    return InspectWebp(bytes);
  }
  return std::nullopt;
}

std::optional<std::string> SniffImageType(std::string_view bytes) {
  auto info = InspectImage(bytes);
  if (!info) return std::nullopt;
  return std::move(info->type);
}

Result<std::string> CheckUploadedImage(std::string_view bytes, const std::string& field) {
  if (bytes.empty()) {
    return Fail(ErrorCode::kValidation, "Aucune image reçue.", {{field, "Image manquante."}});
  }
  if (bytes.size() > kMaxImageBytes) {
    return Fail(ErrorCode::kValidation, "Image trop lourde.", {{field, "1 Mo au plus."}});
  }
  auto image = InspectImage(bytes);
  if (!image) {
    return Fail(ErrorCode::kValidation, "Image illisible ou non prise en charge.",
                {{field, "Une image PNG, JPEG ou WebP complète, de " +
                             std::to_string(kMaxImageSide) + " pixels de côté au plus."}});
  }
  return std::move(image->type);
}

}  // namespace planify::domain
