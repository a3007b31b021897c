package com.jifen.operations.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.ledger.RankingService;
import com.jifen.shared.DomainException;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.PlatformDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 注销: a leaving township's rows are deleted from every township table, in one transaction, only after its export
 * and a confirmation (the township code typed again) and only while it is suspended (its users are out). Other
 * townships are untouched: every statement is {@code where tenant_id = :t}. The export row stays, marked deleted.
 */
@Service
public class DeleteTownship {
  private final PlatformDatabase platform;
  private final RankingService rankings;
  private final Clock clock;

  DeleteTownship(PlatformDatabase platform, RankingService rankings, Clock clock) {
    this.platform = platform;
    this.rankings = rankings;
    this.clock = clock;
  }

  public record Deleted(String township, long rows) {}

  public Mono<Deleted> delete(CurrentUser operator, String code, UUID exportId, String confirmCode) {
    operator.require(Role.PLATFORM_ADMIN);
    if (!code.equals(confirmCode)) {
      throw DomainException.badRequest("CONFIRMATION_REQUIRED", "请再次输入乡镇代码 %s 以确认注销；注销后数据不可恢复".formatted(code));
    }
    return platform.mono(db -> OperationsQueries.township(db, code)
            .switchIfEmpty(Mono.error(DomainException.notFound("乡镇", code)))
            .flatMap(t -> "SUSPENDED".equals(t.status()) ? Mono.just(t)
                : Mono.error(DomainException.badRequest("NOT_SUSPENDED", "请先暂停该乡镇，再注销")))
            .then(ArchiveQueries.exportStillCovers(db, exportId, code))
            .flatMap(covered -> !covered ? Mono.error(DomainException.badRequest("EXPORT_REQUIRED", "注销前须先完整导出该乡镇的数据 (exportTownship)"))
                : TownshipTables.inDependencyOrder(db))
            .flatMap(tables -> {
              List<String> reversed = new ArrayList<>(tables);
              java.util.Collections.reverse(reversed);
              return Flux.fromIterable(reversed)
                  .concatMap(table -> ArchiveQueries.deleteRows(db, table, code))
                  .reduce(0L, Long::sum);
            })
            .flatMap(rows -> ArchiveQueries.forgetOnboardings(db, code)
                .then(ArchiveQueries.markDeleted(db, exportId, operator.username(), clock.instant()))
                .thenReturn(new Deleted(code, rows))))
        .flatMap(d -> rankings.invalidateTownship(new TenantId(code)).thenReturn(d));
  }
}
