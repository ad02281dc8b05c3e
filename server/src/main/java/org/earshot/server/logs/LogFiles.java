package org.earshot.server.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Adds the rolling log file to the root logger, beside the stderr appender of {@code logback.xml}. Done in code
 * rather than in logback.xml because the folder is a config key, known only once the config file has been read.
 *
 * <p>{@code earshot.log} rolls over each day and at {@value #MAX_FILE_SIZE}; rolled files are gzipped and kept
 * {@value #DAYS_KEPT} days, at most {@value #TOTAL_SIZE_CAP} in all, so a busy node never fills its disk with logs.
 */
public final class LogFiles {

    public static final String FILE_NAME = "earshot.log";
    static final String MAX_FILE_SIZE = "100MB";
    static final int DAYS_KEPT = 30;
    static final String TOTAL_SIZE_CAP = "2GB";
    private static final String APPENDER = "FILE";
    // The date too (stderr shows only the time): a file spans midnight, and journald adds its own stamps to stderr.
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{20} - %msg%n";

    private LogFiles() {
    }

    /** The log file in force; closing it detaches it from the root logger (tests, a second node in one JVM). */
    public interface LogFile extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Starts writing to {@code settings.dir()/earshot.log}; nothing happens without a log dir.
     *
     * @throws IOException naming {@code log-dir}, when the folder cannot be created or written
     */
    public static LogFile start(LogSettings settings) throws IOException {
        if (settings.dir() == null) {
            return () -> { };
        }
        Path dir = settings.dir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("log-dir " + dir + " cannot be created: " + e.getMessage(), e);
        }
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isWritable(dir) || Files.exists(file) && !Files.isWritable(file)) {
            throw new IOException("log-dir " + dir + " is not writable by user " + System.getProperty("user.name")
                    + ": give it the folder (chown), or choose another log-dir");
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(file.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(dir.resolve("earshot.%d{yyyy-MM-dd}.%i.log.gz").toString());
        rolling.setMaxFileSize(FileSize.valueOf(MAX_FILE_SIZE));
        rolling.setMaxHistory(DAYS_KEPT);
        rolling.setTotalSizeCap(FileSize.valueOf(TOTAL_SIZE_CAP));
        rolling.start();
        appender.setRollingPolicy(rolling);
        appender.setEncoder(encoder(settings.format(), context));
        appender.start();
        if (!appender.isStarted()) {
            throw new IOException("log-dir " + dir + ": the log file " + file + " could not be opened");
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return () -> {
            root.detachAppender(appender);
            appender.stop();
        };
    }

    private static Encoder<ILoggingEvent> encoder(LogSettings.Format format, LoggerContext context) {
        if (format == LogSettings.Format.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            // The line as an operator reads it, rather than logback's default of the pattern and its arguments apart.
            json.setWithFormattedMessage(true);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithContext(false);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(PATTERN);
        text.start();
        return text;
    }
}
