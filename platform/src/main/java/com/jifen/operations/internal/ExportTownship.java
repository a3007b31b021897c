package com.jifen.operations.internal;

import com.jifen.audit.AuditLog;
import com.jifen.identity.CurrentUser;
import com.jifen.identity.Role;
import com.jifen.shared.DomainException;
import com.jifen.shared.TenantId;
import com.jifen.tenancy.PlatformDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * 导出: a township's complete data as one ZIP — every township table as JSON lines ({@code tables/<table>.jsonl}, one
 * row per line as PostgreSQL's row_to_json writes it), its evidence files ({@code evidence/<id>-<name>}), and
 * {@code manifest.tsv} (file, rows, SHA-256). Read in one transaction as the platform role, so the archive is one
 * consistent snapshot; rows stream to the file, never all held in memory.
 */
@Service
public class ExportTownship {
  private final PlatformDatabase platform;
  private final AuditLog audit;
  private final Path folder;
  private final Clock clock;

  ExportTownship(PlatformDatabase platform, AuditLog audit, @Value("${jifen.exports.dir}") String folder, Clock clock) {
    this.platform = platform;
    this.audit = audit;
    this.folder = Path.of(folder);
    this.clock = clock;
  }

  public record ManifestEntry(String file, long rows, String sha256) {}

  public record Export(UUID id, String township, String fileName, long sizeBytes, String sha256, List<ManifestEntry> manifest) {
    public String downloadUrl() {
      return "/operations/exports/" + id;
    }
  }

  public Mono<Export> export(CurrentUser operator, String code) {
    operator.require(Role.PLATFORM_ADMIN);
    UUID id = UUID.randomUUID();
    String fileName = "township-%s-%s.zip".formatted(code, id.toString().substring(0, 8));
    // one snapshot for every table: the manifest describes exactly the rows in the archive
    return platform.mono(db -> ArchiveQueries.readOneSnapshot(db)
        .then(OperationsQueries.township(db, code))
        .switchIfEmpty(Mono.error(DomainException.notFound("乡镇", code)))
        .then(write(db, code, folder.resolve(fileName))))
        .flatMap(written -> platform.mono(db -> ArchiveQueries.recordExport(db, id, code, fileName, written.size(), written.sha256(),
                    written.manifest(), operator.username(), clock.instant())
                .then(audit.record(db, new TenantId(code), operator.username(), "exportTownship", code,
                    Map.of("exportId", id.toString(), "sha256", written.sha256(), "files", written.manifest().size()))))
            .thenReturn(new Export(id, code, fileName, written.size(), written.sha256(), written.manifest())));
  }

  /** The archive file of an export, for the operator's download. */
  public Mono<Path> file(CurrentUser operator, UUID exportId) {
    operator.require(Role.PLATFORM_ADMIN);
    return platform.mono(db -> ArchiveQueries.exportFileName(db, exportId).map(folder::resolve))
        .filter(Files::exists)
        .switchIfEmpty(Mono.error(DomainException.notFound("导出文件", exportId)));
  }

  private record Written(long size, String sha256, List<ManifestEntry> manifest) {}

  /** One open entry of the archive: its name, rows and digest so far. */
  private static final class Entry {
    final String name;
    long rows;
    final MessageDigest digest = sha256();

    Entry(String name) {
      this.name = name;
    }
  }

  private Mono<Written> write(DatabaseClient db, String code, Path file) {
    return Mono.fromCallable(() -> {
          Files.createDirectories(file.getParent());
          MessageDigest whole = sha256();
          OutputStream out = new DigestOutputStream(Files.newOutputStream(file), whole);
          return new Object[] {new ZipOutputStream(out, StandardCharsets.UTF_8), whole};
        }).subscribeOn(Schedulers.boundedElastic())
        .flatMap(open -> {
          ZipOutputStream zip = (ZipOutputStream) open[0];
          List<ManifestEntry> manifest = new ArrayList<>();
          Flux<Void> tables = TownshipTables.inDependencyOrder(db).flatMapMany(Flux::fromIterable)
              .concatMap(table -> {
                Entry entry = new Entry("tables/" + table + ".jsonl");
                put(zip, entry.name);
                return ArchiveQueries.rowsAsJson(db, table, code)
                    .publishOn(Schedulers.boundedElastic())
                    .doOnNext(line -> append(zip, entry, (line + "\n").getBytes(StandardCharsets.UTF_8)))
                    .then(Mono.fromRunnable(() -> manifest.add(close(zip, entry))));
              });
          Flux<Void> evidence = ArchiveQueries.evidenceFiles(db, code)
              .publishOn(Schedulers.boundedElastic())
              .concatMap(row -> Mono.fromRunnable(() -> {
                Entry entry = new Entry("evidence/" + row.id() + "-" + safe(row.fileName()));
                put(zip, entry.name);
                append(zip, entry, row.content());
                entry.rows = 1;
                manifest.add(close(zip, entry));
              }));
          return tables.thenMany(evidence).then(Mono.fromCallable(() -> {
            StringBuilder tsv = new StringBuilder("file\trows\tsha256\n");
            manifest.forEach(m -> tsv.append(m.file()).append('\t').append(m.rows()).append('\t').append(m.sha256()).append('\n'));
            Entry entry = new Entry("manifest.tsv");
            put(zip, entry.name);
            append(zip, entry, tsv.toString().getBytes(StandardCharsets.UTF_8));
            close(zip, entry);
            zip.close();
            return new Written(Files.size(file), HexFormat.of().formatHex(((MessageDigest) open[1]).digest()), List.copyOf(manifest));
          }).subscribeOn(Schedulers.boundedElastic()))
              .doOnError(e -> {
                try {
                  zip.close();
                  Files.deleteIfExists(file);
                } catch (IOException ignored) {
                  // the export failed already; the partial file is best-effort removed
                }
              });
        });
  }

  private static String safe(String name) {
    return name == null ? "file" : name.replaceAll("[^\\p{L}\\p{N}._-]", "_");
  }

  private static void put(ZipOutputStream zip, String name) {
    try {
      zip.putNextEntry(new ZipEntry(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void append(ZipOutputStream zip, Entry entry, byte[] bytes) {
    try {
      zip.write(bytes);
      entry.digest.update(bytes);
      entry.rows++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ManifestEntry close(ZipOutputStream zip, Entry entry) {
    try {
      zip.closeEntry();
      return new ManifestEntry(entry.name, entry.rows, HexFormat.of().formatHex(entry.digest.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
