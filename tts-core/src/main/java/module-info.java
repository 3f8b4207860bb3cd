/**
 * ttskit core: the client API, the provider SPI, the audio model, and the router and resource
 * manager behind them. Internal packages are not exported.
 */
module dev.ttskit.core {
    // Logging, breakers and the cache are implementation: no exported signature names their types,
    // so a module using ttskit does not read them through it.
    requires org.slf4j;
    requires io.github.resilience4j.core;
    requires io.github.resilience4j.circuitbreaker;
    requires io.github.resilience4j.retry;
    requires com.github.benmanes.caffeine;
    // @Nullable and @NullMarked are part of the exported signatures: a module reading core reads them
    // too, so its compiler and checkers see the same nullness ttskit was checked against.
    requires transitive org.jspecify;
    // @MustBeClosed marks the methods whose result the caller must close; compilers and checkers read
    // it, nothing does at run time.
    requires static com.google.errorprone.annotations;

    exports dev.ttskit;
    exports dev.ttskit.spi;
    exports dev.ttskit.audio;

    uses dev.ttskit.spi.TtsProviderFactory;
    uses dev.ttskit.spi.Validator;
    uses dev.ttskit.spi.SharedStateFactory;
}
