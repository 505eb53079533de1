CREATE TABLE "overlap_entries" (
	"org_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"line" integer NOT NULL,
	"domain_key" text,
	"name_key" text NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "overlap_entries_org_id_partner_id_line_pk" PRIMARY KEY("org_id","partner_id","line")
);
--> statement-breakpoint
CREATE TABLE "overlap_lists" (
	"org_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"row_count" integer NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"uploaded_by" text NOT NULL,
	CONSTRAINT "overlap_lists_org_id_partner_id_pk" PRIMARY KEY("org_id","partner_id")
);
--> statement-breakpoint
CREATE INDEX "overlap_entries_domain_idx" ON "overlap_entries" USING btree ("org_id","domain_key");--> statement-breakpoint
CREATE INDEX "overlap_entries_name_idx" ON "overlap_entries" USING btree ("org_id","name_key");