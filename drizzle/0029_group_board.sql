CREATE TYPE "public"."board_post_kind" AS ENUM('post', 'live_wall');--> statement-breakpoint
CREATE TYPE "public"."board_post_status" AS ENUM('visible', 'waiting', 'hidden', 'removed');--> statement-breakpoint
CREATE TYPE "public"."board_reaction_word" AS ENUM('strength', 'recognise', 'well_done');--> statement-breakpoint
CREATE TABLE "board_notice_sent" (
	"person_id" uuid NOT NULL,
	"day" date NOT NULL,
	"channel" "reminder_channel" NOT NULL,
	"outcome" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_notice_sent_person_id_day_pk" PRIMARY KEY("person_id","day")
);
--> statement-breakpoint
CREATE TABLE "board_post" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"parent_id" uuid,
	"author_person_id" uuid NOT NULL,
	"kind" "board_post_kind" DEFAULT 'post' NOT NULL,
	"body" text NOT NULL,
	"status" "board_post_status" DEFAULT 'visible' NOT NULL,
	"moderation_reason" text,
	"moderated_by_person_id" uuid,
	"moderated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_reaction" (
	"post_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"word" "board_reaction_word" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_reaction_post_id_person_id_word_pk" PRIMARY KEY("post_id","person_id","word")
);
--> statement-breakpoint
CREATE TABLE "board_reader" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"rules_seen_at" timestamp with time zone,
	"last_visit_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "board_report" (
	"post_id" uuid NOT NULL,
	"reporter_person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_at" timestamp with time zone,
	CONSTRAINT "board_report_post_id_reporter_person_id_pk" PRIMARY KEY("post_id","reporter_person_id")
);
--> statement-breakpoint
CREATE TABLE "board_setting" (
	"group_id" uuid PRIMARY KEY NOT NULL,
	"approve_first" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "board_notice_sent" ADD CONSTRAINT "board_notice_sent_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_post" ADD CONSTRAINT "board_post_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_post" ADD CONSTRAINT "board_post_parent_id_board_post_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."board_post"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_post" ADD CONSTRAINT "board_post_author_person_id_person_id_fk" FOREIGN KEY ("author_person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_post" ADD CONSTRAINT "board_post_moderated_by_person_id_person_id_fk" FOREIGN KEY ("moderated_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_reaction" ADD CONSTRAINT "board_reaction_post_id_board_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."board_post"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_reaction" ADD CONSTRAINT "board_reaction_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_reader" ADD CONSTRAINT "board_reader_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_report" ADD CONSTRAINT "board_report_post_id_board_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."board_post"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_report" ADD CONSTRAINT "board_report_reporter_person_id_person_id_fk" FOREIGN KEY ("reporter_person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_setting" ADD CONSTRAINT "board_setting_group_id_course_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."course_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_post_group_idx" ON "board_post" USING btree ("group_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "board_post_parent_idx" ON "board_post" USING btree ("parent_id","created_at");--> statement-breakpoint
CREATE INDEX "board_report_open_idx" ON "board_report" USING btree ("post_id") WHERE "board_report"."handled_at" is null;