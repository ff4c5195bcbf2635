package dev.vetter.api.acs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The canonical string and the nonce registry, without Spring. */
class AcsSignatureTest {

	@Test
	void canonicalStringFollowsTheSdk() {
		AcsSignature.Signed signed = new AcsSignature.Signed("POST", "application/json", "yP3t9DTKzKU2xvH0bUeVwQ==",
				"application/json", "Tue, 17 Jan 2017 10:16:36 GMT",
				Map.of("X-Acs-Version", "2018-05-09", "x-acs-signature-nonce", " b1e1c9b5 ", "x-acs-signature-method",
						"HMAC-SHA1", "x-acs-signature-version", "1.0"),
				"/green/image/scan", "clientInfo=%7B%22ip%22%3A%22127.0.0.1%22%7D&a=1&flag");

		assertThat(AcsSignature.stringToSign(signed)).isEqualTo("""
				POST
				application/json
				yP3t9DTKzKU2xvH0bUeVwQ==
				application/json
				Tue, 17 Jan 2017 10:16:36 GMT
				x-acs-signature-method:HMAC-SHA1
				x-acs-signature-nonce:b1e1c9b5
				x-acs-signature-version:1.0
				x-acs-version:2018-05-09
				/green/image/scan?a=1&clientInfo={"ip":"127.0.0.1"}&flag""");
	}

	@Test
	void absentHeadersAreEmptyLinesAndNoQueryMeansNoQuestionMark() {
		AcsSignature.Signed signed = new AcsSignature.Signed("POST", null, null, null, "d", Map.of(),
				"/green/text/scan", null);

		assertThat(AcsSignature.stringToSign(signed)).isEqualTo("POST\n\n\n\nd\n/green/text/scan");
	}

	@Test
	void hmacSha1MatchesAKnownValue() {
		// RFC 2202 test case 2: key "Jefe", data "what do ya want for nothing?"
		assertThat(AcsSignature.sign("HMAC-SHA1", "Jefe", "what do ya want for nothing?"))
			.isEqualTo("7/zfauXrL6LSdBbV8YTfnCWafHk=");
	}

	@Test
	void sm3OfAbcIsTheStandardVector() {
		assertThat(AcsSignature.sm3Hex("abc".getBytes()))
			.isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
	}

	@Test
	void nonceIsAcceptedOncePerKeyWithinItsWindow() {
		NonceRegistry nonces = new NonceRegistry(1000);
		Instant now = Instant.parse("2026-11-24T10:00:00Z");
		Instant expires = now.plusSeconds(900);

		assertThat(nonces.register("ak1", "n1", expires, now)).isEqualTo(NonceStore.Outcome.FRESH);
		assertThat(nonces.register("ak1", "n1", expires, now)).isEqualTo(NonceStore.Outcome.REPLAYED);
		assertThat(nonces.register("ak2", "n1", expires, now)).as("other key").isEqualTo(NonceStore.Outcome.FRESH);
		assertThat(nonces.size()).isEqualTo(2);
	}

	@Test
	void expiredNoncesAreForgottenAndMemoryIsBounded() {
		NonceRegistry nonces = new NonceRegistry(3);
		Instant now = Instant.parse("2026-11-24T10:00:00Z");
		for (int i = 0; i < 3; i++) {
			nonces.register("ak", "n" + i, now.plusSeconds(900), now);
		}
		assertThat(nonces.register("ak", "n3", now.plusSeconds(900), now)).isEqualTo(NonceStore.Outcome.FULL);

		Instant later = now.plusSeconds(1800);
		assertThat(nonces.register("ak", "n4", later.plusSeconds(900), later)).isEqualTo(NonceStore.Outcome.FRESH);
		assertThat(nonces.size()).isEqualTo(1);
	}

}
