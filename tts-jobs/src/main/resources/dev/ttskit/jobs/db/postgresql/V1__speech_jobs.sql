-- ttskit durable speech jobs (PostgreSQL). Keep in step with ../h2/V1__speech_jobs.sql.

CREATE TABLE ttskit_job (
    id                VARCHAR(36)    NOT NULL PRIMARY KEY,
    idempotency_key   VARCHAR(200),
    state             VARCHAR(16)    NOT NULL,
    priority          INT            NOT NULL,
    run_no            INT            NOT NULL,
    voice             VARCHAR(200),
    language_tag      VARCHAR(35),
    audio_format      VARCHAR(40)    NOT NULL,
    output_path       VARCHAR(4000),
    silence_failed    BOOLEAN        NOT NULL,
    gap_millis        INT            NOT NULL,
    total_chunks      INT            NOT NULL,
    done_chunks       INT            NOT NULL,
    progress          INT            NOT NULL,
    error_category    VARCHAR(32),
    error_message     VARCHAR(2000),
    error_provider    VARCHAR(64),
    error_request_id  VARCHAR(200),
    error_chunk       INT,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    CONSTRAINT ttskit_job_idempotency_key UNIQUE (idempotency_key)
);
CREATE INDEX ttskit_job_created_idx ON ttskit_job (created_at);

CREATE TABLE ttskit_job_chunk (
    job_id            VARCHAR(36)    NOT NULL,
    seq               INT            NOT NULL,
    text_value        TEXT NOT NULL,
    state             VARCHAR(16)    NOT NULL,
    provider          VARCHAR(64),
    attempts          INT            NOT NULL,
    audio_bytes       BIGINT,
    checkpoint        VARCHAR(4000),
    error_category    VARCHAR(32),
    error_message     VARCHAR(2000),
    PRIMARY KEY (job_id, seq),
    CONSTRAINT ttskit_job_chunk_job FOREIGN KEY (job_id) REFERENCES ttskit_job (id) ON DELETE CASCADE
);

CREATE TABLE ttskit_job_chunk_audio (
    job_id            VARCHAR(36)    NOT NULL,
    seq               INT            NOT NULL,
    audio             BYTEA           NOT NULL,
    PRIMARY KEY (job_id, seq),
    CONSTRAINT ttskit_job_chunk_audio_chunk FOREIGN KEY (job_id, seq) REFERENCES ttskit_job_chunk (job_id, seq) ON DELETE CASCADE
);

-- db-scheduler's executions table, under a ttskit name so an application's own scheduler is untouched.
CREATE TABLE ttskit_scheduled_tasks (
    task_name             VARCHAR(100)  NOT NULL,
    task_instance         VARCHAR(100)  NOT NULL,
    task_data             BYTEA,
    execution_time        TIMESTAMPTZ NOT NULL,
    picked                BOOLEAN       NOT NULL,
    picked_by             VARCHAR(50),
    last_success          TIMESTAMPTZ,
    last_failure          TIMESTAMPTZ,
    consecutive_failures  INT,
    last_heartbeat        TIMESTAMPTZ,
    version               BIGINT        NOT NULL,
    priority              SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX ttskit_scheduled_tasks_execution_time_idx ON ttskit_scheduled_tasks (execution_time);
CREATE INDEX ttskit_scheduled_tasks_last_heartbeat_idx ON ttskit_scheduled_tasks (last_heartbeat);
CREATE INDEX ttskit_scheduled_tasks_priority_idx ON ttskit_scheduled_tasks (priority DESC, execution_time ASC);
