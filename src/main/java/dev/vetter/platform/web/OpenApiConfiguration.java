package dev.vetter.platform.web;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Completes the generated OpenAPI description: the error responses of every route
 * (problem+json with a stable {@code code} for {@code /v1}, Alibaba's POP gateway errors
 * and envelope codes for {@code /green}) and the authentication schemes.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final Map<String, String> NATIVE_ERRORS = Map.ofEntries(
			Map.entry("400", "malformed-json, validation-failed (names the field), bad-request, too-many-tasks"),
			Map.entry("401", "unauthenticated"), Map.entry("403", "forbidden, manual-review-disabled"),
			Map.entry("404", "not-found (also for other tenants' resources)"),
			Map.entry("406", "not-acceptable (Accept allows no JSON; nothing was done)"),
			Map.entry("409", "conflict (duplicate name, review item not held or decided already)"),
			Map.entry("413", "too-large (body over vetter.web.max-body, text or library over its limit)"),
			Map.entry("415", "unsupported-media-type (send application/json)"),
			Map.entry("429", "too-many-requests (failed logins over the limit; see Retry-After)"),
			Map.entry("500", "internal-error (generic; details only in the log)"));

	private static final Map<String, String> GREEN_ERRORS = Map.of("400",
			"POP gateway error: IncompleteSignature, SignatureDoesNotMatch, ContentMD5NotMatched, "
					+ "InvalidTimeStamp.Expired, SignatureNonceUsed, InvalidAction.NotFound (x-acs-version), ...",
			"403", "POP gateway error: InvalidAccessKeyId.Inactive", "404",
			"POP gateway error: InvalidAccessKeyId.NotFound, InvalidAction.NotFound", "413",
			"POP gateway error: RequestEntityTooLarge", "406",
			"POP gateway error: NotAcceptable (Accept allows no JSON)", "415",
			"POP gateway error: UnsupportedMediaType (a Content-Type other than JSON)", "503",
			"POP gateway error: ServiceUnavailable");

	@Bean
	OpenApiCustomizer errorResponses() {
		return openApi -> {
			openApi.info(new Info().title("Vetter")
				.version("0.1.0")
				.description("Native API (/v1, HTTP Basic) and the Alibaba Green API 1.0 adapter (/green, ACS "
						+ "signatures). Green answers HTTP 200 with the outcome in the envelope's code "
						+ "(200, 280, 400, 401, 404, 589, 594, 596); see docs/api.md."));
			Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
			components.addSchemas("Problem",
					new ObjectSchema().addProperty("type", new StringSchema())
						.addProperty("title", new StringSchema())
						.addProperty("status", new IntegerSchema())
						.addProperty("detail", new StringSchema())
						.addProperty("code", new StringSchema().description("stable error code")));
			components.addSchemas("PopError",
					new ObjectSchema().addProperty("RequestId", new StringSchema())
						.addProperty("HostId", new StringSchema())
						.addProperty("Code", new StringSchema())
						.addProperty("Message", new StringSchema()));
			components.addSecuritySchemes("basic",
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("basic")
						.description("AccessKeyId:AccessKeySecret (tenant) or username:password (user)"));
			components.addSecuritySchemes("acs", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
				.in(SecurityScheme.In.HEADER)
				.name("Authorization")
				.description(
						"acs <AccessKeyId>:<Base64 HMAC-SHA1 signature>, with Content-MD5, Date, x-acs-* headers"));
			openApi.setComponents(components);
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
				if (path.startsWith("/v1/")) {
					add(operation, NATIVE_ERRORS, "application/problem+json", "#/components/schemas/Problem");
					operation.addSecurityItem(new SecurityRequirement().addList("basic"));
				}
				else if (path.startsWith("/green/")) {
					add(operation, GREEN_ERRORS, "application/json", "#/components/schemas/PopError");
					operation.addSecurityItem(new SecurityRequirement().addList("acs"));
				}
			}));
		};
	}

	private static void add(Operation operation, Map<String, String> errors, String mediaType, String schemaRef) {
		ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
		errors.forEach((status, description) -> responses.putIfAbsent(status, new ApiResponse().description(description)
			.content(new Content().addMediaType(mediaType, new MediaType().schema(new Schema<>().$ref(schemaRef))))));
		operation.setResponses(responses);
	}

}
