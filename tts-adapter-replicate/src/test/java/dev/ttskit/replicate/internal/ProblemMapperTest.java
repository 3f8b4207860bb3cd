package dev.ttskit.replicate.internal;

import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.TtsException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.http.Scrubber;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of the problem mapping that a create call cannot reach. */
class ProblemMapperTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final byte[] NOT_FOUND = "{\"detail\":\"The requested resource could not be found.\",\"status\":404}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void notFoundIsUnsupportedOnCreateButAnOutageOnGet() {
        TtsException onCreate = ProblemMapper.map(ProblemMapper.Operation.CREATE, 404, null, NOT_FOUND, "replicate", null, CLOCK, Scrubber.GENERIC);
        TtsException onGet = ProblemMapper.map(ProblemMapper.Operation.GET, 404, null, NOT_FOUND, "replicate", "p1", CLOCK, Scrubber.GENERIC);
        assertInstanceOf(UnsupportedRequestException.class, onCreate);
        assertInstanceOf(ProviderUnavailableException.class, onGet);
        assertEquals(404, onGet.providerStatus().orElseThrow());
        assertEquals("p1", onGet.requestId().orElseThrow());
        assertTrue(onGet.errorCode().isEmpty());
    }

    @Test
    void theHeaderWinsOverTheHintAndAnHttpDateIsReadAgainstTheClock() {
        byte[] throttled = "{\"detail\":\"Request was throttled. Your rate limit resets in ~30s.\"}".getBytes(StandardCharsets.UTF_8);
        TtsException e = ProblemMapper.map(ProblemMapper.Operation.GET, 429, "Thu, 01 Jan 2026 00:00:09 GMT", throttled,
                "replicate", null, CLOCK, Scrubber.GENERIC);
        assertEquals(Duration.ofSeconds(9), e.retryAfter().orElseThrow());
    }

    @Test
    void aStatusOutsideHttpsRangeIsNotRecordedAsTheProvidersStatus() {
        TtsException e = ProblemMapper.map(ProblemMapper.Operation.GET, 999, null, new byte[0], "replicate", null, CLOCK, Scrubber.GENERIC);
        assertInstanceOf(ProviderUnavailableException.class, e);
        assertTrue(e.providerStatus().isEmpty());
    }
}
