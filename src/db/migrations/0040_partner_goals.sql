CREATE TABLE "partner_goals" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"partner_id" text NOT NULL,
	"quarter" text NOT NULL,
	"metric" text NOT NULL,
	"target_minor" bigint,
	"currency" text,
	"target_deals" integer,
	"set_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "partner_goals_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "partner_goals_target_idx" ON "partner_goals" USING btree ("org_id","partner_id","quarter","metric");