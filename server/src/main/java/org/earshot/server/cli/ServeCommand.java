package org.earshot.server.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.demo.DemoCallCenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code earshot serve}: runs a full node until SIGTERM / Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server (HTTP API, AMI bridge, analysis).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ConfigOptions options;

    @Option(names = "--demo", description = "load a demo call center into an empty store at first start (5 days of calls,"
            + " surveys, a dozen recorded calls analysed for real) and log in as admin, supervisor, qa or trainer with"
            + " password " + DemoCallCenter.PASSWORD + "; data-dir defaults to ./demo-data")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        org.earshot.server.logs.LogFiles.start(options.logSettings());
        EarshotConfig checked = options.toConfig();
        requireFreePort(checked.http().bind(), checked.httpPort());
        org.earshot.server.http.HttpApi.checkTls(checked.http());
        if (!demo) {
            return runUntilStopped(options.toConfig(), Earshot.Role.SERVE);
        }
        if (options.dataDir == null) {
            // A flag, so it wins over a config file's data-dir too: the demo never lands beside real calls.
            options.dataDir = DemoCallCenter.DEFAULT_DATA_DIR.toString();
        }
        EarshotConfig config = options.toConfig();
        DataDir.requireWritable(config.dataDir()); // the demo writes there first
        Clock clock = Clock.systemUTC();
        DemoCallCenter.Loaded loaded = DemoCallCenter.load(config, clock, System.out);
        // Without ami-host the live wall shows the demo's floor, simulated; a store the demo left alone gets none.
        Earshot.LiveSource floor = loaded.status() != DemoCallCenter.Status.REFUSED
                ? DemoCallCenter.liveFloor(config, clock) : null;
        return runUntilStopped(config, Earshot.Role.SERVE, clock, floor, port -> {
            if (loaded.status() != DemoCallCenter.Status.REFUSED) {
                System.out.println("Earshot demo is up: open http://localhost:" + port + "/ and " + loaded.logins());
            }
        });
    }

    /**
     * Fails before anything is stored: a start that then fails on its port would already have created
     * (and printed the password of) the first admin, or loaded the demo, for nothing.
     */
    private static void requireFreePort(java.net.InetAddress bind, int port) throws java.io.IOException {
        if (port == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(bind, port));
        } catch (java.net.BindException e) {
            if (bind != null && !bind.isAnyLocalAddress() && java.net.NetworkInterface.getByInetAddress(bind) == null) {
                throw new java.io.IOException("http-bind " + bind.getHostAddress() + " is not an address of this machine", e);
            }
            throw new java.io.IOException("http-port " + port + " cannot be used: " + e.getMessage()
                    + " (another Earshot, or another server, is listening there)", e);
        } catch (java.io.IOException e) {
            throw new java.io.IOException("http-port " + port + " cannot be used: " + e.getMessage()
                    + " (another Earshot, or another server, is listening there)", e);
        }
    }

    /** Starts a node and blocks until the JVM is asked to stop; then closes it cleanly. */
    static int runUntilStopped(EarshotConfig config, Earshot.Role role) throws Exception {
        return runUntilStopped(config, role, Clock.systemUTC(), null, port -> { });
    }

    /**
     * As {@link #runUntilStopped(EarshotConfig, Earshot.Role)}; {@code onUp} gets the HTTP port once serving.
     *
     * @param liveFloor what the live wall shows without ami-host, or null for nothing
     */
    private static int runUntilStopped(EarshotConfig config, Earshot.Role role, Clock clock, Earshot.LiveSource liveFloor,
                                       java.util.function.IntConsumer onUp) throws Exception {
        if (role == Earshot.Role.SERVE || config.dbUrl() == null) {
            // A worker on a shared PostgreSQL keeps nothing of its own there.
            DataDir.requireWritable(config.dataDir());
        }
        log.info("Starting {} as {}: {}", org.earshot.server.BuildInfo.current().describe(),
                role.name().toLowerCase(java.util.Locale.ROOT), config);
        Earshot earshot = Earshot.wire(config, clock, role, liveFloor);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping Earshot");
            earshot.close();
            stopped.countDown();
        }, "shutdown"));
        earshot.start();
        if (role == Earshot.Role.SERVE) {
            log.info("Earshot is up: {}://localhost:{}/api/health", earshot.http().isTls() ? "https" : "http",
                    earshot.httpPort());
            onUp.accept(earshot.httpPort());
        } else {
            log.info("Earshot worker is up: {} analysis thread(s) on {}", config.workers(),
                    EarshotConfig.redacted(config.jdbcUrl()));
        }
        stopped.await();
        return 0;
    }
}
