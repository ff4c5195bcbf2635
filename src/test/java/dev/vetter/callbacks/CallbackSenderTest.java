package dev.vetter.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.vetter.callbacks.Receiver.Behaviour;
import dev.vetter.callbacks.internal.CallbackSender;
import dev.vetter.callbacks.internal.CallbackSender.Outcome;
import dev.vetter.callbacks.internal.CallbacksProperties;
import dev.vetter.platform.net.HostResolver;
import dev.vetter.platform.net.OutboundHttp;
import dev.vetter.platform.net.OutboundHttpProperties;
import dev.vetter.platform.net.TargetGuard;
import dev.vetter.support.TestTls;

/**
 * The sender (over the platform outbound client) against a real local receiver, without
 * Spring.
 */
class CallbackSenderTest {

	private static final byte[] BODY = "checksum=abc&content=%7B%7D".getBytes(StandardCharsets.US_ASCII);

	private final Receiver receiver = new Receiver();

	private final List<OutboundHttp> clients = new ArrayList<>();

	@AfterEach
	void stop() {
		receiver.close();
		clients.forEach(OutboundHttp::close);
	}

	private CallbackSender sender(boolean allowPrivate, boolean followRedirects) {
		OutboundHttp http = new OutboundHttp(new TargetGuard(allowPrivate, HostResolver.SYSTEM),
				OutboundHttpProperties.defaults(), TestTls.jvmDefault(), new SimpleMeterRegistry());
		clients.add(http);
		// read timeout as long as the attempt: a cold receiver's first answer can take
		// a few hundred ms on a loaded machine; the attempt deadline is what is tested
		return new CallbackSender(http, new CallbacksProperties.Http(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(1), followRedirects, DataSize.ofMegabytes(1)));
	}

	@Test
	void postsTheFormWithVetterHeaders() {
		CallbackSender.Result r = sender(true, false).post(receiver.url("/hook?x=1"),
				Map.of("X-Vetter-Delivery-Id", "d-1", "X-Vetter-Event", "machineScan", "X-Vetter-Attempt", "1"), BODY);
		assertThat(r.outcome()).as(r.error()).isEqualTo(Outcome.DELIVERED);
		Receiver.Received got = receiver.received().get(0);
		assertThat(got.contentType()).isEqualTo("application/x-www-form-urlencoded; charset=UTF-8");
		assertThat(got.checksum()).isEqualTo("abc");
		assertThat(got.content()).isEqualTo("{}");
		assertThat(got.deliveryId()).isEqualTo("d-1");
		assertThat(got.event()).isEqualTo("machineScan");
	}

	@Test
	void byDefaultRefusesLoopbackTargetsAtSendTimeWithoutConnecting() {
		CallbackSender strict = sender(false, false);
		for (String url : new String[] { receiver.url("/cb"), "http://[::1]:" + receiver.port() + "/cb",
				"http://localhost:" + receiver.port() + "/cb" }) {
			CallbackSender.Result r = strict.post(url, Map.of(), BODY);
			assertThat(r.outcome()).as(url).isEqualTo(Outcome.REFUSED);
			assertThat(r.error()).contains("not allowed");
		}
		assertThat(receiver.received()).isEmpty();
	}

	@Test
	void doesNotFollowRedirectsByDefault() {
		receiver.script(Behaviour.redirect(receiver.url("/elsewhere")));
		CallbackSender.Result r = sender(true, false).post(receiver.url("/cb"), Map.of(), BODY);
		assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(r.status()).isEqualTo(302);
		assertThat(r.error()).contains("not followed");
		assertThat(receiver.received()).hasSize(1);
	}

	@Test
	void checksEveryRedirectTargetAgain() {
		receiver.script(Behaviour.redirect("http://169.254.169.254/latest/meta-data/"));
		CallbackSender.Result r = sender(true, true).post(receiver.url("/cb"), Map.of(), BODY);
		assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
		assertThat(r.error()).startsWith("redirect refused").contains("metadata");
	}

	@Test
	void followsAnAllowedRedirectWhenSwitchedOn() {
		receiver.script(Behaviour.redirect("/moved"));
		CallbackSender.Result r = sender(true, true).post(receiver.url("/cb"), Map.of(), BODY);
		assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
		assertThat(receiver.received()).extracting(Receiver.Received::path).containsExactly("/cb", "/moved");
	}

	@Test
	void aSlowReceiverTimesOut() {
		receiver.script(Behaviour.slow(1500));
		CallbackSender.Result r = sender(true, false).post(receiver.url("/cb"), Map.of(), BODY);
		assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
	}

	@Test
	void aReceiverHangingUpIsAConnectionFailure() {
		receiver.script(Behaviour.hangingUp());
		CallbackSender.Result r = sender(true, false).post(receiver.url("/cb"), Map.of(), BODY);
		assertThat(r.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
	}

	@Test
	void onlyTwoHundredCounts() {
		receiver.script(Behaviour.status(204), Behaviour.status(404), Behaviour.status(503));
		CallbackSender s = sender(true, false);
		assertThat(s.post(receiver.url("/cb"), Map.of(), BODY).error()).contains("HTTP 204", "only HTTP 200");
		assertThat(s.post(receiver.url("/cb"), Map.of(), BODY).error()).contains("HTTP 404", "retried anyway");
		CallbackSender.Result r = s.post(receiver.url("/cb"), Map.of(), BODY);
		assertThat(r.status()).isEqualTo(503);
		assertThat(r.error()).contains("receiver error", "nope");
	}

	@Test
	void aClosedPortIsAConnectionFailure() {
		int port = receiver.port();
		receiver.close();
		CallbackSender.Result r = sender(true, false).post("http://127.0.0.1:" + port + "/cb", Map.of(), BODY);
		assertThat(r.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
	}

	@Test
	void deliversOverHttpsToAReceiverWhoseCertificateIsTrusted() {
		TestTls tls = TestTls.selfSigned();
		try (Receiver secure = Receiver.https(tls.serverContext());
				OutboundHttp http = new OutboundHttp(new TargetGuard(true, HostResolver.SYSTEM),
						OutboundHttpProperties.defaults(), tls.clientContext(), new SimpleMeterRegistry())) {
			CallbackSender s = new CallbackSender(http, new CallbacksProperties.Http(Duration.ofSeconds(2),
					Duration.ofSeconds(2), Duration.ofSeconds(5), false, DataSize.ofMegabytes(1)));
			assertThat(secure.url("/tls")).startsWith("https://");
			CallbackSender.Result r = s.post(secure.url("/tls"), Map.of("X-Vetter-Delivery-Id", "d-tls"), BODY);
			assertThat(r.outcome()).as(r.error()).isEqualTo(Outcome.DELIVERED);
			assertThat(secure.received()).extracting(Receiver.Received::deliveryId).containsExactly("d-tls");
			assertThat(secure.received().get(0).content()).isEqualTo("{}");
		}
	}

	@Test
	void refusesAnHttpsReceiverWithAnUntrustedCertificate() {
		TestTls tls = TestTls.selfSigned();
		try (Receiver secure = Receiver.https(tls.serverContext())) {
			// the JVM's default trust does not know the self-signed certificate
			CallbackSender.Result r = sender(true, false).post(secure.url("/tls"), Map.of(), BODY);
			assertThat(r.outcome()).isEqualTo(Outcome.CONNECTION_FAILED);
			assertThat(r.error()).contains("TLS");
			assertThat(secure.received()).isEmpty();
		}
	}

}
