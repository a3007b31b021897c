package com.jifen.operations.internal;

import com.jifen.identity.CurrentUsers;
import com.jifen.shared.DomainException;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The operator downloads a township's export archive over HTTP (bearer token with the platform-admin role). */
@RestController
class ExportDownloadController {
  private final ExportTownship exports;

  ExportDownloadController(ExportTownship exports) {
    this.exports = exports;
  }

  @GetMapping("/operations/exports/{id}")
  Mono<ResponseEntity<Resource>> download(@PathVariable String id) {
    UUID exportId;
    try {
      exportId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Mono.just(ResponseEntity.notFound().build());
    }
    return CurrentUsers.current().flatMap(u -> exports.file(u, exportId))
        .map(path -> ResponseEntity.ok()
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(path.getFileName().toString()).build().toString())
            .contentType(MediaType.parseMediaType("application/zip"))
            .body((Resource) new FileSystemResource(path)))
        .onErrorResume(DomainException.class, e -> Mono.just(ResponseEntity.status(switch (e.kind()) {
          case FORBIDDEN -> 403;
          case NOT_FOUND -> 404;
          default -> 400;
        }).build()));
  }
}
