package dev.vetter.callbacks.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import dev.vetter.platform.crypto.SecretCipher;

/**
 * Encrypts the tenants' notification seeds stored in clear before V35 (a Flyway Java
 * migration: a bean, so it has the master key).
 */
@Component
class V36__EncryptNotificationSeeds extends BaseJavaMigration {

	private final SecretCipher cipher;

	V36__EncryptNotificationSeeds(SecretCipher cipher) {
		this.cipher = cipher;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (PreparedStatement select = connection
			.prepareStatement("select tenant_id, seed from notification_settings where seed is not null for update");
				PreparedStatement update = connection.prepareStatement(
						"update notification_settings set seed_cipher = ?, seed = null where tenant_id = ?");
				ResultSet rs = select.executeQuery()) {
			while (rs.next()) {
				long tenantId = rs.getLong(1);
				update.setBytes(1, cipher.encrypt(rs.getString(2), Notifications.seedBinding(tenantId)));
				update.setLong(2, tenantId);
				update.addBatch();
			}
			update.executeBatch();
		}
	}

}
