CREATE TYPE "public"."certificate_revocation" AS ENUM('organiser', 'erasure', 'retention');--> statement-breakpoint
CREATE TABLE "certificate" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"session_id" uuid,
	"language" text NOT NULL,
	"threshold_percent" integer NOT NULL,
	"code_hash" text NOT NULL,
	"printed_name" text NOT NULL,
	"sessions" jsonb NOT NULL,
	"pdf" "bytea",
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_by" "certificate_revocation",
	"revoked_reason" text,
	CONSTRAINT "certificate_codeHash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_issued_by_participant_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."participant"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_valid_once" ON "certificate" USING btree ("participant_id",coalesce("session_id"::text, 'series')) WHERE "certificate"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "certificate_series_id_index" ON "certificate" USING btree ("series_id");