CREATE TABLE "setup_token" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"claimed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "setup_token_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "setup_token" ADD CONSTRAINT "setup_token_claimed_by_person_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;