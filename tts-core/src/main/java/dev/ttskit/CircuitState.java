package dev.ttskit;

/** The state of a provider's circuit breaker, as reported by {@link TtsClient#health()}. */
public enum CircuitState {
    /** Calls flow; failures are counted. */
    CLOSED,
    /** Calls are refused until the wait duration passes. */
    OPEN,
    /** A few probe calls decide whether to close or open again. */
    HALF_OPEN,
    /** Forced open or disabled by configuration. */
    DISABLED
}
