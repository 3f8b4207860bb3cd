package dev.ttskit.cli;

import dev.ttskit.audio.AudioFormat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ttskit speak} was asked to do. Exactly one text source: {@code text}, {@code file}, or
 * standard input when both are empty.
 */
record SpeakOptions(Optional<String> text, Optional<Path> file, Path out, List<String> providers,
                    Optional<String> voice, Optional<String> language, AudioFormat format,
                    Optional<Path> speakerWav, Optional<Long> seed, boolean stream, boolean quiet, boolean debug,
                    java.util.Map<String, String> settings) {
}
