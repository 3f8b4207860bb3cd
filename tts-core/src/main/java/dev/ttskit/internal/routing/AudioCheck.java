package dev.ttskit.internal.routing;

import dev.ttskit.AudioCheckPolicy;
import dev.ttskit.AudioFormatException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.ContainerDuration;
import dev.ttskit.audio.MpegFrameHeader;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Applies an {@link AudioCheckPolicy} to what a provider returned: energy over 20 ms frames, overall
 * RMS, and duration against the speakable text. Failing audio is an {@link AudioFormatException}
 * (BAD_AUDIO) naming the provider and what was measured, never the text.
 */
final class AudioCheck {
    static final int FRAME_MILLIS = 20;

    private AudioCheck() {
    }

    /** Letters and digits: what takes time to say (punctuation, spaces and markup barely do). */
    static int speakable(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) n++;
            i += Character.charCount(cp);
        }
        return n;
    }

    static Duration minimumDuration(String text, AudioCheckPolicy policy) {
        return policy.minDurationPerChar().multipliedBy(speakable(text));
    }

    /** Checks decoded audio. */
    static void check(PcmAudio pcm, String text, AudioCheckPolicy policy, String provider, @Nullable String requestId) {
        if (pcm.frames() == 0) throw bad("provider returned no audio samples", provider, requestId);
        if (!policy.enabled()) return;
        check(SampleLevels.floats(pcm.samples()), pcm.frames() * pcm.channels(), pcm.sampleRate(), pcm.channels(), text, policy,
                provider, requestId);
    }

    /**
     * Checks 16-bit PCM where it lies, without decoding it: a WAV file of 16-bit integer samples or
     * raw {@link AudioFormat.Encoding#PCM_S16LE} of whole frames. False when the audio is anything
     * else (or malformed), for the caller to decode and check, which reports what is wrong with it.
     */
    static boolean checkPcm16InPlace(byte[] audio, AudioFormat format, String text, AudioCheckPolicy policy, String provider,
                                     @Nullable String requestId) {
        if (format.encoding() != AudioFormat.Encoding.PCM_S16LE) return false;
        int offset;
        int length;
        int rate;
        int channels;
        if (format.container() == AudioFormat.Container.WAV) {
            WavInfo info;
            try {
                info = WavCodec.readInfo(audio);
            } catch (AudioFormatException e) {
                return false;
            }
            if (info.formatTag() != WavInfo.PCM || info.bitsPerSample() != 16 || info.dataLength() == 0) return false;
            offset = info.dataOffset();
            length = info.dataLength();
            rate = info.sampleRate();
            channels = info.channels();
        } else {
            offset = 0;
            length = audio.length;
            rate = format.sampleRate();
            channels = format.channels();
            if (length % (2 * channels) != 0) return false;
        }
        int count = length / 2;
        if (count / channels == 0) throw bad("provider returned no audio samples", provider, requestId);
        if (policy.enabled()) check(SampleLevels.pcm16(audio, offset), count, rate, channels, text, policy, provider, requestId);
        return true;
    }

    private static void check(SampleLevels.Samples samples, int count, int rate, int channels, String text, AudioCheckPolicy policy,
                              String provider, @Nullable String requestId) {
        Duration duration = Duration.ofNanos(count / channels * 1_000_000_000L / rate);
        Duration minimum = minimumDuration(text, policy);
        if (duration.compareTo(minimum) < 0) {
            throw bad("provider returned " + duration.toMillis() + " ms of audio for " + speakable(text)
                    + " speakable characters (at least " + minimum.toMillis() + " ms expected)", provider, requestId);
        }
        SampleLevels levels = SampleLevels.measure(samples, count, rate, channels, policy.frameFloorDbfs(), policy.minRmsDbfs(),
                policy.minActiveFraction());
        if (levels.rmsDbfs < policy.minRmsDbfs() || levels.activeFraction < policy.minActiveFraction()) {
            throw bad(String.format(java.util.Locale.ROOT, "provider returned silent audio (%d ms, RMS %.1f dBFS, %.0f %% of 20 ms frames above %.0f dBFS)",
                    duration.toMillis(), levels.rmsDbfs, levels.activeFraction * 100, policy.frameFloorDbfs()), provider, requestId);
        }
    }

    /** Checks an MP3 by its frame headers: it must have frames, and last long enough for the text. */
    static void checkMp3(byte[] audio, String text, AudioCheckPolicy policy, String provider, @Nullable String requestId) {
        Duration minimum = policy.enabled() ? minimumDuration(text, policy) : Duration.ZERO;
        // Walking stops once the frames add up to the minimum: a sentence needs a dozen frames, not
        // the hundreds a long answer has.
        Optional<Duration> duration = mp3Duration(audio, minimum);
        if (duration.isEmpty()) throw bad("provider returned MP3 without a single MPEG frame", provider, requestId);
        if (!policy.enabled()) return;
        if (duration.get().compareTo(minimum) < 0) {
            throw bad("provider returned " + duration.get().toMillis() + " ms of MP3 for " + speakable(text)
                    + " speakable characters (at least " + minimum.toMillis() + " ms expected)", provider, requestId);
        }
    }

    /**
     * Checks AAC (ADTS), FLAC, Ogg Vorbis and Ogg Opus by their container's headers: the bytes must be that
     * container, and where it states a duration (FLAC's total samples, the last Ogg granule, the
     * ADTS frames) it must be long enough for the text. A container that states none is let through
     * unmeasured: there is no decoder here to count samples.
     */
    static void checkByContainer(byte[] audio, AudioFormat format, String text, AudioCheckPolicy policy, String provider,
                                 @Nullable String requestId) {
        Optional<Duration> duration;
        try {
            duration = ContainerDuration.of(audio, format);
        } catch (AudioFormatException e) {
            throw bad("provider audio is not valid " + format + ": " + e.getMessage(), provider, requestId);
        }
        if (!policy.enabled() || duration.isEmpty()) return;
        Duration minimum = minimumDuration(text, policy);
        if (duration.get().compareTo(minimum) < 0) {
            throw bad("provider returned " + duration.get().toMillis() + " ms of " + format + " for " + speakable(text)
                    + " speakable characters (at least " + minimum.toMillis() + " ms expected)", provider, requestId);
        }
    }

    /** The duration of the MPEG frames found walking from the first header; empty when there is none. */
    static Optional<Duration> mp3Duration(byte[] audio) {
        return mp3Duration(audio, null);
    }

    /**
     * Like {@link #mp3Duration(byte[])}, but stops walking once the frames last {@code enough} (at
     * least one frame); null walks them all.
     */
    static Optional<Duration> mp3Duration(byte[] audio, @Nullable Duration enough) {
        Optional<MpegFrameHeader> first = MpegFrameHeader.first(audio, 64 * 1024);
        if (first.isEmpty()) return Optional.empty();
        int offset = indexOf(audio, first.get());
        long samples = 0;
        int rate = first.get().sampleRate();
        long enoughSamples = enough == null ? Long.MAX_VALUE
                : Math.max(1, (enough.toNanos() * rate + 999_999_999L) / 1_000_000_000L);
        while (offset >= 0 && offset + 4 <= audio.length && samples < enoughSamples) {
            Optional<MpegFrameHeader> h = MpegFrameHeader.parse(audio, offset);
            if (h.isEmpty() || !first.get().sameStream(h.get()) || h.get().length() <= 4) break;
            samples += h.get().samplesPerFrame();
            offset += h.get().length();
        }
        return samples == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(samples * 1_000_000_000L / rate));
    }

    private static int indexOf(byte[] audio, MpegFrameHeader header) {
        for (int i = 0; i + 4 <= audio.length; i++) {
            Optional<MpegFrameHeader> h = MpegFrameHeader.parse(audio, i);
            if (h.isPresent() && h.get().equals(header)) return i;
        }
        return -1;
    }

    /** Whether any 20 ms frame of these samples rises above the floor (a stream's start); stops at the first that does. */
    static boolean anySound(PcmAudio pcm, double floorDbfs) {
        return SampleLevels.anyFrameAbove(SampleLevels.floats(pcm.samples()), pcm.frames() * pcm.channels(), pcm.sampleRate(),
                pcm.channels(), floorDbfs);
    }

    static AudioFormatException bad(String message, String provider, @Nullable String requestId) {
        return AudioFormatException.builder(message).provider(provider).requestId(requestId).build();
    }

    /** Whether the router can look at this format's samples. */
    static boolean decodable(AudioFormat format) {
        return format.isPcmBased();
    }
}
