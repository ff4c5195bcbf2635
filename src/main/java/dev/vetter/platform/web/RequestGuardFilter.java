package dev.vetter.platform.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.vetter.platform.ProblemCode;
import dev.vetter.platform.VetterException;

/**
 * The first checks of every native request, before authentication and before any handler
 * runs:
 * <ul>
 * <li>the body limit ({@code vetter.web.max-body}; {@code vetter.web.max-upload} for a
 * {@code multipart/form-data} upload): a larger {@code Content-Length} is refused at once
 * (413), and the body stream stops with 413 as soon as it passes the limit, so no body is
 * read whole first;</li>
 * <li>{@code Accept}: JSON routes answer 406 to a client that accepts no JSON, before the
 * request does anything;</li>
 * <li>NUL characters in the query or path are refused (400): they cannot be stored or
 * compared.</li>
 * </ul>
 * {@code /green/**} and API 2.0 ({@code POST /}) have their own gateway checks and error
 * shape.
 */
class RequestGuardFilter extends OncePerRequestFilter {

	private static final List<MediaType> JSON_TYPES = List.of(MediaType.APPLICATION_JSON,
			MediaType.APPLICATION_PROBLEM_JSON, MediaType.valueOf("application/*+json"));

	private final long maxBody;

	private final long maxUpload;

	RequestGuardFilter(long maxBody, long maxUpload) {
		this.maxBody = maxBody;
		this.maxUpload = maxUpload;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return path.startsWith("/green/") || (path.equals("/") && "POST".equalsIgnoreCase(request.getMethod()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = isMultipart(request) ? maxUpload : maxBody;
		if (request.getContentLengthLong() > limit) {
			Problems.write(response, ProblemCode.TOO_LARGE, "request body is larger than " + limit + " bytes");
			return;
		}
		if (hasNul(request.getRequestURI()) || hasNul(request.getQueryString())) {
			Problems.write(response, ProblemCode.VALIDATION_FAILED,
					"path and query parameters must not contain NUL characters (U+0000)");
			return;
		}
		if (request.getRequestURI().startsWith("/v1/") && !acceptsJson(request)) {
			Problems.write(response, ProblemCode.NOT_ACCEPTABLE,
					"this API answers application/json (errors application/problem+json); send an Accept header that allows it");
			return;
		}
		chain.doFilter(new LimitedRequest(request, limit), response);
	}

	private static boolean isMultipart(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
	}

	private static boolean hasNul(String raw) {
		return raw != null && (raw.indexOf('\0') >= 0 || raw.toLowerCase(Locale.ROOT).contains("%00"));
	}

	private static boolean acceptsJson(HttpServletRequest request) {
		var headers = request.getHeaders("Accept");
		if (headers == null || !headers.hasMoreElements()) {
			return true;
		}
		boolean any = false;
		while (headers.hasMoreElements()) {
			String header = headers.nextElement();
			if (header == null || header.isBlank()) {
				continue;
			}
			any = true;
			List<MediaType> accepted;
			try {
				accepted = MediaType.parseMediaTypes(header);
			}
			catch (InvalidMediaTypeException e) {
				return false;
			}
			for (MediaType type : accepted) {
				if (JSON_TYPES.stream().anyMatch(type::isCompatibleWith)) {
					return true;
				}
			}
		}
		return !any;
	}

	/** Thrown by the body stream past the limit; the advice answers 413. */
	static final class BodyTooLarge extends VetterException {

		BodyTooLarge(long max) {
			super(ProblemCode.TOO_LARGE, "request body is larger than " + max + " bytes");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long max;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long max) {
			super(request);
			this.max = max;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new LimitedStream(super.getInputStream(), max);
			}
			return stream;
		}

	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long max;

		private long read;

		LimitedStream(ServletInputStream in, long max) {
			this.in = in;
			this.max = max;
		}

		private int count(int n) {
			if (n > 0) {
				read += n;
				if (read > max) {
					throw new BodyTooLarge(max);
				}
			}
			return n;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			return count(in.read(b, off, len));
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}

	}

}
