package org.earshot.server.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reverse proxies ({@code trusted-proxies}: addresses and CIDR blocks) whose forwarding headers are believed.
 * Anyone else could write {@code X-Forwarded-For: 10.0.0.1} to dodge the login throttle or blame someone else
 * in the audit log, so their headers are ignored.
 */
public final class TrustedProxies {

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** @param key names the setting in an error; null or blank text = none */
    public static TrustedProxies parse(String key, String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isBlank()) {
                blocks.add(Block.parse(key, part.strip()));
            }
        }
        return new TrustedProxies(blocks);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean trusts(InetAddress address) {
        return address != null && blocks.stream().anyMatch(b -> b.contains(address));
    }

    @Override
    public String toString() {
        return blocks.toString();
    }

    private record Block(byte[] network, int prefix, String text) {

        static Block parse(String key, String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            // Literal addresses only: a name would be looked up in DNS, and DNS must not decide whom we believe.
            if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
                throw bad(key, text);
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw bad(key, text);
            }
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw bad(key, text);
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw bad(key, text);
                }
            }
            return new Block(bytes, prefix, text);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }

        private static IllegalArgumentException bad(String key, String text) {
            return new IllegalArgumentException(key + ": '" + text + "' is not an IP address or CIDR block such as"
                    + " 127.0.0.1, ::1 or 10.0.0.0/8");
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
