package dev.vetter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.vetter.support.Api;

/** Console users created through the operator API, with a known name and password. */
final class Users {

	static final String PASSWORD = "console-pass-1";

	private static final AtomicInteger SEQ = new AtomicInteger();

	private Users() {
	}

	/** A new user's name; roles as a JSON array, tenants by uid. */
	static String create(int port, String prefix, String rolesJson, long... tenantUids) {
		String name = prefix + SEQ.incrementAndGet() + "x" + Long.toString(System.nanoTime(), 36);
		String tenants = Arrays.stream(tenantUids).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
		Api.Response r = Api.operator(port)
			.post("/v1/admin/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":"
					+ rolesJson + ",\"tenants\":" + tenants + "}");
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return name;
	}

}
