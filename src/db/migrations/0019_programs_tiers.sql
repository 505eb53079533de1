CREATE TABLE "partner_tier_states" (
	"org_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"ladder_id" text,
	"tier" text,
	"qualifies" text,
	"revenue_minor" bigint NOT NULL,
	"figures" jsonb NOT NULL,
	"at_risk_since" timestamp with time zone,
	"grace_until" timestamp with time zone,
	"declined" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "partner_tier_states_org_id_partner_id_pk" PRIMARY KEY("org_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "tier_changes" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"partner_id" text NOT NULL,
	"ladder_id" text,
	"ladder_version" integer,
	"from_tier" text,
	"from_name" text,
	"to_tier" text,
	"to_name" text,
	"direction" text NOT NULL,
	"explanation" text NOT NULL,
	"figures" jsonb NOT NULL,
	"proposal_id" text,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "tier_changes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "tier_evaluations" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"done" integer NOT NULL,
	"changed" integer NOT NULL,
	"proposed" integer NOT NULL,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "tier_evaluations_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "tier_ladder_versions" (
	"org_id" text NOT NULL,
	"ladder_id" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "tier_ladder_versions_org_id_ladder_id_version_pk" PRIMARY KEY("org_id","ladder_id","version")
);
--> statement-breakpoint
CREATE TABLE "tier_ladders" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tier_ladders_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "tier_proposals" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"partner_id" text NOT NULL,
	"ladder_id" text NOT NULL,
	"ladder_version" integer NOT NULL,
	"from_tier" text,
	"from_name" text,
	"to_tier" text,
	"to_name" text,
	"direction" text NOT NULL,
	"explanation" text NOT NULL,
	"figures" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"note" text,
	CONSTRAINT "tier_proposals_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "tier" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "tier_name" text;--> statement-breakpoint
CREATE INDEX "partner_tier_states_tier_idx" ON "partner_tier_states" USING btree ("org_id","tier","revenue_minor");--> statement-breakpoint
CREATE INDEX "partner_tier_states_revenue_idx" ON "partner_tier_states" USING btree ("org_id","revenue_minor","partner_id");--> statement-breakpoint
CREATE INDEX "tier_changes_partner_idx" ON "tier_changes" USING btree ("org_id","partner_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "tier_proposals_pending_idx" ON "tier_proposals" USING btree ("org_id","partner_id") WHERE "tier_proposals"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "tier_proposals_status_idx" ON "tier_proposals" USING btree ("org_id","status","created_at");