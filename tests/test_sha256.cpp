// SHA-256: the FIPS 180-4 test vectors, incremental updates split anywhere, and the hardware
// (SHA extensions) path giving the same state as the portable one.

#include <array>
#include <cstdint>
#include <string>

#include "catch.hpp"
#include "plancheck/sha256.hpp"

using plancheck::sha256_hex;

TEST_CASE("SHA-256 gives the FIPS 180-4 digests", "[sha256]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 of bytes added in pieces equals the digest of the whole", "[sha256]") {
    std::string text;
    for (int i = 0; i < 5000; ++i) text += static_cast<char>((i * 131 + 7) % 256);
    const std::string whole = sha256_hex(text);
    for (const std::size_t piece : {std::size_t{1}, std::size_t{3}, std::size_t{63}, std::size_t{64},
                                    std::size_t{65}, std::size_t{1000}}) {
        plancheck::sha256 h;
        for (std::size_t at = 0; at < text.size(); at += piece) h.update(std::string_view(text).substr(at, piece));
        CHECK(h.hex_digest() == whole);
    }
}

TEST_CASE("the SHA extensions and the portable code compress to the same state", "[sha256]") {
    if (!plancheck::detail::sha256_hardware_available()) {
        SUCCEED("this CPU has no SHA extensions: only the portable code runs");
        return;
    }
    std::string data;
    std::uint64_t s = 0x243F6A8885A308D3ULL;
    for (int i = 0; i < 64 * 37; ++i) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        data += static_cast<char>(s & 0xFF);
    }
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    for (const std::size_t blocks : {std::size_t{1}, std::size_t{2}, std::size_t{37}}) {
        std::array<std::uint32_t, 8> portable{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                              0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
        std::array<std::uint32_t, 8> hardware = portable;
        plancheck::detail::sha256_compress_portable(portable, bytes, blocks);
        plancheck::detail::sha256_compress_hardware(hardware, bytes, blocks);
        CHECK(hardware == portable);
    }
}
