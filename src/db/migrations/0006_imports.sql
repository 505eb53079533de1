CREATE TABLE "import_mappings" (
	"org_id" text NOT NULL,
	"source" text NOT NULL,
	"kind" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "import_mappings_org_id_source_kind_pk" PRIMARY KEY("org_id","source","kind")
);
--> statement-breakpoint
CREATE TABLE "import_problems" (
	"org_id" text NOT NULL,
	"import_id" text NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"line" integer NOT NULL,
	"severity" text NOT NULL,
	"origin" text NOT NULL,
	"field" text NOT NULL,
	"column" text,
	"value" text,
	"message" text NOT NULL,
	CONSTRAINT "import_problems_org_id_import_id_seq_pk" PRIMARY KEY("org_id","import_id","seq")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"files" jsonb NOT NULL,
	"error_count" integer NOT NULL,
	"warning_count" integer NOT NULL,
	"result" jsonb,
	"failure" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "imports_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_staged_accounts" (
	"org_id" text NOT NULL,
	"import_id" text NOT NULL,
	"line" integer NOT NULL,
	"id" text NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"domain" text,
	"country" text,
	"industry" text,
	CONSTRAINT "import_staged_accounts_org_id_import_id_line_pk" PRIMARY KEY("org_id","import_id","line")
);
--> statement-breakpoint
CREATE TABLE "import_staged_deals" (
	"org_id" text NOT NULL,
	"import_id" text NOT NULL,
	"line" integer NOT NULL,
	"id" text NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"account_ref" text,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"stage" text NOT NULL,
	"status" text NOT NULL,
	"type" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"owner" text,
	"parent_ref" text,
	CONSTRAINT "import_staged_deals_org_id_import_id_line_pk" PRIMARY KEY("org_id","import_id","line")
);
--> statement-breakpoint
CREATE TABLE "import_staged_touches" (
	"org_id" text NOT NULL,
	"import_id" text NOT NULL,
	"line" integer NOT NULL,
	"id" text NOT NULL,
	"external_id" text NOT NULL,
	"deal_ref" text NOT NULL,
	"actor_kind" text NOT NULL,
	"partner_ref" text,
	"partner_id" text,
	"seller" text,
	"activity_type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"notes" text,
	CONSTRAINT "import_staged_touches_org_id_import_id_line_pk" PRIMARY KEY("org_id","import_id","line")
);
--> statement-breakpoint
CREATE INDEX "import_problems_line_idx" ON "import_problems" USING btree ("org_id","import_id","kind","line");--> statement-breakpoint
CREATE INDEX "imports_org_created_idx" ON "imports" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "events_org_idx" ON "events" USING btree ("org_id","id");