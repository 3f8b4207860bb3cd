/**
 * The OpenAI speech adapter, also for OpenAI-compatible speech servers.
 *
 * <p>{@link dev.ttskit.openai.OpenAiProvider} implements the provider SPI over
 * {@code POST /v1/audio/speech}: whole-file and streamed synthesis, the built-in voices, and
 * declared formats and voices for compatible servers (Kokoro-FastAPI, openedai-speech, LocalAI...).
 *
 * <p>Configuration from the environment ({@link dev.ttskit.openai.OpenAiProviderFactory}):
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>Variable</th><th>Meaning</th></tr>
 *   <tr><td>{@code OPENAI_API_KEY}</td><td>the key (required for OpenAI; optional for a compatible server)</td></tr>
 *   <tr><td>{@code OPENAI_BASE_URL}</td><td>the server, with or without {@code /v1}; any host but OpenAI's is taken to be a compatible server</td></tr>
 *   <tr><td>{@code OPENAI_TTS_MODEL}</td><td>model for requests that name none ({@code gpt-4o-mini-tts})</td></tr>
 *   <tr><td>{@code OPENAI_TTS_VOICE}</td><td>voice for requests that name none ({@code alloy})</td></tr>
 * </table>
 */
@NullMarked
package dev.ttskit.openai;

import org.jspecify.annotations.NullMarked;
