package dev.vetter.tenancy.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.vetter.tenancy.Caller;
import dev.vetter.tenancy.TenantDirectory;

/**
 * HTTP Basic for {@code /v1/**}: {@code AccessKeyId:AccessKeySecret} (tenant calls) or
 * {@code username:password} (users). On success the {@link Caller} is a request
 * attribute; on failure the answer is problem+json 401 with code {@code unauthenticated}.
 */
public class NativeAuthFilter extends OncePerRequestFilter {

	private final TenantDirectory directory;

	public NativeAuthFilter(TenantDirectory directory) {
		this.directory = directory;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Caller> caller = credentials(request.getHeader("Authorization"));
		if (caller.isEmpty()) {
			response.setStatus(401);
			response.setHeader("WWW-Authenticate", "Basic realm=\"vetter\", charset=\"UTF-8\"");
			response.setContentType("application/problem+json");
			response.getWriter().write("""
					{"type":"https://vetter.dev/problems/unauthenticated","title":"Unauthorized","status":401,\
					"detail":"send HTTP Basic credentials: AccessKeyId:AccessKeySecret or username:password",\
					"code":"unauthenticated"}""");
			return;
		}
		CallerArgumentResolver.set(request, caller.get());
		chain.doFilter(request, response);
	}

	private Optional<Caller> credentials(String header) {
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return Optional.empty();
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		int colon = decoded.indexOf(':');
		if (colon <= 0 || decoded.length() > 1024) {
			return Optional.empty();
		}
		return directory.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
	}

}
