/**
 * The Replicate adapter: text to speech as Replicate predictions.
 *
 * <p>{@link dev.ttskit.replicate.ReplicateProvider} (provider id {@code replicate}) runs one
 * configured model (xtts-v2, kokoro-82m, minimax speech-02, chatterbox, or any model with raw input)
 * as a prediction and fetches its output with the download guarded (host, size, time). How it learns
 * that a prediction finished is a {@link dev.ttskit.replicate.CompletionStrategy}: a signed webhook,
 * Replicate's synchronous wait, or polling.
 *
 * <p>The webhook side is here too. {@link dev.ttskit.replicate.WebhookHandler} verifies a delivery's
 * signature and timestamp, refuses replays and hands the prediction to the
 * {@link dev.ttskit.spi.CompletionBus} the waiting call listens on; its answer is a
 * {@link dev.ttskit.replicate.WebhookOutcome} with the HTTP status to reply with. Mount the handler
 * in your own HTTP server, or start the built-in {@link dev.ttskit.replicate.WebhookServer}.
 *
 * <p>{@link dev.ttskit.replicate.ReplicateProviderFactory} makes the provider for
 * {@code TtsClient.fromEnv()} from {@code REPLICATE_API_TOKEN}, {@code REPLICATE_MODEL} and the
 * {@code REPLICATE_WEBHOOK_*} settings; the module's README lists them all.
 */
@NullMarked
package dev.ttskit.replicate;

import org.jspecify.annotations.NullMarked;
