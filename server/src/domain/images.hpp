#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace planify::domain {

inline constexpr std::size_t kMaxImageBytes = std::size_t{1024} * 1024;
// Beyond these an image is refused whatever its size in bytes: a small file can declare a huge
// canvas, and whoever draws it (cairo for the PDF logo, a browser) would allocate the pixels.
inline constexpr int kMaxImageSide = 8192;
inline constexpr long long kMaxImagePixels = 40'000'000;

struct ImageInfo {
  std::string type;  // "image/png", "image/jpeg" or "image/webp"
  int width = 0;
  int height = 0;
};

// Reads the structure of `bytes`, whatever the client claimed, and answers its type and
// dimensions, or nullopt when it is not a well-formed image of a supported type:
// - PNG: signature, IHDR first (valid depth/colour/compression/filter/interlace), every chunk
//   inside the file with a correct CRC, PLTE before IDAT for a palette image, at least one IDAT,
//   IEND last with nothing after it;
// - JPEG: SOI, then marker segments that each fit, exactly one frame header (SOF) before the
//   first scan (SOS), entropy-coded data, and EOI (bytes after EOI — a camera trailer — are
//   allowed);
// - WebP: a RIFF container whose size is the file's, chunks that each fit, a VP8 key frame,
//   VP8L or VP8X (with an image chunk) header.
// Width and height are 1..kMaxImageSide with at most kMaxImagePixels. SVG is never an image here
// (it can carry scripts). This checks the container and header, not every compressed pixel.
[[nodiscard]] std::optional<ImageInfo> InspectImage(std::string_view bytes);

// An uploaded image's type, or a VALIDATION error naming `field`: nothing received, more than
// kMaxImageBytes, or not an image InspectImage accepts.
[[nodiscard]] Result<std::string> CheckUploadedImage(std::string_view bytes,
                                                     const std::string& field);

// The type alone (InspectImage(bytes)->type).
[[nodiscard]] std::optional<std::string> SniffImageType(std::string_view bytes);

}  // namespace planify::domain
