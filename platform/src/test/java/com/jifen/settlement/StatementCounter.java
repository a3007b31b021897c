package com.jifen.settlement;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Parameter;
import io.r2dbc.spi.Statement;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/**
 * Counts the SQL statements the service executes, transaction by transaction, attributed to the township each
 * transaction entered ({@code enter_tenant}, TenantScope's first statement). The service's ConnectionFactory is wrapped
 * in JDK proxies (connection factory → connection → statement): a statement counts when it is executed, a transaction
 * ends at its commit or rollback. pg_stat_statements is not loaded on the shared PostgreSQL, and an R2DBC proxy library
 * would be a new dependency for one test; the attribution to a township keeps other tests' and background work's
 * statements out of the figures.
 */
public final class StatementCounter {
  /** One transaction's statements, in the order executed. */
  public record Transaction(String tenant, List<String> statements) {
    boolean stores(String table) {
      return statements.stream().anyMatch(s -> s.startsWith("insert into " + table + " "));
    }
  }

  private final Queue<Transaction> finished = new ConcurrentLinkedQueue<>();

  /** The transactions of a township finished so far, and forgets them. */
  public List<Transaction> drain(String tenant) {
    List<Transaction> mine = new ArrayList<>();
    finished.removeIf(t -> {
      if (tenant.equals(t.tenant())) {
        mine.add(t);
        return true;
      }
      return false;
    });
    return mine;
  }

  @TestConfiguration(proxyBeanMethods = false)
  public static class Config {
    @Bean
    StatementCounter statementCounter() {
      return new StatementCounter();
    }

    @Bean
    static BeanPostProcessor countingConnectionFactory(org.springframework.beans.factory.ObjectProvider<StatementCounter> counter) {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          return bean instanceof ConnectionFactory factory ? counter.getObject().wrap(factory) : bean;
        }
      };
    }
  }

  ConnectionFactory wrap(ConnectionFactory factory) {
    Set<Class<?>> interfaces = new LinkedHashSet<>(List.of(factory.getClass().getInterfaces()));
    interfaces.add(ConnectionFactory.class);
    return (ConnectionFactory) Proxy.newProxyInstance(getClass().getClassLoader(), interfaces.toArray(Class[]::new),
        (proxy, method, args) -> method.getName().equals("create") && method.getParameterCount() == 0
            ? Mono.from(factory.create()).map(c -> (Connection) proxy(Connection.class, new Counted(c)))
            : call(factory, method, args));
  }

  /** A connection with the township and the statements of its open transaction. */
  private final class Counted implements InvocationHandler {
    private final Connection connection;
    private volatile String tenant;
    private List<String> statements = new ArrayList<>();

    Counted(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "createStatement" -> {
          String sql = (String) args[0];
          Statement statement = connection.createStatement(sql);
          return proxy(Statement.class, (p, m, a) -> {
            if (m.getName().equals("bind") && sql.contains("enter_tenant(")) {
              // enter_tenant takes one argument, the township; Spring binds it as an R2DBC Parameter
              tenant = String.valueOf(a[1] instanceof Parameter parameter ? parameter.getValue() : a[1]);
            }
            if (m.getName().equals("execute")) {
              synchronized (this) {
                statements.add(sql.strip());
              }
            }
            Object result = call(statement, m, a);
            return result == statement ? p : result;
          });
        }
        case "commitTransaction", "rollbackTransaction", "close" -> end();
        default -> { }
      }
      return call(connection, method, args);
    }

    private synchronized void end() {
      if (!statements.isEmpty()) {
        finished.add(new Transaction(tenant, List.copyOf(statements)));
      }
      statements = new ArrayList<>();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
