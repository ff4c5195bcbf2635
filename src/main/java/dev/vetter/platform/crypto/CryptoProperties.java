package dev.vetter.platform.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the master key for secrets at rest comes from.
 *
 * @param masterKey Base64 of 32 bytes; wins over the file
 * @param masterKeyFile created (owner-only) on first start when {@code masterKey} is
 * unset
 */
@ConfigurationProperties("vetter.security")
public record CryptoProperties(String masterKey, @DefaultValue("var/master.key") String masterKeyFile) {

	@Override
	public String toString() {
		return "CryptoProperties[masterKey=" + (masterKey == null ? "unset" : "set") + ", masterKeyFile="
				+ masterKeyFile + "]";
	}
}
