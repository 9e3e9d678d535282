#pragma once
/// SHA-256, for the audit trail: reports identify rule files and inputs by it.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace plancheck {

/// Incremental SHA-256 (FIPS 180-4). Uses the x86 SHA extensions when the CPU has them (checked
/// at run time), else portable code; both give the same digest.
class sha256 {
public:
    /// Adds bytes.
    void update(std::string_view bytes);
    /// The digest of everything added, as 64 lowercase hex digits. Ends the computation.
    [[nodiscard]] std::string hex_digest();

private:
    std::array<std::uint32_t, 8> state_{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::array<unsigned char, 64> pending_{};
    std::size_t pending_size_ = 0;
    std::uint64_t total_ = 0;
};

/// SHA-256 of bytes, as lowercase hex.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

namespace detail {
/// Applies the compression function to `blocks` 64-byte blocks, portable code.
void sha256_compress_portable(std::array<std::uint32_t, 8>& state, const unsigned char* data, std::size_t blocks);
/// True when this CPU has the SHA extensions (and SSE4.1) used by sha256_compress_hardware.
[[nodiscard]] bool sha256_hardware_available();
/// The same with the SHA extensions; only when sha256_hardware_available().
void sha256_compress_hardware(std::array<std::uint32_t, 8>& state, const unsigned char* data, std::size_t blocks);
}  // namespace detail

}  // namespace plancheck
