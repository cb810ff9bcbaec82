CREATE TYPE "public"."module_state" AS ENUM('open', 'coming', 'closed');--> statement-breakpoint
CREATE TYPE "public"."step_kind" AS ENUM('text', 'video', 'exercise', 'practice');--> statement-breakpoint
CREATE TABLE "curriculum_module" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"number" smallint NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "curriculum_step" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"module_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" smallint NOT NULL,
	"kind" "step_kind" NOT NULL,
	"title" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"body_html" jsonb NOT NULL,
	"question" jsonb,
	"media_id" uuid
);
--> statement-breakpoint
CREATE TABLE "curriculum_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"published_at" timestamp with time zone,
	"created_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exercise_answer" (
	"person_id" uuid NOT NULL,
	"module_number" smallint NOT NULL,
	"step_key" text NOT NULL,
	"answer" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exercise_answer_person_id_module_number_step_key_pk" PRIMARY KEY("person_id","module_number","step_key")
);
--> statement-breakpoint
CREATE TABLE "group_course" (
	"group_id" uuid PRIMARY KEY NOT NULL,
	"version_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_hidden_step" (
	"group_id" uuid NOT NULL,
	"module_number" smallint NOT NULL,
	"step_key" text NOT NULL,
	"hidden_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_hidden_step_group_id_module_number_step_key_pk" PRIMARY KEY("group_id","module_number","step_key")
);
--> statement-breakpoint
CREATE TABLE "group_module" (
	"group_id" uuid NOT NULL,
	"module_number" smallint NOT NULL,
	"state" "module_state" DEFAULT 'coming' NOT NULL,
	"position" smallint NOT NULL,
	"session_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_module_group_id_module_number_pk" PRIMARY KEY("group_id","module_number")
);
--> statement-breakpoint
CREATE TABLE "media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"video_file" text NOT NULL,
	"video_type" text NOT NULL,
	"video_bytes" bigint NOT NULL,
	"poster_file" text,
	"caption_files" jsonb NOT NULL,
	"transcript" jsonb NOT NULL,
	"starter_name" text,
	"created_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "step_progress" (
	"person_id" uuid NOT NULL,
	"module_number" smallint NOT NULL,
	"step_key" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "step_progress_person_id_module_number_step_key_pk" PRIMARY KEY("person_id","module_number","step_key")
);
--> statement-breakpoint
ALTER TABLE "curriculum_module" ADD CONSTRAINT "curriculum_module_version_id_curriculum_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."curriculum_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum_step" ADD CONSTRAINT "curriculum_step_module_id_curriculum_module_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."curriculum_module"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum_step" ADD CONSTRAINT "curriculum_step_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum_version" ADD CONSTRAINT "curriculum_version_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "curriculum_version" ADD CONSTRAINT "curriculum_version_created_by_person_id_person_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_answer" ADD CONSTRAINT "exercise_answer_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_course" ADD CONSTRAINT "group_course_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_course" ADD CONSTRAINT "group_course_version_id_curriculum_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."curriculum_version"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_hidden_step" ADD CONSTRAINT "group_hidden_step_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_hidden_step" ADD CONSTRAINT "group_hidden_step_hidden_by_person_id_person_id_fk" FOREIGN KEY ("hidden_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_module" ADD CONSTRAINT "group_module_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_created_by_person_id_person_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_progress" ADD CONSTRAINT "step_progress_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "curriculum_module_version_number_uq" ON "curriculum_module" USING btree ("version_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "curriculum_step_module_key_uq" ON "curriculum_step" USING btree ("module_id","key");--> statement-breakpoint
CREATE INDEX "curriculum_step_media_idx" ON "curriculum_step" USING btree ("media_id");--> statement-breakpoint
CREATE UNIQUE INDEX "curriculum_version_org_number_uq" ON "curriculum_version" USING btree ("organisation_id","number");--> statement-breakpoint
CREATE INDEX "media_organisation_idx" ON "media" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "media_org_starter_uq" ON "media" USING btree ("organisation_id","starter_name");