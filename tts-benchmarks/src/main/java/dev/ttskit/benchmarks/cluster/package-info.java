/** What the shared PostgreSQL pieces add per request. */
@NullMarked
package dev.ttskit.benchmarks.cluster;

import org.jspecify.annotations.NullMarked;
