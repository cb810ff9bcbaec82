CREATE TYPE "public"."contact_frequency" AS ENUM('daily', 'weekly', 'monthly', 'less');--> statement-breakpoint
CREATE TYPE "public"."support_kind" AS ENUM('practical', 'talk', 'crisis', 'company');--> statement-breakpoint
CREATE TABLE "coping_tool" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"suggestion_key" text,
	"own_text" text,
	"rating" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coping_tool_one_source" CHECK (("coping_tool"."suggestion_key" is null) <> ("coping_tool"."own_text" is null)),
	CONSTRAINT "coping_tool_rating_range" CHECK ("coping_tool"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "support_person" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kinds" "support_kind"[] NOT NULL,
	"frequency" "contact_frequency" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_person_some_kind" CHECK (cardinality("support_person"."kinds") between 1 and 4)
);
--> statement-breakpoint
ALTER TABLE "coping_tool" ADD CONSTRAINT "coping_tool_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_person" ADD CONSTRAINT "support_person_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coping_tool_person_idx" ON "coping_tool" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "coping_tool_suggestion_uq" ON "coping_tool" USING btree ("person_id","suggestion_key") WHERE "coping_tool"."suggestion_key" is not null;--> statement-breakpoint
CREATE INDEX "support_person_person_idx" ON "support_person" USING btree ("person_id","created_at");