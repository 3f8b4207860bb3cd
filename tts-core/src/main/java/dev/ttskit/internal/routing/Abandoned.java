package dev.ttskit.internal.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a provider returns after the router stopped waiting for it: released (a stream closed, a
 * result dropped), never delivered or cached.
 */
final class Abandoned {
    private static final Logger log = LoggerFactory.getLogger(Abandoned.class);

    private Abandoned() {
    }

    static void release(Object late, String provider) {
        if (late instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("closing what {} returned after its attempt was abandoned failed", provider, e);
            }
        }
        log.debug("{} answered after its attempt was abandoned; the answer was released", provider);
    }
}
