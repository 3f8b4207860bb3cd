package dev.ttskit.cli;

import org.jspecify.annotations.Nullable;

/** The command line is wrong: exit code 2, with the usage hint. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(@Nullable String message) {
        super(message);
    }
}
