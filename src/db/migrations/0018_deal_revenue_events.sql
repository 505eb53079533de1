CREATE TABLE "deal_revenue_events" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"deal_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount_minor" bigint,
	"currency" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"reason" text,
	"source" text,
	"external_id" text,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deal_revenue_events_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE INDEX "deal_revenue_events_deal_idx" ON "deal_revenue_events" USING btree ("org_id","deal_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deal_revenue_events_external_idx" ON "deal_revenue_events" USING btree ("org_id","source","external_id") WHERE "deal_revenue_events"."external_id" is not null;