CREATE TABLE "attribution_inputs" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"deal_id" text NOT NULL,
	"facts" json NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attribution_inputs_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "attribution_runs" ADD COLUMN "input_id" text;--> statement-breakpoint
ALTER TABLE "attribution_runs" ADD COLUMN "actors" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "attribution_runs" ADD COLUMN "actor_kinds" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "attribution_runs" ADD COLUMN "shares" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "attribution_runs" ADD COLUMN "amounts" bigint[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "attribution_runs" ADD COLUMN "explanations" json;--> statement-breakpoint
UPDATE "attribution_runs" r SET "actors" = c."actors", "actor_kinds" = c."actor_kinds", "shares" = c."shares",
  "amounts" = c."amounts", "explanations" = c."explanations"
FROM (
  SELECT "org_id", "run_id", array_agg("actor" ORDER BY "amount_minor" DESC, "actor") AS "actors",
    array_agg("actor_kind" ORDER BY "amount_minor" DESC, "actor") AS "actor_kinds",
    array_agg("share" ORDER BY "amount_minor" DESC, "actor") AS "shares",
    array_agg("amount_minor" ORDER BY "amount_minor" DESC, "actor") AS "amounts",
    json_agg("explanation" ORDER BY "amount_minor" DESC, "actor") AS "explanations"
  FROM "credits" GROUP BY "org_id", "run_id"
) c
WHERE r."org_id" = c."org_id" AND r."id" = c."run_id";--> statement-breakpoint
ALTER TABLE "attribution_runs" ALTER COLUMN "actors" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "attribution_runs" ALTER COLUMN "actor_kinds" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "attribution_runs" ALTER COLUMN "shares" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "attribution_runs" ALTER COLUMN "amounts" DROP DEFAULT;