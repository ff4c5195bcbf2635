/**
 * Image detectors and models: the decoder, PDQ, QR codes, the NSFW classifier and OCR.
 * Exposed as the named interface {@code image} so that moderation can run them.
 */
@org.springframework.modulith.NamedInterface("image")
package dev.vetter.detection.image;
