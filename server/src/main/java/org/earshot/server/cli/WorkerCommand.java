package org.earshot.server.cli;

import java.util.concurrent.Callable;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code earshot worker}: analysis only, for extra machines sharing one PostgreSQL. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run analysis workers only (no HTTP, no AMI) against a shared PostgreSQL.")
final class WorkerCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        org.earshot.server.logs.LogFiles.start(options.logSettings());
        EarshotConfig config = options.toConfig();
        if (config.dbUrl() == null || !config.dbUrl().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("worker needs the shared database: --db-url jdbc:postgresql://HOST:5432/DB"
                    + " (an embedded H2 cannot be shared between processes)");
        }
        return ServeCommand.runUntilStopped(config, Earshot.Role.WORKER);
    }
}
