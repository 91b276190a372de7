import CompressNIO
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// gzip for text responses (HTML, JSON, CSS, JavaScript, SVG, plain text) of 512 bytes or more when
/// the client sends `Accept-Encoding: gzip`. A handler whose body is the same for everyone who
/// gets it (a standings page of one version) names it with `Response.cacheCompressed(as:)`, and
/// its compressed form is kept and served again instead of compressed per request.
public struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    let cache: CompressedBodies
    /// Smaller bodies are sent as they are: gzip would save little and cost a round of work.
    static var minimumSize: Int { 512 }

    /// Creates the middleware with its cache of compressed bodies.
    public init(cache: CompressedBodies = CompressedBodies()) { self.cache = cache }

    /// Compresses the response when the client accepts gzip and the body is worth it.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        let key = response.headers[CompressedBodies.keyField]
        response.headers[CompressedBodies.keyField] = nil
        guard Self.isCompressible(response) else { return response }
        if !response.headers[values: .vary].contains(where: { $0.lowercased().contains("accept-encoding") }) {
            response.headers.append(HTTPField(name: .vary, value: "Accept-Encoding"))
        }
        guard request.method != .head, Self.acceptsGzip(request.headers[values: .acceptEncoding]), request.headers[.range] == nil else { return response }
        if let length = response.body.contentLength, length < Self.minimumSize { return response }
        if let key, let hit = cache.value(key) { return Self.compressed(response, hit) }
        let body = try await Self.collect(response.body)
        guard body.readableBytes >= Self.minimumSize else {
            response.body = .init(byteBuffer: body)
            return response
        }
        // Kept bodies are compressed once, so harder; the others per request, so fast (level 1:
        // about 5% larger than level 5 on pages, in a third of the time).
        let gzipped = try (key == nil ? GzipPool.fast : GzipPool.thorough).compress(body)
        if let key { cache.store(key, gzipped) }
        return Self.compressed(response, gzipped)
    }

    static func compressed(_ response: Response, _ body: ByteBuffer) -> Response {
        var response = response
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = nil
        if let etag = response.headers[.eTag], !etag.hasPrefix("W/") { response.headers[.eTag] = "W/" + etag }
        response.body = .init(byteBuffer: body)
        return response
    }

    static func isCompressible(_ response: Response) -> Bool {
        guard response.headers[.contentEncoding] == nil, response.status.code >= 200, ![204, 206, 304].contains(response.status.code),
              let type = response.headers[.contentType]?.lowercased() else { return false }
        return type.hasPrefix("text/") || type.hasPrefix("application/json") || type.hasPrefix("application/javascript")
            || type.hasPrefix("image/svg+xml") || type.hasPrefix("application/xml")
    }

    /// Whether an `Accept-Encoding` list names gzip (or `*`) with a weight above 0.
    static func acceptsGzip(_ values: [String]) -> Bool {
        for item in values.joined(separator: ",").split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if weight > 0 { return true }
        }
        return false
    }

    static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let box = CollectedBody()
        try await body.write(CollectingWriter(box: box))
        return box.buffer
    }
}

/// Compressed bodies by the key their handler gave them (bounded: cleared when it grows past 64).
public final class CompressedBodies: Sendable {
    /// The response header through which a handler names its body (removed before sending).
    public static let keyField = HTTPField.Name("X-Arena-Compression-Key")!
    private let entries = NIOLockedValueBox<[String: ByteBuffer]>([:])

    /// An empty cache.
    public init() {}

    func value(_ key: String) -> ByteBuffer? { entries.withLockedValue { $0[key] } }

    func store(_ key: String, _ body: ByteBuffer) {
        entries.withLockedValue { entries in
            if entries.count >= 64 { entries.removeAll() }
            entries[key] = body
        }
    }
}

extension Response {
    /// Marks the body as the same for everyone who gets it under `key`, so its gzip form is
    /// computed once and kept (`CompressionMiddleware`).
    public mutating func cacheCompressed(as key: String) {
        headers[CompressedBodies.keyField] = key
    }
}

final class CollectedBody: @unchecked Sendable {
    var buffer = ByteBuffer()
}

struct CollectingWriter: ResponseBodyWriter {
    let box: CollectedBody

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        box.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// Gzip streams kept for reuse: a fresh zlib stream allocates and clears about 270 KB, which for a
/// page of a few KB costs a good part of compressing it; a kept one is only reset (`deflateReset`).
final class GzipPool: @unchecked Sendable {
    /// For bodies compressed per request.
    static let fast = GzipPool(level: .fastestCompression)
    /// For bodies compressed once and kept.
    static let thorough = GzipPool(level: .compressionLevel5)
    /// Streams kept when idle (about 270 KB each); more are made when busy and dropped after use.
    static let kept = 8
    let level: ZlibConfiguration.CompressionLevel
    private let idle = NIOLockedValueBox<[ZlibCompressor]>([])

    init(level: ZlibConfiguration.CompressionLevel) { self.level = level }

    func compress(_ body: ByteBuffer) throws -> ByteBuffer {
        let compressor = try idle.withLockedValue { $0.popLast() } ?? ZlibCompressor(algorithm: .gzip, configuration: .init(compressionLevel: level))
        var input = body
        var output = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: input))
        try compressor.deflate(from: &input, to: &output, flush: .finish)  // maxSize is enough: one call ends the stream
        try compressor.reset()
        idle.withLockedValue { if $0.count < Self.kept { $0.append(compressor) } }
        return output
    }
}
