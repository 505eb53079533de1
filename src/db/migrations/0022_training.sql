CREATE TABLE "certificate_reminders" (
	"org_id" text NOT NULL,
	"certificate_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"mail_id" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "certificate_reminders_org_id_certificate_id_expires_at_pk" PRIMARY KEY("org_id","certificate_id","expires_at")
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"course_id" text NOT NULL,
	"user_id" text NOT NULL,
	"partner_id" text,
	"name" text NOT NULL,
	"attempt_id" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"renewals" integer NOT NULL,
	"first_issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "certificates_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"status" text NOT NULL,
	"lessons" jsonb NOT NULL,
	"quiz" jsonb,
	"certification_name" text,
	"validity_months" integer,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "courses_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "lesson_views" (
	"org_id" text NOT NULL,
	"course_id" text NOT NULL,
	"user_id" text NOT NULL,
	"lesson_id" text NOT NULL,
	"partner_id" text,
	"opened_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lesson_views_org_id_course_id_user_id_lesson_id_pk" PRIMARY KEY("org_id","course_id","user_id","lesson_id")
);
--> statement-breakpoint
CREATE TABLE "quiz_attempts" (
	"org_id" text NOT NULL,
	"id" text NOT NULL,
	"course_id" text NOT NULL,
	"user_id" text NOT NULL,
	"partner_id" text,
	"answers" jsonb NOT NULL,
	"correct" integer NOT NULL,
	"questions" integer NOT NULL,
	"pass_mark_percent" integer NOT NULL,
	"is_passed" boolean NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "quiz_attempts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_person_course_idx" ON "certificates" USING btree ("org_id","course_id","user_id");--> statement-breakpoint
CREATE INDEX "certificates_partner_idx" ON "certificates" USING btree ("org_id","partner_id","expires_at");--> statement-breakpoint
CREATE INDEX "certificates_expiry_idx" ON "certificates" USING btree ("org_id","expires_at") WHERE "certificates"."expires_at" is not null;--> statement-breakpoint
CREATE INDEX "courses_status_idx" ON "courses" USING btree ("org_id","status","title");--> statement-breakpoint
CREATE INDEX "lesson_views_partner_idx" ON "lesson_views" USING btree ("org_id","partner_id","course_id");--> statement-breakpoint
CREATE INDEX "quiz_attempts_person_idx" ON "quiz_attempts" USING btree ("org_id","course_id","user_id","at");--> statement-breakpoint
CREATE INDEX "quiz_attempts_partner_idx" ON "quiz_attempts" USING btree ("org_id","partner_id","course_id");