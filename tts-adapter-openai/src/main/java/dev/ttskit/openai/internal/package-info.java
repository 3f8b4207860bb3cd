/**
 * The speech endpoint behind {@link dev.ttskit.openai.OpenAiProvider}: request mapping, the HTTP
 * call, streamed and server-sent-event audio, and the mapping of the API's errors to ttskit's. Not API.
 */
@NullMarked
package dev.ttskit.openai.internal;

import org.jspecify.annotations.NullMarked;
