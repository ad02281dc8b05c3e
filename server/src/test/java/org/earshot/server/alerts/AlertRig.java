package org.earshot.server.alerts;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.earshot.server.store.AlertStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.EventOutbox;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.testing.MovableClock;

/** A real alert store on H2 in a temp folder, a movable clock, and the alerts raised in order. */
final class AlertRig implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    final MovableClock clock = new MovableClock(START);
    final List<AlertStore.Alert> raised = new CopyOnWriteArrayList<>();
    private final TestDatabase test;
    private Database db;
    AlertStore store;

    AlertRig(Path dir) {
        test = TestDatabase.create("h2", dir);
        db = test.open();
        store = new AlertStore(db, EventOutbox.NONE);
    }

    /** Episodes as the monitor builds them, starting from what the store holds open. */
    Episodes episodes() {
        return new Episodes(store, clock, AlertMonitor.GRACE, raised::add);
    }

    /** Closes and reopens the database, as a restarted node does. */
    void restart() {
        db.close();
        db = test.open();
        store = new AlertStore(db, EventOutbox.NONE);
    }

    List<String> rules() {
        return raised.stream().map(AlertStore.Alert::rule).toList();
    }

    @Override
    public void close() {
        db.close();
        test.close();
    }
}
