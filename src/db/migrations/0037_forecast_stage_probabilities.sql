CREATE TABLE "forecast_stage_probabilities" (
	"org_id" text NOT NULL,
	"stage" text NOT NULL,
	"probability" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "forecast_stage_probabilities_org_id_stage_pk" PRIMARY KEY("org_id","stage")
);
