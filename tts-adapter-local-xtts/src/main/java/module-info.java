/** XTTS-v2 on ONNX Runtime: the {@code local-xtts} provider. Internal packages are not exported. */
module dev.ttskit.xtts {
    requires static com.google.errorprone.annotations;
    requires transitive dev.ttskit.core;
    requires com.microsoft.onnxruntime;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.ttskit.xtts;

    provides dev.ttskit.spi.TtsProviderFactory with dev.ttskit.xtts.XttsProviderFactory;
}
