CREATE TABLE "commission_dispute_messages" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"dispute_id" text NOT NULL,
	"author" text NOT NULL,
	"side" text NOT NULL,
	"body" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "commission_dispute_messages_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "commission_disputes" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"partner_id" text NOT NULL,
	"entry_id" text,
	"deal_id" text NOT NULL,
	"subject" text NOT NULL,
	"status" text NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	"resolution" text,
	"adjustment_entry_id" text,
	"resolution_key" text,
	CONSTRAINT "commission_disputes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE INDEX "commission_dispute_messages_idx" ON "commission_dispute_messages" USING btree ("org_id","dispute_id","created_at");--> statement-breakpoint
CREATE INDEX "commission_disputes_partner_idx" ON "commission_disputes" USING btree ("org_id","partner_id","status");--> statement-breakpoint
CREATE INDEX "commission_disputes_entry_idx" ON "commission_disputes" USING btree ("org_id","entry_id");