package dev.ttskit.replicate.internal;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Tells public addresses from the special-purpose ones a download must never reach: private,
 * loopback, link-local, shared, documentation, benchmarking, multicast, reserved, and the IPv6
 * transition ranges that embed an IPv4 address (6to4, Teredo, NAT64) or are not routable. The table
 * follows the IANA special-purpose registries, as svix's webhook egress does; IPv4-mapped,
 * IPv4-compatible and NAT64 well-known-prefix addresses are judged by the IPv4 address inside.
 */
public final class AddressCheck {
    private static final List<Cidr> BLOCKED_V4 = List.of(
            Cidr.of("0.0.0.0/8"),          // this network
            Cidr.of("10.0.0.0/8"),         // private
            Cidr.of("100.64.0.0/10"),      // shared address space (CGNAT)
            Cidr.of("127.0.0.0/8"),        // loopback
            Cidr.of("169.254.0.0/16"),     // link-local, cloud metadata
            Cidr.of("172.16.0.0/12"),      // private
            Cidr.of("192.0.0.0/24"),       // IETF protocol assignments
            Cidr.of("192.0.2.0/24"),       // documentation TEST-NET-1
            Cidr.of("192.88.99.0/24"),     // 6to4 relay anycast (deprecated)
            Cidr.of("192.168.0.0/16"),     // private
            Cidr.of("198.18.0.0/15"),      // benchmarking
            Cidr.of("198.51.100.0/24"),    // documentation TEST-NET-2
            Cidr.of("203.0.113.0/24"),     // documentation TEST-NET-3
            Cidr.of("224.0.0.0/4"),        // multicast
            Cidr.of("240.0.0.0/4"));       // reserved, limited broadcast
    private static final List<Cidr> BLOCKED_V6 = List.of(
            Cidr.of("::/128"),             // unspecified
            Cidr.of("::1/128"),            // loopback
            Cidr.of("64:ff9b:1::/48"),     // local-use NAT64
            Cidr.of("100::/64"),           // discard-only
            Cidr.of("2001::/23"),          // IETF protocol assignments, Teredo 2001::/32 among them
            Cidr.of("2001:db8::/32"),      // documentation
            Cidr.of("2002::/16"),          // 6to4: embeds any IPv4 address
            Cidr.of("3fff::/20"),          // documentation
            Cidr.of("5f00::/16"),          // segment routing SIDs
            Cidr.of("fc00::/7"),           // unique local
            Cidr.of("fe80::/10"),          // link-local
            Cidr.of("fec0::/10"),          // site-local (deprecated)
            Cidr.of("ff00::/8"));          // multicast
    private static final Cidr V4_MAPPED = Cidr.of("::ffff:0:0/96");
    private static final Cidr V4_COMPATIBLE = Cidr.of("::/96");
    private static final Cidr NAT64 = Cidr.of("64:ff9b::/96");

    private AddressCheck() {
    }

    /** Whether a download may connect to this address (spec section 11, rule 2). */
    public static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) return notIn(BLOCKED_V4, b);
        if (b.length != 16) return false;
        if (V4_MAPPED.contains(b) || NAT64.contains(b) || (V4_COMPATIBLE.contains(b) && !BLOCKED_V6.get(0).contains(b)
                && !BLOCKED_V6.get(1).contains(b))) {
            return notIn(BLOCKED_V4, Arrays.copyOfRange(b, 12, 16));
        }
        return notIn(BLOCKED_V6, b);
    }

    private static boolean notIn(List<Cidr> table, byte[] address) {
        for (Cidr c : table) {
            if (c.contains(address)) return false;
        }
        return true;
    }

    /** An address block; {@link #of} takes literals only, so building the table never touches DNS. */
    private record Cidr(byte[] network, int prefixBits) {
        static Cidr of(String cidr) {
            int slash = cidr.indexOf('/');
            String literal = cidr.substring(0, slash);
            byte[] net = literal.indexOf(':') >= 0 ? v6(literal) : v4(literal);
            return new Cidr(net, Integer.parseInt(cidr.substring(slash + 1)));
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) return false;
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) return false;
            }
            int rest = prefixBits % 8;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }

        private static byte[] v4(String s) {
            String[] parts = s.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) b[i] = (byte) Integer.parseInt(parts[i]);
            return b;
        }

        private static byte[] v6(String s) {
            int gap = s.indexOf("::");
            String head = gap < 0 ? s : s.substring(0, gap);
            String tail = gap < 0 ? "" : s.substring(gap + 2);
            String[] h = head.isEmpty() ? new String[0] : head.split(":");
            String[] t = tail.isEmpty() ? new String[0] : tail.split(":");
            byte[] b = new byte[16];
            for (int i = 0; i < h.length; i++) put(b, i, h[i]);
            for (int i = 0; i < t.length; i++) put(b, 8 - t.length + i, t[i]);
            return b;
        }

        private static void put(byte[] b, int group, String hex) {
            int v = Integer.parseInt(hex, 16);
            b[2 * group] = (byte) (v >> 8);
            b[2 * group + 1] = (byte) v;
        }
    }
}
