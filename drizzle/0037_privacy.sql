CREATE TYPE "public"."consent_purpose" AS ENUM('research', 'reminders', 'naaste', 'care_team');--> statement-breakpoint
CREATE TYPE "public"."data_export_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TYPE "public"."erasure_status" AS ENUM('open', 'erased', 'refused', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."retention_kind" AS ENUM('check_ins', 'messages', 'help_requests', 'live_answers', 'board_posts', 'access_log', 'after_course');--> statement-breakpoint
CREATE TABLE "consent" (
	"person_id" uuid NOT NULL,
	"purpose" "consent_purpose" NOT NULL,
	"given" boolean NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_person_id_purpose_pk" PRIMARY KEY("person_id","purpose")
);
--> statement-breakpoint
CREATE TABLE "consent_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"purpose" "consent_purpose" NOT NULL,
	"given" boolean NOT NULL,
	"by_person_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_export" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"status" "data_export_status" DEFAULT 'queued' NOT NULL,
	"progress" smallint DEFAULT 0 NOT NULL,
	"locale" text DEFAULT 'nl' NOT NULL,
	"zip" "bytea",
	"expires_at" timestamp with time zone,
	"downloaded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "erasure_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid,
	"requested_by_person_id" uuid,
	"by_self" boolean NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_on" date NOT NULL,
	"status" "erasure_status" DEFAULT 'open' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_person_id" uuid,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "retention_run" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"dry_run" boolean NOT NULL,
	"report" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_setting" (
	"organisation_id" uuid NOT NULL,
	"kind" "retention_kind" NOT NULL,
	"months" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_setting_organisation_id_kind_pk" PRIMARY KEY("organisation_id","kind"),
	CONSTRAINT "retention_setting_months" CHECK ("retention_setting"."months" between 1 and 600),
	CONSTRAINT "retention_access_log_floor" CHECK ("retention_setting"."kind" <> 'access_log' or "retention_setting"."months" >= 60)
);
--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_change" ADD CONSTRAINT "consent_change_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_change" ADD CONSTRAINT "consent_change_by_person_id_person_id_fk" FOREIGN KEY ("by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_export" ADD CONSTRAINT "data_export_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_request" ADD CONSTRAINT "erasure_request_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_request" ADD CONSTRAINT "erasure_request_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_request" ADD CONSTRAINT "erasure_request_requested_by_person_id_person_id_fk" FOREIGN KEY ("requested_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_request" ADD CONSTRAINT "erasure_request_decided_by_person_id_person_id_fk" FOREIGN KEY ("decided_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_run" ADD CONSTRAINT "retention_run_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_setting" ADD CONSTRAINT "retention_setting_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_purpose_given_idx" ON "consent" USING btree ("purpose","person_id") WHERE "consent"."given";--> statement-breakpoint
CREATE INDEX "consent_change_person_idx" ON "consent_change" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "data_export_person_idx" ON "data_export" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "erasure_request_org_idx" ON "erasure_request" USING btree ("organisation_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "erasure_request_person_idx" ON "erasure_request" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "retention_run_org_idx" ON "retention_run" USING btree ("organisation_id","at");--> statement-breakpoint
-- Sharing with a naaste now needs the participant's consent; those who already share gave it by linking.
INSERT INTO "consent" ("person_id", "purpose", "given") SELECT DISTINCT "participant_id", 'naaste'::consent_purpose, true FROM "significant_other_link" WHERE "ended_at" IS NULL ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "consent_change" ("person_id", "purpose", "given", "by_person_id", "at") SELECT "person_id", 'naaste'::consent_purpose, true, "person_id", "changed_at" FROM "consent" WHERE "purpose" = 'naaste';
