package dev.vetter.tenancy.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the tenancy module.
 *
 * @param bootstrap what the first start creates; every value may be fixed so scripts can
 * use it
 */
@ConfigurationProperties("vetter")
public record TenancyProperties(@DefaultValue Bootstrap bootstrap) {

	/**
	 * @param enabled create the demo tenant, key and operator when they do not exist
	 * @param tenantUid uid of the demo tenant (random 16 digits when unset)
	 * @param tenantName name of the demo tenant
	 * @param accessKeyId id of its access key (random when unset)
	 * @param accessKeySecret its secret (random when unset)
	 * @param operatorUsername the operator user
	 * @param operatorPassword its password (random when unset)
	 */
	public record Bootstrap(@DefaultValue("true") boolean enabled, Long tenantUid,
			@DefaultValue("Demo tenant") String tenantName, String accessKeyId, String accessKeySecret,
			@DefaultValue("operator") String operatorUsername, String operatorPassword) {
	}
}
