/**
 * The ElevenLabs API behind {@link dev.ttskit.elevenlabs.ElevenLabsProvider}: request mapping, the
 * REST and WebSocket calls, streamed audio with its alignment, and the mapping of the API's errors to
 * ttskit's. Not API.
 */
@NullMarked
package dev.ttskit.elevenlabs.internal;

import org.jspecify.annotations.NullMarked;
