package dev.ttskit.cli;

/** The input cannot be spoken (empty text, unreadable file): exit code 3. */
final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
