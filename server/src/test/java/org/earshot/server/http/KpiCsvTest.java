package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.earshot.server.kpi.KpiRow;
import org.junit.jupiter.api.Test;

class KpiCsvTest {

    private static final Instant FROM = Instant.parse("2026-11-23T00:00:00Z");

    @Test
    void everyRowHasAColumnForEachHeaderIncludingOccupancyAndOpeningHours() {
        KpiRow row = new KpiRow("support", FROM, FROM.plusSeconds(86_400), 10, 8, 1, 1, 1, 2, 180.0, 150.0, 5.0, 30.0, 12.0,
                14.0, 95.0, 0.1, 0.8, 0.75, 4.5, 40.0, 2.0, 6, 12.0, 3600.0, 0.9, 0.62, 2L, 0.85, 3, Map.of("escalation", 3L));

        List<String> header = List.of(KpiRoutes.KpiCsv.HEADER.split(","));
        List<String> cells = List.of(KpiRoutes.KpiCsv.line(row).split(",", -1));

        assertThat(cells).hasSameSizeAs(header);
        assertThat(cells.get(header.indexOf("occupancy_pct"))).isEqualTo("62.00");
        assertThat(cells.get(header.indexOf("offered_after_hours"))).isEqualTo("2");
        assertThat(cells.get(header.indexOf("service_level_in_hours_pct"))).isEqualTo("85.00");
        assertThat(cells.get(header.indexOf("abandon_rate_pct"))).isEqualTo("10.00");
        assertThat(cells.get(header.indexOf("transferred_in"))).isEqualTo("2");
    }

    @Test
    void figuresThatAreUnknownAreLeftEmptyNotZero() {
        KpiRow row = new KpiRow("all", FROM, FROM.plusSeconds(86_400), 0, 0, 0, 0, 0, 0, null, null, null, null, null,
                null, null, null, null, null, null, null, null, 0, null, null, null, null, null, null, 0, Map.of());

        List<String> header = List.of(KpiRoutes.KpiCsv.HEADER.split(","));
        List<String> cells = List.of(KpiRoutes.KpiCsv.line(row).split(",", -1));

        assertThat(cells).hasSameSizeAs(header);
        assertThat(cells.get(header.indexOf("offered"))).isEqualTo("0");
        assertThat(cells.get(header.indexOf("service_level_pct"))).isEmpty();
        assertThat(cells.get(header.indexOf("occupancy_pct"))).isEmpty();
    }
}
