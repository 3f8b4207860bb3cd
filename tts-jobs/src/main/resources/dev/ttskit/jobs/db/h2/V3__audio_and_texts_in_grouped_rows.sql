-- ttskit durable speech jobs, version 3 (H2). Keep in step with ../postgresql/V3__audio_and_texts_in_grouped_rows.sql.

-- Chunk audio moves out of the chunk rows into a table of its own, one row for the chunks one worker
-- stored together, as BINARY VARYING rather than a BLOB. H2 keeps every BLOB in its LOB store: storing
-- one copies it out of the statement's temporary LOB, reading it back is a stream per chunk, dropping it
-- is work for a cleaner thread. For a job of short chunks that cost more than everything else a chunk
-- costs, and so did a row per chunk. Here a group of chunks is one row, written, read and dropped with
-- it, and the chunk table's queries (claims, counts, status) never touch audio.
CREATE TABLE ttskit_job_audio (
    job_id            VARCHAR(36)    NOT NULL,
    -- the first of the chunks whose audio the row holds
    first_seq         INT            NOT NULL,
    -- those chunks, in order, comma-separated, and the byte length of each one's audio
    seqs              VARCHAR(1000000) NOT NULL,
    lengths           VARCHAR(1000000) NOT NULL,
    -- their audio, one after another
    audio             BINARY VARYING NOT NULL,
    PRIMARY KEY (job_id, first_seq),
    CONSTRAINT ttskit_job_audio_job FOREIGN KEY (job_id) REFERENCES ttskit_job (id) ON DELETE CASCADE
);
INSERT INTO ttskit_job_audio (job_id, first_seq, seqs, lengths, audio)
    SELECT job_id, seq, CAST(seq AS VARCHAR), CAST(OCTET_LENGTH(audio) AS VARCHAR), CAST(audio AS BINARY VARYING)
    FROM ttskit_job_chunk WHERE audio IS NOT NULL;
ALTER TABLE ttskit_job_chunk DROP COLUMN audio;

-- Chunk texts move out of the chunk rows too, into a row for each execution's range: a job of a thousand
-- chunks is stored with a few rows instead of a thousand, and a chunk gets a row in ttskit_job_chunk only
-- once something happens to it (a provider's note, a failed attempt, its audio). A row without lengths
-- holds one chunk, as each chunk row of an earlier version becomes.
CREATE TABLE ttskit_job_text (
    job_id            VARCHAR(36)    NOT NULL,
    first_seq         INT            NOT NULL,
    -- the length of each chunk's text (UTF-16 units), comma-separated; null: the row holds one chunk
    lengths           VARCHAR(1000000),
    -- the chunks' texts, one after another
    texts             CHARACTER VARYING NOT NULL,
    PRIMARY KEY (job_id, first_seq),
    CONSTRAINT ttskit_job_text_job FOREIGN KEY (job_id) REFERENCES ttskit_job (id) ON DELETE CASCADE
);
INSERT INTO ttskit_job_text (job_id, first_seq, lengths, texts) SELECT job_id, seq, NULL, text_value FROM ttskit_job_chunk;
ALTER TABLE ttskit_job_chunk DROP COLUMN text_value;

-- From this version a chunk is counted into its job in the transaction that stores it, so the count is
-- exact; a count an earlier version left behind (it tallied after a run of chunks) is made exact here.
UPDATE ttskit_job SET done_chunks = (SELECT COUNT(*) FROM ttskit_job_chunk c WHERE c.job_id = ttskit_job.id
    AND c.state IN ('DONE', 'SILENCED')) WHERE state <> 'SUCCEEDED';
