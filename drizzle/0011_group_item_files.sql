ALTER TYPE "public"."group_item_kind" ADD VALUE 'file';--> statement-breakpoint
ALTER TABLE "group_item" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "group_item" ADD COLUMN "file_type" text;--> statement-breakpoint
ALTER TABLE "group_item" ADD COLUMN "file_label" text;--> statement-breakpoint
ALTER TABLE "group_item" ADD COLUMN "file_bytes" integer;