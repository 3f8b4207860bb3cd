/** Test support for applications and adapters: a scripted mock provider and the provider contract tests. */
module dev.ttskit.testkit {
    requires transitive dev.ttskit.core;
    requires transitive org.junit.jupiter.api;

    exports dev.ttskit.testkit;
    opens dev.ttskit.testkit to org.junit.platform.commons;
}
