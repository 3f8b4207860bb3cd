package dev.ttskit.xtts.internal;

import dev.ttskit.ErrorCategory;
import dev.ttskit.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelValidationTest {
    @TempDir
    Path tmp;

    private static void assertMessage(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "message '" + message + "' lacks '" + part + "'");
        }
    }

    @Test
    void tinyModelLoadsWithItsDimensionsFromMetadata() {
        try (XttsModel m = TinyModel.load()) {
            assertEquals(32, m.gptSpec().dModel());
            assertEquals(2, m.gptSpec().nLayer());
            assertEquals(16, m.speakerDim());
            assertEquals(1024, m.gptSpec().startAudioToken());
            assertEquals(8, m.gptSpec().startTextToken());
            assertEquals(32, m.condLen());
            assertEquals(2048, m.conditioningMel().nFft());
            assertEquals(MelSpec.Window.HAMMING, m.speakerMel().window());
            assertEquals(java.util.List.of("Tiny Alice", "Tiny Bob"), m.speakers().names());
        }
    }

    private Path copy() {
        return TinyModel.copyTo(tmp);
    }

    private void editManifest(Path dir, UnaryOperator<String> edit) throws IOException {
        Path f = dir.resolve("xtts.json");
        Files.writeString(f, edit.apply(Files.readString(f, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static ModelException load(Path dir) {
        return assertThrows(ModelException.class,
                () -> XttsModel.load(XttsManifest.read(dir), new LoadOptions(dev.ttskit.xtts.ExecutionProvider.CPU, 1, null)).close());
    }

    @Test
    void aDirectoryExportedWithTheConcatenatingCacheIsRefusedWithHowToReExport() throws Exception {
        // gpt-concat-kv.onnx is the exporter's tiny GPT from before the static cache, unchanged.
        Path exported = Path.of(getClass().getResource("/tiny-export/xtts.json").toURI()).getParent();
        try (var files = Files.list(exported)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, tmp.resolve(f.getFileName()));
        }
        Files.copy(Path.of(getClass().getResource("/legacy/gpt-concat-kv.onnx").toURI()), tmp.resolve("gpt.onnx"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelException e = load(tmp);
        assertMessage(e.getMessage(), "gpt.onnx", "past_key", "Re-export", "tools/export_xtts.py");
        assertEquals(ErrorCategory.MODEL, e.category());
        assertEquals("local-xtts", e.provider().orElseThrow());
        // The same directory with its own (static-cache) GPT loads.
        Files.copy(exported.resolve("gpt.onnx"), tmp.resolve("gpt.onnx"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        XttsModel.load(XttsManifest.read(tmp), new LoadOptions(dev.ttskit.xtts.ExecutionProvider.CPU, 1, null)).close();
    }

    @Test
    void missingManifestNamesTheFile() {
        ModelException e = assertThrows(ModelException.class, () -> XttsManifest.read(tmp));
        assertMessage(e.getMessage(), "xtts.json");
        assertEquals(ErrorCategory.MODEL, e.category());
        assertEquals("local-xtts", e.provider().orElseThrow());
    }

    @Test
    void wrongContractVersionNamesTheVersion() throws IOException {
        Path dir = copy();
        editManifest(dir, s -> s.replace("\"contract_version\": 1", "\"contract_version\": 2"));
        assertMessage(assertThrows(ModelException.class, () -> XttsManifest.read(dir)).getMessage(), "contract_version 2");
    }

    @Test
    void missingRequiredFieldIsNamed() throws IOException {
        Path dir = copy();
        editManifest(dir, s -> s.replace("\"sampling_defaults\"", "\"sampling_defaults_renamed\""));
        assertMessage(assertThrows(ModelException.class, () -> XttsManifest.read(dir)).getMessage(), "sampling_defaults");
    }

    @Test
    void invalidJsonIsAModelError() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("xtts.json"), "{ not json");
        assertMessage(assertThrows(ModelException.class, () -> XttsManifest.read(dir)).getMessage(), "not valid JSON");
    }

    @Test
    void pathsOutsideTheDirectoryAreRejected() throws IOException {
        Path dir = copy();
        editManifest(dir, s -> s.replace("\"gpt\": \"gpt.onnx\"", "\"gpt\": \"../gpt.onnx\""));
        assertMessage(assertThrows(ModelException.class, () -> XttsManifest.read(dir)).getMessage(), "'..'");
        editManifest(dir, s -> s.replace("\"gpt\": \"../gpt.onnx\"", "\"gpt\": \"/etc/gpt.onnx\""));
        assertMessage(assertThrows(ModelException.class, () -> XttsManifest.read(dir)).getMessage(), "relative");
    }

    @Test
    void missingGraphFileIsNamed() throws IOException {
        Path dir = copy();
        Files.delete(dir.resolve("hifigan_decoder.onnx"));
        assertMessage(load(dir).getMessage(), "hifigan_decoder.onnx", "missing");
    }

    @Test
    void corruptGraphIsNamed() throws IOException {
        Path dir = copy();
        Files.write(dir.resolve("gpt.onnx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertMessage(load(dir).getMessage(), "gpt.onnx", "not a loadable ONNX graph");
    }

    @Test
    void graphInTheWrongRoleIsRejected() throws IOException {
        Path dir = copy();
        editManifest(dir, s -> s.replace("\"speaker_encoder\": \"speaker_encoder.onnx\"", "\"speaker_encoder\": \"conditioning_encoder.onnx\""));
        assertMessage(load(dir).getMessage(), "conditioning_encoder.onnx", "speaker_encoder");
    }

    @Test
    void vocabularyWhoseStartIdDiffersFromTheGraphIsRejected() throws IOException {
        Path dir = copy();
        Path vocab = dir.resolve("vocab.json");
        Files.writeString(vocab, Files.readString(vocab).replace("\"[START]\"", "\"[BEGIN]\"").replace("\"[en]\"", "\"[START]\""));
        assertMessage(load(dir).getMessage(), "start_text_token 8", "[START] id 3");
    }

    @Test
    void languageWithoutATokenIsRejected() throws IOException {
        Path dir = copy();
        editManifest(dir, s -> s.replace("\"ru\"\n", "\"ru\",\n  \"it\"\n"));
        assertTrue(XttsManifest.read(dir).languages().contains("it"));
        assertMessage(load(dir).getMessage(), "'it'", "[it]");
    }

    @Test
    void speakersWithOtherDimensionsAreRejected() throws IOException {
        Path dir = copy();
        Path sp = dir.resolve("speakers.json");
        Files.writeString(sp, Files.readString(sp).replace("\"speaker_dim\": 16", "\"speaker_dim\": 512"));
        assertMessage(load(dir).getMessage(), "speakers.json", "512");
    }

    @Test
    void truncatedSpeakersDataIsRejected() throws IOException {
        Path dir = copy();
        Files.write(dir.resolve("speakers.bin"), new byte[100]);
        assertMessage(load(dir).getMessage(), "speakers.bin", "100 bytes");
    }

    @Test
    void unsupportedSoundNormIsRejected() throws IOException {
        Path dir = copy();
        editManifest(dir, s -> s.replace("\"sound_norm_refs\": false", "\"sound_norm_refs\": true"));
        assertMessage(assertThrows(ModelException.class, () -> XttsManifest.read(dir)).getMessage(), "sound_norm_refs");
    }

    @Test
    void badSamplingDefaultIsNamed() throws IOException {
        Path dir = copy();
        editManifest(dir, s -> s.replace("\"top_p\": 0.85", "\"top_p\": 1.5"));
        assertMessage(assertThrows(ModelException.class, () -> XttsManifest.read(dir)).getMessage(), "top_p");
    }

    @Test
    void int8VariantIsUsedWhenAskedFor() throws IOException {
        Path dir = copy();
        Files.move(dir.resolve("gpt.onnx"), dir.resolve("gpt.int8.onnx"));
        editManifest(dir, s -> s.replace("\"gpt\": \"gpt.onnx\",", "\"gpt\": \"gpt.onnx\", \"gpt_variants\": {\"int8\": \"gpt.int8.onnx\"},"));
        assertEquals(java.util.Set.of("int8"), XttsManifest.read(dir).gptVariants().keySet());
        assertMessage(load(dir).getMessage(), "gpt.onnx", "missing");
        try (XttsModel m = XttsModel.load(XttsManifest.read(dir), new LoadOptions(dev.ttskit.xtts.ExecutionProvider.CPU, 1, "int8"))) {
            assertEquals("gpt.int8.onnx", m.gptFile());
        }
    }

    @Test
    void cudaWithoutTheGpuRuntimeIsAClearModelError() {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA));
        ModelException e = assertThrows(ModelException.class, () -> XttsModel.load(XttsManifest.read(TinyModel.dir()),
                new LoadOptions(dev.ttskit.xtts.ExecutionProvider.CUDA, 1, null)).close());
        assertMessage(e.getMessage(), "CUDA", "onnxruntime_gpu");
    }
}
