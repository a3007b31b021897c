package com.jifen.ballot.internal;

import com.jifen.organization.OrganizationService;
import com.jifen.scheme.engine.Scheme;
import com.jifen.shared.BallotId;
import com.jifen.shared.MemberId;
import com.jifen.tenancy.TenantScope;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** 测评表: the form a code holder fills in, found by the code alone; a spent code gets no form. */
@Component
class ReadBallotForm {
  private final TenantScope scope;
  private final OrganizationService organizations;
  private final BallotLookup lookup;
  private final BallotCodes codes;

  ReadBallotForm(TenantScope scope, OrganizationService organizations, BallotLookup lookup, BallotCodes codes) {
    this.scope = scope;
    this.organizations = organizations;
    this.lookup = lookup;
    this.codes = codes;
  }

  record BallotSubject(MemberId id, String code, String name) {}

  record BallotOption(String code, String name, BigDecimal points) {}

  record SchemeItem(String code, String name, BigDecimal min, BigDecimal max) {}

  record BallotForm(BallotId ballotId, String branchName, int year, Scheme.BallotForm form, String group,
      List<BallotSubject> subjects, List<SchemeItem> items, List<BallotOption> options, BigDecimal min, BigDecimal max) {}

  Mono<BallotForm> form(String code) {
    return scope.inTx(BallotCodes.tenantOf(code), tx -> codes.unspent(tx, code)
        .flatMap(c -> BallotQueries.ballot(tx, c.ballot()).flatMap(b -> Mono.zip(
                organizations.find(tx, b.branchId().organization()), lookup.subjects(tx, b.branchId()),
                lookup.scheme(tx, b))
            .map(t -> {
              Scheme scheme = t.getT3();
              Scheme.Ballot f = scheme.ballot();
              List<SchemeItem> items = f.form() == Scheme.BallotForm.ITEM_SCORES
                  ? scheme.items().stream().map(i -> new SchemeItem(i.code(), i.name(), f.min(), f.max())).toList() : List.of();
              return new BallotForm(b.id(), t.getT1().name(), b.year(), b.form(), c.group(),
                  t.getT2().stream().map(m -> new BallotSubject(m.id(), m.code(), m.name())).toList(), items,
                  f.options().stream().map(o -> new BallotOption(o.code(), o.name(), o.points())).toList(), f.min(), f.max());
            }))));
  }
}
