ALTER TABLE "users" ADD COLUMN "data_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Read caches (src/services/read-cache) rest on two signals from the database itself, so that no
-- write path, raw SQL included, can leave them stale:
-- 1. users.data_version goes up in the same transaction as any change to the person's items,
--    accounts, transactions or budget trackers (statement-level: one bump per statement, not per row);
-- 2. a NOTIFY on cashview_user_changes whenever a person's users or sessions row changes, for the
--    instance that caches sessions: "data <id> <version>" for a data version bump alone, else "user <id>".
CREATE FUNCTION cashview_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'transactions' THEN
    UPDATE users SET data_version = data_version + 1
      WHERE id IN (SELECT i.user_id FROM items i WHERE i.id IN (SELECT DISTINCT item_id FROM changed_rows));
  ELSE
    UPDATE users SET data_version = data_version + 1 WHERE id IN (SELECT DISTINCT user_id FROM changed_rows);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION cashview_notify_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
  -- "data <id> <version>" when only the data version moved (the person's banking data changed),
  -- "user <id>" for anything else (profile, sessions): caches of the session keep the former.
  IF TG_TABLE_NAME = 'users' AND TG_OP = 'UPDATE' AND (to_jsonb(OLD) - 'data_version') = (changed - 'data_version') THEN
    PERFORM pg_notify('cashview_user_changes', 'data ' || (changed ->> 'id') || ' ' || (changed ->> 'data_version'));
  ELSE
    PERFORM pg_notify('cashview_user_changes', 'user ' || (changed ->> TG_ARGV[0]));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER items_version_ins AFTER INSERT ON items REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();--> statement-breakpoint
CREATE TRIGGER items_version_upd AFTER UPDATE ON items REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();--> statement-breakpoint
CREATE TRIGGER items_version_del AFTER DELETE ON items REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();--> statement-breakpoint
CREATE TRIGGER accounts_version_ins AFTER INSERT ON accounts REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();--> statement-breakpoint
CREATE TRIGGER accounts_version_upd AFTER UPDATE ON accounts REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();--> statement-breakpoint
CREATE TRIGGER accounts_version_del AFTER DELETE ON accounts REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();--> statement-breakpoint
CREATE TRIGGER transactions_version_ins AFTER INSERT ON transactions REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();--> statement-breakpoint
CREATE TRIGGER transactions_version_upd AFTER UPDATE ON transactions REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();--> statement-breakpoint
CREATE TRIGGER transactions_version_del AFTER DELETE ON transactions REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();--> statement-breakpoint
CREATE TRIGGER budget_trackers_version_ins AFTER INSERT ON budget_trackers REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();--> statement-breakpoint
CREATE TRIGGER budget_trackers_version_upd AFTER UPDATE ON budget_trackers REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();--> statement-breakpoint
CREATE TRIGGER budget_trackers_version_del AFTER DELETE ON budget_trackers REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();--> statement-breakpoint
CREATE TRIGGER users_notify AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION cashview_notify_user_change('id');--> statement-breakpoint
CREATE TRIGGER sessions_notify AFTER INSERT OR UPDATE OR DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION cashview_notify_user_change('user_id');
