package org.earshot.server.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import org.earshot.server.auth.Authenticator.Principal;
import org.earshot.server.store.ApiKeyStore;
import org.earshot.server.store.AuditStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys (service accounts): machine clients send {@code Authorization: Bearer esk_...} and act with the key's
 * role, as {@code key:<name>} in the audit log. A key is shown once when created and stored only as a SHA-256;
 * revoking it refuses it at once and tells the access listeners (open live sockets close). Each key has its own
 * rate limit; the login lockout never applies to keys (they never log in).
 *
 * <pre>{@code
 * ApiKeys.Created created = auth.keys().create("admin", "crm-sync", Role.SUPERVISOR, null);
 * String secret = created.secret(); // give it to the client now: it cannot be read again
 * }</pre>
 */
public final class ApiKeys {

    /** What every key starts with, so clients, scanners and logs can tell a key from a session token. */
    public static final String PREFIX = "esk_";
    /** The audit log's actor for a key: ':' is never in a user name, so "key:x" cannot be mistaken for a user. */
    public static final String ACTOR_PREFIX = "key:";
    /** Requests per second a key may make on average, and the burst it may make at once. */
    public static final int REQUESTS_PER_SECOND = 20;
    public static final int BURST = 100;
    /** lastUsedAt is written at most this often per key (and node): a use is not a database write per request. */
    static final Duration LAST_USED_EVERY = Duration.ofMinutes(1);
    static final int MAX_NAME_LENGTH = 80;
    /** Characters of the key after "esk_" kept in clear to tell keys apart: 48 bits, far from guessing the rest. */
    private static final int SHOWN_CHARACTERS = 8;
    private static final int SECRET_BYTES = 32;
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    /** A key as admins see it: never the key, nor its hash. {@code status} is active, expired or revoked. */
    public record ApiKey(long id, String name, Role role, String prefix, Instant createdAt, String createdBy,
                         Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String revokedBy, String status) {
    }

    /** A new key with its secret, which only this answer ever holds. */
    public record Created(ApiKey key, String secret) {
    }

    /** Thrown when a key made more requests than its rate limit allows; says when to retry. */
    public static final class RateLimited extends RuntimeException {
        private final Duration retryAfter;

        RateLimited(String name, Duration retryAfter) {
            super("API key '" + name + "' is over its rate limit of " + REQUESTS_PER_SECOND + " requests/s (bursts of "
                    + BURST + "): retry in " + seconds(retryAfter) + " s");
            this.retryAfter = retryAfter;
        }

        /** Whole seconds to wait, at least 1: what the Retry-After header says. */
        public long retryAfterSeconds() {
            return seconds(retryAfter);
        }

        private static long seconds(Duration d) {
            return Math.max(1, (d.toMillis() + 999) / 1000);
        }
    }

    /** What a key resolved to: its principal, or why it is refused (a 401's detail). */
    record Check(Principal principal, String refusal) {
    }

    private final ApiKeyStore store;
    private final AuditStore audit;
    private final Clock clock;
    private final AccessListener revoked;
    private final int burst;
    private final double perSecond;
    private final Map<Long, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<Long, Instant> lastWritten = new ConcurrentHashMap<>();

    ApiKeys(ApiKeyStore store, AuditStore audit, Clock clock, AccessListener revoked) {
        this(store, audit, clock, revoked, BURST, REQUESTS_PER_SECOND);
    }

    /** With another rate limit (tests). */
    ApiKeys(ApiKeyStore store, AuditStore audit, Clock clock, AccessListener revoked, int burst, double perSecond) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.revoked = revoked;
        this.burst = burst;
        this.perSecond = perSecond;
    }

    /**
     * Creates a key on behalf of {@code actor} (audited).
     *
     * @param expiresAt null for a key that does not expire
     * @throws IllegalArgumentException naming the field that is wrong
     * @throws ApiKeyStore.NameTaken when a key of that name exists (or existed)
     */
    public Created create(String actor, String name, Role role, Instant expiresAt) {
        checkName(name);
        if (role == null) {
            throw new IllegalArgumentException("role must be one of admin, supervisor, qa, trainer");
        }
        Instant now = clock.instant();
        if (expiresAt != null && (!expiresAt.isAfter(now) || expiresAt.atZone(ZoneOffset.UTC).toLocalDate().isAfter(LAST_DAY))) {
            throw new IllegalArgumentException("expiresAt must be in the future (and in years up to 9999), was " + expiresAt);
        }
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String prefix = secret.substring(0, PREFIX.length() + SHOWN_CHARACTERS);
        ApiKeyStore.Key key = store.create(new ApiKeyStore.NewKey(name, role.key(), Authenticator.sha256(secret), prefix,
                now, actor, expiresAt));
        record(actor, "key-created", key.name(), "role " + role.key() + ", " + prefix + "…"
                + (expiresAt == null ? ", no expiry" : ", expires " + expiresAt));
        log.info("API key '{}' ({}…) created by '{}' with role {}", name, prefix, actor, role.key());
        return new Created(view(key, now), secret);
    }

    /** Every key, newest first, revoked ones included. */
    public List<ApiKey> all() {
        Instant now = clock.instant();
        return store.all().stream().map(k -> view(k, now)).toList();
    }

    /**
     * Revokes a key at once: it is refused from the next request, and open live sockets it let in are closed.
     * Revoking a revoked key changes nothing.
     *
     * @throws NoSuchElementException when there is no key with that id
     */
    public ApiKey revoke(String actor, long id) {
        ApiKeyStore.Key key = store.find(id).orElseThrow(() -> new NoSuchElementException("no API key with id " + id));
        if (store.revoke(id, clock.instant(), actor)) {
            buckets.remove(id);
            lastWritten.remove(id);
            record(actor, "key-revoked", key.name(), key.prefix() + "…");
            log.info("API key '{}' ({}…) revoked by '{}'", key.name(), key.prefix(), actor);
            revoked.accessChanged(actor(key.name()));
        }
        return view(store.find(id).orElseThrow(), clock.instant());
    }

    /** The principal of a valid key, or why the key is refused; a valid key's use is noted (see LAST_USED_EVERY). */
    Check check(String token) {
        var found = store.findByHash(Authenticator.sha256(token));
        if (found.isEmpty()) {
            return new Check(null, "unknown API key: check it was copied whole, or ask an admin for a new one");
        }
        ApiKeyStore.Key key = found.get();
        Instant now = clock.instant();
        if (key.revokedAt() != null) {
            return new Check(null, "API key '" + key.name() + "' was revoked at " + key.revokedAt());
        }
        if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
            return new Check(null, "API key '" + key.name() + "' expired at " + key.expiresAt());
        }
        Instant written = lastWritten.get(key.id());
        if (written == null || !now.isBefore(written.plus(LAST_USED_EVERY))) {
            lastWritten.put(key.id(), now);
            store.touch(key.id(), now);
        }
        return new Check(new Principal(actor(key.name()), Role.fromKey(key.role()), key.id()), null);
    }

    /**
     * Counts one request of a key against its rate limit.
     *
     * @throws RateLimited when the key has no request left now
     */
    void throttle(Principal key) {
        Instant now = clock.instant();
        TokenBucket bucket = buckets.computeIfAbsent(key.keyId(), id -> new TokenBucket(burst, perSecond, now));
        Duration wait = bucket.take(now);
        if (!wait.isZero()) {
            throw new RateLimited(key.username().substring(ACTOR_PREFIX.length()), wait);
        }
    }

    static String actor(String name) {
        return ACTOR_PREFIX + name;
    }

    /** 1-80 characters, not blank, no control characters, no space at either end. */
    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || !name.strip().equals(name)
                || name.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("name must be 1-" + MAX_NAME_LENGTH + " characters without control"
                    + " characters or spaces at either end, was '" + (name == null ? "" : name.codePoints()
                    .filter(c -> !Character.isISOControl(c)).limit(100)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)) + "'");
        }
    }

    private void record(String actor, String action, String keyName, String detail) {
        audit.append(new AuditStore.Entry(clock.instant(), actor, action, actor(keyName), detail));
    }

    private static ApiKey view(ApiKeyStore.Key k, Instant now) {
        String status = k.revokedAt() != null ? "revoked"
                : k.expiresAt() != null && !now.isBefore(k.expiresAt()) ? "expired" : "active";
        return new ApiKey(k.id(), k.name(), Role.fromKey(k.role()), k.prefix(), k.createdAt(), k.createdBy(),
                k.expiresAt(), k.lastUsedAt(), k.revokedAt(), k.revokedBy(), status);
    }
}
