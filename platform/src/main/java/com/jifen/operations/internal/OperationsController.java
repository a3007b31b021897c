package com.jifen.operations.internal;

import com.jifen.identity.CurrentUser;
import com.jifen.organization.MemberCategory;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** The platform operator's GraphQL: thin, each use case in its own class. */
@Controller
class OperationsController {
  private final OnboardTownship onboard;
  private final CreateCounty counties;
  private final MoveTownship move;
  private final CreateCountyReviewer reviewers;
  private final SuspendTownship suspension;
  private final TownshipOverview overview;
  private final ExportTownship exports;
  private final DeleteTownship deletion;
  private final RestoreTownship restoration;

  OperationsController(OnboardTownship onboard, CreateCounty counties, MoveTownship move, CreateCountyReviewer reviewers,
      SuspendTownship suspension, TownshipOverview overview, ExportTownship exports, DeleteTownship deletion,
      RestoreTownship restoration) {
    this.restoration = restoration;
    this.exports = exports;
    this.deletion = deletion;
    this.onboard = onboard;
    this.counties = counties;
    this.move = move;
    this.reviewers = reviewers;
    this.suspension = suspension;
    this.overview = overview;
  }

  record OnboardTownshipInput(String idempotencyKey, String code, String name, String countyCode, List<MemberCategory> categories,
      OnboardTownship.AdminInput admin) {}

  record CreateCountyInput(String code, String name) {}

  record MoveTownshipInput(String code, String countyCode) {}

  record SuspendTownshipInput(String code, String reason) {}

  record ResumeTownshipInput(String code) {}

  record ExportTownshipInput(String code) {}

  record DeleteTownshipInput(String code, String exportId, String confirmCode) {}

  record RestoreTownshipInput(String exportId, String confirmCode) {}

  record RestoreTownshipPayload(RestoreTownship.Restored restored) {}

  record ExportTownshipPayload(ExportTownship.Export export) {}

  record DeleteTownshipPayload(DeleteTownship.Deleted deleted) {}

  record OnboardTownshipPayload(OperationsQueries.TownshipRow township, OnboardTownship.Result onboarding) {}

  record CountyPayload(CreateCounty.County county) {}

  record OperatedTownshipPayload(OperationsQueries.TownshipRow township) {}

  @QueryMapping
  Mono<List<TownshipOverview.Row>> townshipOverview(CurrentUser caller) {
    return overview.list(caller);
  }

  @MutationMapping
  Mono<OnboardTownshipPayload> onboardTownship(CurrentUser caller, @Argument OnboardTownshipInput input) {
    return onboard.onboard(caller, new OnboardTownship.Input(input.idempotencyKey(), input.code(),
            input.name(), input.countyCode(), input.categories(), input.admin()))
        .flatMap(result -> move.township(result.code()).map(t -> new OnboardTownshipPayload(t, result)));
  }

  @MutationMapping
  Mono<CountyPayload> createCounty(CurrentUser caller, @Argument CreateCountyInput input) {
    return counties.create(caller, input.code(), input.name()).map(CountyPayload::new);
  }

  @MutationMapping
  Mono<OperatedTownshipPayload> moveTownship(CurrentUser caller, @Argument MoveTownshipInput input) {
    return move.move(caller, input.code(), input.countyCode()).map(OperatedTownshipPayload::new);
  }

  @MutationMapping
  Mono<CreateCountyReviewer.Result> createCountyReviewer(CurrentUser caller, @Argument CreateCountyReviewer.Input input) {
    return reviewers.create(caller, input);
  }

  @MutationMapping
  Mono<OperatedTownshipPayload> suspendTownship(CurrentUser caller, @Argument SuspendTownshipInput input) {
    return suspension.suspend(caller, input.code(), input.reason()).map(OperatedTownshipPayload::new);
  }

  @MutationMapping
  Mono<OperatedTownshipPayload> resumeTownship(CurrentUser caller, @Argument ResumeTownshipInput input) {
    return suspension.resume(caller, input.code()).map(OperatedTownshipPayload::new);
  }

  @MutationMapping
  Mono<ExportTownshipPayload> exportTownship(CurrentUser caller, @Argument ExportTownshipInput input) {
    return exports.export(caller, input.code()).map(ExportTownshipPayload::new);
  }

  @MutationMapping
  Mono<DeleteTownshipPayload> deleteTownship(CurrentUser caller, @Argument DeleteTownshipInput input) {
    return deletion.delete(caller, input.code(), com.jifen.shared.Ids.parse("导出", input.exportId()),
        input.confirmCode()).map(DeleteTownshipPayload::new);
  }

  @MutationMapping
  Mono<RestoreTownshipPayload> restoreTownship(CurrentUser caller, @Argument RestoreTownshipInput input) {
    return restoration.restore(caller, com.jifen.shared.Ids.parse("导出", input.exportId()),
        input.confirmCode()).map(RestoreTownshipPayload::new);
  }
}
