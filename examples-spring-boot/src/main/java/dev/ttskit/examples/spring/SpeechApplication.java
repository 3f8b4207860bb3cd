package dev.ttskit.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application that speaks: {@code POST /speech} with text in the body answers a WAV file.
 * The {@code TtsClient} comes from tts-spring-boot-starter, configured by {@code application.properties}
 * (the embedded voice with nothing set; {@code ttskit.elevenlabs.api-key=...} puts ElevenLabs in front);
 * its health is at {@code /actuator/health} and its meters at {@code /actuator/metrics/ttskit.requests}.
 *
 * {@code SpeechApplicationTest} starts it on a random port and speaks through it over HTTP.
 */
@SpringBootApplication
public class SpeechApplication {

    public static void main(String[] args) {
        SpringApplication.run(SpeechApplication.class, args);
    }
}
