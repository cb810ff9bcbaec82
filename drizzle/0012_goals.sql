CREATE TYPE "public"."goal_status" AS ENUM('active', 'reached', 'stopped');--> statement-breakpoint
CREATE TYPE "public"."goal_step_status" AS ENUM('open', 'done', 'replaced');--> statement-breakpoint
CREATE TYPE "public"."life_area" AS ENUM('housing', 'work', 'relationships', 'health', 'leisure', 'learning', 'meaning');--> statement-breakpoint
CREATE TYPE "public"."reminder_channel" AS ENUM('email', 'push');--> statement-breakpoint
CREATE TYPE "public"."check_in_worked" AS ENUM('yes', 'a_bit', 'not_yet');--> statement-breakpoint
CREATE TABLE "app_key" (
	"name" text PRIMARY KEY NOT NULL,
	"public_value" text NOT NULL,
	"private_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_in" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"idempotency_key" uuid NOT NULL,
	"worked" "check_in_worked" NOT NULL,
	"closeness" smallint NOT NULL,
	"bring_up" text DEFAULT '' NOT NULL,
	"goal_id" uuid,
	"step_id" uuid,
	"new_step_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_in_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "check_in_closeness_range" CHECK ("check_in"."closeness" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "check_in_draft" (
	"person_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"idempotency_key" uuid DEFAULT gen_random_uuid() NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "check_in_draft_person_id_group_id_week_start_pk" PRIMARY KEY("person_id","group_id","week_start")
);
--> statement-breakpoint
CREATE TABLE "goal_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"goal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"before" text,
	"after" text,
	"reason" text,
	"by_person_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goal_step" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"text" text NOT NULL,
	"target_week" date,
	"status" "goal_step_status" DEFAULT 'open' NOT NULL,
	"created_by_person_id" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "push_subscription" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "push_subscription_endpoint_unique" UNIQUE("endpoint")
);
--> statement-breakpoint
CREATE TABLE "recovery_goal" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"life_area" "life_area" NOT NULL,
	"text" text NOT NULL,
	"why" text DEFAULT '' NOT NULL,
	"status" "goal_status" DEFAULT 'active' NOT NULL,
	"is_current" boolean DEFAULT false NOT NULL,
	"created_by_person_id" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_preference" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"channel" "reminder_channel" DEFAULT 'email' NOT NULL,
	"weekday" smallint DEFAULT 1 NOT NULL,
	"time" time DEFAULT '10:00' NOT NULL,
	"quiet_from" time DEFAULT '22:00' NOT NULL,
	"quiet_until" time DEFAULT '08:00' NOT NULL,
	"last_delivered_at" timestamp with time zone,
	"last_failed_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_sent" (
	"person_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"channel" "reminder_channel" NOT NULL,
	"outcome" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_sent_person_id_group_id_week_start_pk" PRIMARY KEY("person_id","group_id","week_start")
);
--> statement-breakpoint
ALTER TABLE "check_in" ADD CONSTRAINT "check_in_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in" ADD CONSTRAINT "check_in_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in" ADD CONSTRAINT "check_in_goal_id_recovery_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."recovery_goal"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in" ADD CONSTRAINT "check_in_step_id_goal_step_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."goal_step"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in" ADD CONSTRAINT "check_in_new_step_id_goal_step_id_fk" FOREIGN KEY ("new_step_id") REFERENCES "public"."goal_step"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in_draft" ADD CONSTRAINT "check_in_draft_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in_draft" ADD CONSTRAINT "check_in_draft_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_event" ADD CONSTRAINT "goal_event_goal_id_recovery_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."recovery_goal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_event" ADD CONSTRAINT "goal_event_by_person_id_person_id_fk" FOREIGN KEY ("by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_step" ADD CONSTRAINT "goal_step_goal_id_recovery_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."recovery_goal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_step" ADD CONSTRAINT "goal_step_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_step" ADD CONSTRAINT "goal_step_created_by_person_id_person_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscription" ADD CONSTRAINT "push_subscription_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_goal" ADD CONSTRAINT "recovery_goal_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_goal" ADD CONSTRAINT "recovery_goal_created_by_person_id_person_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_preference" ADD CONSTRAINT "reminder_preference_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_sent" ADD CONSTRAINT "reminder_sent_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_sent" ADD CONSTRAINT "reminder_sent_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "check_in_person_week_uq" ON "check_in" USING btree ("person_id","group_id","week_start");--> statement-breakpoint
CREATE INDEX "check_in_group_week_idx" ON "check_in" USING btree ("group_id","week_start");--> statement-breakpoint
CREATE INDEX "goal_event_goal_idx" ON "goal_event" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "goal_step_goal_idx" ON "goal_step" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "goal_step_person_idx" ON "goal_step" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "push_subscription_person_idx" ON "push_subscription" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "recovery_goal_person_idx" ON "recovery_goal" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_goal_one_current_uq" ON "recovery_goal" USING btree ("person_id") WHERE "recovery_goal"."is_current";--> statement-breakpoint
-- The participant home page is cached per person in each app instance (goals/overview.ts): tell every
-- instance when that person's goals, check-ins or course progress change.
CREATE OR REPLACE FUNCTION herstelpad_notify_person_data() RETURNS trigger AS $$
BEGIN
	PERFORM pg_notify('herstelpad_auth', 'person:' || COALESCE(NEW.person_id, OLD.person_id)::text);
	RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER recovery_goal_notify_change
	AFTER INSERT OR UPDATE OR DELETE ON recovery_goal
	FOR EACH ROW EXECUTE FUNCTION herstelpad_notify_person_data();
--> statement-breakpoint
CREATE TRIGGER goal_step_notify_change
	AFTER INSERT OR UPDATE OR DELETE ON goal_step
	FOR EACH ROW EXECUTE FUNCTION herstelpad_notify_person_data();
--> statement-breakpoint
CREATE TRIGGER check_in_notify_change
	AFTER INSERT OR UPDATE OR DELETE ON check_in
	FOR EACH ROW EXECUTE FUNCTION herstelpad_notify_person_data();
--> statement-breakpoint
CREATE TRIGGER step_progress_notify_change
	AFTER INSERT OR UPDATE OR DELETE ON step_progress
	FOR EACH ROW EXECUTE FUNCTION herstelpad_notify_person_data();
--> statement-breakpoint
-- A trainer's change to the group's course changes every member's "module I'm in".
CREATE TRIGGER group_module_notify_change
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_module
	FOR EACH STATEMENT EXECUTE FUNCTION herstelpad_notify_groups();
--> statement-breakpoint
CREATE TRIGGER group_hidden_step_notify_change
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_hidden_step
	FOR EACH STATEMENT EXECUTE FUNCTION herstelpad_notify_groups();
--> statement-breakpoint
CREATE TRIGGER group_course_notify_change
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_course
	FOR EACH STATEMENT EXECUTE FUNCTION herstelpad_notify_groups();
--> statement-breakpoint
CREATE TRIGGER group_item_notify_change
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON group_item
	FOR EACH STATEMENT EXECUTE FUNCTION herstelpad_notify_groups();
