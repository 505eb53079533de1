CREATE TABLE "billing_customers" (
	"org_id" text NOT NULL,
	"provider" text NOT NULL,
	"customer_id" text NOT NULL,
	"account_id" text NOT NULL,
	"matched_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "billing_customers_org_id_provider_customer_id_pk" PRIMARY KEY("org_id","provider","customer_id")
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"account" text,
	"credentials_sealed" text,
	"settings" jsonb NOT NULL,
	"cursor" jsonb,
	"last_sync_at" timestamp with time zone,
	"last_error" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "connections_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "inbound_events" (
	"org_id" text NOT NULL,
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"outcome" text NOT NULL,
	"detail" text,
	"deal_id" text,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inbound_events_org_id_provider_event_id_pk" PRIMARY KEY("org_id","provider","event_id")
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"done" integer NOT NULL,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"connection_id" text NOT NULL,
	"provider" text NOT NULL,
	"mode" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"phase" text,
	"fetched" jsonb NOT NULL,
	"import_id" text,
	"result" jsonb,
	"requested_by" text NOT NULL,
	CONSTRAINT "sync_runs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "connections_provider_idx" ON "connections" USING btree ("org_id","provider");--> statement-breakpoint
CREATE INDEX "connections_account_idx" ON "connections" USING btree ("provider","account");--> statement-breakpoint
CREATE INDEX "inbound_events_org_received_idx" ON "inbound_events" USING btree ("org_id","provider","received_at");--> statement-breakpoint
CREATE INDEX "inbound_events_received_idx" ON "inbound_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "sync_runs_connection_idx" ON "sync_runs" USING btree ("org_id","connection_id","created_at");