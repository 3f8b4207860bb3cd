/**
 * Test support for applications that use ttskit and for authors of adapters.
 *
 * <p>For application tests, {@link dev.ttskit.testkit.MockTtsProvider} stands in for a real provider:
 * each call takes the next scripted {@link dev.ttskit.testkit.MockOutcome} (audio, silence, an error,
 * latency, a hang, a stream that fails part way) and is recorded as a
 * {@link dev.ttskit.testkit.RecordedCall}, so a test can script a failover and check what each
 * provider was asked. {@link dev.ttskit.testkit.MockAudio} makes tones and silence in any PCM-based
 * format.
 *
 * <p>Time is under the test's control: {@link dev.ttskit.testkit.ManualClock} moves only when told,
 * and {@link dev.ttskit.testkit.ManualSleeper} records each backoff and advances that clock instead
 * of sleeping, so retry, breaker and deadline tests run instantly and can assert the waits.
 * {@link dev.ttskit.testkit.NoLeaks} fails a test class that leaves a client's threads running.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * MockTtsProvider primary = MockTtsProvider.builder("primary")
 *         .then(MockOutcome.error(AuthenticationException.builder("HTTP 401").provider("primary").build()))
 *         .build();
 * try (TtsClient tts = TtsClient.builder().clock(clock).sleeper(new ManualSleeper(clock))
 *         .provider(primary).provider(MockTtsProvider.alwaysAudio("backup")).build()) {
 *     assertEquals("backup", tts.synthesize(SpeechRequest.of("Hi.")).provider());
 * }
 * }</pre>
 *
 * <p>For adapter authors, {@link dev.ttskit.testkit.TtsProviderContractTest} is the behaviour every
 * provider must have (typed errors, exact formats, deadlines and cancellation honoured, idempotent
 * close); an adapter's test extends it and scripts its backend through the hooks.
 */
@NullMarked
package dev.ttskit.testkit;

import org.jspecify.annotations.NullMarked;
