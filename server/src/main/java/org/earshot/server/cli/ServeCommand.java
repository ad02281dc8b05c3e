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

/** {@code earshot serve}: runs the server until SIGTERM / Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server (HTTP API, AMI bridge, analysis).")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        EarshotConfig config = options.toConfig();
        log.info("Starting Earshot: {}", config);
        Earshot earshot = Earshot.wire(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping Earshot");
            earshot.close();
            stopped.countDown();
        }, "shutdown"));
        earshot.start();
        log.info("Earshot is up: http://localhost:{}/api/health", earshot.httpPort());
        stopped.await();
        return 0;
    }
}
