package dev.ttskit.replicate.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The special-purpose ranges that svix's egress table blocks and the first check let through. */
class SpecialPurposeAddressTest {
    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "198.51.100.7", "203.0.113.255", "192.88.99.1", "240.0.0.1",
            "2002:7f00:1::", "2002:a00:1::1", "2002:808:808::", "2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "2001:1ff::1", "100::1", "3fff::1", "3fff:fff:ffff::1", "64:ff9b:1::1", "5f00::1", "fec0::1",
            "::ffff:192.0.2.1", "64:ff9b::c633:6401", "::ffff:203.0.113.9"})
    void documentationTransitionAndReservedRangesAreNotPublic(String address) throws Exception {
        assertFalse(AddressCheck.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.3.1", "198.51.101.1", "203.0.114.1", "192.88.100.1", "2001:200::1", "2a00:1450:4001::200e",
            "4000::1", "3fff:1000::1", "101::1"})
    void theirNeighboursArePublic(String address) throws Exception {
        assertTrue(AddressCheck.isPublic(InetAddress.getByName(address)), address);
    }
}
