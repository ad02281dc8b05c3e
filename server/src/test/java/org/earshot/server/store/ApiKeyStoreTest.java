package org.earshot.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** API keys against the real schema (V12), on H2 and (with EARSHOT_TEST_PG_URL) PostgreSQL. */
class ApiKeyStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String HASH = "a".repeat(64);

    @TempDir
    Path dir;

    private TestDatabase test;
    private Database db;
    private ApiKeyStore keys;

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private void open(String kind) {
        test = TestDatabase.create(kind, dir);
        db = test.open();
        keys = new ApiKeyStore(db);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        if (test != null) {
            test.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aStoredKeyIsFoundByItsHashWithEveryField(String kind) {
        open(kind);

        ApiKeyStore.Key created = keys.create(new ApiKeyStore.NewKey("crm-sync", "supervisor", HASH, "esk_AbCdEfGh", NOW,
                "admin", NOW.plusSeconds(3600)));

        assertThat(keys.findByHash(HASH)).contains(created);
        assertThat(created.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(keys.findByHash("b".repeat(64))).isEmpty();
        assertThat(keys.all()).containsExactly(created);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aNameIsNeverUsedTwiceInAnyLetterCaseEvenAfterItsKeyIsRevoked(String kind) {
        open(kind);
        ApiKeyStore.Key first = keys.create(new ApiKeyStore.NewKey("ci", "qa", HASH, "esk_11111111", NOW, "admin", null));
        keys.revoke(first.id(), NOW, "admin");

        assertThatThrownBy(() -> keys.create(new ApiKeyStore.NewKey("CI", "qa", "c".repeat(64), "esk_22222222", NOW,
                "admin", null))).isInstanceOf(ApiKeyStore.NameTaken.class).hasMessageContaining("'CI' exists already");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void revokingTwiceKeepsTheFirstRevocation(String kind) {
        open(kind);
        ApiKeyStore.Key key = keys.create(new ApiKeyStore.NewKey("ci", "qa", HASH, "esk_11111111", NOW, "admin", null));

        assertThat(keys.revoke(key.id(), NOW.plusSeconds(1), "admin")).isTrue();
        assertThat(keys.revoke(key.id(), NOW.plusSeconds(2), "root")).isFalse();

        assertThat(keys.find(key.id())).hasValueSatisfying(k -> {
            assertThat(k.revokedAt()).isEqualTo(NOW.plusSeconds(1));
            assertThat(k.revokedBy()).isEqualTo("admin");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aUseNeverMovesLastUsedBackwards(String kind) {
        open(kind);
        ApiKeyStore.Key key = keys.create(new ApiKeyStore.NewKey("ci", "qa", HASH, "esk_11111111", NOW, "admin", null));

        keys.touch(key.id(), NOW.plusSeconds(120));
        keys.touch(key.id(), NOW.plusSeconds(60)); // another node's older use, written late

        assertThat(keys.find(key.id()).orElseThrow().lastUsedAt()).isEqualTo(NOW.plusSeconds(120));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theAuditLogTakesAKeysActorOfEightyFourCharacters(String kind) {
        open(kind);
        AuditStore audit = new AuditStore(db);
        String actor = "key:" + "n".repeat(80);

        audit.append(new AuditStore.Entry(NOW, actor, "call-opened", "c1", null));

        assertThat(audit.find(new AuditStore.Query(actor, null, null, null, null, 0, 10)).entries())
                .extracting(AuditStore.Entry::username).containsExactly(actor);
    }
}
