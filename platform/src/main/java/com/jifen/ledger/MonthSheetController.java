package com.jifen.ledger;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.internal.ConfirmMonth;
import com.jifen.ledger.internal.ConfirmMonth.ConfirmMonthInput;
import com.jifen.ledger.internal.ConfirmMonth.ConfirmMonthPayload;
import com.jifen.ledger.internal.MonthSheet;
import com.jifen.ledger.internal.MonthSheetExport;
import com.jifen.ledger.internal.MonthSheetImport;
import com.jifen.ledger.internal.MonthSheetImport.ImportMonthSheetInput;
import com.jifen.ledger.internal.MonthSheetImport.ImportMonthSheetPayload;
import com.jifen.ledger.internal.MonthSheets;
import com.jifen.ledger.internal.PublishMonth;
import com.jifen.ledger.internal.PublishMonth.PublishMonthInput;
import com.jifen.ledger.internal.SelfAssessment;
import com.jifen.ledger.internal.SelfAssessment.SelfAssessInput;
import com.jifen.ledger.internal.SheetDrafts;
import com.jifen.ledger.internal.SheetDrafts.SaveMonthDraftInput;
import com.jifen.ledger.internal.SheetDrafts.SaveMonthDraftPayload;
import com.jifen.shared.Xlsx;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** 月度积分表 through GraphQL: the grid, drafts, self-assessment, confirmation, XLSX, publication. */
@Controller
class MonthSheetController {
  private final MonthSheets sheets;
  private final SheetDrafts drafts;
  private final SelfAssessment selfAssessment;
  private final ConfirmMonth confirmation;
  private final PublishMonth publication;
  private final MonthSheetExport export;
  private final MonthSheetImport imports;

  MonthSheetController(MonthSheets sheets, SheetDrafts drafts, SelfAssessment selfAssessment, ConfirmMonth confirmation,
      PublishMonth publication, MonthSheetExport export, MonthSheetImport imports) {
    this.sheets = sheets;
    this.drafts = drafts;
    this.selfAssessment = selfAssessment;
    this.confirmation = confirmation;
    this.publication = publication;
    this.export = export;
    this.imports = imports;
  }

  record SelfAssessPayload(int saved) {}

  record PublishMonthPayload(PublishedSheet sheet) {}

  @QueryMapping
  Mono<MonthSheet> monthSheet(CurrentUser caller, @Argument String branchId, @Argument int year, @Argument int month) {
    return sheets.sheet(caller, branchId, year, month);
  }

  @QueryMapping
  Mono<PublishedSheet> publishedSheet(CurrentUser caller, @Argument String branchId, @Argument int year, @Argument int month) {
    return publication.published(caller, branchId, year, month);
  }

  @QueryMapping
  Mono<Xlsx.File> monthSheetXlsx(CurrentUser caller, @Argument String branchId, @Argument int year, @Argument int month) {
    return export.export(caller, branchId, year, month);
  }

  @MutationMapping
  Mono<ImportMonthSheetPayload> importMonthSheet(CurrentUser caller, @Argument ImportMonthSheetInput input) {
    return imports.importMonth(caller, input);
  }

  @MutationMapping
  Mono<SaveMonthDraftPayload> saveMonthDraft(CurrentUser caller, @Argument SaveMonthDraftInput input) {
    return drafts.save(caller, input);
  }

  @MutationMapping
  Mono<ConfirmMonthPayload> confirmMonth(CurrentUser caller, @Argument ConfirmMonthInput input) {
    return confirmation.confirm(caller, input);
  }

  @MutationMapping
  Mono<SelfAssessPayload> selfAssess(CurrentUser caller, @Argument SelfAssessInput input) {
    return selfAssessment.selfAssess(caller, input).map(SelfAssessPayload::new);
  }

  @MutationMapping
  Mono<PublishMonthPayload> publishMonth(CurrentUser caller, @Argument PublishMonthInput input) {
    return publication.publish(caller, input).map(PublishMonthPayload::new);
  }

  /** Each mutation payload names one sheet; loading it only when asked keeps bulk posting lean. */
  @SchemaMapping(typeName = "ConfirmMonthPayload", field = "sheet")
  Mono<MonthSheet> confirmedSheet(ConfirmMonthPayload result) {
    return sheets.load(result.ref());
  }
}
