package dev.ttskit.cli;

import org.jspecify.annotations.Nullable;

/** The input cannot be spoken (empty text, unreadable file): exit code 3. */
final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    InputException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
