package dev.vetter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.aliyuncs.green.model.v20180509.TextScanRequest;
import com.aliyuncs.http.FormatType;

import dev.vetter.platform.ProblemCode;
import dev.vetter.support.Api;
import dev.vetter.support.Fixtures;
import dev.vetter.support.GreenSdk;
import dev.vetter.support.IntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks every route of the OpenAPI document with a fixed catalogue of bad inputs and
 * asserts: no 5xx; on {@code /v1} a problem+json body with a stable code, on
 * {@code /green} Alibaba's envelope or POP error; and no change in the database. The
 * number of (route × input) cases is printed and kept in docs/reliability.md.
 */
@IntegrationTest
class HostileInputTest {

	/** Only grows: docs/reliability.md reports the current count. */
	static final int MIN_CASES = 728;

	static final Set<String> CODES = Arrays.stream(ProblemCode.values())
		.map(ProblemCode::code)
		.collect(Collectors.toSet());

	static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Fixtures.TenantKey tenant;

	String operatorAuth;

	String leadAuth;

	long libraryId;

	record Reply(int status, String contentType, String body) {
	}

	/** A bad input: how to send it to one route, or null when it does not apply. */
	interface Input {

		Reply send(Route route);

	}

	record Route(String method, String path, JsonNode operation, JsonNode bodySchema) {
	}

	@Test
	void everyRouteAnswersEveryBadInputWithAClearErrorAndChangesNothing() {
		Fixtures fx = new Fixtures(port);
		tenant = fx.manualTenant(1, "[\"abuse\"]");
		operatorAuth = basic(Api.OPERATOR, Api.OPERATOR_PASSWORD);
		Api lead = fx.lead(tenant.uid());
		leadAuth = lead.authorization();
		libraryId = tenant.api()
			.post("/v1/libraries", "{\"name\":\"hostile\",\"kind\":\"TEXT\",\"action\":\"BLOCK\"}")
			.json()
			.get("id")
			.asLong();

		JsonNode doc = Api.JSON.readTree(get("/v3/api-docs").body());
		List<Route> routes = routes(doc);
		assertThat(routes).as("routes in the OpenAPI document").hasSizeGreaterThan(20);

		Map<String, Input> catalogue = catalogue();
		List<String> failures = new ArrayList<>();
		int cases = 0;
		for (Route route : routes) {
			for (Map.Entry<String, Input> input : catalogue.entrySet()) {
				String before = fingerprint();
				Reply reply = input.getValue().send(route);
				if (reply == null) {
					continue;
				}
				cases++;
				String problem = judge(route, reply);
				if (problem == null && !fingerprint().equals(before)) {
					problem = "the database changed";
				}
				if (problem != null) {
					failures.add(route.method() + " " + route.path() + " × " + input.getKey() + ": " + problem + " — "
							+ reply.status() + " " + abbreviate(reply.body()));
				}
			}
		}
		for (Map.Entry<String, String> raw : transportCases().entrySet()) {
			String before = fingerprint();
			Reply reply = rawHttp(raw.getValue());
			cases++;
			String problem = judge(new Route("GET", "/v1/transport", null, null), reply);
			if (problem == null && !fingerprint().equals(before)) {
				problem = "the database changed";
			}
			if (problem != null) {
				failures.add("transport × " + raw.getKey() + ": " + problem + " — " + reply.status() + " "
						+ abbreviate(reply.body()));
			}
		}
		System.out.println("hostile-input cases (route × input): " + cases + " over " + routes.size() + " routes");
		assertThat(failures).as(failures.size() + " of " + cases + " cases").isEmpty();
		assertThat(cases).isGreaterThanOrEqualTo(MIN_CASES);
	}

	// ---- the catalogue

	Map<String, Input> catalogue() {
		Map<String, Input> c = new LinkedHashMap<>();
		c.put("malformed JSON", r -> body(r, "{\"content\": \"x\",", "application/json", null));
		c.put("truncated JSON", r -> body(r, "{", "application/json", null));
		c.put("deeply nested arrays", r -> body(r, "[".repeat(5000) + "]".repeat(5000), "application/json", null));
		c.put("deeply nested objects",
				r -> body(r, "{\"a\":".repeat(3000) + "1" + "}".repeat(3000), "application/json", null));
		c.put("JSON null", r -> body(r, "null", "application/json", null));
		c.put("empty body", r -> body(r, "", "application/json", null));
		c.put("array for object", r -> body(r, "[1,2,3]", "application/json", null));
		c.put("string for object", r -> body(r, "\"text\"", "application/json", null));
		c.put("NUL in every string", mutated(s -> NODES.stringNode("a\u0000b"), null));
		c.put("lone surrogate in every string", r -> {
			JsonNode template = template(r);
			if (template == null) {
				return null;
			}
			JsonNode bad = transform(template, n -> n.isString() ? NODES.stringNode("__SURROGATE__") : null);
			// the escape itself: a Java string with a lone surrogate cannot be encoded as
			// UTF-8
			return bad.equals(template) ? null
					: body(r, bad.toString().replace("__SURROGATE__", "a\\ud800b"), "application/json", null);
		});
		c.put("number for every string", mutated(s -> NODES.numberNode(123), null));
		c.put("boolean for every string", mutated(s -> NODES.booleanNode(true), null));
		c.put("unknown value in every enum", mutatedEnums());
		c.put("null in every array", mutatedArrays());
		c.put("huge number in every number", mutatedNumbers("1e999999"));
		c.put("2000-digit number in every number", mutatedNumbers("9".repeat(2000)));
		c.put("oversized body (5 MB)",
				r -> body(r, "{\"content\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}", "application/json", null));
		c.put("oversized chunked body (5 MB)", this::chunked);
		// on /green the SDK cannot sign text/plain, and octet-stream is what Alibaba's
		// Python SDK sends (accepted): the XML case covers Green
		c.put("Content-Type text/plain",
				r -> r.bodySchema() == null || green(r) ? null : body(r, template(r).toString(), "text/plain", null));
		c.put("Content-Type application/xml", r -> r.bodySchema() == null && !green(r) ? null
				: body(r, "<content>x</content>", "application/xml", null));
		c.put("Accept application/xml", r -> send(r, r.method(), bodyOrNull(r), "application/json", "application/xml"));
		c.put("wrong method", r -> send(r, "PATCH", bodyOrNull(r), "application/json", null));
		c.put("NUL in path",
				r -> !r.path().contains("{") || green(r) ? null
						: send(new Route(r.method(), r.path(), r.operation(), r.bodySchema()), r.method(),
								bodyOrNull(r), "application/json", null, "%00"));
		c.put("huge number in path", r -> !r.path().contains("{") || green(r) ? null
				: send(r, r.method(), bodyOrNull(r), "application/json", null, "99999999999999999999999"));
		c.put("negative paging", r -> query(r, "-1"));
		c.put("huge paging", r -> query(r, "99999999999999999999"));
		c.put("paging past the range", r -> query(r, "2147483647"));
		c.put("NUL in query", r -> query(r, "%00"));
		return c;
	}

	Map<String, String> transportCases() {
		Map<String, String> c = new LinkedHashMap<>();
		c.put("malformed percent escape in the path", "GET /v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n");
		c.put("header larger than the server takes",
				"GET /v1/tenant HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n");
		c.put("control character in the path", "GET /v1/\u0001 HTTP/1.1\r\nHost: x\r\n\r\n");
		c.put("invalid method token", "G(T /v1/tenant HTTP/1.1\r\nHost: x\r\n\r\n");
		return c;
	}

	Input mutated(UnaryOperator<JsonNode> replaceString, String unused) {
		return r -> {
			JsonNode template = template(r);
			if (template == null) {
				return null;
			}
			JsonNode bad = transform(template, n -> n.isString() ? replaceString.apply(n) : null);
			return bad.equals(template) ? null : body(r, bad.toString(), "application/json", null);
		};
	}

	Input mutatedEnums() {
		return r -> {
			if (r.bodySchema() == null) {
				return null;
			}
			JsonNode bad = build(r.bodySchema(), 0, true);
			JsonNode template = template(r);
			return bad.equals(template) ? null : body(r, bad.toString(), "application/json", null);
		};
	}

	Input mutatedArrays() {
		return r -> {
			JsonNode template = template(r);
			if (template == null) {
				return null;
			}
			JsonNode bad = transform(template, n -> n.isArray() ? NODES.arrayNode().addNull() : null);
			return bad.equals(template) ? null : body(r, bad.toString(), "application/json", null);
		};
	}

	Input mutatedNumbers(String number) {
		return r -> {
			JsonNode template = template(r);
			if (template == null) {
				return null;
			}
			String marker = "\"__NUMBER__\"";
			JsonNode bad = transform(template, n -> n.isNumber() ? NODES.stringNode("__NUMBER__") : null);
			return bad.equals(template) ? null
					: body(r, bad.toString().replace(marker, number), "application/json", null);
		};
	}

	// ---- templates from the OpenAPI schemas

	JsonNode template(Route r) {
		if (green(r)) {
			return greenTemplate(r.path());
		}
		return r.bodySchema() == null ? null : build(r.bodySchema(), 0, false);
	}

	static JsonNode greenTemplate(String path) {
		if (path.endsWith("/scan/results")) {
			return NODES.arrayNode().add("txtNoSuchTask");
		}
		ObjectNode task = NODES.objectNode().put("dataId", "d1").put("content", "hello").put("url", "http://x.test/a");
		ObjectNode root = NODES.objectNode();
		root.set("scenes", NODES.arrayNode().add("antispam"));
		root.set("tasks", NODES.arrayNode().add(task));
		return root;
	}

	JsonNode schemas;

	JsonNode resolve(JsonNode schema) {
		int guard = 0;
		while (schema.has("$ref") && guard++ < 10) {
			String ref = schema.get("$ref").asString();
			schema = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
		}
		if (schema.has("allOf") && schema.get("allOf").size() > 0) {
			return resolve(schema.get("allOf").get(0));
		}
		if (schema.has("oneOf") && schema.get("oneOf").size() > 0) {
			return resolve(schema.get("oneOf").get(0));
		}
		return schema;
	}

	JsonNode build(JsonNode raw, int depth, boolean badEnums) {
		JsonNode schema = resolve(raw);
		String type = schema.path("type").asString("");
		if (schema.has("enum")) {
			return badEnums ? NODES.stringNode("NOPE") : NODES.stringNode(schema.get("enum").get(0).asString());
		}
		switch (type) {
			case "string":
				return NODES.stringNode("x");
			case "integer":
				return NODES.numberNode(1);
			case "number":
				return NODES.numberNode(1.5);
			case "boolean":
				return NODES.booleanNode(true);
			case "array":
				ArrayNode array = NODES.arrayNode();
				if (depth < 6) {
					array.add(build(schema.path("items"), depth + 1, badEnums));
				}
				return array;
			default:
				ObjectNode object = NODES.objectNode();
				if (depth >= 6) {
					return object;
				}
				for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
					object.set(p.getKey(), build(p.getValue(), depth + 1, badEnums));
				}
				if (schema.path("additionalProperties").isObject()) {
					object.set("text", build(schema.get("additionalProperties"), depth + 1, badEnums));
				}
				return object;
		}
	}

	/**
	 * A copy of {@code node} with every node for which {@code f} answers non-null
	 * replaced.
	 */
	static JsonNode transform(JsonNode node, java.util.function.Function<JsonNode, JsonNode> f) {
		JsonNode replaced = f.apply(node);
		if (replaced != null) {
			return replaced;
		}
		if (node.isArray()) {
			ArrayNode copy = NODES.arrayNode();
			node.forEach(e -> copy.add(transform(e, f)));
			return copy;
		}
		if (node.isObject()) {
			ObjectNode copy = NODES.objectNode();
			for (Map.Entry<String, JsonNode> p : node.properties()) {
				copy.set(p.getKey(), transform(p.getValue(), f));
			}
			return copy;
		}
		return node;
	}

	List<Route> routes(JsonNode doc) {
		schemas = doc.path("components").path("schemas");
		List<Route> routes = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
				String method = op.getKey().toUpperCase();
				if (!Set.of("GET", "POST", "PUT", "DELETE").contains(method)) {
					continue;
				}
				JsonNode body = op.getValue().path("requestBody").path("content");
				JsonNode schema = null;
				for (Iterator<Map.Entry<String, JsonNode>> it = body.properties().iterator(); it.hasNext();) {
					schema = it.next().getValue().path("schema");
				}
				routes.add(new Route(method, path.getKey(), op.getValue(), schema));
			}
		}
		return routes;
	}

	// ---- sending

	static boolean green(Route r) {
		return r.path().startsWith("/green/");
	}

	String bodyOrNull(Route r) {
		JsonNode t = template(r);
		return t == null ? null : t.toString();
	}

	Reply body(Route r, String body, String contentType, String accept) {
		if (r.bodySchema() == null && !green(r)) {
			return null;
		}
		return send(r, r.method(), body, contentType, accept);
	}

	Reply query(Route r, String value) {
		List<String> names = new ArrayList<>();
		for (JsonNode p : r.operation().path("parameters")) {
			if (p.path("in").asString().equals("query")) {
				String type = resolve(p.path("schema")).path("type").asString("");
				if (value.equals("%00") || type.equals("integer")) {
					names.add(p.path("name").asString());
				}
			}
		}
		if (names.isEmpty()) {
			return null;
		}
		String q = names.stream().map(n -> n + "=" + value).collect(Collectors.joining("&"));
		return send(r, r.method(), bodyOrNull(r), "application/json", null, null, q);
	}

	Reply send(Route r, String method, String body, String contentType, String accept) {
		return send(r, method, body, contentType, accept, null);
	}

	Reply send(Route r, String method, String body, String contentType, String accept, String pathValue) {
		return send(r, method, body, contentType, accept, pathValue, null);
	}

	Reply send(Route r, String method, String body, String contentType, String accept, String pathValue, String query) {
		String path = pathValue != null ? r.path().replaceAll("\\{[^}]+}", pathValue) : concrete(r.path());
		if (query != null) {
			path += "?" + query;
		}
		if (green(r)) {
			return green(path, method, body == null ? "" : body, contentType, accept);
		}
		byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes))
			.header("Authorization", authFor(r.path()))
			.header("Content-Type", contentType);
		if (accept != null) {
			b.header("Accept", accept);
		}
		return exchange(b.build());
	}

	Reply chunked(Route r) {
		if (r.bodySchema() == null || green(r)) {
			return null;
		}
		byte[] head = "{\"content\":\"".getBytes(StandardCharsets.UTF_8);
		long total = 5L * 1024 * 1024;
		InputStream endless = new InputStream() {
			long sent;

			@Override
			public int read() {
				if (sent >= total) {
					return -1;
				}
				if (sent < head.length) {
					return head[(int) sent++];
				}
				sent++;
				return 'a';
			}
		};
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + concrete(r.path())))
			.method(r.method(), HttpRequest.BodyPublishers.ofInputStream(() -> endless))
			.header("Authorization", authFor(r.path()))
			.header("Content-Type", "application/json")
			.build();
		return exchange(request);
	}

	Reply green(String path, String method, String body, String contentType, String accept) {
		TextScanRequest request = new TextScanRequest();
		request.setUriPattern(path);
		request.setSysMethod(com.aliyuncs.http.MethodType.POST);
		FormatType type = contentType.contains("xml") ? FormatType.XML
				: contentType.contains("json") ? FormatType.JSON : FormatType.RAW;
		FormatType acceptType = accept != null && accept.contains("xml") ? FormatType.XML : FormatType.JSON;
		com.aliyuncs.http.HttpRequest signed = tenant.sdk()
			.signRaw(request, body.getBytes(StandardCharsets.UTF_8), type, acceptType);
		if (!method.equals("POST")) {
			HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(signed.getSysUrl()))
				.method(method, HttpRequest.BodyPublishers.ofString(body));
			signed.getSysHeaders().forEach((k, v) -> {
				if (v != null && !Set.of("content-length", "host").contains(k.toLowerCase())) {
					b.header(k, v);
				}
			});
			return exchange(b.build());
		}
		GreenSdk.Reply reply = GreenSdk.send(signed, Map.of(), null);
		return new Reply(reply.status(), "", reply.body());
	}

	String concrete(String path) {
		String p = path.replace("{uid}", Long.toString(tenant.uid()))
			.replace("{kind}", "text")
			.replace("{taskId}", "txtNoSuchTask")
			.replace("{name}", "hostile")
			.replace("{username}", "hostile-nobody")
			.replace("{accessKeyId}", "LTAIhostileNoSuchKey")
			.replace("{index}", "0");
		if (p.startsWith("/v1/libraries/")) {
			p = p.replace("{id}", Long.toString(libraryId));
		}
		if (p.startsWith("/v1/deliveries/")) {
			p = p.replace("{id}", "0b5d7e5e-0000-4000-8000-000000000000");
		}
		p = p.replace("{id}", "987654321");
		if (p.contains("{")) {
			throw new IllegalStateException("no hostile value for the path variables of " + path + ": add one here");
		}
		return p;
	}

	String authFor(String path) {
		if (path.startsWith("/v1/admin/")) {
			return operatorAuth;
		}
		if (path.startsWith("/v1/review/")) {
			return leadAuth;
		}
		return basic(tenant.accessKeyId(), tenant.secret());
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	Reply get(String path) {
		return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
	}

	static Reply exchange(HttpRequest request) {
		try {
			HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
		}
		catch (IOException e) {
			// the server may close the connection after refusing an oversized body
			return new Reply(-1, "", "connection closed: " + e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	Reply rawHttp(String request) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			socket.shutdownOutput();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			socket.getInputStream().transferTo(all);
			String text = all.toString(StandardCharsets.UTF_8);
			int status = Integer.parseInt(text.substring(9, 12));
			int split = text.indexOf("\r\n\r\n");
			String headers = split < 0 ? text : text.substring(0, split);
			String contentType = headers.lines()
				.filter(l -> l.toLowerCase().startsWith("content-type:"))
				.map(l -> l.substring(13).trim())
				.findFirst()
				.orElse("");
			String body = split < 0 ? "" : text.substring(split + 4);
			if (headers.toLowerCase().contains("transfer-encoding: chunked")) {
				body = body.substring(body.indexOf("\r\n") + 2);
				body = body.substring(0, Math.max(0, body.lastIndexOf('}') + 1));
			}
			return new Reply(status, contentType, body);
		}
		catch (IOException e) {
			return new Reply(-1, "", e.toString());
		}
	}

	// ---- judging

	String judge(Route r, Reply reply) {
		if (reply.status() < 0) {
			return "no answer";
		}
		if (reply.status() >= 500) {
			return "5xx";
		}
		boolean api2Gateway = r.path().equals("/") && !reply.contentType().startsWith("application/problem+json");
		if (green(r) || api2Gateway) {
			// Green 1.0 and API 2.0 (POST /, not signed here: its gateway answers) speak
			// Alibaba's shapes; other methods on / are native 405s
			return judgeGreen(reply);
		}
		if (reply.status() < 400) {
			return "accepted";
		}
		if (!reply.contentType().startsWith("application/problem+json")) {
			return "not problem+json (" + reply.contentType() + ")";
		}
		JsonNode json;
		try {
			json = Api.JSON.readTree(reply.body());
		}
		catch (RuntimeException e) {
			return "body is not JSON";
		}
		if (!CODES.contains(json.path("code").asString(""))) {
			return "no stable code";
		}
		if (reply.body().contains("dev.vetter") || reply.body().contains("java.")
				|| reply.body().contains("tools.jackson")) {
			return "leaks a class name";
		}
		return null;
	}

	static String judgeGreen(Reply reply) {
		JsonNode json;
		try {
			json = Api.JSON.readTree(reply.body());
		}
		catch (RuntimeException e) {
			return "body is not JSON";
		}
		if (reply.status() != 200) {
			return json.has("Code") && json.has("RequestId") ? null : "not a POP error";
		}
		int code = json.path("code").asInt(-1);
		if (code == 500) {
			return "envelope code 500";
		}
		if (code >= 400) {
			return null;
		}
		if (code == 200 && json.path("data").isArray() && json.path("data").size() > 0) {
			for (JsonNode task : json.path("data")) {
				int taskCode = task.path("code").asInt(-1);
				if (taskCode < 400 || taskCode == 500) {
					return "task accepted (" + taskCode + ")";
				}
			}
			return null;
		}
		return "accepted";
	}

	/** Every table's rows, hashed (the event registry and schema history excluded). */
	String fingerprint() {
		List<String> tables = jdbc.sql("""
				select table_name from information_schema.tables
				where table_schema = 'public' and table_type = 'BASE TABLE'
				  and table_name not in ('event_publication', 'flyway_schema_history', 'green_nonces')
				order by table_name
				""").query(String.class).list();
		String sql = tables.stream()
			.map(t -> "select '" + t
					+ "' || ':' || coalesce(md5(string_agg(md5(x::text), '' order by md5(x::text))), '-') from " + t
					+ " x")
			.collect(Collectors.joining(" union all "));
		return String.join(",", jdbc.sql(sql).query(String.class).list());
	}

	static String abbreviate(String s) {
		return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
	}

}
