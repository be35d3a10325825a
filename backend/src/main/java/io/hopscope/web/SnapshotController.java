package io.hopscope.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hopscope.snapshot.Snapshot;
import io.hopscope.snapshot.SnapshotDiff;
import io.hopscope.snapshot.SnapshotDiffs;
import io.hopscope.snapshot.SnapshotImportException;
import io.hopscope.snapshot.SnapshotImporter;
import io.hopscope.snapshot.SnapshotProperties;
import io.hopscope.snapshot.Snapshots;
import io.hopscope.snapshot.UploadTooLargeException;
import io.hopscope.topology.ClusterState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The snapshot API: capture, import, list, read, export, delete, diff. */
@RestController
@RequestMapping("/api/v1/snapshots")
@Tag(name = "snapshots", description = "Stored cluster states: capture, import, export, diff")
class SnapshotController {

  /** Capture takes at most a small JSON object with a name. */
  private static final int MAX_CAPTURE_BODY = 16 * 1024;

  private static final int EXPORT_CHUNK = 64 * 1024;
  private static final int MAX_PAGE_SIZE = 200;

  private final Snapshots snapshots;
  private final SnapshotImporter importer;
  private final SnapshotProperties properties;
  private final SnapshotDiffs diffs;
  private final Analyses analyses;

  SnapshotController(
      Snapshots snapshots,
      SnapshotImporter importer,
      SnapshotProperties properties,
      SnapshotDiffs diffs,
      Analyses analyses) {
    this.snapshots = snapshots;
    this.importer = importer;
    this.properties = properties;
    this.diffs = diffs;
    this.analyses = analyses;
  }

  /** The answer to a capture or an import. {@code warnings} only for imports. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Created(
      String id,
      String name,
      Instant createdAt,
      Snapshot.Source source,
      String url,
      List<String> warnings) {
    static Created of(Snapshot snapshot, List<String> warnings) {
      return new Created(
          snapshot.id(),
          snapshot.name(),
          snapshot.createdAt(),
          snapshot.source(),
          "/snapshots/" + snapshot.id(),
          warnings);
    }
  }

  /** The optional body of a capture. */
  @Schema(name = "CaptureRequest")
  record CaptureRequest(
      @Schema(
              description = "the snapshot's name (default: 'Snapshot' and the time)",
              example = "before the change")
          String name) {}

  /** One page of the list, newest first. */
  record Listing(List<Snapshot> items, int page, int size, long total) {}

  @PostMapping
  @Operation(
      summary = "Store the current cluster state as a snapshot",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = false,
              description = "an optional name; no body gets a default name",
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = CaptureRequest.class))))
  @ApiResponses({
    @ApiResponse(
        responseCode = "201",
        description = "stored; Location names the new snapshot",
        content =
            @Content(
                mediaType = "application/json",
                schema = @Schema(implementation = Created.class))),
    @ApiResponse(responseCode = "400", description = "the body is not {\"name\": \"...\"}"),
    @ApiResponse(responseCode = "413", description = "the body is larger than 16 KiB")
  })
  Mono<ResponseEntity<Created>> capture(@Parameter(hidden = true) ServerHttpRequest request) {
    return readBody(request, MAX_CAPTURE_BODY)
        .map(SnapshotController::nameOf)
        .defaultIfEmpty("")
        .flatMap(name -> snapshots.capture(name, Snapshot.Origin.CAPTURE))
        .onErrorMap(
            IllegalArgumentException.class, e -> ApiException.badParameter("name", e.getMessage()))
        .map(snapshot -> created(snapshot, null));
  }

  @PostMapping("/import")
  @Operation(
      summary =
          "Store an uploaded state: a Hopscope export (any format version), or Kubernetes manifests",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              description =
                  "a Hopscope export (JSON), Kubernetes manifests (YAML or JSON), or either gzipped",
              content = {
                @Content(
                    mediaType = "application/json",
                    schema = @Schema(type = "object", description = "an export or manifests")),
                @Content(
                    mediaType = "application/yaml",
                    schema = @Schema(type = "string", description = "Kubernetes manifests")),
                @Content(
                    mediaType = "application/gzip",
                    schema = @Schema(type = "string", format = "binary"))
              }))
  @ApiResponses({
    @ApiResponse(
        responseCode = "201",
        description = "stored; warnings list documents skipped or fixed up",
        content =
            @Content(
                mediaType = "application/json",
                schema = @Schema(implementation = Created.class))),
    @ApiResponse(
        responseCode = "400",
        description = "the upload cannot be read (the problem says where)"),
    @ApiResponse(
        responseCode = "413",
        description = "the upload, or what it unzips to, is too large"),
    @ApiResponse(responseCode = "415", description = "not JSON, YAML or gzip")
  })
  Mono<ResponseEntity<Created>> importUpload(
      @Parameter(hidden = true) ServerHttpRequest request,
      @Parameter(description = "the snapshot's name (default: the export's own name)")
          @RequestParam(required = false)
          String name,
      @Parameter(
              description =
                  "the uploaded file's name: names the snapshot when neither name nor the export"
                      + " gives one")
          @RequestParam(required = false)
          String fileName) {
    String file = firstNonBlank(name, fileName);
    String origin =
        file == null || file.isBlank() ? "upload" : "upload '" + abbreviate(file.strip()) + "'";
    // the body is read (bounded) before the type is checked: an unread body would stall the
    // connection
    return readBody(request, properties.maxUpload().toBytes())
        .switchIfEmpty(Mono.error(() -> ApiException.badParameter("body", "the upload is empty")))
        .publishOn(Schedulers.boundedElastic())
        .map(body -> read(origin, request.getHeaders().getContentType(), body))
        .onErrorMap(
            SnapshotImportException.class, e -> ApiException.badParameter("body", e.getMessage()))
        .onErrorMap(
            UploadTooLargeException.class, e -> ApiException.payloadTooLarge(e.getMessage()))
        .flatMap(
            imported ->
                snapshots
                    .store(
                        firstNonBlank(firstNonBlank(name, imported.name()), fileName),
                        imported.state())
                    .onErrorMap(
                        IllegalArgumentException.class,
                        e -> ApiException.badParameter("name", e.getMessage()))
                    .map(snapshot -> created(snapshot, imported.warnings())));
  }

  /** An upload as a state: gzip is read as it unzips (bounded), then as its content says. */
  private SnapshotImporter.Imported read(String origin, MediaType type, byte[] body) {
    if (GzipUpload.is(type)) {
      return importer.read(origin, GzipUpload.open(body, properties.maxUnzipped().toBytes()));
    }
    return importer.read(origin, formatOf(type), body);
  }

  @GetMapping
  @Operation(summary = "The stored snapshots, newest first, one page at a time")
  @ApiResponses({
    @ApiResponse(responseCode = "200", description = "one page"),
    @ApiResponse(responseCode = "400", description = "a bad page or size")
  })
  Mono<Listing> list(
      @Parameter(schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
          @RequestParam(defaultValue = "0")
          String page,
      @Parameter(
              schema =
                  @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "20"))
          @RequestParam(defaultValue = "20")
          String size) {
    int pageNumber = intParameter("page", page, 0, 1_000_000);
    int pageSize = intParameter("size", size, 1, MAX_PAGE_SIZE);
    return snapshots
        .list(pageNumber, pageSize)
        .map(p -> new Listing(p.items(), p.page(), p.size(), p.total()));
  }

  /** The same shape as {@code GET /api/v1/topology}: the state, its counts and lint findings. */
  @GetMapping("/{id}")
  @Operation(summary = "A snapshot's state, in the shape of GET /api/v1/topology")
  @ApiResponses({
    @ApiResponse(responseCode = "200", description = "the state"),
    @ApiResponse(responseCode = "404", description = "no such snapshot")
  })
  Mono<TopologyView> get(@PathVariable String id) {
    return snapshots
        .load(id)
        .switchIfEmpty(Mono.error(() -> notFound(id)))
        .publishOn(Schedulers.boundedElastic())
        .map(state -> TopologyView.of(analyses.of(state)));
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a snapshot")
  @ApiResponses({
    @ApiResponse(responseCode = "204", description = "deleted"),
    @ApiResponse(responseCode = "404", description = "no such snapshot")
  })
  Mono<ResponseEntity<Void>> delete(@PathVariable String id) {
    return snapshots
        .delete(id)
        .flatMap(
            deleted ->
                deleted
                    ? Mono.just(ResponseEntity.noContent().<Void>build())
                    : Mono.error(notFound(id)));
  }

  @GetMapping("/{id}/export")
  @Operation(summary = "Download a snapshot as a file that import reads back (formatVersion 2)")
  @ApiResponses({
    @ApiResponse(
        responseCode = "200",
        description = "the export",
        content = {
          @Content(mediaType = "application/json", schema = @Schema(type = "object")),
          @Content(
              mediaType = "application/gzip",
              schema = @Schema(type = "string", format = "binary"))
        }),
    @ApiResponse(responseCode = "400", description = "a bad compress value"),
    @ApiResponse(responseCode = "404", description = "no such snapshot")
  })
  Mono<ResponseEntity<Flux<DataBuffer>>> export(
      @PathVariable String id,
      @Parameter(
              description = "gzip, or none (default)",
              schema =
                  @Schema(
                      allowableValues = {"gzip", "none"},
                      defaultValue = "none"))
          @RequestParam(required = false)
          String compress) {
    boolean gzip = compressionOf(compress);
    return snapshots
        .export(id)
        .switchIfEmpty(Mono.error(() -> notFound(id)))
        .map(
            file ->
                ResponseEntity.ok()
                    .contentType(gzip ? GZIP : MediaType.APPLICATION_JSON)
                    .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                            .filename("hopscope-snapshot-" + id + (gzip ? ".json.gz" : ".json"))
                            .build()
                            .toString())
                    .body(gzip ? gzipped(file) : plain(file)));
  }

  private static final MediaType GZIP = new MediaType("application", "gzip");

  private static boolean compressionOf(String compress) {
    if (compress == null || compress.isBlank() || compress.equalsIgnoreCase("none")) {
      return false;
    }
    if (compress.equalsIgnoreCase("gzip")) {
      return true;
    }
    throw ApiException.badParameter(
        "compress", "compress must be gzip or none, not '" + abbreviate(compress) + "'");
  }

  /** Streamed in 64 KiB parts as gzip gives them back, never on the event loop. */
  private static Flux<DataBuffer> plain(java.io.InputStream file) {
    return DataBufferUtils.readInputStream(
            () -> file, DefaultDataBufferFactory.sharedInstance, EXPORT_CHUNK)
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** The export file compressed as it streams (about 35 times smaller for large clusters). */
  private static Flux<DataBuffer> gzipped(java.io.InputStream file) {
    return Flux.from(
        DataBufferUtils.outputStreamPublisher(
            out -> {
              try (file;
                  var gzip = new java.util.zip.GZIPOutputStream(out, EXPORT_CHUNK)) {
                file.transferTo(gzip);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            DefaultDataBufferFactory.sharedInstance,
            Schedulers.boundedElastic()::schedule,
            EXPORT_CHUNK));
  }

  @GetMapping("/{a}/diff/{b}")
  @Operation(summary = "What changed from snapshot a to snapshot b, connectivity included")
  @ApiResponses({
    @ApiResponse(responseCode = "200", description = "the differences"),
    @ApiResponse(responseCode = "404", description = "no such snapshot (the problem names a or b)")
  })
  Mono<SnapshotDiff> diff(@PathVariable String a, @PathVariable String b) {
    Mono<ClusterState> before = snapshots.load(a).switchIfEmpty(Mono.error(() -> unknown("a", a)));
    Mono<ClusterState> after = snapshots.load(b).switchIfEmpty(Mono.error(() -> unknown("b", b)));
    return Mono.zip(before, after)
        .publishOn(Schedulers.boundedElastic())
        .map(
            states ->
                diffs.between(
                    states.getT1(),
                    states.getT2(),
                    analyses.of(states.getT1()).connectivity(SnapshotDiffs.SEMANTICS),
                    analyses.of(states.getT2()).connectivity(SnapshotDiffs.SEMANTICS)));
  }

  static ApiException notFound(String id) {
    return ApiException.notFound("no snapshot with id '" + abbreviate(id) + "'");
  }

  private static ApiException unknown(String parameter, String id) {
    return ApiException.unknown(parameter, "no snapshot with id '" + abbreviate(id) + "'");
  }

  private static ResponseEntity<Created> created(Snapshot snapshot, List<String> warnings) {
    return ResponseEntity.created(URI.create("/api/v1/snapshots/" + snapshot.id()))
        .body(Created.of(snapshot, warnings));
  }

  /**
   * The body, refused with 413 as soon as it grows beyond {@code limit} (a declared Content-Length
   * beyond it is refused before reading anything).
   */
  private static Mono<byte[]> readBody(ServerHttpRequest request, long limit) {
    long declared = request.getHeaders().getContentLength();
    if (declared > limit) {
      return Mono.error(tooLarge(limit));
    }
    return DataBufferUtils.join(request.getBody(), (int) Math.min(Integer.MAX_VALUE - 8, limit))
        .map(
            buffer -> {
              try {
                byte[] bytes = new byte[buffer.readableByteCount()];
                buffer.read(bytes);
                return bytes;
              } finally {
                DataBufferUtils.release(buffer);
              }
            })
        .filter(bytes -> bytes.length > 0)
        .onErrorMap(DataBufferLimitException.class, e -> tooLarge(limit));
  }

  private static ApiException tooLarge(long limit) {
    return ApiException.payloadTooLarge(
        "the body is larger than " + limit + " bytes (hopscope.snapshots.max-upload for imports)");
  }

  /** {@code {"name": ...}} or nothing; anything else is a bad request. */
  private static String nameOf(byte[] body) {
    JsonNode tree;
    try {
      tree = JsonMapper.shared().readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badParameter(
          "body", "expected a JSON object like {\"name\": \"...\"}: " + e.getOriginalMessage());
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return "";
    }
    if (!tree.isObject()) {
      throw ApiException.badParameter("body", "expected a JSON object like {\"name\": \"...\"}");
    }
    JsonNode name = tree.get("name");
    if (name == null || name.isNull()) {
      return "";
    }
    if (!name.isString()) {
      throw ApiException.badParameter("name", "name must be a string");
    }
    return name.asString();
  }

  private static SnapshotImporter.Format formatOf(MediaType type) {
    if (type == null) {
      throw ApiException.unsupportedMediaType(
          "send the upload as application/yaml, application/json or application/gzip");
    }
    String subtype = type.getSubtype().toLowerCase(java.util.Locale.ROOT);
    if (subtype.equals("json") || subtype.endsWith("+json")) {
      return SnapshotImporter.Format.JSON;
    }
    if (subtype.equals("yaml") || subtype.equals("x-yaml") || subtype.endsWith("+yaml")) {
      return SnapshotImporter.Format.YAML;
    }
    throw ApiException.unsupportedMediaType(
        "'"
            + type
            + "' is not supported; send application/yaml, application/json"
            + " or application/gzip");
  }

  static int intParameter(String parameter, String text, int min, int max) {
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badParameter(
          parameter, parameter + " must be a whole number, not '" + abbreviate(text) + "'");
    }
    if (value < min || value > max) {
      throw ApiException.badParameter(
          parameter, parameter + " must be between " + min + " and " + max);
    }
    return value;
  }

  private static String firstNonBlank(String first, String second) {
    return first != null && !first.isBlank() ? first : second;
  }

  static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
