package org.earshot.server.kpi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.earshot.server.store.Database;
import org.earshot.server.store.StoreException;

/**
 * Computes KPIs in the database with one aggregate query over the time-range index.
 *
 * <p>Definitions (SPEC): offered = every call that entered the queue, less short abandons;
 * ASA = mean wait of answered calls; AHT = mean handle time of answered calls; abandon rate =
 * abandoned / offered; service level = answered within T seconds / offered. Timed-out calls are
 * offered, not answered, and not abandoned (the caller did not hang up).
 */
public final class KpiService {

    private final Database db;

    public KpiService(Database db) {
        this.db = db;
    }

    public List<KpiRow> compute(KpiQuery q) {
        String key = q.groupBy().column == null ? "'all'" : "COALESCE(" + q.groupBy().column + ", '')";
        // Handle time is talk time until hold and after-call work are tracked (SPEC: talk + hold + wrap-up).
        String sql = "SELECT " + key + " AS k, COUNT(*) AS total,"
                + " SUM(CASE WHEN outcome = 'answered' THEN 1 ELSE 0 END) AS answered,"
                + " SUM(CASE WHEN outcome = 'abandoned' AND wait_seconds >= ? THEN 1 ELSE 0 END) AS abandoned,"
                + " SUM(CASE WHEN outcome = 'abandoned' AND wait_seconds < ? THEN 1 ELSE 0 END) AS short_abandoned,"
                + " SUM(CASE WHEN outcome = 'timeout' THEN 1 ELSE 0 END) AS timed_out,"
                + " AVG(CASE WHEN outcome = 'answered' THEN talk_seconds END) AS aht,"
                + " AVG(CASE WHEN outcome = 'answered' THEN wait_seconds END) AS asa,"
                + " AVG(CASE WHEN NOT (outcome = 'abandoned' AND wait_seconds < ?) THEN wait_seconds END) AS avg_wait,"
                + " MAX(CASE WHEN NOT (outcome = 'abandoned' AND wait_seconds < ?) THEN wait_seconds END) AS max_wait,"
                + " SUM(CASE WHEN outcome = 'answered' AND wait_seconds <= ? THEN 1 ELSE 0 END) AS within_sl"
                + " FROM calls WHERE entered_at >= ? AND entered_at < ?"
                + (q.groupBy().column == null ? "" : " GROUP BY " + key + " ORDER BY " + key);
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setDouble(1, q.shortAbandonSeconds());
            s.setDouble(2, q.shortAbandonSeconds());
            s.setDouble(3, q.shortAbandonSeconds());
            s.setDouble(4, q.shortAbandonSeconds());
            s.setDouble(5, q.serviceLevelSeconds());
            s.setTimestamp(6, Timestamp.from(q.from()));
            s.setTimestamp(7, Timestamp.from(q.to()));
            List<KpiRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong("total") > 0) {
                        rows.add(row(rs));
                    }
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("computing KPIs failed", e);
        }
    }

    private static KpiRow row(ResultSet rs) throws SQLException {
        long shortAbandoned = rs.getLong("short_abandoned");
        long offered = rs.getLong("total") - shortAbandoned;
        long answered = rs.getLong("answered");
        long abandoned = rs.getLong("abandoned");
        return new KpiRow(rs.getString("k"), offered, answered, abandoned, shortAbandoned, rs.getLong("timed_out"),
                nullable(rs, "aht"), nullable(rs, "asa"), nullable(rs, "avg_wait"), nullable(rs, "max_wait"),
                offered == 0 ? null : (double) abandoned / offered,
                offered == 0 ? null : (double) rs.getLong("within_sl") / offered);
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
