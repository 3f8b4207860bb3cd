/**
 * The PostgreSQL side of the cluster: the completion bus, the shared result store, account limits,
 * the background writer and what they share about the database being down. Not API.
 */
@NullMarked
package dev.ttskit.cluster.internal;

import org.jspecify.annotations.NullMarked;
