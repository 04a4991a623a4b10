package org.miniops.agent.logins;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the agent's classes log at INFO and above while it is open, through a handler on
 * the {@code org.miniops.agent} logger that every agent logger passes its records up to.
 */
final class LogCapture implements AutoCloseable {

    // A strong reference, because java.util.logging may garbage-collect a logger that nothing else references.
    private final Logger logger = Logger.getLogger("org.miniops.agent");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogCapture() {
        logger.addHandler(handler);
    }

    /** Returns the messages logged since the capture opened or was last cleared. */
    List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    /** Returns the messages logged at WARNING or above. */
    List<String> warnings() {
        return records.stream()
                .filter(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogRecord::getMessage)
                .toList();
    }

    void clear() {
        records.clear();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
