package org.earshot.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.earshot.server.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks passwords, issues session tokens and resolves a token back to its user. */
public final class Authenticator {

    /** A logged-in user. */
    public record Principal(String username, Role role) {
    }

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
    private static final Duration SESSION_LENGTH = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Failed logins allowed per name within {@link #FAILURE_WINDOW} before the name is refused for a while. */
    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);
    private static final String UNKNOWN_USER_HASH = PasswordHasher.hash("not a password anyone has");

    /** Thrown while a name is locked out after too many failed logins. */
    public static final class TooManyAttempts extends RuntimeException {
        public TooManyAttempts(Duration wait) {
            super("too many failed logins for this user: try again in " + Math.max(1, wait.toSeconds()) + " s");
        }
    }

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final UserStore users;
    private final Clock clock;

    public Authenticator(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    /**
     * Creates user {@code admin} when there are no users yet. Without a configured password a random
     * one is generated and printed once to the console (not to the log files).
     */
    public void ensureFirstAdmin(String configuredPassword) {
        if (users.count() > 0) {
            return;
        }
        String password = configuredPassword;
        if (password != null && !password.isBlank() && password.length() < 10) {
            throw new IllegalArgumentException("admin-password must have at least 10 characters");
        }
        if (password == null || password.isBlank()) {
            byte[] bytes = new byte[12];
            RANDOM.nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            System.out.println("Earshot: created user 'admin' with password " + password + " (shown once; change it)");
        }
        users.create("admin", PasswordHasher.hash(password), Role.ADMIN.key(), clock.instant());
        log.info("Created the first admin user 'admin'");
    }

    /** Users and their roles, without password hashes. */
    public java.util.List<Principal> users() {
        return users.all().stream().map(u -> new Principal(u.username(), Role.fromKey(u.role()))).toList();
    }

    /**
     * Creates a user. Names are 1-80 letters, digits, dots, dashes or underscores; passwords at least
     * 10 characters.
     *
     * @throws IllegalArgumentException naming what is wrong, or that the name is taken
     */
    public void createUser(String username, String password, Role role) {
        if (username == null || !username.matches("[A-Za-z0-9._-]{1,80}")) {
            throw new IllegalArgumentException("username must be 1-80 letters, digits, '.', '-' or '_', was '" + username + "'");
        }
        if (password == null || password.length() < 10) {
            throw new IllegalArgumentException("password must have at least 10 characters");
        }
        if (users.find(username).isPresent()) {
            throw new IllegalArgumentException("user '" + username + "' exists already");
        }
        users.create(username, PasswordHasher.hash(password), role.key(), clock.instant());
        log.info("Created user '{}' with role {}", username, role.key());
    }

    /**
     * A new session token for valid credentials.
     *
     * @throws TooManyAttempts after {@link #MAX_FAILURES} failed logins for the name within {@link #FAILURE_WINDOW}
     */
    public Optional<String> login(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        String name = username.matches("[A-Za-z0-9._-]{1,80}") ? username : "(invalid name)";
        Instant now = clock.instant();
        Deque<Instant> recent = failures.computeIfAbsent(name, n -> new ArrayDeque<>());
        synchronized (recent) {
            recent.removeIf(t -> t.isBefore(now.minus(FAILURE_WINDOW)));
            if (recent.size() >= MAX_FAILURES) {
                throw new TooManyAttempts(Duration.between(now, recent.peekFirst().plus(FAILURE_WINDOW)));
            }
        }
        var user = users.find(username);
        // Hash even for an unknown name, so the answer's timing does not tell which names exist.
        boolean ok = PasswordHasher.matches(password, user.map(UserStore.User::passwordHash).orElse(UNKNOWN_USER_HASH))
                && user.isPresent();
        if (!ok) {
            synchronized (recent) {
                recent.addLast(now);
            }
            log.info("Failed login for user '{}'", name); // never the raw input: it may hold a password or CR/LF
            return Optional.empty();
        }
        failures.remove(name);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        users.createSession(sha256(token), username, clock.instant().plus(SESSION_LENGTH));
        log.info("User '{}' logged in", username);
        return Optional.of(token);
    }

    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return users.findBySession(sha256(token), clock.instant())
                .map(u -> new Principal(u.username(), Role.fromKey(u.role())));
    }

    private static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
