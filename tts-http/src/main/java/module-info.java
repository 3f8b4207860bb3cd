/** The HTTP client that ttskit's HTTP adapters share, owned by the resource manager. */
module dev.ttskit.http {
    requires transitive dev.ttskit.core;
    requires transitive okhttp3;
    requires org.slf4j;

    exports dev.ttskit.http;
}
