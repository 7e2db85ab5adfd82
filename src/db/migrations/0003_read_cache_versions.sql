ALTER TABLE "users" ADD COLUMN "data_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Read caches (src/services/read-cache) rest on two signals from the database itself, so that no
-- write path, raw SQL included, can leave them stale:
-- 1. users.data_version goes up in the same transaction as any change to the person's items,
--    accounts, transactions or budget trackers (statement-level: one bump per statement, not per row);
-- 2. a NOTIFY on cashview_user_changes with the person's id whenever their users or sessions row
--    changes (the data_version bump included), for the instance that caches sessions.
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
  PERFORM pg_notify('cashview_user_changes', changed ->> TG_ARGV[0]);
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
