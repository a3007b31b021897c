package com.jifen.operations.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.tenancy.PlatformDatabase;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * 乡镇一览 for the platform operator: status, members, last activity and storage of every township, as aggregates
 * (no personal data), read as the platform role in one statement.
 */
@Service
public class TownshipOverview {
  private final PlatformDatabase platform;

  TownshipOverview(PlatformDatabase platform) {
    this.platform = platform;
  }

  /**
   * storageBytes: evidence files plus the stored documents (published sheets, settlement runs) and ledger rows, as
   * PostgreSQL stores them: what the township's data costs, not the indexes.
   */
  public record Row(String code, String name, String county, String status, int members, int activeMembers, int branches,
      Instant lastActivity, long storageBytes, Instant statusChangedAt) {}

  public Mono<List<Row>> list(CurrentUser operator) {
    operator.require(Role.PLATFORM_ADMIN);
    return platform.mono(OverviewQueries::townshipOverview);
  }
}
