-- The seeds are encrypted (V36, V37): the clear-text columns go.
alter table notification_settings drop column seed;
alter table notification_settings alter column seed_cipher set not null;
alter table moderation_tasks drop column callback_seed;
