package com.jifen.publication.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.shared.BranchId;
import com.jifen.shared.DomainException;
import com.jifen.shared.Ids;
import com.jifen.shared.ObjectionId;
import com.jifen.tenancy.TenantScope;
import com.jifen.tenancy.TenantTx;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import java.time.Clock;

/** 提出异议: a member objects for themself, to the results within the publication window or to a confirmed month's scores. */
@Component
class FileObjection {
  private final TenantScope scope;
  private final PublicationLookup lookup;
  private final Clock clock;

  FileObjection(TenantScope scope, PublicationLookup lookup, Clock clock) {
    this.scope = scope;
    this.lookup = lookup;
    this.clock = clock;
  }

  record FileObjectionInput(String branchId, int year, Integer month, String text) {}

  Mono<Objection> file(CurrentUser user, FileObjectionInput in) {
    BranchId branch = BranchId.parse(in.branchId());
    if (in.text() == null || in.text().isBlank()) {
      throw DomainException.badRequest("REASON_REQUIRED", "请写明异议的内容和理由");
    }
    return lookup.own(user).flatMap(me -> scope.inTx(user.requireTenant(), tx -> {
      if (!me.branchId().equals(branch)) {
        return Mono.error(DomainException.forbidden("只能对本支部的公示提出异议"));
      }
      ObjectionId id = new ObjectionId(Ids.newId());
      var objection = new PublicationQueries.NewObjection(id, in.month() == null ? Objection.Kind.SETTLEMENT : Objection.Kind.MONTH,
          branch, in.year(), in.month(), me.id(), in.text().trim());
      return allowed(tx, branch, in).then(PublicationQueries.insertObjection(tx, objection, clock.instant())).then(PublicationQueries.objection(tx, id));
    }));
  }

  /** Results only while their window is open; a month only once the branch confirmed it. */
  private Mono<Void> allowed(TenantTx tx, BranchId branch, FileObjectionInput in) {
    if (in.month() == null) {
      return lookup.published(tx, branch, in.year())
          .flatMap(p -> p.state() == Publication.State.OPEN ? Mono.<Void>empty()
              : Mono.error(DomainException.badRequest("WINDOW_CLOSED", "公示期已于 %s 结束，不能再提出异议".formatted(p.endsOn()))));
    }
    return PublicationQueries.monthSheetState(tx, branch, in.year(), in.month())
        .flatMap(state -> "OPEN".equals(state) ? Mono.error(DomainException.badRequest("MONTH_NOT_CONFIRMED",
            "该月积分尚未确认，请先与支部沟通")) : Mono.<Void>empty());
  }
}
