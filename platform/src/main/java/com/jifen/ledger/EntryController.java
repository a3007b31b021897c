package com.jifen.ledger;

import com.jifen.identity.CurrentUser;
import com.jifen.ledger.internal.CorrectEntry;
import com.jifen.ledger.internal.CorrectEntry.CorrectEntryInput;
import com.jifen.ledger.internal.CorrectEntry.CorrectEntryPayload;
import com.jifen.ledger.internal.EntryEvidence;
import com.jifen.ledger.internal.RecordEntry;
import com.jifen.ledger.internal.RecordEntry.PostEntryInput;
import com.jifen.organization.Member;
import com.jifen.organization.MemberService;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** 加分/扣分 and corrections through GraphQL, with each entry's member and evidence loaded in batches. */
@Controller
class EntryController {
  private final RecordEntry recording;
  private final CorrectEntry correction;
  private final EntryEvidence evidence;
  private final MemberService members;

  EntryController(RecordEntry recording, CorrectEntry correction, EntryEvidence evidence, MemberService members) {
    this.recording = recording;
    this.correction = correction;
    this.evidence = evidence;
    this.members = members;
  }

  /** @param warnings e.g. an addition above the scheme's yearly cap: kept, but the excess does not count */
  record PostEntryPayload(LedgerEntry entry, List<String> warnings) {}

  @MutationMapping
  Mono<PostEntryPayload> postEntry(CurrentUser caller, @Argument PostEntryInput input) {
    return recording.post(caller, input)
        .flatMap(entry -> recording.capWarnings(caller, entry).map(w -> new PostEntryPayload(entry, w)));
  }

  @MutationMapping
  Mono<CorrectEntryPayload> correctEntry(CurrentUser caller, @Argument CorrectEntryInput input) {
    return correction.correct(caller, input);
  }

  @QueryMapping
  Mono<Evidence> evidence(CurrentUser caller, @Argument String id) {
    return evidence.withFile(caller, id);
  }

  @BatchMapping(typeName = "LedgerEntry", field = "member")
  Mono<Map<LedgerEntry, Member>> entryMember(List<LedgerEntry> list) {
    var ids = list.stream().map(LedgerEntry::memberId).collect(Collectors.toSet());
    return members.byIds(list.getFirst().tenantId(), ids).map(byId -> list.stream()
        .collect(Collectors.toMap(Function.identity(), e -> byId.get(e.memberId()))));
  }

  @BatchMapping(typeName = "LedgerEntry", field = "evidence")
  Mono<Map<LedgerEntry, Evidence>> entryEvidence(List<LedgerEntry> list) {
    var ids = list.stream().map(LedgerEntry::evidenceId).filter(Objects::nonNull).collect(Collectors.toSet());
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    return evidence.byIds(list.getFirst().tenantId(), ids, false).map(byId -> list.stream()
        .filter(e -> e.evidenceId() != null && byId.containsKey(e.evidenceId()))
        .collect(Collectors.toMap(Function.identity(), e -> byId.get(e.evidenceId()))));
  }
}
