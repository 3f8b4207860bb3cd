/**
 * The Amazon Polly adapter, on the AWS SDK for Java v2.
 *
 * <p>{@link dev.ttskit.polly.PollyProvider} implements the provider SPI over {@code SynthesizeSpeech}
 * (MP3, and PCM or WAV at 8 or 16 kHz, whole or streamed; word timings from speech marks) and
 * {@code DescribeVoices}. Credentials, region and endpoint come from the SDK's own configuration.
 *
 * <p>Configuration from the environment ({@link dev.ttskit.polly.PollyProviderFactory}):
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>Variable</th><th>Meaning</th></tr>
 *   <tr><td>{@code AWS_REGION}</td><td>the region (required; credentials from the SDK's default chain)</td></tr>
 *   <tr><td>{@code AWS_ENDPOINT_URL_POLLY}, {@code AWS_ENDPOINT_URL}</td><td>another endpoint</td></tr>
 *   <tr><td>{@code POLLY_VOICE_ID}, {@code POLLY_ENGINE}</td><td>voice and engine for requests that name none</td></tr>
 * </table>
 */
@NullMarked
package dev.ttskit.polly;

import org.jspecify.annotations.NullMarked;
