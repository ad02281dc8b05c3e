package org.earshot.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code earshot} command; its work is done by the subcommands. */
@Command(name = "earshot", mixinStandardHelpOptions = true, versionProvider = EarshotCommand.Version.class,
        description = "Call-center telephony and speech analytics for Asterisk.",
        subcommands = {ServeCommand.class, WorkerCommand.class, AnalyzeCommand.class, ImportCommand.class, ReindexCommand.class,
                PurgeCommand.class, BackupCommand.class, RestoreCommand.class})
public final class EarshotCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code --version}: the build's version, commit and time, as GET /api/version reports them. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {org.earshot.server.BuildInfo.current().describe()};
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: serve, worker, analyze, import, reindex, purge, backup or restore");
    }

    /** Runs the command line and returns the process exit code. */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given console streams and returns the process exit code. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new EarshotCommand()).setOut(out).setErr(err)
                // --queue.NAME.KEY and --survey.* flags have open-ended names: picocli hands them to
                // ConfigOptions (its @Unmatched list, which a mixin's annotation alone does not enable),
                // and ConfigOptions refuses any that is no config key, by name.
                .setUnmatchedArgumentsAllowed(true).setUnmatchedOptionsArePositionalParams(false);
        // A bad config value is the user's mistake: one line naming it, no stack trace.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.IOException
                    || e instanceof java.io.UncheckedIOException || e instanceof java.time.DateTimeException
                    || e instanceof org.flywaydb.core.api.FlywayException
                    || e instanceof org.earshot.server.store.StoreException
                    || e instanceof com.zaxxer.hikari.pool.HikariPool.PoolInitializationException) {
                // A wrong db-url, a database another process holds, a busy port: one line, no trace.
                // UncheckedIOException's own message is its cause's toString(), class name and all.
                Throwable shown = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
                commandLine.getErr().println("earshot: " + org.earshot.server.EarshotConfig.redacted(
                        String.valueOf(shown.getMessage())));
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
