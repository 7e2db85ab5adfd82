CREATE TABLE "alert_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"sms_verified_at" timestamp with time zone,
	"sms_paused" boolean DEFAULT false NOT NULL,
	"email" text,
	"email_verified_at" timestamp with time zone,
	"email_paused" boolean DEFAULT false NOT NULL,
	"webhook_url" text,
	"webhook_secret_sealed" text,
	"webhook_verified_at" timestamp with time zone,
	"webhook_paused" boolean DEFAULT false NOT NULL,
	"kinds" jsonb NOT NULL,
	"quiet_from" text,
	"quiet_to" text,
	"verification_channel" text,
	"verification_code_hash" text,
	"verification_expires_at" timestamp with time zone,
	"verification_attempts" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_tracker_due_unique";--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "due_on" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "account_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "spent_cents" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "threshold_cents" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "low_balance_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "needs_you_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "kind" text DEFAULT 'budgetSummary' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "channel" text DEFAULT 'sms' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "alert_key" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "data" jsonb;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "hold_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alert_settings" ADD CONSTRAINT "alert_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tracker_due_channel_unique" UNIQUE("tracker_id","due_on","channel");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_alert_channel_unique" UNIQUE("user_id","alert_key","channel");