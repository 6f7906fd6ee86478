package org.fengqiao.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookAddressPolicyTests {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void loopbackLinkLocalUnspecifiedAndMulticastAreRefusedAndPrivateNetworksAllowed() throws Exception {
        WebhookAddressPolicy policy = new WebhookAddressPolicy(List.of());
        for (String refused : List.of("127.0.0.1", "127.9.9.9", "::1", "0.0.0.0", "::", "169.254.169.254", "fe80::1",
                "224.0.0.1", "ff02::1")) {
            assertThat(policy.permits(ip(refused))).as(refused).isFalse();
        }
        for (String allowed : List.of("10.1.2.3", "172.16.0.9", "192.168.1.20", "fd00::5", "203.0.113.7",
                "2001:db8::1")) {
            assertThat(policy.permits(ip(allowed))).as(allowed).isTrue();
        }
    }

    @Test
    void aConfiguredNetworkAllowsExactlyItsAddresses() throws Exception {
        WebhookAddressPolicy policy = new WebhookAddressPolicy(List.of("127.0.0.0/30", "fe80::/64", ""));
        assertThat(policy.permits(ip("127.0.0.1"))).isTrue();
        assertThat(policy.permits(ip("127.0.0.3"))).isTrue();
        assertThat(policy.permits(ip("127.0.0.4"))).isFalse();
        assertThat(policy.permits(ip("fe80::1"))).isTrue();
        assertThat(policy.permits(ip("fe80:0:0:1::1"))).isFalse();
        assertThat(policy.permits(ip("::1"))).as("an IPv4 block says nothing of IPv6").isFalse();
        assertThat(new WebhookAddressPolicy(List.of("169.254.169.254")).permits(ip("169.254.169.254"))).isTrue();
        assertThat(new WebhookAddressPolicy(List.of("0.0.0.0/0")).permits(ip("127.0.0.1"))).isTrue();
    }

    @Test
    void aHostIsRefusedIfAnyOfItsAddressesIsAndAnUnknownNameIsNot() {
        WebhookAddressPolicy policy = new WebhookAddressPolicy(List.of());
        assertThat(policy.refused("127.0.0.1")).isPresent();
        assertThat(policy.refused("[::1]")).isPresent();
        assertThat(policy.refused("localhost")).isPresent();
        assertThat(policy.refused("10.0.0.8")).isEmpty();
        assertThat(policy.refused("no-such-host.invalid")).as("fails at delivery, like any unreachable receiver").isEmpty();
    }

    @Test
    void aMisconfiguredNetworkStopsTheStart() {
        for (String bad : List.of("10.0.0.0/33", "example.org/8", "10.0.0.0/x", "::1/129")) {
            assertThatThrownBy(() -> new WebhookAddressPolicy(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
