/**
 * The embedded offline voice: {@link dev.ttskit.marytts.MaryTtsProvider} (provider id {@code marytts}),
 * MaryTTS 5.2.1 with its {@code cmu-slt-hsmm} English voice, running inside the JVM with no key, no
 * network and no model download.
 *
 * <p>It is the zero-configuration default: {@link dev.ttskit.marytts.MaryTtsProviderFactory} makes it
 * for {@code TtsClient.fromEnv()} without any setting, and it comes last in the default failover
 * order, so an application that configures nothing still speaks, and one whose cloud providers fail
 * still has a last resort. It speaks English only, as 16-bit mono PCM or WAV at the voice's 48 kHz
 * (the client converts to the rate asked for); it neither streams nor clones. MaryTTS starts on first
 * use and is shared by the whole JVM; calls are serialised because MaryTTS is not thread-safe.
 *
 * <pre>{@code
 * try (TtsClient tts = TtsClient.builder().provider(MaryTtsProvider.create()).build()) {
 *     byte[] wav = tts.synthesize(SpeechRequest.of("Hello there.")).audioBytes();
 * }
 * }</pre>
 *
 * <p>MaryTTS and its voice are published under the LGPL-3.0. This jar is the automatic module
 * {@code dev.ttskit.marytts}: MaryTTS's own jars split packages between them, so they belong on the
 * class path.
 */
@NullMarked
package dev.ttskit.marytts;

import org.jspecify.annotations.NullMarked;
