package org.earshot.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EarshotMetricsTest {

    @Test
    void everyOutcomeAndResultIsAZeroSeriesBeforeTheFirstEvent() throws Exception {
        EarshotMetrics metrics = new EarshotMetrics();
        metrics.watch(java.util.Map::of, () -> false, () -> 0L, () -> 0L);

        String scraped = new String(metrics.scrape(), StandardCharsets.UTF_8);

        assertThat(scraped).contains("earshot_calls_stored_total{outcome=\"answered\"} 0.0")
                .contains("earshot_calls_stored_total{outcome=\"exit-with-key\"} 0.0")
                .contains("earshot_analyses_total{result=\"failed\"} 0.0");
    }

    @Test
    void buildInfoNamesTheVersionAndCommitWithTheValueOne() throws Exception {
        EarshotMetrics metrics = new EarshotMetrics(new org.earshot.server.BuildInfo("1.4.0", "0123456789ab", "t"));

        String scraped = new String(metrics.scrape(), StandardCharsets.UTF_8);

        assertThat(scraped).contains("earshot_build_info{commit=\"0123456789ab\",version=\"1.4.0\"} 1");
    }
}
