CREATE TYPE "public"."language_offer" AS ENUM('nl', 'en', 'both');--> statement-breakpoint
CREATE TYPE "public"."series_status" AS ENUM('draft', 'published', 'running', 'finished', 'archived');--> statement-breakpoint
CREATE TABLE "administrator" (
	"person_id" text PRIMARY KEY NOT NULL,
	"appointed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "series_logo" (
	"series_id" uuid PRIMARY KEY NOT NULL,
	"png" "bytea" NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "participant" ADD COLUMN "answers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "series" ADD COLUMN "description" jsonb DEFAULT '{"nl":"","en":""}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "series" ADD COLUMN "status" "series_status" DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "series" ADD COLUMN "languages" "language_offer" DEFAULT 'nl' NOT NULL;--> statement-breakpoint
ALTER TABLE "series" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "series" ADD COLUMN "registration" jsonb;--> statement-breakpoint
ALTER TABLE "series" ADD COLUMN "accent_colour" text;--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "capacity" integer;--> statement-breakpoint
ALTER TABLE "session" ADD COLUMN "speakers" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "administrator" ADD CONSTRAINT "administrator_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administrator" ADD CONSTRAINT "administrator_appointed_by_person_id_fk" FOREIGN KEY ("appointed_by") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series_logo" ADD CONSTRAINT "series_logo_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Series made before drafts existed were all visible: they stay so.
UPDATE "series" SET "status" = 'published';