package sahelkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Neo4j Community from its Maven jars, as a server for Sahel KG's tests and for `make neo4j-up`.
 *
 * <p>Usage: {@code java -cp ... sahelkg.Launcher HOME_DIR [--stop-on-stdin-eof]}, with the
 * password for user {@code neo4j} in the environment variable {@code NEO4J_PASSWORD} (never on
 * the command line). Bolt listens on 127.0.0.1 on a port the system picks; HTTP is off,
 * authentication on, usage reporting off. When the server accepts connections it prints one
 * line, {@code NEO4J_READY bolt://127.0.0.1:PORT}. SIGTERM (or, with --stop-on-stdin-eof, the
 * parent closing our stdin) shuts the databases down cleanly and prints {@code NEO4J_STOPPED}.
 */
public final class Launcher {
  private static final String PAGE_CACHE_MIB = "NEO4J_PAGECACHE_MIB";
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(1);

  private Launcher() {}

  public static void main(String[] args) throws InterruptedException {
    try {
      run(args);
    } catch (RuntimeException e) {
      System.err.println("NEO4J_FAILED " + e);
      e.printStackTrace();
      System.exit(1); // stops whatever Neo4j threads were started
    }
  }

  private static void run(String[] args) throws InterruptedException {
    if (args.length < 1) {
      System.err.println("usage: Launcher HOME_DIR [--stop-on-stdin-eof]");
      System.exit(2);
    }
    String password = System.getenv("NEO4J_PASSWORD");
    if (password == null || password.length() < 8) {
      System.err.println("NEO4J_PASSWORD must be set (8 characters or more)");
      System.exit(2);
    }
    boolean stopOnStdinEof = args.length > 1 && args[1].equals("--stop-on-stdin-eof");
    long pageCacheMib = Long.parseLong(System.getenv().getOrDefault(PAGE_CACHE_MIB, "128"));

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(Path.of(args[0]).toAbsolutePath())
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(GraphDatabaseSettings.udc_enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMib))
            .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
            // Bolt waits 5 s twice on shutdown for clients that are long gone; 1 s is plenty.
            .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, SHUTDOWN_WAIT)
            .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, SHUTDOWN_WAIT)
            .build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  dbms.shutdown();
                  System.out.println("NEO4J_STOPPED");
                  System.out.flush();
                  stopped.countDown();
                }));

    setPassword(dbms, password);

    GraphDatabaseAPI system =
        (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    int port =
        system
            .getDependencyResolver()
            .resolveDependency(ConnectorPortRegister.class)
            .getLocalAddress(ConnectorType.BOLT)
            .getPort();
    System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
    System.out.flush();

    if (stopOnStdinEof) {
      waitForEof(System.in);
      System.exit(0); // runs the shutdown hook
    }
    stopped.await();
  }

  /** Give user neo4j this password; a restart with the same password keeps it as it is. */
  private static void setPassword(DatabaseManagementService dbms, String password) {
    try {
      dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
          .executeTransactionally(
              "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
              Map.of("password", password));
    } catch (QueryExecutionException e) {
      if (!e.getMessage().contains("Old password and new password cannot be the same")) {
        throw e;
      }
    }
  }

  private static void waitForEof(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // the parent writes nothing; we only wait for it to close the pipe
      }
    } catch (IOException ignored) {
      // a broken pipe means the parent is gone: stop too
    }
  }
}
