CREATE TABLE "qbr_reviews" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"partner_id" text NOT NULL,
	"quarter" text NOT NULL,
	"version" integer NOT NULL,
	"source" text NOT NULL,
	"run_id" text,
	"figures" jsonb NOT NULL,
	"goals" jsonb NOT NULL,
	"is_shared" boolean NOT NULL,
	"shared_at" timestamp with time zone,
	"generated_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "qbr_reviews_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "qbr_runs" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"done" integer NOT NULL,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"quarter" text NOT NULL,
	"generated" integer NOT NULL,
	CONSTRAINT "qbr_runs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "qbr_reviews_version_idx" ON "qbr_reviews" USING btree ("org_id","partner_id","quarter","version");--> statement-breakpoint
CREATE UNIQUE INDEX "qbr_reviews_run_idx" ON "qbr_reviews" USING btree ("org_id","run_id","partner_id") WHERE "qbr_reviews"."run_id" is not null;--> statement-breakpoint
CREATE INDEX "qbr_reviews_quarter_idx" ON "qbr_reviews" USING btree ("org_id","quarter","partner_id");--> statement-breakpoint
CREATE INDEX "qbr_reviews_shared_idx" ON "qbr_reviews" USING btree ("org_id","partner_id","quarter") WHERE "qbr_reviews"."is_shared";