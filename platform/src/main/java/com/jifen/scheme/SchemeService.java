package com.jifen.scheme;

import com.jifen.identity.CurrentUser;
import com.jifen.scheme.engine.ScoringEngine;
import com.jifen.scheme.internal.PinScheme;
import com.jifen.scheme.internal.PublishScheme;
import com.jifen.scheme.internal.SchemeEngines;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.TenantTx;
import java.time.Instant;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Versioned schemes as other features use them: the engine pinned for a year and member category, or of a given
 * version, inside the caller's tenant transaction; and publishing and pinning (settings files, the demo). A year is
 * pinned to one version per member category, so its results can always be recomputed the same way. Reading schemes,
 * validation and what-if are this feature's own (scheme.internal).
 */
@Service
public class SchemeService {
  private final SchemeEngines engines;
  private final PublishScheme publishing;
  private final PinScheme pinning;

  SchemeService(SchemeEngines engines, PublishScheme publishing, PinScheme pinning) {
    this.engines = engines;
    this.publishing = publishing;
    this.pinning = pinning;
  }

  public record SchemeVersion(
      String schemeCode, int version, String name, Instant publishedAt, String publishedBy, String note,
      String checksum, String yaml) {}

  public record PinnedScheme(int year, String category, String schemeCode, int version) {}

  /** The engine pinned for a year and member category, inside the caller's tenant transaction. */
  public record Pinned(String schemeCode, int version, ScoringEngine engine) {}

  /** Publishes a version; the same text as the latest version returns that version (a retry publishes nothing). */
  public Mono<SchemeVersion> publish(TenantId tenant, String actor, String yaml, String note) {
    return publishing.publish(tenant, actor, yaml, note);
  }

  /** Pins as a township manager (settings files). */
  public Mono<PinnedScheme> pin(CurrentUser user, int year, String category, String code, int version) {
    return pinning.pin(user, year, category, code, version);
  }

  /**
   * Pins a year and category to a version (same pin again is a no-op). Another version may replace it only while the
   * year has no ledger entries for the category and no settlement with it; after that the pin never changes.
   */
  public Mono<PinnedScheme> pin(TenantId tenant, String actor, int year, String category, String code, int version) {
    return pinning.pin(tenant, actor, year, category, code, version);
  }

  public Mono<Pinned> pinnedEngine(TenantTx tx, int year, String category) {
    return engines.pinned(tx, year, category);
  }

  /** The engine of a given version, inside the caller's tenant transaction. */
  public Mono<ScoringEngine> engine(TenantTx tx, String code, int version) {
    return engines.engine(tx, code, version);
  }
}
