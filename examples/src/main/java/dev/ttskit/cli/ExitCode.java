package dev.ttskit.cli;

import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.ErrorCategory;
import dev.ttskit.TtsException;

import java.util.List;

/** The CLI's exit codes (DESIGN section 9) and how failures map onto them. */
final class ExitCode {
    static final int OK = 0;
    static final int OTHER = 1;
    static final int USAGE = 2;
    static final int INVALID_INPUT = 3;
    static final int AUTH_OR_QUOTA = 4;
    static final int NO_PROVIDER = 5;

    private ExitCode() {
    }

    /**
     * Invalid input is 3 and a key or quota problem is 4; any other failure of the providers to serve
     * (down, too slow, unsupported format or language, bad audio) is 5. When every provider tried failed
     * on its key or quota the answer is 4, since adding credit or fixing a key is what helps.
     */
    static int of(TtsException e) {
        if (e instanceof AllProvidersFailedException) {
            List<TtsException> attempts = ((AllProvidersFailedException) e).attempts();
            if (attempts.isEmpty()) return NO_PROVIDER;
            if (attempts.stream().allMatch(a -> isAuthOrQuota(a.category()))) return AUTH_OR_QUOTA;
            if (attempts.stream().allMatch(a -> a.category() == ErrorCategory.VALIDATION)) return INVALID_INPUT;
            return NO_PROVIDER;
        }
        return switch (e.category()) {
            case VALIDATION -> INVALID_INPUT;
            case AUTH, QUOTA -> AUTH_OR_QUOTA;
            case UNSUPPORTED, RATE_LIMIT, UNAVAILABLE, TIMEOUT, BAD_AUDIO, MODEL, EXHAUSTED -> NO_PROVIDER;
            case STREAM, CANCELLED -> OTHER;
        };
    }

    private static boolean isAuthOrQuota(ErrorCategory c) {
        return c == ErrorCategory.AUTH || c == ErrorCategory.QUOTA;
    }
}
