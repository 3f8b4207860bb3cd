package dev.ttskit.micrometer;

/** The names of ttskit's meters, observations and tags, in one place so that docs and tests agree with the code. */
public final class MeterNames {
    /** Timer: one request (synthesize or stream), tagged provider, kind, outcome, category. */
    public static final String REQUESTS = "ttskit.requests";
    /** Distribution summary: provider attempts per request, tagged provider, outcome. */
    public static final String REQUEST_ATTEMPTS = "ttskit.request.attempts";
    /** Timer: one provider call, tagged provider, outcome, category. */
    public static final String ATTEMPTS = "ttskit.attempts";
    /** Timer: a stream's time until its first audio, tagged provider. */
    public static final String FIRST_BYTE = "ttskit.stream.first.byte";
    /** Counter: characters of text requested, tagged provider, outcome. */
    public static final String CHARACTERS = "ttskit.characters";
    /** Counter: audio bytes delivered, tagged provider. */
    public static final String AUDIO_BYTES = "ttskit.audio.bytes";
    /** Counter: retries on the same provider, tagged provider, category (of the failure retried). */
    public static final String RETRIES = "ttskit.retries";
    /** Counter: moves from one provider to the next, tagged from, to, category. */
    public static final String FAILOVERS = "ttskit.failovers";
    /** Counter: hedged calls started, tagged primary, hedge. */
    public static final String HEDGES = "ttskit.hedges";
    /** Counter: requests that joined an identical request's call in flight, tagged provider. */
    public static final String SHARED_CALLS = "ttskit.shared.calls";
    /** Counter: circuit breaker transitions, tagged provider, from, to. */
    public static final String BREAKER_TRANSITIONS = "ttskit.breaker.transitions";
    /** Gauge: 1 for each provider's current breaker state, 0 for the others; tagged provider, state. */
    public static final String BREAKER_STATE = "ttskit.breaker.state";
    /** Counter: cache lookups, tagged result ({@code hit} or {@code miss}). */
    public static final String CACHE_GETS = "ttskit.cache.gets";
    /** Gauge: entries in the result cache. */
    public static final String CACHE_SIZE = "ttskit.cache.size";
    /** Gauge: audio bytes in the result cache. */
    public static final String CACHE_BYTES = "ttskit.cache.bytes";
    /** Function counter: entries evicted from the result cache. */
    public static final String CACHE_EVICTIONS = "ttskit.cache.evictions";

    /** Observation: one request, from the caller's side. */
    public static final String REQUEST_OBSERVATION = "ttskit.request";
    /** Observation: one provider call. */
    public static final String ATTEMPT_OBSERVATION = "ttskit.attempt";

    /** Tag: the provider's id; {@code none} when no provider was called, {@code other} past the limit of distinct ids. */
    public static final String TAG_PROVIDER = "provider";
    /** Tag: {@code synthesize} or {@code stream}. */
    public static final String TAG_KIND = "kind";
    /** Tag: {@code success} or {@code failure}. */
    public static final String TAG_OUTCOME = "outcome";
    /** Tag: the failure's category in lower case ({@code unavailable}, {@code timeout}...), {@code none} on success. */
    public static final String TAG_CATEGORY = "category";

    private MeterNames() {
    }
}
