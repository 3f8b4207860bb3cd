/**
 * Spring Boot auto-configuration for ttskit: {@link dev.ttskit.spring.TtsAutoConfiguration} builds
 * one {@link dev.ttskit.TtsClient} bean from the {@code ttskit.*} properties
 * ({@link dev.ttskit.spring.TtsProperties}) with every adapter found on the class path,
 * {@link dev.ttskit.spring.TtsMetricsAutoConfiguration} adds Micrometer metrics when Micrometer and
 * tts-micrometer are present, and {@link dev.ttskit.spring.TtsHealthAutoConfiguration} a health
 * indicator when Spring Boot's health support is. A {@link dev.ttskit.spring.TtsClientCustomizer}
 * bean adjusts the client builder before the client is built.
 */
@NullMarked
package dev.ttskit.spring;

import org.jspecify.annotations.NullMarked;
