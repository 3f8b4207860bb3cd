/**
 * The audio model and the conversions ttskit does itself, without a codec library.
 *
 * <p>{@link dev.ttskit.audio.AudioFormat} names a format (container, encoding, sample rate, channels,
 * bitrate). It is an open enum: constants such as {@code WAV_PCM16_24K} cover what providers make,
 * {@link dev.ttskit.audio.AudioFormat#of} any other, and {@link dev.ttskit.audio.AudioFormat#parse}
 * reads providers' names ({@code pcm_24000}, {@code mp3_44100_128}). A request names the format the
 * caller wants; whichever provider answers, the client delivers that format.
 *
 * <p>Conversions go through {@link dev.ttskit.audio.PcmAudio}, decoded audio as float samples:
 * <ul>
 *   <li>{@link dev.ttskit.audio.WavCodec} reads WAV files of many shapes without trusting their
 *       declared sizes ({@link dev.ttskit.audio.WavInfo} is what a header says) and writes 16-bit PCM
 *       WAV;</li>
 *   <li>{@link dev.ttskit.audio.AudioConverter} decodes and encodes 16-bit PCM and G.711, raw or in
 *       WAV, and converts between them;</li>
 *   <li>{@link dev.ttskit.audio.Resampler} changes the sample rate with a band-limited filter;</li>
 *   <li>{@link dev.ttskit.audio.AudioConcat} joins parts with silence or a crossfade, as long-text
 *       synthesis does;</li>
 *   <li>{@link dev.ttskit.audio.AudioAnalysis} measures levels, which is how empty or silent
 *       provider output is recognised as a failure rather than a result;</li>
 *   <li>{@link dev.ttskit.audio.MpegFrameHeader} reads an MP3 frame header, to tell an MP3's rate
 *       and bitrate without decoding it.</li>
 * </ul>
 * MP3 and Opus are never decoded or encoded here: they come only from providers that make them.
 *
 * <pre>{@code
 * PcmAudio pcm = WavCodec.decode(wavBytes);                       // any supported WAV
 * PcmAudio mono16k = Resampler.resample(pcm.toMono(), 16_000);
 * byte[] out = AudioConverter.encode(mono16k, AudioFormat.WAV_PCM16_16K);
 * }</pre>
 *
 * <p>Every parser here fails with {@link dev.ttskit.AudioFormatException}, never with another
 * exception, on malformed input.
 */
@NullMarked
package dev.ttskit.audio;

import org.jspecify.annotations.NullMarked;
