CREATE TABLE "territories" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"owner_user_id" text NOT NULL,
	"partner_ids" jsonb NOT NULL,
	"countries" jsonb NOT NULL,
	"regions" jsonb NOT NULL,
	"industries" jsonb NOT NULL,
	"named_accounts" jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "territories_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD COLUMN "industry" text;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD COLUMN "assigned_to" text;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD COLUMN "territory_id" text;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD COLUMN "routing_reason" text;--> statement-breakpoint
CREATE INDEX "territories_org_name_idx" ON "territories" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "deal_registrations_assignee_idx" ON "deal_registrations" USING btree ("org_id","assigned_to","id");