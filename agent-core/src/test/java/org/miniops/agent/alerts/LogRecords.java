package org.miniops.agent.alerts;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what one java.util.logging logger writes while a test runs. */
final class LogRecords extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogRecords(Logger logger) {
        this.logger = logger;
    }

    /** Starts collecting the records of the logger named after {@code type}. */
    static LogRecords of(Class<?> type) {
        LogRecords handler = new LogRecords(Logger.getLogger(type.getName()));
        handler.logger.addHandler(handler);
        return handler;
    }

    /** Returns the messages logged so far. */
    List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Override
    public void publish(LogRecord logRecord) {
        records.add(logRecord);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
