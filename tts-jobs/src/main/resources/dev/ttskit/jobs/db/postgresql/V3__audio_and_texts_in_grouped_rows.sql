-- ttskit durable speech jobs, version 3 (PostgreSQL). Keep in step with ../h2/V3__audio_and_texts_in_grouped_rows.sql.

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

-- Chunk texts move out of the chunk rows too, into a row for each execution's range: a job of a thousand
-- chunks is stored with a few rows instead of a thousand, and a chunk gets a row in ttskit_job_chunk only
-- once something happens to it (a provider's note, a failed attempt, its audio). A row without lengths
-- holds one chunk, as each chunk row of an earlier version becomes.
CREATE TABLE ttskit_job_text (
    job_id            VARCHAR(36)    NOT NULL,
    first_seq         INT            NOT NULL,
    -- the length of each chunk's text (UTF-16 units), comma-separated; null: the row holds one chunk
    lengths           TEXT,
    -- the chunks' texts, one after another
    texts             TEXT NOT NULL,
    PRIMARY KEY (job_id, first_seq),
    CONSTRAINT ttskit_job_text_job FOREIGN KEY (job_id) REFERENCES ttskit_job (id) ON DELETE CASCADE
);
INSERT INTO ttskit_job_text (job_id, first_seq, lengths, texts) SELECT job_id, seq, NULL, text_value FROM ttskit_job_chunk;
ALTER TABLE ttskit_job_chunk DROP COLUMN text_value;

-- From this version a chunk is counted into its job in the transaction that stores it, so the count is
-- exact; a count an earlier version left behind (it tallied after a run of chunks) is made exact here.
UPDATE ttskit_job SET done_chunks = (SELECT COUNT(*) FROM ttskit_job_chunk c WHERE c.job_id = ttskit_job.id
    AND c.state IN ('DONE', 'SILENCED')) WHERE state <> 'SUCCEEDED';
