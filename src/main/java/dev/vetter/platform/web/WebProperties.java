package dev.vetter.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP edge for every route but {@code /green/**} (whose
 * {@code vetter.green.max-body} defaults to the same value).
 *
 * @param maxBody largest request body; larger answers 413 {@code too-large}, checked on
 * {@code Content-Length} and again while the body is read
 * @param maxUpload largest {@code multipart/form-data} body (media uploads), checked the
 * same way; each kind's own size cap ({@code vetter.media.*-max-size}) is checked again
 * when the file is stored. Keep {@code spring.servlet.multipart.max-request-size} at
 * least this large.
 */
@ConfigurationProperties("vetter.web")
public record WebProperties(@DefaultValue("4MB") DataSize maxBody, @DefaultValue("201MB") DataSize maxUpload) {
}
