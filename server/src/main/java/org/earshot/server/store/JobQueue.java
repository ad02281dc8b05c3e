package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The persistent queue of recordings to analyse, shared by every worker of every node.
 *
 * <p>A job is queued, then running under a lease held by one worker, then done or failed. A worker
 * renews its lease while it works; a job whose lease ran out (its worker was killed) is taken by
 * the next worker that asks. On PostgreSQL, claims skip rows other workers are locking
 * ({@code FOR UPDATE SKIP LOCKED}); on every database the claiming update re-checks the state, so a
 * job is handed to one worker only.
 */
public final class JobQueue {

    /** A claimed job. */
    /** @param channels the parties on the recording's channels, "customer,agent", or null when unknown */
    public record Job(long id, String callId, String recordingPath, String channels, int attempts) {
    }

    /** Where a call's analysis stands. */
    public record JobStatus(String state, String error) {
    }

    /** After this many claims a job that never finished is failed instead of retried forever. */
    static final int MAX_ATTEMPTS = 3;

    private static final String CLAIMABLE = "(state = 'queued' OR (state = 'running' AND lease_until < ?))";

    private final Database db;
    private final Clock clock;
    private final String workerId;
    private final Duration lease;

    public JobQueue(Database db, Clock clock, String workerId, Duration lease) {
        this.db = db;
        this.clock = clock;
        this.workerId = workerId;
        this.lease = lease;
    }

    /** Queues the call's recording unless the call already has a job. Returns true when queued now. */
    public boolean enqueue(String callId, String recordingPath) {
        return enqueue(callId, recordingPath, null);
    }

    /** As {@link #enqueue(String, String)}, with the parties on the recording's channels ("customer,agent"). */
    public boolean enqueue(String callId, String recordingPath, String channels) {
        try (Connection c = db.connection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM jobs WHERE call_id = ?")) {
            exists.setString(1, callId);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO jobs (call_id, recording_path, channels, state,"
                    + " created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?)")) {
                Timestamp now = Timestamp.from(clock.instant());
                s.setString(1, callId);
                s.setString(2, recordingPath);
                s.setString(3, channels);
                s.setTimestamp(4, now);
                s.setTimestamp(5, now);
                s.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false; // another node queued it between our check and insert
            }
            throw new StoreException("queueing the analysis of call " + callId + " failed", e);
        }
    }

    /** Priority of a job queued again in bulk: behind every new call's job and every single re-run. */
    static final int BULK_PRIORITY = -1;

    /**
     * Queues a finished (done or failed) job again, e.g. after its recording was restored or the flag
     * rules changed. It goes to the back of the queue, behind calls already waiting, with its attempts
     * reset; the stored report stays until the new one replaces it. False when the call has no
     * finished job: none at all, or one still queued or running.
     */
    public boolean requeue(String callId) {
        return requeueWhere("call_id = ?", List.of(callId), 0) == 1;
    }

    /**
     * Queues again the finished jobs of the calls that entered in [from, to), of one queue or all
     * (null), at a priority below new calls, so a big range never delays today's analysis. Returns
     * how many were queued; calls whose analysis is queued or running already are left as they are.
     */
    public int requeueEntered(Instant from, Instant to, String queue) {
        String calls = "call_id IN (SELECT id FROM calls WHERE entered_at >= ? AND entered_at < ?"
                + (queue == null ? ")" : " AND queue = ?)");
        List<Object> args = queue == null ? List.of(Timestamp.from(from), Timestamp.from(to))
                : List.of(Timestamp.from(from), Timestamp.from(to), queue);
        return requeueWhere(calls, args, BULK_PRIORITY);
    }

    private int requeueWhere(String condition, List<Object> args, int priority) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                List<String[]> finished = new java.util.ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT call_id, recording_path, channels FROM jobs WHERE "
                        + condition + " AND state IN ('done', 'failed') ORDER BY id FOR UPDATE")) {
                    for (int i = 0; i < args.size(); i++) {
                        s.setObject(i + 1, args.get(i));
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            finished.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                        }
                    }
                }
                // New rows, not updates: ids set the order among equal priorities, and a re-run must not jump it.
                Timestamp now = Timestamp.from(clock.instant());
                try (PreparedStatement d = c.prepareStatement("DELETE FROM jobs WHERE call_id = ?");
                     PreparedStatement i = c.prepareStatement("INSERT INTO jobs (call_id, recording_path, channels, state,"
                             + " priority, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?, ?)")) {
                    for (String[] job : finished) {
                        d.setString(1, job[0]);
                        d.executeUpdate();
                        i.setString(1, job[0]);
                        i.setString(2, job[1]);
                        i.setString(3, job[2]);
                        i.setInt(4, priority);
                        i.setTimestamp(5, now);
                        i.setTimestamp(6, now);
                        i.executeUpdate();
                    }
                }
                c.commit();
                return finished.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("re-queueing analysis jobs failed", e);
        }
    }

    /** Takes the oldest claimable job, if any, and leases it to this worker. */
    public Optional<Job> claim() {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<Job> job = claimIn(c);
                c.commit();
                return job;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("claiming an analysis job failed", e);
        }
    }

    private Optional<Job> claimIn(Connection c) throws SQLException {
        while (true) {
            Instant now = clock.instant();
            Job candidate;
            try (PreparedStatement s = c.prepareStatement("SELECT id, call_id, recording_path, channels, attempts FROM jobs WHERE "
                    + CLAIMABLE + " ORDER BY priority DESC, id FETCH FIRST 1 ROWS ONLY" + (db.isPostgres() ? " FOR UPDATE SKIP LOCKED" : ""))) {
                s.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    candidate = new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5) + 1);
                }
            }
            if (candidate.attempts() > MAX_ATTEMPTS) {
                giveUp(c, candidate, now);
                continue;
            }
            // The state check makes the update the arbiter: a worker that lost the race updates nothing.
            try (PreparedStatement u = c.prepareStatement("UPDATE jobs SET state = 'running', attempts = attempts + 1,"
                    + " worker_id = ?, lease_until = ?, updated_at = ? WHERE id = ? AND " + CLAIMABLE)) {
                u.setString(1, workerId);
                u.setTimestamp(2, Timestamp.from(now.plus(lease)));
                u.setTimestamp(3, Timestamp.from(now));
                u.setLong(4, candidate.id());
                u.setTimestamp(5, Timestamp.from(now));
                if (u.executeUpdate() == 1) {
                    return Optional.of(candidate);
                }
            }
        }
    }

    private void giveUp(Connection c, Job job, Instant now) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE jobs SET state = 'failed', error = ?, updated_at = ?,"
                + " lease_until = NULL WHERE id = ? AND " + CLAIMABLE)) {
            u.setString(1, job.recordingPath() + ": analysis did not finish in " + MAX_ATTEMPTS
                    + " attempts (its worker stopped or was killed each time)");
            u.setTimestamp(2, Timestamp.from(now));
            u.setLong(3, job.id());
            u.setTimestamp(4, Timestamp.from(now));
            u.executeUpdate();
        }
    }

    /** Extends this worker's lease on a running job. Returns false when the job is no longer its own. */
    public boolean renew(long jobId) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE jobs SET lease_until = ? WHERE id = ? AND worker_id = ?"
                     + " AND state = 'running'")) {
            s.setTimestamp(1, Timestamp.from(clock.instant().plus(lease)));
            s.setLong(2, jobId);
            s.setString(3, workerId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("renewing the lease of job " + jobId + " failed", e);
        }
    }

    /** Marks this worker's job done; false when another worker had taken it over meanwhile. */
    public boolean complete(long jobId) {
        return finish(jobId, "done", null);
    }

    public boolean fail(long jobId, String reason) {
        return finish(jobId, "failed", reason.length() > 2000 ? reason.substring(0, 2000) : reason);
    }

    /**
     * Queues again the jobs this database shows running. Only for a single node (embedded H2) at
     * start-up, when no other worker can be running; shared databases rely on leases instead.
     */
    public int requeueInterrupted() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = 'queued', lease_until = NULL, updated_at = ?"
                     + " WHERE state = 'running'")) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("re-queueing interrupted jobs failed", e);
        }
    }

    /** How many jobs are in each state. */
    public java.util.Map<String, Long> countsByState() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        for (String state : java.util.List.of("queued", "running", "done", "failed")) {
            counts.put(state, 0L);
        }
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT state, COUNT(*) FROM jobs GROUP BY state");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new StoreException("counting jobs failed", e);
        }
    }

    public Optional<JobStatus> status(String callId) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT state, error FROM jobs WHERE call_id = ?")) {
            s.setString(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new JobStatus(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the job of call " + callId + " failed", e);
        }
    }

    private boolean finish(long jobId, String state, String error) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = ?, error = ?, updated_at = ?, lease_until = NULL"
                     + " WHERE id = ? AND worker_id = ? AND state = 'running'")) {
            s.setString(1, state);
            s.setString(2, error);
            s.setTimestamp(3, Timestamp.from(clock.instant()));
            s.setLong(4, jobId);
            s.setString(5, workerId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("marking job " + jobId + " " + state + " failed", e);
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        // SQLSTATE 23505: unique violation, on H2 and PostgreSQL alike.
        return "23505".equals(e.getSQLState());
    }
}
