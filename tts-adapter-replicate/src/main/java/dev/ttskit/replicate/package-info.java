/**
 * The Replicate adapter: {@link dev.ttskit.replicate.ReplicateProvider}, its factory (provider id
 * {@code replicate}), and the webhook receiving side ({@link dev.ttskit.replicate.WebhookHandler},
 * {@link dev.ttskit.replicate.WebhookServer}, {@link dev.ttskit.replicate.CompletionBus}).
 */
package dev.ttskit.replicate;
