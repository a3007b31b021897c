package com.jifen.tenancy;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The platform operator's own connection, as role {@code jifen_platform}: the only role that may create, suspend,
 * move or delete townships and counties. The service's role {@code jifen_app} may not (least privilege), so a bug
 * or an injection in a township's request cannot make a township. A small pool of its own, not a bean the
 * service's R2DBC auto-configuration could mistake for its own connection factory.
 */
@Component
public class PlatformDatabase implements DisposableBean {
  private final ConnectionPool pool;
  private final DatabaseClient db;
  private final TransactionalOperator tx;

  PlatformDatabase(@Value("${jifen.db.host}") String host, @Value("${jifen.db.port}") int port, @Value("${jifen.db.name}") String name,
      @Value("${jifen.platform-db.username}") String username, @Value("${jifen.platform-db.password}") String password) {
    var factory = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
        .host(host).port(port).database(name).username(username).password(password).build());
    this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(factory).initialSize(0).maxSize(4)
        .maxIdleTime(Duration.ofMinutes(5)).build());
    this.db = DatabaseClient.create(pool);
    this.tx = TransactionalOperator.create(new R2dbcTransactionManager(pool));
  }

  /** Work in one transaction as the platform role. */
  public <T> Mono<T> mono(Function<DatabaseClient, Mono<T>> work) {
    return tx.transactional(Mono.defer(() -> work.apply(db)));
  }

  @Override
  public void destroy() {
    pool.dispose();
  }
}
