CREATE TABLE "budget_trackers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"threshold_cents" bigint NOT NULL,
	"frequency_days" integer NOT NULL,
	"next_notification_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_trackers_account_id_unique" UNIQUE("account_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"tracker_id" uuid,
	"due_on" date NOT NULL,
	"account_name" text NOT NULL,
	"spent_cents" bigint NOT NULL,
	"threshold_cents" bigint NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"detail" text,
	"provider_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "notifications_tracker_due_unique" UNIQUE("tracker_id","due_on")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "daily_refresh_on" date;--> statement-breakpoint
ALTER TABLE "budget_trackers" ADD CONSTRAINT "budget_trackers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_trackers" ADD CONSTRAINT "budget_trackers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tracker_id_budget_trackers_id_fk" FOREIGN KEY ("tracker_id") REFERENCES "public"."budget_trackers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_status_idx" ON "notifications" USING btree ("status");