package org.earshot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/** Reads the OpenAPI files from the classpath: in target/classes while testing, in the jar in production. */
final class OpenApiFiles {

    private OpenApiFiles() {
    }

    static JsonNode read(ObjectMapper json, String resource) {
        try (InputStream in = OpenApiFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI file " + resource + " is not on the classpath");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("OpenAPI file " + resource + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The *.json files directly in a classpath folder, from directories and jars alike. */
    static List<String> names(String folder) {
        List<String> names = new ArrayList<>();
        try {
            for (URL url : Collections.list(OpenApiFiles.class.getClassLoader().getResources(folder))) {
                if (url.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).forEach(names::add);
                    }
                } else if (url.getProtocol().equals("jar")) {
                    JarURLConnection jar = (JarURLConnection) url.openConnection();
                    jar.setUseCaches(false);
                    try (var file = jar.getJarFile()) {
                        file.stream().map(java.util.zip.ZipEntry::getName)
                                .filter(n -> n.startsWith(folder + "/") && n.endsWith(".json")
                                        && n.indexOf('/', folder.length() + 1) < 0)
                                .map(n -> n.substring(folder.length() + 1)).forEach(names::add);
                    }
                } else {
                    throw new IllegalStateException("OpenAPI fragments at " + url + " cannot be listed");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI fragments cannot be listed: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the OpenAPI fragments' folder has no usable path: " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no OpenAPI fragments in the classpath folder " + folder + "/");
        }
        return names;
    }
}
