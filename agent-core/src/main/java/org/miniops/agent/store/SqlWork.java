package org.miniops.agent.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Unit of database work run inside one transaction. */
@FunctionalInterface
public interface SqlWork<T> {

    /** Runs against {@code connection}; the caller commits on return and rolls back on an exception. */
    T run(Connection connection) throws SQLException;
}
