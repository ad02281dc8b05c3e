package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * The persistent queue of recordings to analyse. A job is queued, then running, then done or
 * failed; jobs left running by a stopped server are queued again by {@link #requeueInterrupted()}.
 */
public final class JobQueue {

    /** A claimed job. */
    public record Job(long id, String callId, String recordingPath) {
    }

    /** Where a call's analysis stands. */
    public record JobStatus(String state, String error) {
    }

    private final Database db;
    private final Clock clock;

    public JobQueue(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Queues the call's recording unless the call already has a job. Returns true when queued now. */
    public boolean enqueue(String callId, String recordingPath) {
        try (Connection c = db.connection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM jobs WHERE call_id = ?")) {
            exists.setString(1, callId);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO jobs (call_id, recording_path, state, created_at, updated_at)"
                    + " VALUES (?, ?, 'queued', ?, ?)")) {
                Timestamp now = Timestamp.from(clock.instant());
                s.setString(1, callId);
                s.setString(2, recordingPath);
                s.setTimestamp(3, now);
                s.setTimestamp(4, now);
                s.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            throw new StoreException("queueing the analysis of call " + callId + " failed", e);
        }
    }

    /** Takes the oldest queued job, if any. Safe with several workers: a job is handed to one only. */
    public Optional<Job> claim() {
        try (Connection c = db.connection()) {
            while (true) {
                Job candidate;
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT id, call_id, recording_path FROM jobs WHERE state = 'queued' ORDER BY id FETCH FIRST 1 ROWS ONLY");
                     ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    candidate = new Job(rs.getLong(1), rs.getString(2), rs.getString(3));
                }
                // The state check makes the update the arbiter: a worker that lost the race updates nothing.
                try (PreparedStatement u = c.prepareStatement("UPDATE jobs SET state = 'running', attempts = attempts + 1,"
                        + " updated_at = ? WHERE id = ? AND state = 'queued'")) {
                    u.setTimestamp(1, Timestamp.from(clock.instant()));
                    u.setLong(2, candidate.id());
                    if (u.executeUpdate() == 1) {
                        return Optional.of(candidate);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("claiming an analysis job failed", e);
        }
    }

    public void complete(long jobId) {
        finish(jobId, "done", null);
    }

    public void fail(long jobId, String reason) {
        finish(jobId, "failed", reason.length() > 2000 ? reason.substring(0, 2000) : reason);
    }

    /** Puts jobs that were running when the server stopped back in the queue. Returns how many. */
    public int requeueInterrupted() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = 'queued', updated_at = ? WHERE state = 'running'")) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("re-queueing interrupted jobs failed", e);
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

    private void finish(long jobId, String state, String error) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = ?, error = ?, updated_at = ? WHERE id = ?")) {
            s.setString(1, state);
            s.setString(2, error);
            s.setTimestamp(3, Timestamp.from(clock.instant()));
            s.setLong(4, jobId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("marking job " + jobId + " " + state + " failed", e);
        }
    }
}
