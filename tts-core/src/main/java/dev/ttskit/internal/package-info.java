/**
 * The client's implementation: configuration carriers, the basic validator, listener fan-out and the
 * concurrency-limited provider wrapper. Nothing here is API; it may change in any release.
 */
@NullMarked
package dev.ttskit.internal;

import org.jspecify.annotations.NullMarked;
