package dev.vetter.tenancy.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vetter.tenancy.Role;
import dev.vetter.tenancy.Tenant;
import dev.vetter.tenancy.TenantDirectory;

/**
 * On start, makes sure a demo tenant, one access key and an operator exist. With nothing
 * configured they are created once, on the first start against an empty database, and
 * their generated credentials are printed to standard output once (never to the log).
 * Values fixed by {@code vetter.bootstrap.*} are (re)applied on every start, so scripts
 * can rely on them.
 */
@Component
class Bootstrap implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

	private final TenancyProperties.Bootstrap settings;

	private final Tenants tenants;

	private final AccessKeys accessKeys;

	private final Users users;

	private final TenantDirectory directory;

	private final TransactionTemplate tx;

	Bootstrap(TenancyProperties properties, Tenants tenants, AccessKeys accessKeys, Users users,
			TenantDirectory directory, TransactionTemplate tx) {
		this.settings = properties.bootstrap();
		this.tenants = tenants;
		this.accessKeys = accessKeys;
		this.users = users;
		this.directory = directory;
		this.tx = tx;
	}

	/**
	 * Runs before the web server accepts requests, so no request sees a half-bootstrapped
	 * service.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		if (!settings.enabled()) {
			return;
		}
		List<String> report = tx.execute(status -> apply());
		if (!report.isEmpty()) {
			StringBuilder banner = new StringBuilder("\n==== Vetter bootstrap (shown once) ====\n");
			report.forEach(line -> banner.append("  ").append(line).append('\n'));
			banner.append("=======================================\n");
			System.out.println(banner);
		}
		directory.evictCaches();
	}

	private List<String> apply() {
		List<String> report = new ArrayList<>();
		boolean firstStart = !tenants.any();
		Tenant tenant = null;
		if (settings.tenantUid() != null) {
			tenant = tenants.byUid(settings.tenantUid()).orElse(null);
			if (tenant == null) {
				tenant = tenants.create(settings.tenantUid(), settings.tenantName());
				report.add("tenant        uid=" + tenant.uid() + " (" + tenant.name() + ")");
			}
		}
		else if (firstStart) {
			tenant = tenants.create(Secrets.randomUid(), settings.tenantName());
			report.add("tenant        uid=" + tenant.uid() + " (" + tenant.name() + ")");
		}

		if (settings.accessKeyId() != null && !settings.accessKeyId().isBlank()) {
			Tenant owner = tenant != null ? tenant : tenants.all().stream().findFirst().orElse(null);
			if (owner == null) {
				log.warn("vetter.bootstrap.access-key-id is set but no tenant exists to own it");
			}
			else if (settings.accessKeySecret() != null && !settings.accessKeySecret().isBlank()) {
				accessKeys.save(settings.accessKeyId(), owner.id(), settings.accessKeySecret());
			}
			else if (!accessKeys.exists(settings.accessKeyId())) {
				String secret = Secrets.newAccessKeySecret();
				accessKeys.save(settings.accessKeyId(), owner.id(), secret);
				report.add("access key    " + settings.accessKeyId() + " / " + secret);
			}
		}
		else if (firstStart && tenant != null) {
			String id = Secrets.newAccessKeyId();
			String secret = Secrets.newAccessKeySecret();
			accessKeys.save(id, tenant.id(), secret);
			report.add("access key    " + id + " / " + secret);
		}

		String operator = settings.operatorUsername();
		var existing = users.byUsername(operator);
		String configuredPassword = settings.operatorPassword();
		if (existing.isEmpty() && (firstStart || configuredPassword != null)) {
			String password = configuredPassword != null ? configuredPassword : Secrets.random(16);
			users.create(operator, directory.hashPassword(password), null, EnumSet.of(Role.OPERATOR));
			report.add("operator      " + operator
					+ (configuredPassword != null ? " (configured password)" : " / " + password));
		}
		else if (existing.isPresent() && configuredPassword != null
				&& !directory.passwordMatches(configuredPassword, existing.get().passwordHash())) {
			users.updatePassword(operator, directory.hashPassword(configuredPassword));
		}
		return report;
	}

}
