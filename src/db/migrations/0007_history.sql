-- History (product.md section 9): transactions get CashView's own id, their person, the person's
-- category and budget exclusion; balances are kept per account and day. pg_trgm indexes the
-- search over names and merchants (a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "balance_history" (
	"account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"balance_cents" bigint,
	"source" text NOT NULL,
	CONSTRAINT "balance_history_account_id_day_pk" PRIMARY KEY("account_id","day")
);
--> statement-breakpoint
DROP INDEX "transactions_account_date_idx";--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "user_id" uuid;--> statement-breakpoint
UPDATE "transactions" t SET "user_id" = i."user_id" FROM "items" i WHERE i."id" = t."item_id";--> statement-breakpoint
ALTER TABLE "transactions" ALTER COLUMN "user_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "category_override" text;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "excluded_from_budgets" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "category" text GENERATED ALWAYS AS (coalesce(category_override, category_primary, 'UNCATEGORIZED')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "balance_history" ADD CONSTRAINT "balance_history_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_history" ADD CONSTRAINT "balance_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "balance_history_user_day_idx" ON "balance_history" USING btree ("user_id","day");--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "transactions_user_date_idx" ON "transactions" USING btree ("user_id","date","id");--> statement-breakpoint
CREATE INDEX "transactions_user_category_date_idx" ON "transactions" USING btree ("user_id","category","date","id");--> statement-breakpoint
CREATE INDEX "transactions_search_idx" ON "transactions" USING gin (lower("name" || ' ' || coalesce("merchant_name", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "transactions_account_date_idx" ON "transactions" USING btree ("account_id","date","id");--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_id_unique" UNIQUE("id");--> statement-breakpoint
CREATE INDEX "transactions_user_pending_date_idx" ON "transactions" USING btree ("user_id","date","id") WHERE pending;--> statement-breakpoint
CREATE INDEX "transactions_user_amount_idx" ON "transactions" USING btree ("user_id","amount_cents");--> statement-breakpoint
-- Accounts linked before history existed start it with today's balance (the figure the totals count).
INSERT INTO "balance_history" ("account_id", "user_id", "day", "balance_cents", "source")
SELECT a."id", a."user_id", (now() AT TIME ZONE u."time_zone")::date,
       CASE WHEN a."type" = 'depository' THEN coalesce(a."available_cents", a."current_cents") ELSE a."current_cents" END, 'observed'
  FROM "accounts" a JOIN "users" u ON u."id" = a."user_id";--> statement-breakpoint
CREATE TRIGGER balance_history_version_ins AFTER INSERT ON balance_history REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();--> statement-breakpoint
CREATE TRIGGER balance_history_version_upd AFTER UPDATE ON balance_history REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();--> statement-breakpoint
CREATE TRIGGER balance_history_version_del AFTER DELETE ON balance_history REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION cashview_bump_data_version();