package org.earshot.server.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The additive parts of the KPIs of a set of calls: what a rollup row stores, and what the KPI rules
 * add a call into. Counts and sums are exact integers (times in milliseconds), so any two ways of
 * adding the same calls give the same figures to the last digit; only the maximum wait and the
 * set of callers are not sums, and merge as a maximum and a union.
 */
public final class KpiSums {

    /** The summed figures; each is a column of kpi_rollups named like it in lower case. */
    public enum Field {
        OFFERED, ANSWERED, ABANDONED, SHORT_ABANDONED, TIMED_OUT, TRANSFERRED_IN,
        HANDLE_MS, TALK_MS, HOLD_MS, WRAP_UP_MS, WAIT_ANSWERED_MS, WAIT_ANSWERED_N, WAIT_OFFERED_MS,
        SL_WITHIN, SL_BASE, OFFERED_AFTER_HOURS, HOURS_KNOWN, IN_HOURS_BASE, IN_HOURS_WITHIN,
        FCR_BASE, FCR_RESOLVED, SURVEYS, CSAT_SUM, CSAT_N, PROMOTERS, DETRACTORS, NPS_N, CES_SUM, CES_N,
        RESOLUTION_MS, CASES, FLAGGED;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Field[] FIELDS = Field.values();

    private final long[] values = new long[FIELDS.length];
    private long maxWaitMillis = -1;
    private final Map<String, Long> flags = new TreeMap<>();
    private final Callers callers = new Callers();

    public long get(Field field) {
        return values[field.ordinal()];
    }

    public void add(Field field, long amount) {
        values[field.ordinal()] += amount;
    }

    /** Adds one to a count. */
    public void count(Field field) {
        values[field.ordinal()]++;
    }

    /** The longest wait of an offered call in milliseconds, -1 when none was offered. */
    public long maxWaitMillis() {
        return maxWaitMillis;
    }

    public void waited(long millis) {
        maxWaitMillis = Math.max(maxWaitMillis, millis);
    }

    public void flag(String flag) {
        flags.merge(flag, 1L, Long::sum);
    }

    public Map<String, Long> flags() {
        return Map.copyOf(flags);
    }

    /** A known caller of these calls, and whether they came back within the retention window after this call. */
    public void caller(String number, boolean cameBack) {
        callers.add(hash(number), cameBack);
    }

    /** Distinct known callers (see {@link #hash} for the odds that two numbers count as one). */
    public long callers() {
        return callers.size;
    }

    /** Distinct known callers who came back after one of their calls. */
    public long callersWhoCameBack() {
        return callers.cameBack;
    }

    public void merge(KpiSums other) {
        for (int i = 0; i < values.length; i++) {
            values[i] += other.values[i];
        }
        maxWaitMillis = Math.max(maxWaitMillis, other.maxWaitMillis);
        other.flags.forEach((flag, n) -> flags.merge(flag, n, Long::sum));
        other.callers.addAllTo(callers);
    }

    /** What changed from {@code older} to this: sums as differences, the maximum and callers as they are now. */
    KpiSums minus(KpiSums older) {
        KpiSums delta = new KpiSums();
        for (int i = 0; i < values.length; i++) {
            delta.values[i] = values[i] - older.values[i];
        }
        delta.maxWaitMillis = maxWaitMillis;
        delta.flags.putAll(flags);
        older.flags.forEach((flag, n) -> delta.flags.merge(flag, -n, Long::sum));
        callers.addAllTo(delta.callers);
        return delta;
    }

    /**
     * Whether this holds everything of {@code older} that cannot be subtracted: a maximum at least as
     * high, and every caller (with the came-back mark) it had. Then a day row can take the difference.
     */
    boolean covers(KpiSums older) {
        return maxWaitMillis >= older.maxWaitMillis && callers.containsAll(older.callers);
    }

    boolean sameAs(KpiSums other) {
        return Arrays.equals(values, other.values) && maxWaitMillis == other.maxWaitMillis
                && flagsColumnOrEmpty().equals(other.flagsColumnOrEmpty()) && callers.size == other.callers.size
                && callers.cameBack == other.callers.cameBack && callers.containsAll(other.callers);
    }

    private String flagsColumnOrEmpty() {
        String column = flagsColumn();
        return column == null ? "" : column;
    }

    public boolean isEmpty() {
        return Arrays.stream(values).allMatch(v -> v == 0) && maxWaitMillis < 0 && flags.isEmpty() && callers.size == 0;
    }

    /** Milliseconds of a figure given in seconds: every time is summed in whole milliseconds. */
    public static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }

    String flagsColumn() {
        if (flags.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        // A flag whose calls all left the row (a day row taking differences) is no flag of it.
        flags.forEach((flag, n) -> {
            if (n != 0) {
                out.append(out.length() == 0 ? "" : ",").append(flag).append('=').append(n);
            }
        });
        if (out.length() == 0) {
            return null;
        }
        return out.toString();
    }

    void readFlagsColumn(String column) {
        if (column == null || column.isEmpty()) {
            return;
        }
        for (String entry : column.split(",")) {
            int eq = entry.lastIndexOf('=');
            flags.merge(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)), Long::sum);
        }
    }

    byte[] callersColumn() {
        ByteBuffer out = ByteBuffer.allocate(8 * callers.size);
        callers.forEach((hash, cameBack) -> out.putLong(hash << 1 | (cameBack ? 1 : 0)));
        return out.array();
    }

    void readCallersColumn(byte[] column) {
        if (column == null) {
            return;
        }
        ByteBuffer in = ByteBuffer.wrap(column);
        while (in.remaining() >= 8) {
            long entry = in.getLong();
            callers.add(entry >>> 1, (entry & 1) == 1);
        }
    }

    void setMaxWaitMillis(long millis) {
        maxWaitMillis = millis;
    }

    void set(Field field, long value) {
        values[field.ordinal()] = value;
    }

    /**
     * A 62-bit hash of a caller number (FNV-1a, then a 64-bit finaliser). Two of a million distinct
     * numbers share one with odds of about 1 in 10 million, which is the only way a rollup's caller
     * count could differ from the exact one.
     */
    static long hash(String number) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < number.length(); i++) {
            h ^= number.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h >>> 2;
    }

    /** A set of caller hashes with a came-back bit each (open addressing: a year of callers stays a few MB). */
    private static final class Callers {
        private long[] slots = new long[16];
        private int size;
        private int cameBack;

        void add(long hash, boolean back) {
            if ((size + 1) * 2 > slots.length) {
                grow();
            }
            // Slot value: hash << 1 | came-back bit, plus one so that 0 means empty.
            int mask = slots.length - 1;
            int i = (int) (hash ^ hash >>> 29) & mask;
            while (true) {
                long slot = slots[i];
                if (slot == 0) {
                    slots[i] = (hash << 1 | (back ? 1 : 0)) + 1;
                    size++;
                    cameBack += back ? 1 : 0;
                    return;
                }
                if ((slot - 1) >>> 1 == hash) {
                    if (back && ((slot - 1) & 1) == 0) {
                        slots[i] = slot + 1;
                        cameBack++;
                    }
                    return;
                }
                i = (i + 1) & mask;
            }
        }

        boolean containsAll(Callers other) {
            for (long slot : other.slots) {
                if (slot != 0 && !contains((slot - 1) >>> 1, ((slot - 1) & 1) == 1)) {
                    return false;
                }
            }
            return true;
        }

        /** Whether the hash is in, with the came-back mark when {@code back}. */
        private boolean contains(long hash, boolean back) {
            int mask = slots.length - 1;
            int i = (int) (hash ^ hash >>> 29) & mask;
            while (slots[i] != 0) {
                long slot = slots[i];
                if ((slot - 1) >>> 1 == hash) {
                    return !back || ((slot - 1) & 1) == 1;
                }
                i = (i + 1) & mask;
            }
            return false;
        }

        void addAllTo(Callers other) {
            for (long slot : slots) {
                if (slot != 0) {
                    other.add((slot - 1) >>> 1, ((slot - 1) & 1) == 1);
                }
            }
        }

        void forEach(java.util.function.BiConsumer<Long, Boolean> each) {
            for (long slot : slots) {
                if (slot != 0) {
                    each.accept((slot - 1) >>> 1, ((slot - 1) & 1) == 1);
                }
            }
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            size = 0;
            cameBack = 0;
            for (long slot : old) {
                if (slot != 0) {
                    add((slot - 1) >>> 1, ((slot - 1) & 1) == 1);
                }
            }
        }
    }
}
