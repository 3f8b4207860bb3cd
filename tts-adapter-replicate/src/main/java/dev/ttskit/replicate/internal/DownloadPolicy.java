package dev.ttskit.replicate.internal;

import okhttp3.HttpUrl;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which output URLs may be fetched (spec section 11, rule 1): https on an allow-listed host
 * ({@code replicate.delivery} and its subdomains by default), the configured API origin whatever its
 * scheme, and plain http to loopback only when enabled.
 *
 * @param allowedHosts     hosts allowed with their subdomains, lower case
 * @param trustedOrigin    the configured base URL; its scheme, host and port are trusted
 * @param allowLoopbackHttp whether http to 127.0.0.0/8, ::1 and localhost is allowed (tests)
 */
public record DownloadPolicy(List<String> allowedHosts, HttpUrl trustedOrigin, boolean allowLoopbackHttp) {
    public DownloadPolicy {
        allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    /** Why the URL may not be fetched; empty when it may. */
    public Optional<String> refusal(HttpUrl url) {
        if (!url.username().isEmpty() || !url.password().isEmpty()) return Optional.of("output URL carries user info");
        if (sameOrigin(url, trustedOrigin)) return Optional.empty();
        String host = url.host().toLowerCase(Locale.ROOT);
        if (isLoopback(host)) {
            return allowLoopbackHttp ? Optional.empty() : Optional.of("output URL points at a loopback host");
        }
        if (isIpLiteral(host)) return Optional.of("output URL host is an IP address");
        if (!url.isHttps()) return Optional.of("output URL is not https");
        if (!allowListed(host)) return Optional.of("output host " + host + " is not an allowed file host");
        return Optional.empty();
    }

    /** Whether the host is on the allow-list (the only hosts the token may be sent to on a retry). */
    public boolean allowListed(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String allowed : allowedHosts) {
            if (h.equals(allowed) || h.endsWith("." + allowed)) return true;
        }
        return false;
    }

    /** Whether a host's DNS answers are exempt from the public-address check: the trusted origin and enabled loopback. */
    public boolean exemptFromAddressCheck(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals(trustedOrigin.host().toLowerCase(Locale.ROOT)) || (allowLoopbackHttp && isLoopback(h));
    }

    public static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equalsIgnoreCase(b.host()) && a.port() == b.port();
    }

    static boolean isLoopback(String host) {
        if (host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")) return true;
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) return false;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) return false;
        }
        return true;
    }

    /** Dotted, hex, octal and dword IPv4 forms and IPv6 literals: anything a resolver would take as an address. */
    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) return true;
        if (host.isEmpty()) return true;
        String last = host.substring(host.lastIndexOf('.') + 1);
        // Real host names end in an alphabetic TLD; a numeric or hex-looking last label is an address form.
        return last.isEmpty() || last.chars().allMatch(Character::isDigit) || last.matches("0x[0-9a-f]*");
    }
}
