package org.earshot.server.crm;

import com.fasterxml.jackson.core.JsonPointer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to ask the CRM who calls. Validated at start-up; a bad value names its key. The headers are a secret
 * (an API token): {@link #toString()} and {@link #maskedHeaders()} give their names only.
 *
 * <pre>
 * crm.lookup-url     = https://crm.example/api/contacts?phone={caller}
 * crm.lookup-headers = Authorization: Bearer abc; X-Tenant: 7
 * crm.name-field     = /contacts/0/name
 * crm.id-field       = /contacts/0/id
 * crm.record-url     = https://crm.example/contacts/{crmId}
 * crm.cache-ttl      = 10m
 * </pre>
 *
 * @param lookupUrl  a GET URL with {@code {caller}} where the caller's number goes, URL-encoded
 * @param headers    sent with every lookup, by name, in the order given
 * @param nameField  JSON Pointer (RFC 6901) to the caller's name in the answer
 * @param idField    JSON Pointer to the caller's record id in the answer
 * @param recordUrl  the record's page in the CRM with {@code {crmId}}, or null for no link
 * @param cacheTtl   how long an answer, "not found" included, is used before asking again
 */
public record CrmSettings(String lookupUrl, Map<String, String> headers, String nameField, String idField,
                          String recordUrl, Duration cacheTtl) {

    public static final String LOOKUP_URL = "crm.lookup-url";
    public static final String LOOKUP_HEADERS = "crm.lookup-headers";
    public static final String NAME_FIELD = "crm.name-field";
    public static final String ID_FIELD = "crm.id-field";
    public static final String RECORD_URL = "crm.record-url";
    public static final String CACHE_TTL = "crm.cache-ttl";
    /** Every key, for the config file's list of known keys. */
    public static final java.util.Set<String> KEYS = java.util.Set.of(LOOKUP_URL, LOOKUP_HEADERS, NAME_FIELD, ID_FIELD,
            RECORD_URL, CACHE_TTL);

    /** A lookup answers within this or the call goes on without a name (issue 15: "timeout 1 s"). */
    public static final Duration TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(10);

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern TTL = Pattern.compile("(\\d+)\\s*([smhd]?)");

    public CrmSettings {
        if (lookupUrl == null || !lookupUrl.contains("{caller}")) {
            throw new IllegalArgumentException(LOOKUP_URL + " must hold {caller} where the number goes, e.g."
                    + " https://crm.example/api/contacts?phone={caller}, was '" + redacted(lookupUrl) + "'");
        }
        httpUrl(LOOKUP_URL, fill(lookupUrl, "{caller}", "5550100"));
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
        headers.forEach(CrmSettings::checkHeader);
        pointer(NAME_FIELD, nameField);
        pointer(ID_FIELD, idField);
        if (recordUrl != null) {
            if (!recordUrl.contains("{crmId}")) {
                throw new IllegalArgumentException(RECORD_URL + " must hold {crmId} where the record's id goes, e.g."
                        + " https://crm.example/contacts/{crmId}, was '" + recordUrl + "'");
            }
            httpUrl(RECORD_URL, fill(recordUrl, "{crmId}", "42"));
        }
        if (cacheTtl == null || cacheTtl.isNegative() || cacheTtl.isZero()) {
            throw new IllegalArgumentException(CACHE_TTL + " must be a positive time such as 30s, 10m or 1h, was " + cacheTtl);
        }
    }

    /**
     * The settings of a config, or null without {@code crm.lookup-url} (then there is no lookup at all).
     *
     * @throws IllegalArgumentException naming the key of a bad value
     */
    public static CrmSettings fromConfig(Map<String, String> v) {
        String url = v.get(LOOKUP_URL);
        if (url == null || url.isBlank()) {
            return null;
        }
        return new CrmSettings(url.strip(), headers(v.get(LOOKUP_HEADERS)), v.get(NAME_FIELD), v.get(ID_FIELD),
                v.get(RECORD_URL) == null || v.get(RECORD_URL).isBlank() ? null : v.get(RECORD_URL).strip(),
                v.get(CACHE_TTL) == null ? DEFAULT_CACHE_TTL : ttl(v.get(CACHE_TTL)));
    }

    /** The lookup URL for one caller number. */
    public URI lookupUri(String caller) {
        return URI.create(fill(lookupUrl, "{caller}", caller));
    }

    /** The record's page in the CRM, or null without {@code crm.record-url}. */
    public String recordUrl(String crmId) {
        return recordUrl == null || crmId == null ? null : fill(recordUrl, "{crmId}", crmId);
    }

    /** The headers with their values masked, as GET /api/settings shows them. */
    public String maskedHeaders() {
        return String.join("; ", headers.keySet().stream().sorted().map(name -> name + ": ***").toList());
    }

    /** The lookup URL as GET /api/settings shows it: values of key=, token=, secret=, password= ... masked. */
    public String maskedLookupUrl() {
        return redacted(lookupUrl);
    }

    /**
     * Reads {@code Name: value; Name: value}: a header value cannot hold a semicolon. Never puts a value in
     * its error messages: they are secrets.
     */
    static Map<String, String> headers(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return headers;
        }
        int n = 0;
        for (String part : text.split(";")) {
            n++;
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(LOOKUP_HEADERS + ": header " + n + " is not 'Name: value' (headers are"
                        + " separated by ';', e.g. Authorization: Bearer TOKEN; X-Tenant: 7)");
            }
            headers.put(part.substring(0, colon).strip(), part.substring(colon + 1).strip());
        }
        return headers;
    }

    /** {@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}, a number of seconds, or ISO-8601 such as {@code PT10M}. */
    static Duration ttl(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = TTL.matcher(t);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofSeconds(n);
                };
            }
            return Duration.parse(text.strip());
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(CACHE_TTL + " must be a time such as 30s, 10m or 1h, was '" + text + "'");
        }
    }

    private static void checkHeader(String name, String value) {
        if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException(LOOKUP_HEADERS + ": '" + name + "' is not a header name");
        }
        try {
            // The JDK's client refuses some headers (Host, Connection, Content-Length...): say so at start-up.
            HttpRequest.newBuilder(URI.create("http://localhost/")).header(name, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LOOKUP_HEADERS + ": header '" + name + "' cannot be sent (a restricted"
                    + " header, or its value holds a line break)");
        }
    }

    private static void pointer(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required with " + LOOKUP_URL + ": a JSON Pointer into the"
                    + " CRM's answer, e.g. /contacts/0/name");
        }
        try {
            JsonPointer.compile(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be a JSON Pointer starting with /, e.g. /contacts/0/name, was '"
                    + value + "'");
        }
    }

    private static void httpUrl(String key, String example) {
        URI uri;
        try {
            uri = URI.create(example);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an http:// or https:// URL with a host, was '"
                    + redacted(example) + "'");
        }
    }

    private static String fill(String template, String placeholder, String value) {
        // %20, not +: the number may go in a path as well as in a query.
        return template.replace(placeholder, URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String redacted(String url) {
        return url == null ? null : url.replaceAll("(?i)((?:api[_-]?key|key|token|secret|password|auth)=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        // Never print the header values: they hold the CRM's token.
        return "CrmSettings[lookupUrl=" + maskedLookupUrl() + ", headers=" + maskedHeaders() + ", nameField=" + nameField
                + ", idField=" + idField + ", recordUrl=" + recordUrl + ", cacheTtl=" + cacheTtl + "]";
    }
}
