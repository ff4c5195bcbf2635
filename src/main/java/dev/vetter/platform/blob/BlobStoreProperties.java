package dev.vetter.platform.blob;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where scanned media is kept ({@code vetter.blobs.*}).
 *
 * @param root folder of the local blob store; relative paths are relative to the working
 * directory
 */
@ConfigurationProperties("vetter.blobs")
public record BlobStoreProperties(@DefaultValue("var/blobs") Path root) {
}
