// SHA-256 (FIPS 180-4), for the audit trail: reports identify rule files and inputs by it.
// Small enough to keep here rather than pull a crypto library into a statistics tool. Every
// input is hashed as it is read, so on a large file the hash is a visible share of the run:
// where the CPU has the SHA extensions (checked once at run time) they do the compression,
// about five times faster than the portable code, which stays for every other CPU.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PLANCHECK_SHA_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif

#include "plancheck/sha256.hpp"

namespace plancheck {

namespace {

alignas(16) constexpr std::array<std::uint32_t, 64> round_constants{
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

using compress_fn = void (*)(std::array<std::uint32_t, 8>&, const unsigned char*, std::size_t);

// Chosen once: the CPU does not change while the program runs.
compress_fn chosen_compress() {
    static const compress_fn fn =
        detail::sha256_hardware_available() ? detail::sha256_compress_hardware : detail::sha256_compress_portable;
    return fn;
}

}  // namespace

namespace detail {

void sha256_compress_portable(std::array<std::uint32_t, 8>& h, const unsigned char* data, std::size_t blocks) {
    for (; blocks > 0; --blocks, data += 64) {
        std::array<std::uint32_t, 64> w{};
        for (int i = 0; i < 16; ++i)
            w[i] = (std::uint32_t{data[4 * i]} << 24) | (std::uint32_t{data[4 * i + 1]} << 16) |
                   (std::uint32_t{data[4 * i + 2]} << 8) | std::uint32_t{data[4 * i + 3]};
        for (int i = 16; i < 64; ++i) {
            const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; ++i) {
            const std::uint32_t s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
            const std::uint32_t ch = (e & f) ^ (~e & g);
            const std::uint32_t t1 = hh + s1 + ch + round_constants[i] + w[i];
            const std::uint32_t s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
            const std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
            const std::uint32_t t2 = s0 + maj;
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
}

#ifdef PLANCHECK_SHA_X86

bool sha256_hardware_available() {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (__get_cpuid(1, &a, &b, &c, &d) == 0) return false;
    const bool ssse3_sse41 = (c & (1U << 9)) != 0 && (c & (1U << 19)) != 0;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d) == 0) return false;
    return ssse3_sse41 && (b & (1U << 29)) != 0;
}

// The round structure of Intel's reference ("Intel SHA Extensions", 2013): each group does four
// rounds with two sha256rnds2, while msg1/msg2 extend the message schedule four words at a time.
__attribute__((target("sha,sse4.1"))) void sha256_compress_hardware(std::array<std::uint32_t, 8>& state,
                                                                     const unsigned char* data, std::size_t blocks) {
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    const auto* k = reinterpret_cast<const __m128i*>(round_constants.data());

    __m128i tmp = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[0]));
    __m128i state1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[4]));
    tmp = _mm_shuffle_epi32(tmp, 0xB1);             // CDAB
    state1 = _mm_shuffle_epi32(state1, 0x1B);       // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);  // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);    // CDGH

    for (; blocks > 0; --blocks, data += 64) {
        const __m128i abef = state0;
        const __m128i cdgh = state1;
        // Rounds 4i..4i+3 on schedule words m(i % 4) plus the constants: the low half of msg feeds
        // the first sha256rnds2, the high half the second; msg1 and msg2 extend the schedule.
        __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data)), byte_swap);
        __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16)), byte_swap);
        __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 32)), byte_swap);
        __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 48)), byte_swap);
        __m128i msg;
        msg = _mm_add_epi32(m0, _mm_load_si128(k + 0));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        msg = _mm_add_epi32(m1, _mm_load_si128(k + 1));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        m0 = _mm_sha256msg1_epu32(m0, m1);
        msg = _mm_add_epi32(m2, _mm_load_si128(k + 2));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        m1 = _mm_sha256msg1_epu32(m1, m2);
        msg = _mm_add_epi32(m3, _mm_load_si128(k + 3));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        m0 = _mm_sha256msg2_epu32(_mm_add_epi32(m0, _mm_alignr_epi8(m3, m2, 4)), m3);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        m2 = _mm_sha256msg1_epu32(m2, m3);
        msg = _mm_add_epi32(m0, _mm_load_si128(k + 4));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        m1 = _mm_sha256msg2_epu32(_mm_add_epi32(m1, _mm_alignr_epi8(m0, m3, 4)), m0);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        m3 = _mm_sha256msg1_epu32(m3, m0);
        msg = _mm_add_epi32(m1, _mm_load_si128(k + 5));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        m2 = _mm_sha256msg2_epu32(_mm_add_epi32(m2, _mm_alignr_epi8(m1, m0, 4)), m1);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        m0 = _mm_sha256msg1_epu32(m0, m1);
        msg = _mm_add_epi32(m2, _mm_load_si128(k + 6));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        m3 = _mm_sha256msg2_epu32(_mm_add_epi32(m3, _mm_alignr_epi8(m2, m1, 4)), m2);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        m1 = _mm_sha256msg1_epu32(m1, m2);
        msg = _mm_add_epi32(m3, _mm_load_si128(k + 7));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        m0 = _mm_sha256msg2_epu32(_mm_add_epi32(m0, _mm_alignr_epi8(m3, m2, 4)), m3);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        m2 = _mm_sha256msg1_epu32(m2, m3);
        msg = _mm_add_epi32(m0, _mm_load_si128(k + 8));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        m1 = _mm_sha256msg2_epu32(_mm_add_epi32(m1, _mm_alignr_epi8(m0, m3, 4)), m0);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        m3 = _mm_sha256msg1_epu32(m3, m0);
        msg = _mm_add_epi32(m1, _mm_load_si128(k + 9));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        m2 = _mm_sha256msg2_epu32(_mm_add_epi32(m2, _mm_alignr_epi8(m1, m0, 4)), m1);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        m0 = _mm_sha256msg1_epu32(m0, m1);
        msg = _mm_add_epi32(m2, _mm_load_si128(k + 10));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        m3 = _mm_sha256msg2_epu32(_mm_add_epi32(m3, _mm_alignr_epi8(m2, m1, 4)), m2);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        m1 = _mm_sha256msg1_epu32(m1, m2);
        msg = _mm_add_epi32(m3, _mm_load_si128(k + 11));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        m0 = _mm_sha256msg2_epu32(_mm_add_epi32(m0, _mm_alignr_epi8(m3, m2, 4)), m3);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        m2 = _mm_sha256msg1_epu32(m2, m3);
        msg = _mm_add_epi32(m0, _mm_load_si128(k + 12));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        m1 = _mm_sha256msg2_epu32(_mm_add_epi32(m1, _mm_alignr_epi8(m0, m3, 4)), m0);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        m3 = _mm_sha256msg1_epu32(m3, m0);
        msg = _mm_add_epi32(m1, _mm_load_si128(k + 13));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        m2 = _mm_sha256msg2_epu32(_mm_add_epi32(m2, _mm_alignr_epi8(m1, m0, 4)), m1);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        msg = _mm_add_epi32(m2, _mm_load_si128(k + 14));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        m3 = _mm_sha256msg2_epu32(_mm_add_epi32(m3, _mm_alignr_epi8(m2, m1, 4)), m2);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        msg = _mm_add_epi32(m3, _mm_load_si128(k + 15));
        state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
        state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        state0 = _mm_add_epi32(state0, abef);
        state1 = _mm_add_epi32(state1, cdgh);
    }

    tmp = _mm_shuffle_epi32(state0, 0x1B);          // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);       // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);    // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);       // ABEF → HGFE
    _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[0]), state0);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[4]), state1);
}

#else

bool sha256_hardware_available() { return false; }

void sha256_compress_hardware(std::array<std::uint32_t, 8>& state, const unsigned char* data, std::size_t blocks) {
    sha256_compress_portable(state, data, blocks);
}

#endif

}  // namespace detail

void sha256::update(std::string_view bytes) {
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t n = bytes.size();
    total_ += n;
    const compress_fn compress = chosen_compress();
    if (pending_size_ > 0) {
        const std::size_t take = std::min(n, 64 - pending_size_);
        std::memcpy(pending_.data() + pending_size_, data, take);
        pending_size_ += take;
        data += take;
        n -= take;
        if (pending_size_ < 64) return;
        compress(state_, pending_.data(), 1);
        pending_size_ = 0;
    }
    if (n >= 64) {
        compress(state_, data, n / 64);
        data += n / 64 * 64;
        n %= 64;
    }
    std::memcpy(pending_.data(), data, n);
    pending_size_ = n;
}

std::string sha256::hex_digest() {
    std::array<unsigned char, 128> tail{};
    std::memcpy(tail.data(), pending_.data(), pending_size_);
    tail[pending_size_] = 0x80;
    const std::size_t blocks = pending_size_ + 9 <= 64 ? 1 : 2;
    const std::uint64_t bits = total_ * 8;
    for (std::size_t i = 0; i < 8; ++i) tail[blocks * 64 - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
    chosen_compress()(state_, tail.data(), blocks);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(64);
    for (const std::uint32_t word : state_)
        for (int shift = 28; shift >= 0; shift -= 4) out += hex[(word >> shift) & 0xF];
    return out;
}

std::string sha256_hex(std::string_view bytes) {
    sha256 h;
    h.update(bytes);
    return h.hex_digest();
}

}  // namespace plancheck
