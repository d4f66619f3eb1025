CREATE TYPE "public"."caption_source" AS ENUM('typed', 'api');--> statement-breakpoint
CREATE TABLE "caption_feed" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_seq" bigint,
	CONSTRAINT "caption_feed_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "caption_line" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"source" "caption_source" NOT NULL,
	"feed_id" uuid,
	"feed_seq" bigint,
	"client_key" text,
	"language" text DEFAULT 'nl' NOT NULL,
	"text" text NOT NULL,
	"speaker_participant_id" uuid,
	"author_participant_id" uuid,
	"spoken_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "caption_line_session_seq" UNIQUE("session_id","seq"),
	CONSTRAINT "caption_line_feed_seq" UNIQUE("feed_id","feed_seq"),
	CONSTRAINT "caption_line_client_key" UNIQUE("session_id","client_key"),
	CONSTRAINT "caption_line_text_length" CHECK (char_length("caption_line"."text") between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "caption_line_revision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid NOT NULL,
	"previous_text" text NOT NULL,
	"previous_speaker_participant_id" uuid,
	"edited_by" uuid,
	"edited_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "captioner" (
	"session_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	CONSTRAINT "captioner_session_id_participant_id_pk" PRIMARY KEY("session_id","participant_id")
);
--> statement-breakpoint
ALTER TABLE "caption_feed" ADD CONSTRAINT "caption_feed_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caption_feed" ADD CONSTRAINT "caption_feed_created_by_participant_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."participant"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caption_line" ADD CONSTRAINT "caption_line_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caption_line" ADD CONSTRAINT "caption_line_feed_id_caption_feed_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."caption_feed"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caption_line" ADD CONSTRAINT "caption_line_speaker_participant_id_participant_id_fk" FOREIGN KEY ("speaker_participant_id") REFERENCES "public"."participant"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caption_line" ADD CONSTRAINT "caption_line_author_participant_id_participant_id_fk" FOREIGN KEY ("author_participant_id") REFERENCES "public"."participant"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caption_line_revision" ADD CONSTRAINT "caption_line_revision_line_id_caption_line_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."caption_line"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caption_line_revision" ADD CONSTRAINT "caption_line_revision_previous_speaker_participant_id_participant_id_fk" FOREIGN KEY ("previous_speaker_participant_id") REFERENCES "public"."participant"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caption_line_revision" ADD CONSTRAINT "caption_line_revision_edited_by_participant_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."participant"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "captioner" ADD CONSTRAINT "captioner_session_id_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "captioner" ADD CONSTRAINT "captioner_participant_id_participant_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "caption_feed_session_id_index" ON "caption_feed" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "caption_line_speaker_participant_id_index" ON "caption_line" USING btree ("speaker_participant_id");--> statement-breakpoint
CREATE INDEX "caption_line_author_participant_id_index" ON "caption_line" USING btree ("author_participant_id");--> statement-breakpoint
CREATE INDEX "caption_line_revision_line_id_index" ON "caption_line_revision" USING btree ("line_id");