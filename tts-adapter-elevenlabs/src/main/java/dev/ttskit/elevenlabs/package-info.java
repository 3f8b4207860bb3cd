/**
 * The ElevenLabs adapter.
 *
 * <p>{@link dev.ttskit.elevenlabs.ElevenLabsProvider} implements the provider SPI (whole-file and
 * streamed synthesis, voices) and adds what only ElevenLabs offers: character timestamps, WebSocket
 * input streaming ({@link dev.ttskit.elevenlabs.InputStreamingSession}), the model list with its
 * per-request limits ({@link dev.ttskit.elevenlabs.ElevenLabsModel}) and the account's quota
 * ({@link dev.ttskit.elevenlabs.Subscription}).
 *
 * <p>Configuration from the environment ({@link dev.ttskit.elevenlabs.ElevenLabsProviderFactory}):
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>Variable</th><th>Meaning</th></tr>
 *   <tr><td>{@code ELEVENLABS_API_KEY}</td><td>the key (required; without it no provider is made)</td></tr>
 *   <tr><td>{@code ELEVENLABS_BASE_URL}</td><td>API host, with or without {@code /v1}, e.g. a data-residency host</td></tr>
 *   <tr><td>{@code ELEVENLABS_VOICE_ID}</td><td>voice for requests that name none</td></tr>
 *   <tr><td>{@code ELEVENLABS_MODEL_ID}</td><td>model for requests that name none ({@code eleven_multilingual_v2})</td></tr>
 * </table>
 */
@NullMarked
package dev.ttskit.elevenlabs;

import org.jspecify.annotations.NullMarked;
