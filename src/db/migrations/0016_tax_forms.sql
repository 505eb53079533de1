CREATE TABLE "tax_forms" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"partner_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"legal_name" text NOT NULL,
	"business_name" text,
	"tax_classification" text NOT NULL,
	"country" text NOT NULL,
	"address_line1" text NOT NULL,
	"address_line2" text,
	"city" text NOT NULL,
	"region" text,
	"postal_code" text,
	"tin_kind" text,
	"tin_sealed" text,
	"tin_last4" text,
	"foreign_tin_sealed" text,
	"foreign_tin_last4" text,
	"treaty_country" text,
	"treaty_article" text,
	"treaty_rate_percent" text,
	"signer_name" text NOT NULL,
	"is_signature_attested" boolean NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"signed_from_ip" text,
	"submitted_by" text NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"rejection_reason" text,
	"expires_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tax_forms_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "tax_thresholds" (
	"org_id" text NOT NULL,
	"year" integer NOT NULL,
	"amount_minor" bigint NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tax_thresholds_org_id_year_pk" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
CREATE INDEX "tax_forms_partner_idx" ON "tax_forms" USING btree ("org_id","partner_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "tax_forms_current_idx" ON "tax_forms" USING btree ("org_id","partner_id") WHERE "tax_forms"."status" in ('submitted', 'approved');--> statement-breakpoint
CREATE INDEX "tax_forms_status_idx" ON "tax_forms" USING btree ("org_id","status","id") WHERE "tax_forms"."status" = 'submitted';