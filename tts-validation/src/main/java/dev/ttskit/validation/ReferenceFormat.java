package dev.ttskit.validation;

/** The container and codec of a voice reference, as sniffed from its bytes (never from its name). */
public enum ReferenceFormat {
    /** RIFF/WAVE with PCM, IEEE float, A-law or µ-law samples. */
    WAV,
    /** Native FLAC. */
    FLAC,
    /** MPEG-1/2/2.5 audio layer I, II or III, with or without an ID3v2 tag. */
    MP3,
    /** Opus in an Ogg container. */
    OGG_OPUS,
    /** Vorbis in an Ogg container. */
    OGG_VORBIS
}
