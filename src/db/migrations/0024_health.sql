CREATE TABLE "health_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_snapshots" (
	"org_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"day" date NOT NULL,
	"score" integer,
	"band" text NOT NULL,
	"factors" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "health_snapshots_org_id_partner_id_day_pk" PRIMARY KEY("org_id","partner_id","day")
);
--> statement-breakpoint
CREATE TABLE "partner_health" (
	"org_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"day" date NOT NULL,
	"score" integer,
	"band" text NOT NULL,
	"factors" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"at_risk_since" timestamp with time zone,
	CONSTRAINT "partner_health_org_id_partner_id_pk" PRIMARY KEY("org_id","partner_id")
);
--> statement-breakpoint
CREATE INDEX "partner_health_band_idx" ON "partner_health" USING btree ("org_id","band","score");--> statement-breakpoint
CREATE INDEX "partner_health_score_idx" ON "partner_health" USING btree ("org_id","score","partner_id");