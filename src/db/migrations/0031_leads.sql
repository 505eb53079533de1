CREATE TABLE "leads" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"company_name" text NOT NULL,
	"domain" text,
	"contact_name" text,
	"contact_email" text,
	"country" text,
	"region" text,
	"industry" text,
	"source" text NOT NULL,
	"external_id" text,
	"notes" text,
	"status" text NOT NULL,
	"assigned_to" text,
	"territory_id" text,
	"routing_reason" text,
	"deal_id" text,
	"disqualified_reason" text,
	"request_key" text,
	"request_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "leads_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE INDEX "leads_status_idx" ON "leads" USING btree ("org_id","status","id");--> statement-breakpoint
CREATE INDEX "leads_assignee_idx" ON "leads" USING btree ("org_id","assigned_to","id");--> statement-breakpoint
CREATE INDEX "leads_domain_idx" ON "leads" USING btree ("org_id","domain");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_external_idx" ON "leads" USING btree ("org_id","source","external_id") WHERE "leads"."external_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "leads_request_key_idx" ON "leads" USING btree ("org_id","request_key") WHERE "leads"."request_key" is not null;