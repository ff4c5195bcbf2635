package dev.vetter.tenancy.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import dev.vetter.tenancy.Caller;

/** Lets native controllers take the authenticated {@link Caller} as a parameter. */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	private static final String ATTRIBUTE = Caller.class.getName();

	public static void set(HttpServletRequest request, Caller caller) {
		request.setAttribute(ATTRIBUTE, caller);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Caller.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
			WebDataBinderFactory binderFactory) {
		Object caller = request.getAttribute(ATTRIBUTE, NativeWebRequest.SCOPE_REQUEST);
		if (caller == null) {
			throw new IllegalStateException("no authenticated caller on this request");
		}
		return caller;
	}

}
