package dev.ttskit.examples.spring;

import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Speaks the request body with the auto-configured client; a ttskit failure answers the status ttskit suggests. */
@RestController
public class SpeechController {
    private static final MediaType WAV = MediaType.parseMediaType("audio/wav");

    private final TtsClient tts;

    public SpeechController(TtsClient tts) {
        this.tts = tts;
    }

    /** The text as 24 kHz WAV; the provider that answered is in the {@code X-Tts-Provider} header. */
    @PostMapping(path = "/speech", consumes = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<byte[]> speak(@RequestBody String text, @RequestParam(name = "voice", required = false) @Nullable String voice) {
        SpeechRequest.Builder request = SpeechRequest.builder().text(text).format(AudioFormat.WAV_PCM16_24K);
        if (voice != null) request.voice(voice);
        SpeechResult result = tts.synthesize(request.build());
        return ResponseEntity.ok().contentType(WAV).header("X-Tts-Provider", result.provider()).body(result.audioBytes());
    }

    /** One line naming the category, never the text: what ttskit's exceptions promise. */
    @ExceptionHandler(TtsException.class)
    public ResponseEntity<String> failed(TtsException e) {
        return ResponseEntity.status(e.httpStatus()).contentType(MediaType.TEXT_PLAIN)
                .body(e.category() + ": " + e.getMessage() + "\n");
    }

    /** A malformed voice name and the like: the request's fault. */
    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<String> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("VALIDATION: " + e.getMessage() + "\n");
    }
}
