package dev.ttskit.replicate.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Tells public addresses from private, loopback, link-local and other non-routable ones. */
public final class AddressCheck {
    private AddressCheck() {
    }

    /** Whether a download may connect to this address (spec section 11, rule 2). */
    public static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) return isPublicV4(b);
        if (address instanceof Inet6Address) {
            if (isV4Mapped(b) || isV4Compatible(b)) return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) return false;                 // fc00::/7 unique local
            if (first == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) return false; // documentation
            if (first == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {   // 64:ff9b::/96 NAT64
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            return true;
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a = b[0] & 0xff;
        int c = b[1] & 0xff;
        if (a == 0 || a == 10 || a == 127 || a >= 224) return false;  // this network, private, loopback, multicast/reserved
        if (a == 100 && (c & 0xc0) == 64) return false;               // 100.64.0.0/10 CGNAT
        if (a == 169 && c == 254) return false;                       // link-local, cloud metadata
        if (a == 172 && (c & 0xf0) == 16) return false;               // 172.16.0.0/12
        if (a == 192 && c == 168) return false;                       // 192.168.0.0/16
        if (a == 192 && c == 0 && (b[2] & 0xff) == 0) return false;   // 192.0.0.0/24 protocol assignments
        if (a == 198 && (c & 0xfe) == 18) return false;               // 198.18.0.0/15 benchmarking
        return true;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static boolean isV4Compatible(byte[] b) {
        for (int i = 0; i < 12; i++) if (b[i] != 0) return false;
        return true;
    }
}
