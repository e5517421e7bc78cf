-- An LLM's opinion of an issue's type, kept beside the offline classification (which stays the
-- stored type): what it said, or why it could not say.
ALTER TABLE issue_analysis ADD COLUMN llm_type jsonb;
ALTER TABLE issue_analysis ADD COLUMN llm_error text;
