-- Callback seeds at rest: AES-256-GCM under the master key (see platform/crypto/SecretCipher), bound to
-- their row by associated data. V36 and V37 (Java migrations) encrypt the seeds stored so far; V38 drops
-- the clear-text columns.
alter table notification_settings add column seed_cipher bytea;
alter table notification_settings alter column seed drop not null;
alter table moderation_tasks add column callback_seed_cipher bytea;
