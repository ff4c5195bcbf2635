package dev.vetter.detection;

/**
 * A QR code found in an image.
 *
 * @param text the decoded content (Green's {@code qrcodeData})
 * @param location where the whole symbol lies, quiet zone excluded, in original-image
 * coordinates (Green's {@code qrcodeLocations})
 */
public record QrCode(String text, ImageBox location) {
}
