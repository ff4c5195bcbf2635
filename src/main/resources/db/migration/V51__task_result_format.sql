-- Which wire format a durable task's callbacks are written in: null = Green API 1.0 (the default),
-- 'green2' = Green API 2.0 (PascalCase). Set by the adapter that started the task.
alter table moderation_tasks add column result_format text;
