package org.earshot.server.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The crm.* settings: what they read, and that a bad value names its key and never shows a header's value. */
class CrmSettingsTest {

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> v = new HashMap<>(Map.of(
                "crm.lookup-url", "https://crm.example/api/contacts?phone={caller}",
                "crm.name-field", "/contacts/0/name",
                "crm.id-field", "/contacts/0/id"));
        for (int i = 0; i < keyValues.length; i += 2) {
            v.put(keyValues[i], keyValues[i + 1]);
        }
        return v;
    }

    @Test
    void withoutLookupUrlThereIsNoLookup() {
        assertThat(CrmSettings.fromConfig(Map.of("crm.name-field", "/name"))).isNull();
    }

    @Test
    void readsEveryKeyWithATenMinuteCacheByDefault() {
        CrmSettings crm = CrmSettings.fromConfig(config("crm.lookup-headers", "Authorization: Bearer abc; X-Tenant: 7",
                "crm.record-url", "https://crm.example/contacts/{crmId}"));

        assertThat(crm.headers()).containsExactly(Map.entry("Authorization", "Bearer abc"), Map.entry("X-Tenant", "7"));
        assertThat(crm.cacheTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(crm.lookupUri("+1 555 0101").toString())
                .isEqualTo("https://crm.example/api/contacts?phone=%2B1%20555%200101");
        assertThat(crm.recordUrl("C/1")).isEqualTo("https://crm.example/contacts/C%2F1");
    }

    @Test
    void cacheTtlTakesSecondsMinutesHoursAndIso() {
        assertThat(CrmSettings.fromConfig(config("crm.cache-ttl", "30s")).cacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(CrmSettings.fromConfig(config("crm.cache-ttl", "2h")).cacheTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(CrmSettings.fromConfig(config("crm.cache-ttl", "90")).cacheTtl()).isEqualTo(Duration.ofSeconds(90));
        assertThat(CrmSettings.fromConfig(config("crm.cache-ttl", "PT5M")).cacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> CrmSettings.fromConfig(config("crm.cache-ttl", "soon")))
                .hasMessageContaining("crm.cache-ttl").hasMessageContaining("soon");
        assertThatThrownBy(() -> CrmSettings.fromConfig(config("crm.cache-ttl", "0s"))).hasMessageContaining("crm.cache-ttl");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> CrmSettings.fromConfig(config("crm.lookup-url", "https://crm.example/contacts")))
                .hasMessageContaining("crm.lookup-url").hasMessageContaining("{caller}");
        assertThatThrownBy(() -> CrmSettings.fromConfig(config("crm.lookup-url", "ftp://crm.example/{caller}")))
                .hasMessageContaining("crm.lookup-url");
        assertThatThrownBy(() -> CrmSettings.fromConfig(config("crm.name-field", "contacts.0.name")))
                .hasMessageContaining("crm.name-field").hasMessageContaining("contacts.0.name");
        Map<String, String> noId = config();
        noId.remove("crm.id-field");
        assertThatThrownBy(() -> CrmSettings.fromConfig(noId)).hasMessageContaining("crm.id-field");
        assertThatThrownBy(() -> CrmSettings.fromConfig(config("crm.record-url", "https://crm.example/contacts")))
                .hasMessageContaining("crm.record-url").hasMessageContaining("{crmId}");
    }

    @Test
    void badHeadersAreNamedWithoutTheirValue() {
        assertThatThrownBy(() -> CrmSettings.fromConfig(config("crm.lookup-headers", "Bearer s3cret")))
                .hasMessageContaining("crm.lookup-headers").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> CrmSettings.fromConfig(config("crm.lookup-headers", "Host: s3cret.example")))
                .hasMessageContaining("crm.lookup-headers").hasMessageContaining("Host").hasMessageNotContaining("s3cret");
    }

    @Test
    void headerValuesAndUrlKeysAreNeverShown() {
        CrmSettings crm = CrmSettings.fromConfig(config("crm.lookup-headers", "Authorization: Bearer s3cret",
                "crm.lookup-url", "https://crm.example/api?api_key=k3y&phone={caller}"));

        assertThat(crm.toString()).doesNotContain("s3cret").doesNotContain("k3y").contains("Authorization: ***");
        assertThat(crm.maskedHeaders()).isEqualTo("Authorization: ***");
        assertThat(crm.maskedLookupUrl()).isEqualTo("https://crm.example/api?api_key=***&phone={caller}");
    }
}
