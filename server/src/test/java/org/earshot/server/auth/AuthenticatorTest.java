package org.earshot.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.earshot.server.store.AuditStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.store.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.earshot.server.testing.MovableClock;

class AuthenticatorTest {

    private static final String PASSWORD = "right-password-1";

    @TempDir
    Path dir;
    private TestDatabase test;
    private Database db;
    private Authenticator auth;
    private AuditStore audit;
    private MovableClock clock;

    @BeforeEach
    void openStore() {
        test = TestDatabase.create("h2", dir);
        db = test.open();
        clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
        audit = new AuditStore(db);
        auth = new Authenticator(new UserStore(db), audit, clock);
        auth.createUser("alice", PASSWORD, Role.QA);
        auth.createUser("bob", PASSWORD, Role.QA);
    }

    @AfterEach
    void closeStore() throws Exception {
        db.close();
        test.close();
    }

    @Test
    void namesAreCaseInsensitiveForLoginNewUsersAndTheLockout() {
        assertThat(auth.login("ALICE", PASSWORD, "10.0.0.1")).isPresent();
        assertThat(audit.find(new AuditStore.Query(null, "login", null, null, null, 0, 10)).entries()).anySatisfy(e ->
                assertThat(e.username()).isEqualTo("alice"));
        assertThatThrownBy(() -> auth.createUser("Alice", PASSWORD, Role.QA)).hasMessageContaining("exists already");
        for (int i = 0; i < Authenticator.MAX_FAILURES; i++) {
            assertThat(auth.login(i % 2 == 0 ? "bob" : "BOB", "wrong-password", "10.0.1." + i)).isEmpty();
        }
        assertThatThrownBy(() -> auth.login("Bob", PASSWORD, "10.0.1.99")).isInstanceOf(Authenticator.TooManyAttempts.class);
    }

    @Test
    void fiveWrongPasswordsLockTheNameForAWhileButNotOtherNames() {
        for (int i = 0; i < Authenticator.MAX_FAILURES; i++) {
            assertThat(auth.login("alice", "wrong-password", "10.0.0." + i)).isEmpty();
        }

        assertThatThrownBy(() -> auth.login("alice", PASSWORD, "10.0.0.99")).isInstanceOf(Authenticator.TooManyAttempts.class);
        assertThat(auth.login("bob", PASSWORD, "10.0.0.99")).isPresent();
        clock.advance(Authenticator.FAILURE_WINDOW.plusSeconds(1));
        assertThat(auth.login("alice", PASSWORD, "10.0.0.99")).isPresent();
    }

    @Test
    void oneAddressTryingManyNamesIsLockedOutWhileOthersStillLogIn() {
        for (int i = 0; i < Authenticator.MAX_FAILURES_PER_ADDRESS; i++) {
            assertThat(auth.login("guess" + i, "wrong-password", "203.0.113.7")).isEmpty();
        }

        assertThatThrownBy(() -> auth.login("bob", PASSWORD, "203.0.113.7")).isInstanceOf(Authenticator.TooManyAttempts.class);
        assertThat(auth.login("bob", PASSWORD, "10.0.0.1")).isPresent();
    }

    @Test
    void loginsAndFailuresAreAuditedWithTheirAddress() {
        auth.login("alice", "wrong-password", "10.1.2.3");
        auth.login("alice", PASSWORD, "10.1.2.4");

        var entries = audit.find(new AuditStore.Query("alice", null, null, null, null, 0, 10)).entries();
        assertThat(entries).extracting(AuditStore.Entry::action).containsExactly("login", "login-failed");
        assertThat(entries.get(0).detail()).contains("10.1.2.4");
        assertThat(entries.get(1).detail()).contains("wrong password").contains("10.1.2.3");
    }

    @Test
    void aDisabledAccountWithTheRightPasswordIsAnsweredAsAWrongPasswordAndAudited() {
        auth.updateUser("admin", "alice", null, true, null);

        assertThat(auth.login("alice", PASSWORD, "10.1.2.3")).isEmpty();

        var entries = audit.find(new AuditStore.Query("alice", "login-failed", null, null, null, 0, 10)).entries();
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.detail()).contains("account disabled"));
    }

    @Test
    void loginsRefusedDuringALockoutAreAudited() {
        for (int i = 0; i < Authenticator.MAX_FAILURES; i++) {
            auth.login("alice", "wrong-password", "10.0.0.1");
        }

        assertThatThrownBy(() -> auth.login("alice", PASSWORD, "10.0.0.2")).isInstanceOf(Authenticator.TooManyAttempts.class);

        var entries = audit.find(new AuditStore.Query("alice", "login-failed", null, null, null, 0, 10)).entries();
        assertThat(entries).hasSize(Authenticator.MAX_FAILURES + 1);
        assertThat(entries.get(0).detail()).contains("too many failed logins").contains("10.0.0.2");
    }

    @Test
    void passwordsAGuesserTriesFirstAreRefused() {
        assertThatThrownBy(() -> auth.createUser("carol", "xxxxxxxxxxxx", Role.QA))
                .hasMessage("password must not be one character repeated");
        assertThatThrownBy(() -> auth.createUser("carolcarol", "CarolCarol", Role.QA))
                .hasMessageContaining("must not be the username");
        assertThatThrownBy(() -> auth.createUser("carol", "carol000000", Role.QA))
                .hasMessageContaining("must not be the username");
        assertThatThrownBy(() -> auth.updateUser("admin", "alice", null, null, "ALICEALICE"))
                .hasMessageContaining("must not be the username");
        assertThatThrownBy(() -> Authenticator.checkPassword("admin", "adminadmin")).hasMessageContaining("username");
        Authenticator.checkPassword("carol", "carol-likes-tea");
    }

    @Test
    void sessionsExpireAfterTwelveHours() {
        String token = auth.login("alice", PASSWORD, "10.0.0.1").orElseThrow();
        assertThat(auth.authenticate(token)).isPresent();

        clock.advance(Duration.ofHours(12).plusSeconds(1));

        assertThat(auth.authenticate(token)).isEmpty();
    }

    @Test
    void resettingAPasswordEndsTheUsersSessionsAndTheOldPasswordStopsWorking() {
        String token = auth.login("alice", PASSWORD, "10.0.0.1").orElseThrow();

        auth.updateUser("admin", "alice", null, null, "new-password-22");

        assertThat(auth.authenticate(token)).isEmpty();
        assertThat(auth.login("alice", PASSWORD, "10.0.0.1")).isEmpty();
        assertThat(auth.login("alice", "new-password-22", "10.0.0.1")).isPresent();
    }

    @Test
    void passwordsAreStoredAsBcryptAndOldPbkdf2HashesAreUpgradedAtLogin() throws Exception {
        assertThat(new UserStore(db).find("alice").orElseThrow().passwordHash()).startsWith("$2b$12$");
        // A hash as the first release wrote it: PBKDF2-HMAC-SHA256, 1000 iterations (kept low for the test).
        javax.crypto.SecretKeyFactory f = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salt = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] hash = f.generateSecret(new javax.crypto.spec.PBEKeySpec("legacy-password-1".toCharArray(), salt, 1000, 256))
                .getEncoded();
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        new UserStore(db).create("carol", "pbkdf2-sha256$1000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash),
                "trainer", clock.instant());

        assertThat(auth.login("carol", "legacy-password-1", "10.0.0.1")).isPresent();

        assertThat(new UserStore(db).find("carol").orElseThrow().passwordHash()).startsWith("$2b$12$");
        assertThat(auth.login("carol", "legacy-password-1", "10.0.0.1")).isPresent();
    }
}
