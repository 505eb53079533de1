CREATE TABLE "channel_conflict_decisions" (
	"org_id" text NOT NULL,
	"key" text NOT NULL,
	"outcome" text NOT NULL,
	"owner_partner_id" text,
	"note" text NOT NULL,
	"partner_ids" text[] NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "channel_conflict_decisions_org_id_key_pk" PRIMARY KEY("org_id","key")
);
