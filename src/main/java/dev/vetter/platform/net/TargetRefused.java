package dev.vetter.platform.net;

import dev.vetter.platform.InvalidInput;

/**
 * An outbound URL or the address it resolves to is not allowed (scheme, private network,
 * metadata service).
 */
public class TargetRefused extends InvalidInput {

	public TargetRefused(String message) {
		super(message);
	}

}
