/**
 * Many instances of an application acting as one, through PostgreSQL: {@link dev.ttskit.cluster.TtsCluster}
 * is the shared state (webhook completions, the result cache's far tier, account limits) a
 * {@link dev.ttskit.TtsClient} is given, and {@link dev.ttskit.cluster.WebhookRecorder} a receiver that
 * only records webhook completions.
 */
@NullMarked
package dev.ttskit.cluster;

import org.jspecify.annotations.NullMarked;
