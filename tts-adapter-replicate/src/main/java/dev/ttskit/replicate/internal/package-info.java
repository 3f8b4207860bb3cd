/**
 * The prediction API behind {@link dev.ttskit.replicate.ReplicateProvider}: per-model input and
 * output profiles, creating, polling and cancelling predictions, guarded output downloads, webhook
 * verification, and the mapping of the API's problem documents to ttskit's exceptions. Not API.
 */
@NullMarked
package dev.ttskit.replicate.internal;

import org.jspecify.annotations.NullMarked;
