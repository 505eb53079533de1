CREATE TABLE "deal_registration_notes" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"registration_id" text NOT NULL,
	"kind" text NOT NULL,
	"message" text,
	"side" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "deal_registration_notes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "deal_registrations" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"partner_id" text NOT NULL,
	"status" text NOT NULL,
	"account_name" text NOT NULL,
	"account_key" text NOT NULL,
	"domain" text,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"expected_close_on" date NOT NULL,
	"products" jsonb NOT NULL,
	"notes" text,
	"conflicts_at_submission" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" text NOT NULL,
	"submitter_user_id" text,
	"review_due_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"protected_until" timestamp with time zone,
	"extensions" integer NOT NULL,
	"account_id" text,
	"deal_id" text,
	"source" text,
	"external_id" text,
	"request_hash" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deal_registrations_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "registration_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"review_sla_hours" integer NOT NULL,
	"protection_days" integer NOT NULL,
	"extension_days" integer NOT NULL,
	"max_extensions" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "deal_registration_notes_registration_idx" ON "deal_registration_notes" USING btree ("org_id","registration_id","at");--> statement-breakpoint
CREATE INDEX "deal_registrations_status_idx" ON "deal_registrations" USING btree ("org_id","status","review_due_at");--> statement-breakpoint
CREATE INDEX "deal_registrations_partner_idx" ON "deal_registrations" USING btree ("org_id","partner_id","id");--> statement-breakpoint
CREATE INDEX "deal_registrations_key_idx" ON "deal_registrations" USING btree ("org_id","account_key");--> statement-breakpoint
CREATE INDEX "deal_registrations_domain_idx" ON "deal_registrations" USING btree ("org_id","domain");--> statement-breakpoint
CREATE INDEX "deal_registrations_deal_idx" ON "deal_registrations" USING btree ("org_id","deal_id");--> statement-breakpoint
CREATE INDEX "deal_registrations_expiry_idx" ON "deal_registrations" USING btree ("org_id","protected_until") WHERE "deal_registrations"."status" = 'approved';--> statement-breakpoint
CREATE UNIQUE INDEX "deal_registrations_external_idx" ON "deal_registrations" USING btree ("org_id","source","external_id") WHERE "deal_registrations"."external_id" is not null;