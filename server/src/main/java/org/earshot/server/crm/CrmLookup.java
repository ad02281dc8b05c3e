package org.earshot.server.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.earshot.server.metrics.EarshotMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the CRM who a caller number is: one GET of {@code crm.lookup-url} with {@code crm.lookup-headers},
 * the name and id read by JSON Pointer. Never blocks its caller: {@link #find} answers a future. Answers,
 * "not found" included, are cached for {@code crm.cache-ttl}; callers asked for while a lookup of them is
 * under way share it; failures are not cached. Each request sent is counted in {@code /metrics} by result.
 *
 * <pre>{@code
 * lookup.find("+15550100").thenAccept(contact -> contact.ifPresent(wall::showName));
 * lookup.known("+15550100");   // what is cached already, for the live wall
 * lookup.await("+15550100");   // waits at most the 1 s timeout: FastAGI's lookup script
 * }</pre>
 */
public final class CrmLookup implements AutoCloseable {

    /** The result label of {@code earshot_crm_lookups_total}. */
    public enum Result {
        FOUND("found"), NOT_FOUND("not_found"), ERROR("error"), TIMEOUT("timeout");

        private final String key;

        Result(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(CrmLookup.class);
    // Beyond these, a CRM that hangs would hold ever more connections: new callers go without a name instead.
    private static final int MAX_IN_FLIGHT = 64;
    private static final int MAX_CACHED = 50_000;

    private record Cached(Optional<CrmContact> contact, Instant until) {
    }

    private final CrmSettings settings;
    private final EarshotMetrics metrics;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService executor;
    private final HttpClient http;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Optional<CrmContact>>> inFlight = new ConcurrentHashMap<>();

    /** @param clock "now" for the cache's time to live */
    public CrmLookup(CrmSettings settings, EarshotMetrics metrics, Clock clock) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "crm-lookup-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(CrmSettings.TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        metrics.watchCrm(cache::size);
    }

    /**
     * Who calls from this number: at once from the cache, else when the CRM answers, at the latest after
     * {@link CrmSettings#TIMEOUT}. Empty when the CRM knows no one, fails, or is slow; a number without a
     * digit (withheld, "anonymous") is not looked up. The future never fails.
     */
    public CompletableFuture<Optional<CrmContact>> find(String caller) {
        String number = caller == null ? "" : caller.strip();
        if (number.chars().noneMatch(Character::isDigit)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Cached cached = cache.get(number);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return CompletableFuture.completedFuture(cached.contact());
        }
        if (inFlight.size() >= MAX_IN_FLIGHT && !inFlight.containsKey(number)) {
            log.warn("CRM lookup skipped: {} lookups already wait for the CRM", inFlight.size());
            metrics.crmLookup(Result.ERROR.key());
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<CrmContact>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<CrmContact>> running = inFlight.putIfAbsent(number, mine);
        if (running != null) {
            return running;
        }
        request(number).whenComplete((contact, failure) -> {
            inFlight.remove(number, mine);
            mine.complete(contact == null ? Optional.empty() : contact);
        });
        return mine;
    }

    /** What the cache holds for this number now, without asking the CRM. */
    public Optional<CrmContact> known(String caller) {
        Cached cached = caller == null ? null : cache.get(caller.strip());
        return cached != null && clock.instant().isBefore(cached.until()) ? cached.contact() : Optional.empty();
    }

    /** {@link #find}, waiting at most the lookup timeout: for a thread that may wait, never for AMI's. */
    public Optional<CrmContact> await(String caller) {
        try {
            // find() ends by the timeout itself; the margin only covers the scheduling of its end.
            return find(caller).get(CrmSettings.TIMEOUT.toMillis() + 250, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    private CompletableFuture<Optional<CrmContact>> request(String number) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.lookupUri(number)).timeout(CrmSettings.TIMEOUT)
                .header("Accept", "application/json").GET();
        settings.headers().forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                // The request's timeout ends at the answer's headers; this one bounds the body too.
                .orTimeout(CrmSettings.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> failure != null ? failed(number, failure) : answered(number, response));
    }

    private Optional<CrmContact> answered(String number, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 404 || status == 204) {
            return remember(number, Optional.empty(), Result.NOT_FOUND);
        }
        if (status < 200 || status > 299) {
            log.warn("CRM lookup failed: {} answered HTTP {}", host(response.uri()), status);
            metrics.crmLookup(Result.ERROR.key());
            return Optional.empty();
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            log.warn("CRM lookup failed: {} answered what is not JSON ({})", host(response.uri()), e.getMessage());
            metrics.crmLookup(Result.ERROR.key());
            return Optional.empty();
        }
        String name = text(body == null ? null : body.at(settings.nameField()));
        String id = text(body == null ? null : body.at(settings.idField()));
        if (id == null) {
            return remember(number, Optional.empty(), Result.NOT_FOUND);
        }
        return remember(number, Optional.of(new CrmContact(id, name)), Result.FOUND);
    }

    private Optional<CrmContact> failed(String number, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            log.info("CRM lookup timed out after {} ms: the caller is shown without a name", CrmSettings.TIMEOUT.toMillis());
            metrics.crmLookup(Result.TIMEOUT.key());
        } else {
            log.warn("CRM lookup failed: {}", cause.toString());
            metrics.crmLookup(Result.ERROR.key());
        }
        log.debug("CRM lookup of a caller ending {} failed", tail(number), cause);
        return Optional.empty();
    }

    private Optional<CrmContact> remember(String number, Optional<CrmContact> contact, Result result) {
        metrics.crmLookup(result.key());
        Instant now = clock.instant();
        if (cache.size() >= MAX_CACHED) {
            cache.values().removeIf(c -> !now.isBefore(c.until()));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        cache.put(number, new Cached(contact, now.plus(settings.cacheTtl())));
        return contact;
    }

    /** A value the pointer found: a string or a number (ids are often numbers); null for anything else. */
    private static String text(JsonNode node) {
        if (node == null || !(node.isTextual() || node.isNumber())) {
            return null;
        }
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static String host(URI uri) {
        // Never the whole URL in a log: it holds the caller's number, and may hold a key.
        return uri.getHost();
    }

    private static String tail(String number) {
        return number.length() <= 4 ? number : number.substring(number.length() - 4);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
