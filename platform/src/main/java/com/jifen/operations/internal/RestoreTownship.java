package com.jifen.operations.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.ledger.RankingService;
import com.jifen.shared.DomainException;
import com.jifen.shared.ErrorKind;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.PlatformDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * 恢复: a township brought back from its export ({@link ExportTownship}) into the running platform, every other
 * township untouched: only a township that no longer exists (deleted, or never here), only from an archive whose
 * checksums match what was recorded at export, and only rows of that township (a line of another township refuses
 * the whole archive). One transaction as the platform role: each table's lines, in dependency order, become rows
 * through PostgreSQL's own {@code json_populate_record} (the inverse of the export's {@code row_to_json}); at the
 * end every table must hold exactly the archive's rows, compared in SQL, or nothing is stored. Rows that triggers
 * derive while the restore runs (the county review's figures) are replaced by the archived ones. The township comes
 * back with the status it had when exported.
 */
@Service
public class RestoreTownship {
  private static final int BATCH = 500;

  private final PlatformDatabase platform;
  private final ExportTownship exports;
  private final AuditLog audit;
  private final RankingService rankings;

  RestoreTownship(PlatformDatabase platform, ExportTownship exports, AuditLog audit, RankingService rankings) {
    this.platform = platform;
    this.exports = exports;
    this.audit = audit;
    this.rankings = rankings;
  }

  public record Restored(String township, UUID exportId, long rows, int tables) {}

  public Mono<Restored> restore(CurrentUser operator, UUID exportId, String confirmCode) {
    operator.require(Role.PLATFORM_ADMIN);
    return platform.mono(db -> ArchiveQueries.export(db, exportId)
            .switchIfEmpty(Mono.error(DomainException.notFound("导出文件", exportId)))
            .flatMap(export -> {
              if (!export.township().equals(confirmCode)) {
                return Mono.error(DomainException.badRequest("CONFIRMATION_REQUIRED",
                    "请再次输入乡镇代码 %s 以确认恢复".formatted(export.township())));
              }
              return OperationsQueries.townshipExists(db, export.township())
                  .flatMap(exists -> exists ? Mono.error(DomainException.conflict("TOWNSHIP_EXISTS",
                          "乡镇 %s 仍在平台上；只能恢复已注销的乡镇（如需回退，请先导出并注销）".formatted(export.township()), Map.of()))
                      : exports.file(operator, exportId))
                  .flatMap(file -> verifiedArchive(file, export))
                  .flatMap(file -> load(db, export, file))
                  .map(r -> new Restored(r.township(), exportId, r.rows(), r.tables()))
                  .flatMap(restored -> audit.record(db, new TenantId(export.township()), operator.username(), "restoreTownship",
                          export.township(), Map.of("exportId", exportId.toString(), "rows", restored.rows()))
                      .thenReturn(restored));
            }))
        .flatMap(r -> rankings.invalidateTownship(new TenantId(r.township())).thenReturn(r));
  }

  /** The archive as it was written: its whole checksum, then (while reading) each table file's. */
  private Mono<Path> verifiedArchive(Path file, ArchiveQueries.ExportRecord export) {
    return Mono.fromCallable(() -> {
      try (InputStream in = Files.newInputStream(file)) {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        in.transferTo(new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), digest));
        if (!HexFormat.of().formatHex(digest.digest()).equals(export.sha256())) {
          throw damaged("归档文件的校验值与导出时记录的不一致");
        }
      }
      return file;
    }).subscribeOn(Schedulers.boundedElastic());
  }

  private static DomainException damaged(String why) {
    return new DomainException(ErrorKind.BAD_REQUEST, "EXPORT_DAMAGED", why + "，不能据此恢复 (the archive does not match its export record)");
  }

  private Mono<Restored> load(DatabaseClient db, ArchiveQueries.ExportRecord export, Path file) {
    String township = export.township();
    return ArchiveQueries.createStaging(db).then(TownshipTables.inDependencyOrder(db)).flatMap(tables -> {
      List<String> unknown = export.manifest().keySet().stream().filter(f -> f.startsWith("tables/"))
          .map(f -> f.substring("tables/".length(), f.length() - ".jsonl".length())).filter(t -> !tables.contains(t)).toList();
      if (!unknown.isEmpty()) {
        return Mono.error(damaged("归档中有平台上不存在的表 " + unknown));
      }
      ZipFile zip = open(file);
      return Flux.fromIterable(tables)
          .concatMap(table -> stage(db, zip, export, table).then(insert(db, table, township)))
          .reduce(0L, Long::sum)
          // triggers may have derived rows of tables restored before them: such tables get the archived rows back
          .flatMap(rows -> Flux.fromIterable(tables).concatMap(table -> ArchiveQueries.differencesFromStaged(db, table, township)
                  .flatMap(d -> d == 0 ? Mono.<Long>empty()
                      : ArchiveQueries.deleteRows(db, table, township)
                          .then(insert(db, table, township))))
              .then(Flux.fromIterable(tables).concatMap(table -> ArchiveQueries.differencesFromStaged(db, table, township)
                  .filter(d -> d > 0).map(d -> table)).collectList())
              .flatMap(mismatched -> mismatched.isEmpty() ? Mono.just(new Restored(township, null, rows, tables.size()))
                  : Mono.error(new DomainException(ErrorKind.CONFLICT, "RESTORE_MISMATCH",
                      "恢复后这些表与归档不一致，已全部撤销: " + mismatched, Map.of()))))
          .doFinally(s -> close(zip));
    });
  }

  /** A table's archived lines into the staging table, checked against the manifest and for their township. */
  private Mono<Void> stage(DatabaseClient db, ZipFile zip, ArchiveQueries.ExportRecord export, String table) {
    String name = "tables/" + table + ".jsonl";
    ZipEntry entry = zip.getEntry(name);
    ExportTownship.ManifestEntry expected = export.manifest().get(name);
    if (entry == null || expected == null) {
      // a table added after the export: the township had no rows in it
      return entry == null && expected == null ? Mono.empty() : Mono.error(damaged(name + " 与清单不符"));
    }
    return Mono.fromCallable(() -> readLines(zip, entry, expected)).subscribeOn(Schedulers.boundedElastic())
        .flatMapMany(lines -> Flux.range(0, (lines.size() + BATCH - 1) / BATCH)
            .map(i -> lines.subList(i * BATCH, Math.min(lines.size(), (i + 1) * BATCH))))
        .concatMap(batch -> ArchiveQueries.stage(db, table, batch))
        .then(ArchiveQueries.stagedOfOtherTownships(db, table, export.township())
            .flatMap(n -> n > 0 ? Mono.error(damaged(name + " 中有其他乡镇的行")) : Mono.empty()));
  }

  private static List<String> readLines(ZipFile zip, ZipEntry entry, ExportTownship.ManifestEntry expected) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    List<String> lines = new ArrayList<>();
    try (var reader = new BufferedReader(new InputStreamReader(new DigestInputStream(zip.getInputStream(entry), digest), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    }
    if (!HexFormat.of().formatHex(digest.digest()).equals(expected.sha256()) || lines.size() != expected.rows()) {
      throw damaged(expected.file() + " 的校验值或行数与清单不符");
    }
    return lines;
  }

  private static Mono<Long> insert(DatabaseClient db, String table, String township) {
    return ArchiveQueries.insertStaged(db, table)
        .onErrorMap(e -> !(e instanceof DomainException), e -> new DomainException(ErrorKind.CONFLICT, "RESTORE_FAILED",
            "表 %s 无法按归档恢复（归档之后表结构可能已变），已全部撤销".formatted(table), Map.of("table", table)));
  }

  private static ZipFile open(Path file) {
    try {
      return new ZipFile(file.toFile(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void close(ZipFile zip) {
    try {
      zip.close();
    } catch (IOException ignored) {
      // read-only; nothing to lose
    }
  }
}
