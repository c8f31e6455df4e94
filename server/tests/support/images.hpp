#pragma once

// Real image files for tests, built byte by byte: a PNG whose pixels are stored in deflate's
// "stored" blocks (any PNG decoder reads it), JPEG and WebP files with the structure their
// formats define. Each builder can be told to lie (declared size, missing part) so tests can
// check what the upload readers refuse.

#include <cstdint>
#include <string>

namespace planify::testing {

inline void PutBigEndian32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

inline void PutLittleEndian(std::string& out, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// CRC-32 computed bit by bit (the reader under test uses a table).
inline std::uint32_t SlowCrc32(const std::string& data) {
  std::uint32_t crc = 0xFFFFFFFFU;
  for (char ch : data) {
    crc ^= static_cast<std::uint8_t>(ch);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320U & (0U - (crc & 1U)));
  }
  return ~crc;
}

inline std::string PngChunk(const std::string& type, const std::string& data) {
  std::string out;
  PutBigEndian32(out, static_cast<std::uint32_t>(data.size()));
  out += type + data;
  PutBigEndian32(out, SlowCrc32(type + data));
  return out;
}

// An RGB PNG declaring width × height; its IDAT holds at most 4 rows of 64 red pixels, which is
// the whole image up to 64 × 4 (larger sizes only test what the header declares).
inline std::string TestPng(std::uint32_t width, std::uint32_t height) {
  std::string ihdr;
  PutBigEndian32(ihdr, width);
  PutBigEndian32(ihdr, height);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8 bits, RGB, deflate, filter 0, no interlace
  // Raw scanlines (filter byte 0, then red pixels), capped so a huge declared size stays small.
  std::string raw;
  const std::uint32_t rows = height < 4 ? height : 4;
  const std::uint32_t columns = width < 64 ? width : 64;
  for (std::uint32_t y = 0; y < rows; ++y) {
    raw.push_back('\0');
    for (std::uint32_t x = 0; x < columns; ++x) raw += std::string("\xFF\x00\x00", 3);
  }
  // zlib: header, one final stored block, Adler-32 of the raw bytes.
  std::string zlib("\x78\x01", 2);
  zlib.push_back('\x01');
  PutLittleEndian(zlib, static_cast<std::uint32_t>(raw.size()), 2);
  PutLittleEndian(zlib, static_cast<std::uint32_t>(~raw.size() & 0xFFFF), 2);
  zlib += raw;
  std::uint32_t a = 1;
  std::uint32_t b = 0;
  for (char c : raw) {
    a = (a + static_cast<std::uint8_t>(c)) % 65521;
    b = (b + a) % 65521;
  }
  PutBigEndian32(zlib, (b << 16) | a);
  return std::string("\x89PNG\r\n\x1a\n", 8) + PngChunk("IHDR", ihdr) + PngChunk("IDAT", zlib) +
         PngChunk("IEND", "");
}

// A baseline JPEG's structure: SOI, JFIF APP0, a quantisation table, the frame header (SOF0,
// one component), a Huffman table, the scan header, entropy-coded bytes (with a stuffed 0xFF and
// a restart marker), EOI.
inline std::string TestJpeg(std::uint32_t width, std::uint32_t height) {
  std::string out("\xFF\xD8", 2);
  out += std::string("\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);
  out += std::string("\xFF\xDB\x00\x43\x00", 5) + std::string(64, '\x01');
  out += std::string("\xFF\xC0\x00\x0B\x08", 5);
  out.push_back(static_cast<char>(height >> 8));
  out.push_back(static_cast<char>(height & 0xFF));
  out.push_back(static_cast<char>(width >> 8));
  out.push_back(static_cast<char>(width & 0xFF));
  out += std::string("\x01\x01\x11\x00", 4);
  out += std::string("\xFF\xC4\x00\x14\x00\x01", 6) + std::string(15, '\0') + std::string(1, '\0');
  out += std::string("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10);
  out += std::string("\x12\x34\xFF\x00\x56\xFF\xD0\x78", 8);
  out += std::string("\xFF\xD9", 2);
  return out;
}

// A lossless WebP header (VP8L) of width × height in a RIFF container whose size is right.
inline std::string TestWebp(std::uint32_t width, std::uint32_t height) {
  std::string vp8l("\x2F", 1);
  PutLittleEndian(vp8l, ((width - 1) & 0x3FFF) | (((height - 1) & 0x3FFF) << 14), 4);
  vp8l += std::string(5, '\0');  // the start of the (not decoded) image stream
  std::string chunks = "VP8L";
  PutLittleEndian(chunks, static_cast<std::uint32_t>(vp8l.size()), 4);
  chunks += vp8l;
  std::string out = "RIFF";
  PutLittleEndian(out, static_cast<std::uint32_t>(4 + chunks.size()), 4);
  return out + "WEBP" + chunks;
}

}  // namespace planify::testing
