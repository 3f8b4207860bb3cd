-- ttskit durable speech jobs, version 3 (PostgreSQL). Keep in step with ../h2/V3__audio_table_of_its_own.sql.

-- Chunk audio moves out of the chunk rows into a table of its own, one row for the chunks one worker
-- stored together (see the H2 script for why H2 needs it; here it keeps the chunk rows that claims,
-- counts and status read narrow, writes a group of chunks as one row, and one schema serves both).
CREATE TABLE ttskit_job_audio (
    job_id            VARCHAR(36)    NOT NULL,
    -- the first of the chunks whose audio the row holds
    first_seq         INT            NOT NULL,
    -- those chunks, in order, comma-separated, and the byte length of each one's audio
    seqs              TEXT           NOT NULL,
    lengths           TEXT           NOT NULL,
    -- their audio, one after another
    audio             BYTEA          NOT NULL,
    PRIMARY KEY (job_id, first_seq),
    CONSTRAINT ttskit_job_audio_job FOREIGN KEY (job_id) REFERENCES ttskit_job (id) ON DELETE CASCADE
);
INSERT INTO ttskit_job_audio (job_id, first_seq, seqs, lengths, audio)
    SELECT job_id, seq, CAST(seq AS TEXT), CAST(OCTET_LENGTH(audio) AS TEXT), audio FROM ttskit_job_chunk WHERE audio IS NOT NULL;
ALTER TABLE ttskit_job_chunk DROP COLUMN audio;

-- From this version a chunk is counted into its job in the transaction that stores it, so the count is
-- exact; a count an earlier version left behind (it tallied after a run of chunks) is made exact here.
UPDATE ttskit_job SET done_chunks = (SELECT COUNT(*) FROM ttskit_job_chunk c WHERE c.job_id = ttskit_job.id
    AND c.state IN ('DONE', 'SILENCED')) WHERE state <> 'SUCCEEDED';
