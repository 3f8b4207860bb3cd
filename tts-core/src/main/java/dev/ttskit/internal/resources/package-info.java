/**
 * The parts of the client's resource manager: shared components, the model memory pool, stream
 * tracking, managed threads and gauges. Nothing here is API; it may change in any release.
 */
@NullMarked
package dev.ttskit.internal.resources;

import org.jspecify.annotations.NullMarked;
