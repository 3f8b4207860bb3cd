package dev.ttskit.replicate.internal;

import dev.ttskit.audio.MpegFrameHeader;

import java.util.Optional;

/** Recognises audio containers by their magic bytes; a server's Content-Type is never trusted. */
public final class AudioSniffer {
    /** The containers recognised. */
    public enum Kind {
        WAV("audio/wav"), MP3("audio/mpeg"), OGG("audio/ogg"), FLAC("audio/flac");

        private final String mimeType;

        Kind(String mimeType) {
            this.mimeType = mimeType;
        }

        public String mimeType() {
            return mimeType;
        }
    }

    private AudioSniffer() {
    }

    public static Optional<Kind> detect(byte[] b) {
        if (b.length >= 12 && ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) return Optional.of(Kind.WAV);
        if (b.length >= 4 && ascii(b, 0, "fLaC")) return Optional.of(Kind.FLAC);
        if (b.length >= 4 && ascii(b, 0, "OggS")) return Optional.of(Kind.OGG);
        if (b.length >= 10 && ascii(b, 0, "ID3")) return Optional.of(Kind.MP3);
        if (b.length >= 4 && MpegFrameHeader.parse(b, 0).isPresent()) return Optional.of(Kind.MP3);
        return Optional.empty();
    }

    private static boolean ascii(byte[] b, int offset, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[offset + i] != (byte) s.charAt(i)) return false;
        }
        return true;
    }
}
