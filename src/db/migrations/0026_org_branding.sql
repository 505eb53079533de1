CREATE TABLE "org_branding" (
	"org_id" text PRIMARY KEY NOT NULL,
	"program_name" text,
	"primary_color" text,
	"portal_domain" text,
	"logo_base64" text,
	"logo_type" text,
	"logo_hash" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "org_branding_portal_domain_unique" UNIQUE("portal_domain")
);
--> statement-breakpoint
ALTER TABLE "org_branding" ADD CONSTRAINT "org_branding_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_branding_logo_idx" ON "org_branding" USING btree ("logo_hash");