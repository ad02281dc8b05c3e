package org.earshot.server.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code earshot serve}: runs a full node until SIGTERM / Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server (HTTP API, AMI bridge, analysis).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        return runUntilStopped(options.toConfig(), Earshot.Role.SERVE);
    }

    /** Starts a node and blocks until the JVM is asked to stop; then closes it cleanly. */
    static int runUntilStopped(EarshotConfig config, Earshot.Role role) throws Exception {
        log.info("Starting Earshot {}: {}", role.name().toLowerCase(java.util.Locale.ROOT), config);
        Earshot earshot = Earshot.wire(config, Clock.systemUTC(), role);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping Earshot");
            earshot.close();
            stopped.countDown();
        }, "shutdown"));
        earshot.start();
        if (role == Earshot.Role.SERVE) {
            log.info("Earshot is up: http://localhost:{}/api/health", earshot.httpPort());
        } else {
            log.info("Earshot worker is up: {} analysis thread(s) on {}", config.workers(),
                    EarshotConfig.redacted(config.jdbcUrl()));
        }
        stopped.await();
        return 0;
    }
}
