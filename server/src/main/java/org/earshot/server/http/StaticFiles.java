package org.earshot.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The web UI's few files, served from the classpath folder {@code web/}; nothing outside it. */
final class StaticFiles {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*\\.(html|js|css)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");
    // Same-origin only: the UI uses no CDN and no inline scripts.
    private static final String POLICY = "default-src 'self'; connect-src 'self' ws: wss:; media-src 'self';"
            + " img-src 'self' data:; frame-ancestors 'none'";

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** The file for a GET of this path, or null when there is none. */
    Response get(String path) throws IOException {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (!NAME.matcher(name).matches()) {
            return null;
        }
        byte[] body = cache.get(name);
        if (body == null) {
            try (InputStream in = StaticFiles.class.getResourceAsStream("/web/" + name)) {
                if (in == null) {
                    return null;
                }
                body = in.readAllBytes();
            }
            cache.put(name, body);
        }
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        return new Response(HttpResponseStatus.OK, type, body, Map.of("Content-Security-Policy", POLICY,
                "Cache-Control", "no-cache"));
    }
}
