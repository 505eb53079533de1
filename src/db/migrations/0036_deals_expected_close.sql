ALTER TABLE "import_staged_deals" ADD COLUMN "expected_close_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "expected_close_at" timestamp with time zone;