import ArenaCore
import Hummingbird
import NIOConcurrencyHelpers

/// The routes a router has, by path template, so that a known path asked with a method it does
/// not serve answers 405 with `Allow` (the router alone says 404). Filled once, after every
/// route is added and before the server starts.
public final class RouteTable: Sendable {
    private let templates = NIOLockedValueBox<[(segments: [String], methods: Set<String>)]>([])

    /// An empty table.
    public init() {}

    /// Takes the router's routes (paths like `/api/v1/users/:id` or `/api/v1/users/{id}`).
    public func load(_ routes: [(path: String, method: String)]) {
        var byPath: [String: Set<String>] = [:]
        for route in routes { byPath[route.path, default: []].insert(route.method.uppercased()) }
        templates.withLockedValue { table in
            table = byPath.map { (Self.segments($0.key), $0.value) }
        }
    }

    /// The methods the route that owns `path` serves (empty when no route has this path). As in
    /// the router, a literal segment wins over a parameter: `/submissions/rejudge` belongs to
    /// that route, not to `/submissions/{id}`.
    public func methods(for path: String) -> Set<String> {
        let parts = Self.segments(path)
        return templates.withLockedValue { table in
            let matching = table.filter { Self.matches($0.segments, parts) }
            let literals = { (segments: [String]) in zip(segments, parts).filter { $0.0 == $0.1 }.count }
            guard let best = matching.map({ literals($0.segments) }).max() else { return [] }
            return matching.filter { literals($0.segments) == best }.reduce(into: Set<String>()) { $0.formUnion($1.methods) }
        }
    }

    static func segments(_ path: String) -> [String] { path.split(separator: "/").map(String.init) }

    static func matches(_ template: [String], _ parts: [String]) -> Bool {
        if template.last == "**" { return parts.count >= template.count - 1 && zip(template.dropLast(), parts).allSatisfy(segmentMatches) }
        return template.count == parts.count && zip(template, parts).allSatisfy(segmentMatches)
    }

    static func segmentMatches(_ pair: (String, String)) -> Bool {
        let (template, part) = pair
        return template == part || template == "*" || template.hasPrefix(":") || (template.hasPrefix("{") && template.hasSuffix("}"))
    }
}

/// Turns "no route" into 405 with `Allow` when the path is known under other methods.
public struct MethodNotAllowedMiddleware: RouterMiddleware {
    public typealias Context = ArenaRequestContext
    let table: RouteTable

    /// Creates the middleware over `table`.
    public init(table: RouteTable) { self.table = table }

    /// Passes the request on; rewrites a router 404 into a 405 when another method would match.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound" {
            let allowed = table.methods(for: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { throw error }
            throw UserError(405, "\(request.uri.path) does not accept \(request.method.rawValue); it accepts \(allowed.sorted().joined(separator: ", ")).",
                            headers: ["Allow": allowed.sorted().joined(separator: ", ")])
        }
    }
}
