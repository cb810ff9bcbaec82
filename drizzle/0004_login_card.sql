CREATE TABLE "login_card" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"issued_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "login_card_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
ALTER TABLE "login_card" ADD CONSTRAINT "login_card_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "login_card" ADD CONSTRAINT "login_card_issued_by_person_id_person_id_fk" FOREIGN KEY ("issued_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_card_person_idx" ON "login_card" USING btree ("person_id");