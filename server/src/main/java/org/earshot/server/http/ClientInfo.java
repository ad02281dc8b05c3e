package org.earshot.server.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Who sent a request and whether it reached us encrypted: the peer and its TLS, or, when the peer is a trusted
 * reverse proxy, what its {@code X-Forwarded-For} and {@code X-Forwarded-Proto} say.
 *
 * @param address the client's IP address (what login throttling and the audit log name), or "unknown"
 * @param secure  the request came over HTTPS: cookies get {@code Secure}
 */
record ClientInfo(String address, boolean secure) {

    static ClientInfo of(Channel channel, HttpHeaders headers, TrustedProxies proxies) {
        InetAddress peer = channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        boolean tls = channel.pipeline().get(SslHandler.class) != null;
        String address = peer == null ? "unknown" : peer.getHostAddress();
        if (peer == null || !proxies.trusts(peer)) {
            return new ClientInfo(address, tls);
        }
        return new ClientInfo(forwardedFor(headers.getAll("X-Forwarded-For"), proxies, address),
                tls || "https".equalsIgnoreCase(firstValue(headers.get("X-Forwarded-Proto"))));
    }

    /**
     * The client a chain of proxies names: the right-most address that is not itself a trusted proxy (entries
     * left of it were written by the client and could be anything).
     */
    static String forwardedFor(java.util.List<String> headerValues, TrustedProxies proxies, String peer) {
        java.util.List<String> hops = new java.util.ArrayList<>();
        for (String value : headerValues) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break; // not an address: stop believing the chain here
            }
            if (!proxies.trusts(hop) || i == 0) {
                return hop.getHostAddress();
            }
        }
        return peer;
    }

    private static InetAddress literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!t.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private static String firstValue(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).strip();
    }
}
