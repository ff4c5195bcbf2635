package dev.vetter.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.vetter.platform.InvalidInput;
import dev.vetter.platform.NotFound;
import dev.vetter.platform.ProblemCode;
import dev.vetter.tenancy.internal.AccessKeys;
import dev.vetter.tenancy.internal.Agreements;
import dev.vetter.tenancy.internal.Secrets;
import dev.vetter.tenancy.internal.Tenants;
import dev.vetter.tenancy.internal.UserTenants;
import dev.vetter.tenancy.internal.Users;

/**
 * Answers "who is calling?" and "which tenant is this?" for the adapters, fast: access
 * keys, tenants and verified passwords are cached in memory (access keys for
 * {@value #KEY_TTL_SECONDS} s, so a disabled key stops working on every node within that
 * time).
 */
@Service
public class TenantDirectory {

	static final int KEY_TTL_SECONDS = 30;

	private static final Duration KEY_TTL = Duration.ofSeconds(KEY_TTL_SECONDS);

	private static final int MAX_CACHED = 10_000;

	private record Cached<T>(Optional<T> value, Instant expires) {
	}

	private final AccessKeys accessKeys;

	private final Tenants tenants;

	private final Users users;

	private final UserTenants userTenants;

	private final Agreements agreements;

	private final Clock clock;

	private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder();

	private final Map<String, Cached<AccessKey>> keyCache = new ConcurrentHashMap<>();

	private final Map<Long, Tenant> tenantCache = new ConcurrentHashMap<>();

	private final Map<String, Cached<Caller>> loginCache = new ConcurrentHashMap<>();

	private final Map<Long, Cached<Set<Long>>> assignmentCache = new ConcurrentHashMap<>();

	TenantDirectory(AccessKeys accessKeys, Tenants tenants, Users users, UserTenants userTenants, Agreements agreements,
			Clock clock) {
		this.agreements = agreements;
		this.accessKeys = accessKeys;
		this.tenants = tenants;
		this.users = users;
		this.userTenants = userTenants;
		this.clock = clock;
	}

	/** The access key with this id, enabled or not; empty when unknown. */
	public Optional<AccessKey> accessKey(String accessKeyId) {
		Instant now = clock.instant();
		Cached<AccessKey> cached = keyCache.get(accessKeyId);
		if (cached != null && cached.expires().isAfter(now)) {
			return cached.value();
		}
		Optional<AccessKey> loaded = accessKeys.byId(accessKeyId);
		if (keyCache.size() >= MAX_CACHED) {
			keyCache.clear();
		}
		keyCache.put(accessKeyId, new Cached<>(loaded, now.plus(KEY_TTL)));
		return loaded;
	}

	public Tenant tenant(long tenantId) {
		return tenantCache.computeIfAbsent(tenantId,
				id -> tenants.byId(id).orElseThrow(() -> new NotFound("tenant " + id)));
	}

	public Tenant tenantByUid(long uid) {
		return tenants.byUid(uid).orElseThrow(() -> new NotFound("tenant " + uid));
	}

	/**
	 * HTTP Basic for the native API: {@code AccessKeyId:AccessKeySecret} acts as the
	 * key's tenant, {@code username:password} as the user.
	 */
	public Optional<Caller> authenticate(String name, String password) {
		Optional<AccessKey> key = accessKey(name);
		if (key.isPresent()) {
			AccessKey k = key.get();
			boolean ok = k.enabled() && MessageDigest.isEqual(k.secret().getBytes(StandardCharsets.UTF_8),
					password.getBytes(StandardCharsets.UTF_8));
			return ok ? Optional.of(Caller.accessKey(k.tenantId(), k.accessKeyId())) : Optional.empty();
		}
		return authenticateUser(name, password);
	}

	private Optional<Caller> authenticateUser(String username, String password) {
		String cacheKey = digest(username + '\0' + password);
		Instant now = clock.instant();
		Cached<Caller> cached = loginCache.get(cacheKey);
		if (cached != null && cached.expires().isAfter(now)) {
			return cached.value();
		}
		Optional<Caller> caller = users.byUsername(username)
			.filter(u -> passwords.matches(password, u.passwordHash()))
			.map(u -> new Caller(u.tenantId(), u.username(), u.roles(), u.id()));
		if (caller.isPresent()) {
			if (loginCache.size() >= MAX_CACHED) {
				loginCache.clear();
			}
			loginCache.put(cacheKey, new Cached<>(caller, now.plus(Duration.ofMinutes(5))));
		}
		return caller;
	}

	/**
	 * The tenant's manual review agreement; {@link ManualReviewAgreement#DISABLED} when
	 * none was made.
	 */
	public ManualReviewAgreement agreement(long tenantId) {
		return agreements.of(tenantId).orElse(ManualReviewAgreement.DISABLED);
	}

	/**
	 * Records the agreement and switches manual review on or off (operators only, checked
	 * by the caller).
	 */
	@Transactional
	public ManualReviewAgreement saveAgreement(long tenantUid, ManualReviewAgreement agreement) {
		Tenant tenant = tenantByUid(tenantUid);
		agreements.save(tenant.id(), agreement);
		return agreement;
	}

	/**
	 * Tenants a reviewer is assigned to; empty means unrestricted. Cached for
	 * {@value #KEY_TTL_SECONDS} s.
	 */
	public Set<Long> assignedTenants(long userId) {
		Instant now = clock.instant();
		Cached<Set<Long>> cached = assignmentCache.get(userId);
		if (cached != null && cached.expires().isAfter(now)) {
			return cached.value().orElseThrow();
		}
		Set<Long> loaded = Set.copyOf(userTenants.of(userId));
		if (assignmentCache.size() >= MAX_CACHED) {
			assignmentCache.clear();
		}
		assignmentCache.put(userId, new Cached<>(Optional.of(loaded), now.plus(KEY_TTL)));
		return loaded;
	}

	/**
	 * Creates a user. Tenant admins need exactly one tenant; reviewers may be limited to
	 * tenants; operators are service-wide.
	 */
	@Transactional
	public long createUser(String username, String password, Set<Role> roles, Set<Long> tenantUids) {
		if (username == null || !username.matches("[A-Za-z0-9_.@-]{3,64}")) {
			throw new InvalidInput("username must be 3-64 characters of letters, digits, _ . @ -");
		}
		if (password == null || password.length() < 8 || password.length() > 72) {
			throw new InvalidInput("password must be 8-72 characters");
		}
		if (roles == null || roles.isEmpty()) {
			throw new InvalidInput("roles must name at least one of " + java.util.Arrays.toString(Role.values()));
		}
		if (users.byUsername(username).isPresent()) {
			throw new InvalidInput(ProblemCode.CONFLICT, "username " + username + " is taken");
		}
		Set<Long> tenantIds = tenantUids == null ? Set.of()
				: tenantUids.stream().map(uid -> tenantByUid(uid).id()).collect(java.util.stream.Collectors.toSet());
		Long ownTenant = null;
		if (roles.contains(Role.TENANT_ADMIN)) {
			if (tenantIds.size() != 1) {
				throw new InvalidInput("a TENANT_ADMIN belongs to exactly one tenant");
			}
			ownTenant = tenantIds.iterator().next();
		}
		long id = users.create(username, passwords.encode(password), ownTenant, roles);
		userTenants.assign(id, tenantIds);
		return id;
	}

	/** A tenant and its first access key, as an operator creates them. */
	public record NewTenant(Tenant tenant, String accessKeyId, String accessKeySecret) {
	}

	/** Creates a tenant with one access key; {@code uid} may be null for a random one. */
	@Transactional
	public NewTenant createTenant(Long uid, String name) {
		if (name == null || name.isBlank() || name.length() > 128) {
			throw new InvalidInput("name is required, at most 128 characters");
		}
		if (uid != null && uid <= 0) {
			throw new InvalidInput("uid must be a positive number");
		}
		long chosen = uid != null ? uid : Secrets.randomUid();
		if (tenants.byUid(chosen).isPresent()) {
			throw new InvalidInput(ProblemCode.CONFLICT, "a tenant with uid " + chosen + " exists already");
		}
		Tenant tenant = tenants.create(chosen, name.strip());
		String keyId = Secrets.newAccessKeyId();
		String secret = Secrets.newAccessKeySecret();
		accessKeys.save(keyId, tenant.id(), secret);
		return new NewTenant(tenant, keyId, secret);
	}

	public String hashPassword(String password) {
		return passwords.encode(password);
	}

	public boolean passwordMatches(String password, String hash) {
		return passwords.matches(password, hash);
	}

	/**
	 * Forgets cached keys and logins, e.g. after a key or password changed on this node.
	 */
	public void evictCaches() {
		keyCache.clear();
		loginCache.clear();
		tenantCache.clear();
		assignmentCache.clear();
	}

	private static String digest(String s) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
