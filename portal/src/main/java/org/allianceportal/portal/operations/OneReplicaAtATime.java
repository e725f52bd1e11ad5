package org.allianceportal.portal.operations;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs a scheduled job on one replica at a time: the job holds a PostgreSQL advisory lock named after it on
 * a connection of its own for as long as it runs; a replica that finds the lock taken skips that run (the
 * holder is doing the same work). A replica that dies releases the lock with its connection. For the jobs
 * that would otherwise collide across replicas (escalating overdue acknowledgements, scheduling check-ins
 * ahead, auditing the logs, reconciling with Keycloak); fan-out, dispatch, reminders and checkpoints are
 * safe on every replica and do not take it.
 */
@ApplicationScoped
public class OneReplicaAtATime {

    @Inject
    AgroalDataSource database;

    /** Runs {@code job} unless another replica (or thread) is running the job of that name; true if it ran. */
    public boolean run(String name, Runnable job) {
        try (Connection connection = database.getConnection()) {
            if (!lock(connection, "select pg_try_advisory_lock(hashtext(?))", name)) {
                Log.debugf("%s: running on another replica, skipped here", name);
                return false;
            }
            try {
                job.run();
                return true;
            } finally {
                lock(connection, "select pg_advisory_unlock(hashtext(?))", name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the job lock of " + name + " is not available", e);
        }
    }

    private static boolean lock(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, "alliance-job:" + name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
