-- The notices on cashview_user_changes fed the session cache of the embedded database (PGlite).
-- On PostgreSQL sessions are read every time (decision 016), so nothing listens: stop sending them.
-- The data version (migration 0005) stays: the dashboard cache is keyed by it.
DROP TRIGGER IF EXISTS users_notify ON users;--> statement-breakpoint
DROP TRIGGER IF EXISTS sessions_notify ON sessions;--> statement-breakpoint
DROP FUNCTION IF EXISTS cashview_notify_user_change();
