/**
 * A Spring Boot web application that speaks through the auto-configured {@link dev.ttskit.TtsClient}:
 * {@code POST /speech} with plain text answers WAV, and ttskit's failures answer the HTTP status they suggest.
 */
@NullMarked
package dev.ttskit.examples.spring;

import org.jspecify.annotations.NullMarked;
