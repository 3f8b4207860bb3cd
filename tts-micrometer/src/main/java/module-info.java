/**
 * Micrometer meters and observations for a ttskit client. Tracing comes through Micrometer's own
 * OpenTelemetry or Brave bridges; this module depends on neither.
 */
module dev.ttskit.micrometer {
    requires transitive dev.ttskit.core;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;

    exports dev.ttskit.micrometer;
}
