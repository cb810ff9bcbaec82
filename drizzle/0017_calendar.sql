CREATE TYPE "public"."attendance_status" AS ENUM('present', 'excused', 'absent');--> statement-breakpoint
CREATE TYPE "public"."practice_answer_kind" AS ENUM('text', 'choice');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('planned', 'cancelled');--> statement-breakpoint
CREATE TABLE "group_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"date" date NOT NULL,
	"start_time" time NOT NULL,
	"status" "session_status" DEFAULT 'planned' NOT NULL,
	"cancel_reason" text,
	"holiday" boolean DEFAULT false NOT NULL,
	"moved_from" date,
	"added" boolean DEFAULT false NOT NULL,
	"module_number" smallint,
	"topic" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "home_practice" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"module_number" smallint,
	"step_key" text,
	"text" jsonb NOT NULL,
	"answer_kind" "practice_answer_kind" DEFAULT 'text' NOT NULL,
	"choices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "home_practice_answer" (
	"practice_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"answer" text NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"feedback" text,
	"feedback_by_person_id" uuid,
	"feedback_at" timestamp with time zone,
	CONSTRAINT "home_practice_answer_practice_id_person_id_pk" PRIMARY KEY("practice_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "session_attendance" (
	"session_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" "attendance_status" NOT NULL,
	"recorded_by_person_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_attendance_session_id_person_id_pk" PRIMARY KEY("session_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "tour_seen" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "group_session" ADD CONSTRAINT "group_session_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "home_practice" ADD CONSTRAINT "home_practice_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "home_practice" ADD CONSTRAINT "home_practice_session_id_group_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."group_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "home_practice" ADD CONSTRAINT "home_practice_created_by_person_id_person_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "home_practice_answer" ADD CONSTRAINT "home_practice_answer_practice_id_home_practice_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."home_practice"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "home_practice_answer" ADD CONSTRAINT "home_practice_answer_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "home_practice_answer" ADD CONSTRAINT "home_practice_answer_feedback_by_person_id_person_id_fk" FOREIGN KEY ("feedback_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_attendance" ADD CONSTRAINT "session_attendance_session_id_group_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."group_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_attendance" ADD CONSTRAINT "session_attendance_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_attendance" ADD CONSTRAINT "session_attendance_recorded_by_person_id_person_id_fk" FOREIGN KEY ("recorded_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tour_seen" ADD CONSTRAINT "tour_seen_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "group_session_group_date_uq" ON "group_session" USING btree ("group_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "home_practice_session_uq" ON "home_practice" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "home_practice_answer_person_idx" ON "home_practice_answer" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "session_attendance_person_idx" ON "session_attendance" USING btree ("person_id");--> statement-breakpoint
-- The participant home shows the next session from the calendar and the open home practice: tell
-- every app instance when a group's calendar or home practice changes, and when an answer does.
CREATE TRIGGER group_session_notify_change
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_session
	FOR EACH STATEMENT EXECUTE FUNCTION herstelpad_notify_groups();
--> statement-breakpoint
CREATE TRIGGER home_practice_notify_change
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON home_practice
	FOR EACH STATEMENT EXECUTE FUNCTION herstelpad_notify_groups();
--> statement-breakpoint
CREATE TRIGGER home_practice_answer_notify_change
	AFTER INSERT OR UPDATE OR DELETE ON home_practice_answer
	FOR EACH ROW EXECUTE FUNCTION herstelpad_notify_person_data();
--> statement-breakpoint
-- The overview sends a participant to the first-use tour until they have seen it.
CREATE TRIGGER tour_seen_notify_change
	AFTER INSERT OR UPDATE OR DELETE ON tour_seen
	FOR EACH ROW EXECUTE FUNCTION herstelpad_notify_person_data();
