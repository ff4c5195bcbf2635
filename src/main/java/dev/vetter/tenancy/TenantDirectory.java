package dev.vetter.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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
 * Answers "who is calling?" and "which tenant is this?" for the adapters, fast. Access
 * keys, verified logins and reviewer scopes are cached (Caffeine, size-bounded, expiring
 * after {@code vetter.security.credential-cache-ttl}, 10 s by default). A change made
 * through this class (password, key disabled or deleted, user created, review tenants
 * changed) invalidates the entry at once on this node; other nodes see it when their
 * entry expires. Unknown key ids are cached apart, so a flood of made-up ids never evicts
 * real keys.
 */
@Service
public class TenantDirectory {

	private static final Logger log = LoggerFactory.getLogger(TenantDirectory.class);

	private static final int MAX_CACHED = 10_000;

	/** A login verified once, remembered by a keyed digest of the password. */
	private record VerifiedLogin(byte[] passwordDigest, Caller caller) {
	}

	private final AccessKeys accessKeys;

	private final Tenants tenants;

	private final Users users;

	private final UserTenants userTenants;

	private final Agreements agreements;

	private final PasswordEncoder passwords;

	private final ApplicationEventPublisher events;

	/** Compared against when the user does not exist, so both cost one bcrypt check. */
	private final String dummyHash;

	private final SecretKeySpec digestKey;

	private final Cache<String, AccessKey> keyCache;

	private final Cache<String, Boolean> unknownKeys;

	private final Cache<Long, Tenant> tenantCache;

	private final Cache<String, VerifiedLogin> loginCache;

	private final Cache<Long, ReviewScope> scopeCache;

	TenantDirectory(AccessKeys accessKeys, Tenants tenants, Users users, UserTenants userTenants, Agreements agreements,
			PasswordEncoder passwords, ApplicationEventPublisher events,
			@Value("${vetter.security.credential-cache-ttl:10s}") Duration ttl) {
		this.agreements = agreements;
		this.events = events;
		this.accessKeys = accessKeys;
		this.tenants = tenants;
		this.users = users;
		this.userTenants = userTenants;
		this.passwords = passwords;
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		this.digestKey = new SecretKeySpec(random, "HmacSHA256");
		this.dummyHash = passwords.encode(java.util.HexFormat.of().formatHex(random));
		this.keyCache = Caffeine.newBuilder().maximumSize(MAX_CACHED).expireAfterWrite(ttl).build();
		this.unknownKeys = Caffeine.newBuilder().maximumSize(MAX_CACHED).expireAfterWrite(ttl).build();
		this.tenantCache = Caffeine.newBuilder().maximumSize(MAX_CACHED).build();
		this.loginCache = Caffeine.newBuilder().maximumSize(MAX_CACHED).expireAfterWrite(ttl).build();
		this.scopeCache = Caffeine.newBuilder().maximumSize(MAX_CACHED).expireAfterWrite(ttl).build();
	}

	/** The access key with this id, enabled or not; empty when unknown. */
	public Optional<AccessKey> accessKey(String accessKeyId) {
		if (accessKeyId == null || accessKeyId.isEmpty() || accessKeyId.length() > 128) {
			return Optional.empty();
		}
		AccessKey cached = keyCache.getIfPresent(accessKeyId);
		if (cached != null) {
			return Optional.of(cached);
		}
		if (unknownKeys.getIfPresent(accessKeyId) != null) {
			return Optional.empty();
		}
		Optional<AccessKey> loaded = accessKeys.byId(accessKeyId);
		if (loaded.isPresent()) {
			keyCache.put(accessKeyId, loaded.get());
		}
		else {
			unknownKeys.put(accessKeyId, Boolean.TRUE);
		}
		return loaded;
	}

	/**
	 * HTTP Basic with an access key: the key's tenant when the key is enabled and the
	 * secret matches (compared in constant time); empty otherwise.
	 */
	public Optional<Caller> authenticateAccessKey(AccessKey key, String secret) {
		boolean ok = key.enabled() && MessageDigest.isEqual(key.secret().getBytes(StandardCharsets.UTF_8),
				secret.getBytes(StandardCharsets.UTF_8));
		return ok ? Optional.of(Caller.accessKey(key.tenantId(), key.accessKeyId())) : Optional.empty();
	}

	/**
	 * HTTP Basic with a username: the user when the password matches. An unknown user
	 * costs the same bcrypt check as a known one (against a dummy hash), so the answer's
	 * timing does not tell which names exist.
	 */
	public Optional<Caller> authenticateUser(String username, String password) {
		byte[] digest = digest(password);
		VerifiedLogin cached = loginCache.getIfPresent(username);
		if (cached != null && MessageDigest.isEqual(cached.passwordDigest(), digest)) {
			return Optional.of(cached.caller());
		}
		Optional<Users.User> user = users.byUsername(username);
		boolean matches = passwords.matches(password, user.map(Users.User::passwordHash).orElse(dummyHash));
		if (user.isEmpty() || !matches) {
			return Optional.empty();
		}
		Users.User u = user.get();
		Caller caller = new Caller(u.tenantId(), u.username(), u.roles(), u.id());
		loginCache.put(username, new VerifiedLogin(digest, caller));
		return Optional.of(caller);
	}

	public Tenant tenant(long tenantId) {
		return tenantCache.get(tenantId, id -> tenants.byId(id).orElseThrow(() -> new NotFound("tenant " + id)));
	}

	public Tenant tenantByUid(long uid) {
		return tenants.byUid(uid).orElseThrow(() -> new NotFound("tenant " + uid));
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
	 * The tenants whose review items this user may see: all of them only with the
	 * explicit {@code allTenants} flag, none when none are assigned.
	 */
	public ReviewScope reviewScope(long userId) {
		return scopeCache.get(userId,
				id -> users.byId(id)
					.map(u -> new ReviewScope(u.allTenants(), userTenants.of(id)))
					.orElse(ReviewScope.NONE));
	}

	/**
	 * Creates a user. Tenant admins need exactly one tenant; reviewers see the tenants
	 * given, or every tenant with {@code allTenants}; operators are service-wide.
	 */
	@Transactional
	public long createUser(String username, String password, Set<Role> roles, Set<Long> tenantUids,
			boolean allTenants) {
		if (username == null || !username.matches("[A-Za-z0-9_.@-]{3,64}")) {
			throw new InvalidInput("username must be 3-64 characters of letters, digits, _ . @ -");
		}
		checkPassword(password);
		if (roles == null || roles.isEmpty()) {
			throw new InvalidInput("roles must name at least one of " + java.util.Arrays.toString(Role.values()));
		}
		if (users.byUsername(username).isPresent()) {
			throw new InvalidInput(ProblemCode.CONFLICT, "username " + username + " is taken");
		}
		Set<Long> tenantIds = tenantUids == null ? Set.of()
				: tenantUids.stream().map(uid -> tenantByUid(uid).id()).collect(java.util.stream.Collectors.toSet());
		if (allTenants && !tenantIds.isEmpty()) {
			throw new InvalidInput("give either tenants or allTenants, not both");
		}
		if (allTenants && roles.contains(Role.TENANT_ADMIN)) {
			throw new InvalidInput("a TENANT_ADMIN belongs to one tenant; allTenants is for reviewers");
		}
		Long ownTenant = null;
		if (roles.contains(Role.TENANT_ADMIN)) {
			if (tenantIds.size() != 1) {
				throw new InvalidInput("a TENANT_ADMIN belongs to exactly one tenant");
			}
			ownTenant = tenantIds.iterator().next();
		}
		long id = users.create(username, passwords.encode(password), ownTenant, roles, allTenants);
		userTenants.assign(id, tenantIds);
		scopeCache.invalidate(id);
		loginCache.invalidate(username);
		return id;
	}

	/** A user's review tenants as set by {@link #assignTenants}. */
	public record UserAssignment(long id, String username, Set<Role> roles, Set<Long> tenantUids, boolean allTenants) {
	}

	/**
	 * Replaces the tenants a user reviews for: the tenants given (none when empty), or
	 * every tenant with {@code allTenants}. Effective at once on this node: the user's
	 * next claim or list uses the new scope, and leases the user holds on items outside
	 * it are given back to the queue ({@link ReviewScopeChanged}). A tenant admin's
	 * tenant is fixed and cannot be changed here.
	 * @param actor who made the change, for the log
	 */
	@Transactional
	public UserAssignment assignTenants(String username, Set<Long> tenantUids, Boolean allTenants, String actor) {
		Users.User user = users.byUsername(username).orElseThrow(() -> new NotFound("user " + username));
		boolean all = Boolean.TRUE.equals(allTenants);
		if (tenantUids == null && allTenants == null) {
			throw new InvalidInput("give tenants (a list of tenant uids, empty for none) or allTenants");
		}
		Set<Long> uids = tenantUids == null ? Set.of() : Set.copyOf(tenantUids);
		if (all && !uids.isEmpty()) {
			throw new InvalidInput("give either tenants or allTenants, not both");
		}
		if (user.roles().contains(Role.TENANT_ADMIN)) {
			throw new InvalidInput("a TENANT_ADMIN belongs to its one tenant; its tenants cannot be changed");
		}
		Set<Long> tenantIds = new HashSet<>();
		for (Long uid : uids) {
			if (uid == null) {
				throw new InvalidInput("tenants: a tenant uid cannot be null");
			}
			tenantIds.add(tenants.byUid(uid)
				.orElseThrow(() -> new InvalidInput(ProblemCode.UNKNOWN_TENANT, "tenants: no tenant with uid " + uid))
				.id());
		}
		users.setAllTenants(user.id(), all);
		userTenants.replace(user.id(), tenantIds);
		scopeCache.invalidate(user.id());
		ReviewScope scope = new ReviewScope(all, tenantIds);
		events.publishEvent(new ReviewScopeChanged(user.id(), scope));
		log.info("review tenants of user {} (id {}) set by {}: allTenants={}, tenant uids {}", username, user.id(),
				actor, all, new TreeSet<>(uids));
		return new UserAssignment(user.id(), user.username(), user.roles(), uids, all);
	}

	/** Sets a user's password; the old one stops working at once on this node. */
	@Transactional
	public void changePassword(String username, String password) {
		checkPassword(password);
		if (!users.updatePassword(username, passwords.encode(password))) {
			throw new NotFound("user " + username);
		}
		loginCache.invalidate(username);
	}

	/** Enables or disables an access key, effective at once on this node. */
	@Transactional
	public void setAccessKeyEnabled(String accessKeyId, boolean enabled) {
		if (!accessKeys.setEnabled(accessKeyId, enabled)) {
			throw new NotFound("access key " + accessKeyId);
		}
		keyCache.invalidate(accessKeyId);
	}

	/** Deletes an access key, effective at once on this node. */
	@Transactional
	public void deleteAccessKey(String accessKeyId) {
		if (!accessKeys.delete(accessKeyId)) {
			throw new NotFound("access key " + accessKeyId);
		}
		keyCache.invalidate(accessKeyId);
	}

	private static void checkPassword(String password) {
		if (password == null || password.length() < 8 || password.length() > 72) {
			throw new InvalidInput("password must be 8-72 characters");
		}
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
		unknownKeys.invalidate(keyId);
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
		keyCache.invalidateAll();
		unknownKeys.invalidateAll();
		loginCache.invalidateAll();
		tenantCache.invalidateAll();
		scopeCache.invalidateAll();
	}

	private byte[] digest(String password) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(digestKey);
			return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException(e);
		}
	}

}
