package dev.ttskit.cli;

/** A provider the user named has no settings, or none is configured at all: exit code 5. */
final class NotConfiguredException extends Exception {
    private static final long serialVersionUID = 1L;

    NotConfiguredException(String message) {
        super(message);
    }
}
