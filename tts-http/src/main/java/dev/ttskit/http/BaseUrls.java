package dev.ttskit.http;

import okhttp3.HttpUrl;

/** Normalises configured base URLs: accepted with or without a trailing {@code /v1} or slash. */
public final class BaseUrls {
    private BaseUrls() {
    }

    /**
     * The base URL without a trailing slash or {@code /v1}, so the adapter can append its own path.
     *
     * @param configured the URL as configured, e.g. {@code https://api.example.com/v1/}
     * @return the normalised URL, ending in a slash
     * @throws IllegalArgumentException when the value is not an http(s) URL, or carries user info, a
     *                                  query or a fragment
     */
    public static HttpUrl normalise(String configured) {
        HttpUrl url = HttpUrl.parse(configured.trim());
        // Never echo the value: a mistyped URL may still hold credentials.
        if (url == null) throw new IllegalArgumentException("base URL is not an http(s) URL (" + configured.length() + " characters)");
        // user:secret@host would travel in every request line's authority and print in toString();
        // keys belong in the adapter's key setting, where they are redacted.
        if (!url.username().isEmpty() || !url.password().isEmpty()) {
            throw new IllegalArgumentException("base URL must not carry user info (user:password@): " + url.redact());
        }
        if (url.query() != null || url.fragment() != null) {
            throw new IllegalArgumentException("base URL must not have a query or fragment: " + url.redact());
        }
        String path = url.encodedPath();
        while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        if (path.endsWith("/v1")) path = path.substring(0, path.length() - 3);
        return url.newBuilder().encodedPath(path.isEmpty() ? "/" : path + "/").build();
    }
}
