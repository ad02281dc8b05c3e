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
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.earshot.server.store.ApiKeyStore;
import org.earshot.server.store.AuditStore;
import org.earshot.server.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks passwords, issues session tokens and resolves a token back to its user; manages accounts. Logins,
 * failed logins, logouts and account changes go to the audit log.
 */
public final class Authenticator {

    /**
     * Who a request acts as: a logged-in user, or an API key ({@code keyId} set, {@code username} "key:NAME").
     */
    public record Principal(String username, Role role, Long keyId) {
        /** A logged-in user. */
        public Principal(String username, Role role) {
            this(username, role, null);
        }

        /** True for an API key: no session, no user or key management (see ApiKeys). */
        public boolean isKey() {
            return keyId != null;
        }
    }

    /** An account as admins see it (never with its password hash). */
    public record Account(String username, Role role, boolean disabled, Instant createdAt, Instant lastLoginAt) {
    }

    /** Who acts when the server itself creates accounts (first admin, demo). */
    public static final String SYSTEM = "(system)";

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
    private static final Duration SESSION_LENGTH = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Failed logins allowed per name within {@link #FAILURE_WINDOW} before the name is refused for a while. */
    static final int MAX_FAILURES = 5;
    /** Failed logins allowed per client address within the window, whatever names it tries. */
    static final int MAX_FAILURES_PER_ADDRESS = 20;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);
    private static final String UNKNOWN_USER_HASH = PasswordHasher.hash("not a password anyone has");

    /** Thrown while a name is locked out after too many failed logins. */
    public static final class TooManyAttempts extends RuntimeException {
        public TooManyAttempts(Duration wait) {
            super("too many failed logins: try again in " + Math.max(1, wait.toSeconds()) + " s");
        }
    }

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final List<AccessListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Deque<Instant>> failuresByAddress = new ConcurrentHashMap<>();
    private final UserStore users;
    private final AuditStore audit;
    private final Clock clock;
    private final ApiKeys keys;

    /** Sessions only: bearer API keys are refused as unknown, and {@link #keys()} is not offered. */
    public Authenticator(UserStore users, AuditStore audit, Clock clock) {
        this(users, audit, null, clock);
    }

    /** Sessions and API keys. */
    public Authenticator(UserStore users, AuditStore audit, ApiKeyStore keys, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.keys = keys == null ? null : new ApiKeys(keys, audit, clock, this::accessChanged);
    }

    /** The API keys: create, list, revoke. */
    public ApiKeys keys() {
        if (keys == null) {
            throw new IllegalStateException("this authenticator was built without an API key store");
        }
        return keys;
    }

    /** Registers a listener told, after the change is stored, whenever a user's sessions end or their role changes. */
    public void onAccessChange(AccessListener listener) {
        listeners.add(listener);
    }

    /** Tells every listener; one that fails must not undo the change already stored, nor keep the others from hearing. */
    private void accessChanged(String username) {
        for (AccessListener listener : listeners) {
            try {
                listener.accessChanged(username);
            } catch (RuntimeException e) {
                log.warn("An access listener failed for user '{}'", username, e);
            }
        }
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
        if (password != null && !password.isBlank()) {
            try {
                checkPassword("admin", password);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("admin-password: " + e.getMessage(), e);
            }
        }
        if (password == null || password.isBlank()) {
            byte[] bytes = new byte[12];
            RANDOM.nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            System.out.println("Earshot: created user 'admin' with password " + password + " (shown once; change it)");
        }
        users.create("admin", PasswordHasher.hash(password), Role.ADMIN.key(), clock.instant());
        record(SYSTEM, "user-created", "admin", "role admin");
        log.info("Created the first admin user 'admin'");
    }

    /** Every account, by name. */
    public List<Account> users() {
        return users.all().stream().map(Authenticator::account).toList();
    }

    public Optional<Account> user(String username) {
        return users.find(username).map(Authenticator::account);
    }

    /**
     * Creates a user. Names are 1-80 letters, digits, dots, dashes or underscores; passwords at least
     * 10 characters.
     *
     * @throws IllegalArgumentException naming what is wrong, or that the name is taken
     */
    public void createUser(String username, String password, Role role) {
        createUser(SYSTEM, username, password, role);
    }

    /** Creates a user on behalf of {@code actor} (audited). */
    public void createUser(String actor, String username, String password, Role role) {
        if (username == null || !username.matches("[A-Za-z0-9._-]{1,80}")) {
            throw new IllegalArgumentException("username must be 1-80 letters, digits, '.', '-' or '_', was '" + username + "'");
        }
        checkPassword(username, password);
        if (users.find(username).isPresent()) {
            throw new IllegalArgumentException("user '" + username + "' exists already");
        }
        users.create(username, PasswordHasher.hash(password), role.key(), clock.instant());
        record(actor, "user-created", username, "role " + role.key());
        log.info("Created user '{}' with role {}", username, role.key());
    }

    /**
     * Changes an account: any of role, disabled, password may be null (unchanged). Disabling an account or
     * setting its password ends its sessions. The last enabled admin cannot be disabled or demoted, and
     * nobody can disable their own account, so the server always keeps someone who can manage it.
     *
     * @throws NoSuchElementException when there is no such user
     * @throws IllegalArgumentException naming what is not allowed
     */
    public Account updateUser(String actor, String username, Role role, Boolean disabled, String password) {
        UserStore.User user = users.find(username)
                .orElseThrow(() -> new NoSuchElementException("no user named '" + username + "'"));
        if (password != null) {
            checkPassword(user.username(), password);
        }
        boolean enabledAdmin = user.role().equals(Role.ADMIN.key()) && !user.disabled();
        boolean losesAdmin = (role != null && role != Role.ADMIN) || Boolean.TRUE.equals(disabled);
        if (enabledAdmin && losesAdmin && users.countEnabledAdmins() <= 1) {
            throw new IllegalArgumentException("'" + username + "' is the last enabled admin: make another admin first");
        }
        if (Boolean.TRUE.equals(disabled) && username.equals(actor)) {
            throw new IllegalArgumentException("you cannot disable your own account");
        }
        List<String> changes = new ArrayList<>();
        if (role != null && !role.key().equals(user.role())) {
            users.setRole(username, role.key());
            record(actor, "role-changed", username, user.role() + " -> " + role.key());
            changes.add("role " + role.key());
        }
        if (disabled != null && disabled != user.disabled()) {
            users.setDisabled(username, disabled);
            record(actor, disabled ? "user-disabled" : "user-enabled", username, null);
            changes.add(disabled ? "disabled" : "enabled");
        }
        if (password != null) {
            users.setPasswordHash(username, PasswordHasher.hash(password));
            record(actor, "password-reset", username, null);
            changes.add("password");
        }
        if (Boolean.TRUE.equals(disabled) || password != null) {
            users.deleteSessions(username, clock.instant());
        }
        if (!changes.isEmpty()) {
            log.info("User '{}' changed by '{}': {}", username, actor, String.join(", ", changes));
            accessChanged(user.username());
        }
        return users.find(username).map(Authenticator::account).orElseThrow();
    }

    /** Ends the session of this token, if it is one. */
    public void logout(String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        users.deleteSession(sha256(token)).ifPresent(name -> {
            record(name, "logout", name, null);
            accessChanged(name);
        });
    }

    /** Appends to the audit log: {@code who} did {@code action} to {@code target} now. */
    public void record(String who, String action, String target, String detail) {
        audit.append(new AuditStore.Entry(clock.instant(), who, action, target, detail));
    }

    /**
     * At least 10 characters, at most 200, and not one a guesser tries first: one character repeated, or the
     * user's own name (in any case, repeated, or padded with one repeated character).
     */
    static void checkPassword(String username, String password) {
        if (password == null || password.length() < 10) {
            throw new IllegalArgumentException("password must have at least 10 characters");
        }
        if (password.length() > 200) {
            throw new IllegalArgumentException("password must have at most 200 characters");
        }
        if (password.codePoints().distinct().count() == 1) {
            throw new IllegalArgumentException("password must not be one character repeated");
        }
        String rest = password.toLowerCase(java.util.Locale.ROOT)
                .replace(username.toLowerCase(java.util.Locale.ROOT), "");
        if (!username.isEmpty() && rest.length() < password.length() && rest.codePoints().distinct().count() <= 1) {
            throw new IllegalArgumentException("password must not be the username, repeated or padded with one character");
        }
    }

    private static Account account(UserStore.User u) {
        return new Account(u.username(), Role.fromKey(u.role()), u.disabled(), u.createdAt(), u.lastLoginAt());
    }

    /**
     * A new session token for valid credentials.
     *
     * @param address the client's IP address, as the audit log and the per-address limit see it
     * @throws TooManyAttempts after {@link #MAX_FAILURES} failed logins for the name, or
     *                         {@link #MAX_FAILURES_PER_ADDRESS} from the address, within {@link #FAILURE_WINDOW}
     */
    public Optional<String> login(String username, String password, String address) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        String name = username.matches("[A-Za-z0-9._-]{1,80}") ? username : "(invalid name)";
        String from = address == null ? "unknown" : address;
        Instant now = clock.instant();
        // Names are case-insensitive: "ADMIN" must not get five more guesses than "admin".
        Deque<Instant> recent = failures.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), n -> new ArrayDeque<>());
        Deque<Instant> fromAddress = failuresByAddress.computeIfAbsent(from, a -> new ArrayDeque<>());
        try {
            refuseWhileLockedOut(recent, MAX_FAILURES, now);
            // One address trying many names is guessing too, whichever names it tries.
            refuseWhileLockedOut(fromAddress, MAX_FAILURES_PER_ADDRESS, now);
        } catch (TooManyAttempts e) {
            // A guesser hammering a locked name shows in the audit log too, not only the five tries before.
            record(name, "login-failed", name, "refused: too many failed logins, from " + from);
            throw e;
        }
        var user = users.find(username);
        // Hash even for an unknown name, so the answer's timing does not tell which names exist.
        boolean ok = PasswordHasher.matches(password, user.map(UserStore.User::passwordHash).orElse(UNKNOWN_USER_HASH))
                && user.isPresent();
        // A disabled account is answered, and counted towards the lockout, as a wrong password: a different
        // answer would confirm to a guesser that the password is right.
        boolean disabled = ok && user.get().disabled();
        if (!ok || disabled) {
            synchronized (recent) {
                recent.addLast(now);
            }
            synchronized (fromAddress) {
                fromAddress.addLast(now);
            }
            log.info("Failed login for user '{}' from {}", name, from); // never the raw input: it may hold a password or CR/LF
            record(name, "login-failed", name, (disabled ? "account disabled," : user.isPresent() ? "wrong password"
                    : "no such user") + " from " + from);
            return Optional.empty();
        }
        failures.remove(name.toLowerCase(java.util.Locale.ROOT));
        username = user.get().username(); // as stored: "ADMIN" logs in as admin
        if (PasswordHasher.needsRehash(user.get().passwordHash())) {
            users.setPasswordHash(username, PasswordHasher.hash(password));
        }
        users.recordLogin(username, now);
        record(username, "login", username, "from " + from);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        users.createSession(sha256(token), username, clock.instant().plus(SESSION_LENGTH));
        log.info("User '{}' logged in", username);
        return Optional.of(token);
    }

    private static void refuseWhileLockedOut(Deque<Instant> recent, int max, Instant now) {
        synchronized (recent) {
            recent.removeIf(t -> t.isBefore(now.minus(FAILURE_WINDOW)));
            if (recent.size() >= max) {
                throw new TooManyAttempts(Duration.between(now, recent.peekFirst().plus(FAILURE_WINDOW)));
            }
        }
    }

    /** The user of a session token or the key of an API key; empty when neither is valid (see {@link #refusal}). */
    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        if (keys != null && token.startsWith(ApiKeys.PREFIX)) {
            Principal key = keys.check(token).principal();
            if (key != null) {
                return Optional.of(key);
            }
            // Not a key: a session token may start with "esk_" too (1 in 16 million), so it is looked up as one.
        }
        return users.findBySession(sha256(token), clock.instant())
                .map(u -> new Principal(u.username(), Role.fromKey(u.role())));
    }

    /**
     * Why {@link #authenticate} refused this API key (revoked, expired, unknown), for the 401's detail; empty for
     * anything that is not an API key.
     */
    public Optional<String> refusal(String token) {
        if (keys == null || token == null || !token.startsWith(ApiKeys.PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(keys.check(token).refusal());
    }

    /**
     * Counts a request of an API key against its rate limit; sessions are not limited here.
     *
     * @throws ApiKeys.RateLimited when the key is over its limit
     */
    public void throttle(Principal principal) {
        if (principal.isKey() && keys != null) {
            keys.throttle(principal);
        }
    }

    static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
