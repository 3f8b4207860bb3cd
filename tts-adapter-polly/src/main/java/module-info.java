/**
 * The Amazon Polly adapter on the AWS SDK for Java v2. Only the API package is exported;
 * {@code dev.ttskit.polly.internal} is not.
 */
module dev.ttskit.polly {
    requires static com.google.errorprone.annotations;
    requires transitive dev.ttskit.core;
    requires transitive software.amazon.awssdk.auth;
    requires transitive software.amazon.awssdk.identity.spi;
    requires dev.ttskit.http;
    requires okhttp3;
    requires java.xml;
    requires com.fasterxml.jackson.databind;
    requires software.amazon.awssdk.services.polly;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;

    exports dev.ttskit.polly;

    provides dev.ttskit.spi.TtsProviderFactory with dev.ttskit.polly.PollyProviderFactory;
}
