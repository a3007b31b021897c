package com.jifen.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.jifen.shared.TenantId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The audit trail as the database holds it, read as the service role within the township (row-level security
 * applies). Every Mutation field of schema.graphqls needs a test that calls {@code assertAudited("<field>", …)}:
 * AuditCoverageTest scans the test sources for that literal text.
 */
public final class AuditTrail {
  private static volatile String jdbcUrl;

  private AuditTrail() {}

  /** One row of audit_event. */
  public record Event(String eventId, OffsetDateTime at, String actor, List<String> roles, String action,
      String subject, List<String> targetIds, String requestId, String idempotencyKey, String detail) {}

  static void use(String url) {
    jdbcUrl = url;
  }

  /**
   * Asserts that the township's trail holds a row for the mutation by the actor about the target (the row's
   * subject or one of its target ids; null: any), carrying the roles and request id it ran with; returns the
   * newest such row. The mutation and its row commit together: the tests that make a mutation fail assert that no
   * row is left.
   */
  public static Event assertAudited(String mutationField, TenantId tenant, String actor, String target) {
    List<Event> matching = events(tenant, mutationField).stream()
        .filter(e -> e.actor().equals(actor))
        .filter(e -> target == null || e.subject().equals(target) || e.targetIds().contains(target))
        .toList();
    assertThat(matching).as("audit_event of %s by %s about %s in %s", mutationField, actor, target, tenant.value())
        .isNotEmpty();
    Event newest = matching.getLast();
    assertThat(newest.roles()).as("roles of the actor").isNotEmpty();
    assertThat(newest.requestId()).as("request id").isNotBlank();
    assertThat(newest.at()).as("time").isNotNull();
    return newest;
  }

  /** The township's rows for an action, oldest first. */
  public static List<Event> events(TenantId tenant, String action) {
    return inTownship(tenant, c -> {
      List<Event> events = new ArrayList<>();
      try (var q = c.prepareStatement("select event_id, at, actor, roles, action, subject, target_ids, request_id, "
          + "idempotency_key, detail::text from audit_event where action = ? order by at, event_id")) {
        q.setString(1, action);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            events.add(new Event(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                strings(rs.getArray(4)), rs.getString(5), rs.getString(6), strings(rs.getArray(7)), rs.getString(8),
                rs.getString(9), rs.getString(10)));
          }
        }
      }
      return events;
    });
  }

  /** Reads within one township as the service role, in one transaction: what the service itself would see. */
  public static <T> T inTownship(TenantId tenant, Read<T> read) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "jifen_app", "jifen_app")) {
      c.setAutoCommit(false);
      try (var set = c.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
        set.setString(1, tenant.value());
        set.execute();
      }
      T result = read.apply(c);
      c.commit();
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A read over a JDBC connection. */
  @FunctionalInterface
  public interface Read<T> {
    T apply(Connection c) throws SQLException;
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
