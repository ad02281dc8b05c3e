package org.earshot.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web UI's files, served from the classpath folder {@code web/}, and the front-end libraries it uses from
 * WebJars ({@code /webjars/NAME/VERSION/...}, from {@code META-INF/resources/webjars/}); nothing outside them.
 */
final class StaticFiles {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*\\.(html|js|css|svg|png)");
    // Each segment is a plain name, so a path can never climb out of the WebJars folder.
    private static final Pattern WEBJAR = Pattern.compile("/webjars(/[A-Za-z0-9_][A-Za-z0-9._-]*)+\\.(js|css|svg|png)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png");
    // Same-origin only: the UI uses no CDN and no inline scripts.
    private static final String POLICY = "default-src 'self'; connect-src 'self' ws: wss:; media-src 'self';"
            + " img-src 'self' data:; frame-ancestors 'none'";

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** The file for a GET of this path, or null when there is none. */
    Response get(String path) throws IOException {
        String name;
        if (WEBJAR.matcher(path).matches() && !path.contains("..")) {
            name = "/META-INF/resources" + path;
        } else {
            String file = path.equals("/") ? "index.html" : path.substring(1);
            if (!NAME.matcher(file).matches()) {
                return null;
            }
            name = "/web/" + file;
        }
        byte[] body = cache.get(name);
        if (body == null) {
            try (InputStream in = StaticFiles.class.getResourceAsStream(name)) {
                if (in == null) {
                    return null;
                }
                body = in.readAllBytes();
            }
            cache.put(name, body);
        }
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        // WebJar paths carry their version, so browsers may keep them; the UI's own files change with releases.
        String caching = name.startsWith("/META-INF/") ? "public, max-age=31536000, immutable" : "no-cache";
        return new Response(HttpResponseStatus.OK, type, body, Map.of("Content-Security-Policy", POLICY,
                "Cache-Control", caching));
    }
}
