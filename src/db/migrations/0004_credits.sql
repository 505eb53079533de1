CREATE TABLE "attribution_model_versions" (
	"org_id" text NOT NULL,
	"model_id" text NOT NULL,
	"version" integer NOT NULL,
	"params" jsonb NOT NULL,
	"options" jsonb NOT NULL,
	"learned" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "attribution_model_versions_org_id_model_id_version_pk" PRIMARY KEY("org_id","model_id","version")
);
--> statement-breakpoint
CREATE TABLE "attribution_models" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attribution_models_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "attribution_runs" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"deal_id" text NOT NULL,
	"model_id" text NOT NULL,
	"model_version" integer NOT NULL,
	"input_hash" text NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"outcome" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"deal_at" timestamp with time zone NOT NULL,
	"notes" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attribution_runs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "credits" (
	"org_id" text NOT NULL,
	"run_id" text NOT NULL,
	"actor" text NOT NULL,
	"actor_kind" text NOT NULL,
	"share" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"explanation" jsonb NOT NULL,
	CONSTRAINT "credits_org_id_run_id_actor_pk" PRIMARY KEY("org_id","run_id","actor")
);
--> statement-breakpoint
CREATE TABLE "current_runs" (
	"org_id" text NOT NULL,
	"deal_id" text NOT NULL,
	"model_id" text NOT NULL,
	"run_id" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "current_runs_org_id_deal_id_model_id_pk" PRIMARY KEY("org_id","deal_id","model_id")
);
--> statement-breakpoint
CREATE TABLE "recompute_jobs" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"done" integer NOT NULL,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "recompute_jobs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "attribution_models_paying_idx" ON "attribution_models" USING btree ("org_id") WHERE "attribution_models"."role" = 'paying';--> statement-breakpoint
CREATE UNIQUE INDEX "attribution_runs_input_idx" ON "attribution_runs" USING btree ("org_id","deal_id","model_id","model_version","input_hash");--> statement-breakpoint
CREATE INDEX "credits_org_actor_idx" ON "credits" USING btree ("org_id","actor");--> statement-breakpoint
CREATE INDEX "current_runs_model_idx" ON "current_runs" USING btree ("org_id","model_id");