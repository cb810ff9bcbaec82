CREATE TYPE "public"."audit_action" AS ENUM('C', 'R', 'U', 'D', 'E');--> statement-breakpoint
CREATE TYPE "public"."audit_outcome" AS ENUM('success', 'failure');--> statement-breakpoint
CREATE TABLE "audit_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"chain_seq" bigint DEFAULT 0 NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"event_type" text NOT NULL,
	"action" "audit_action" NOT NULL,
	"outcome" "audit_outcome" NOT NULL,
	"actor_person_id" uuid,
	"actor_role" text,
	"actor_name" text,
	"actor_organisation_id" uuid,
	"on_behalf_of_person_id" uuid,
	"participant_id" uuid,
	"organisation_id" uuid,
	"object_type" text,
	"object_id" text,
	"access_point" text,
	"previous_hash" text,
	"hash" text DEFAULT '' NOT NULL,
	CONSTRAINT "audit_event_chain_seq_unique" UNIQUE("chain_seq")
);
--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "show_staff_names_in_access_log" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_event_participant_idx" ON "audit_event" USING btree ("participant_id","recorded_at");--> statement-breakpoint
CREATE INDEX "audit_event_organisation_idx" ON "audit_event" USING btree ("organisation_id","recorded_at");--> statement-breakpoint
CREATE INDEX "audit_event_actor_idx" ON "audit_event" USING btree ("actor_person_id","recorded_at");