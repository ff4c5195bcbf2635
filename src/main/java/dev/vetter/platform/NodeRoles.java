package dev.vetter.platform;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What this node does ({@code vetter.roles}): {@code api} answers requests,
 * {@code worker} runs background jobs (asynchronous moderation), {@code console} serves
 * the web console. Default: all three. An API-only node still queues jobs; a worker node
 * runs them.
 */
@ConfigurationProperties("vetter")
public record NodeRoles(@DefaultValue( {
		"api", "worker", "console" }) Set<String> roles){

	public static final String API = "api";

	public static final String WORKER = "worker";

	public static final String CONSOLE = "console";

	public NodeRoles {
		roles = Set.copyOf(roles);
		for (String role : roles) {
			if (!Set.of(API, WORKER, CONSOLE).contains(role)) {
				throw new IllegalArgumentException(
						"vetter.roles: each role is one of api, worker, console; got '" + role + "'");
			}
		}
	}

	public boolean has(String role) {
		return roles.contains(role);
	}

	/** All roles, for tests and tools. */
	public static NodeRoles all() {
		return new NodeRoles(Set.of(API, WORKER, CONSOLE));
	}

}
