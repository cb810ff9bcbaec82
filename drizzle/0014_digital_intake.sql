CREATE TYPE "public"."intake_device" AS ENUM('smartphone', 'tablet', 'computer', 'none');--> statement-breakpoint
CREATE TYPE "public"."intake_path" AS ENUM('own_device', 'guided', 'paper');--> statement-breakpoint
CREATE TABLE "digital_intake" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"device" "intake_device" NOT NULL,
	"internet_at_home" boolean NOT NULL,
	"has_email" boolean NOT NULL,
	"confidence" smallint NOT NULL,
	"help_wanted" boolean NOT NULL,
	"path" "intake_path" NOT NULL,
	"done_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digital_intake_confidence_range" CHECK ("digital_intake"."confidence" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "digital_intake" ADD CONSTRAINT "digital_intake_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digital_intake" ADD CONSTRAINT "digital_intake_done_by_person_id_person_id_fk" FOREIGN KEY ("done_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;