package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ChecksumTest {

	@Test
	void sha256MatchesTheStandardVector() {
		assertThat(Checksum.hex(CryptType.SHA256, "abc".getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void sm3MatchesTheStandardVectors() {
		// GB/T 32905-2016, examples 1 and 2
		assertThat(Checksum.hex(CryptType.SM3, "abc".getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
		assertThat(Checksum.hex(CryptType.SM3, "abcd".repeat(16).getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
	}

	@Test
	void checksumIsTheDigestOfUidSeedAndContentConcatenated() {
		// reference values computed independently with Python's hashlib
		String content = "{\"code\":200}";
		assertThat(Checksum.of(CryptType.SHA256, 1234567890123456L, "seed_1", content))
			.isEqualTo("f87c5daf36a0cddc257b13bec9f1c92b90f7c777863274df97372fa51d55cbb5");
		assertThat(Checksum.of(CryptType.SM3, 1234567890123456L, "seed_1", content))
			.isEqualTo("16c3111e00d4b3e461eb9ed4074a88d794c61759d70ec7b1519fb49f183ea260");
	}

	@Test
	void contentIsHashedAsUtf8() {
		assertThat(Checksum.of(CryptType.SHA256, 1234567890123456L, "s",
				"{\"code\":200,\"msg\":\"OK\",\"taskId\":\"vi任务\"}"))
			.isEqualTo("f52586387ced0500c19e5c667ffe9cd1844b301e5e6d230bf2363fa469ab8990");
	}

	@Test
	void cryptTypeDefaultsToSha256AndRejectsOthers() {
		assertThat(CryptType.of(null)).isEqualTo(CryptType.SHA256);
		assertThat(CryptType.of("sm3")).isEqualTo(CryptType.SM3);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> CryptType.of("MD5"))
			.hasMessageContaining("SHA256 or SM3");
	}

}
