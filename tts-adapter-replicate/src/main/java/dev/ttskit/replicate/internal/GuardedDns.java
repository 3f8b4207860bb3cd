package dev.ttskit.replicate.internal;

import okhttp3.Dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves download hosts and refuses any answer holding a non-public address. Running inside the
 * HTTP client's resolver means the addresses checked are the ones connected to, which also defeats
 * DNS rebinding.
 */
public final class GuardedDns implements Dns {
    private final Dns delegate;
    private final DownloadPolicy policy;

    public GuardedDns(Dns delegate, DownloadPolicy policy) {
        this.delegate = delegate;
        this.policy = policy;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = delegate.lookup(hostname);
        if (policy.exemptFromAddressCheck(hostname)) return addresses;
        for (InetAddress a : addresses) {
            if (!AddressCheck.isPublic(a)) throw new RefusedAddressException(hostname);
        }
        return addresses;
    }

    /** A download host that resolves to a private, loopback or otherwise non-public address. */
    public static final class RefusedAddressException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        RefusedAddressException(String host) {
            super(host + " resolves to a non-public address");
        }
    }
}
