CREATE TYPE "public"."live_prompt_kind" AS ENUM('open', 'choice', 'scale', 'share', 'story');--> statement-breakpoint
CREATE TYPE "public"."live_prompt_status" AS ENUM('ready', 'open', 'closed');--> statement-breakpoint
CREATE TABLE "live_answer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prompt_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"text" text,
	"choice" smallint,
	"approved_at" timestamp with time zone,
	"hidden_at" timestamp with time zone,
	"hidden_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_event" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "live_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"group_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_prompt" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"kind" "live_prompt_kind" NOT NULL,
	"text" jsonb NOT NULL,
	"choices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"content_key" text,
	"step_key" text,
	"module_number" smallint,
	"anonymous" boolean DEFAULT true NOT NULL,
	"approve_first" boolean DEFAULT false NOT NULL,
	"status" "live_prompt_status" DEFAULT 'ready' NOT NULL,
	"revealed" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_round" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"current_prompt_id" uuid,
	"started_by_person_id" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "live_answer" ADD CONSTRAINT "live_answer_prompt_id_live_prompt_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."live_prompt"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_answer" ADD CONSTRAINT "live_answer_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_answer" ADD CONSTRAINT "live_answer_hidden_by_person_id_person_id_fk" FOREIGN KEY ("hidden_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_event" ADD CONSTRAINT "live_event_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_event" ADD CONSTRAINT "live_event_round_id_live_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."live_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_prompt" ADD CONSTRAINT "live_prompt_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_prompt" ADD CONSTRAINT "live_prompt_session_id_group_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."group_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_prompt" ADD CONSTRAINT "live_prompt_created_by_person_id_person_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_round" ADD CONSTRAINT "live_round_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_round" ADD CONSTRAINT "live_round_session_id_group_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."group_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_round" ADD CONSTRAINT "live_round_current_prompt_id_live_prompt_id_fk" FOREIGN KEY ("current_prompt_id") REFERENCES "public"."live_prompt"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_round" ADD CONSTRAINT "live_round_started_by_person_id_person_id_fk" FOREIGN KEY ("started_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "live_answer_prompt_person_uq" ON "live_answer" USING btree ("prompt_id","person_id");--> statement-breakpoint
CREATE INDEX "live_answer_person_idx" ON "live_answer" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "live_event_group_idx" ON "live_event" USING btree ("group_id","id");--> statement-breakpoint
CREATE INDEX "live_prompt_session_idx" ON "live_prompt" USING btree ("session_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "live_round_open_uq" ON "live_round" USING btree ("group_id") WHERE "live_round"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "live_round_session_idx" ON "live_round" USING btree ("session_id");--> statement-breakpoint
-- Every live event tells every app instance which group changed and up to which event (ids only:
-- the streams read the state from the tables). Delivered at commit, never on rollback.
CREATE OR REPLACE FUNCTION herstelpad_notify_live() RETURNS trigger AS $$
BEGIN
	PERFORM pg_notify('herstelpad_live', NEW.group_id::text || ':' || NEW.id::text);
	RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER live_event_notify AFTER INSERT ON "live_event"
	FOR EACH ROW EXECUTE FUNCTION herstelpad_notify_live();
