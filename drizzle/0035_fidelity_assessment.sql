CREATE TYPE "public"."fidelity_status" AS ENUM('draft', 'final');--> statement-breakpoint
CREATE TABLE "fidelity_assessment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" "fidelity_status" DEFAULT 'draft' NOT NULL,
	"created_by_person_id" uuid,
	"updated_by_person_id" uuid,
	"finalised_by_person_id" uuid,
	"finalised_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fidelity_assessment_period_order" CHECK ("fidelity_assessment"."period_end" >= "fidelity_assessment"."period_start")
);
--> statement-breakpoint
CREATE TABLE "fidelity_item_score" (
	"assessment_id" uuid NOT NULL,
	"item" text NOT NULL,
	"score" smallint,
	"note" text DEFAULT '' NOT NULL,
	"from_proposal" boolean DEFAULT false NOT NULL,
	"updated_by_person_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fidelity_item_score_assessment_id_item_pk" PRIMARY KEY("assessment_id","item"),
	CONSTRAINT "fidelity_item_score_range" CHECK ("fidelity_item_score"."score" is null or "fidelity_item_score"."score" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "fidelity_assessment" ADD CONSTRAINT "fidelity_assessment_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fidelity_assessment" ADD CONSTRAINT "fidelity_assessment_created_by_person_id_person_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fidelity_assessment" ADD CONSTRAINT "fidelity_assessment_updated_by_person_id_person_id_fk" FOREIGN KEY ("updated_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fidelity_assessment" ADD CONSTRAINT "fidelity_assessment_finalised_by_person_id_person_id_fk" FOREIGN KEY ("finalised_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fidelity_item_score" ADD CONSTRAINT "fidelity_item_score_assessment_id_fidelity_assessment_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."fidelity_assessment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fidelity_item_score" ADD CONSTRAINT "fidelity_item_score_updated_by_person_id_person_id_fk" FOREIGN KEY ("updated_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fidelity_assessment_group_idx" ON "fidelity_assessment" USING btree ("group_id","period_end" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "fidelity_assessment_period_uq" ON "fidelity_assessment" USING btree ("group_id","period_start","period_end");