package dev.vetter.moderation.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import dev.vetter.platform.crypto.SecretCipher;

/**
 * Encrypts the per-request callback seeds stored in clear before V35; clears those of
 * tasks that are done (their verdict was signed already). A Flyway Java migration: a
 * bean, so it has the master key.
 */
@Component
class V37__EncryptCallbackSeeds extends BaseJavaMigration {

	private final SecretCipher cipher;

	V37__EncryptCallbackSeeds(SecretCipher cipher) {
		this.cipher = cipher;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (PreparedStatement done = connection.prepareStatement(
				"update moderation_tasks set callback_seed = null where callback_seed is not null and status <> 'REVIEWING'")) {
			done.executeUpdate();
		}
		try (PreparedStatement select = connection.prepareStatement(
				"select task_id, callback_seed from moderation_tasks where callback_seed is not null for update");
				PreparedStatement update = connection.prepareStatement(
						"update moderation_tasks set callback_seed_cipher = ?, callback_seed = null where task_id = ?");
				ResultSet rs = select.executeQuery()) {
			while (rs.next()) {
				String taskId = rs.getString(1);
				update.setBytes(1, cipher.encrypt(rs.getString(2), Tasks.seedBinding(taskId)));
				update.setString(2, taskId);
				update.addBatch();
			}
			update.executeBatch();
		}
	}

}
