package dev.vetter.tenancy;

/**
 * A customer of the service.
 *
 * @param id internal id
 * @param uid the numeric account id that also enters callback checksums
 * ({@code uid + seed + content})
 * @param name display name
 */
public record Tenant(long id, long uid, String name) {
}
