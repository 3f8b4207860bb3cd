package dev.ttskit.xtts;

import dev.ttskit.SpeechRequest;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.testkit.NoLeaks;
import dev.ttskit.testkit.TtsProviderContractTest;
import dev.ttskit.xtts.internal.TinyModel;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The testkit's provider contract on the tiny random-weight model. */
@ExtendWith(NoLeaks.class)
class XttsProviderContractTest extends TtsProviderContractTest {
    @TempDir
    Path tmp;

    private Path modelDir;

    @Override
    protected TtsProvider createProvider() {
        try {
            modelDir = TinyModel.copyTo(Files.createTempDirectory(tmp, "model"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return XttsProvider.builder().modelDir(modelDir).intraOpThreads(1).greedy(true).build();
    }

    @Override
    protected void prepareSuccess() {
        // the tiny model always answers
    }

    /** The graphs load lazily, so a corrupt GPT written now fails the next call as a model error. */
    @Override
    protected boolean prepareFailure() throws IOException {
        Files.write(modelDir.resolve("gpt.onnx"), new byte[] {1, 2, 3});
        return true;
    }

    /** Caps the codes: random built-in voices need not sample the stop token early. */
    @Override
    protected ProviderRequest request(TtsProvider provider) {
        AudioFormat format = provider.capabilities().formats().iterator().next();
        SpeechRequest req = SpeechRequest.builder().text("Hello from the contract test.").format(format)
                .option("local-xtts.max_codes", 40).build();
        return ProviderRequest.of(provider.id(), req, Optional.empty(), format);
    }
}
