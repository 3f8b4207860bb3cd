/**
 * Micrometer meters and observations for a {@link dev.ttskit.TtsClient}.
 *
 * <p>{@link dev.ttskit.micrometer.TtsMetrics} listens to the client's events (see
 * {@link dev.ttskit.TtsListener}) and records them in a {@code MeterRegistry}: a request timer by
 * provider and outcome category, attempts, a stream's time to first byte, characters and audio bytes,
 * retries, failovers, hedges, calls shared by identical requests, breaker transitions and state, and
 * cache hits, misses and size. Given an {@code ObservationRegistry} it also records one
 * {@code Observation} per request and per provider attempt, so Micrometer's OpenTelemetry or Brave
 * bridges turn them into spans without ttskit depending on either.
 *
 * <p>Tags are bounded: provider ids, error categories, request kinds and outcomes, never the text,
 * a voice, a file path or a key.
 *
 * <pre>{@code
 * TtsMetrics metrics = TtsMetrics.builder(meterRegistry).observations(observationRegistry).build();
 * try (TtsClient tts = TtsClient.builder().provider(MaryTtsProvider.create()).listener(metrics.listener()).build()) {
 *     metrics.bindTo(tts);      // breaker state and cache gauges, read from the client
 *     tts.synthesize(SpeechRequest.of("Hello there."));
 * }
 * }</pre>
 */
@NullMarked
package dev.ttskit.micrometer;

import org.jspecify.annotations.NullMarked;
