package org.earshot.telephony.agi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Asterisk told a FastAGI script about the call: the {@code agi_*} environment, the script name and
 * query parameters from the URL ({@code agi://host:4573/survey?linkedid=X} → "survey", {linkedid=X}) and
 * the {@code AGI(url,arg1,arg2)} arguments ({@code agi_arg_1}, ...).
 *
 * @param script      URL path without slashes, e.g. {@code survey}; empty when Asterisk sent none
 * @param parameters  URL query parameters, decoded
 * @param environment every {@code agi_*} line, in the order received
 * @param arguments   {@code agi_arg_1..N}
 */
public record AgiRequest(String script, Map<String, String> parameters, Map<String, String> environment,
                         List<String> arguments) {

    public AgiRequest {
        parameters = Map.copyOf(parameters);
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        arguments = List.copyOf(arguments);
    }

    /** Builds the request from the environment lines Asterisk sent before the blank line. */
    public static AgiRequest of(Map<String, String> environment) {
        // agi_network_script is "route?lang=en" (everything after host:port/); agi_request the whole URL.
        String script = environment.get("agi_network_script");
        if (script == null) {
            String url = environment.getOrDefault("agi_request", "");
            int scheme = url.indexOf("://");
            int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
            script = slash < 0 ? "" : url.substring(slash + 1);
        }
        int q = script.indexOf('?');
        String path = q < 0 ? script : script.substring(0, q);
        String query = q < 0 ? "" : script.substring(q + 1);
        List<String> args = new ArrayList<>();
        for (int i = 1; environment.containsKey("agi_arg_" + i); i++) {
            args.add(environment.get("agi_arg_" + i));
        }
        return new AgiRequest(trimSlashes(path), query(query), environment, args);
    }

    /** A URL query parameter, e.g. {@code parameter("queue")}; empty when absent or blank. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name)).filter(v -> !v.isBlank());
    }

    /** An {@code agi_*} value; null when absent, empty, or Asterisk's {@code unknown}. */
    public String env(String key) {
        String v = environment.get(key);
        return v == null || v.isBlank() || "unknown".equals(v) ? null : v;
    }

    public String uniqueId() {
        return env("agi_uniqueid");
    }

    public String callerId() {
        return env("agi_callerid");
    }

    public String callerIdName() {
        return env("agi_calleridname");
    }

    public String extension() {
        return env("agi_extension");
    }

    public String channel() {
        return env("agi_channel");
    }

    private static String trimSlashes(String path) {
        int from = 0;
        int to = path.length();
        while (from < to && path.charAt(from) == '/') {
            from++;
        }
        while (to > from && path.charAt(to - 1) == '/') {
            to--;
        }
        return path.substring(from, to);
    }

    private static Map<String, String> query(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(key, value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray '%' from the dialplan: keep the raw text rather than refuse the call
        }
    }
}
