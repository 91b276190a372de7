import ArenaCore
import ArenaStorage
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Turns every error into a clear answer: `{"error": …}` JSON under `/api`, an HTML page
/// elsewhere. User errors keep their 4xx status and message; anything else is a 500 whose real
/// cause is logged (never shown); while the database is unreachable, a 503 with `Retry-After`.
/// Also echoes the request id as `X-Request-Id`.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = ArenaRequestContext
    private let renderer: PageRenderer

    /// Creates the middleware; HTML error pages are rendered with `renderer`.
    public init(renderer: PageRenderer) { self.renderer = renderer }

    /// Runs the rest of the chain and converts what it throws.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let (status, message, headers) = Self.describe(error, logger: context.logger, request: request)
            response = Self.wantsJSON(request)
                ? JSONBody.response(["error": message], status: status)
                : renderer.errorPage(status: status, message: message, context: context)
            for (name, value) in headers {
                if let field = HTTPField.Name(name) { response.headers[field] = value }
            }
        }
        response.headers[.init("X-Request-Id")!] = context.id
        return response
    }

    /// Whether the caller expects JSON (API paths and clients asking for JSON).
    static func wantsJSON(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api/") || request.uri.path.hasPrefix("/ws/")
            || (request.headers[.accept]?.hasPrefix("application/json") ?? false)
    }

    static func describe(_ error: any Error, logger: Logger, request: Request) -> (HTTPResponse.Status, String, [String: String]) {
        switch error {
        case let error as UserError:
            return (.init(code: error.status), error.message, error.headers)
        case let error as HTTPError:
            if error.status.code >= 500 { logger.error("\(request.method) \(request.uri.path) failed: \(String(reflecting: error))") }
            let message = error.body ?? Self.defaultMessage(error.status)
            return (error.status, message, [:])
        case is NIOTooManyBytesError:
            return (.contentTooLarge, "The request body is too large.", [:])
        case is DecodingError:
            return (.badRequest, "The request body is not valid: \(Self.explain(error))", [:])
        case _ where DatabaseUnavailable.describes(error):
            logger.warning("\(request.method) \(request.uri.path): 503, database unreachable: \(String(reflecting: error))")
            return (.serviceUnavailable, "The service is briefly unavailable (its database cannot be reached). Please try again in a few seconds.",
                    ["Retry-After": "2"])
        default:
            logger.error("\(request.method) \(request.uri.path) failed: \(String(reflecting: error))")
            return (.internalServerError, "Something went wrong on our side; it has been logged.", [:])
        }
    }

    static func defaultMessage(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "There is nothing at this address."
        case 405: "This address does not accept that method."
        case 413: "The request body is too large."
        default: status.reasonPhrase
        }
    }

    /// A short reason for a JSON decoding failure, naming the field.
    static func explain(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "malformed" }
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let ctx): return "missing field \"\(path(ctx.codingPath + [key]))\""
        case .typeMismatch(_, let ctx): return "field \"\(path(ctx.codingPath))\" has the wrong type"
        case .valueNotFound(_, let ctx): return "field \"\(path(ctx.codingPath))\" is null"
        case .dataCorrupted(let ctx): return ctx.codingPath.isEmpty ? "malformed JSON" : "field \"\(path(ctx.codingPath))\" is malformed"
        @unknown default: return "malformed"
        }
    }
}
