ALTER TABLE "support_tickets" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "support_tickets" ADD COLUMN "paused_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- tickets already waiting on the partner pause from the upgrade on
UPDATE "support_tickets" SET "paused_at" = now() WHERE "status" = 'pending_partner';
