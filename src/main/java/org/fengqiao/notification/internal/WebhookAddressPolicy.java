package org.fengqiao.notification.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which addresses a webhook may be sent to. The sender runs inside the platform's network, so a URL is a way to
 * make it call anything it can reach (server-side request forgery): its own database on this host, a cloud
 * metadata service, the administration port of a router. Loopback (127.0.0.0/8, ::1), the unspecified address,
 * link-local (169.254.0.0/16 with the metadata services, fe80::/10) and multicast are refused, unless one of the
 * configured {@code allowedNetworks} (CIDR) holds the address. Private networks (10/8, 172.16/12, 192.168/16,
 * fc00::/7) are allowed: a police intranet's other systems live there.
 * <p>
 * Checked when a webhook is registered and again, on the addresses the host resolves to then, before every
 * delivery, so a name that later resolves to a refused address is not followed.
 */
final class WebhookAddressPolicy {

    /** A CIDR block, e.g. 127.0.0.0/8 or ::1/128. */
    record Network(byte[] prefix, int bits) {

        static Network parse(String cidr) {
            String s = cidr.trim();
            int slash = s.indexOf('/');
            String host = slash < 0 ? s : s.substring(0, slash);
            if (!literal(host)) {
                // a name would be looked up in the DNS here, once, and mean whatever it resolved to at start
                throw new IllegalArgumentException("not a network: " + cidr);
            }
            try {
                byte[] bytes = InetAddress.getByName(host).getAddress();
                int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1));
                if (bits < 0 || bits > bytes.length * 8) {
                    throw new IllegalArgumentException("not a network: " + cidr);
                }
                return new Network(bytes, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a network: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != prefix.length) {
                return false;
            }
            BigInteger mask = bits == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(a.length * 8 - bits);
            return new BigInteger(1, a).and(mask).equals(new BigInteger(1, prefix).and(mask));
        }
    }

    private final List<Network> allowed;

    WebhookAddressPolicy(List<String> allowedNetworks) {
        List<Network> networks = new ArrayList<>();
        for (String cidr : allowedNetworks == null ? List.<String>of() : allowedNetworks) {
            if (!cidr.isBlank()) {
                networks.add(Network.parse(cidr));
            }
        }
        this.allowed = List.copyOf(networks);
    }

    /** Whether a request to this address may be sent. */
    boolean permits(InetAddress address) {
        if (allowed.stream().anyMatch(n -> n.contains(address))) {
            return true;
        }
        return !(address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isMulticastAddress());
    }

    /**
     * The first address of the host that is refused, if any; a host that does not resolve (now) has none: its
     * deliveries fail and are retried like any unreachable receiver.
     */
    Optional<InetAddress> refused(String host) {
        try {
            for (InetAddress address : resolve(host)) {
                if (!permits(address)) {
                    return Optional.of(address);
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return InetAddress.getAllByName(h.toLowerCase(Locale.ROOT));
    }

    private static boolean literal(String s) {
        return s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }
}
