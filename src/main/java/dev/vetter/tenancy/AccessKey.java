package dev.vetter.tenancy;

/**
 * An access key with its secret in clear, as the signature check needs it. Never log it.
 */
public record AccessKey(String accessKeyId, long tenantId, String secret, boolean enabled) {

	@Override
	public String toString() {
		return "AccessKey[" + accessKeyId + ", tenant " + tenantId + ", enabled=" + enabled + "]";
	}
}
