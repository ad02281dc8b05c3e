package org.earshot.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.earshot.server.store.ApiKeyStore;
import org.earshot.server.store.AuditStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.store.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.earshot.server.testing.MovableClock;

/** API keys through the authenticator: what is stored, who a key acts as, when it is refused, its rate limit. */
class ApiKeysTest {

    private static final String PASSWORD = "right-password-1";

    @TempDir
    Path dir;
    private TestDatabase test;
    private Database db;
    private AuditStore audit;
    private Authenticator auth;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final List<String> accessChanges = new ArrayList<>();

    @BeforeEach
    void openStore() {
        test = TestDatabase.create("h2", dir);
        db = test.open();
        audit = new AuditStore(db);
        auth = new Authenticator(new UserStore(db), audit, new ApiKeyStore(db), clock);
        auth.onAccessChange(accessChanges::add);
        auth.createUser("admin", PASSWORD, Role.ADMIN);
    }

    @AfterEach
    void closeStore() {
        db.close();
        test.close();
    }

    @Test
    void aKeyIsEskWithThirtyTwoRandomBytesAndIsStoredOnlyAsItsHashAndPrefix() throws Exception {
        ApiKeys.Created created = auth.keys().create("admin", "crm-sync", Role.SUPERVISOR, null);

        assertThat(created.secret()).matches("esk_[A-Za-z0-9_-]{43}");
        assertThat(created.key().prefix()).isEqualTo(created.secret().substring(0, 12));
        List<String> stored = everyValueOfTheTable("api_keys");
        assertThat(stored).noneMatch(value -> value.contains(created.secret().substring(12)));
        assertThat(stored).contains(Authenticator.sha256(created.secret()), created.key().prefix());
    }

    @Test
    void aKeyActsWithItsRoleAsKeyColonItsName() {
        String secret = auth.keys().create("admin", "crm-sync", Role.SUPERVISOR, null).secret();

        assertThat(auth.authenticate(secret)).hasValueSatisfying(p -> {
            assertThat(p.username()).isEqualTo("key:crm-sync");
            assertThat(p.role()).isEqualTo(Role.SUPERVISOR);
            assertThat(p.isKey()).isTrue();
        });
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceSaysWhyAndItsSocketsAreToldToCheckAgain() {
        ApiKeys.Created created = auth.keys().create("admin", "crm-sync", Role.SUPERVISOR, null);
        assertThat(auth.authenticate(created.secret())).isPresent();

        ApiKeys.ApiKey revoked = auth.keys().revoke("admin", created.key().id());

        assertThat(auth.authenticate(created.secret())).isEmpty();
        assertThat(auth.refusal(created.secret())).hasValueSatisfying(why -> assertThat(why).contains("'crm-sync' was revoked"));
        assertThat(accessChanges).containsExactly("key:crm-sync");
        assertThat(revoked.status()).isEqualTo("revoked");
        assertThat(audit.find(new AuditStore.Query("admin", "key-revoked", "key:crm-sync", null, null, 0, 10)).total())
                .isEqualTo(1);
    }

    @Test
    void aKeyPastItsExpiryIsRefusedAndSaysWhen() {
        Instant expiry = clock.instant().plus(Duration.ofHours(1));
        String secret = auth.keys().create("admin", "nightly", Role.QA, expiry).secret();
        assertThat(auth.authenticate(secret)).isPresent();

        clock.advance(Duration.ofHours(1));

        assertThat(auth.authenticate(secret)).isEmpty();
        assertThat(auth.refusal(secret)).contains("API key 'nightly' expired at " + expiry);
        assertThat(auth.keys().all()).singleElement().extracting(ApiKeys.ApiKey::status).isEqualTo("expired");
    }

    @Test
    void anUnknownKeyIsRefusedAndASessionTokenHasNoKeyRefusal() {
        String session = auth.login("admin", PASSWORD, "10.0.0.1").orElseThrow();

        assertThat(auth.authenticate("esk_" + "A".repeat(43))).isEmpty();
        assertThat(auth.refusal("esk_" + "A".repeat(43))).hasValueSatisfying(why -> assertThat(why).contains("unknown API key"));
        assertThat(auth.refusal(session)).isEmpty();
    }

    @Test
    void otherPeoplesFailedLoginsDoNotLockAKeyOut() {
        String secret = auth.keys().create("admin", "crm-sync", Role.ADMIN, null).secret();
        for (int i = 0; i < Authenticator.MAX_FAILURES_PER_ADDRESS + 5; i++) {
            try {
                auth.login(i % 2 == 0 ? "admin" : "key:crm-sync", "wrong-password", "10.0.0.1");
            } catch (Authenticator.TooManyAttempts expected) {
                // the name and the address are locked out now: the key must not be
            }
        }
        assertThatThrownBy(() -> auth.login("admin", PASSWORD, "10.0.0.1")).isInstanceOf(Authenticator.TooManyAttempts.class);

        assertThat(auth.authenticate(secret)).isPresent();
    }

    @Test
    void lastUsedAtIsWrittenAtMostOnceAMinute() {
        ApiKeys.Created created = auth.keys().create("admin", "crm-sync", Role.QA, null);
        Instant first = clock.instant();

        auth.authenticate(created.secret());
        clock.advance(Duration.ofSeconds(59));
        auth.authenticate(created.secret());
        assertThat(lastUsed()).isEqualTo(first);

        clock.advance(Duration.ofSeconds(1));
        auth.authenticate(created.secret());
        assertThat(lastUsed()).isEqualTo(first.plusSeconds(60));
    }

    @Test
    void aKeyGetsItsBurstThenWaitsForTheRateAndOtherKeysAreNotCharged() {
        ApiKeys keys = new ApiKeys(new ApiKeyStore(db), audit, clock, name -> { }, 3, 2.0);
        Authenticator.Principal busy = keys.check(keys.create("admin", "busy", Role.QA, null).secret()).principal();
        Authenticator.Principal quiet = keys.check(keys.create("admin", "quiet", Role.QA, null).secret()).principal();
        for (int i = 0; i < 3; i++) {
            keys.throttle(busy);
        }

        assertThatThrownBy(() -> keys.throttle(busy)).isInstanceOfSatisfying(ApiKeys.RateLimited.class, e -> {
            assertThat(e.retryAfterSeconds()).isEqualTo(1);
            assertThat(e.getMessage()).contains("'busy'");
        });
        keys.throttle(quiet);
        clock.advance(Duration.ofMillis(500)); // one request's worth at 2/s
        keys.throttle(busy);
        assertThatThrownBy(() -> keys.throttle(busy)).isInstanceOf(ApiKeys.RateLimited.class);
    }

    @Test
    void badNamesRolesAndExpiriesAreRefusedNamingTheField() {
        ApiKeys keys = auth.keys();

        assertThatThrownBy(() -> keys.create("admin", "", Role.QA, null)).hasMessageStartingWith("name must be 1-80");
        assertThatThrownBy(() -> keys.create("admin", "x".repeat(81), Role.QA, null)).hasMessageStartingWith("name");
        assertThatThrownBy(() -> keys.create("admin", "tab\there", Role.QA, null)).hasMessageStartingWith("name");
        assertThatThrownBy(() -> keys.create("admin", " padded", Role.QA, null)).hasMessageStartingWith("name");
        assertThatThrownBy(() -> keys.create("admin", "ok", null, null)).hasMessageStartingWith("role must be");
        assertThatThrownBy(() -> keys.create("admin", "ok", Role.QA, clock.instant())).hasMessageStartingWith("expiresAt");
        assertThatThrownBy(() -> keys.create("admin", "ok", Role.QA, Instant.parse("+10000-01-01T00:00:00Z")))
                .hasMessageStartingWith("expiresAt");
        assertThat(keys.create("admin", "x".repeat(80), Role.QA, null).key().name()).hasSize(80);
    }

    private Instant lastUsed() {
        return auth.keys().all().get(0).lastUsedAt();
    }

    private List<String> everyValueOfTheTable(String table) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.add(String.valueOf(rs.getString(i)));
                }
            }
        }
        return values;
    }
}
