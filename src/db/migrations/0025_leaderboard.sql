CREATE TABLE "leaderboard_members" (
	"org_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"joined_by" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "leaderboard_members_org_id_partner_id_pk" PRIMARY KEY("org_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "leaderboard_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
