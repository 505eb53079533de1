CREATE TABLE "commission_entries" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"partner_id" text NOT NULL,
	"deal_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"line_key" text NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"reverses_id" text,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"line_date" date NOT NULL,
	"hold_until" timestamp with time zone NOT NULL,
	"receipt" jsonb,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "commission_entries_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "commission_plan_versions" (
	"org_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"terms" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "commission_plan_versions_org_id_plan_id_version_pk" PRIMARY KEY("org_id","plan_id","version")
);
--> statement-breakpoint
CREATE TABLE "commission_plans" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"currency" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "commission_plans_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "commission_syncs" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"done" integer NOT NULL,
	"posted" integer NOT NULL,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "commission_syncs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "commission_entries_line_idx" ON "commission_entries" USING btree ("org_id","line_key","seq");--> statement-breakpoint
CREATE INDEX "commission_entries_partner_idx" ON "commission_entries" USING btree ("org_id","partner_id","line_date");--> statement-breakpoint
CREATE INDEX "commission_entries_deal_idx" ON "commission_entries" USING btree ("org_id","deal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "commission_entries_reverses_idx" ON "commission_entries" USING btree ("org_id","reverses_id") WHERE "commission_entries"."reverses_id" is not null;--> statement-breakpoint
-- the ledger is append-only: a correction is a reversing entry, never an edit
CREATE FUNCTION commission_entries_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'commission entries are append-only: post a reversing entry instead';
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER commission_entries_append_only BEFORE UPDATE OR DELETE ON commission_entries
  FOR EACH ROW EXECUTE FUNCTION commission_entries_refuse_change();
