/** The HTTP client that ttskit's HTTP adapters share, owned by the resource manager. */
module dev.ttskit.http {
    requires transitive dev.ttskit.core;
    requires transitive okhttp3;

    exports dev.ttskit.http;
}
