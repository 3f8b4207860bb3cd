package dev.ttskit.examples;

import dev.ttskit.ProviderHealth;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.TtsListener;
import dev.ttskit.marytts.MaryTtsProvider;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;

import java.io.PrintStream;
import java.util.List;

/**
 * A failover chain: a primary that is down (a scripted mock standing in for a cloud provider) and the
 * embedded voice behind it. The request still succeeds; the listener and the health snapshot show
 * what happened.
 */
public final class FailoverChain {
    private FailoverChain() {
    }

    public static void main(String[] args) {
        SpeechResult result = run(System.out);
        System.out.println("spoken by " + result.provider() + " after " + result.attempts() + " attempts");
    }

    /** Speaks once through the chain, printing failovers and then each provider's health to {@code out}. */
    public static SpeechResult run(PrintStream out) {
        MockTtsProvider primary = MockTtsProvider.builder("primary")
                .otherwise(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503 from upstream")
                        .provider("primary").build()))
                .build();
        try (TtsClient tts = TtsClient.builder()
                .provider(primary)                        // tried first
                .provider(MaryTtsProvider.create())       // the offline last resort
                .listener(new TtsListener() {
                    @Override
                    public void onFailover(String from, String to, TtsException cause) {
                        out.println("failover: " + from + " -> " + to + " (" + cause.category() + ")");
                    }
                })
                .build()) {
            SpeechResult result = tts.synthesize(SpeechRequest.of("The primary is down, so the embedded voice answers."));
            List<ProviderHealth> health = tts.health();
            for (ProviderHealth h : health) {
                out.printf("%-8s breaker=%s ok=%d failed=%d last error=%s%n", h.provider(), h.state(),
                        h.successfulCalls(), h.failedCalls(), h.lastErrorCategory().map(Enum::name).orElse("-"));
            }
            return result;
        }
    }
}
