package dev.ttskit.replicate.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressCheckTest {
    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "172.31.255.255", "192.168.0.1", "127.0.0.2", "169.254.169.254", "100.64.0.1",
            "100.127.255.254", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.0.8",
            "::", "::1", "fe80::1", "fc00::1", "fdff::1", "ff02::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
            "::127.0.0.1", "64:ff9b::a00:1", "2001:db8::1"})
    void nonPublicAddresses(String address) throws Exception {
        assertFalse(AddressCheck.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2606:4700::6810:84e5", "64:ff9b::808:808"})
    void publicAddresses(String address) throws Exception {
        assertTrue(AddressCheck.isPublic(InetAddress.getByName(address)), address);
    }
}
