package dev.ttskit.cli;

import org.jspecify.annotations.Nullable;

/** The output path cannot be written: found before any synthesis, exit code 2, no usage hint. */
final class OutputException extends Exception {
    private static final long serialVersionUID = 1L;

    OutputException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
