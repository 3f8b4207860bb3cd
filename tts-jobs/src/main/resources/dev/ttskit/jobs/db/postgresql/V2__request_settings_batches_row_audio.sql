-- ttskit durable speech jobs, version 2 (PostgreSQL). Keep in step with ../h2/V2__request_settings_batches_row_audio.sql.

-- Everything else a SpeechRequest says that matters for a long text, so every chunk is spoken as asked.
ALTER TABLE ttskit_job ADD COLUMN speed DOUBLE PRECISION;
ALTER TABLE ttskit_job ADD COLUMN seed BIGINT;
ALTER TABLE ttskit_job ADD COLUMN provider_options TEXT;
ALTER TABLE ttskit_job ADD COLUMN providers VARCHAR(1000);
ALTER TABLE ttskit_job ADD COLUMN allow_any_voice BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE ttskit_job ADD COLUMN call_timeout_millis BIGINT;
ALTER TABLE ttskit_job ADD COLUMN speaker_reference VARCHAR(4000);
-- How chunks are joined: an equal-power crossfade instead of the gap when positive.
ALTER TABLE ttskit_job ADD COLUMN crossfade_millis INT DEFAULT 0 NOT NULL;
-- Chunks one execution speaks in a row; jobs stored before this version have one each.
ALTER TABLE ttskit_job ADD COLUMN chunks_per_execution INT DEFAULT 1 NOT NULL;

-- A chunk's audio moves into its row, so that one statement stores it and marks the chunk done.
ALTER TABLE ttskit_job_chunk ADD COLUMN audio BYTEA;
UPDATE ttskit_job_chunk c SET audio = (SELECT a.audio FROM ttskit_job_chunk_audio a WHERE a.job_id = c.job_id AND a.seq = c.seq)
    WHERE EXISTS (SELECT 1 FROM ttskit_job_chunk_audio a WHERE a.job_id = c.job_id AND a.seq = c.seq);
DROP TABLE ttskit_job_chunk_audio;
